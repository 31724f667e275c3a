/* test-demo.c: the demo programme, its realism and its determinism
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pairings-demo.h"
#include "pairings-stats.h"
#include "pairings-store-private.h"

typedef struct
{
  char          *dir;
  PairingsStore *store;
} TestDb;

static TestDb *
test_db_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TestDb *db = g_new0 (TestDb, 1);

  db->dir = g_dir_make_tmp ("pairings-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (db->dir, "demo.db", NULL);
  db->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);

  return db;
}

static void
test_db_free (TestDb *db)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* The store first: closing it checkpoints and removes the WAL files. */
  g_clear_object (&db->store);

  dir = g_dir_open (db->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (db->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (db->dir);
  g_free (db->dir);
  g_free (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDb, test_db_free)

static TestDb *
demo_db_new (void)
{
  g_autoptr(GError) error = NULL;
  TestDb *db = test_db_new ();
  gint64 start = g_get_monotonic_time ();

  g_assert_true (pairings_demo_fill (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("demo filled in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  return db;
}

static gint64
query_int (TestDb     *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (db->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Names the query when it fails: the numbers alone say little. */
#define assert_query(db, sql, cmp, expected)                      \
  G_STMT_START                                                    \
    {                                                             \
      gint64 value_ = query_int ((db), (sql));                    \
      if (!(value_ cmp (gint64) (expected)))                      \
        g_test_message ("failing query: %s", (sql));              \
      g_assert_cmpint (value_, cmp, (expected));                  \
    }                                                             \
  G_STMT_END

static void
hash_value (GChecksum    *checksum,
            sqlite3_stmt *stmt,
            int           column)
{
  g_autofree char *text = NULL;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      text = g_strdup ("N");
      break;
    case SQLITE_INTEGER:
      text = g_strdup_printf ("I%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      text = g_strdup_printf ("R%.17g", sqlite3_column_double (stmt, column));
      break;
    default:
      text = g_strdup_printf ("T%d:%s", sqlite3_column_bytes (stmt, column),
                              (const char *) sqlite3_column_text (stmt, column));
    }
  g_checksum_update (checksum, (const guchar *) text, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
}

static void
hash_table (GChecksum  *checksum,
            sqlite3    *sqlite,
            const char *table)
{
  char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sqlite, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);

  g_checksum_update (checksum, (const guchar *) table, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *column = sqlite3_column_name (stmt, i);

          /* The only values that depend on the clock. */
          if (g_str_equal (column, "created_at") || g_str_equal (column, "updated_at") ||
              g_str_equal (column, "time"))
            continue;
          g_checksum_update (checksum, (const guchar *) column, -1);
          hash_value (checksum, stmt, i);
        }
      g_checksum_update (checksum, (const guchar *) "\x1e", 1);
    }
  sqlite3_finalize (stmt);
}

/* Every table, found in the schema so that a new one is not forgotten. */
static char *
content_digest (TestDb *db)
{
  sqlite3 *sqlite = _pairings_store_get_db (db->store);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sqlite,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    hash_table (checksum, sqlite, (const char *) sqlite3_column_text (tables, 0));
  sqlite3_finalize (tables);

  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_cohorts (void)
{
  g_autoptr(TestDb) db = demo_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cohorts = pairings_store_list_cohorts (db->store, &error);
  g_autoptr(GPtrArray) stats = NULL;
  static const char * const names[] = { "2023", "2024", "2025" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cohorts), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PairingsCohort) cohort = g_list_model_get_item (cohorts, i);
      const char *dates[] = {
        pairings_cohort_get_call_opens (cohort), pairings_cohort_get_deadline (cohort),
        pairings_cohort_get_announcement (cohort), pairings_cohort_get_kick_off (cohort),
        pairings_cohort_get_ends (cohort),
      };

      g_assert_cmpstr (pairings_cohort_get_name (cohort), ==, names[i]);
      g_assert_cmpstr (pairings_cohort_get_programme_name (cohort), ==, PAIRINGS_DEMO_PROGRAMME);
      g_assert_cmpint (pairings_cohort_get_pair_limit (cohort), >, 0);
      for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
        {
          g_assert_true (pairings_date_is_valid (dates[d]));
          g_assert_true (g_str_has_prefix (dates[d], names[i]));
          if (d > 0)
            g_assert_cmpstr (dates[d - 1], <, dates[d]);
        }
    }

  stats = pairings_stats_collect (db->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 3);
  for (guint i = 0; i < stats->len; i++)
    {
      PairingsCohortStats *s = g_ptr_array_index (stats, i);
      guint mentees = pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTEE);
      guint mentors = pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTOR);

      g_assert_cmpstr (s->cohort, ==, names[i]);
      g_assert_cmpuint (mentees, >=, 40);
      g_assert_cmpuint (mentees, <=, 60);
      g_assert_cmpuint (mentors, >=, 25);
      g_assert_cmpuint (mentors, <=, 40);
      /* Most are accepted, and places are limited. */
      g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_ACCEPTED], <=,
                        (guint) s->pair_limit);
      g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTOR][PAIRINGS_STATUS_ACCEPTED] * 2, >,
                        mentors);
      g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_DECLINED], >, 0);
      g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_WAITLISTED], >, 0);
      g_assert_cmpuint (s->mentor_places, >=,
                        s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_ACCEPTED]);
      g_assert_cmpuint (pairings_cohort_stats_pair_total (s), >, 0);
      /* Only the open year still has applications under review. */
      g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_SUBMITTED] > 0,
                        ==, i == 2);
      g_assert_cmpuint (s->check_ins > 0, ==, i < 2);
      g_assert_cmpuint (s->evaluations > 0, ==, i < 2);
      g_assert_cmpuint (s->returning[PAIRINGS_ROLE_MENTEE] + s->returning[PAIRINGS_ROLE_MENTOR] > 0,
                        ==, i > 0);
    }
}

static void
test_board (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  /* Every stage of the board shows in the open year. */
  assert_query (db, "SELECT count(DISTINCT p.stage) FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                " WHERE c.name = '2025'", ==, PAIRINGS_N_STAGES);
  for (guint s = 0; s < PAIRINGS_N_STAGES; s++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                         " WHERE c.name = '2025' AND p.stage = '%s'", pairings_stage_to_string (s));
      assert_query (db, sql, >=, 2);
    }

  /* Positions run from 0 without gaps in every column. */
  assert_query (db, "SELECT count(*) FROM (SELECT count(*) AS n, min(position) AS lo,"
                " max(position) AS hi, count(DISTINCT position) AS d"
                " FROM pairs GROUP BY cohort_id, stage)"
                " WHERE lo <> 0 OR hi <> n - 1 OR d <> n", ==, 0);

  /* Finished years: announced, mostly completed, a few ended early with a
   * reason, some continue; the open year is still active. */
  assert_query (db, "SELECT count(*) FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                " WHERE c.name IN ('2023', '2024') AND p.stage <> 'announced'", ==, 0);
  assert_query (db, "SELECT count(*) FROM cohorts c WHERE c.name IN ('2023', '2024') AND"
                " (SELECT count(*) FROM pairs p WHERE p.cohort_id = c.id AND p.outcome = 'completed') * 2"
                " <= (SELECT count(*) FROM pairs p WHERE p.cohort_id = c.id)", ==, 0);
  assert_query (db, "SELECT count(*) FROM cohorts c WHERE c.name IN ('2023', '2024') AND"
                " (NOT EXISTS (SELECT 1 FROM pairs p WHERE p.cohort_id = c.id AND p.outcome = 'ended_early')"
                "  OR NOT EXISTS (SELECT 1 FROM pairs p WHERE p.cohort_id = c.id AND p.outcome = 'continues'))",
                ==, 0);
  assert_query (db, "SELECT count(*) FROM pairs WHERE (outcome = 'ended_early') <> (end_reason <> '')",
                ==, 0);
  assert_query (db, "SELECT count(*) FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                " WHERE c.name = '2025' AND p.outcome <> 'active'", ==, 0);

  /* Scores and locks. */
  assert_query (db, "SELECT count(*) FROM pairs"
                " WHERE typeof(score) <> 'real' OR score < 0 OR score > 100", ==, 0);
  assert_query (db, "SELECT count(*) FROM pairs WHERE locked = 1", >, 0);
  assert_query (db, "SELECT count(*) FROM pairs WHERE locked = 1", <, 10);
}

static void
test_returning (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  assert_query (db, "SELECT count(*) FROM (SELECT person_id FROM applications"
                " GROUP BY person_id HAVING count(DISTINCT cohort_id) > 1)", >=, 20);
  assert_query (db, "SELECT count(*) FROM (SELECT person_id FROM applications"
                " GROUP BY person_id HAVING count(DISTINCT cohort_id) = 3)", >=, 3);

  /* 2023 people come back in 2024 and in 2025. */
  assert_query (db, "SELECT count(DISTINCT a.person_id) FROM applications a"
                " JOIN cohorts c ON c.id = a.cohort_id AND c.name = '2023'"
                " JOIN applications b ON b.person_id = a.person_id"
                " JOIN cohorts d ON d.id = b.cohort_id AND d.name = '2024'", >=, 10);
  assert_query (db, "SELECT count(DISTINCT a.person_id) FROM applications a"
                " JOIN cohorts c ON c.id = a.cohort_id AND c.name = '2023'"
                " JOIN applications b ON b.person_id = a.person_id"
                " JOIN cohorts d ON d.id = b.cohort_id AND d.name = '2025'", >=, 5);

  /* Some mentees become mentors. */
  assert_query (db, "SELECT count(DISTINCT e.person_id) FROM applications e"
                " JOIN cohorts ec ON ec.id = e.cohort_id"
                " JOIN applications m ON m.person_id = e.person_id"
                " JOIN cohorts mc ON mc.id = m.cohort_id"
                " WHERE e.role = 'mentee' AND m.role = 'mentor' AND mc.name > ec.name", >=, 2);

  /* A continued pair: the same two people, the year after, from a pair
   * that was marked as continuing; and every such pair is continued. */
  assert_query (db, "SELECT count(*) FROM pairs WHERE continues_from IS NOT NULL", >=, 2);
  assert_query (db, "SELECT count(*) FROM pairs p JOIN pairs q ON q.id = p.continues_from"
                " JOIN applications pm ON pm.id = p.mentor_application_id"
                " JOIN applications pe ON pe.id = p.mentee_application_id"
                " JOIN applications qm ON qm.id = q.mentor_application_id"
                " JOIN applications qe ON qe.id = q.mentee_application_id"
                " JOIN cohorts pc ON pc.id = p.cohort_id JOIN cohorts qc ON qc.id = q.cohort_id"
                " WHERE pm.person_id <> qm.person_id OR pe.person_id <> qe.person_id"
                "  OR CAST(pc.name AS INTEGER) <> CAST(qc.name AS INTEGER) + 1"
                "  OR q.outcome <> 'continues'", ==, 0);
  assert_query (db, "SELECT count(*) FROM pairs q WHERE q.outcome = 'continues'"
                " AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.continues_from = q.id)", ==, 0);
}

static void
test_capacity (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  assert_query (db, "SELECT count(*) FROM applications WHERE role = 'mentor'"
                " AND capacity NOT BETWEEN 1 AND 3", ==, 0);
  assert_query (db, "SELECT count(*) FROM applications m WHERE m.role = 'mentor' AND m.capacity <"
                " (SELECT count(*) FROM pairs p WHERE p.mentor_application_id = m.id"
                "  AND p.stage <> 'set_aside')", ==, 0);
  /* Some mentors do take several mentees. */
  assert_query (db, "SELECT count(*) FROM applications m WHERE m.role = 'mentor' AND"
                " (SELECT count(*) FROM pairs p WHERE p.mentor_application_id = m.id"
                "  AND p.stage <> 'set_aside') > 1", >, 0);
  assert_query (db, "SELECT count(*) FROM (SELECT mentee_application_id FROM pairs"
                " WHERE stage <> 'set_aside' GROUP BY 1 HAVING count(*) > 1)", ==, 0);
  assert_query (db, "SELECT count(*) FROM cohorts c WHERE c.pair_limit <"
                " (SELECT count(*) FROM pairs p WHERE p.cohort_id = c.id AND p.stage <> 'set_aside')",
                ==, 0);
}

static void
test_pair_members (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  assert_query (db, "SELECT count(*) FROM pairs", >, 50);
  assert_query (db, "SELECT count(*) FROM pairs p"
                " JOIN applications m ON m.id = p.mentor_application_id"
                " JOIN applications e ON e.id = p.mentee_application_id"
                " WHERE m.role <> 'mentor' OR e.role <> 'mentee'"
                "  OR m.status <> 'accepted' OR e.status <> 'accepted'"
                "  OR m.cohort_id <> p.cohort_id OR e.cohort_id <> p.cohort_id"
                "  OR m.person_id = e.person_id", ==, 0);
  /* A set-aside suggestion is another mentor than the live one. */
  assert_query (db, "SELECT count(*) FROM pairs s JOIN pairs l"
                " ON l.mentee_application_id = s.mentee_application_id AND l.stage <> 'set_aside'"
                " WHERE s.stage = 'set_aside' AND s.mentor_application_id = l.mentor_application_id",
                ==, 0);
}

static void
test_reviews (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  /* Most mentee applications are scored by two or three reviewers. */
  assert_query (db, "SELECT count(*) * 10 FROM applications a WHERE a.role = 'mentee'"
                " AND (SELECT count(*) FROM reviews r WHERE r.application_id = a.id) BETWEEN 2 AND 3",
                >=, query_int (db, "SELECT count(*) * 7 FROM applications WHERE role = 'mentee'"));
  assert_query (db, "SELECT max(n) FROM (SELECT count(*) AS n FROM reviews GROUP BY application_id)",
                <=, 3);
  assert_query (db, "SELECT count(DISTINCT reviewer) FROM reviews", >=, 3);
  assert_query (db, "SELECT count(*) FROM reviews WHERE recused = 1", >, 0);
  assert_query (db, "SELECT count(*) FROM reviews WHERE (recused = 1) <> (score IS NULL)", ==, 0);
  assert_query (db, "SELECT count(DISTINCT score) FROM reviews", ==, 5);
  assert_query (db, "SELECT count(*) FROM reviews WHERE note <> ''", >, 0);

  /* The accepted were chosen for their reviews. */
  assert_query (db, "SELECT (SELECT avg(r.score) FROM reviews r JOIN applications a"
                "   ON a.id = r.application_id WHERE a.status = 'accepted')"
                " > (SELECT avg(r.score) FROM reviews r JOIN applications a"
                "   ON a.id = r.application_id WHERE a.status = 'declined')", ==, 1);
}

static void
test_follow_up (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  /* Agreements: one for every announced pair and for nothing else. */
  assert_query (db, "SELECT count(*) FROM pairs p WHERE p.stage = 'announced'"
                " AND NOT EXISTS (SELECT 1 FROM agreements g WHERE g.pair_id = p.id)", ==, 0);
  assert_query (db, "SELECT count(*) FROM agreements g JOIN pairs p ON p.id = g.pair_id"
                " WHERE p.stage <> 'announced'", ==, 0);
  assert_query (db, "SELECT count(DISTINCT status) FROM agreements", ==, 5);
  assert_query (db, "SELECT count(*) FROM agreements WHERE confidentiality <> 1", ==, 0);
  assert_query (db, "SELECT count(*) FROM agreements WHERE status <> 'not_sent' AND"
                " (frequency_days NOT IN (14, 30) OR mode IS NULL OR sent_on IS NULL"
                "  OR contact = '' OR expectations = '')", ==, 0);
  assert_query (db, "SELECT count(*) FROM agreements WHERE (status = 'signed')"
                " <> (signed_on IS NOT NULL AND signed_on >= sent_on)", ==, 0);

  /* Goals: two or three for each announced pair. */
  assert_query (db, "SELECT count(*) FROM pairs p WHERE p.stage = 'announced' AND"
                " (SELECT count(*) FROM goals g WHERE g.pair_id = p.id) NOT BETWEEN 2 AND 3", ==, 0);
  assert_query (db, "SELECT count(DISTINCT status) FROM goals", ==, 4);

  /* Check-ins over the cycle of the finished years, mostly on track. */
  assert_query (db, "SELECT count(*) FROM check_ins k JOIN pairs p ON p.id = k.pair_id"
                " JOIN cohorts c ON c.id = p.cohort_id"
                " WHERE c.name = '2025' OR k.date < c.kick_off OR k.date > c.ends", ==, 0);
  assert_query (db, "SELECT count(DISTINCT status) FROM check_ins", ==, 3);
  assert_query (db, "SELECT count(*) * 2 FROM check_ins WHERE status = 'on_track'", >,
                query_int (db, "SELECT count(*) FROM check_ins"));
  assert_query (db, "SELECT count(DISTINCT reporter) FROM check_ins", ==, 3);

  /* Surveys of the finished years, answered by people of the pair. */
  assert_query (db, "SELECT count(*) FROM evaluations e JOIN cohorts c ON c.id = e.cohort_id"
                " WHERE c.name = '2025'", ==, 0);
  assert_query (db, "SELECT count(DISTINCT cohort_id || survey) FROM evaluations", ==, 4);
  assert_query (db, "SELECT count(DISTINCT question) FROM evaluations WHERE survey = 'end'", ==, 5);
  assert_query (db, "SELECT count(*) FROM evaluations WHERE rating IS NULL AND answer <> ''", >, 0);
  assert_query (db, "SELECT count(*) FROM evaluations WHERE rating IS NULL AND answer = ''", ==, 0);
  assert_query (db, "SELECT count(DISTINCT rating) FROM evaluations", >=, 4);
  assert_query (db, "SELECT count(*) FROM evaluations e JOIN pairs p ON p.id = e.pair_id"
                " WHERE e.application_id NOT IN (p.mentor_application_id, p.mentee_application_id)"
                "  OR e.cohort_id <> p.cohort_id", ==, 0);
}

static void
test_content (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  assert_query (db, "SELECT count(DISTINCT institution) FROM applications", >=, 12);
  assert_query (db, "SELECT count(DISTINCT experiment) FROM applications", >=, 5);
  assert_query (db, "SELECT count(DISTINCT timezone) FROM applications", >=, 5);
  assert_query (db, "SELECT count(*) FROM applications WHERE location = 'CERN / Geneva'", >, 0);
  assert_query (db, "SELECT count(*) FROM applications WHERE location = 'Fermilab / Batavia'", >, 0);

  /* Names from many languages; ASCII, unique addresses. */
  assert_query (db, "SELECT count(*) FROM people WHERE name IN ('Zoë Ångström', 'Łukasz Wróbel',"
                " 'José Núñez', 'Nguyễn Thị Hương', 'Søren Kierkegård')", ==, 5);
  assert_query (db, "SELECT count(*) FROM people WHERE length(name) <> length(CAST(name AS BLOB))",
                >=, 50);
  assert_query (db, "SELECT count(*) FROM people WHERE length(email) <> length(CAST(email AS BLOB))"
                " OR email NOT LIKE '%_@_%._%'", ==, 0);
  assert_query (db, "SELECT count(DISTINCT lower(email)) FROM people", ==,
                query_int (db, "SELECT count(*) FROM people"));
  assert_query (db, "SELECT count(DISTINCT name) FROM people", ==,
                query_int (db, "SELECT count(*) FROM people"));

  /* The form's lists: a label with a comma, languages as arrays. */
  assert_query (db, "SELECT count(*) FROM applications a, json_each(a.mentoring_types) t"
                " WHERE t.value = 'Allyship for minority identity groups, incl. LGBTQ+'", >, 0);
  assert_query (db, "SELECT count(DISTINCT t.value) FROM applications a, json_each(a.mentoring_types) t",
                ==, 5);
  assert_query (db, "SELECT count(*) FROM applications WHERE json_array_length(mentoring_types) = 0"
                " OR json_array_length(languages) = 0", ==, 0);
  assert_query (db, "SELECT count(*) FROM applications WHERE motivation LIKE '%\"%'"
                " AND instr(motivation, char(10)) > 0 AND instr(motivation, ',') > 0", >, 0);

  /* Career stages: all of them, mentors more senior on the whole. */
  assert_query (db, "SELECT count(DISTINCT career_stage) FROM applications", ==, 6);
  assert_query (db, "SELECT count(*) FROM applications WHERE career_stage_raw = ''", ==, 0);
  assert_query (db, "SELECT (SELECT avg(CASE career_stage WHEN 'undergraduate' THEN 1"
                " WHEN 'graduate' THEN 2 WHEN 'postdoc' THEN 3 WHEN 'engineer' THEN 4"
                " WHEN 'junior_faculty' THEN 5 ELSE 6 END) FROM applications WHERE role = 'mentor')"
                " > (SELECT avg(CASE career_stage WHEN 'undergraduate' THEN 1"
                " WHEN 'graduate' THEN 2 WHEN 'postdoc' THEN 3 WHEN 'engineer' THEN 4"
                " WHEN 'junior_faculty' THEN 5 ELSE 6 END) FROM applications WHERE role = 'mentee')",
                ==, 1);

  /* Submitted during the call. */
  assert_query (db, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                " WHERE a.submitted_at IS NULL"
                "  OR substr(a.submitted_at, 1, 10) NOT BETWEEN c.call_opens AND c.deadline", ==, 0);

  /* One event for the demo, on top of those of what it created. */
  assert_query (db, "SELECT count(*) FROM events WHERE action = 'demo' AND entity = 'programme'"
                " AND json_extract(after, '$.cohorts') = 3"
                " AND json_extract(after, '$.name') = '" PAIRINGS_DEMO_PROGRAMME "'", ==, 1);
  assert_query (db, "SELECT count(*) FROM events", <, 1000);
}

static void
test_confidential (void)
{
  g_autoptr(TestDb) db = demo_db_new ();

  assert_query (db, "SELECT count(*) FROM confidential_answers", >, 10);
  assert_query (db, "SELECT count(*) FROM confidential_answers", <,
                query_int (db, "SELECT count(*) FROM applications"));
  assert_query (db, "SELECT count(*) FROM confidential_answers WHERE pronouns <> ''", >, 0);
  assert_query (db, "SELECT count(*) FROM confidential_answers"
                " WHERE json_array_length(identity_groups) > 0", >, 0);
  /* The log is read by the whole committee: no demographic answer in it. */
  assert_query (db, "SELECT count(*) FROM events WHERE json_type(after, '$.pronouns') IS NOT NULL"
                " OR json_type(after, '$.identity_groups') IS NOT NULL"
                " OR after LIKE '%she/her%' OR after LIKE '%Woman or gender minority%'", ==, 0);
}

static void
test_deterministic (void)
{
  g_autoptr(TestDb) first = demo_db_new ();
  g_autoptr(TestDb) second = demo_db_new ();
  g_autofree char *first_digest = content_digest (first);
  g_autofree char *second_digest = content_digest (second);

  g_assert_cmpstr (first_digest, ==, second_digest);
  g_assert_cmpuint (pairings_store_count_events (first->store), ==,
                    pairings_store_count_events (second->store));
}

static void
test_twice (void)
{
  g_autoptr(TestDb) db = demo_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (db);
  g_autofree char *after = NULL;
  guint events = pairings_store_count_events (db->store);

  g_assert_false (pairings_demo_fill (db->store, NULL, NULL, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, PAIRINGS_DEMO_PROGRAMME));

  after = content_digest (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (pairings_store_count_events (db->store), ==, events);

  /* No transaction was left open. */
  g_clear_error (&error);
  g_assert_cmpint (pairings_store_add_programme (db->store, "Another programme", &error), >, 0);
  g_assert_no_error (error);
}

/* All or nothing: a failure on the last tables leaves the file as it was,
 * and the store usable. */
static void
test_rollback (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (db);
  g_autofree char *after = NULL;

  g_assert_true (_pairings_store_exec (db->store,
                                       "CREATE TRIGGER fail_surveys BEFORE INSERT ON evaluations"
                                       " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
                                       NULL));

  g_assert_false (pairings_demo_fill (db->store, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (pairings_store_is_empty (db->store));
  g_assert_cmpuint (pairings_store_count_events (db->store), ==, 0);
  after = content_digest (db);
  g_assert_cmpstr (before, ==, after);

  g_clear_error (&error);
  g_assert_true (_pairings_store_exec (db->store, "DROP TRIGGER fail_surveys", NULL));
  g_assert_true (pairings_demo_fill (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_integrity (void)
{
  g_autoptr(TestDb) db = demo_db_new ();
  sqlite3 *sqlite = _pairings_store_get_db (db->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sqlite, "PRAGMA foreign_key_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (sqlite, "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static void
test_progress (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_true (pairings_demo_fill (db->store, record_progress, fractions, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("demo filled in %.3f s", seconds);
  if (g_test_perf ())
    g_assert_cmpfloat (seconds, <, 1.0);

  /* At least once per cohort, never backwards, 1 at the end. */
  g_assert_cmpuint (fractions->len, >=, 4);
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/cohorts", test_cohorts);
  g_test_add_func ("/demo/board", test_board);
  g_test_add_func ("/demo/returning", test_returning);
  g_test_add_func ("/demo/capacity", test_capacity);
  g_test_add_func ("/demo/pair-members", test_pair_members);
  g_test_add_func ("/demo/reviews", test_reviews);
  g_test_add_func ("/demo/follow-up", test_follow_up);
  g_test_add_func ("/demo/content", test_content);
  g_test_add_func ("/demo/confidential", test_confidential);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/twice", test_twice);
  g_test_add_func ("/demo/rollback", test_rollback);
  g_test_add_func ("/demo/integrity", test_integrity);
  g_test_add_func ("/demo/progress", test_progress);

  return g_test_run ();
}

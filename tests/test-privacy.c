/* test-privacy.c: deleting a person, anonymising a cohort
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pairings-board.h"
#include "pairings-charts.h"
#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-followup.h"
#include "pairings-matcher.h"
#include "pairings-privacy.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

#define TODAY "2026-03-01"

typedef struct
{
  char          *dir;
  char          *path;
  PairingsStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* How many cells of every text column of every table contain @needle
 * (any case). */
static int
count_everywhere (PairingsStore *store,
                  const char    *needle)
{
  sqlite3 *db = _pairings_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int total = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 13);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *info = g_strdup_printf ("PRAGMA table_info(\"%s\")", (char *) tables->pdata[t]);
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      for (guint c = 0; c < columns->len; c++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE"
                                                  " instr(lower(CAST(\"%s\" AS TEXT)), lower(?)) > 0",
                                                  (char *) tables->pdata[t], (char *) columns->pdata[c]);

          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          total += sqlite3_column_int (stmt, 0);
          sqlite3_finalize (stmt);
        }
    }
  return total;
}

/* Application ids (a JSON array) that an event still names. */
static int
count_ids_in_events (PairingsStore *store,
                     const char    *ids)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT count(*) FROM events WHERE entity = 'application' AND entity_id IN"
    "  (SELECT value FROM json_each('%s')))"
    " + (SELECT count(*) FROM events e, json_tree(coalesce(e.before, 'null')) t"
    "  WHERE t.type = 'integer' AND t.atom IN (SELECT value FROM json_each('%s'))"
    "  AND (t.key IN ('application_id', 'mentor_application_id', 'mentee_application_id', 'mentee', 'mentor')"
    "   OR t.path LIKE '%%created_applications'))"
    " + (SELECT count(*) FROM events e, json_tree(coalesce(e.after, 'null')) t"
    "  WHERE t.type = 'integer' AND t.atom IN (SELECT value FROM json_each('%s'))"
    "  AND (t.key IN ('application_id', 'mentor_application_id', 'mentee_application_id', 'mentee', 'mentor')"
    "   OR t.path LIKE '%%created_applications'))",
    ids, ids, ids);

  return query_int (store, sql);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0, n = strlen (needle); i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_sound (PairingsStore *store)
{
  g_autofree char *integrity = query_text (store, "PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_null (query_text (store, "PRAGMA foreign_key_check"));
}

/* Deleting ------------------------------------------------------------------------- */

static void
test_delete_person (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *partner_name = NULL;
  gint64 person, app, other_app, pair, other_pair, partner, cohort;
  gint64 app_ids[2];
  gint64 pair_ids[2];

  /* The person with the most announced pairs, in several cohorts. */
  person = query_int (f->store,
                      "SELECT a.person_id FROM applications a JOIN pairs p ON a.id IN"
                      " (p.mentor_application_id, p.mentee_application_id) WHERE p.stage = 'announced'"
                      " GROUP BY a.person_id HAVING count(DISTINCT a.cohort_id) > 1"
                      " ORDER BY count(*) DESC, a.person_id LIMIT 1");
  g_assert_cmpint (person, >, 0);
  sql = g_strdup_printf ("SELECT email FROM people WHERE id = %" G_GINT64_FORMAT, person);
  email = query_text (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT name FROM people WHERE id = %" G_GINT64_FORMAT, person);
  name = query_text (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT json_group_array(id) FROM applications WHERE person_id = %" G_GINT64_FORMAT,
                         person);
  ids = query_text (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT a.id FROM applications a JOIN pairs p ON a.id IN"
                         " (p.mentor_application_id, p.mentee_application_id)"
                         " WHERE a.person_id = %" G_GINT64_FORMAT " AND p.stage = 'announced'"
                         " ORDER BY a.id DESC LIMIT 1", person);
  app = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id FROM pairs WHERE %" G_GINT64_FORMAT " IN"
                         " (mentor_application_id, mentee_application_id) AND stage = 'announced'", app);
  pair = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT CASE WHEN mentor_application_id = %" G_GINT64_FORMAT
                         " THEN mentee_application_id ELSE mentor_application_id END, cohort_id"
                         " FROM pairs WHERE id = %" G_GINT64_FORMAT, app, pair);
  partner = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT cohort_id FROM pairs WHERE id = %" G_GINT64_FORMAT, pair);
  cohort = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT name FROM applications WHERE id = %" G_GINT64_FORMAT, partner);
  partner_name = query_text (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id FROM pairs WHERE cohort_id = %" G_GINT64_FORMAT " AND id <> %" G_GINT64_FORMAT
                         " AND stage = 'announced' ORDER BY id LIMIT 1", cohort, pair);
  other_pair = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT mentee_application_id FROM pairs WHERE id = %" G_GINT64_FORMAT, other_pair);
  other_app = query_int (f->store, sql);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (partner, >, 0);
  g_assert_cmpint (other_pair, >, 0);

  /* Events of every shape that name them. */
  g_assert_true (pairings_review_set (f->store, app, "Committee", 4, "Talked to them", &error));
  g_assert_no_error (error);
  app_ids[0] = app;
  app_ids[1] = other_app;
  g_assert_true (pairings_review_set_status (f->store, app_ids, 2, PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pairings_followup_add_goal (f->store, pair, "Publish a paper", NULL, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autofree char *note = g_strdup_printf ("Met with %s, who wrote from %s", name, email);

    g_assert_cmpint (pairings_followup_add_check_in (f->store, other_pair, "2025-01-10",
                                                     PAIRINGS_REPORTER_MENTEE,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, "Fine", TODAY, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (pairings_followup_add_check_in (f->store, pair, "2025-01-11", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, note, TODAY, &error), >, 0);
    g_assert_no_error (error);
  }
  pair_ids[0] = pair;
  pair_ids[1] = other_pair;
  g_assert_true (pairings_board_set_pinned (f->store, pair_ids, 2, TRUE, &error));
  g_assert_no_error (error);
  ptest_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)");

  g_assert_cmpint (count_everywhere (f->store, email), >, 0);
  g_assert_cmpint (count_ids_in_events (f->store, ids), >, 0);
  g_assert_true (file_contains (f->path, email));

  summary = pairings_privacy_describe_person (f->store, email, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->email, ==, email);
  g_assert_cmpstr (summary->name, ==, name);
  g_assert_cmpuint (summary->cohorts, >, 1);
  g_assert_cmpuint (summary->pairs, >=, 1);
  g_assert_cmpuint (summary->events, >=, 5);

  {
    g_autofree char *upper = g_ascii_strup (email, -1);

    g_assert_true (pairings_privacy_delete_person (f->store, upper, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (count_everywhere (f->store, email), ==, 0);
  g_assert_cmpint (count_everywhere (f->store, name), ==, 0);
  g_assert_cmpint (count_ids_in_events (f->store, ids), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM people WHERE id = %" G_GINT64_FORMAT, person);
  g_assert_cmpint (query_int (f->store, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM pairs WHERE id = %" G_GINT64_FORMAT
                         " OR %" G_GINT64_FORMAT " IN (mentor_application_id, mentee_application_id)"
                         "; ", pair, partner);
  g_assert_cmpint (query_int (f->store, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM check_ins WHERE pair_id = %" G_GINT64_FORMAT
                         " UNION ALL SELECT 0", pair);
  g_assert_cmpint (query_int (f->store, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  /* The partner stays, unpaired; the other pair keeps its check-in. */
  sql = g_strdup_printf ("SELECT name FROM applications WHERE id = %" G_GINT64_FORMAT, partner);
  {
    g_autofree char *still = query_text (f->store, sql);

    g_assert_cmpstr (still, ==, partner_name);
  }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM check_ins WHERE pair_id = %" G_GINT64_FORMAT " AND note = 'Fine'",
                         other_pair);
  g_assert_cmpint (query_int (f->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  /* One entry says that someone was deleted, and no more. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'delete_person'"
                                        " AND entity = 'person' AND entity_id IS NULL"
                                        " AND before IS NULL AND after IS NULL"), ==, 1);
  assert_sound (f->store);

  /* The bytes are gone from the file, not only from the tables. */
  g_assert_false (file_contains (f->path, email));
  g_assert_false (file_contains (wal, email));
  g_assert_false (file_contains (f->path, name));

  /* Someone else can still be undone. */
  g_assert_true (pairings_history_can_undo (f->store, NULL));
}

static void
test_delete_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const queries[] = { "SELECT * FROM people", "SELECT * FROM applications",
                                          "SELECT * FROM events", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ptest_digest (f->store, queries);
  g_autofree char *after = NULL;

  g_assert_null (pairings_privacy_describe_person (f->store, "nobody@example.org", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pairings_privacy_delete_person (f->store, "nobody@example.org", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pairings_privacy_delete_person (f->store, "", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  after = ptest_digest (f->store, queries);
  g_assert_cmpstr (before, ==, after);
}

/* Anonymising -------------------------------------------------------------------- */

static GPtrArray *
all_charts (PairingsStore *store)
{
  GPtrArray *charts = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_chart_data_free);

  for (gint64 cohort = 1; cohort <= 3; cohort++)
    for (guint kind = 0; kind < PAIRINGS_N_CHART_KINDS; kind++)
      {
        g_autoptr(GError) error = NULL;
        PairingsChartData *data = pairings_charts_collect (store, kind, cohort, TODAY, &error);

        g_assert_no_error (error);
        g_ptr_array_add (charts, data);
      }
  return charts;
}

static void
assert_same_charts (GPtrArray *before,
                    GPtrArray *after)
{
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      PairingsChartData *a = before->pdata[i];
      PairingsChartData *b = after->pdata[i];
      g_autofree char *csv_a = pairings_chart_data_to_csv (a);
      g_autofree char *csv_b = pairings_chart_data_to_csv (b);

      if (a->kind != PAIRINGS_CHART_CONTINUATION)
        {
          g_assert_cmpstr (csv_a, ==, csv_b);
          continue;
        }
      /* Who returned from the anonymised cohort can no longer be told
       * (that link is what identifies them); continuing pairs still can. */
      g_assert_cmpuint (a->categories->len, ==, b->categories->len);
      for (guint c = 0; c < a->categories->len; c++)
        for (guint k = 0; k < a->series->len; k++)
          if (k == 3 || !g_str_equal (a->categories->pdata[c], "2024"))
            g_assert_cmpfloat (pairings_chart_data_get (a, c, 0, k), ==, pairings_chart_data_get (b, c, 0, k));
    }
}

static void
test_anonymise (Fixture       *f,
                gconstpointer  data)
{
  static const char * const others[] = {
    "SELECT a.*, p.email, p.name FROM applications a JOIN people p ON p.id = a.person_id"
    " WHERE cohort_id <> 1 ORDER BY a.id",
    "SELECT * FROM reviews WHERE application_id IN (SELECT id FROM applications WHERE cohort_id <> 1)",
    "SELECT * FROM check_ins WHERE pair_id IN (SELECT id FROM pairs WHERE cohort_id <> 1)",
    "SELECT * FROM confidential_answers WHERE application_id IN (SELECT id FROM applications WHERE cohort_id <> 1)",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charts_before = NULL;
  g_autoptr(GPtrArray) charts_after = NULL;
  g_autoptr(GPtrArray) only_here = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autofree char *others_before = NULL;
  g_autofree char *others_after = NULL;
  g_autofree char *ids = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (pairings_charts_set_threshold (f->store, 1, 1, &error));
  g_assert_no_error (error);
  charts_before = all_charts (f->store);
  others_before = ptest_digest (f->store, others);
  ids = query_text (f->store, "SELECT json_group_array(id) FROM applications WHERE cohort_id = 1");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM confidential_answers WHERE application_id IN"
                                        " (SELECT id FROM applications WHERE cohort_id = 1)"), >, 0);

  /* The e-mails and names of the people who applied only in 2023, when no
   * one else has the same name. */
  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (f->store),
                                       "SELECT p.email, p.name FROM people p WHERE p.id IN"
                                       " (SELECT person_id FROM applications WHERE cohort_id = 1)"
                                       " AND NOT EXISTS (SELECT 1 FROM applications b WHERE b.person_id = p.id"
                                       "  AND b.cohort_id <> 1)"
                                       " AND (SELECT count(*) FROM people q WHERE q.name = p.name) = 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (only_here, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (only_here, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (only_here->len, >, 20);

  summary = pairings_privacy_describe_cohort (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->applications, >, 0);

  g_assert_true (pairings_privacy_anonymise_cohort (f->store, 1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < only_here->len; i++)
    g_assert_cmpint (count_everywhere (f->store, only_here->pdata[i]), ==, 0);
  g_assert_cmpint (count_ids_in_events (f->store, ids), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications a JOIN people p ON p.id = a.person_id"
                                        " WHERE a.cohort_id = 1 AND p.email NOT LIKE 'anonymous-%@invalid'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE cohort_id = 1"
                                        " AND name NOT LIKE 'Mentee %' AND name NOT LIKE 'Mentor %'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE cohort_id = 1"
                                        " AND (motivation <> '' OR answers <> '{}')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM confidential_answers WHERE application_id IN"
                                        " (SELECT id FROM applications WHERE cohort_id = 1)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations WHERE cohort_id = 1"
                                        " AND answer <> ''"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins WHERE note <> '' AND pair_id IN"
                                        " (SELECT id FROM pairs WHERE cohort_id = 1)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'anonymise'"
                                        " AND before IS NULL AND after IS NULL"), ==, 1);

  others_after = ptest_digest (f->store, others);
  g_assert_cmpstr (others_before, ==, others_after);
  charts_after = all_charts (f->store);
  assert_same_charts (charts_before, charts_after);
  assert_sound (f->store);
  for (guint i = 0; i < only_here->len; i += 2)
    g_assert_false (file_contains (f->path, only_here->pdata[i]));
}

static void
test_anonymise_open (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const queries[] = { "SELECT * FROM people", "SELECT * FROM applications",
                                          "SELECT * FROM events", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cohort = pairings_store_add_cohort (f->store, 1, "2030", NULL, 0, &error);
  g_assert_no_error (error);
  ptest_exec (f->store, "UPDATE cohorts SET ends = date('now', '+1 month') WHERE name = '2025'");
  before = ptest_digest (f->store, queries);

  g_assert_false (pairings_privacy_anonymise_cohort (f->store, pairings_cohort_get_id (cohort), &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no end date"));
  g_clear_error (&error);
  g_assert_false (pairings_privacy_anonymise_cohort (f->store, 3, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pairings_privacy_describe_cohort (f->store, 3, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pairings_privacy_anonymise_cohort (f->store, 999, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);

  after = ptest_digest (f->store, queries);
  g_assert_cmpstr (before, ==, after);
}

/* The command line --------------------------------------------------------------------- */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_auto(Run) refused = { 0 };
  g_auto(Run) deleted = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) open = { 0 };
  g_auto(Run) anonymised = { 0 };
  g_autofree char *email = query_text (f->store, "SELECT email FROM people ORDER BY id LIMIT 1");

  g_clear_object (&f->store);
  ptest_run_cli (&refused, NULL, "--database", f->path, "delete-person", email, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "--yes"));
  g_assert_nonnull (strstr (refused.err, "application"));
  ptest_run_cli (&unknown, NULL, "--database", f->path, "delete-person", "nobody@example.org", "--yes", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  ptest_run_cli (&deleted, NULL, "--database", f->path, "delete-person", email, "--yes", NULL);
  g_assert_cmpint (deleted.status, ==, 0);
  g_assert_false (file_contains (f->path, email));

  ptest_run_cli (&open, NULL, "--database", f->path, "anonymise", "--cohort", "2023", NULL);
  g_assert_cmpint (open.status, ==, 1);
  ptest_run_cli (&anonymised, NULL, "--database", f->path, "anonymise", "--cohort", "2023", "--yes", NULL);
  g_assert_cmpint (anonymised.status, ==, 0);

  f->store = pairings_store_open (f->path, NULL);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                        " WHERE c.name = '2023' AND a.name NOT LIKE 'Ment%'"), ==, 0);
}

/* Whether @text mentions anyone of @people (case-insensitive). */
static const char *
mentions (const char  *text,
          GPtrArray   *people)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < people->len; i++)
    if (strstr (folded, g_ptr_array_index (people, i)) != NULL)
      return g_ptr_array_index (people, i);
  return NULL;
}

/* With every debug message turned on, the command line writes nobody's
 * name, address or confidential answer to standard error, where messages
 * and logs go (a script's log keeps them), nor in a debug message. Pairings itself logs nothing
 * today; this keeps it so for whatever is added later. An import's report
 * quotes a value it refuses, as "not-an-address" here, which names no one
 * known. */
static void
test_quiet_logs (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *csv = g_build_filename (f->dir, "late.csv", NULL);
  g_autofree char *roster = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *email = query_text (f->store, "SELECT email FROM people ORDER BY id DESC LIMIT 1");
  g_autoptr(GError) error = NULL;
  guint debug_lines = 0;
  sqlite3_stmt *stmt;
  const char *commands[][8] = {
    { "stats", "--cohort", "2025", NULL },
    { "match", "--cohort", "2025", "--apply", NULL },
    { "export", "roster", "--cohort", "2025", "--output", roster, NULL },
    { "export", "applications", "--cohort", "2025", "--output", roster, NULL },
    { "backup", backup, NULL },
    { "import", "--cohort", "2025", "--role", "mentee", "--dry-run", csv, NULL },
    { "import", "--cohort", "2025", "--role", "mentee", csv, NULL },
    { "delete-person", email, "--yes", NULL },
  };

  g_assert_true (g_file_set_contents (csv,
                                      "Timestamp,Email Address,Full name,Pronouns\r\n"
                                      "2025/02/01 09:00:00 AM GMT+1,zoe.quillfeather@example.org,Zoé Quillfeather,she/her\r\n"
                                      "2025/02/01 09:05:00 AM GMT+1,not-an-address,Yannick Oberdorf,he/him\r\n",
                                      -1, &error));
  g_assert_no_error (error);
  g_ptr_array_add (people, g_utf8_casefold ("zoe.quillfeather@example.org", -1));
  g_ptr_array_add (people, g_utf8_casefold ("Quillfeather", -1));
  g_ptr_array_add (people, g_utf8_casefold ("Oberdorf", -1));
  g_ptr_array_add (people, g_utf8_casefold ("she/her", -1));
  stmt = _pairings_store_prepare (f->store, "SELECT email FROM people UNION SELECT name FROM applications", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (people, g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 0), -1));
  sqlite3_reset (stmt);
  g_assert_cmpuint (people->len, >, 100);
  g_clear_object (&f->store);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(Run) run = { 0 };
      const char * const *a = commands[c];
      const char *who;

      ptest_run_cli (&run, "G_MESSAGES_DEBUG=all", "--database", f->path,
                     a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_assert_cmpint (run.status, ==, 0);
      who = mentions (run.err, people);
      if (who != NULL)
        g_error ("pairings-cli %s wrote “%s” to standard error:\n%s", a[0], who, run.err);
      /* GLib writes debug and informational messages to the output, among
       * the data; they are the lines it marks with their level. */
      {
        g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

        for (guint i = 0; lines[i] != NULL; i++)
          if (strstr (lines[i], "-DEBUG: ") != NULL || strstr (lines[i], "-INFO: ") != NULL ||
              strstr (lines[i], "-Message: ") != NULL)
            {
              debug_lines++;
              who = mentions (lines[i], people);
              if (who != NULL)
                g_error ("pairings-cli %s logged “%s”:\n%s", a[0], who, lines[i]);
            }
      }
    }
  g_test_message ("%u debug lines checked", debug_lines);

  /* The commands did their work. */
  f->store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM people WHERE email = 'zoe.quillfeather@example.org'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM pairs p JOIN applications a ON a.id = p.mentee_application_id"
                                        " JOIN cohorts c ON c.id = a.cohort_id WHERE c.name = '2025'"), >, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (roster, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/privacy/delete-person", test_delete_person);
  ADD ("/privacy/delete-bad-input", test_delete_bad_input);
  ADD ("/privacy/anonymise", test_anonymise);
  ADD ("/privacy/anonymise-open", test_anonymise_open);
  ADD ("/privacy/cli", test_cli);
  ADD ("/privacy/quiet-logs", test_quiet_logs);
#undef ADD

  return g_test_run ();
}

/* test-export.c: the CSV files that leave the application
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-export.h"
#include "pairings-followup.h"
#include "pairings-store-private.h"
#include "pairings-test-utils.h"

#define APPLICATIONS_HEADER \
  "name,email,role,institution,career_stage,location,mentoring_types,capacity,status," \
  "review_score,submitted_at,motivation\r\n"
#define CONFIDENTIAL_HEADER \
  "name,email,role,institution,career_stage,location,mentoring_types,capacity,status," \
  "review_score,submitted_at,motivation,pronouns,identity_groups\r\n"
#define ROSTER_HEADER \
  "mentor_name,mentor_email,mentee_name,mentee_email,stage,agreement_status\r\n"
#define PAIRS_HEADER \
  "mentor_name,mentor_email,mentor_institution,mentee_name,mentee_email,mentee_institution," \
  "stage,position,score,locked,outcome,continues_from_previous_cohort\r\n"
#define AGREEMENTS_HEADER \
  "mentor_name,mentor_email,mentee_name,mentee_email,agreement_status,sent_on,signed_on," \
  "meeting_every_days,mode,contact,confidentiality_acknowledged,goals,goals_reached," \
  "check_ins,last_check_in,outcome,overdue,at_risk\r\n"

static const char * const headers[PAIRINGS_EXPORT_N_KINDS] = {
  APPLICATIONS_HEADER, ROSTER_HEADER, PAIRS_HEADER, AGREEMENTS_HEADER,
};

typedef struct
{
  char          *dir;
  char          *db;
  PairingsStore *store;
  gint64         cohort_id;   /* the small hand-made cohort */
} Fixture;

/* Fixtures ------------------------------------------------------------------- */

static void
add_application (Fixture                       *f,
                 const PairingsApplicationData *data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pairings_store_add_application (f->store, f->cohort_id, data, &error), >, 0);
  g_assert_no_error (error);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_pairings_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* A cohort small enough to write out every byte of its exports: names and
 * institutions with commas, quotes, line breaks, edge spaces and formulas. */
static void
fill_small (Fixture *f)
{
  static const char * const ada_types[] = { "Career advancement", "Relocation, life at CERN", NULL };
  static const char * const grace_types[] = { "A new connection", NULL };
  static const char * const grace_groups[] = { "Group X", "Group Y", NULL };
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  gint64 programme;

  programme = pairings_store_add_programme (f->store, "Tiny", &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (f->store, programme, "2025", NULL, -1, &error);
  g_assert_no_error (error);
  f->cohort_id = pairings_cohort_get_id (cohort);

  add_application (f, &(PairingsApplicationData) {
    .name = "Lovelace, Ada", .email = "ada@example.org", .role = PAIRINGS_ROLE_MENTOR,
    .status = PAIRINGS_STATUS_ACCEPTED, .institution = "Analytical \"Engines\" Ltd",
    .location = "=1+1", .career_stage = PAIRINGS_CAREER_SENIOR_FACULTY,
    .mentoring_types = ada_types, .capacity = 2, .motivation = "Line one\nline two",
    .submitted_at = "2025-01-02T03:04:05Z",
  });
  add_application (f, &(PairingsApplicationData) {
    .name = "Grace Hopper", .email = "grace@example.org", .role = PAIRINGS_ROLE_MENTEE,
    .status = PAIRINGS_STATUS_ACCEPTED, .institution = " Navy ",
    .career_stage = PAIRINGS_CAREER_GRADUATE, .mentoring_types = grace_types, .capacity = 1,
    .motivation = "Compilers", .submitted_at = "2025-02-03T00:00:00Z",
    .pronouns = "she/her", .identity_groups = grace_groups,
  });
  add_application (f, &(PairingsApplicationData) {
    .name = "alan Turing", .email = "alan@example.org", .role = PAIRINGS_ROLE_MENTEE,
    .capacity = 1, .motivation = "-dash",
  });
  add_application (f, &(PairingsApplicationData) {
    .name = "Dr. \"Doc\" Who", .email = "who@example.org", .role = PAIRINGS_ROLE_MENTOR,
    .capacity = 1,
  });

  exec (f,
        "INSERT INTO reviews (application_id, reviewer, score, recused) VALUES"
        " ((SELECT id FROM applications WHERE name = 'Lovelace, Ada'), 'a', 4, 0),"
        " ((SELECT id FROM applications WHERE name = 'Lovelace, Ada'), 'b', 5, 0),"
        " ((SELECT id FROM applications WHERE name = 'Lovelace, Ada'), 'c', 1, 1),"
        " ((SELECT id FROM applications WHERE name = 'Lovelace, Ada'), 'd', NULL, 0);"
        "INSERT INTO pairs (id, cohort_id, mentor_application_id, mentee_application_id, stage,"
        "  position, score, locked) VALUES"
        " (1, (SELECT cohort_id FROM applications LIMIT 1),"
        "  (SELECT id FROM applications WHERE name = 'Lovelace, Ada'),"
        "  (SELECT id FROM applications WHERE name = 'Grace Hopper'), 'announced', 0, 7.34, 1),"
        " (2, (SELECT cohort_id FROM applications LIMIT 1),"
        "  (SELECT id FROM applications WHERE name = 'Lovelace, Ada'),"
        "  (SELECT id FROM applications WHERE name = 'alan Turing'), 'set_aside', 1, NULL, 0),"
        " (3, (SELECT cohort_id FROM applications LIMIT 1),"
        "  (SELECT id FROM applications WHERE name LIKE 'Dr.%'),"
        "  (SELECT id FROM applications WHERE name = 'alan Turing'), 'suggested', 0, NULL, 0);"
        "INSERT INTO agreements (pair_id, status, sent_on, signed_on, frequency_days, mode,"
        "  contact, confidentiality) VALUES"
        " (1, 'signed', '2025-03-01', '2025-03-05', 14, 'virtual', 'Zoom, weekly', 1);"
        "INSERT INTO goals (pair_id, text, status) VALUES"
        " (1, 'Write a compiler', 'reached'), (1, 'Retire', 'open');"
        "INSERT INTO check_ins (pair_id, date, reporter, status) VALUES"
        " (1, '2025-04-01', 'mentee', 'on_track'), (1, '2025-05-01', 'mentor', 'on_track');");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "export.db", NULL);
  f->store = pairings_store_open (f->db, &error);
  g_assert_no_error (error);

  fill_small (f);
  if (data != NULL)
    {
      g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Helpers -------------------------------------------------------------------- */

static char *
export_string (Fixture             *f,
               PairingsExportKind   kind,
               gint64               cohort_id,
               PairingsExportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (pairings_export_write (f->store, kind, cohort_id, flags, out, NULL, &error));
  g_assert_no_error (error);

  return g_strndup (g_memory_output_stream_get_data (memory),
                    g_memory_output_stream_get_data_size (memory));
}

static char *
cell (const char *value)
{
  GString *out = g_string_new (NULL);

  pairings_csv_append_cell (out, value);
  return g_string_free (out, FALSE);
}

static void
row_free (gpointer row)
{
  g_strfreev (row);
}

/* A strict RFC 4180 reader: records end with CRLF (the last one too), a
 * quote only opens a cell, a bare CR or LF only appears inside quotes. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) value = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean closed = FALSE;
  const char *p = text;

  while (*p)
    {
      if (quoted)
        {
          if (p[0] == '"' && p[1] == '"')
            {
              g_string_append_c (value, '"');
              p += 2;
            }
          else if (p[0] == '"')
            {
              quoted = FALSE;
              closed = TRUE;
              p++;
            }
          else
            g_string_append_c (value, *p++);
          continue;
        }

      if (*p == '"')
        {
          g_assert_cmpuint (value->len, ==, 0);
          g_assert_false (closed);
          quoted = TRUE;
          p++;
        }
      else if (*p == ',' || *p == '\r')
        {
          g_ptr_array_add (row, g_strdup (value->str));
          g_string_truncate (value, 0);
          closed = FALSE;
          if (*p == '\r')
            {
              g_assert_cmpint (p[1], ==, '\n');
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
              p++;
            }
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');
          g_assert_false (closed);
          g_string_append_c (value, *p++);
        }
    }

  g_assert_false (quoted);
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (value->len, ==, 0);
  return rows;
}

static gint64
count_where (Fixture    *f,
             const char *sql,
             gint64      cohort_id,
             const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
demo_cohorts (Fixture *f)
{
  g_autoptr(GListModel) cohorts = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = g_ptr_array_new ();

  cohorts = pairings_store_list_cohorts (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cohorts); i++)
    {
      g_autoptr(PairingsCohort) cohort = g_list_model_get_item (cohorts, i);
      gint64 id = pairings_cohort_get_id (cohort);

      if (id != f->cohort_id)
        g_ptr_array_add (ids, GSIZE_TO_POINTER ((gsize) id));
    }
  g_assert_cmpuint (ids->len, ==, 3);
  return ids;
}

/* Cells ---------------------------------------------------------------------- */

static void
test_kinds (void)
{
  PairingsExportKind kind;

  for (guint i = 0; i < PAIRINGS_EXPORT_N_KINDS; i++)
    {
      const char *id = pairings_export_kind_to_string (i);

      g_assert_true (pairings_export_kind_from_string (id, &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (pairings_export_kind_get_label (i), !=, "");
    }
  g_assert_cmpstr (pairings_export_kind_to_string (PAIRINGS_EXPORT_AGREEMENTS), ==, "agreements");
  g_assert_cmpstr (pairings_export_kind_get_label (PAIRINGS_EXPORT_ROSTER), ==, "Roster");
  g_assert_false (pairings_export_kind_from_string ("Roster", &kind));
  g_assert_false (pairings_export_kind_from_string ("", &kind));
  g_assert_false (pairings_export_kind_from_string (NULL, &kind));
}

static void
test_cell_quoting (void)
{
  const char *cases[][2] = {
    { "plain", "plain" },
    { "", "" },
    { "two words", "two words" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "line\nbreak", "\"line\nbreak\"" },
    { "cr\r\nlf", "\"cr\r\nlf\"" },
    { " lead", "\" lead\"" },
    { "trail ", "\"trail \"" },
    { "Zoë; Łukasz", "Zoë; Łukasz" },
    { "a=b", "a=b" },
    { "it's", "it's" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cell (cases[i][0]);
      g_assert_cmpstr (out, ==, cases[i][1]);
    }

  {
    g_autofree char *out = cell (NULL);
    g_assert_cmpstr (out, ==, "");
  }
}

static void
test_cell_formula (void)
{
  const char *cases[][2] = {
    { "=SUM(A1:A9)", "'=SUM(A1:A9)" },
    { "+41 22 767 61 11", "'+41 22 767 61 11" },
    { "-1", "'-1" },
    { "@cmd", "'@cmd" },
    { "\tcalc", "'\tcalc" },
    { "\rcalc", "\"'\rcalc\"" },
    { "=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"" },
    { "-", "'-" },
    { " =1", "\" =1\"" },
    { "1-1", "1-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cell (cases[i][0]);
      g_assert_cmpstr (out, ==, cases[i][1]);
    }
}

/* The small cohort, byte for byte -------------------------------------------- */

static void
test_small_applications (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_APPLICATIONS, f->cohort_id, 0);

  g_assert_cmpstr (csv, ==,
    APPLICATIONS_HEADER
    "alan Turing,alan@example.org,mentee,,,,,1,submitted,,,'-dash\r\n"
    "Grace Hopper,grace@example.org,mentee,\" Navy \",graduate,,A new connection,1,accepted,,"
    "2025-02-03T00:00:00Z,Compilers\r\n"
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,mentor,,,,,1,submitted,,,\r\n"
    "\"Lovelace, Ada\",ada@example.org,mentor,\"Analytical \"\"Engines\"\" Ltd\",senior_faculty,"
    "'=1+1,\"Career advancement; Relocation, life at CERN\",2,accepted,4.50,"
    "2025-01-02T03:04:05Z,\"Line one\nline two\"\r\n");
}

static void
test_small_confidential (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_APPLICATIONS, f->cohort_id,
                                        PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);

  g_assert_cmpstr (csv, ==,
    CONFIDENTIAL_HEADER
    "alan Turing,alan@example.org,mentee,,,,,1,submitted,,,'-dash,,\r\n"
    "Grace Hopper,grace@example.org,mentee,\" Navy \",graduate,,A new connection,1,accepted,,"
    "2025-02-03T00:00:00Z,Compilers,she/her,Group X; Group Y\r\n"
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,mentor,,,,,1,submitted,,,,,\r\n"
    "\"Lovelace, Ada\",ada@example.org,mentor,\"Analytical \"\"Engines\"\" Ltd\",senior_faculty,"
    "'=1+1,\"Career advancement; Relocation, life at CERN\",2,accepted,4.50,"
    "2025-01-02T03:04:05Z,\"Line one\nline two\",,\r\n");

  /* Without the flag, no export of any kind carries them. */
  for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
    for (guint bom = 0; bom < 2; bom++)
      {
        g_autofree char *plain = export_string (f, k, f->cohort_id, bom ? PAIRINGS_EXPORT_BOM : 0);

        g_assert_null (strstr (plain, "she/her"));
        g_assert_null (strstr (plain, "Group X"));
        g_assert_null (strstr (plain, "pronouns"));
      }

  /* Only the applications take the confidential columns. */
  for (guint k = PAIRINGS_EXPORT_ROSTER; k < PAIRINGS_EXPORT_N_KINDS; k++)
    {
      g_autofree char *other = export_string (f, k, f->cohort_id,
                                              PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
      g_assert_null (strstr (other, "she/her"));
      g_assert_true (g_str_has_prefix (other, headers[k]));
    }
}

static void
test_small_roster (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0);

  /* The set-aside pair (Ada and Alan) is left out. */
  g_assert_cmpstr (csv, ==,
    ROSTER_HEADER
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,alan Turing,alan@example.org,suggested,not_sent\r\n"
    "\"Lovelace, Ada\",ada@example.org,Grace Hopper,grace@example.org,announced,signed\r\n");
}

static void
test_small_pairs (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_PAIRS, f->cohort_id, 0);

  g_assert_cmpstr (csv, ==,
    PAIRS_HEADER
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,,alan Turing,alan@example.org,,suggested,0,,no,"
    "active,no\r\n"
    "\"Lovelace, Ada\",ada@example.org,\"Analytical \"\"Engines\"\" Ltd\",Grace Hopper,"
    "grace@example.org,\" Navy \",announced,0,7.3,yes,active,no\r\n"
    "\"Lovelace, Ada\",ada@example.org,\"Analytical \"\"Engines\"\" Ltd\",alan Turing,"
    "alan@example.org,,set_aside,1,,no,active,no\r\n");
}

static void
test_small_agreements (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_AGREEMENTS, f->cohort_id, 0);

  /* Every 14 days plus a week's grace after the last check-in: the next
   * one was due on 2025-05-22, long ago. */
  g_assert_cmpstr (csv, ==,
    AGREEMENTS_HEADER
    "\"Lovelace, Ada\",ada@example.org,Grace Hopper,grace@example.org,signed,2025-03-01,"
    "2025-03-05,14,virtual,\"Zoom, weekly\",yes,2,1,2,2025-05-01,active,1,0\r\n");

  /* An announced pair without an agreement yet: nothing agreed, nothing
   * due; without an announcement date, not at risk. */
  exec (f, "UPDATE pairs SET stage = 'announced', position = 1 WHERE id = 3");
  g_clear_pointer (&csv, g_free);
  csv = export_string (f, PAIRINGS_EXPORT_AGREEMENTS, f->cohort_id, 0);
  g_assert_true (g_str_has_suffix (csv,
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,alan Turing,alan@example.org,not_sent,,,,,,no,"
    "0,0,0,,active,0,0\r\n"));

  /* Announced three weeks ago or more and still unsigned: at risk. The
   * last check-in said "needs attention": at risk too. A completed pair
   * owes nothing. */
  exec (f, "UPDATE cohorts SET announcement = '2025-03-01' WHERE id = (SELECT cohort_id FROM pairs"
           " WHERE id = 1);"
           "INSERT INTO check_ins (pair_id, date, reporter, status) VALUES"
           " (3, '2025-04-01', 'mentee', 'needs_attention');");
  g_clear_pointer (&csv, g_free);
  csv = export_string (f, PAIRINGS_EXPORT_AGREEMENTS, f->cohort_id, 0);
  g_assert_cmpstr (csv, ==,
    AGREEMENTS_HEADER
    "\"Lovelace, Ada\",ada@example.org,Grace Hopper,grace@example.org,signed,2025-03-01,"
    "2025-03-05,14,virtual,\"Zoom, weekly\",yes,2,1,2,2025-05-01,active,1,0\r\n"
    "\"Dr. \"\"Doc\"\" Who\",who@example.org,alan Turing,alan@example.org,not_sent,,,,,,no,"
    "0,0,1,2025-04-01,active,0,1\r\n");

  exec (f, "UPDATE pairs SET outcome = 'completed' WHERE id = 1");
  g_clear_pointer (&csv, g_free);
  csv = export_string (f, PAIRINGS_EXPORT_AGREEMENTS, f->cohort_id, 0);
  g_assert_nonnull (strstr (csv, ",2025-05-01,completed,0,0\r\n"));
}

/* The export's overdue and at_risk columns say what the Agreements page
 * says, pair by pair. */
static void
test_demo_agreements_assessed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) cohorts = demo_cohorts (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint flagged = 0;

  for (guint c = 0; c < cohorts->len; c++)
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_ptr_array_index (cohorts, c));
      g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_AGREEMENTS, id, 0);
      g_autoptr(GPtrArray) rows = parse_csv (csv);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;

      list = pairings_followup_list (f->store, id, today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, list->len + 1);

      for (guint i = 0; i < list->len; i++)
        {
          PairingsFollowUp *followup = g_ptr_array_index (list, i);
          gboolean found = FALSE;

          for (guint r = 1; r < rows->len && !found; r++)
            {
              char **row = g_ptr_array_index (rows, r);

              if (g_strcmp0 (row[1], followup->mentor_email) != 0 ||
                  g_strcmp0 (row[3], followup->mentee_email) != 0)
                continue;
              found = TRUE;
              g_assert_cmpstr (row[15], ==, pairings_outcome_to_string (followup->outcome));
              g_assert_cmpstr (row[16], ==, followup->overdue ? "1" : "0");
              g_assert_cmpstr (row[17], ==, followup->at_risk ? "1" : "0");
              flagged += followup->overdue || followup->at_risk;
            }
          g_assert_true (found);
        }
    }
  g_test_message ("%u pairs overdue or at risk", flagged);
}

static void
test_bom (Fixture       *f,
          gconstpointer  data)
{
  for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
    {
      g_autofree char *plain = export_string (f, k, f->cohort_id, 0);
      g_autofree char *marked = export_string (f, k, f->cohort_id, PAIRINGS_EXPORT_BOM);

      g_assert_true (g_str_has_prefix (plain, headers[k]));
      g_assert_null (strstr (plain, "\xEF\xBB\xBF"));
      g_assert_true (g_str_has_prefix (marked, "\xEF\xBB\xBF"));
      g_assert_cmpstr (marked + 3, ==, plain);
    }
}

static void
test_email_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  list = pairings_export_email_list (f->store, f->cohort_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list, ==,
                   "\"Dr. \\\"Doc\\\" Who\" <who@example.org>, alan Turing <alan@example.org>, "
                   "\"Lovelace, Ada\" <ada@example.org>, Grace Hopper <grace@example.org>");

  /* Ada's second live pair does not list her twice; a line break in a
   * name cannot start a new header line. */
  exec (f, "DELETE FROM pairs WHERE id = 3;"
           "UPDATE pairs SET stage = 'approved' WHERE id = 2;"
           "UPDATE applications SET name = 'Alan' || char(13, 10) || 'Bcc: x@y.z'"
           " WHERE name = 'alan Turing'");
  g_clear_pointer (&list, g_free);
  list = pairings_export_email_list (f->store, f->cohort_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list, ==,
                   "\"Lovelace, Ada\" <ada@example.org>, \"Alan  Bcc: x@y.z\" <alan@example.org>, "
                   "Grace Hopper <grace@example.org>");
}

static void
test_unknown_cohort (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "none.csv", NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
    {
      g_assert_false (pairings_export_write (f->store, k, 9999, 0, out, NULL, &error));
      g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);

  g_assert_false (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, 9999, 0, path,
                                           NULL, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  list = pairings_export_email_list (f->store, 9999, &error);
  g_assert_null (list);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

static void
assert_no_temporary (Fixture *f)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_true (g_str_has_prefix (name, "export.db") || g_str_equal (name, "roster.csv"));
}

static void
test_to_file (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "folder.csv", NULL);
  g_autofree char *expected = export_string (f, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0, path,
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  assert_no_temporary (f);

  /* An existing, world-readable file is replaced by a private one. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0, path,
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  /* A failed export leaves the old file as it was, and nothing else. */
  g_assert_false (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, 9999, 0, path,
                                           NULL, &error));
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  assert_no_temporary (f);

  g_assert_false (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0,
                                           missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A folder in the way: the rename fails and the temporary file goes. */
  {
    g_autofree char *folder = g_build_filename (f->dir, "roster.csv.d", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_false (pairings_export_to_file (f->store, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0,
                                             folder, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_clear_error (&error);
    g_rmdir (folder);
    assert_no_temporary (f);
  }
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char small[16];

  /* A stream that fills up after 16 bytes. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new (small, sizeof small, NULL, NULL);

    g_assert_false (pairings_export_write (f->store, PAIRINGS_EXPORT_PAIRS, f->cohort_id, 0, out,
                                           NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_clear_error (&error);
  }

  g_cancellable_cancel (cancellable);
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    g_assert_false (pairings_export_write (f->store, PAIRINGS_EXPORT_PAIRS, f->cohort_id, 0, out,
                                           cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* The store's cached statement was left reset: a new export works. */
  {
    g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_PAIRS, f->cohort_id, 0);
    g_assert_true (g_str_has_prefix (csv, PAIRS_HEADER));
  }
}

/* The demo programme --------------------------------------------------------- */

static void
test_demo_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) cohorts = demo_cohorts (f);

  for (guint c = 0; c < cohorts->len; c++)
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_ptr_array_index (cohorts, c));

      for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
        {
          g_autofree char *csv = export_string (f, k, id, 0);
          g_assert_true (g_str_has_prefix (csv, headers[k]));
        }
      {
        g_autofree char *csv = export_string (f, PAIRINGS_EXPORT_APPLICATIONS, id,
                                              PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
        g_assert_true (g_str_has_prefix (csv, CONFIDENTIAL_HEADER));
      }
    }
}

static void
check_parse_back (Fixture            *f,
                  gint64              cohort_id,
                  PairingsExportKind  kind,
                  PairingsExportFlags flags)
{
  static const char * const count_sql[PAIRINGS_EXPORT_N_KINDS] = {
    "SELECT count(*) FROM applications WHERE cohort_id = ?",
    "SELECT count(*) FROM pairs WHERE cohort_id = ? AND stage <> 'set_aside'",
    "SELECT count(*) FROM pairs WHERE cohort_id = ?",
    "SELECT count(*) FROM pairs WHERE cohort_id = ? AND stage = 'announced'",
  };
  g_autofree char *csv = export_string (f, kind, cohort_id, flags);
  g_autoptr(GPtrArray) rows = NULL;
  guint width;

  g_test_message ("cohort %" G_GINT64_FORMAT ", %s", cohort_id,
                  pairings_export_kind_to_string (kind));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1 + count_where (f, count_sql[kind], cohort_id, NULL));
  g_assert_cmpuint (rows->len, >, 1);

  width = g_strv_length (g_ptr_array_index (rows, 0));
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, r)), ==, width);

  /* The e-mail column reads back as the database holds it, in order. */
  if (kind == PAIRINGS_EXPORT_APPLICATIONS)
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (_pairings_store_get_db (f->store),
                          "SELECT p.email FROM applications a JOIN people p ON p.id = a.person_id"
                          " WHERE a.cohort_id = ? ORDER BY a.role, a.name COLLATE NOCASE, a.id",
                          -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, cohort_id);
      for (guint r = 1; r < rows->len; r++)
        {
          char **row = g_ptr_array_index (rows, r);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr (row[1], ==, (const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_finalize (stmt);
    }
}

static void
test_demo_parse_back (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) cohorts = demo_cohorts (f);

  for (guint c = 0; c < cohorts->len; c++)
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_ptr_array_index (cohorts, c));

      for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
        check_parse_back (f, id, k, 0);
      check_parse_back (f, id, PAIRINGS_EXPORT_APPLICATIONS, PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
    }

  /* The small cohort too, with its quotes and line breaks. */
  for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
    check_parse_back (f, f->cohort_id, k, 0);
}

/* Every pronoun and identity group the demo stored, except those that also
 * occur in ordinary exported text (the mentoring type "Allyship for
 * minority identity groups, incl. LGBTQ+" names a group). */
static GPtrArray *
confidential_strings (Fixture *f)
{
  static const char sql[] =
    "SELECT DISTINCT pronouns FROM confidential_answers WHERE pronouns <> ''"
    " UNION SELECT DISTINCT j.value FROM confidential_answers, json_each(identity_groups) j";
  static const char elsewhere[] =
    "SELECT EXISTS (SELECT 1 FROM applications a JOIN people p ON p.id = a.person_id"
    "  WHERE instr(a.name || p.email || a.institution || a.location || a.mentoring_types"
    "   || a.motivation, ?2) > 0)"
    " OR EXISTS (SELECT 1 FROM agreements WHERE instr(contact, ?2) > 0)";
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *s = (const char *) sqlite3_column_text (stmt, 0);

      if (count_where (f, elsewhere, 0, s) == 0)
        g_ptr_array_add (strings, g_strdup (s));
    }
  sqlite3_finalize (stmt);

  return strings;
}

static void
test_demo_confidential (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) cohorts = demo_cohorts (f);
  g_autoptr(GPtrArray) secrets = confidential_strings (f);
  g_autoptr(GString) all_with = g_string_new (NULL);

  /* she/her, he/him, they/them… and most identity groups. */
  g_test_message ("%u confidential strings checked", secrets->len);
  g_assert_cmpuint (secrets->len, >=, 6);

  for (guint c = 0; c < cohorts->len; c++)
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_ptr_array_index (cohorts, c));
      g_autofree char *with = NULL;

      for (guint k = 0; k < PAIRINGS_EXPORT_N_KINDS; k++)
        {
          g_autofree char *plain = export_string (f, k, id, 0);
          g_autofree char *flagged_other = NULL;

          for (guint s = 0; s < secrets->len; s++)
            g_assert_null (strstr (plain, g_ptr_array_index (secrets, s)));

          if (k == PAIRINGS_EXPORT_APPLICATIONS)
            continue;
          flagged_other = export_string (f, k, id, PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
          for (guint s = 0; s < secrets->len; s++)
            g_assert_null (strstr (flagged_other, g_ptr_array_index (secrets, s)));
        }

      with = export_string (f, PAIRINGS_EXPORT_APPLICATIONS, id,
                            PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
      g_string_append (all_with, with);
    }

  /* Asked for, every one of them is there (the small cohort has its own). */
  {
    g_autofree char *small = export_string (f, PAIRINGS_EXPORT_APPLICATIONS, f->cohort_id,
                                            PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL);
    g_string_append (all_with, small);
  }
  for (guint s = 0; s < secrets->len; s++)
    g_assert_nonnull (strstr (all_with->str, g_ptr_array_index (secrets, s)));
}

/* The command line ----------------------------------------------------------- */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *roster = export_string (f, PAIRINGS_EXPORT_ROSTER, f->cohort_id, 0);
  g_autofree char *contents = NULL;
  GStatBuf st;

  if (g_getenv ("PAIRINGS_CLI") == NULL)
    {
      g_test_skip ("PAIRINGS_CLI is not set");
      return;
    }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "export", "roster", "--cohort", "2025", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, roster);
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "export", "pairs", "--cohort", "2025", "--bom", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "\xEF\xBB\xBF" PAIRS_HEADER));
  }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "export", "applications", "--cohort", "2025",
             "--include-confidential", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, CONFIDENTIAL_HEADER));
    g_assert_nonnull (strstr (run.out, "she/her"));
    g_assert_nonnull (strstr (run.err, "confidential"));
  }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "export", "roster", "--cohort", "2025",
             "--output", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, roster);
    assert_no_temporary (f);
  }

  /* Usage errors: 1, and nothing on stdout. */
  {
    const char *cases[][5] = {
      { "export", NULL },
      { "export", "roster", NULL },
      { "export", "rosters", "--cohort", "2025", NULL },
      { "export", "roster", "pairs", "--cohort", "2025" },
      { "export", "roster", "--cohort", NULL },
      { "export", "roster", "--cohort", "2025", "--colour" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };

        g_test_message ("usage case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                 cases[i][4], NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, "pairings-cli"));
      }
  }

  /* An unknown cohort is bad input: 2. */
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "export", "roster", "--cohort", "1999", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "1999"));
  }

  /* A file that is not a database (the CSV just written): 3. */
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", path, "export", "roster", "--cohort", "2025", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_cmpstr (run.out, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  static const char demo[] = "demo";

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DEMO(path, func) \
  g_test_add (path, Fixture, demo, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/export/kinds", test_kinds);
  g_test_add_func ("/export/cell/quoting", test_cell_quoting);
  g_test_add_func ("/export/cell/formula-injection", test_cell_formula);
  ADD ("/export/small/applications", test_small_applications);
  ADD ("/export/small/confidential", test_small_confidential);
  ADD ("/export/small/roster", test_small_roster);
  ADD ("/export/small/pairs", test_small_pairs);
  ADD ("/export/small/agreements", test_small_agreements);
  ADD ("/export/bom", test_bom);
  ADD ("/export/email-list", test_email_list);
  ADD ("/export/unknown-cohort", test_unknown_cohort);
  ADD ("/export/to-file", test_to_file);
  ADD ("/export/write-error", test_write_error);
  ADD_DEMO ("/export/demo/headers", test_demo_headers);
  ADD_DEMO ("/export/demo/parse-back", test_demo_parse_back);
  ADD_DEMO ("/export/demo/confidential", test_demo_confidential);
  ADD_DEMO ("/export/demo/agreements-assessed", test_demo_agreements_assessed);
  ADD ("/export/cli", test_cli);

  return g_test_run ();
}

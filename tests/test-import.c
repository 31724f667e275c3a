/* test-import.c: real form exports in, with every encoding, delimiter and
 * mistake a coordinator meets
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pairings-application.h"
#include "pairings-cohort.h"
#include "pairings-export.h"
#include "pairings-import.h"
#include "pairings-store-private.h"
#include "pairings-test-utils.h"

typedef struct
{
  char           *dir;
  PairingsStore  *store;
  PairingsCohort *cohort;
  gint64          programme;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pairings-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "import.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  f->programme = pairings_store_add_programme (f->store, "Import test", &error);
  g_assert_no_error (error);
  f->cohort = pairings_store_add_cohort (f->store, f->programme, "2025", NULL, 20, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* An import writes with the CHECK constraints off (they would only check
   * what it built itself): whatever a test imported must still pass them,
   * and integrity_check checks every CHECK and NOT NULL of every row. */
  if (f->store != NULL)
    {
      g_autofree char *integrity = query_text (f->store, "PRAGMA integrity_check");

      g_assert_cmpstr (integrity, ==, "ok");
    }
  g_clear_object (&f->cohort);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static PairingsImportReport *
import_ok (Fixture      *f,
           const char   *path,
           PairingsRole  role)
{
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), role, NULL, FALSE, FALSE };
  PairingsImportReport *report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* A digest of everything a coordinator can see: every table but the
 * event log, without the times of writing. */
static char *
content_digest (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT id, email, email_key, name FROM people ORDER BY id",
    "SELECT id, cohort_id, person_id, role, status, name, institution, experiment, department,"
    " location, timezone, languages, career_stage, career_stage_raw, mentoring_types, capacity,"
    " motivation, submitted_at, answers FROM applications ORDER BY id",
    "SELECT * FROM confidential_answers ORDER BY application_id",
    "SELECT id, name FROM cohorts ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (f->store), queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *v = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *) (v ? v : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Encodings, delimiters, line ends -------------------------------------------- */

static const char google_header[] =
  "Timestamp,Email Address,Full name,Home institution,Career stage,"
  "What kind of mentoring are you looking for?,Motivation,Dietary needs";

static void
check_zoe (Fixture *f)
{
  g_autofree char *name = query_text (f->store, "SELECT name FROM applications WHERE name LIKE 'Zo%'");
  g_autofree char *institution = query_text (f->store, "SELECT institution FROM applications WHERE name LIKE 'Zo%'");
  g_autofree char *stage = query_text (f->store, "SELECT career_stage FROM applications WHERE name LIKE 'Zo%'");

  g_assert_cmpstr (name, ==, "Zoë Ångström");
  g_assert_cmpstr (institution, ==, "Université de Genève");
  g_assert_cmpstr (stage, ==, "postdoc");
}

static void
test_utf8_variants (Fixture       *f,
                    gconstpointer  data)
{
  const char *line_ends[] = { "\n", "\r\n", "\r" };
  const char *boms[] = { "", "\xEF\xBB\xBF" };

  for (guint b = 0; b < G_N_ELEMENTS (boms); b++)
    for (guint e = 0; e < G_N_ELEMENTS (line_ends); e++)
      {
        g_autofree char *contents = g_strdup_printf ("%sName,Email%sZoë Ångström,zoe%u%u@cern.example%s"
                                                     "\"Ana, \"\"Nina\"\" Lima\",ana%u%u@usp.example%s",
                                                     boms[b], line_ends[e], b, e, line_ends[e], b, e,
                                                     line_ends[e]);
        g_autofree char *path = write_file (f, "variant.csv", contents, -1);
        g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);

        g_assert_cmpuint (report->imported, ==, 2);
        g_assert_cmpuint (report->skipped->len, ==, 0);
        g_assert_cmpint (report->encoding, ==, b ? PAIRINGS_CSV_UTF8_BOM : PAIRINGS_CSV_UTF8);
      }

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE name = 'Zoë Ångström'"), ==, 6);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE name = 'Ana, \"Nina\" Lima'"), ==, 6);
}

static void
test_utf16_and_cp1252 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *utf8 = g_strdup_printf ("%s\r\n2025-02-01T10:00:00Z,zoe@cern.example,Zoë Ångström,"
                                           "Université de Genève,Postdoc,A new connection,Hello,None\r\n",
                                           google_header);
  gsize n = 0;
  g_autofree char *le = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
  g_autofree char *le_bom = g_malloc (n + 2);
  g_autofree char *be = NULL;
  g_autofree char *be_bom = NULL;
  g_autofree char *cp1252 = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  gsize n_be = 0;

  le_bom[0] = (char) 0xFF;
  le_bom[1] = (char) 0xFE;
  memcpy (le_bom + 2, le, n);
  {
    g_autofree char *path = write_file (f, "utf16le.csv", le_bom, (gssize) n + 2);
    g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
    g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_UTF16LE);
    g_assert_cmpuint (report->imported, ==, 1);
    check_zoe (f);
  }

  g_assert_true (_pairings_store_exec (f->store, "DELETE FROM applications; DELETE FROM people", NULL));
  be = g_convert (utf8, -1, "UTF-16BE", "UTF-8", NULL, &n_be, NULL);
  be_bom = g_malloc (n_be + 2);
  be_bom[0] = (char) 0xFE;
  be_bom[1] = (char) 0xFF;
  memcpy (be_bom + 2, be, n_be);
  {
    g_autofree char *path = write_file (f, "utf16be.csv", be_bom, (gssize) n_be + 2);
    g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
    g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_UTF16BE);
    check_zoe (f);
  }

  g_assert_true (_pairings_store_exec (f->store, "DELETE FROM applications; DELETE FROM people", NULL));
  {
    g_autofree char *path = write_file (f, "excel-fr.csv", cp1252, -1);
    g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
    g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_WINDOWS_1252);
    check_zoe (f);
  }
}

static void
test_delimiters_and_french_headers (Fixture       *f,
                                    gconstpointer  data)
{
  /* French Excel: semicolons, French questions, day-first dates. */
  const char *semicolon =
    "Horodateur;Adresse e-mail;Nom complet;Établissement;Stade de carrière;Motivation\r\n"
    "14/02/2025 10:31:05;zoe@cern.example;Zoë Ångström;Université de Genève;Postdoctorante;"
    "\"Première ligne ;\r\ndeuxième « ligne »\"\r\n";
  const char *tab =
    "Courriel\tNom\tAffiliation\tPoste\n"
    "ana@usp.example\tAna Lima\tUSP\tDoctorante\n";

  {
    g_autofree char *path = write_file (f, "semicolon.csv", semicolon, -1);
    g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
    g_autofree char *motivation = query_text (f->store, "SELECT motivation FROM applications WHERE name LIKE 'Zo%'");
    g_autofree char *when = query_text (f->store, "SELECT submitted_at FROM applications WHERE name LIKE 'Zo%'");

    g_assert_cmpint (report->delimiter, ==, ';');
    g_assert_cmpuint (report->imported, ==, 1);
    check_zoe (f);
    g_assert_cmpstr (motivation, ==, "Première ligne ;\r\ndeuxième « ligne »");
    g_assert_cmpstr (when, ==, "2025-02-14T10:31:05Z");
  }
  {
    g_autofree char *path = write_file (f, "tab.csv", tab, -1);
    g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
    g_autofree char *stage = query_text (f->store, "SELECT career_stage FROM applications WHERE name = 'Ana Lima'");

    g_assert_cmpint (report->delimiter, ==, '\t');
    g_assert_cmpstr (stage, ==, "graduate");
  }
}

/* Mapping ---------------------------------------------------------------------- */

static void
test_multi_select (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PairingsMapping) mapping = pairings_mapping_new ();
  g_auto(GStrv) google = NULL;
  g_auto(GStrv) microsoft = NULL;
  g_auto(GStrv) custom = NULL;

  google = pairings_mapping_split_options (mapping, "Career advancement, Allyship for minority identity "
                                                    "groups, incl. LGBTQ+, A new connection");
  g_assert_cmpuint (g_strv_length (google), ==, 3);
  g_assert_cmpstr (google[0], ==, "Career advancement");
  g_assert_cmpstr (google[1], ==, "Allyship for minority identity groups, incl. LGBTQ+");
  g_assert_cmpstr (google[2], ==, "A new connection");

  microsoft = pairings_mapping_split_options (mapping, "Work-life balance;Allyship for minority identity "
                                                       "groups, incl. LGBTQ+;");
  g_assert_cmpuint (g_strv_length (microsoft), ==, 2);
  g_assert_cmpstr (microsoft[1], ==, "Allyship for minority identity groups, incl. LGBTQ+");

  /* An option the programme added in its preset, comma included. */
  pairings_mapping_add_option (mapping, "Returning to research, e.g. after a break");
  custom = pairings_mapping_split_options (mapping, "Returning to research, e.g. after a break, Something else");
  g_assert_cmpuint (g_strv_length (custom), ==, 2);
  g_assert_cmpstr (custom[0], ==, "Returning to research, e.g. after a break");
  g_assert_cmpstr (custom[1], ==, "Something else");

  {
    g_auto(GStrv) empty = pairings_mapping_split_options (mapping, "");
    g_assert_cmpuint (g_strv_length (empty), ==, 0);
  }
}

static void
test_preset (Fixture       *f,
             gconstpointer  data)
{
  const char *preset =
    "[mapping]\n"
    "email=Contact\n"
    "name=Who are you?\n"
    "career_stage=Level\n"
    "mentoring_types=Wishes\n"
    "[mentoring_types]\n"
    "options=Returning to research, e.g. after a break;Career advancement\n"
    "[career_stage]\n"
    "Fellow (senior)=senior_faculty\n";
  const char *csv =
    "Who are you?,Contact,Level,Wishes,Shoe size\n"
    "Łukasz Wróbel,lukasz@desy.example,Fellow (senior),\"Returning to research, e.g. after a break, Career advancement\",44\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsMapping) mapping = pairings_mapping_new_from_data (preset, -1, "preset.ini", &error);
  g_autofree char *path = write_file (f, "custom.csv", csv, -1);
  g_autofree char *saved_path = g_build_filename (f->dir, "saved.ini", NULL);
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTOR, NULL, FALSE, FALSE };
  g_autoptr(PairingsImportReport) report = NULL;

  g_assert_no_error (error);
  options.mapping = mapping;
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);

  {
    g_autofree char *stage = query_text (f->store, "SELECT career_stage FROM applications");
    g_autofree char *types = query_text (f->store, "SELECT mentoring_types FROM applications");
    g_autofree char *answers = query_text (f->store, "SELECT answers FROM applications");
    g_assert_cmpstr (stage, ==, "senior_faculty");
    g_assert_cmpstr (types, ==, "[\"Returning to research, e.g. after a break\",\"Career advancement\"]");
    /* Unmapped columns are kept with the application. */
    g_assert_cmpstr (answers, ==, "{\"Shoe size\":\"44\"}");
  }

  /* Saved and read back, the preset is the same. */
  g_assert_true (pairings_mapping_save (mapping, saved_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PairingsMapping) again = pairings_mapping_new_from_file (saved_path, &error);
    PairingsCareerStage stage;
    g_autofree char *a = pairings_mapping_to_data (mapping);
    g_autofree char *b = NULL;

    g_assert_no_error (error);
    b = pairings_mapping_to_data (again);
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (pairings_mapping_get_column (again, PAIRINGS_FIELD_EMAIL), ==, "Contact");
    g_assert_true (pairings_mapping_career_stage (again, "fellow (SENIOR)", &stage));
    g_assert_cmpint (stage, ==, PAIRINGS_CAREER_SENIOR_FACULTY);
  }
}

static void
test_preset_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "mentees.csv", "Name,Email\nAna,ana@x.example\n", -1);
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(PairingsMapping) missing = NULL;

  g_assert_null (pairings_mapping_new_from_data ("not an ini file", -1, "bad.ini", &error));
  g_assert_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.ini"));
  g_clear_error (&error);

  g_assert_null (pairings_mapping_new_from_data ("[mapping]\nshoe=Size\n", -1, "bad.ini", &error));
  g_assert_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "shoe"));
  g_clear_error (&error);

  g_assert_null (pairings_mapping_new_from_data ("[mapping]\n[career_stage]\nBoss=chief\n", -1, "bad.ini", &error));
  g_assert_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID);
  g_clear_error (&error);

  missing = pairings_mapping_new_from_data ("[mapping]\nemail=Courriel\n", -1, "fr.ini", &error);
  g_assert_no_error (error);
  options.mapping = missing;
  g_assert_false (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "mentees.csv, line 1"));
  g_assert_nonnull (strstr (error->message, "Courriel"));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"), ==, 0);
}

/* Duplicates -------------------------------------------------------------------- */

static void
test_resubmission (Fixture       *f,
                   gconstpointer  data)
{
  const char *first =
    "Timestamp,Email,Name,Motivation,Pronouns\n"
    "2025-02-01T10:00:00Z,Zoe@CERN.example,Zoë,First try,she/her\n"
    "2025-02-03T10:00:00Z,zoe@cern.EXAMPLE,Zoë Ångström,Second thoughts,she/they\n"
    "2025-01-30T10:00:00Z,ZOE@cern.example,Zoë A.,Oldest,\n";
  const char *later =
    "Timestamp,Email,Name,Motivation,Pronouns\n"
    "2025-02-10T10:00:00Z,zoe@cern.example,Zoë Ångström,Final version,they/them\n";
  g_autofree char *path = write_file (f, "first.csv", first, -1);
  g_autofree char *later_path = write_file (f, "later.csv", later, -1);
  g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTEE);
  g_autoptr(PairingsImportReport) again = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *after_undo = NULL;

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_cmpuint (report->notes->len, ==, 2);
  g_assert_nonnull (strstr (g_array_index (report->notes, PairingsImportProblem, 0).message, "line 3"));
  g_assert_nonnull (strstr (g_array_index (report->notes, PairingsImportProblem, 0).message, "replaces line 2"));
  {
    g_autofree char *motivation = query_text (f->store, "SELECT motivation FROM applications");
    g_assert_cmpstr (motivation, ==, "Second thoughts");
  }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM people"), ==, 1);

  /* A later file replaces it again; undoing that import brings back the
   * second thoughts, confidential answers included. */
  digest = content_digest (f);
  again = import_ok (f, later_path, PAIRINGS_ROLE_MENTEE);
  g_assert_cmpuint (again->updated, ==, 1);
  g_assert_cmpuint (again->imported, ==, 0);
  {
    g_autofree char *pronouns = query_text (f->store, "SELECT pronouns FROM confidential_answers");
    g_assert_cmpstr (pronouns, ==, "they/them");
  }
  /* Confidential answers never enter the event log. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE after LIKE '%she/they%'"
                                 " OR after LIKE '%they/them%'"), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (pairings_import_undo (f->store, again->event_id, &error));
    g_assert_no_error (error);
    after_undo = content_digest (f);
    g_assert_cmpstr (digest, ==, after_undo);
    g_assert_false (pairings_import_undo (f->store, again->event_id, &error));
    g_assert_error (error, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_NOTHING_TO_UNDO);
  }
}

static void
test_returning (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) earlier = pairings_store_add_cohort (f->store, f->programme, "2024", NULL, -1, &error);
  PairingsImportOptions options = { pairings_cohort_get_id (earlier), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autofree char *path = write_file (f, "a.csv", "Name,Email\nAna Lima,ana@usp.example\n", -1);
  g_autofree char *path2 = write_file (f, "b.csv", "Name,Email\nAna Lima,ANA@usp.example\nBo,bo@x.example\n", -1);
  g_autoptr(PairingsImportReport) first = NULL;
  g_autoptr(PairingsImportReport) second = NULL;

  g_assert_no_error (error);
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &first, &error));
  g_assert_no_error (error);

  /* The next year she becomes a mentor: the same person, linked. */
  options.cohort_id = pairings_cohort_get_id (f->cohort);
  options.role = PAIRINGS_ROLE_MENTOR;
  g_assert_true (pairings_import_file (f->store, path2, &options, NULL, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->imported, ==, 2);
  g_assert_cmpuint (second->returning, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM people"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT cohort_id) FROM applications a JOIN people p"
                                 " ON p.id = a.person_id WHERE p.email_key = 'ana@usp.example'"), ==, 2);
}

/* Bad input ----------------------------------------------------------------------- */

static void
test_row_problems (Fixture       *f,
                   gconstpointer  data)
{
  /* With a byte order mark the file says it is UTF-8, so bytes that are
   * not UTF-8 are a mistake in their row, not a sign of Windows-1252. */
  const char *csv =
    "\xEF\xBB\xBFName,Email,Capacity\n"              /* 1 */
    "Ana Lima,ana@usp.example,2\n"                   /* 2: fine */
    "Bad Mail,not-an-address,1\n"                    /* 3 */
    ",nameless@x.example,1\n"                        /* 4 */
    "No Mail,,1\n"                                   /* 5 */
    "Too Many,many@x.example,1,extra\n"              /* 6 */
    "Too Few\n"                                      /* 7 */
    "Zero,zero@x.example,0\n"                        /* 8: a mentor takes one at least */
    "Words,words@x.example,two\n"                    /* 9 */
    "\"Multi\nline\",multi@x.example,3\n"            /* 10–11: fine */
    "Bytes \xff\xfe,bytes@x.example,1\n"             /* 12 */
    "Last,last@x.example,1\n";                       /* 13: fine */
  g_autofree char *path = write_file (f, "mentors.csv", csv, -1);
  g_autoptr(PairingsImportReport) report = import_ok (f, path, PAIRINGS_ROLE_MENTOR);
  const struct { guint line; const char *field; } expected[] = {
    { 3, "email" }, { 4, "name" }, { 5, "email" }, { 6, "" }, { 7, "" }, { 8, "capacity" },
    { 9, "capacity" }, { 12, "" },
  };

  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PairingsImportProblem *p = &g_array_index (report->skipped, PairingsImportProblem, i);
      g_autofree char *where = g_strdup_printf ("mentors.csv, line %u", expected[i].line);

      g_assert_cmpuint (p->line, ==, expected[i].line);
      g_assert_cmpstr (p->field ? p->field : "", ==, expected[i].field);
      g_assert_nonnull (strstr (p->message, where));
    }
  g_assert_cmpint (query_int (f->store, "SELECT capacity FROM applications WHERE name = 'Ana Lima'"), ==, 2);

  /* The JSON report lists the same problems. */
  {
    g_autofree char *json = pairings_import_report_to_json (report);
    g_assert_true (g_str_has_prefix (json, "{\"imported\":3,\"updated\":0,"));
    g_assert_nonnull (strstr (json, "\"skipped\":[{\"line\":3,\"field\":\"email\",\"reason\":"));
  }
}

static void
test_file_problems (Fixture       *f,
                    gconstpointer  data)
{
  const struct
  {
    const char *name;
    const char *contents;
    gssize      length;
    GQuark      domain;
    int         code;
    const char *mentions;
  } cases[] = {
    { "empty.csv", "", 0, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY, "empty.csv" },
    { "bom.csv", "\xEF\xBB\xBF", 3, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY, "bom.csv" },
    { "header.csv", "Name,Email\r\n", -1, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_NO_ROWS, "header.csv" },
    { "binary.csv", "PK\x03\x04\0\0\x14\0", 8, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_BINARY, "binary.csv" },
    { "quote.csv", "Name,Email\nAna,ana@x.example\n\"Bo,bo@x.example\nCy,cy@x.example\n", -1,
      PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX, "quote.csv, line 3" },
    { "noemail.csv", "Name,Shoe\nAna,38\n", -1, PAIRINGS_MAPPING_ERROR,
      PAIRINGS_MAPPING_ERROR_MISSING_COLUMN, "noemail.csv, line 1" },
  };
  g_autofree char *before = content_digest (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (f, cases[i].name, cases[i].contents, cases[i].length);
      PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
      g_autoptr(PairingsImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %s", cases[i].name);
      g_assert_false (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      after = content_digest (f);
      g_assert_cmpstr (before, ==, after);
    }

  /* A folder and a file that is not there. */
  {
    PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
    g_autoptr(GError) error = NULL;
    g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);

    g_assert_false (pairings_import_file (f->store, f->dir, &options, NULL, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (pairings_import_file (f->store, missing, &options, NULL, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "missing.csv"));
  }
}

/* Atomicity ----------------------------------------------------------------------- */

static char *
large_file (Fixture    *f,
            guint       rows,
            const char *last_row)
{
  GString *csv = g_string_new ("Timestamp,Email,Name,Motivation\r\n");
  g_autofree char *path = NULL;

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "2025-02-01T10:%02u:%02uZ,person%u@lab.example,Person %u,"
                                 "\"Reason one, and \"\"two\"\"\r\nand three\"\r\n",
                            (i / 60) % 60, i % 60, i, i);
  if (last_row != NULL)
    g_string_append (csv, last_row);
  path = write_file (f, "large.csv", csv->str, (gssize) csv->len);
  g_string_free (csv, TRUE);
  return g_steal_pointer (&path);
}

static void
test_strict_and_dry_run (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = large_file (f, 5000, "2025-02-02T00:00:00Z,broken,Late Error,x\r\n");
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, TRUE, FALSE };
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (f);
  guint events = pairings_store_count_events (f->store);

  /* Strict: one bad row at the end refuses the whole file. */
  g_assert_false (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpuint (g_array_index (report->skipped, PairingsImportProblem, 0).line, ==, 2 + 5000 * 2);
  {
    g_autofree char *after = content_digest (f);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events);
  g_clear_error (&error);
  g_clear_pointer (&report, pairings_import_report_free);

  /* A caller that asks for the report but not the error gets it too. */
  g_assert_false (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, NULL));
  g_assert_nonnull (report);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_clear_pointer (&report, pairings_import_report_free);

  /* Dry run: the exact report, nothing written. */
  options.strict = FALSE;
  options.dry_run = TRUE;
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 5000);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (report->event_id, ==, 0);
  {
    g_autofree char *after = content_digest (f);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_pointer (&report, pairings_import_report_free);

  /* For real: all but the bad row, undone as one step. */
  options.dry_run = FALSE;
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"), ==, 5000);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  g_assert_true (pairings_import_undo (f->store, report->event_id, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = content_digest (f);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
cancel_halfway (double   fraction,
                gpointer user_data)
{
  if (fraction > 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = large_file (f, 20000, NULL);
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (f);
  g_autofree char *after = NULL;

  g_assert_false (pairings_import_file (f->store, path, &options, cancel_halfway, cancellable,
                                        cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = content_digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* What an import changes on its connection for its own length, back as
 * it was: WAL, foreign keys and CHECK constraints enforced. */
static void
assert_connection_restored (Fixture *f)
{
  g_autofree char *mode = query_text (f->store, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->store, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_false (_pairings_store_exec (f->store,
                                        "UPDATE applications SET answers = '{' WHERE id = (SELECT min(id) FROM applications)",
                                        NULL));
}

/* The import reads on one thread and writes on another, in batches: notes
 * made on either side come out in the order of the file, a file that
 * breaks after many batches leaves nothing behind, and the database is
 * back in WAL mode afterwards. */
static void
test_pipeline (Fixture       *f,
               gconstpointer  data)
{
  GString *csv = g_string_new ("Timestamp,Email,Name,Motivation\r\n");
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *before = NULL;
  guint last_line = 0;

  /* 3000 rows; every 97th has a timestamp that cannot be read (a note made
   * while reading), every 101st after the first 200 is a resubmission of
   * an earlier row (a note made while writing). */
  for (guint i = 0; i < 3000; i++)
    {
      if (i >= 200 && i % 101 == 0)
        g_string_append_printf (csv, "2025-03-01T00:00:00Z,PERSON%u@lab.example,Again %u,later\r\n",
                                i - 150, i);
      else if (i % 97 == 0)
        g_string_append_printf (csv, "someday,person%u@lab.example,Person %u,x\r\n", i, i);
      else
        g_string_append_printf (csv, "2025-02-01T10:00:00Z,person%u@lab.example,Person %u,x\r\n", i, i);
    }
  path = write_file (f, "pipeline.csv", csv->str, (gssize) csv->len);

  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3000);
  g_assert_cmpuint (report->updated, ==, 28);
  g_assert_cmpuint (report->imported, ==, 3000 - 28);
  /* 31 rows with an unreadable timestamp, all kept, none of them replaced
   * later; 28 replacements; each noted once, in line order. */
  g_assert_cmpuint (report->notes->len, ==, 31 + 28);
  for (guint i = 0; i < report->notes->len; i++)
    {
      guint line = g_array_index (report->notes, PairingsImportProblem, i).line;
      g_assert_cmpuint (line, >=, last_line);
      last_line = line;
    }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE submitted_at IS NULL"), ==, 31);
  assert_connection_restored (f);
  g_clear_pointer (&report, pairings_import_report_free);

  /* The same rows again under other addresses, then a quote that never
   * closes: an error found long after the first batches were written. */
  before = content_digest (f);
  g_string_truncate (csv, 0);
  g_string_append (csv, "Timestamp,Email,Name,Motivation\r\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "2025-02-01T10:00:00Z,other%u@lab.example,Other %u,x\r\n", i, i);
  g_string_append (csv, "2025-02-01T10:00:00Z,last@lab.example,Last,\"never closed\r\n");
  broken = write_file (f, "broken.csv", csv->str, (gssize) csv->len);
  g_string_free (csv, TRUE);
  g_assert_false (pairings_import_file (f->store, broken, &options, NULL, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  {
    g_autofree char *after = content_digest (f);
    g_assert_cmpstr (before, ==, after);
  }
  assert_connection_restored (f);
}

static int
count_statement (unsigned  type,
                 void     *data,
                 void     *stmt,
                 void     *sql)
{
  GPtrArray *seen = data;

  g_ptr_array_add (seen, g_strdup (sql));
  return 0;
}

static gboolean
ran (GPtrArray  *seen,
     const char *sql)
{
  for (guint i = 0; i < seen->len; i++)
    if (strstr (g_ptr_array_index (seen, i), sql) != NULL)
      return TRUE;
  return FALSE;
}

/* A large file drops the people's address index and builds it again at the
 * end: afterwards the index is there and unique, duplicates in the file
 * are still found, and a large file that fails leaves the index (and
 * everything else) as it was. A small file keeps the index. */
static void
test_deferred_index (Fixture       *f,
                     gconstpointer  data)
{
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *small = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *motivation = g_strnfill (300, 'm');
  GString *csv = g_string_new ("Timestamp,Email,Name,Motivation\r\n");
  const char *unique_index = "SELECT count(*) FROM pragma_index_list('people')"
                             " WHERE name = 'people_email_key' AND \"unique\"";

  sqlite3_trace_v2 (_pairings_store_get_db (f->store), SQLITE_TRACE_STMT, count_statement, seen);

  /* 5,000 rows of 350 bytes: 1.7 MB. Every 500th row is the same person
   * again, with a later answer. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "2025-02-01T%02u:%02u:%02uZ,person%u@lab.example,Person %u,%s\r\n",
                            10 + i / 3600, (i / 60) % 60, i % 60, i % 500 == 499 ? 0 : i, i, motivation);
  path = write_file (f, "large.csv", csv->str, (gssize) csv->len);
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (ran (seen, "DROP INDEX people_email_key"));
  g_assert_true (ran (seen, "CREATE UNIQUE INDEX people_email_key"));
  g_assert_cmpuint (report->imported, ==, 4990);
  g_assert_cmpuint (report->updated, ==, 10);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM people"), ==, 4990);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT email_key) FROM people"), ==, 4990);
  g_assert_cmpint (query_int (f->store, unique_index), ==, 1);
  g_assert_false (_pairings_store_exec (f->store, "INSERT INTO people (email, email_key, name)"
                                                  " VALUES ('x@lab.example', 'person7@lab.example', 'X')",
                                        NULL));
  assert_connection_restored (f);
  g_clear_pointer (&report, pairings_import_report_free);

  /* The same number of other people, then a quote that never closes. */
  before = content_digest (f);
  g_string_truncate (csv, 0);
  g_string_append (csv, "Timestamp,Email,Name,Motivation\r\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "2025-02-01T11:00:00Z,other%u@lab.example,Other %u,%s\r\n", i, i, motivation);
  g_string_append (csv, "2025-02-01T11:00:00Z,last@lab.example,Last,\"never closed\r\n");
  broken = write_file (f, "broken.csv", csv->str, (gssize) csv->len);
  g_ptr_array_set_size (seen, 0);
  g_assert_false (pairings_import_file (f->store, broken, &options, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_true (ran (seen, "DROP INDEX people_email_key"));
  after = content_digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (f->store, unique_index), ==, 1);
  assert_connection_restored (f);

  /* A small file into the 4,990 people keeps the index. */
  small = write_file (f, "small.csv",
                      "Timestamp,Email,Name\r\n2025-02-01T12:00:00Z,new@lab.example,New\r\n", -1);
  g_ptr_array_set_size (seen, 0);
  g_assert_true (pairings_import_file (f->store, small, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_false (ran (seen, "DROP INDEX"));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM people"), ==, 4991);

  sqlite3_trace_v2 (_pairings_store_get_db (f->store), 0, NULL, NULL);
  g_string_free (csv, TRUE);
}

/* Answers are split once per distinct answer, for the first 4,096 of them;
 * past that each row keeps its own. Every row gets its own answer's lists
 * either way, including those after the cache is full. */
static void
test_many_distinct_answers (Fixture       *f,
                            gconstpointer  data)
{
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GString *csv = g_string_new ("Timestamp,Email,Name,Languages,What kind of mentoring are you looking for?\r\n");

  for (guint i = 0; i < 4500; i++)
    g_string_append_printf (csv, "2025-02-01T10:00:00Z,many%u@lab.example,N%u,\"Lang %u, Common\",Kind %u\r\n",
                            i, i, i, i);
  path = write_file (f, "many.csv", csv->str, (gssize) csv->len);
  g_string_free (csv, TRUE);

  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 4500);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"
                                        " WHERE languages = json_array('Lang ' || substr(name, 2), 'Common')"
                                        " AND mentoring_types = json_array('Kind ' || substr(name, 2))"), ==, 4500);
}

/* An import within a caller's transaction is part of it: the caller's
 * rollback takes the import back, and its commit keeps it (the import's
 * statements then leave a failure to the caller, not roll back its work). */
static void
test_within_transaction (Fixture       *f,
                         gconstpointer  data)
{
  PairingsImportOptions options = { pairings_cohort_get_id (f->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GString *csv = g_string_new ("Timestamp,Email,Name\r\n");

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "2025-02-01T10:00:%02uZ,inner%u@lab.example,Inner %u\r\n", i, i, i);
  path = write_file (f, "inner.csv", csv->str, (gssize) csv->len);
  g_string_free (csv, TRUE);

  g_assert_true (_pairings_store_begin (f->store, &error));
  g_assert_true (_pairings_store_exec (f->store, "INSERT INTO programmes (name) VALUES ('Caller''s')", &error));
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"), ==, 40);
  _pairings_store_rollback (f->store);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM programmes WHERE name = 'Caller''s'"), ==, 0);

  g_assert_true (_pairings_store_begin (f->store, &error));
  g_assert_true (_pairings_store_exec (f->store, "INSERT INTO programmes (name) VALUES ('Caller''s')", &error));
  g_assert_true (pairings_import_file (f->store, path, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_true (_pairings_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications"), ==, 40);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM programmes WHERE name = 'Caller''s'"), ==, 1);
}

/* Round trip ---------------------------------------------------------------------- */

static char *
applications_digest (PairingsStore *store,
                     gint64         cohort_id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store),
                                       "SELECT p.email_key, a.role, a.status, a.name, a.institution,"
                                       " a.career_stage, a.location, a.mentoring_types, a.capacity,"
                                       " a.submitted_at, a.motivation FROM applications a"
                                       " JOIN people p ON p.id = a.person_id WHERE a.cohort_id = ?"
                                       " ORDER BY p.email_key, a.role", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const char *v = (const char *) sqlite3_column_text (stmt, c);
        g_checksum_update (sum, (const guchar *) (v ? v : "\x01"), -1);
        g_checksum_update (sum, (const guchar *) "\x1f", 1);
      }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) demo = NULL;
  g_autoptr(PairingsCohort) source = NULL;
  g_autofree char *demo_path = g_build_filename (f->dir, "demo.db", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "applications.csv", NULL);
  g_autoptr(PairingsImportReport) report = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  demo = pairings_store_open (demo_path, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_demo_fill (demo, NULL, NULL, &error));
  source = pairings_store_find_cohort (demo, "2025", &error);
  g_assert_no_error (error);
  g_assert_true (pairings_export_to_file (demo, PAIRINGS_EXPORT_APPLICATIONS, pairings_cohort_get_id (source),
                                          PAIRINGS_EXPORT_BOM, csv_path, NULL, &error));
  g_assert_no_error (error);

  report = import_ok (f, csv_path, PAIRINGS_ROLE_MENTEE);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (report->imported, ==, (guint) query_int (f->store, "SELECT count(*) FROM applications"));

  expected = applications_digest (demo, pairings_cohort_get_id (source));
  actual = applications_digest (f->store, pairings_cohort_get_id (f->cohort));
  g_assert_cmpstr (expected, ==, actual);
}

static void
test_timestamps (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "2025-02-14T10:31:05Z", "2025-02-14T10:31:05Z" },
    { "2025-02-14 10:31:05", "2025-02-14T10:31:05Z" },
    { "2025-02-14T11:31:05+01:00", "2025-02-14T10:31:05Z" },
    { "2025-02-14", "2025-02-14T00:00:00Z" },
    { "2025/02/14 10:31:05 AM GMT+1", "2025-02-14T09:31:05Z" },
    { "2025/02/14 10:31:05 PM GMT-5", "2025-02-15T03:31:05Z" },
    { "14/02/2025 10:31:05", "2025-02-14T10:31:05Z" },
    { "14/02/2025 10:31", "2025-02-14T10:31:00Z" },
    { "2/14/25 10:31:05", "2025-02-14T10:31:05Z" },
    { "14.02.2025 10:31:05", "2025-02-14T10:31:05Z" },
    { "2024/12/31 11:30:00 PM GMT-5", "2025-01-01T04:30:00Z" },
    { "2024/03/01 12:30:00 AM GMT+1", "2024-02-29T23:30:00Z" },
    { "01/01/1970 00:30 GMT+1", "1969-12-31T23:30:00Z" },
    { "14/02/2025", "2025-02-14T00:00:00Z" },
    { "2/14/25 10:31 PM", "2025-02-14T22:31:00Z" },
    { "12/02/2025 12:05:00 AM", "2025-02-12T00:05:00Z" },
    { "14/02/2025 10:31:05 UTC-03:30", "2025-02-14T14:01:05Z" },
    { "14/02/2025 10:31 GMT+1", "2025-02-14T09:31:00Z" },
    { "14/02/2025 10:31:05 GMT+99", "2025-02-14T10:31:05Z" },
    { "9999999999/01/2025", NULL },
    { "14/02", NULL },
    { "14/02.2025 10:00", NULL },
    { "14:02:2025", NULL },
    { "2025/02/14 25:00:00", NULL },
    { "yesterday", NULL },
    { "31/02/2025 10:00", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = pairings_parse_timestamp (cases[i].in);
      g_test_message ("timestamp %s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (pairings_parse_timestamp (NULL));
}

static void
test_normalize (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "Adresse e-mail :", "adresse e mail" },
    { "  E-MAIL ADDRESS ", "e mail address" },
    { "Établissement d’accueil", "etablissement d accueil" },
    { "What kind of mentoring are you looking for?", "what kind of mentoring are you looking for" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = pairings_normalize_label (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  {
    g_autofree char *bad = pairings_normalize_label ("\xff");
    g_assert_cmpstr (bad, ==, "");
  }
}

static void
test_guess_headers (void)
{
  const char *google[] = { "Timestamp", "Email Address", "Full name", "Home institution",
                           "Which experiment are you in?", "Career stage", "Pronouns", NULL };
  const char *french[] = { "Horodateur", "Courriel", "Nom complet", "Établissement", "Langues", NULL };
  g_autoptr(PairingsMapping) a = pairings_mapping_new ();
  g_autoptr(PairingsMapping) b = pairings_mapping_new ();

  pairings_mapping_guess (a, google);
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_SUBMITTED_AT), ==, "Timestamp");
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_EMAIL), ==, "Email Address");
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_NAME), ==, "Full name");
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_INSTITUTION), ==, "Home institution");
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_CAREER_STAGE), ==, "Career stage");
  g_assert_cmpstr (pairings_mapping_get_column (a, PAIRINGS_FIELD_PRONOUNS), ==, "Pronouns");

  pairings_mapping_guess (b, french);
  g_assert_cmpstr (pairings_mapping_get_column (b, PAIRINGS_FIELD_SUBMITTED_AT), ==, "Horodateur");
  g_assert_cmpstr (pairings_mapping_get_column (b, PAIRINGS_FIELD_EMAIL), ==, "Courriel");
  g_assert_cmpstr (pairings_mapping_get_column (b, PAIRINGS_FIELD_NAME), ==, "Nom complet");
  g_assert_cmpstr (pairings_mapping_get_column (b, PAIRINGS_FIELD_INSTITUTION), ==, "Établissement");
  g_assert_cmpstr (pairings_mapping_get_column (b, PAIRINGS_FIELD_LANGUAGES), ==, "Langues");
}

/* A preset's column that the file repeats many times: one column for the
 * field, and guessing the others stays within its bounds (it used to write
 * one entry per repeat into a table sized for the fields). */
static void
test_guess_repeated_headers (void)
{
  g_autoptr(PairingsMapping) mapping = pairings_mapping_new ();
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();

  for (guint i = 0; i < 4 * PAIRINGS_N_FIELDS; i++)
    g_ptr_array_add (headers, (gpointer) "Email Address");
  g_ptr_array_add (headers, (gpointer) "Full name");
  g_ptr_array_add (headers, NULL);
  pairings_mapping_set_column (mapping, PAIRINGS_FIELD_EMAIL, "Email Address");
  pairings_mapping_guess (mapping, (const char * const *) headers->pdata);
  g_assert_cmpstr (pairings_mapping_get_column (mapping, PAIRINGS_FIELD_EMAIL), ==, "Email Address");
  g_assert_cmpstr (pairings_mapping_get_column (mapping, PAIRINGS_FIELD_NAME), ==, "Full name");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/utf8-variants", test_utf8_variants);
  ADD ("/import/utf16-and-cp1252", test_utf16_and_cp1252);
  ADD ("/import/delimiters-and-french-headers", test_delimiters_and_french_headers);
  ADD ("/import/multi-select", test_multi_select);
  ADD ("/import/preset", test_preset);
  ADD ("/import/preset-errors", test_preset_errors);
  ADD ("/import/resubmission-and-undo", test_resubmission);
  ADD ("/import/returning", test_returning);
  ADD ("/import/row-problems", test_row_problems);
  ADD ("/import/file-problems", test_file_problems);
  ADD ("/import/strict-and-dry-run", test_strict_and_dry_run);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/pipeline", test_pipeline);
  ADD ("/import/deferred-index", test_deferred_index);
  ADD ("/import/within-transaction", test_within_transaction);
  ADD ("/import/many-distinct-answers", test_many_distinct_answers);
  ADD ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/timestamps", test_timestamps);
  g_test_add_func ("/import/normalize", test_normalize);
  g_test_add_func ("/import/guess-repeated-headers", test_guess_repeated_headers);
  g_test_add_func ("/import/guess-headers", test_guess_headers);

  return g_test_run ();
}

/* test-followup-import.c: agreement statuses and check-in surveys from CSV
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-followup.h"
#include "pairings-followup-import.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

#define TODAY "2025-06-30"

/* Pairs of the small cohort, by id. */
enum
{
  ADA_CLEO = 1,   /* Ada mentors two mentees */
  ADA_DAN = 2,
  BOB_EVE = 3,
  ZOE_FINN = 4,   /* approved, not announced */
};

typedef struct
{
  char          *dir;
  char          *db;
  PairingsStore *store;
  gint64         cohort_id;
} Fixture;

static void
add_person (Fixture      *f,
            const char   *name,
            const char   *email,
            PairingsRole  role)
{
  ptest_add_application (f->store, f->cohort_id, name, email, role, PAIRINGS_STATUS_ACCEPTED);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const PairingsCohortDates dates = {
    "2025-01-10", "2025-02-10", "2025-03-01", "2025-03-15", "2025-11-30"
  };
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  gint64 programme;

  f->dir = g_dir_make_tmp ("pairings-followup-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "followup.db", NULL);
  f->store = pairings_store_open (f->db, &error);
  g_assert_no_error (error);

  programme = pairings_store_add_programme (f->store, "Small", &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (f->store, programme, "2025", &dates, 10, &error);
  g_assert_no_error (error);
  f->cohort_id = pairings_cohort_get_id (cohort);

  add_person (f, "Ada Lovelace", "Ada@Example.org", PAIRINGS_ROLE_MENTOR);
  add_person (f, "Bob Noyce", "bob@example.org", PAIRINGS_ROLE_MENTOR);
  add_person (f, "Zoé Martin", "zoe@example.org", PAIRINGS_ROLE_MENTOR);
  add_person (f, "Cleo Park", "cleo@example.org", PAIRINGS_ROLE_MENTEE);
  add_person (f, "Dan Wu", "dan@example.org", PAIRINGS_ROLE_MENTEE);
  add_person (f, "Eve Stone", "eve@example.org", PAIRINGS_ROLE_MENTEE);
  add_person (f, "Finn Berg", "finn@example.org", PAIRINGS_ROLE_MENTEE);

#define APP(name) "(SELECT id FROM applications WHERE name = '" name "')"
  ptest_exec (f->store,
              "INSERT INTO pairs (id, cohort_id, mentor_application_id, mentee_application_id, stage)"
              " VALUES"
              " (1, (SELECT id FROM cohorts), " APP ("Ada Lovelace") ", " APP ("Cleo Park") ", 'announced'),"
              " (2, (SELECT id FROM cohorts), " APP ("Ada Lovelace") ", " APP ("Dan Wu") ", 'announced'),"
              " (3, (SELECT id FROM cohorts), " APP ("Bob Noyce") ", " APP ("Eve Stone") ", 'announced'),"
              " (4, (SELECT id FROM cohorts), " APP ("Zoé Martin") ", " APP ("Finn Berg") ", 'approved');"
              "INSERT INTO agreements (pair_id, status, sent_on) VALUES (1, 'sent', '2025-03-01');");
#undef APP
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Helpers -------------------------------------------------------------------- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  return ptest_write_file (f->dir, name, contents, length);
}

static PairingsFollowUpImportReport *
import_ok (Fixture                     *f,
           PairingsFollowUpImportKind   kind,
           const char                  *path,
           PairingsFollowUpImportFlags  flags)
{
  PairingsFollowUpImportReport *report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_followup_import (f->store, f->cohort_id, kind, path, flags, TODAY, NULL,
                                           &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The follow-up tables and the event log, as one digest. */
static char *
digest (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT * FROM check_ins ORDER BY id",
    "SELECT * FROM agreements ORDER BY pair_id",
    "SELECT * FROM goals ORDER BY id",
    "SELECT id, outcome, end_reason, stage FROM pairs ORDER BY id",
    "SELECT id, action, undone FROM events ORDER BY id",
    NULL
  };

  return ptest_digest (f->store, queries);
}

/* The follow-up tables alone: undo and redo add events of their own. */
static char *
content (Fixture *f)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (_pairings_store_get_db (f->store),
                      "SELECT 'c', pair_id, date, reporter, status, note FROM check_ins"
                      " UNION ALL SELECT 'a', pair_id, status, coalesce(sent_on, '-'),"
                      " coalesce(signed_on, '-'), '' FROM agreements ORDER BY 1, 2, 3, 4",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 6; c++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
check_ins_of (Fixture *f,
              gint64   pair_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (_pairings_store_get_db (f->store),
                      "SELECT date, reporter, status, note FROM check_ins WHERE pair_id = ?"
                      " ORDER BY date, reporter",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, pair_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s [%s]\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
agreement_of (Fixture *f,
              gint64   pair_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status || ' ' || coalesce(sent_on, '-') || ' ' ||"
                                          " coalesce(signed_on, '-') FROM agreements"
                                          " WHERE pair_id = %" G_GINT64_FORMAT, pair_id);

  return query_text (f->store, sql);
}

/* Check-ins ------------------------------------------------------------------ */

static void
test_check_ins_applied (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
    "Timestamp,Email Address,How is it going?,Comments\r\n"
    "2025/04/12 10:31:02 PM GMT+2,EVE@example.org ,\"On track – we meet every two weeks\",Fine\r\n"
    "12/05/2025 09:00:00,bob@example.org,Needs attention,\"Eve is busy, we skipped May\"\r\n"
    "2025-06-01T08:00:00Z,cleo@example.org,no_contact,\r\n", -1);
  g_autoptr(PairingsFollowUpImportReport) report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                                              path, 0);
  g_autofree char *bob_eve = check_ins_of (f, BOB_EVE);
  g_autofree char *ada_cleo = check_ins_of (f, ADA_CLEO);
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsFollowUp) followup = NULL;

  g_assert_cmpstr (report->file_name, ==, "survey.csv");
  g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_UTF8);
  g_assert_cmpint (report->delimiter, ==, ',');
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->applied, ==, 3);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpint (report->event_id, >, 0);

  /* The date as the form wrote it, whatever its zone; the reporter is the
   * respondent's role in the pair. */
  g_assert_cmpstr (bob_eve, ==,
                   "2025-04-12 mentee on_track [Fine]\n"
                   "2025-05-12 mentor needs_attention [Eve is busy, we skipped May]\n");
  g_assert_cmpstr (ada_cleo, ==, "2025-06-01 mentee no_contact []\n");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins"), ==, 3);

  /* One step in the history. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'followup'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT max(id) FROM events"), ==, report->event_id);

  followup = pairings_followup_get (f->store, BOB_EVE, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (followup->last_check_in, ==, "2025-05-12");
  g_assert_cmpint (followup->last_status, ==, PAIRINGS_CHECK_IN_NEEDS_ATTENTION);
  g_assert_true (followup->at_risk);
}

static void
test_check_ins_french (Fixture       *f,
                       gconstpointer  data)
{
  /* What Excel saves on a French Windows: Windows-1252 and semicolons. */
  static const char survey[] =
    "Horodateur;Adresse e-mail;E-mail du mentor\xE9;Comment \xE7" "a se passe ?;Commentaires\r\n"
    "14/04/2025 18:02:11;ada@example.org;dan@example.org;\xC0 surveiller;R\xE9union report\xE9" "e\r\n"
    "15/04/2025 09:12:40;ada@example.org;CLEO@example.org;Tout va bien;\r\n"
    "16/04/2025;eve@example.org;;En bonne voie (on se voit souvent);\r\n"
    "17/04/2025;bob@example.org;;Aucun contact;\r\n"
    "18/04/2025;dan@example.org;;Besoin d'aide;\r\n"
    "19/04/2025;cleo@example.org;;Pas de contact;\r\n";
  g_autofree char *path = write_file (f, "suivi.csv", survey, -1);
  g_autoptr(PairingsFollowUpImportReport) report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                                              path, 0);
  g_autofree char *ada_dan = check_ins_of (f, ADA_DAN);
  g_autofree char *ada_cleo = check_ins_of (f, ADA_CLEO);
  g_autofree char *bob_eve = check_ins_of (f, BOB_EVE);

  g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_WINDOWS_1252);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (report->applied, ==, 6);

  g_assert_cmpstr (ada_dan, ==,
                   "2025-04-14 mentor needs_attention [Réunion reportée]\n"
                   "2025-04-18 mentee needs_attention []\n");
  g_assert_cmpstr (ada_cleo, ==,
                   "2025-04-15 mentor on_track []\n"
                   "2025-04-19 mentee no_contact []\n");
  g_assert_cmpstr (bob_eve, ==,
                   "2025-04-16 mentee on_track []\n"
                   "2025-04-17 mentor no_contact []\n");
}

static void
test_check_ins_mentor_two_pairs (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *without = write_file (f, "without.csv",
    "Date,Email,Status\n"
    "2025-04-01,ada@example.org,On track\n"
    "2025-04-01,bob@example.org,On track\n", -1);
  g_autofree char *with = write_file (f, "with.csv",
    "Date,Email,Your mentee's email,Status\n"
    "2025-04-02,ada@example.org,dan@example.org,On track\n"
    "2025-04-02,ada@example.org,eve@example.org,On track\n"
    "2025-04-02,ada@example.org,,On track\n"
    "2025-04-02,bob@example.org,eve@example.org,On track\n", -1);
  g_autoptr(PairingsFollowUpImportReport) first = NULL;
  g_autoptr(PairingsFollowUpImportReport) second = NULL;
  g_autofree char *ada_dan = NULL;
  g_autofree char *bob_eve = NULL;

  first = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, without, 0);
  g_assert_cmpuint (first->applied, ==, 1);
  g_assert_cmpuint (first->skipped->len, ==, 1);
  ptest_assert_problem (first, 0, 2, "Email", "ambiguous");
  g_assert_nonnull (strstr (ptest_problem (first, 0)->reason, "2 announced pairs"));

  second = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, with, 0);
  g_assert_cmpuint (second->applied, ==, 2);
  g_assert_cmpuint (second->skipped->len, ==, 2);
  ptest_assert_problem (second, 0, 3, "Your mentee's email", "eve@example.org");
  ptest_assert_problem (second, 1, 4, "Your mentee's email", "ambiguous");

  ada_dan = check_ins_of (f, ADA_DAN);
  g_assert_cmpstr (ada_dan, ==, "2025-04-02 mentor on_track []\n");
  bob_eve = check_ins_of (f, BOB_EVE);
  g_assert_cmpstr (bob_eve, ==, "2025-04-01 mentor on_track []\n2025-04-02 mentor on_track []\n");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins WHERE pair_id = 1"), ==, 0);
}

static void
test_check_ins_problems (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_file (f, "problems.csv",
    "Timestamp,Email Address,How is it going?,Notes\n"
    "2025-04-01,stranger@example.org,On track,\n"          /* 2: unknown e-mail */
    "2025-04-01,finn@example.org,On track,\n"              /* 3: pair not announced */
    "2025-04-01,eve@example.org,Meh,\n"                    /* 4: bad status */
    "31/02/2025,eve@example.org,On track,\n"               /* 5: no such day */
    "next week,eve@example.org,On track,\n"                /* 6: not a date */
    "2025-07-01,eve@example.org,On track,\n"               /* 7: after today */
    "2025-04-01,,On track,\n"                              /* 8: no e-mail */
    "2025-04-01,eve@example.org,,\n"                       /* 9: no status */
    ",eve@example.org,On track,\n"                         /* 10: no date */
    "2025-04-01,eve@example.org\n"                         /* 11: too few fields */
    "\"2025-04-01\",eve@example.org,On track,\"a\n"
    "two-line note\"\n"                                    /* 12: good */
    "2025-06-30,bob@example.org,needs attention,today\n",  /* 14: good */
    -1);
  g_autoptr(PairingsFollowUpImportReport) report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                                              path, 0);
  g_autofree char *bob_eve = check_ins_of (f, BOB_EVE);
  g_autofree char *json = pairings_followup_import_report_to_json (report);
  g_autofree char *text = pairings_followup_import_report_to_text (report);

  g_assert_cmpuint (report->rows, ==, 12);
  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 10);
  ptest_assert_problem (report, 0, 2, "Email Address", "stranger@example.org");
  ptest_assert_problem (report, 1, 3, "Email Address", "not in an announced pair");
  ptest_assert_problem (report, 2, 4, "How is it going?", "“Meh”");
  ptest_assert_problem (report, 3, 5, "Timestamp", "“31/02/2025” is not a date");
  ptest_assert_problem (report, 4, 6, "Timestamp", "“next week” is not a date");
  ptest_assert_problem (report, 5, 7, "Timestamp", "2025-07-01 is after today");
  ptest_assert_problem (report, 6, 8, "Email Address", "empty");
  ptest_assert_problem (report, 7, 9, "How is it going?", "empty");
  ptest_assert_problem (report, 8, 10, "Timestamp", "empty");
  ptest_assert_problem (report, 9, 11, NULL, "2 fields where the header has 4");

  g_assert_cmpstr (bob_eve, ==,
                   "2025-04-01 mentee on_track [a\ntwo-line note]\n"
                   "2025-06-30 mentor needs_attention [today]\n");

  g_assert_true (g_str_has_prefix (json, "{\"applied\":2,\"unchanged\":0,\"skipped\":[{\"line\":2,"
                                         "\"field\":\"Email Address\",\"reason\":\"“stranger@"));
  g_assert_nonnull (strstr (json, "{\"line\":11,\"field\":\"\",\"reason\":"));
  g_assert_true (g_str_has_suffix (json, "]}\n"));
  g_assert_nonnull (strstr (text, "Applied: 2 · Unchanged: 0 · Skipped: 10"));
  g_assert_nonnull (strstr (text, "line 4, column “How is it going?”: "));
}

static void
test_check_ins_twice (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
    "Date,Email,Status,Comments\n"
    "2025-04-01,eve@example.org,On track,Good\n"
    "2025-04-01,bob@example.org,On track,\n"
    "2025-05-01,eve@example.org,On track,\n", -1);
  g_autofree char *changed = write_file (f, "changed.csv",
    "Date,Email,Status,Comments\n"
    "2025-04-01,eve@example.org,On track,\n"                 /* no note: the one there stays */
    "2025-04-01,bob@example.org,Needs attention,Second thoughts\n", -1);
  g_autoptr(PairingsFollowUpImportReport) first = NULL;
  g_autoptr(PairingsFollowUpImportReport) again = NULL;
  g_autoptr(PairingsFollowUpImportReport) third = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *after_again = NULL;
  g_autofree char *bob_eve = NULL;

  first = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, path, 0);
  g_assert_cmpuint (first->applied, ==, 3);
  after_first = digest (f);

  /* The same file again adds nothing, and logs nothing. */
  again = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, path, 0);
  g_assert_cmpuint (again->applied, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  g_assert_cmpint (again->event_id, ==, 0);
  after_again = digest (f);
  g_assert_cmpstr (after_first, ==, after_again);

  /* Same pair, day and reporter, another answer: replaced, not added. */
  third = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, changed, 0);
  g_assert_cmpuint (third->applied, ==, 1);
  g_assert_cmpuint (third->updated, ==, 1);
  g_assert_cmpuint (third->unchanged, ==, 1);
  bob_eve = check_ins_of (f, BOB_EVE);
  g_assert_cmpstr (bob_eve, ==,
                   "2025-04-01 mentee on_track [Good]\n"
                   "2025-04-01 mentor needs_attention [Second thoughts]\n"
                   "2025-05-01 mentee on_track []\n");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins"), ==, 3);
}

/* Whole files ---------------------------------------------------------------- */

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
    "Date,Email,Status\n"
    "2025-04-01,eve@example.org,On track\n"
    "2025-04-01,nobody@example.org,On track\n", -1);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            path, PAIRINGS_FOLLOWUP_IMPORT_STRICT, TODAY, NULL,
                                            &report, &error));
  g_assert_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "survey.csv"));
  g_assert_nonnull (report);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (report->event_id, ==, 0);

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins"), ==, 0);

  /* Strict and clean: written. */
  {
    g_autofree char *clean = write_file (f, "clean.csv", "Date,Email,Status\n2025-04-01,eve@example.org,On track\n", -1);
    g_autoptr(PairingsFollowUpImportReport) ok = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, clean,
                                                            PAIRINGS_FOLLOWUP_IMPORT_STRICT);
    g_assert_cmpuint (ok->applied, ==, 1);
  }
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
    "Date,Email,Status\n"
    "2025-04-01,eve@example.org,On track\n"
    "2025-04-02,bob@example.org,No contact\n"
    "2025-04-02,nobody@example.org,No contact\n", -1);
  g_autofree char *signatures = write_file (f, "signatures.csv",
    "Timestamp,Email\n2025-03-10,eve@example.org\n", -1);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autoptr(PairingsFollowUpImportReport) agreements = NULL;

  report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, path, PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN);
  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (report->event_id, ==, 0);

  agreements = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS, signatures,
                          PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN | PAIRINGS_FOLLOWUP_IMPORT_STRICT);
  g_assert_cmpuint (agreements->applied, ==, 1);

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *no_status = write_file (f, "no-status.csv",
    "Timestamp,Email Address,Full name\n2025-04-01,eve@example.org,Eve\n", -1);
  g_autofree char *no_email = write_file (f, "no-email.csv",
    "Timestamp,Full name,Status\n2025-04-01,Eve,signed\n", -1);
  g_autofree char *no_date = write_file (f, "no-date.csv",
    "Courriel;État\neve@example.org;En bonne voie\n", -1);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PairingsFollowUpImportReport *report = NULL;

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            no_status, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "no-status.csv"));
  g_assert_nonnull (strstr (error->message, "“Timestamp”, “Email Address”, “Full name”"));
  g_assert_null (report);
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
                                            no_email, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "e-mail"));
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            no_date, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "“Courriel”, “État”"));
  g_clear_error (&error);

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  g_autofree char *bom = write_file (f, "bom.csv", "\xEF\xBB\xBF", 3);
  g_autofree char *header = write_file (f, "header.csv", "Date,Email,Status\r\n", -1);
  g_autofree char *folder = g_build_filename (f->dir, "folder.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PairingsFollowUpImportReport *report = NULL;

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            empty, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.csv"));
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
                                            bom, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            header, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_NO_ROWS);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            folder, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            missing, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pairings_followup_import (f->store, 9999, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            header, 0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (report);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
    "Date,Email,Status\n2025-04-01,eve@example.org,On track\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PairingsFollowUpImportReport *report = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (pairings_followup_import (f->store, f->cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                            path, 0, TODAY, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *survey = write_file (f, "survey.csv",
    "Date,Email,Mentee email,Status,Comments\n"
    "2025-04-01,eve@example.org,,On track,Good\n"
    "2025-04-01,ada@example.org,dan@example.org,Needs attention,Busy\n"
    "2025-04-03,cleo@example.org,,No contact,\n", -1);
  g_autofree char *signatures = write_file (f, "signatures.csv",
    "Timestamp,Email\n2025-03-10,eve@example.org\n2025-03-12,bob@example.org\n", -1);
  g_autofree char *before = content (f);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autoptr(PairingsFollowUpImportReport) agreements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, survey, 0);
  g_assert_cmpuint (report->applied, ==, 3);
  after = content (f);
  g_assert_cmpstr (before, !=, after);

  g_assert_true (pairings_history_can_undo (f->store, &label));
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
  undone = content (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM check_ins"), ==, 0);

  g_assert_true (pairings_history_can_redo (f->store, NULL));
  g_assert_true (pairings_history_redo (f->store, &error));
  g_assert_no_error (error);
  redone = content (f);
  g_assert_cmpstr (redone, ==, after);

  /* An agreements import is one step too, taken back whole. */
  agreements = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS, signatures, 0);
  g_assert_cmpuint (agreements->applied, ==, 2);
  {
    g_autofree char *signed_pair = agreement_of (f, BOB_EVE);
    g_autofree char *back = NULL;

    g_assert_cmpstr (signed_pair, ==, "signed - 2025-03-12");
    g_assert_true (pairings_history_undo (f->store, &error));
    g_assert_no_error (error);
    back = content (f);
    g_assert_cmpstr (back, ==, after);
    g_assert_null (agreement_of (f, BOB_EVE));
  }
}

/* Agreements ----------------------------------------------------------------- */

static void
test_agreements_status_column (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = write_file (f, "envelopes.csv",
    "E-mail;Statut;Date de signature\n"
    "eve@example.org;Signé;20/03/2025\n"
    "dan@example.org;Envoyé;2025-03-02\n"
    "cleo@example.org;signed_mentee;\n"
    "ada@example.org;Signed;2025-03-03\n"
    "bob@example.org;maybe;2025-03-03\n", -1);
  g_autoptr(PairingsFollowUpImportReport) report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
                                                              path, 0);
  g_autofree char *bob_eve = agreement_of (f, BOB_EVE);
  g_autofree char *ada_dan = agreement_of (f, ADA_DAN);
  g_autofree char *ada_cleo = agreement_of (f, ADA_CLEO);

  g_assert_cmpuint (report->applied, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 2);
  ptest_assert_problem (report, 0, 5, "E-mail", "ambiguous");
  ptest_assert_problem (report, 1, 6, "Statut", "“maybe” is not an agreement status");

  g_assert_cmpstr (bob_eve, ==, "signed - 2025-03-20");
  g_assert_cmpstr (ada_dan, ==, "sent 2025-03-02 -");
  g_assert_cmpstr (ada_cleo, ==, "signed_mentee 2025-03-01 -");

  /* Taken back to "sent": the signing date no longer holds. */
  {
    g_autofree char *back = write_file (f, "back.csv", "Email,Status\neve@example.org,Sent\n", -1);
    g_autoptr(PairingsFollowUpImportReport) again = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
                                                               back, 0);
    g_autofree char *now = agreement_of (f, BOB_EVE);

    g_assert_cmpuint (again->applied, ==, 1);
    g_assert_cmpstr (now, ==, "sent - -");
  }
}

static void
test_agreements_signatures (Fixture       *f,
                            gconstpointer  data)
{
  /* Each row: this person signed. Cleo's pair (sent on 2025-03-01) is
   * completed by Ada, who signed later but comes first in the file. */
  g_autofree char *path = write_file (f, "signatures.csv",
    "Timestamp,Email Address,Mentee email\n"
    "2025/03/15 9:00:00 AM GMT+1,ada@example.org,cleo@example.org\n"
    "2025/03/11 8:00:00 PM GMT+1,cleo@example.org,\n"
    "2025/03/10 10:00:00 AM GMT+1,eve@example.org,\n"
    "2025/03/12 10:00:00 AM GMT+1,bob@example.org,\n"
    "2025/03/13 10:00:00 AM GMT+1,eve@example.org,\n"
    "2025/03/14 10:00:00 AM GMT+1,dan@example.org,\n", -1);
  g_autoptr(PairingsFollowUpImportReport) report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
                                                              path, 0);
  g_autoptr(PairingsFollowUpImportReport) again = NULL;
  g_autofree char *ada_cleo = agreement_of (f, ADA_CLEO);
  g_autofree char *bob_eve = agreement_of (f, BOB_EVE);
  g_autofree char *ada_dan = agreement_of (f, ADA_DAN);
  g_autofree char *after = NULL;
  g_autofree char *after_again = NULL;

  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (report->applied, ==, 5);
  g_assert_cmpuint (report->unchanged, ==, 1);   /* Eve signed twice */
  g_assert_cmpstr (ada_cleo, ==, "signed 2025-03-01 2025-03-15");
  g_assert_cmpstr (bob_eve, ==, "signed - 2025-03-12");
  g_assert_cmpstr (ada_dan, ==, "signed_mentee - -");

  /* Signed, the pair is no longer at risk for its agreement. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsFollowUp) followup = pairings_followup_get (f->store, BOB_EVE, TODAY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (followup->agreement.status, ==, PAIRINGS_AGREEMENT_SIGNED);
    g_assert_false (followup->at_risk);
  }

  after = digest (f);
  again = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS, path, 0);
  g_assert_cmpuint (again->applied, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 6);
  after_again = digest (f);
  g_assert_cmpstr (after, ==, after_again);
}

static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  static const char * const good[][2] = {
    { "2025-04-12", "2025-04-12" },
    { "2025-04-12T23:59:59-05:00", "2025-04-12" },
    { "2025-04-12 10:31", "2025-04-12" },
    { "2025/04/12 10:31:02 AM GMT+2", "2025-04-12" },
    { "2025/4/2 1:01:02 PM GMT-5", "2025-04-02" },
    { "12/04/2025", "2025-04-12" },
    { "12.04.2025 18:00", "2025-04-12" },
    { "12-04-25", "2025-04-12" },
    { "4/25/2025 10:00:00", "2025-04-25" },
    { "29/02/2024", "2024-02-29" },
  };
  static const char * const bad[] = {
    "2025-13-01", "29/02/2025", "12/04", "2025", "April 12, 2025", "12/04/2025x", "1/2/345",
    "20251-01-01", "00/01/2025",
  };
  g_autoptr(GString) csv = g_string_new ("Date,Email,Status\n");
  g_autofree char *path = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autofree char *dates = NULL;

  /* Each good date on its own day for Bob, each bad one for Eve. */
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_string_append_printf (csv, "\"%s\",%s,On track\n", good[i][0],
                            i % 2 ? "bob@example.org" : "eve@example.org");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_string_append_printf (csv, "\"%s\",eve@example.org,On track\n", bad[i]);
  path = write_file (f, "dates.csv", csv->str, -1);
  report = import_ok (f, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, path, 0);

  g_assert_cmpuint (report->skipped->len, ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ptest_assert_problem (report, i, 2 + G_N_ELEMENTS (good) + i, "Date", "is not a date");

  dates = query_text (f->store, "SELECT group_concat(date, ' ') FROM"
                                " (SELECT date FROM check_ins ORDER BY id)");
  {
    g_autoptr(GString) expected = g_string_new (NULL);
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        /* The same day twice for one reporter is one check-in. */
        g_autofree char *key = g_strconcat (good[i][1], i % 2 ? "b" : "e", NULL);
        if (!g_hash_table_add (seen, g_steal_pointer (&key)))
          continue;
        g_string_append_printf (expected, "%s%s", expected->len ? " " : "", good[i][1]);
      }
    g_assert_cmpstr (dates, ==, expected->str);
  }
}

/* The demo programme: its 2025 announced pairs, matched by e-mail. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autofree char *mentee = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *busy = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *reporters = NULL;
  gint64 cohort_id;

  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The small cohort is also called 2025; the demo's is the other one. */
  cohort_id = query_int (f->store, "SELECT max(id) FROM cohorts WHERE name = '2025'");
  g_assert_cmpint (cohort_id, !=, f->cohort_id);

  mentee = query_text (f->store,
                       "SELECT upper(p.email) FROM pairs x JOIN applications e"
                       " ON e.id = x.mentee_application_id JOIN people p ON p.id = e.person_id"
                       " WHERE x.stage = 'announced' AND x.cohort_id = (SELECT max(id) FROM cohorts"
                       " WHERE name = '2025') ORDER BY x.id LIMIT 1");
  busy = query_text (f->store,
                     "SELECT p.email FROM pairs x JOIN applications m ON m.id = x.mentor_application_id"
                     " JOIN people p ON p.id = m.person_id WHERE x.stage = 'announced'"
                     " AND x.cohort_id = (SELECT max(id) FROM cohorts WHERE name = '2025')"
                     " GROUP BY p.id HAVING count(*) > 1 LIMIT 1");
  g_assert_nonnull (mentee);
  g_assert_nonnull (busy);

  csv = g_strdup_printf ("Timestamp,Email Address,How is it going?\n"
                         "2025/05/02 9:00:00 AM GMT+2,%s,On track\n"
                         "2025/05/02 9:00:00 AM GMT+2,%s,On track\n", mentee, busy);
  path = write_file (f, "demo.csv", csv, -1);
  g_assert_true (pairings_followup_import (f->store, cohort_id, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
                                           path, 0, TODAY, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->applied + report->unchanged, ==, 1);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  ptest_assert_problem (report, 0, 3, "Email Address", "ambiguous");

  sql = g_strdup_printf ("SELECT group_concat(k.reporter) FROM check_ins k"
                         " JOIN pairs x ON x.id = k.pair_id"
                         " JOIN applications e ON e.id = x.mentee_application_id"
                         " JOIN people p ON p.id = e.person_id"
                         " WHERE k.date = '2025-05-02' AND upper(p.email) = '%s'"
                         " AND x.cohort_id = %" G_GINT64_FORMAT, mentee, cohort_id);
  reporters = query_text (f->store, sql);
  g_assert_cmpstr (reporters, ==, "mentee");
}

/* The command line ----------------------------------------------------------- */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *survey = write_file (f, "survey.csv",
    "Date,Email,Status\n2025-04-01,eve@example.org,On track\n2025-04-01,nobody@example.org,On track\n", -1);
  g_autofree char *signatures = write_file (f, "signatures.csv",
    "Timestamp,Email\n2025-03-10,eve@example.org\n2025-03-12,bob@example.org\n", -1);
  g_autofree char *no_status = write_file (f, "no-status.csv", "Date,Email\n2025-04-01,eve@example.org\n", -1);
  g_autofree char *before = NULL;

  if (g_getenv ("PAIRINGS_CLI") == NULL)
    {
      g_test_skip ("PAIRINGS_CLI is not set");
      return;
    }
  /* The CLI opens the file itself. */
  g_clear_object (&f->store);

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025",
                   "--dry-run", "--json", survey, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "{\"applied\":1,\"unchanged\":0,\"skipped\":[{\"line\":3,\"field\":\"Email\","
                     "\"reason\":\"“nobody@example.org” is not in an announced pair of this cohort\"}]}\n");
    g_assert_nonnull (strstr (run.err, "Dry run"));
  }

  before = file_digest (f->db);

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025",
                   "--strict", survey, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "strict"));
    g_assert_nonnull (strstr (run.err, "line 3, column “Email”"));
  }

  /* Usage errors: 1; bad input: 2; neither changes anything. */
  {
    const char *cases[][6] = {
      { "import-check-ins", survey, NULL },
      { "import-check-ins", "--cohort", "2025", NULL },
      { "import-agreements", "--cohort", "2025", survey, survey, NULL },
      { "import-agreements", "--cohort", "2025", "--colour", survey, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };

        g_test_message ("usage case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2],
                       cases[i][3], cases[i][4], cases[i][5], NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, "pairings-cli"));
      }
  }
  {
    const char *cases[][4] = {
      { "import-check-ins", "1999", survey },
      { "import-check-ins", "2025", no_status },
      { "import-agreements", "2025", "/nonexistent/signatures.csv" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };

        g_test_message ("bad input case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], "--cohort", cases[i][1],
                       cases[i][2], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_cmpstr (run.err, !=, "");
      }
  }
  {
    g_autofree char *after = file_digest (f->db);
    g_assert_cmpstr (before, ==, after);
  }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-agreements", "--cohort", "2025",
                   "--json", signatures, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "{\"applied\":2,\"unchanged\":0,\"skipped\":[]}\n");
  }
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-agreements", "--cohort", "2025",
                   signatures, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "Applied: 0 · Unchanged: 2 · Skipped: 0"));
  }
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025", survey, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "Applied: 1 · Unchanged: 0 · Skipped: 1"));
  }

  f->store = pairings_store_open (f->db, NULL);
  g_assert_nonnull (f->store);
  {
    g_autofree char *bob_eve = agreement_of (f, BOB_EVE);
    g_autofree char *check_ins = check_ins_of (f, BOB_EVE);

    g_assert_cmpstr (bob_eve, ==, "signed - 2025-03-12");
    g_assert_cmpstr (check_ins, ==, "2025-04-01 mentee on_track []\n");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/followup-import/check-ins/applied", test_check_ins_applied);
  ADD ("/followup-import/check-ins/french-windows-1252", test_check_ins_french);
  ADD ("/followup-import/check-ins/mentor-two-pairs", test_check_ins_mentor_two_pairs);
  ADD ("/followup-import/check-ins/problems", test_check_ins_problems);
  ADD ("/followup-import/check-ins/twice", test_check_ins_twice);
  ADD ("/followup-import/dates", test_dates);
  ADD ("/followup-import/strict", test_strict);
  ADD ("/followup-import/dry-run", test_dry_run);
  ADD ("/followup-import/missing-column", test_missing_column);
  ADD ("/followup-import/empty", test_empty);
  ADD ("/followup-import/cancelled", test_cancelled);
  ADD ("/followup-import/undo-redo", test_undo_redo);
  ADD ("/followup-import/agreements/status-column", test_agreements_status_column);
  ADD ("/followup-import/agreements/signatures", test_agreements_signatures);
  ADD ("/followup-import/demo", test_demo);
  ADD ("/followup-import/cli", test_cli);

  return g_test_run ();
}

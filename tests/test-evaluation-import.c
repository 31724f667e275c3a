/* test-evaluation-import.c: mid-cycle and end-of-cycle survey answers from CSV
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-evaluation-import.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

#define TODAY "2025-12-31"

typedef struct
{
  char          *dir;
  char          *db;
  PairingsStore *store;
  gint64         cohort_id;
} Fixture;

/* Ada mentors Cleo and Dan, Bob mentors Eve (announced); Zoé and Finn are
 * approved, not announced; Gus was not accepted; Hana is accepted both as
 * a mentor and as a mentee. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const PairingsCohortDates dates = {
    "2025-01-10", "2025-02-10", "2025-03-01", "2025-03-15", "2025-11-30"
  };
  static const struct
  {
    const char     *name;
    const char     *email;
    PairingsRole    role;
    PairingsStatus  status;
  } people[] = {
    { "Ada Lovelace", "Ada@Example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED },
    { "Bob Noyce", "bob@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED },
    { "Zoé Martin", "zoe@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED },
    { "Cleo Park", "cleo@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED },
    { "Dan Wu", "dan@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED },
    { "Eve Stone", "eve@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED },
    { "Finn Berg", "finn@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED },
    { "Gus Grey", "gus@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_WAITLISTED },
    { "Hana Ito", "hana@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED },
    { "Hana Ito", "hana@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED },
  };
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  gint64 programme;

  f->dir = g_dir_make_tmp ("pairings-evaluation-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "evaluations.db", NULL);
  f->store = pairings_store_open (f->db, &error);
  g_assert_no_error (error);

  programme = pairings_store_add_programme (f->store, "Small", &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (f->store, programme, "2025", &dates, 10, &error);
  g_assert_no_error (error);
  f->cohort_id = pairings_cohort_get_id (cohort);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    ptest_add_application (f->store, f->cohort_id, people[i].name, people[i].email, people[i].role,
                           people[i].status);

#define APP(name) "(SELECT id FROM applications WHERE name = '" name "')"
  ptest_exec (f->store,
              "INSERT INTO pairs (id, cohort_id, mentor_application_id, mentee_application_id, stage)"
              " VALUES"
              " (1, (SELECT id FROM cohorts), " APP ("Ada Lovelace") ", " APP ("Cleo Park") ","
              " 'announced'),"
              " (2, (SELECT id FROM cohorts), " APP ("Ada Lovelace") ", " APP ("Dan Wu") ","
              " 'announced'),"
              " (3, (SELECT id FROM cohorts), " APP ("Bob Noyce") ", " APP ("Eve Stone") ","
              " 'announced'),"
              " (4, (SELECT id FROM cohorts), " APP ("Zoé Martin") ", " APP ("Finn Berg") ","
              " 'approved');");
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

static PairingsEvaluationImportReport *
import_ok (Fixture                       *f,
           const char                    *survey,
           const char                    *path,
           PairingsEvaluationImportFlags  flags)
{
  PairingsEvaluationImportReport *report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_evaluation_import (f->store, f->cohort_id, survey, path, flags, TODAY, NULL,
                                             &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static GError *
import_fails (Fixture                          *f,
              const char                       *path,
              PairingsEvaluationImportFlags     flags,
              PairingsEvaluationImportReport  **report)
{
  GError *error = NULL;

  g_assert_false (pairings_evaluation_import (f->store, f->cohort_id, "end", path, flags, TODAY, NULL,
                                              report, &error));
  g_assert_nonnull (error);
  return error;
}

/* The whole evaluations table and the event log, as one digest. */
static char *
digest (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT * FROM evaluations ORDER BY id",
    "SELECT id, action, undone FROM events ORDER BY id",
    NULL
  };

  return ptest_digest (f->store, queries);
}

/* The evaluations table alone, with the ids: undo and redo add events. */
static char *
content (Fixture *f)
{
  return query_text (f->store,
                     "SELECT coalesce(group_concat(r, char(10)), '') FROM (SELECT id || '|' ||"
                     " application_id || '|' || coalesce(pair_id, '-') || '|' || survey || '|' ||"
                     " question || '|' || coalesce(rating, '-') || '|' || answer || '|' ||"
                     " coalesce(submitted_at, '-') AS r FROM evaluations ORDER BY id)");
}

/* One line per stored answer: who, question, rating, answer, pair, time. */
static char *
answers_of (Fixture    *f,
            const char *survey)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (_pairings_store_get_db (f->store),
                      "SELECT a.name || ' (' || a.role || ')', e.question, coalesce(e.rating, '-'), e.answer,"
                      " coalesce(e.pair_id, '-'), coalesce(e.submitted_at, '-') FROM evaluations e"
                      " JOIN applications a ON a.id = e.application_id WHERE e.survey = ?"
                      " ORDER BY a.name, a.role, e.question",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, survey, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 6; c++)
        g_string_append_printf (out, "%s%s", c ? "|" : "", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
count_events (Fixture *f)
{
  return query_int (f->store, "SELECT count(*) FROM events");
}

/* Ratings and free text ------------------------------------------------------ */

static void
test_ratings (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "end.csv",
    "Timestamp,Email Address,\"Overall, how satisfied are you?\",The pairing fit my needs,"
    "Meetings were useful,Le mentorat m'a aidé,How satisfied with the kick-off?,"
    "What should we change?,How many meetings did you have?\r\n"
    "2025/12/02 10:31:02 AM GMT+1,EVE@example.org ,5,4 - Agree,Strongly agree,Tout à fait d'accord,"
    "Very satisfied,\"More socials, please\",3\r\n"
    "2025-12-03,bob@example.org,4,5 – Strongly agree,Disagree,Pas d'accord,Très insatisfait,,about 5\r\n"
    "12/12/2025 09:00,ada@example.org, 3 ,2 (Disagree),Neither agree nor disagree,D'accord,4/5,"
    "Nothing,4\r\n", -1);
  g_autoptr(PairingsEvaluationImportReport) report = import_ok (f, "end", path, 0);
  g_autofree char *answers = answers_of (f, "end");

  g_assert_cmpstr (report->file_name, ==, "end.csv");
  g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_UTF8);
  g_assert_cmpint (report->delimiter, ==, ',');
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->applied, ==, 3);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpint (report->event_id, >, 0);

  /* Ratings whatever their form; the mixed column is free text, kept as
   * written; Bob's empty answer is not stored. Ada mentors two pairs: her
   * answers belong to none. A time is UTC, a date alone stays a date. */
  g_assert_cmpstr (answers, ==,
    "Ada Lovelace (mentor)|How many meetings did you have?|-|4|-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|How satisfied with the kick-off?|4||-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|Le mentorat m'a aidé|4||-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|Meetings were useful|3||-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|Overall, how satisfied are you?|3||-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|The pairing fit my needs|2||-|2025-12-12T09:00:00Z\n"
    "Ada Lovelace (mentor)|What should we change?|-|Nothing|-|2025-12-12T09:00:00Z\n"
    "Bob Noyce (mentor)|How many meetings did you have?|-|about 5|3|2025-12-03\n"
    "Bob Noyce (mentor)|How satisfied with the kick-off?|1||3|2025-12-03\n"
    "Bob Noyce (mentor)|Le mentorat m'a aidé|2||3|2025-12-03\n"
    "Bob Noyce (mentor)|Meetings were useful|2||3|2025-12-03\n"
    "Bob Noyce (mentor)|Overall, how satisfied are you?|4||3|2025-12-03\n"
    "Bob Noyce (mentor)|The pairing fit my needs|5||3|2025-12-03\n"
    "Eve Stone (mentee)|How many meetings did you have?|-|3|3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|How satisfied with the kick-off?|5||3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|Le mentorat m'a aidé|5||3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|Meetings were useful|5||3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|Overall, how satisfied are you?|5||3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|The pairing fit my needs|4||3|2025-12-02T09:31:02Z\n"
    "Eve Stone (mentee)|What should we change?|-|More socials, please|3|2025-12-02T09:31:02Z\n");

  /* One step in the history, for the cohort. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'evaluations'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT max(id) FROM events"), ==, report->event_id);
  g_assert_cmpint (query_int (f->store, "SELECT entity_id FROM events WHERE action = 'evaluations'"), ==,
                   f->cohort_id);
}

/* Each form alone in its column: a rating, or the column is free text. */
static void
test_rating_forms (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *text; int rating; } forms[] = {
    { "1", 1 }, { "5", 5 }, { "4.0", 4 }, { "3 - Neutral", 3 }, { "5 – Très satisfait", 5 },
    { "2: Disagree", 2 }, { "1 (Strongly disagree)", 1 }, { "4/5", 4 }, { "4 Agree", 4 },
    { "Strongly disagree", 1 }, { "disagree", 2 }, { "NEUTRAL", 3 }, { "Agree", 4 },
    { "Strongly agree", 5 }, { "Pas du tout d'accord", 1 }, { "Pas d’accord", 2 }, { "Neutre", 3 },
    { "D'accord", 4 }, { "Tout à fait d'accord", 5 }, { "Very dissatisfied", 1 },
    { "Dissatisfied", 2 }, { "Satisfied", 4 }, { "Very satisfied", 5 },
    { "Très insatisfait", 1 }, { "Insatisfaite", 2 }, { "Satisfait(e)", 4 },
    { "Très satisfaite", 5 },
    { "0", 0 }, { "6", 0 }, { "10", 0 }, { "3.5", 0 }, { "5/10", 0 }, { "2 meetings", 0 },
    { "Good", 0 }, { "-1", 0 }, { "4 - Agree, mostly", 4 },
  };
  g_autoptr(GString) csv = g_string_new ("Email");
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    g_string_append_printf (csv, ",Q%02u", i);
  g_string_append (csv, "\neve@example.org");
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    g_string_append_printf (csv, ",\"%s\"", forms[i].text);
  g_string_append_c (csv, '\n');
  path = write_file (f, "forms.csv", csv->str, -1);
  report = import_ok (f, "mid", path, 0);
  g_assert_cmpuint (report->applied, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce(rating, 0) || '|' || answer FROM evaluations"
                                              " WHERE question = 'Q%02u'", i);
      g_autofree char *stored = query_text (f->store, sql);
      g_autofree char *expected = forms[i].rating > 0 ? g_strdup_printf ("%d|", forms[i].rating)
                                                      : g_strdup_printf ("0|%s", forms[i].text);

      g_test_message ("“%s”", forms[i].text);
      g_assert_cmpstr (stored, ==, expected);
    }
}

/* What Excel saves on a French Windows: Windows-1252 and semicolons. */
static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  static const char survey[] =
    "Horodateur;Adresse e-mail;R\xF4le;\xCAtes-vous satisfait(e) du programme ? ;Qu'avez-vous appris ?\r\n"
    "14/06/2025 18:02:11;hana@example.org;Mentor\xE9" "e;5 \x96 Tr\xE8s satisfait;Beaucoup de choses\r\n"
    "15/06/2025;HANA@example.org;Mentor;Satisfait;\xC0 \xE9" "couter\r\n"
    "16/06/2025;cleo@example.org;Mentor\xE9" "e;Tout \xE0 fait d'accord;\r\n";
  g_autofree char *path = write_file (f, "mi-parcours.csv", survey, -1);
  g_autoptr(PairingsEvaluationImportReport) report = import_ok (f, "mid", path, 0);
  g_autofree char *answers = answers_of (f, "mid");

  g_assert_cmpint (report->encoding, ==, PAIRINGS_CSV_WINDOWS_1252);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (report->applied, ==, 3);
  /* The role only tells Hana's two applications apart; it is no question.
   * Questions keep their text as written, trimmed. */
  g_assert_cmpstr (answers, ==,
    "Cleo Park (mentee)|Êtes-vous satisfait(e) du programme ?|5||1|2025-06-16\n"
    "Hana Ito (mentee)|Qu'avez-vous appris ?|-|Beaucoup de choses|-|2025-06-14T18:02:11Z\n"
    "Hana Ito (mentee)|Êtes-vous satisfait(e) du programme ?|5||-|2025-06-14T18:02:11Z\n"
    "Hana Ito (mentor)|Qu'avez-vous appris ?|-|À écouter|-|2025-06-15\n"
    "Hana Ito (mentor)|Êtes-vous satisfait(e) du programme ?|4||-|2025-06-15\n");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations WHERE survey = 'end'"), ==, 0);
}

/* Rows ----------------------------------------------------------------------- */

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_file (f, "problems.csv",
    "Timestamp,Email,Rating,Comments\n"
    "2025-12-01,stranger@example.org,4,Hi\n"          /* 2: unknown e-mail */
    "2025-12-01,gus@example.org,4,\n"                 /* 3: not accepted */
    "2025-12-01,,4,\n"                                /* 4: no e-mail */
    "2025-12-01,hana@example.org,4,\n"                /* 5: mentor or mentee? */
    "31/02/2025,eve@example.org,4,\n"                 /* 6: no such day */
    "2026-01-05,eve@example.org,4,\n"                 /* 7: after today */
    "2025-12-01,eve@example.org\n"                    /* 8: too few fields */
    "2025-12-01,bob@example.org,2,First try\n"        /* 9: answered again below */
    "2025-12-02,dan@example.org,5,\"two\n"
    "lines\"\n"                                       /* 10: good */
    "2025-12-03,Bob@example.org,3,Second thoughts\n", /* 12: good */
    -1);
  g_autoptr(PairingsEvaluationImportReport) report = import_ok (f, "end", path, 0);
  g_autofree char *answers = answers_of (f, "end");
  g_autofree char *json = pairings_form_import_report_to_json (report);
  g_autofree char *text = pairings_form_import_report_to_text (report);

  g_assert_cmpuint (report->rows, ==, 10);
  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 8);
  ptest_assert_problem (report, 0, 2, "Email", "“stranger@example.org” has no accepted application in this cohort");
  ptest_assert_problem (report, 1, 3, "Email", "“gus@example.org” has no accepted application");
  ptest_assert_problem (report, 2, 4, "Email", "empty");
  ptest_assert_problem (report, 3, 5, "Email", "ambiguous");
  ptest_assert_problem (report, 4, 6, "Timestamp", "“31/02/2025” is not a date");
  ptest_assert_problem (report, 5, 7, "Timestamp", "2026-01-05 is after today");
  ptest_assert_problem (report, 6, 8, NULL, "2 fields where the header has 4");
  ptest_assert_problem (report, 7, 9, "Email", "answered again on line 12");

  g_assert_cmpstr (answers, ==,
    "Bob Noyce (mentor)|Comments|-|Second thoughts|3|2025-12-03\n"
    "Bob Noyce (mentor)|Rating|3||3|2025-12-03\n"
    "Dan Wu (mentee)|Comments|-|two\nlines|2|2025-12-02\n"
    "Dan Wu (mentee)|Rating|5||2|2025-12-02\n");

  g_assert_true (g_str_has_prefix (json, "{\"applied\":2,\"unchanged\":0,\"skipped\":[{\"line\":2,"
                                         "\"field\":\"Email\",\"reason\":\"“stranger@example.org” has no "
                                         "accepted application in this cohort\"},"));
  g_assert_nonnull (strstr (json, "{\"line\":8,\"field\":\"\",\"reason\":"));
  g_assert_true (g_str_has_suffix (json, "]}\n"));
  g_assert_nonnull (strstr (text, "Applied: 2 · Unchanged: 0 · Skipped: 8"));
  g_assert_nonnull (strstr (text, "line 6, column “Timestamp”: "));
}

static void
test_role_column (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "roles.csv",
    "Email,I am a,Overall\n"
    "hana@example.org,Mentee,5\n"
    "hana@example.org,,4\n"                 /* both roles: which? */
    "bob@example.org,Mentee,3\n", -1);     /* one application: the role is not checked */
  g_autoptr(PairingsEvaluationImportReport) report = import_ok (f, "end", path, 0);
  g_autofree char *answers = answers_of (f, "end");

  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  ptest_assert_problem (report, 0, 3, "Email", "ambiguous: “hana@example.org” is accepted both as a mentor and as a mentee");
  g_assert_cmpstr (answers, ==,
    "Bob Noyce (mentor)|Overall|3||3|-\n"
    "Hana Ito (mentee)|Overall|5||-|-\n");
}

static void
test_empty_answers (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = write_file (f, "empty-answers.csv",
    "Email,Overall,Comments,Unused\n"
    "eve@example.org,,N/A,\n"
    "bob@example.org,4, ,\n"
    "dan@example.org,Not applicable,-,\n", -1);
  g_autoptr(PairingsEvaluationImportReport) report = import_ok (f, "end", path, 0);
  g_autofree char *answers = answers_of (f, "end");

  /* A row that answers nothing stores nothing, and changes nothing. */
  g_assert_cmpuint (report->applied, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 2);
  g_assert_cmpstr (answers, ==, "Bob Noyce (mentor)|Overall|4||3|-\n");
}

static void
test_twice (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_file (f, "end.csv",
    "Timestamp,Email,Overall,Comments\n"
    "2025-12-01,eve@example.org,4,Good\n"
    "2025-12-01,bob@example.org,5,\n", -1);
  g_autofree char *changed = write_file (f, "changed.csv",
    "Timestamp,Email,Overall,Comments\n"
    "2025-12-01,eve@example.org,2 - Disagree,\n"
    "2025-12-01,bob@example.org,5,\n", -1);
  g_autoptr(PairingsEvaluationImportReport) first = NULL;
  g_autoptr(PairingsEvaluationImportReport) again = NULL;
  g_autoptr(PairingsEvaluationImportReport) third = NULL;
  g_autoptr(PairingsEvaluationImportReport) mid = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *after_again = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *end_answers = NULL;
  gint64 eve_overall;

  first = import_ok (f, "end", path, 0);
  g_assert_cmpuint (first->applied, ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations"), ==, 3);
  eve_overall = query_int (f->store, "SELECT e.id FROM evaluations e JOIN applications a"
                                     " ON a.id = e.application_id WHERE a.name = 'Eve Stone'"
                                     " AND e.question = 'Overall'");
  after_first = digest (f);

  /* The same file again changes nothing, and logs nothing. */
  again = import_ok (f, "end", path, 0);
  g_assert_cmpuint (again->applied, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 2);
  g_assert_cmpint (again->event_id, ==, 0);
  after_again = digest (f);
  g_assert_cmpstr (after_first, ==, after_again);

  /* Eve changed her mind: her rating is replaced in place, and her
   * comment, now empty, goes. */
  third = import_ok (f, "end", changed, 0);
  g_assert_cmpuint (third->applied, ==, 1);
  g_assert_cmpuint (third->updated, ==, 1);
  g_assert_cmpuint (third->unchanged, ==, 1);
  answers = answers_of (f, "end");
  g_assert_cmpstr (answers, ==,
    "Bob Noyce (mentor)|Overall|5||3|2025-12-01\n"
    "Eve Stone (mentee)|Overall|2||3|2025-12-01\n");
  g_assert_cmpint (query_int (f->store, "SELECT e.id FROM evaluations e JOIN applications a"
                                        " ON a.id = e.application_id WHERE a.name = 'Eve Stone'"),
                   ==, eve_overall);

  /* The other survey is another set of answers. */
  mid = import_ok (f, "mid", path, 0);
  g_assert_cmpuint (mid->applied, ==, 2);
  end_answers = answers_of (f, "end");
  g_assert_cmpstr (end_answers, ==, answers);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations WHERE survey = 'mid'"), ==, 3);
}

/* Whole files ---------------------------------------------------------------- */

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_file (f, "end.csv",
    "Email,Overall\neve@example.org,4\nnobody@example.org,5\n", -1);
  g_autofree char *clean = write_file (f, "clean.csv", "Email,Overall\neve@example.org,4\n", -1);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autoptr(PairingsEvaluationImportReport) ok = NULL;
  int events = count_events (f);
  g_autoptr(GError) error = import_fails (f, path, PAIRINGS_EVALUATION_IMPORT_STRICT, &report);

  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "end.csv"));
  g_assert_nonnull (report);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (report->event_id, ==, 0);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_events (f), ==, events);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations"), ==, 0);
  g_clear_pointer (&report, pairings_form_import_report_free);

  /* A caller that asks for the report but not the error gets it too. */
  g_assert_false (pairings_evaluation_import (f->store, f->cohort_id, "end", path,
                                              PAIRINGS_EVALUATION_IMPORT_STRICT, TODAY, NULL, &report, NULL));
  g_assert_nonnull (report);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (count_events (f), ==, events);

  /* Strict and clean: written. */
  ok = import_ok (f, "end", clean, PAIRINGS_EVALUATION_IMPORT_STRICT);
  g_assert_cmpuint (ok->applied, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations"), ==, 1);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *first = write_file (f, "first.csv", "Email,Overall\neve@example.org,4\n", -1);
  g_autofree char *path = write_file (f, "end.csv",
    "Email,Overall,Comments\neve@example.org,2,Fine\nbob@example.org,5,\nnobody@example.org,5,\n", -1);
  g_autoptr(PairingsEvaluationImportReport) setup = import_ok (f, "end", first, 0);
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autoptr(PairingsEvaluationImportReport) strict = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  int events = count_events (f);

  report = import_ok (f, "end", path, PAIRINGS_EVALUATION_IMPORT_DRY_RUN);
  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (report->event_id, ==, 0);

  error = import_fails (f, path, PAIRINGS_EVALUATION_IMPORT_DRY_RUN | PAIRINGS_EVALUATION_IMPORT_STRICT,
                        &strict);
  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_REJECTED);
  g_assert_cmpuint (strict->applied, ==, 2);

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_events (f), ==, events);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  g_autofree char *bom = write_file (f, "bom.csv", "\xEF\xBB\xBF", 3);
  g_autofree char *header = write_file (f, "header.csv", "Timestamp,Email,Overall\r\n", -1);
  g_autofree char *no_email = write_file (f, "no-email.csv", "Timestamp,Full name,Overall\n2025-12-01,Eve,4\n", -1);
  g_autofree char *no_question = write_file (f, "no-question.csv",
                                             "Horodateur;Courriel;Rôle\n2025-12-01;eve@example.org;Mentorée\n", -1);
  g_autofree char *twice = write_file (f, "twice.csv", "Email,Overall,Overall \neve@example.org,4,5\n", -1);
  g_autofree char *folder = g_build_filename (f->dir, "folder.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  PairingsEvaluationImportReport *report = NULL;
  GError *error;

  error = import_fails (f, empty, 0, &report);
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.csv"));
  g_clear_error (&error);

  error = import_fails (f, bom, 0, &report);
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  error = import_fails (f, header, 0, &report);
  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_NO_ROWS);
  g_assert_cmpstr (error->message, ==, "header.csv has a header but no answers");
  g_clear_error (&error);

  error = import_fails (f, no_email, 0, &report);
  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "e-mail"));
  g_assert_nonnull (strstr (error->message, "“Timestamp”, “Full name”, “Overall”"));
  g_clear_error (&error);

  error = import_fails (f, no_question, 0, &report);
  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_cmpstr (error->message, ==, "no-question.csv: no column holds the answers to a question; "
                                       "the columns are “Horodateur”, “Courriel”, “Rôle”");
  g_clear_error (&error);

  error = import_fails (f, twice, 0, &report);
  g_assert_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_BAD_COLUMN);
  g_assert_cmpstr (error->message, ==, "twice.csv: two columns are named “Overall”; give each question "
                                       "its own name");
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  error = import_fails (f, folder, 0, &report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  error = import_fails (f, missing, 0, &report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pairings_evaluation_import (f->store, 9999, "end", header, 0, TODAY, NULL, &report,
                                              &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (report);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* A survey's answers are small: 20 MB is refused, by its size or while
 * reading a stream. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  gsize size = PAIRINGS_EVALUATION_IMPORT_MAX_BYTES + 4096;
  g_autofree char *contents = g_malloc (size);
  g_autofree char *path = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  PairingsEvaluationImportReport *report = NULL;
  static const char header[] = "Email,Comments\n";
  static const char row[] = "eve@example.org,";

  /* Rows of 1,000 bytes. */
  memcpy (contents, header, strlen (header));
  for (gsize at = strlen (header); at < size; at += 1000)
    {
      gsize n = MIN (1000, size - at);

      memset (contents + at, 'x', n);
      if (n == 1000)
        {
          memcpy (contents + at, row, strlen (row));
          contents[at + 999] = '\n';
        }
    }
  path = write_file (f, "huge.csv", contents, size);

  g_assert_false (pairings_evaluation_import (f->store, f->cohort_id, "end", path, 0, TODAY, NULL, &report,
                                              &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "huge.csv is larger than 20 MB, far more than a form’s answers take: "
                                       "is it the right file?");
  g_clear_error (&error);

  stream = g_memory_input_stream_new_from_data (contents, size, NULL);
  g_assert_false (pairings_evaluation_import_stream (f->store, f->cohort_id, "end", stream, "pasted.csv",
                                                     0, TODAY, NULL, &report, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "pasted.csv"));
  g_assert_null (report);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations"), ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_file (f, "end.csv", "Email,Overall\neve@example.org,4\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PairingsEvaluationImportReport *report = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (pairings_evaluation_import (f->store, f->cohort_id, "end", path, 0, TODAY, cancellable,
                                              &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* History -------------------------------------------------------------------- */

static void
undo_ok (Fixture    *f,
         const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pairings_history_can_undo (f->store, &text));
  g_assert_cmpstr (text, ==, label);
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
}

static void
redo_ok (Fixture    *f,
         const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pairings_history_can_redo (f->store, &text));
  g_assert_cmpstr (text, ==, label);
  g_assert_true (pairings_history_redo (f->store, &error));
  g_assert_no_error (error);
}

static void
assert_content (Fixture    *f,
                const char *expected)
{
  g_autofree char *now = content (f);

  g_assert_cmpstr (now, ==, expected);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = write_file (f, "first.csv",
    "Timestamp,Email,Overall,Comments\n"
    "2025-12-01,eve@example.org,4,Good\n"
    "2025-12-01,bob@example.org,5,\n", -1);
  g_autofree char *second = write_file (f, "second.csv",
    "Timestamp,Email,Overall,Comments\n"
    "2025-12-05,eve@example.org,Disagree,\n"
    "2025-12-05,ada@example.org,3,Fine\n"
    "2025-12-05,bob@example.org,5,\n", -1);
  g_autofree char *empty = content (f);
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  g_autoptr(PairingsEvaluationImportReport) a = NULL;
  g_autoptr(PairingsEvaluationImportReport) b = NULL;

  a = import_ok (f, "end", first, 0);
  after_first = content (f);
  b = import_ok (f, "end", second, 0);
  g_assert_cmpuint (b->applied, ==, 3);  /* Bob's new time counts */
  g_assert_cmpuint (b->updated, ==, 2);
  after_second = content (f);
  g_assert_cmpstr (after_first, !=, after_second);

  /* The whole second import goes back, rows and ids as they were. */
  undo_ok (f, "Survey import undone");
  assert_content (f, after_first);
  redo_ok (f, "Survey import redone");
  assert_content (f, after_second);

  /* The history outlives the store. */
  g_clear_object (&f->store);
  f->store = pairings_store_open (f->db, NULL);
  g_assert_nonnull (f->store);
  undo_ok (f, "Survey import undone");
  assert_content (f, after_first);
  undo_ok (f, "Survey import undone");
  assert_content (f, empty);
  g_assert_false (pairings_history_can_undo (f->store, NULL));

  g_clear_object (&f->store);
  f->store = pairings_store_open (f->db, NULL);
  g_assert_nonnull (f->store);
  redo_ok (f, "Survey import redone");
  assert_content (f, after_first);
  redo_ok (f, "Survey import redone");
  assert_content (f, after_second);
  g_assert_false (pairings_history_can_redo (f->store, NULL));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'evaluations'"), ==, 2);
}

/* The demo programme ---------------------------------------------------------- */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  static const char other_years[] =
    "SELECT count(*) || ':' || total(rating) || ':' || max(id) FROM evaluations WHERE cohort_id <> %"
    G_GINT64_FORMAT;
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autofree char *mentee = NULL;
  g_autofree char *busy = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pairs = NULL;
  gint64 cohort_id;

  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The small cohort is also called 2025; the demo's is the other one. */
  cohort_id = query_int (f->store, "SELECT max(id) FROM cohorts WHERE name = '2025'");
  g_assert_cmpint (cohort_id, !=, f->cohort_id);
  sql = g_strdup_printf ("SELECT count(*) FROM evaluations WHERE cohort_id = %" G_GINT64_FORMAT, cohort_id);
  g_assert_cmpint (query_int (f->store, sql), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM evaluations"), >, 0);
  g_free (sql);
  sql = g_strdup_printf (other_years, cohort_id);
  before = query_text (f->store, sql);

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
  /* The demo's own end-of-cycle questions, as earlier years asked them. */
  csv = g_strdup_printf ("Timestamp,Email Address,\"Overall, how satisfied are you with the programme?\","
                         "What should we change for next year?\n"
                         "2025/12/02 9:00:00 AM GMT+1,%s,5 - Very satisfied,More socials\n"
                         "2025/12/03 9:00:00 AM GMT+1,%s,4 - Satisfied,\n", mentee, busy);
  path = write_file (f, "demo.csv", csv, -1);
  g_assert_true (pairings_evaluation_import (f->store, cohort_id, "end", path, 0, TODAY, NULL, &report,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->applied, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 0);

  /* The mentee's answers belong to the pair, the busy mentor's to none;
   * the earlier years' answers are untouched. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat(v, ',') FROM (SELECT coalesce(e.pair_id = x.id, 'none') AS v"
                         " FROM evaluations e JOIN applications a ON a.id = e.application_id"
                         " LEFT JOIN pairs x ON x.mentee_application_id = a.id AND x.stage = 'announced'"
                         " WHERE e.cohort_id = %" G_GINT64_FORMAT " ORDER BY e.id)", cohort_id);
  pairs = query_text (f->store, sql);
  g_assert_cmpstr (pairs, ==, "1,1,none");
  g_free (sql);
  sql = g_strdup_printf (other_years, cohort_id);
  after = query_text (f->store, sql);
  g_assert_cmpstr (before, ==, after);
}

/* The command line ----------------------------------------------------------- */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *survey = write_file (f, "survey.csv",
    "Timestamp,Email,Overall\n2025-03-01,eve@example.org,4 - Agree\n2025-03-01,nobody@example.org,5\n", -1);
  g_autofree char *no_question = write_file (f, "no-question.csv", "Timestamp,Email\n2025-03-01,eve@example.org\n", -1);
  g_autofree char *header = write_file (f, "header.csv", "Timestamp,Email,Overall\n", -1);
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
    ptest_run_cli (&run, NULL, "--database", f->db, "import-evaluations", "--cohort", "2025",
                   "--survey", "end", "--dry-run", "--json", survey, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "{\"applied\":1,\"unchanged\":0,\"skipped\":[{\"line\":3,\"field\":\"Email\","
                     "\"reason\":\"“nobody@example.org” has no accepted application in this cohort\"}]}\n");
    g_assert_nonnull (strstr (run.err, "Dry run"));
  }

  before = file_digest (f->db);
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-evaluations", "--cohort", "2025",
                   "--survey", "end", "--strict", survey, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "strict"));
    g_assert_nonnull (strstr (run.err, "line 3, column “Email”"));
  }

  /* Usage errors: 1; bad input: 2; neither changes anything. */
  {
    const char *cases[][7] = {
      { "import-evaluations", "--survey", "end", survey, NULL },
      { "import-evaluations", "--cohort", "2025", survey, NULL },
      { "import-evaluations", "--cohort", "2025", "--survey", "final", survey, NULL },
      { "import-evaluations", "--cohort", "2025", "--survey", "end", NULL },
      { "import-evaluations", "--cohort", "2025", "--survey", "end", survey, survey },
      { "import-evaluations", "--cohort", "2025", "--survey", "end", "--colour", survey },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };

        g_test_message ("usage case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2],
                       cases[i][3], cases[i][4], cases[i][5], cases[i][6], NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, "pairings-cli"));
      }
  }
  {
    const char *cases[][2] = {
      { "1999", survey },
      { "2025", no_question },
      { "2025", header },
      { "2025", "/nonexistent/survey.csv" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };

        g_test_message ("bad input case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, "import-evaluations", "--cohort", cases[i][0],
                       "--survey", "mid", "--json", cases[i][1], NULL);
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
    ptest_run_cli (&run, NULL, "--database", f->db, "import-evaluations", "--cohort", "2025",
                   "--survey", "end", "--json", survey, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "{\"applied\":1,\"unchanged\":0,\"skipped\":[{\"line\":3,\"field\":\"Email\","
                     "\"reason\":\"“nobody@example.org” has no accepted application in this cohort\"}]}\n");
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "import-evaluations", "--cohort", "2025",
                   "--survey", "end", survey, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "Applied: 0 · Unchanged: 1 · Skipped: 1"));
  }

  f->store = pairings_store_open (f->db, NULL);
  g_assert_nonnull (f->store);
  {
    g_autofree char *answers = answers_of (f, "end");
    g_assert_cmpstr (answers, ==, "Eve Stone (mentee)|Overall|4||3|2025-03-01\n");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/evaluation-import/ratings", test_ratings);
  ADD ("/evaluation-import/rating-forms", test_rating_forms);
  ADD ("/evaluation-import/french-windows-1252", test_french);
  ADD ("/evaluation-import/problems", test_problems);
  ADD ("/evaluation-import/role-column", test_role_column);
  ADD ("/evaluation-import/empty-answers", test_empty_answers);
  ADD ("/evaluation-import/twice", test_twice);
  ADD ("/evaluation-import/strict", test_strict);
  ADD ("/evaluation-import/dry-run", test_dry_run);
  ADD ("/evaluation-import/bad-files", test_bad_files);
  ADD ("/evaluation-import/too-large", test_too_large);
  ADD ("/evaluation-import/cancelled", test_cancelled);
  ADD ("/evaluation-import/undo-redo", test_undo_redo);
  ADD ("/evaluation-import/demo", test_demo);
  ADD ("/evaluation-import/cli", test_cli);

  return g_test_run ();
}

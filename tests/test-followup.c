/* test-followup.c: agreements, goals, check-ins, the rules, ending and
 * continuing pairs, their history, the timeline and the agreement text
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pairings-board.h"
#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-followup-private.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

typedef struct
{
  char          *dir;
  char          *path;
  PairingsStore *store;
  gint64         programme;
  gint64         cohort;              /* "2024" */
  gint64         ada, ben;            /* mentors; Ben has two places */
  gint64         dan, eve, fay;       /* mentees */
  gint64         p1, p2;              /* Ada-Dan and Ben-Eve, announced */
  gint64         p3;                  /* Ben-Fay, under discussion */
} Fixture;

static const PairingsCohortDates dates_2024 = {
  "2024-01-15", "2024-02-16", "2024-03-15", "2024-04-11", "2024-12-13"
};

static gint64
add_application (PairingsStore *store,
                 gint64         cohort,
                 const char    *name,
                 PairingsRole   role,
                 int            capacity,
                 gboolean       accept)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@lab.example", name);
  const char *types[] = { "Career", NULL };
  const char *groups[] = { "LGBTQ+", NULL };
  PairingsApplicationData data = {
    .name = name, .email = email, .role = role, .capacity = capacity, .institution = "CERN",
    .career_stage = role == PAIRINGS_ROLE_MENTOR ? PAIRINGS_CAREER_SENIOR_FACULTY : PAIRINGS_CAREER_GRADUATE,
    .mentoring_types = types, .motivation = "To learn.", .pronouns = "they/them", .identity_groups = groups,
  };
  gint64 id = pairings_store_add_application (store, cohort, &data, &error);

  g_assert_no_error (error);
  if (accept)
    g_assert_true (pairings_review_set_status (store, &id, 1, PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_cohort (Fixture                   *f,
            const char                *name,
            const PairingsCohortDates *dates)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = pairings_store_add_cohort (f->store, f->programme, name, dates, -1, &error);

  g_assert_no_error (error);
  return pairings_cohort_get_id (cohort);
}

static gint64
pair (PairingsStore *store,
      gint64         mentor,
      gint64         mentee)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pairings_board_pair (store, mentor, mentee, TRUE, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 announced[2];

  f->dir = g_dir_make_tmp ("pairings-followup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "f.db", NULL);
  f->store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  f->programme = pairings_store_add_programme (f->store, "Mentoring", &error);
  g_assert_no_error (error);
  f->cohort = add_cohort (f, "2024", &dates_2024);
  f->ada = add_application (f->store, f->cohort, "Ada", PAIRINGS_ROLE_MENTOR, 1, TRUE);
  f->ben = add_application (f->store, f->cohort, "Ben", PAIRINGS_ROLE_MENTOR, 2, TRUE);
  f->dan = add_application (f->store, f->cohort, "Dan", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  f->eve = add_application (f->store, f->cohort, "Eve", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  f->fay = add_application (f->store, f->cohort, "Fay", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  f->p1 = pair (f->store, f->ada, f->dan);
  f->p2 = pair (f->store, f->ben, f->eve);
  f->p3 = pair (f->store, f->ben, f->fay);
  announced[0] = f->p2;
  announced[1] = f->p1;
  g_assert_true (pairings_board_move (f->store, announced, 2, PAIRINGS_STAGE_ANNOUNCED, -1, &error));
  g_assert_no_error (error);
}

/* Every cached statement is reset once a call returns. */
static void
assert_no_busy (PairingsStore *store)
{
  sqlite3 *db = _pairings_store_get_db (store);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    if (sqlite3_stmt_busy (stmt))
      g_error ("A statement was left running: %s", sqlite3_sql (stmt));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assert_no_busy (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* What the follow-up can touch, as one string. */
static char *
dump (PairingsStore *store)
{
  return query_text (store,
                     "SELECT json_array("
                     " (SELECT json_group_array(json_array(pair_id, status, sent_on, signed_on, frequency_days, mode,"
                     "   contact, expectations, confidentiality)) FROM (SELECT * FROM agreements ORDER BY pair_id)),"
                     " (SELECT json_group_array(json_array(id, pair_id, text, target_date, status, position))"
                     "   FROM (SELECT * FROM goals ORDER BY id)),"
                     " (SELECT json_group_array(json_array(id, pair_id, date, reporter, status, note))"
                     "   FROM (SELECT * FROM check_ins ORDER BY id)),"
                     " (SELECT json_group_array(json_array(id, cohort_id, mentor_application_id, mentee_application_id,"
                     "   stage, position, locked, outcome, end_reason, continues_from, created_at, updated_at))"
                     "   FROM (SELECT * FROM pairs ORDER BY id)),"
                     " (SELECT json_group_array(json_array(id, cohort_id, person_id, role, status, name, answers,"
                     "   created_at, updated_at)) FROM (SELECT * FROM applications ORDER BY id)),"
                     " (SELECT json_group_array(json_array(id, call_opens, deadline, announcement, kick_off, ends,"
                     "   pair_limit, settings)) FROM (SELECT * FROM cohorts ORDER BY id)),"
                     " (SELECT json_group_array(json_array(id, settings)) FROM (SELECT * FROM programmes ORDER BY id)),"
                     " (SELECT count(*) FROM confidential_answers), (SELECT count(*) FROM people))");
}

static void
check_refusal (GError     *error,
               int         code,
               const char *words)
{
  g_assert_error (error, PAIRINGS_STORE_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” is not in the message “%s”", words, error->message);
}

/* @call fails (0 or FALSE) with @code, its message has @words, and the
 * database is as it was, without a new event. @call uses &err. */
#define assert_refused(f, call, code, words) \
  G_STMT_START { \
    g_autofree char *before_ = dump ((f)->store); \
    guint events_ = pairings_store_count_events ((f)->store); \
    g_autoptr(GError) err = NULL; \
    g_assert_true (!(call)); \
    check_refusal (err, code, words); \
    { \
      g_autofree char *after_ = dump ((f)->store); \
      g_assert_cmpstr (after_, ==, before_); \
    } \
    g_assert_cmpuint (pairings_store_count_events ((f)->store), ==, events_); \
    assert_no_busy ((f)->store); \
  } G_STMT_END

#define assert_dump(store, expected) \
  G_STMT_START { g_autofree char *now_ = dump (store); g_assert_cmpstr (now_, ==, expected); } G_STMT_END

static void
exec (PairingsStore *store,
      const char    *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_pairings_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Words -------------------------------------------------------------------------- */

static void
test_words (void)
{
  PairingsAgreementStatus status = 0;
  PairingsMeetingMode mode = PAIRINGS_MEETING_VIRTUAL;
  PairingsGoalStatus goal = 0;
  PairingsCheckInStatus check_in = 0;
  PairingsReporter reporter = 0;
  PairingsOutcome outcome = 0;
  struct { int days; const char *label; } frequencies[] = {
    { 0, "not agreed" }, { -3, "not agreed" }, { 1, "daily" }, { 7, "weekly" }, { 14, "every 2 weeks" },
    { 21, "every 3 weeks" }, { 28, "every 4 weeks" }, { 30, "monthly" }, { 31, "monthly" },
    { 10, "every 10 days" }, { 45, "every 45 days" },
  };

  for (int i = 0; i < PAIRINGS_N_AGREEMENT_STATUSES; i++)
    {
      g_assert_true (pairings_agreement_status_from_string (pairings_agreement_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_cmpstr (pairings_agreement_status_to_string (PAIRINGS_AGREEMENT_SIGNED_MENTEE), ==, "signed_mentee");
  g_assert_cmpstr (pairings_agreement_status_get_label (PAIRINGS_AGREEMENT_SIGNED), ==, "Signed by both");
  g_assert_cmpstr (pairings_agreement_status_get_label (PAIRINGS_AGREEMENT_NOT_SENT), ==, "Not sent");
  g_assert_false (pairings_agreement_status_from_string ("Signed", &status));
  g_assert_false (pairings_agreement_status_from_string (NULL, &status));

  for (int i = 0; i < PAIRINGS_N_MEETING_MODES; i++)
    {
      g_assert_true (pairings_meeting_mode_from_string (pairings_meeting_mode_to_string (i), &mode));
      g_assert_cmpint (mode, ==, i);
    }
  g_assert_null (pairings_meeting_mode_to_string (PAIRINGS_MEETING_UNSET));
  g_assert_cmpstr (pairings_meeting_mode_to_string (PAIRINGS_MEETING_IN_PERSON), ==, "in_person");
  g_assert_cmpstr (pairings_meeting_mode_get_label (PAIRINGS_MEETING_MIXED), ==, "Mixed");
  g_assert_false (pairings_meeting_mode_from_string ("", &mode));
  g_assert_false (pairings_meeting_mode_from_string ("zoom", &mode));

  for (int i = 0; i < PAIRINGS_N_GOAL_STATUSES; i++)
    {
      g_assert_true (pairings_goal_status_from_string (pairings_goal_status_to_string (i), &goal));
      g_assert_cmpint (goal, ==, i);
    }
  g_assert_cmpstr (pairings_goal_status_get_label (PAIRINGS_GOAL_IN_PROGRESS), ==, "In progress");
  g_assert_false (pairings_goal_status_from_string ("done", &goal));

  for (int i = 0; i < PAIRINGS_N_CHECK_IN_STATUSES; i++)
    {
      g_assert_true (pairings_check_in_status_from_string (pairings_check_in_status_to_string (i), &check_in));
      g_assert_cmpint (check_in, ==, i);
    }
  g_assert_cmpstr (pairings_check_in_status_get_label (PAIRINGS_CHECK_IN_NO_CONTACT), ==, "No contact");
  g_assert_false (pairings_check_in_status_from_string ("fine", &check_in));

  for (int i = 0; i < PAIRINGS_N_REPORTERS; i++)
    {
      g_assert_true (pairings_reporter_from_string (pairings_reporter_to_string (i), &reporter));
      g_assert_cmpint (reporter, ==, i);
    }
  g_assert_cmpstr (pairings_reporter_get_label (PAIRINGS_REPORTER_COMMITTEE), ==, "Committee");
  g_assert_false (pairings_reporter_from_string ("board", &reporter));

  for (int i = 0; i < PAIRINGS_N_OUTCOMES; i++)
    {
      g_assert_true (pairings_outcome_from_string (pairings_outcome_to_string (i), &outcome));
      g_assert_cmpint (outcome, ==, i);
    }
  g_assert_cmpstr (pairings_outcome_to_string (PAIRINGS_OUTCOME_ENDED_EARLY), ==, "ended_early");
  g_assert_cmpstr (pairings_outcome_get_label (PAIRINGS_OUTCOME_CONTINUES), ==, "Continues next cohort");
  g_assert_false (pairings_outcome_from_string ("over", &outcome));

  for (guint i = 0; i < G_N_ELEMENTS (frequencies); i++)
    {
      g_autofree char *label = pairings_frequency_get_label (frequencies[i].days);
      g_assert_cmpstr (label, ==, frequencies[i].label);
    }
}

static void
test_valid_date (void)
{
  const char *good[] = { "2024-02-29", "2023-02-28", "2025-12-31", "2000-02-29", "0001-01-01" };
  const char *bad[] = {
    "2023-02-29", "1900-02-29", "2024-2-1", "2024-13-01", "2024-04-31", "2024-00-10", "2024-01-00",
    "0000-01-01", "", "2024-02-29x", "2024/02/29", "24-02-29", "２024-01-01", "2024-01-1 ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (pairings_date_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (pairings_date_is_valid (bad[i]));
  g_assert_false (pairings_date_is_valid (NULL));
}

/* The rules --------------------------------------------------------------------- */

static void
assess (PairingsFollowUp *f,
        const char       *today,
        const char       *expected_due,
        gboolean          overdue,
        gboolean          at_risk)
{
  pairings_followup_assess (f, "2024-03-15", "2024-04-11", "2024-12-13", NULL, today);
  g_assert_cmpstr (f->due, ==, expected_due);
  g_assert_cmpint (f->overdue, ==, overdue);
  g_assert_cmpint (f->at_risk, ==, at_risk);
}

static void
test_rules (void)
{
  PairingsFollowUp f = { 0, };
  PairingsFollowUpSettings settings;

  f.agreement.status = PAIRINGS_AGREEMENT_SIGNED;

  /* No agreed frequency: nothing is due, never overdue. */
  assess (&f, "2024-11-30", NULL, FALSE, FALSE);

  /* 14 days + 7 of grace from the last check-in, across 29 February. */
  f.agreement.frequency_days = 14;
  f.last_check_in = g_strdup ("2024-02-15");
  assess (&f, "2024-03-06", "2024-03-07", FALSE, FALSE);
  assess (&f, "2024-03-07", "2024-03-07", FALSE, FALSE);
  assess (&f, "2024-03-08", "2024-03-07", TRUE, FALSE);
  g_free (f.last_check_in);
  f.last_check_in = g_strdup ("2023-02-15");
  assess (&f, "2023-03-08", "2023-03-08", FALSE, FALSE);
  assess (&f, "2023-03-09", "2023-03-08", TRUE, FALSE);
  /* Across a year's end. */
  g_free (f.last_check_in);
  f.last_check_in = g_strdup ("2023-12-20");
  assess (&f, "2024-01-10", "2024-01-10", FALSE, FALSE);
  assess (&f, "2024-01-11", "2024-01-10", TRUE, FALSE);

  /* The last check-in's news. */
  f.last_status = PAIRINGS_CHECK_IN_NEEDS_ATTENTION;
  assess (&f, "2024-01-01", "2024-01-10", FALSE, TRUE);
  f.last_status = PAIRINGS_CHECK_IN_NO_CONTACT;
  assess (&f, "2024-01-11", "2024-01-10", TRUE, TRUE);
  f.last_status = PAIRINGS_CHECK_IN_ON_TRACK;
  g_clear_pointer (&f.last_check_in, g_free);

  /* No check-in yet: from the kick-off (11 April), or the signing when it
   * is later, or without either from the announcement. */
  assess (&f, "2024-05-02", "2024-05-02", FALSE, FALSE);
  assess (&f, "2024-05-03", "2024-05-02", TRUE, FALSE);
  f.agreement.signed_on = g_strdup ("2024-04-20");
  assess (&f, "2024-05-11", "2024-05-11", FALSE, FALSE);
  g_free (f.agreement.signed_on);
  f.agreement.signed_on = g_strdup ("2024-04-01");
  assess (&f, "2024-05-02", "2024-05-02", FALSE, FALSE);
  pairings_followup_assess (&f, "2024-03-15", NULL, "2024-12-13", NULL, "2024-04-30");
  g_assert_cmpstr (f.due, ==, "2024-04-22");
  g_clear_pointer (&f.agreement.signed_on, g_free);
  pairings_followup_assess (&f, "2024-03-15", NULL, "2024-12-13", NULL, "2024-04-30");
  g_assert_cmpstr (f.due, ==, "2024-04-05");
  g_assert_true (f.overdue);
  pairings_followup_assess (&f, NULL, NULL, NULL, NULL, "2024-04-30");
  g_assert_null (f.due);
  g_assert_false (f.overdue);

  /* The cohort's end: on its day the rules hold, the day after nothing is
   * due any more, but the news of the last check-in still counts. */
  f.last_check_in = g_strdup ("2024-11-01");
  f.last_status = PAIRINGS_CHECK_IN_NEEDS_ATTENTION;
  assess (&f, "2024-12-13", "2024-11-22", TRUE, TRUE);
  assess (&f, "2024-12-14", NULL, FALSE, TRUE);

  /* An ended pair: nothing due, not at risk. */
  f.outcome = PAIRINGS_OUTCOME_ENDED_EARLY;
  assess (&f, "2024-11-30", NULL, FALSE, FALSE);
  f.outcome = PAIRINGS_OUTCOME_COMPLETED;
  assess (&f, "2024-11-30", NULL, FALSE, FALSE);
  f.outcome = PAIRINGS_OUTCOME_CONTINUES;
  assess (&f, "2024-11-30", NULL, FALSE, FALSE);
  f.outcome = PAIRINGS_OUTCOME_ACTIVE;
  f.last_status = PAIRINGS_CHECK_IN_ON_TRACK;

  /* Not signed by both 21 days after the announcement (15 March). */
  for (int s = PAIRINGS_AGREEMENT_NOT_SENT; s < PAIRINGS_AGREEMENT_SIGNED; s++)
    {
      f.agreement.status = s;
      assess (&f, "2024-04-04", "2024-11-22", FALSE, FALSE);
      assess (&f, "2024-04-05", "2024-11-22", FALSE, TRUE);
    }
  f.agreement.status = PAIRINGS_AGREEMENT_SIGNED;
  assess (&f, "2024-04-05", "2024-11-22", FALSE, FALSE);
  /* Across 29 February: 2024-02-10 + 21 days is 2 March. */
  f.agreement.status = PAIRINGS_AGREEMENT_SENT;
  pairings_followup_assess (&f, "2024-02-10", NULL, NULL, NULL, "2024-03-01");
  g_assert_false (f.at_risk);
  pairings_followup_assess (&f, "2024-02-10", NULL, NULL, NULL, "2024-03-02");
  g_assert_true (f.at_risk);
  /* No announcement date: no delay to count from. */
  pairings_followup_assess (&f, NULL, NULL, NULL, NULL, "2030-01-01");
  g_assert_false (f.at_risk);

  /* Other settings. */
  settings.grace_days = 0;
  settings.unsigned_days = 30;
  pairings_followup_assess (&f, "2024-03-15", "2024-04-11", "2024-12-13", &settings, "2024-04-13");
  g_assert_cmpstr (f.due, ==, "2024-11-15");
  g_assert_false (f.at_risk);
  pairings_followup_assess (&f, "2024-03-15", "2024-04-11", "2024-12-13", &settings, "2024-04-14");
  g_assert_true (f.at_risk);

  g_free (f.last_check_in);
  g_free (f.due);
}

/* Settings and cohort dates ----------------------------------------------------------- */

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsFollowUpSettings settings = { -5, -5 };
  PairingsFollowUpSettings saved = { 3, 30 };
  guint events = pairings_store_count_events (f->store);

  g_assert_true (pairings_followup_settings_load (f->store, f->cohort, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings.grace_days, ==, 7);
  g_assert_cmpint (settings.unsigned_days, ==, 21);

  g_assert_true (pairings_followup_settings_save (f->store, f->cohort, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  g_assert_true (pairings_followup_settings_load (f->store, f->cohort, &settings, &error));
  g_assert_cmpint (settings.grace_days, ==, 3);
  g_assert_cmpint (settings.unsigned_days, ==, 30);
  g_assert_cmpint (query_int (f->store, "SELECT json_extract(settings, '$.followup.unsigned_days') FROM cohorts"), ==, 30);

  /* The matcher's settings beside them stay. */
  exec (f->store, "UPDATE cohorts SET settings = json_set(settings, '$.matcher.threshold', 2)");
  saved.grace_days = 0;
  saved.unsigned_days = 365;
  g_assert_true (pairings_followup_settings_save (f->store, f->cohort, &saved, &error));
  g_assert_cmpint (query_int (f->store, "SELECT json_extract(settings, '$.matcher.threshold') FROM cohorts"), ==, 2);

  saved.grace_days = -1;
  assert_refused (f, pairings_followup_settings_save (f->store, f->cohort, &saved, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "grace");
  saved.grace_days = 366;
  assert_refused (f, pairings_followup_settings_save (f->store, f->cohort, &saved, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "366");
  saved.grace_days = 7;
  saved.unsigned_days = -21;
  assert_refused (f, pairings_followup_settings_save (f->store, f->cohort, &saved, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "sign");
  saved.unsigned_days = 21;
  assert_refused (f, pairings_followup_settings_save (f->store, 4242, &saved, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_false (pairings_followup_settings_load (f->store, 4242, &settings, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (settings.grace_days, ==, 7);
  g_clear_error (&error);

  /* A value out of range edited by hand is read as the nearest one. */
  exec (f->store, "UPDATE cohorts SET settings = json_set(settings, '$.followup.grace_days', -4,"
                  " '$.followup.unsigned_days', 'soon')");
  g_assert_true (pairings_followup_settings_load (f->store, f->cohort, &settings, &error));
  g_assert_cmpint (settings.grace_days, ==, 0);
  g_assert_cmpint (settings.unsigned_days, ==, 21);
}

static void
test_cohort_dates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  PairingsCohortDates dates = { "2024-01-10", NULL, "2024-02-29", "2024-03-01", "2024-12-31" };
  guint events = pairings_store_count_events (f->store);

  g_assert_true (pairings_followup_set_cohort_dates (f->store, f->cohort, &dates, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'update' AND entity = 'cohort'"
                                        " AND json_extract(before, '$.kick_off') = '2024-04-11'"
                                        " AND json_extract(after, '$.kick_off') = '2024-03-01'"), ==, 1);
  cohort = pairings_store_get_cohort (f->store, f->cohort, &error);
  g_assert_cmpstr (pairings_cohort_get_call_opens (cohort), ==, "2024-01-10");
  g_assert_null (pairings_cohort_get_deadline (cohort));
  g_assert_cmpstr (pairings_cohort_get_announcement (cohort), ==, "2024-02-29");
  g_assert_cmpstr (pairings_cohort_get_ends (cohort), ==, "2024-12-31");
  g_assert_cmpint (pairings_cohort_get_pair_limit (cohort), ==, 12);

  g_assert_true (pairings_followup_set_cohort_dates (f->store, f->cohort, NULL, -1, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM cohorts WHERE pair_limit IS NULL AND call_opens IS NULL"
                                        " AND ends IS NULL"), ==, 1);
  g_assert_true (pairings_followup_set_cohort_dates (f->store, f->cohort, &dates_2024, 20, &error));

  dates.announcement = "2023-02-29";
  assert_refused (f, pairings_followup_set_cohort_dates (f->store, f->cohort, &dates, 12, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2023-02-29");
  dates.announcement = "2024-02-29";
  dates.ends = "2024-02-01";
  assert_refused (f, pairings_followup_set_cohort_dates (f->store, f->cohort, &dates, 12, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2024-02-01");
  dates.ends = NULL;
  assert_refused (f, pairings_followup_set_cohort_dates (f->store, f->cohort, &dates, -2, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "pair limit");
  assert_refused (f, pairings_followup_set_cohort_dates (f->store, 4242, &dates, 3, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
}

/* The agreement, goals and check-ins ------------------------------------------------------ */

static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsAgreement agreement = { 0, };
  PairingsAgreement bad;
  guint events;

  /* Nothing recorded yet: the defaults, strings never NULL. */
  g_assert_true (pairings_followup_get_agreement (f->store, f->p1, &agreement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (agreement.status, ==, PAIRINGS_AGREEMENT_NOT_SENT);
  g_assert_null (agreement.sent_on);
  g_assert_null (agreement.signed_on);
  g_assert_cmpint (agreement.frequency_days, ==, 0);
  g_assert_cmpint (agreement.mode, ==, PAIRINGS_MEETING_UNSET);
  g_assert_cmpstr (agreement.contact, ==, "");
  g_assert_cmpstr (agreement.expectations, ==, "");
  g_assert_false (agreement.confidentiality);
  pairings_agreement_clear (&agreement);

  events = pairings_store_count_events (f->store);
  agreement = (PairingsAgreement) {
    PAIRINGS_AGREEMENT_SIGNED, g_strdup ("2024-03-20"), g_strdup ("2024-02-29") , 14, PAIRINGS_MEETING_MIXED,
    g_strdup ("Mattermost"), g_strdup ("Honest feedback."), TRUE,
  };
  /* Signed before it was sent. */
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &agreement, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2024-02-29");
  g_free (agreement.signed_on);
  agreement.signed_on = g_strdup ("2024-04-02");
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  pairings_agreement_clear (&agreement);
  g_assert_true (pairings_followup_get_agreement (f->store, f->p1, &agreement, &error));
  g_assert_cmpint (agreement.status, ==, PAIRINGS_AGREEMENT_SIGNED);
  g_assert_cmpstr (agreement.sent_on, ==, "2024-03-20");
  g_assert_cmpstr (agreement.signed_on, ==, "2024-04-02");
  g_assert_cmpint (agreement.frequency_days, ==, 14);
  g_assert_cmpint (agreement.mode, ==, PAIRINGS_MEETING_MIXED);
  g_assert_cmpstr (agreement.contact, ==, "Mattermost");
  g_assert_cmpstr (agreement.expectations, ==, "Honest feedback.");
  g_assert_true (agreement.confidentiality);

  /* Written again: the one row changes; empty dates and frequency unset. */
  g_clear_pointer (&agreement.sent_on, g_free);
  agreement.signed_on[0] = '\0';
  agreement.status = PAIRINGS_AGREEMENT_SIGNED_MENTOR;
  agreement.frequency_days = 0;
  agreement.mode = PAIRINGS_MEETING_UNSET;
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM agreements WHERE status = 'signed_mentor'"
                                        " AND sent_on IS NULL AND signed_on IS NULL AND frequency_days IS NULL"
                                        " AND mode IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM agreements"), ==, 1);
  pairings_agreement_clear (&agreement);

  /* Bad input, each naming what is wrong; nothing changes. */
  bad = (PairingsAgreement) { PAIRINGS_AGREEMENT_SENT, (char *) "2023-02-29", NULL, 14, PAIRINGS_MEETING_VIRTUAL,
                              (char *) "", (char *) "", FALSE };
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2023-02-29");
  bad.sent_on = (char *) "2024-3-1";
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "sent");
  bad.sent_on = NULL;
  bad.signed_on = (char *) "2024-04-31";
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "signed");
  bad.signed_on = NULL;
  bad.status = PAIRINGS_N_AGREEMENT_STATUSES;
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "status");
  bad.status = PAIRINGS_AGREEMENT_SENT;
  bad.mode = (PairingsMeetingMode) 9;
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "mode");
  bad.mode = PAIRINGS_MEETING_VIRTUAL;
  bad.frequency_days = -7;
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "frequency");
  bad.frequency_days = 400;
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "frequency");
  bad.frequency_days = 14;
  bad.contact = (char *) "\xff\xfe";
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p1, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "contact");
  bad.contact = (char *) "";
  /* Not announced, or no such pair. */
  assert_refused (f, pairings_followup_set_agreement (f->store, f->p3, &bad, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "announced");
  assert_refused (f, pairings_followup_set_agreement (f->store, 4242, &bad, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_false (pairings_followup_get_agreement (f->store, 4242, &agreement, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

static void
test_goals (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(PairingsFollowUp) followup = NULL;
  PairingsGoal *goal;
  gint64 g1, g2, g3;

  g1 = pairings_followup_add_goal (f->store, f->p1, "  Write a fellowship application  ", "2024-09-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g1, >, 0);
  g2 = pairings_followup_add_goal (f->store, f->p1, "Give a talk", NULL, &error);
  g3 = pairings_followup_add_goal (f->store, f->p1, "Meet the group leaders", "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pairings_followup_add_goal (f->store, f->p2, "Another pair's goal", "2024-02-29", &error), >, 0);
  g_assert_no_error (error);

  goals = pairings_followup_list_goals (f->store, f->p1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 3);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpint (goal->id, ==, g1);
  g_assert_cmpstr (goal->text, ==, "Write a fellowship application");
  g_assert_cmpstr (goal->target_date, ==, "2024-09-30");
  g_assert_cmpint (goal->status, ==, PAIRINGS_GOAL_OPEN);
  goal = g_ptr_array_index (goals, 1);
  g_assert_cmpint (goal->id, ==, g2);
  g_assert_null (goal->target_date);
  goal = g_ptr_array_index (goals, 2);
  g_assert_cmpint (goal->id, ==, g3);
  g_assert_null (goal->target_date);
  g_clear_pointer (&goals, g_ptr_array_unref);

  g_assert_true (pairings_followup_update_goal (f->store, g2, "Give a talk at the collaboration week", "2024-06-14",
                                                PAIRINGS_GOAL_REACHED, &error));
  g_assert_no_error (error);
  g_assert_true (pairings_followup_update_goal (f->store, g3, "Meet the group leaders", NULL,
                                                PAIRINGS_GOAL_DROPPED, &error));
  goals = pairings_followup_list_goals (f->store, f->p1, &error);
  goal = g_ptr_array_index (goals, 1);
  g_assert_cmpstr (goal->text, ==, "Give a talk at the collaboration week");
  g_assert_cmpstr (goal->target_date, ==, "2024-06-14");
  g_assert_cmpint (goal->status, ==, PAIRINGS_GOAL_REACHED);
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* Counted on the pair: dropped goals left out. */
  followup = pairings_followup_get (f->store, f->p1, "2024-06-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (followup->n_goals, ==, 2);
  g_assert_cmpuint (followup->n_goals_reached, ==, 1);

  /* Bad input. */
  assert_refused (f, pairings_followup_add_goal (f->store, f->p1, "   ", NULL, &err), PAIRINGS_STORE_ERROR_INVALID, "goal");
  assert_refused (f, pairings_followup_add_goal (f->store, f->p1, NULL, NULL, &err), PAIRINGS_STORE_ERROR_INVALID, "goal");
  assert_refused (f, pairings_followup_add_goal (f->store, f->p1, "Publish", "2023-02-29", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2023-02-29");
  assert_refused (f, pairings_followup_add_goal (f->store, f->p3, "Publish", NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "announced");
  assert_refused (f, pairings_followup_add_goal (f->store, 4242, "Publish", NULL, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
  assert_refused (f, pairings_followup_update_goal (f->store, g1, "", NULL, PAIRINGS_GOAL_OPEN, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "goal");
  assert_refused (f, pairings_followup_update_goal (f->store, g1, "Publish", "2024-09-31", PAIRINGS_GOAL_OPEN, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "target date");
  assert_refused (f, pairings_followup_update_goal (f->store, g1, "Publish", NULL, PAIRINGS_N_GOAL_STATUSES, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "status");
  assert_refused (f, pairings_followup_update_goal (f->store, 4242, "Publish", NULL, PAIRINGS_GOAL_OPEN, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, "goal");
  assert_refused (f, pairings_followup_remove_goal (f->store, 4242, &err), PAIRINGS_STORE_ERROR_NOT_FOUND, "goal");

  g_assert_true (pairings_followup_remove_goal (f->store, g1, &error));
  g_assert_no_error (error);
  goals = pairings_followup_list_goals (f->store, f->p1, &error);
  g_assert_cmpuint (goals->len, ==, 2);
  g_assert_cmpint (((PairingsGoal *) g_ptr_array_index (goals, 0))->id, ==, g2);
  g_clear_pointer (&goals, g_ptr_array_unref);
  /* A new goal goes last. */
  g1 = pairings_followup_add_goal (f->store, f->p1, "Apply for a permanent position", NULL, &error);
  goals = pairings_followup_list_goals (f->store, f->p1, &error);
  g_assert_cmpint (((PairingsGoal *) g_ptr_array_index (goals, 2))->id, ==, g1);

  g_assert_null (pairings_followup_list_goals (f->store, 4242, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

static void
test_check_ins (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(PairingsFollowUp) followup = NULL;
  PairingsCheckIn *check_in;
  gint64 c1, c2, c3;

  c1 = pairings_followup_add_check_in (f->store, f->p1, "2024-05-02", PAIRINGS_REPORTER_MENTEE,
                                       PAIRINGS_CHECK_IN_ON_TRACK, "First coffee.", "2024-05-02", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c1, >, 0);
  c2 = pairings_followup_add_check_in (f->store, f->p1, "2024-06-10", PAIRINGS_REPORTER_MENTOR,
                                       PAIRINGS_CHECK_IN_NEEDS_ATTENTION, NULL, "2024-06-11", &error);
  g_assert_no_error (error);
  /* Entered late: an earlier date after a later one. */
  c3 = pairings_followup_add_check_in (f->store, f->p1, "2024-05-20", PAIRINGS_REPORTER_COMMITTEE,
                                       PAIRINGS_CHECK_IN_ON_TRACK, "", "2024-06-11", &error);
  g_assert_no_error (error);

  check_ins = pairings_followup_list_check_ins (f->store, f->p1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check_ins->len, ==, 3);
  check_in = g_ptr_array_index (check_ins, 0);
  g_assert_cmpint (check_in->id, ==, c2);
  g_assert_cmpstr (check_in->date, ==, "2024-06-10");
  g_assert_cmpint (check_in->reporter, ==, PAIRINGS_REPORTER_MENTOR);
  g_assert_cmpint (check_in->status, ==, PAIRINGS_CHECK_IN_NEEDS_ATTENTION);
  g_assert_cmpstr (check_in->note, ==, "");
  g_assert_cmpint (((PairingsCheckIn *) g_ptr_array_index (check_ins, 1))->id, ==, c3);
  check_in = g_ptr_array_index (check_ins, 2);
  g_assert_cmpint (check_in->id, ==, c1);
  g_assert_cmpstr (check_in->note, ==, "First coffee.");
  g_assert_cmpint (check_in->reporter, ==, PAIRINGS_REPORTER_MENTEE);
  g_clear_pointer (&check_ins, g_ptr_array_unref);

  followup = pairings_followup_get (f->store, f->p1, "2024-06-11", &error);
  g_assert_cmpstr (followup->last_check_in, ==, "2024-06-10");
  g_assert_cmpint (followup->last_status, ==, PAIRINGS_CHECK_IN_NEEDS_ATTENTION);
  g_assert_true (followup->at_risk);
  g_clear_pointer (&followup, pairings_followup_free);

  /* Bad input. */
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2024-06-12", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2024-06-12");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2023-02-29", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "check-in date “2023-02-29”");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, NULL, PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "check-in date");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2024-06-01", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-31", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "Today");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2024-06-01", PAIRINGS_N_REPORTERS,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "reporter");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2024-06-01", PAIRINGS_REPORTER_MENTOR,
                                                     (PairingsCheckInStatus) -1, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "status");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p1, "2024-06-01", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, "\xc3", "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "note");
  assert_refused (f, pairings_followup_add_check_in (f->store, f->p3, "2024-06-01", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "announced");
  assert_refused (f, pairings_followup_add_check_in (f->store, 4242, "2024-06-01", PAIRINGS_REPORTER_MENTOR,
                                                     PAIRINGS_CHECK_IN_ON_TRACK, NULL, "2024-06-11", &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
  assert_refused (f, pairings_followup_remove_check_in (f->store, 4242, &err), PAIRINGS_STORE_ERROR_NOT_FOUND,
                  "check-in");

  g_assert_true (pairings_followup_remove_check_in (f->store, c2, &error));
  g_assert_no_error (error);
  followup = pairings_followup_get (f->store, f->p1, "2024-06-11", &error);
  g_assert_cmpstr (followup->last_check_in, ==, "2024-05-20");
  g_assert_cmpint (followup->last_status, ==, PAIRINGS_CHECK_IN_ON_TRACK);

  g_assert_null (pairings_followup_list_check_ins (f->store, 4242, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

/* Lists and counts ------------------------------------------------------------------ */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  PairingsAgreement agreement = { PAIRINGS_AGREEMENT_SIGNED, (char *) "2024-03-20", (char *) "2024-03-25", 30,
                                  PAIRINGS_MEETING_VIRTUAL, (char *) "", (char *) "", TRUE };
  PairingsFollowUp *row;
  gint64 gus, ida;

  /* Ben-Eve and Ada-Dan are announced; Ben-Fay is not. Ben pairs Gus too,
   * announced: Ada's first, then Ben's by mentee. */
  gus = add_application (f->store, f->cohort, "Gus", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  ida = pair (f->store, f->ben, gus);
  g_assert_true (pairings_board_move (f->store, &ida, 1, PAIRINGS_STAGE_ANNOUNCED, 0, &error));
  g_assert_no_error (error);

  list = pairings_followup_list (f->store, f->cohort, "2024-04-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpint (row->pair_id, ==, f->p1);
  g_assert_cmpint (row->mentor_application_id, ==, f->ada);
  g_assert_cmpint (row->mentee_application_id, ==, f->dan);
  g_assert_cmpstr (row->mentor_name, ==, "Ada");
  g_assert_cmpstr (row->mentor_email, ==, "Ada@lab.example");
  g_assert_cmpstr (row->mentee_name, ==, "Dan");
  g_assert_cmpstr (row->mentee_email, ==, "Dan@lab.example");
  g_assert_cmpint (row->agreement.status, ==, PAIRINGS_AGREEMENT_NOT_SENT);
  g_assert_cmpstr (row->agreement.contact, ==, "");
  g_assert_null (row->last_check_in);
  g_assert_cmpint (row->outcome, ==, PAIRINGS_OUTCOME_ACTIVE);
  g_assert_cmpstr (row->end_reason, ==, "");
  g_assert_null (row->due);
  g_assert_false (row->at_risk);
  g_assert_cmpint (((PairingsFollowUp *) g_ptr_array_index (list, 1))->pair_id, ==, f->p2);
  g_assert_cmpint (((PairingsFollowUp *) g_ptr_array_index (list, 2))->pair_id, ==, ida);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* 21 days after the announcement (15 March) every unsigned agreement
   * is a risk; Ada-Dan's is signed, due 30 + 7 days after it. */
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-04-04", &error), ==, 0);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-04-05", &error), ==, 2);
  list = pairings_followup_list (f->store, f->cohort, "2024-04-05", &error);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpstr (row->due, ==, "2024-05-18");   /* kick-off 11 April + 37 */
  g_assert_false (row->at_risk);
  g_assert_true (((PairingsFollowUp *) g_ptr_array_index (list, 1))->at_risk);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-05-18", &error), ==, 2);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-05-19", &error), ==, 3);

  /* Ended pairs and the end of the cohort take them off the list. */
  g_assert_true (pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_COMPLETED, NULL, &error));
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-05-19", &error), ==, 2);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-12-14", &error), ==, 1);
  g_assert_no_error (error);

  /* The settings of the cohort apply. */
  {
    PairingsFollowUpSettings settings = { 0, 60 };

    g_assert_true (pairings_followup_settings_save (f->store, f->cohort, &settings, &error));
    g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-04-05", &error), ==, 0);
    g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, "2024-05-12", &error), ==, 1);
    list = pairings_followup_list (f->store, f->cohort, "2024-04-05", &error);
    g_assert_cmpstr (((PairingsFollowUp *) g_ptr_array_index (list, 0))->due, ==, "2024-05-11");
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* Bad input. */
  g_assert_null (pairings_followup_list (f->store, f->cohort, "2024-02-30", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (pairings_followup_count_attention (f->store, f->cohort, NULL, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pairings_followup_list (f->store, 4242, "2024-02-01", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pairings_followup_get (f->store, 4242, "2024-02-01", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pairings_followup_get (f->store, f->p1, "today", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
}

/* Ending and continuing ------------------------------------------------------------- */

static void
test_end (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsFollowUp) followup = NULL;

  g_assert_true (pairings_followup_end (f->store, f->p1, PAIRINGS_OUTCOME_COMPLETED, NULL, &error));
  g_assert_no_error (error);
  followup = pairings_followup_get (f->store, f->p1, "2024-12-01", &error);
  g_assert_cmpint (followup->outcome, ==, PAIRINGS_OUTCOME_COMPLETED);
  g_assert_cmpstr (followup->end_reason, ==, "");
  g_clear_pointer (&followup, pairings_followup_free);

  assert_refused (f, pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_ENDED_EARLY, "  ", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "reason");
  assert_refused (f, pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_ENDED_EARLY, NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "reason");
  assert_refused (f, pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_CONTINUES, NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "Continue");
  assert_refused (f, pairings_followup_end (f->store, f->p2, PAIRINGS_N_OUTCOMES, NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "outcome");
  assert_refused (f, pairings_followup_end (f->store, f->p3, PAIRINGS_OUTCOME_COMPLETED, NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "announced");
  assert_refused (f, pairings_followup_end (f->store, 4242, PAIRINGS_OUTCOME_COMPLETED, NULL, &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);

  g_assert_true (pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_ENDED_EARLY, " Moved to industry ", &error));
  g_assert_no_error (error);
  followup = pairings_followup_get (f->store, f->p2, "2024-12-01", &error);
  g_assert_cmpint (followup->outcome, ==, PAIRINGS_OUTCOME_ENDED_EARLY);
  g_assert_cmpstr (followup->end_reason, ==, "Moved to industry");
  g_clear_pointer (&followup, pairings_followup_free);

  /* Back to active: the reason goes. */
  g_assert_true (pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_ACTIVE, "ignored", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM pairs WHERE outcome = 'active' AND end_reason = ''"
                                        " AND stage = 'announced'"), ==, 1);
}

/* The pairs of the cohort, "mentor-mentee:stage:locked:continues_from". */
static char *
pairs_of (PairingsStore *store,
          gint64         cohort)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(x, ' ') FROM (SELECT m.name || '-' || e.name || ':'"
                                          " || p.stage || ':' || p.position || ':' || p.locked || ':'"
                                          " || coalesce(p.continues_from, '-') AS x"
                                          " FROM pairs p JOIN applications m ON m.id = p.mentor_application_id"
                                          " JOIN applications e ON e.id = p.mentee_application_id"
                                          " WHERE p.cohort_id = %" G_GINT64_FORMAT " ORDER BY p.stage, p.position)",
                                          cohort);
  char *text = query_text (store, sql);

  return text ? text : g_strdup ("");
}

static int
count (PairingsStore *store,
       const char    *format,
       ...) G_GNUC_PRINTF (2, 3);

static int
count (PairingsStore *store,
       const char    *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return query_int (store, sql);
}

static void
test_continue (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const PairingsCohortDates dates_2025 = { "2025-01-13", NULL, "2025-03-21", "2025-04-10", "2025-12-12" };
  const PairingsCohortDates dates_2026 = { "2026-01-12", NULL, NULL, NULL, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  gint64 next, later, ben_2025, ivy, ivy_pair, kai, gus, new_pair;

  /* Without a next cohort: refused, and told what to do. */
  assert_refused (f, pairings_followup_continue (f->store, f->p1, &err), PAIRINGS_STORE_ERROR_INVALID, "create");

  /* 2026 is created first; by the dates of the calls 2025 comes next. */
  later = add_cohort (f, "2026", &dates_2026);
  next = add_cohort (f, "2025", &dates_2025);
  kai = add_application (f->store, next, "Kai", PAIRINGS_ROLE_MENTOR, 2, TRUE);
  gus = add_application (f->store, next, "Gus", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  pair (f->store, kai, gus);
  exec (f->store, "UPDATE pairs SET stage = 'suggested' WHERE mentor_application_id IN"
                  " (SELECT id FROM applications WHERE name = 'Kai')");
  ben_2025 = add_application (f->store, next, "Ben", PAIRINGS_ROLE_MENTOR, 3, FALSE);
  /* Not announced: no continuing yet. */
  assert_refused (f, pairings_followup_continue (f->store, f->p3, &err), PAIRINGS_STORE_ERROR_INVALID, "announced");
  assert_refused (f, pairings_followup_continue (f->store, 4242, &err), PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);

  before = dump (f->store);
  new_pair = pairings_followup_continue (f->store, f->p1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_pair, >, 0);
  after = dump (f->store);
  text = pairs_of (f->store, next);
  {
    g_autofree char *expected = g_strdup_printf ("Kai-Gus:suggested:0:0:- Ada-Dan:suggested:1:1:%" G_GINT64_FORMAT,
                                                 f->p1);
    g_assert_cmpstr (text, ==, expected);
  }
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pairs WHERE cohort_id = %" G_GINT64_FORMAT, later), ==, 0);
  /* Both copied, accepted, the same people, the confidential answers left. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM applications a JOIN applications b ON b.person_id = a.person_id"
                                    " AND b.role = a.role AND b.cohort_id = %" G_GINT64_FORMAT
                                    " WHERE a.id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")"
                                    " AND b.status = 'accepted' AND b.name = a.name AND b.motivation = a.motivation"
                                    " AND b.mentoring_types = a.mentoring_types AND b.capacity = a.capacity",
                       next, f->ada, f->dan), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM confidential_answers c JOIN applications a"
                                    " ON a.id = c.application_id WHERE a.cohort_id = %" G_GINT64_FORMAT
                                    " AND a.name IN ('Ada', 'Dan')", next), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM pairs WHERE id = %" G_GINT64_FORMAT
                                    " AND outcome = 'continues'", f->p1), ==, 1);
  {
    PairingsBoard *board = pairings_board_load (f->store, next, &error);
    PairingsBoardPair *card = pairings_board_find_pair (board, new_pair);

    g_assert_nonnull (card);
    g_assert_true (card->pinned);
    g_assert_true (card->warnings & PAIRINGS_BOARD_WARN_CONTINUING);
    pairings_board_free (board);
  }

  /* Once is enough; and it cannot end while it continues there. */
  assert_refused (f, pairings_followup_continue (f->store, f->p1, &err), PAIRINGS_STORE_ERROR_INVALID, "2025");
  assert_refused (f, pairings_followup_end (f->store, f->p1, PAIRINGS_OUTCOME_COMPLETED, NULL, &err),
                  PAIRINGS_STORE_ERROR_INVALID, "2025");

  /* Undo deletes what it made, redo puts it back with the same ids. */
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
  assert_dump (f->store, before);
  g_assert_true (pairings_history_redo (f->store, &error));
  g_assert_no_error (error);
  assert_dump (f->store, after);
  {
    g_autoptr(PairingsStore) again = pairings_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (pairings_history_undo (again, &error));
    g_assert_no_error (error);
    assert_dump (f->store, before);
    g_assert_true (pairings_history_redo (again, &error));
    g_assert_no_error (error);
    assert_dump (f->store, after);
  }

  /* Ben applied to 2025 already: his application is used as it is. */
  new_pair = pairings_followup_continue (f->store, f->p2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT mentor_application_id FROM pairs WHERE id = %" G_GINT64_FORMAT, new_pair),
                   ==, ben_2025);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM applications WHERE id = %" G_GINT64_FORMAT
                                    " AND status = 'submitted' AND capacity = 3", ben_2025), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM applications WHERE cohort_id = %" G_GINT64_FORMAT
                                    " AND name = 'Ben'", next), ==, 1);
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
  assert_dump (f->store, after);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM applications WHERE id = %" G_GINT64_FORMAT, ben_2025), ==, 1);

  /* Eve has a mentor in 2025 already: refused, nothing copied. */
  ivy = add_application (f->store, next, "Ivy", PAIRINGS_ROLE_MENTOR, 1, TRUE);
  ivy_pair = add_application (f->store, next, "Eve", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  ivy_pair = pair (f->store, ivy, ivy_pair);
  g_assert_cmpint (ivy_pair, >, 0);
  assert_refused (f, pairings_followup_continue (f->store, f->p2, &err), PAIRINGS_STORE_ERROR_INVALID, "Eve");
  /* Set aside, she is free again. */
  g_assert_true (pairings_board_move (f->store, &ivy_pair, 1, PAIRINGS_STAGE_SET_ASIDE, -1, &error));
  new_pair = pairings_followup_continue (f->store, f->p2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_pair, >, 0);
}

static void
test_next_cohort_without_dates (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first, second, mentor, mentee, p, continued;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  first = add_cohort (f, "Spring", NULL);
  second = add_cohort (f, "Autumn", NULL);
  mentor = add_application (f->store, first, "Lea", PAIRINGS_ROLE_MENTOR, 1, TRUE);
  mentee = add_application (f->store, first, "Max", PAIRINGS_ROLE_MENTEE, 1, TRUE);
  p = pair (f->store, mentor, mentee);
  g_assert_true (pairings_board_move (f->store, &p, 1, PAIRINGS_STAGE_ANNOUNCED, -1, &error));
  continued = pairings_followup_continue (f->store, p, &error);
  g_assert_no_error (error);
  text = pairs_of (f->store, second);
  expected = g_strdup_printf ("Lea-Max:suggested:0:1:%" G_GINT64_FORMAT, p);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (continued, >, 0);

  /* The last cohort has no next one. */
  g_assert_true (pairings_board_move (f->store, &continued, 1, PAIRINGS_STAGE_ANNOUNCED, -1, &error));
  g_assert_cmpint (pairings_followup_continue (f->store, continued, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Autumn"));
}

/* History ---------------------------------------------------------------------------- */

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  PairingsAgreement agreement = { PAIRINGS_AGREEMENT_SENT, (char *) "2024-03-20", NULL, 14,
                                  PAIRINGS_MEETING_VIRTUAL, (char *) "Chat", (char *) "Be on time.", TRUE };
  g_autofree char *label = NULL;
  gint64 goal, check_in;
  guint events;

  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  g_ptr_array_add (states, dump (f->store));
  agreement.status = PAIRINGS_AGREEMENT_SIGNED;
  agreement.signed_on = (char *) "2024-03-29";
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  g_ptr_array_add (states, dump (f->store));
  goal = pairings_followup_add_goal (f->store, f->p1, "Publish", "2024-10-01", &error);
  pairings_followup_add_goal (f->store, f->p1, "Teach", NULL, &error);
  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_update_goal (f->store, goal, "Publish a paper", NULL, PAIRINGS_GOAL_REACHED, &error));
  g_ptr_array_add (states, dump (f->store));
  check_in = pairings_followup_add_check_in (f->store, f->p1, "2024-05-01", PAIRINGS_REPORTER_MENTEE,
                                             PAIRINGS_CHECK_IN_ON_TRACK, "Fine", "2024-05-01", &error);
  g_ptr_array_add (states, dump (f->store));
  pairings_followup_add_check_in (f->store, f->p1, "2024-06-01", PAIRINGS_REPORTER_COMMITTEE,
                                  PAIRINGS_CHECK_IN_NO_CONTACT, "", "2024-06-01", &error);
  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_remove_check_in (f->store, check_in, &error));
  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_remove_goal (f->store, goal, &error));
  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_end (f->store, f->p1, PAIRINGS_OUTCOME_ENDED_EARLY, "Left", &error));
  g_ptr_array_add (states, dump (f->store));
  g_assert_true (pairings_followup_end (f->store, f->p1, PAIRINGS_OUTCOME_ACTIVE, NULL, &error));
  g_ptr_array_add (states, dump (f->store));
  g_assert_no_error (error);
  events = pairings_store_count_events (f->store);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM events WHERE action = 'followup'"), ==, 11);

  g_assert_true (pairings_history_can_undo (f->store, &label));
  g_assert_cmpstr (label, ==, "Follow-up change undone");
  g_clear_pointer (&label, g_free);

  /* Back, each step, to the beginning. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      if (i == 3)   /* two goals in one step of this list: two events */
        g_assert_true (pairings_history_undo (f->store, &error));
      g_assert_true (pairings_history_undo (f->store, &error));
      g_assert_no_error (error);
      assert_dump (f->store, g_ptr_array_index (states, i - 1));
    }
  g_assert_true (pairings_history_can_redo (f->store, &label));
  g_assert_cmpstr (label, ==, "Follow-up change redone");

  /* Forward again, half here, half after a restart. */
  for (guint i = 1; i < 6; i++)
    {
      g_assert_true (pairings_history_redo (f->store, &error));
      if (i == 3)
        g_assert_true (pairings_history_redo (f->store, &error));
      g_assert_no_error (error);
      assert_dump (f->store, g_ptr_array_index (states, i));
    }
  g_clear_object (&f->store);
  f->store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_history_undo (f->store, &error));
  assert_dump (f->store, g_ptr_array_index (states, 4));
  for (guint i = 5; i < states->len; i++)
    {
      g_assert_true (pairings_history_redo (f->store, &error));
      g_assert_no_error (error);
      assert_dump (f->store, g_ptr_array_index (states, i));
    }
  g_assert_false (pairings_history_can_redo (f->store, NULL));
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events);

  /* A new change after an undo ends the redo chain. */
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_cmpint (pairings_followup_add_goal (f->store, f->p1, "Rest", NULL, &error), >, 0);
  g_assert_false (pairings_history_can_redo (f->store, NULL));
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { f->p1, f->p2 };
  gint64 missing[] = { f->p1, 4242 };
  g_autofree char *before = NULL;
  g_autofree char *state = NULL;
  guint events;

  pairings_followup_add_goal (f->store, f->p1, "Lead a meeting", "2024-06-01", &error);
  pairings_followup_add_check_in (f->store, f->p2, "2024-05-01", PAIRINGS_REPORTER_MENTOR,
                                  PAIRINGS_CHECK_IN_ON_TRACK, "Good \"start\"", "2024-05-01", &error);
  g_assert_no_error (error);

  state = _pairings_followup_snapshot (f->store, ids, 2, &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT json_array_length('%s', '$.pairs') || ':' ||"
                                            " json_extract('%s', '$.pairs[0].goals[0].text') || ':' ||"
                                            " json_extract('%s', '$.pairs[1].check_ins[0].note') || ':' ||"
                                            " json_type('%s', '$.pairs[1].agreement') || ':' ||"
                                            " json_extract('%s', '$.pairs[0].outcome')",
                                            state, state, state, state, state);
    g_autofree char *summary = query_text (f->store, sql);

    g_assert_cmpstr (summary, ==, "2:Lead a meeting:Good \"start\":null:active");
  }
  g_assert_null (_pairings_followup_snapshot (f->store, missing, 2, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What another module does with them: snapshot, change, log, undo. */
  before = dump (f->store);
  events = pairings_store_count_events (f->store);
  g_assert_true (_pairings_store_begin (f->store, &error));
  g_clear_pointer (&state, g_free);
  state = _pairings_followup_snapshot (f->store, ids, 2, &error);
  exec (f->store, "DELETE FROM goals; DELETE FROM check_ins;"
                  " INSERT INTO agreements (pair_id, status) SELECT id, 'sent' FROM pairs WHERE stage = 'announced'");
  g_assert_true (_pairings_followup_log (f->store, state, ids, 2, &error));
  g_assert_true (_pairings_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
  assert_dump (f->store, before);
}

/* Timeline ---------------------------------------------------------------------------- */

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PairingsAgreement agreement = { PAIRINGS_AGREEMENT_SIGNED, (char *) "2024-03-20", (char *) "2024-04-02", 14,
                                  PAIRINGS_MEETING_VIRTUAL, (char *) "", (char *) "", TRUE };
  gint64 goal;
  g_autofree char *sql = NULL;

  exec (f->store, "UPDATE pairs SET created_at = '2024-03-01T09:00:00Z'");
  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  pairings_followup_add_check_in (f->store, f->p1, "2024-05-10", PAIRINGS_REPORTER_MENTOR,
                                  PAIRINGS_CHECK_IN_NEEDS_ATTENTION, "", "2024-06-01", &error);
  pairings_followup_add_check_in (f->store, f->p1, "2024-04-25", PAIRINGS_REPORTER_MENTEE,
                                  PAIRINGS_CHECK_IN_ON_TRACK, "", "2024-06-01", &error);
  goal = pairings_followup_add_goal (f->store, f->p1, "Give a talk", "2024-05-10", &error);
  pairings_followup_update_goal (f->store, goal, "Give a talk", "2024-05-10", PAIRINGS_GOAL_REACHED, &error);
  goal = pairings_followup_add_goal (f->store, f->p1, "Not yet", "2024-06-01", &error);
  goal = pairings_followup_add_goal (f->store, f->p1, "Reached, no date", NULL, &error);
  pairings_followup_update_goal (f->store, goal, "Reached, no date", NULL, PAIRINGS_GOAL_REACHED, &error);
  g_assert_true (pairings_followup_end (f->store, f->p1, PAIRINGS_OUTCOME_COMPLETED, NULL, &error));
  g_assert_no_error (error);
  exec (f->store, "UPDATE pairs SET updated_at = '2024-12-13T10:00:00Z'");
  sql = g_strdup_printf ("INSERT INTO evaluations (cohort_id, application_id, pair_id, survey, question, rating,"
                         " submitted_at) VALUES"
                         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'end', 'q1', 5, '2024-12-13T11:00:00Z'),"
                         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'end', 'q2', 4, '2024-12-13T11:00:05Z'),"
                         " (%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'mid', 'q1', 4, '2024-08-01T08:00:00Z'),"
                         " (%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'end', 'q1', 4, NULL),"
                         " (%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", %5$" G_GINT64_FORMAT ", 'end', 'q1', 2, '2024-12-01T08:00:00Z')",
                         f->cohort, f->dan, f->ada, f->p1, f->p2);
  exec (f->store, sql);

  timeline = pairings_followup_timeline (f->store, f->p1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      PairingsTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_string_append_printf (text, "%s %s\n", entry->date, entry->text);
    }
  g_assert_cmpstr (text->str, ==,
                   "2024-03-01 Paired\n"
                   "2024-03-15 Pair announced\n"
                   "2024-03-20 Agreement sent\n"
                   "2024-04-02 Agreement signed by both\n"
                   "2024-04-25 Check-in: on track (mentee)\n"
                   "2024-05-10 Check-in: needs attention (mentor)\n"
                   "2024-05-10 Goal reached: Give a talk\n"
                   "2024-08-01 Mid-cycle survey answered by Ada\n"
                   "2024-12-13 Completed\n"
                   "2024-12-13 End-of-cycle survey answered by Dan\n");
  g_clear_pointer (&timeline, g_ptr_array_unref);

  /* Paired after its announcement (entered later): shown by it. Ended
   * early, with the reason; an agreement signed by one side. */
  exec (f->store, "UPDATE pairs SET created_at = '2025-01-01T09:00:00Z'");
  agreement.status = PAIRINGS_AGREEMENT_SIGNED_MENTEE;
  agreement.sent_on = NULL;
  g_assert_true (pairings_followup_set_agreement (f->store, f->p2, &agreement, &error));
  g_assert_true (pairings_followup_end (f->store, f->p2, PAIRINGS_OUTCOME_ENDED_EARLY, "Moved away", &error));
  exec (f->store, "UPDATE pairs SET updated_at = '2024-06-30T10:00:00Z'");
  timeline = pairings_followup_timeline (f->store, f->p2, &error);
  g_assert_no_error (error);
  g_string_truncate (text, 0);
  for (guint i = 0; i < timeline->len; i++)
    {
      PairingsTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_string_append_printf (text, "%s %s\n", entry->date, entry->text);
    }
  g_assert_cmpstr (text->str, ==,
                   "2024-03-15 Paired\n"
                   "2024-03-15 Pair announced\n"
                   "2024-04-02 Agreement signed by the mentee\n"
                   "2024-06-30 Ended early: Moved away\n"
                   "2024-12-01 End-of-cycle survey answered by Ada\n");

  g_assert_null (pairings_followup_timeline (f->store, 4242, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

/* The agreement text ------------------------------------------------------------------ */

static void
test_template (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsAgreement agreement = { PAIRINGS_AGREEMENT_SENT, (char *) "2024-03-20", NULL, 14,
                                  PAIRINGS_MEETING_IN_PERSON, (char *) "Office 4-R-012",
                                  (char *) "Prepare each meeting.", TRUE };
  const char *placeholders[] = {
    "{mentor}", "{mentee}", "{mentor_email}", "{mentee_email}", "{programme}", "{cohort}", "{frequency}",
    "{mode}", "{contact}", "{expectations}", "{start}", "{end}",
  };
  g_autofree char *text = NULL;
  g_autofree char *template = NULL;
  guint events;

  /* The built-in ones use every placeholder; French typography. */
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    {
      g_assert_nonnull (strstr (pairings_followup_default_template ("en"), placeholders[i]));
      g_assert_nonnull (strstr (pairings_followup_default_template ("fr"), placeholders[i]));
    }
  g_assert_nonnull (strstr (pairings_followup_default_template ("fr"), "Mentor\u00a0: {mentor}"));
  g_assert_null (strstr (pairings_followup_default_template ("fr"), " :"));
  g_assert_null (strstr (pairings_followup_default_template ("fr"), " ;"));
  g_assert_null (pairings_followup_default_template ("de"));
  g_assert_null (pairings_followup_default_template (NULL));

  /* Filled in from the pair; unset terms "to be agreed". */
  text = pairings_followup_agreement_text (f->store, f->p1, "en", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Mentor: Ada <Ada@lab.example>"));
  g_assert_nonnull (strstr (text, "Mentee: Dan <Dan@lab.example>"));
  g_assert_nonnull (strstr (text, "Mentoring, 2024"));
  g_assert_nonnull (strstr (text, "from 11 April 2024 to 13 December 2024"));
  g_assert_nonnull (strstr (text, "How often we meet: to be agreed"));
  g_assert_nonnull (strstr (text, "How we meet: to be agreed"));
  g_assert_null (strchr (text, '{'));
  g_clear_pointer (&text, g_free);

  g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
  text = pairings_followup_agreement_text (f->store, f->p1, "en", &error);
  g_assert_nonnull (strstr (text, "How often we meet: every two weeks"));
  g_assert_nonnull (strstr (text, "How we meet: in person"));
  g_assert_nonnull (strstr (text, "How we reach each other: Office 4-R-012"));
  g_assert_nonnull (strstr (text, "Prepare each meeting."));
  g_clear_pointer (&text, g_free);

  text = pairings_followup_agreement_text (f->store, f->p1, "fr", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "du 11 avril 2024 au 13 décembre 2024"));
  g_assert_nonnull (strstr (text, "Fréquence des rencontres\u00a0: toutes les deux semaines"));
  g_assert_nonnull (strstr (text, "Format des rencontres\u00a0: en personne"));
  g_clear_pointer (&text, g_free);
  text = pairings_followup_agreement_text (f->store, f->p2, "fr", &error);
  g_assert_nonnull (strstr (text, "Fréquence des rencontres\u00a0: à convenir"));
  g_assert_nonnull (strstr (text, "Comment nous joindre\u00a0: à convenir"));
  g_clear_pointer (&text, g_free);

  /* The first of the month in French; other frequencies. */
  {
    PairingsCohortDates dates = dates_2024;

    dates.kick_off = "2024-04-01";
    g_assert_true (pairings_followup_set_cohort_dates (f->store, f->cohort, &dates, -1, &error));
    agreement.frequency_days = 21;
    g_assert_true (pairings_followup_set_agreement (f->store, f->p1, &agreement, &error));
    text = pairings_followup_agreement_text (f->store, f->p1, "fr", &error);
    g_assert_nonnull (strstr (text, "du 1er avril 2024"));
    g_assert_nonnull (strstr (text, "toutes les 3 semaines"));
    g_clear_pointer (&text, g_free);
    text = pairings_followup_agreement_text (f->store, f->p1, "en", &error);
    g_assert_nonnull (strstr (text, "from 1 April 2024"));
    g_assert_nonnull (strstr (text, "every 3 weeks"));
    g_clear_pointer (&text, g_free);
  }

  /* The programme's own template; unknown names stay. */
  template = pairings_followup_get_template (f->store, f->programme, "en", &error);
  g_assert_cmpstr (template, ==, pairings_followup_default_template ("en"));
  g_clear_pointer (&template, g_free);
  events = pairings_store_count_events (f->store);
  g_assert_true (pairings_followup_set_template (f->store, f->programme, "en",
                                                 "{mentor} & {mentee} ({cohort}): {unknown} {mentor {end", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  template = pairings_followup_get_template (f->store, f->programme, "en", &error);
  g_assert_cmpstr (template, ==, "{mentor} & {mentee} ({cohort}): {unknown} {mentor {end");
  g_clear_pointer (&template, g_free);
  text = pairings_followup_agreement_text (f->store, f->p1, "en", &error);
  g_assert_cmpstr (text, ==, "Ada & Dan (2024): {unknown} {mentor {end");
  g_clear_pointer (&text, g_free);
  /* French is still the built-in one. */
  template = pairings_followup_get_template (f->store, f->programme, "fr", &error);
  g_assert_cmpstr (template, ==, pairings_followup_default_template ("fr"));
  g_clear_pointer (&template, g_free);
  g_assert_true (pairings_followup_set_template (f->store, f->programme, "fr", "Bonjour {mentee}", &error));
  text = pairings_followup_agreement_text (f->store, f->p1, "fr", &error);
  g_assert_cmpstr (text, ==, "Bonjour Dan");
  g_clear_pointer (&text, g_free);

  /* Back to the built-in one. */
  g_assert_true (pairings_followup_set_template (f->store, f->programme, "en", "", &error));
  template = pairings_followup_get_template (f->store, f->programme, "en", &error);
  g_assert_cmpstr (template, ==, pairings_followup_default_template ("en"));
  g_clear_pointer (&template, g_free);
  g_assert_true (pairings_followup_set_template (f->store, f->programme, "fr", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT json_extract(settings, '$.agreement_template.fr') IS NULL"
                                        " FROM programmes"), ==, 1);

  /* Bad input. */
  assert_refused (f, pairings_followup_set_template (f->store, f->programme, "de", "Hallo", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "de");
  assert_refused (f, pairings_followup_set_template (f->store, f->programme, "en", "\xff", &err),
                  PAIRINGS_STORE_ERROR_INVALID, "template");
  assert_refused (f, pairings_followup_set_template (f->store, 4242, "en", "Hi", &err),
                  PAIRINGS_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (pairings_followup_get_template (f->store, 4242, "en", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pairings_followup_get_template (f->store, f->programme, "es", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pairings_followup_agreement_text (f->store, 4242, "en", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pairings_followup_agreement_text (f->store, f->p1, "EN", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
}

/* The demo programme -------------------------------------------------------------------- */

/* The rules once more, in SQL, to check the C against. */
static const char attention_sql[] =
  "WITH f AS (SELECT p.id, c.announcement, c.kick_off, c.ends, a.status AS agreement, a.signed_on,"
  "   coalesce(a.frequency_days, 0) AS frequency,"
  "   (SELECT date FROM check_ins k WHERE k.pair_id = p.id ORDER BY date DESC, id DESC LIMIT 1) AS last_date,"
  "   (SELECT status FROM check_ins k WHERE k.pair_id = p.id ORDER BY date DESC, id DESC LIMIT 1) AS last_status"
  "   FROM pairs p JOIN cohorts c ON c.id = p.cohort_id LEFT JOIN agreements a ON a.pair_id = p.id"
  "   WHERE p.cohort_id = ?1 AND p.stage = 'announced' AND p.outcome = 'active'),"
  " g AS (SELECT *, coalesce(last_date, CASE WHEN kick_off IS NULL THEN signed_on WHEN signed_on IS NULL"
  "   THEN kick_off ELSE max(kick_off, signed_on) END, announcement) AS base FROM f)"
  " SELECT count(*) FROM g WHERE coalesce(last_status, 'on_track') <> 'on_track'"
  " OR (coalesce(agreement, 'not_sent') <> 'signed' AND ?2 >= date(announcement, '+21 days'))"
  " OR (frequency > 0 AND ?2 <= ends AND ?2 > date(base, '+' || (frequency + 7) || ' days'))";

static guint
attention_in_sql (PairingsStore *store,
                  gint64         cohort,
                  const char    *today)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), attention_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, cohort);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cohorts = NULL;
  const char *days[] = { "-04-20", "-06-15", "-09-01", "-12-01", "-12-31" };
  guint total = 0;

  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  cohorts = pairings_store_list_cohorts (f->store, &error);
  for (guint c = 0; c < g_list_model_get_n_items (cohorts); c++)
    {
      g_autoptr(PairingsCohort) cohort = g_list_model_get_item (cohorts, c);
      gint64 id = pairings_cohort_get_id (cohort);
      g_autofree char *today = g_strdup_printf ("%.4s-07-01", pairings_cohort_get_ends (cohort)
                                                              ? pairings_cohort_get_ends (cohort) : "2024");
      g_autoptr(GPtrArray) list = NULL;

      if (g_strcmp0 (pairings_cohort_get_programme_name (cohort), PAIRINGS_DEMO_PROGRAMME) != 0)
        continue;
      list = pairings_followup_list (f->store, id, today, &error);
      g_assert_no_error (error);
      g_assert_cmpint (list->len, ==, count (f->store, "SELECT count(*) FROM pairs WHERE cohort_id = %" G_GINT64_FORMAT
                                                       " AND stage = 'announced'", id));
      total += list->len;
      for (guint i = 0; i < list->len; i++)
        {
          PairingsFollowUp *row = g_ptr_array_index (list, i);
          g_autofree char *sql = g_strdup_printf ("SELECT max(date) FROM check_ins WHERE pair_id = %" G_GINT64_FORMAT,
                                                  row->pair_id);
          g_autofree char *last = query_text (f->store, sql);

          g_assert_cmpstr (row->last_check_in, ==, last);
          g_assert_cmpint (row->n_goals, ==, count (f->store, "SELECT count(*) FROM goals WHERE pair_id = %"
                                                              G_GINT64_FORMAT " AND status <> 'dropped'", row->pair_id));
          g_assert_cmpint (row->n_goals_reached, ==, count (f->store, "SELECT count(*) FROM goals WHERE pair_id = %"
                                                                      G_GINT64_FORMAT " AND status = 'reached'",
                                                            row->pair_id));
          g_assert_cmpint (row->agreement.frequency_days, ==,
                           count (f->store, "SELECT coalesce(frequency_days, 0) FROM pairs p LEFT JOIN agreements a"
                                            " ON a.pair_id = p.id WHERE p.id = %" G_GINT64_FORMAT, row->pair_id));
          if (i > 0)
            g_assert_cmpint (g_utf8_collate (((PairingsFollowUp *) g_ptr_array_index (list, i - 1))->mentor_name,
                                             row->mentor_name), <=, 0);
          if (i < 3)
            {
              g_autoptr(GPtrArray) timeline = pairings_followup_timeline (f->store, row->pair_id, &error);

              g_assert_no_error (error);
              for (guint t = 1; t < timeline->len; t++)
                g_assert_cmpstr (((PairingsTimelineEntry *) g_ptr_array_index (timeline, t - 1))->date, <=,
                                 ((PairingsTimelineEntry *) g_ptr_array_index (timeline, t))->date);
            }
        }

      /* The count of pairs needing attention, over the year. */
      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          g_autofree char *day = g_strdup_printf ("%.4s%s", today, days[d]);
          guint n = pairings_followup_count_attention (f->store, id, day, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (n, ==, attention_in_sql (f->store, id, day));
        }
    }
  g_assert_cmpuint (total, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  g_test_add_func ("/followup/words", test_words);
  g_test_add_func ("/followup/valid-date", test_valid_date);
  g_test_add_func ("/followup/rules", test_rules);
  ADD ("/followup/settings", test_settings);
  ADD ("/followup/cohort-dates", test_cohort_dates);
  ADD ("/followup/agreement", test_agreement);
  ADD ("/followup/goals", test_goals);
  ADD ("/followup/check-ins", test_check_ins);
  ADD ("/followup/list", test_list);
  ADD ("/followup/end", test_end);
  ADD ("/followup/continue", test_continue);
  ADD ("/followup/next-cohort-without-dates", test_next_cohort_without_dates);
  ADD ("/followup/history", test_history);
  ADD ("/followup/snapshot", test_snapshot);
  ADD ("/followup/timeline", test_timeline);
  ADD ("/followup/template", test_template);
  ADD ("/followup/demo", test_demo);

  return g_test_run ();
}

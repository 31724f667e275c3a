/* test-matcher.c: scores, hard rules, kept pairs, modes and the board
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-matcher.h"
#include "pairings-solver.h"
#include "pairings-test-utils.h"

typedef struct
{
  char           *dir;
  PairingsStore  *store;
  PairingsCohort *cohort;
  gint64          id;
} Fixture;

static gint64
add (Fixture             *f,
     const char          *name,
     PairingsRole         role,
     const char          *institution,
     PairingsCareerStage  stage,
     const char * const  *types,
     int                  capacity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.org", name);
  PairingsApplicationData data = {
    .name = name, .email = email, .role = role, .status = PAIRINGS_STATUS_ACCEPTED,
    .institution = institution, .experiment = "ATLAS", .career_stage = stage,
    .mentoring_types = types, .capacity = capacity, .timezone = "Europe/Zurich",
  };
  gint64 id = pairings_store_add_application (f->store, f->id, &data, &error);

  g_assert_no_error (error);
  return id;
}

static const char *career[] = { "Career advancement", NULL };
static const char *both[] = { "Career advancement", "A new connection", NULL };
static const char *connection[] = { "A new connection", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pairings-matcher-XXXXXX", &error);
  path = g_build_filename (f->dir, "m.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  f->cohort = pairings_store_add_cohort (f->store, pairings_store_add_programme (f->store, "P", NULL),
                                         "2025", NULL, -1, &error);
  g_assert_no_error (error);
  f->id = pairings_cohort_get_id (f->cohort);

  /* Three mentees, three mentors; Ana and Mia are both at CERN. */
  add (f, "ana", PAIRINGS_ROLE_MENTEE, "CERN", PAIRINGS_CAREER_GRADUATE, both, 1);
  add (f, "bo", PAIRINGS_ROLE_MENTEE, "DESY", PAIRINGS_CAREER_GRADUATE, career, 1);
  add (f, "cy", PAIRINGS_ROLE_MENTEE, "Fermilab", PAIRINGS_CAREER_POSTDOC, connection, 1);
  add (f, "mia", PAIRINGS_ROLE_MENTOR, "CERN", PAIRINGS_CAREER_SENIOR_FACULTY, both, 1);
  add (f, "noa", PAIRINGS_ROLE_MENTOR, "DESY", PAIRINGS_CAREER_POSTDOC, career, 2);
  add (f, "ola", PAIRINGS_ROLE_MENTOR, "Oxford", PAIRINGS_CAREER_GRADUATE, connection, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->cohort);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static PairingsSuggestion *
pair_of (PairingsMatchResult *result,
         const char          *mentee)
{
  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);
      if (g_str_equal (s->mentee_name, mentee))
        return s;
    }
  g_error ("%s is not paired", mentee);
}

static const char *
first_reason (PairingsMatchResult *result)
{
  g_assert_cmpuint (result->unmatched->len, >, 0);
  return ((PairingsUnmatched *) g_ptr_array_index (result->unmatched, 0))->reason;
}

static PairingsMatchResult *
run (Fixture                     *f,
     const PairingsMatchSettings *settings)
{
  g_autoptr(GError) error = NULL;
  PairingsMatchResult *result = pairings_matcher_run (f->store, f->id, settings, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (result->certificate);
  /* Every explanation adds up to its score. */
  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);
      int sum = 0;

      for (guint c = 0; c < s->contributions->len; c++)
        sum += g_array_index (s->contributions, PairingsContribution, c).points;
      g_assert_cmpint (sum, ==, s->score);
    }
  return result;
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) result = NULL;

  pairings_match_settings_init (&settings);
  result = run (f, &settings);

  /* Institutions differ: Ana (CERN) is not paired with Mia (CERN). */
  g_assert_cmpuint (result->pairs->len, ==, 3);
  g_assert_cmpstr (pair_of (result, "ana")->mentor_name, !=, "mia");
  g_assert_cmpstr (pair_of (result, "bo")->mentor_name, !=, "noa");
  g_clear_pointer (&result, pairings_match_result_free);

  /* Mentors must be more senior: Ola (graduate) can take nobody, Noa
   * (postdoc) only Ana (Bo is from DESY too), so Bo and Cy both need Mia,
   * who has one place. */
  settings.mentor_more_senior = TRUE;
  result = run (f, &settings);
  for (guint i = 0; i < result->pairs->len; i++)
    g_assert_cmpstr (((PairingsSuggestion *) g_ptr_array_index (result->pairs, i))->mentor_name, !=, "ola");
  g_assert_cmpstr (pair_of (result, "ana")->mentor_name, ==, "noa");
  g_assert_cmpuint (result->unmatched->len, ==, 1);
  g_assert_nonnull (strstr (first_reason (result), "went to other mentees"));
  g_clear_pointer (&result, pairings_match_result_free);

  /* Everyone at ATLAS: nobody can be paired across experiments. */
  settings.experiment_differ = TRUE;
  result = run (f, &settings);
  g_assert_cmpuint (result->pairs->len, ==, 0);
  g_assert_cmpuint (result->unmatched->len, ==, 3);
  g_assert_nonnull (strstr (first_reason (result), "same experiment"));
}

static void
test_exclusions_and_capacity_rule (Fixture       *f,
                                   gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pairings_match_settings_init (&settings);
  settings.institution = PAIRINGS_INSTITUTION_IGNORE;
  /* The committee never pairs Ana with Noa nor with Ola. */
  g_assert_true (_pairings_store_exec (f->store,
    "INSERT INTO exclusions (mentor_application_id, mentee_application_id, reason)"
    " SELECT o.id, e.id, 'conflict' FROM applications o, applications e"
    " WHERE o.name IN ('noa', 'ola') AND e.name = 'ana'", &error));
  result = run (f, &settings);
  g_assert_cmpstr (pair_of (result, "ana")->mentor_name, ==, "mia");
  g_clear_pointer (&result, pairings_match_result_free);

  /* Excluded from Mia too: no eligible mentor, and the reason says so. */
  g_assert_true (_pairings_store_exec (f->store,
    "INSERT INTO exclusions (mentor_application_id, mentee_application_id)"
    " SELECT o.id, e.id FROM applications o, applications e WHERE o.name = 'mia' AND e.name = 'ana'",
    &error));
  result = run (f, &settings);
  g_assert_nonnull (strstr (first_reason (result), "3 excluded by the committee"));
  g_clear_pointer (&result, pairings_match_result_free);

  /* With the rule off, exclusions are ignored. */
  settings.exclusions = FALSE;
  result = run (f, &settings);
  g_assert_cmpuint (result->unmatched->len, ==, 0);
  g_clear_pointer (&result, pairings_match_result_free);

  /* Without the capacity rule, one mentor may take everyone. */
  settings.capacity = FALSE;
  g_assert_true (_pairings_store_exec (f->store,
                                       "UPDATE applications SET status = 'declined' WHERE name IN ('noa', 'ola')",
                                       &error));
  result = run (f, &settings);
  g_assert_cmpuint (result->pairs->len, ==, 3);
  settings.capacity = TRUE;
  g_clear_pointer (&result, pairings_match_result_free);
  result = run (f, &settings);
  g_assert_cmpuint (result->pairs->len, ==, 1);
}

static void
test_exclude_api (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint events = pairings_store_count_events (f->store);

  g_assert_true (pairings_matcher_exclude (f->store, f->id, "ANA@example.org", "mia@example.org",
                                           "same research group", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM exclusions WHERE reason = 'same research group'"), ==, 1);
  /* Again: the reason is updated, not doubled. */
  g_assert_true (pairings_matcher_exclude (f->store, f->id, "ana@example.org", "mia@example.org",
                                           "conflict", FALSE, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM exclusions"), ==, 1);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 2);

  /* Wrong roles or strangers are refused and change nothing. */
  g_assert_false (pairings_matcher_exclude (f->store, f->id, "mia@example.org", "ana@example.org",
                                            NULL, FALSE, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pairings_matcher_exclude (f->store, f->id, "nobody@example.org", "mia@example.org",
                                            NULL, FALSE, &error));
  g_clear_error (&error);

  g_assert_true (pairings_matcher_exclude (f->store, f->id, "ana@example.org", "mia@example.org",
                                           NULL, TRUE, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM exclusions"), ==, 0);
  g_assert_false (pairings_matcher_exclude (f->store, f->id, "ana@example.org", "mia@example.org",
                                            NULL, TRUE, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

static void
test_capacity_and_limit (Fixture       *f,
                         gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pairings_match_settings_init (&settings);
  settings.institution = PAIRINGS_INSTITUTION_IGNORE;
  /* Only Noa remains, with two places, for three mentees. */
  g_assert_true (_pairings_store_exec (f->store,
                                       "UPDATE applications SET status = 'declined' WHERE name IN ('mia', 'ola')",
                                       &error));
  result = run (f, &settings);
  g_assert_cmpuint (result->pairs->len, ==, 2);
  g_assert_cmpuint (result->unmatched->len, ==, 1);
  g_assert_nonnull (strstr (first_reason (result), "went to other mentees"));
  g_clear_pointer (&result, pairings_match_result_free);

  /* A pair limit of one. */
  g_assert_true (_pairings_store_exec (f->store, "UPDATE cohorts SET pair_limit = 1", &error));
  result = run (f, &settings);
  g_assert_cmpuint (result->pairs->len, ==, 1);
  g_assert_nonnull (strstr (first_reason (result), "pair limit"));
}

static void
test_pinned_and_apply (Fixture       *f,
                       gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 event_id = 0;
  guint events;

  pairings_match_settings_init (&settings);
  /* The committee approved Cy with Noa, and left an old suggestion. */
  g_assert_true (_pairings_store_exec (f->store,
    "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage)"
    " SELECT 1, o.id, e.id, 'approved' FROM applications o, applications e WHERE o.name = 'noa' AND e.name = 'cy';"
    "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage)"
    " SELECT 1, o.id, e.id, 'suggested' FROM applications o, applications e WHERE o.name = 'ola' AND e.name = 'bo';",
    &error));

  result = run (f, &settings);
  g_assert_cmpuint (result->pinned, ==, 1);
  g_assert_true (pair_of (result, "cy")->pinned);
  g_assert_cmpstr (pair_of (result, "cy")->mentor_name, ==, "noa");
  g_assert_false (pair_of (result, "ana")->pinned);

  events = pairings_store_count_events (f->store);
  before = query_text (f->store, "SELECT group_concat(id || ':' || mentee_application_id || ':' ||"
                                 " mentor_application_id || ':' || stage, ';') FROM pairs ORDER BY id");
  g_assert_true (pairings_matcher_apply (f->store, f->id, result, &event_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  /* The approved pair stays; the suggestions are the new ones. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM pairs WHERE stage = 'approved'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM pairs WHERE stage = 'suggested'"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM pairs p JOIN applications e"
                                        " ON e.id = p.mentee_application_id WHERE e.name = 'cy'"), ==, 1);

  /* Taken back: the board is as it was, the old suggestion included. */
  g_assert_true (pairings_matcher_undo (f->store, event_id, &error));
  g_assert_no_error (error);
  after = query_text (f->store, "SELECT group_concat(id || ':' || mentee_application_id || ':' ||"
                                " mentor_application_id || ':' || stage, ';') FROM pairs ORDER BY id");
  g_assert_cmpstr (before, ==, after);
  g_assert_false (pairings_matcher_undo (f->store, event_id, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

/* Within a department: "prefer the same" turns institution and department
 * into points instead of a rule. */
static void
test_prefer_same (Fixture       *f,
                  gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PairingsSuggestion *ana;
  gboolean institution = FALSE, department = FALSE;

  g_assert_true (_pairings_store_exec (f->store,
    "UPDATE applications SET department = 'EP' WHERE name IN ('ana', 'mia');"
    "UPDATE applications SET institution = 'CERN', department = 'TH' WHERE name = 'noa'", &error));
  pairings_match_settings_init (&settings);
  settings.institution = PAIRINGS_INSTITUTION_PREFER_SAME;
  settings.weights[PAIRINGS_CRITERION_LOCATION] = 10;
  result = run (f, &settings);

  ana = pair_of (result, "ana");
  g_assert_cmpstr (ana->mentor_name, ==, "mia");
  for (guint c = 0; c < ana->contributions->len; c++)
    {
      const char *text = g_array_index (ana->contributions, PairingsContribution, c).text;
      institution |= strstr (text, "same institution") != NULL;
      department |= strstr (text, "same department") != NULL;
    }
  g_assert_true (institution);
  g_assert_true (department);
}

static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  PairingsMatchSettings settings;
  g_autoptr(PairingsMatchResult) plain = NULL;
  g_autoptr(PairingsMatchResult) fair = NULL;
  g_autoptr(PairingsMatchResult) strict = NULL;

  pairings_match_settings_init (&settings);
  settings.institution = PAIRINGS_INSTITUTION_IGNORE;
  plain = run (f, &settings);

  settings.mode = PAIRINGS_MODE_FAIRNESS;
  fair = run (f, &settings);
  g_assert_cmpuint (fair->pairs->len, ==, plain->pairs->len);
  g_assert_cmpint (fair->minimum, >=, plain->minimum);
  g_assert_cmpint (fair->total, <=, plain->total);

  /* Threshold: no pair below τ, even if fewer mentees are paired. */
  settings.mode = PAIRINGS_MODE_THRESHOLD;
  settings.threshold = plain->median + 1;
  strict = run (f, &settings);
  for (guint i = 0; i < strict->pairs->len; i++)
    g_assert_cmpint (((PairingsSuggestion *) g_ptr_array_index (strict->pairs, i))->score, >=, settings.threshold);
  g_assert_cmpuint (strict->pairs->len, <, plain->pairs->len);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  PairingsMatchSettings settings, loaded;
  g_autoptr(GError) error = NULL;

  pairings_match_settings_init (&settings);
  settings.weights[PAIRINGS_CRITERION_LANGUAGE] = 9;
  settings.institution = PAIRINGS_INSTITUTION_PREFER_SAME;
  settings.mode = PAIRINGS_MODE_THRESHOLD;
  settings.threshold = 12;
  settings.mentor_more_senior = TRUE;
  g_assert_true (pairings_match_settings_save (f->store, f->id, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (pairings_match_settings_load (f->store, f->id, &loaded, &error));
  g_assert_cmpmem (&settings, sizeof settings, &loaded, sizeof loaded);

  settings.weights[PAIRINGS_CRITERION_TYPES] = 11;
  g_assert_false (pairings_match_settings_save (f->store, f->id, &settings, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
}

/* The demo's 2025 cohort: the matrix the matcher writes, solved alone,
 * gives the matcher's own total; the same board every time. */
static void
test_demo_consistency (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsMatchResult) a = NULL;
  g_autoptr(PairingsMatchResult) b = NULL;
  g_autofree char *matrix = g_build_filename (f->dir, "scores.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (matrix);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(PairingsSolver) solver = NULL;
  g_autoptr(PairingsSolution) solution = NULL;
  gint64 scale;

  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  cohort = pairings_store_find_cohort (f->store, "2025", &error);
  /* Two programmes have a "2025": take the demo's by id. */
  g_clear_error (&error);
  g_clear_object (&cohort);
  {
    g_autoptr(GListModel) cohorts = pairings_store_list_cohorts (f->store, &error);
    for (guint i = 0; i < g_list_model_get_n_items (cohorts); i++)
      {
        g_autoptr(PairingsCohort) c = g_list_model_get_item (cohorts, i);
        if (g_str_equal (pairings_cohort_get_name (c), "2025") &&
            g_str_equal (pairings_cohort_get_programme_name (c), PAIRINGS_DEMO_PROGRAMME))
          cohort = g_object_ref (c);
      }
  }
  g_assert_nonnull (cohort);
  g_assert_true (PAIRINGS_IS_COHORT (cohort));

  a = pairings_matcher_run (f->store, pairings_cohort_get_id (cohort), NULL, NULL, &error);
  g_assert_no_error (error);
  b = pairings_matcher_run (f->store, pairings_cohort_get_id (cohort), NULL, NULL, &error);
  g_assert_cmpuint (a->pairs->len, ==, b->pairs->len);
  for (guint i = 0; i < a->pairs->len; i++)
    {
      PairingsSuggestion *x = g_ptr_array_index (a->pairs, i);
      PairingsSuggestion *y = g_ptr_array_index (b->pairs, i);
      g_assert_cmpint (x->mentee_id, ==, y->mentee_id);
      g_assert_cmpint (x->mentor_id, ==, y->mentor_id);
    }

  g_assert_true (pairings_matcher_dump_scores (f->store, pairings_cohort_get_id (cohort), NULL, matrix, &error));
  g_assert_no_error (error);
  stream = g_file_read (file, NULL, &error);
  solver = pairings_solver_new_from_csv (G_INPUT_STREAM (stream), "scores.csv", &scale, &error);
  g_assert_no_error (error);
  solution = pairings_solver_solve (solver, NULL, &error);
  g_assert_cmpint (solution->total * 1, ==, a->total * scale);

  /* The JSON names the pairs and sums up. */
  {
    g_autofree char *json = pairings_match_result_to_json (a);
    g_assert_true (g_str_has_prefix (json, "{\"total\":"));
    g_assert_nonnull (strstr (json, "\"contributions\":[{\"criterion\":"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/matcher/rules", test_rules);
  ADD ("/matcher/exclusions-and-capacity-rule", test_exclusions_and_capacity_rule);
  ADD ("/matcher/exclude-api", test_exclude_api);
  ADD ("/matcher/capacity-and-limit", test_capacity_and_limit);
  ADD ("/matcher/pinned-and-apply", test_pinned_and_apply);
  ADD ("/matcher/prefer-same", test_prefer_same);
  ADD ("/matcher/modes", test_modes);
  ADD ("/matcher/settings", test_settings);
  ADD ("/matcher/demo-consistency", test_demo_consistency);

  return g_test_run ();
}

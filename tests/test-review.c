/* test-review.c: scores, recusals, decisions, and the history
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pairings-application.h"
#include "pairings-application-list.h"
#include "pairings-cohort.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

typedef struct
{
  char          *dir;
  PairingsStore *store;
  gint64         ana, bo;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  PairingsApplicationData ana = { .name = "Ana", .email = "ana@example.org", .capacity = 1 };
  PairingsApplicationData bo = { .name = "Bo", .email = "bo@example.org", .capacity = 1 };

  f->dir = g_dir_make_tmp ("pairings-review-XXXXXX", &error);
  path = g_build_filename (f->dir, "r.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (f->store, pairings_store_add_programme (f->store, "P", NULL),
                                      "2025", NULL, -1, &error);
  f->ana = pairings_store_add_application (f->store, pairings_cohort_get_id (cohort), &ana, &error);
  f->bo = pairings_store_add_application (f->store, pairings_cohort_get_id (cohort), &bo, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_scores_and_recusal (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  double mean, spread;
  guint count;

  g_assert_true (pairings_review_set (f->store, f->ana, "Kim", 5, "Clear goals", &error));
  g_assert_true (pairings_review_set (f->store, f->ana, "Lou", 3, "", &error));
  g_assert_true (pairings_review_set (f->store, f->ana, "Max", 1, "Same lab as me", &error));
  g_assert_no_error (error);
  g_assert_true (pairings_review_summary (f->store, f->ana, &mean, &spread, &count));
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpfloat_with_epsilon (mean, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (spread, 1.632993, 1e-5);

  /* Max steps aside: his score no longer counts. */
  g_assert_true (pairings_review_recuse (f->store, f->ana, "Max", TRUE, &error));
  g_assert_true (pairings_review_summary (f->store, f->ana, &mean, &spread, &count));
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpfloat_with_epsilon (mean, 4.0, 1e-9);
  reviews = pairings_review_list (f->store, f->ana, &error);
  g_assert_cmpuint (reviews->len, ==, 3);
  g_assert_true (((PairingsReview *) g_ptr_array_index (reviews, 2))->recused);
  g_assert_cmpstr (((PairingsReview *) g_ptr_array_index (reviews, 2))->note, ==, "Same lab as me");

  /* The list model agrees. */
  {
    g_autoptr(GListModel) apps = pairings_store_list_applications (f->store, 1, &error);
    g_autoptr(PairingsApplication) a = g_list_model_get_item (apps, 0);
    g_assert_cmpfloat_with_epsilon (pairings_application_get_review_mean (a), 4.0, 1e-9);
    g_assert_cmpuint (pairings_application_get_review_count (a), ==, 2);
  }

  /* Nobody reviewed Bo. */
  g_assert_false (pairings_review_summary (f->store, f->bo, &mean, &spread, &count));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint events = pairings_store_count_events (f->store);

  g_assert_false (pairings_review_set (f->store, f->ana, "Kim", 6, NULL, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pairings_review_set (f->store, f->ana, "", 3, NULL, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pairings_review_set (f->store, 999, "Kim", 3, NULL, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pairings_review_set (f->store, f->ana, "Kim", 3, "\xff", &error));
  g_clear_error (&error);
  {
    gint64 ids[] = { f->ana, 999 };
    g_assert_false (pairings_review_set_status (f->store, ids, 2, PAIRINGS_STATUS_ACCEPTED, &error));
    g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM reviews"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM applications WHERE status = 'accepted'"), ==, 0);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events);
}

static char *
state (Fixture *f)
{
  return query_text (f->store, "SELECT (SELECT group_concat(status, ',') FROM applications) || '|' ||"
                               " coalesce((SELECT group_concat(reviewer || ':' || coalesce(score, '-') || ':' || recused, ',')"
                               " FROM reviews), '')");
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 both[] = { f->ana, f->bo };
  g_autofree char *s0 = NULL, *s1 = NULL, *s2 = NULL, *s3 = NULL;
  g_autofree char *label = NULL;

  g_assert_false (pairings_history_can_undo (f->store, NULL));
  s0 = state (f);
  g_assert_true (pairings_review_set (f->store, f->ana, "Kim", 4, "ok", &error));
  s1 = state (f);
  g_assert_true (pairings_review_set_status (f->store, both, 2, PAIRINGS_STATUS_ACCEPTED, &error));
  s2 = state (f);
  g_assert_true (pairings_review_set_status (f->store, both, 1, PAIRINGS_STATUS_DECLINED, &error));
  s3 = state (f);
  g_assert_no_error (error);
  g_assert_cmpstr (s2, ==, "accepted,accepted|Kim:4:0");
  g_assert_cmpstr (s3, ==, "declined,accepted|Kim:4:0");

  g_assert_true (pairings_history_can_undo (f->store, &label));
  g_assert_cmpstr (label, ==, "Decision undone");

  g_assert_true (pairings_history_undo (f->store, &error));
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s2);
  }
  g_assert_true (pairings_history_undo (f->store, &error));
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s1);
  }
  g_assert_true (pairings_history_undo (f->store, &error));
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s0);
  }
  g_assert_false (pairings_history_undo (f->store, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Redo in order, then a new change ends the redo chain. */
  g_assert_true (pairings_history_redo (f->store, &error));
  g_assert_true (pairings_history_redo (f->store, &error));
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s2);
  }
  g_assert_true (pairings_review_recuse (f->store, f->bo, "Kim", TRUE, &error));
  g_assert_false (pairings_history_can_redo (f->store, NULL));
  g_assert_true (pairings_history_undo (f->store, &error));
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s2);
  }

  /* A new store on the same file sees the same history: undo survives
   * a restart. */
  {
    g_autoptr(PairingsStore) again = pairings_store_open (pairings_store_get_path (f->store), &error);
    g_assert_true (pairings_history_undo (again, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *now = state (f);
    g_assert_cmpstr (now, ==, s1);
  }
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(PairingsCohort) earlier = NULL;
  PairingsApplicationData before = { .name = "Ana", .email = "ANA@example.org", .capacity = 1,
                                     .status = PAIRINGS_STATUS_ACCEPTED };
  gint64 old;

  g_assert_true (_pairings_store_exec (f->store,
    "UPDATE applications SET answers = '{\"Shoe size\":\"38\",\"Comments\":\"None\"}' WHERE name = 'Ana'",
    &error));
  extra = pairings_review_extra_answers (f->store, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extra->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (extra, 0), ==, "Shoe size");
  g_assert_cmpstr (g_ptr_array_index (extra, 1), ==, "38");

  /* Ana applied the year before too. */
  earlier = pairings_store_add_cohort (f->store, 1, "2024", NULL, -1, &error);
  g_assert_no_error (error);
  old = pairings_store_add_application (f->store, pairings_cohort_get_id (earlier), &before, &error);
  g_assert_cmpint (old, >, 0);
  history = pairings_review_history (f->store, f->ana, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (history, 0), "2024 · Mentee · Accepted"));

  g_assert_true (pairings_review_set (f->store, f->bo, "Kim", 2, NULL, &error));
  done = pairings_review_done_by (f->store, 1, "Kim");
  g_assert_cmpuint (g_hash_table_size (done), ==, 1);
  g_assert_true (g_hash_table_contains (done, &f->bo));
}

static void
test_text_search (void)
{
  const struct { const char *text; const char *needle; gboolean found; } cases[] = {
    { "CERN Geneva", "cern", TRUE },
    { "CERN Geneva", "geneva", TRUE },
    { "CERN Geneva", "n g", TRUE },
    { "CERN Geneva", "genevan", FALSE },
    { "CERN Geneva", "", TRUE },
    { "", "a", FALSE },
    { "aab", "ab", TRUE },              /* a partial match restarts */
    { "École Polytechnique", "école", TRUE },
    { "École Polytechnique", "poly", TRUE },
    { "Ecole", "école", FALSE },        /* accents count */
    { "Straße", "strasse", TRUE },      /* as g_utf8_casefold has it */
    { "Zoë", "zoe", FALSE },
    { "plain ascii", "\xc3\xa9", FALSE }, /* a needle outside ASCII */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *needle = g_utf8_casefold (cases[i].needle, -1);
      g_autofree char *text = pairings_search_fold (cases[i].text);

      g_test_message ("“%s” in “%s”", cases[i].needle, cases[i].text);
      g_assert_cmpint (strstr (text, needle) != NULL, ==, cases[i].found);
    }
  {
    g_autofree char *none = pairings_search_fold (NULL);
    g_assert_cmpstr (none, ==, "");
  }
}

/* The Applications page's search, through its list: name, e-mail,
 * institution and motivation, case aside, accents kept. */
static void
test_list_search (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = pairings_store_find_cohort (f->store, "2025", &error);
  g_autoptr(PairingsApplicationList) list = NULL;
  PairingsApplicationData emile = { .name = "Émile Zola", .email = "EMILE@example.org",
                                    .institution = "Université de Genève",
                                    .motivation = "Je veux apprendre.", .capacity = 1 };
  const struct { const char *search; const char *found; } cases[] = {
    { "ÉMILE", "Émile Zola" }, { "emile@", "Émile Zola" }, { "genève", "Émile Zola" },
    { "apprendre", "Émile Zola" }, { "geneve", NULL }, { "ana@example", "Ana" }, { "zz", NULL },
  };

  g_assert_no_error (error);
  pairings_store_add_application (f->store, pairings_cohort_get_id (cohort), &emile, &error);
  g_assert_no_error (error);
  list = pairings_application_list_new (f->store, pairings_cohort_get_id (cohort), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PairingsApplicationFilter filter = { -1, -1, -1, NULL, FALSE, NULL, cases[i].search };

      pairings_application_list_set_filter (list, &filter);
      if (cases[i].found == NULL)
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
      else
        {
          g_autoptr(PairingsApplication) app = g_list_model_get_item (G_LIST_MODEL (list), 0);

          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
          g_assert_cmpstr (pairings_application_get_name (app), ==, cases[i].found);
        }
    }
}

static void
test_confidential (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = pairings_store_find_cohort (f->store, "2025", &error);
  const char *groups[] = { "Allyship for minority identity groups, incl. LGBTQ+", "Say \"hi\"\\", "Été", NULL };
  PairingsApplicationData cy = { .name = "Cy", .email = "cy@example.org", .capacity = 1,
                                 .pronouns = "they/them", .identity_groups = groups };
  g_autofree char *pronouns = NULL, *none_pronouns = NULL;
  g_auto(GStrv) got = NULL, none = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = pairings_store_add_application (f->store, pairings_cohort_get_id (cohort), &cy, &error);
  g_assert_no_error (error);

  g_assert_true (pairings_store_get_confidential (f->store, id, &pronouns, &got, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pronouns, ==, "they/them");
  g_assert_true (g_strv_equal ((const char * const *) got, groups));

  /* Without confidential answers: empty, not NULL. */
  g_assert_true (pairings_store_get_confidential (f->store, f->ana, &none_pronouns, &none, &error));
  g_assert_cmpstr (none_pronouns, ==, "");
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/review/scores-and-recusal", test_scores_and_recusal);
  ADD ("/review/bad-input", test_bad_input);
  ADD ("/review/history", test_history);
  ADD ("/review/details", test_details);
  ADD ("/review/list-search", test_list_search);
  ADD ("/review/confidential", test_confidential);
  g_test_add_func ("/review/text-search", test_text_search);

  return g_test_run ();
}

/* applications-bench.c: what the Applications page does with a cohort,
 * timed from the model's side
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: applications-bench DATABASE COHORT
 *
 * Does with the cohort's PairingsApplicationList what the page does: load
 * it and show its first screen of rows, read the searchable text (the
 * page's idle work), type a search, sort by name (first
 * time and again), by institution, by score, jump to random places in the
 * list (a page of objects made each time), and change one application
 * (refresh). Prints one JSON line; every figure is the median of REPS runs
 * of that step, except the load and the first sort by name, measured once.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "pairings-application.h"
#include "pairings-application-list.h"
#include "pairings-cohort.h"
#include "pairings-store.h"

#define REPS 5

/* The rows a window shows at once, made as the view binds them. */
static void
show_screen (GListModel *list,
             guint       first)
{
  for (guint i = first; i < first + 40 && i < g_list_model_get_n_items (list); i++)
    g_object_unref (g_list_model_get_item (list, i));
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsApplicationList) list = NULL;
  PairingsApplicationFilter filter = { -1, -1, -1, NULL, FALSE, NULL, NULL };
  double search[REPS], search_clear[REPS], name_again[REPS], institution[REPS], score[REPS], jump[REPS],
         refresh[REPS];
  double load, prepare, name_first;
  guint total, found;
  gint64 t;
  struct rusage usage;

  if (argc != 3)
    return 1;
  store = pairings_store_open (argv[1], &error);
  if (store == NULL || (cohort = pairings_store_find_cohort (store, argv[2], &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  t = g_get_monotonic_time ();
  list = pairings_application_list_new (store, pairings_cohort_get_id (cohort), &error);
  if (list == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  show_screen (G_LIST_MODEL (list), 0);
  load = ms_since (t);
  total = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* What the page then does when idle, in slices of 4,000 rows: read the
   * text that searches look through. */
  t = g_get_monotonic_time ();
  while (!pairings_application_list_prepare_search (list, 4000))
    ;
  prepare = ms_since (t);

  t = g_get_monotonic_time ();
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_NAME, FALSE);
  show_screen (G_LIST_MODEL (list), 0);
  name_first = ms_since (t);

  for (guint r = 0; r < REPS; r++)
    {
      gint64 id;

      t = g_get_monotonic_time ();
      pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_NAME, r % 2 == 0);
      show_screen (G_LIST_MODEL (list), 0);
      name_again[r] = ms_since (t);

      t = g_get_monotonic_time ();
      pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_INSTITUTION, r % 2 == 0);
      show_screen (G_LIST_MODEL (list), 0);
      institution[r] = ms_since (t);

      t = g_get_monotonic_time ();
      pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_SCORE, r % 2 == 0);
      show_screen (G_LIST_MODEL (list), 0);
      score[r] = ms_since (t);

      /* Typing "cern" then clearing it. */
      t = g_get_monotonic_time ();
      filter.search = "cern";
      pairings_application_list_set_filter (list, &filter);
      show_screen (G_LIST_MODEL (list), 0);
      search[r] = ms_since (t);
      found = g_list_model_get_n_items (G_LIST_MODEL (list));

      t = g_get_monotonic_time ();
      filter.search = NULL;
      pairings_application_list_set_filter (list, &filter);
      show_screen (G_LIST_MODEL (list), 0);
      search_clear[r] = ms_since (t);

      /* A jump to a random place: one page of objects. */
      t = g_get_monotonic_time ();
      show_screen (G_LIST_MODEL (list), (guint) g_random_int_range (0, (gint32) MAX (total, 1)));
      jump[r] = ms_since (t);

      /* One application changed (a score, a decision): its row alone. */
      id = pairings_application_list_get_id (list, total / 2);
      t = g_get_monotonic_time ();
      pairings_application_list_refresh (list, &id, 1, NULL);
      refresh[r] = ms_since (t);
    }
  getrusage (RUSAGE_SELF, &usage);

  printf ("{\"applications\": %u, \"load_ms\": %.1f, \"idle_search_text_ms\": %.1f, \"search_ms\": %.1f, \"search_clear_ms\": %.1f,"
          " \"sort_name_first_ms\": %.1f, \"sort_name_ms\": %.1f, \"sort_institution_ms\": %.1f,"
          " \"sort_score_ms\": %.1f, \"jump_ms\": %.1f, \"refresh_ms\": %.2f, \"found\": %u,"
          " \"objects\": %u, \"peak_mb\": %.0f}\n",
          total, load, prepare, bench_median (search, REPS), bench_median (search_clear, REPS), name_first,
          bench_median (name_again, REPS), bench_median (institution, REPS), bench_median (score, REPS), bench_median (jump, REPS),
          bench_median (refresh, REPS), found, pairings_application_list_get_n_objects (list),
          usage.ru_maxrss / 1024.0);
  return 0;
}

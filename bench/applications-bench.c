/* applications-bench.c: what the Applications page does with a cohort,
 * timed from the model's side
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: applications-bench DATABASE COHORT
 *
 * Loads the cohort's applications as the page does, then filters them by
 * a search text and sorts them by name and by score, as the page's filter
 * and column sorters do. Prints one JSON line.
 */

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pairings-application.h"
#include "pairings-cohort.h"
#include "pairings-store.h"

/* As the page's column sorter: a collation key made once per application. */
static GQuark name_column;

static const char *
name_key (PairingsApplication *app)
{
  const char *key = pairings_application_get_sort_key (app, name_column);

  return key != NULL ? key : pairings_application_set_sort_key (app, name_column,
                                                                pairings_application_get_name (app));
}

static int
by_name (gconstpointer a,
         gconstpointer b)
{
  return strcmp (name_key (*(PairingsApplication **) a), name_key (*(PairingsApplication **) b));
}

static int
by_score (gconstpointer a,
          gconstpointer b)
{
  double x = pairings_application_get_review_mean (*(PairingsApplication **) a);
  double y = pairings_application_get_review_mean (*(PairingsApplication **) b);

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  gint64 t0, t1, t2, t3, t4;
  guint found = 0;
  struct rusage usage;

  if (argc != 3)
    return 1;
  store = pairings_store_open (argv[1], &error);
  if (store == NULL || (cohort = pairings_store_find_cohort (store, argv[2], &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  name_column = g_quark_from_static_string ("bench-name");
  t0 = g_get_monotonic_time ();
  list = pairings_store_list_applications (store, pairings_cohort_get_id (cohort), &error);
  t1 = g_get_monotonic_time ();
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  {
    g_autofree char *needle = g_utf8_casefold ("cern", -1);
    for (guint i = 0; i < items->len; i++)
      found += pairings_application_matches_search (g_ptr_array_index (items, i), needle);
  }
  t2 = g_get_monotonic_time ();
  g_ptr_array_sort (items, by_name);
  t3 = g_get_monotonic_time ();
  g_ptr_array_sort (items, by_score);
  t4 = g_get_monotonic_time ();
  getrusage (RUSAGE_SELF, &usage);

  printf ("{\"applications\": %u, \"load_ms\": %.1f, \"search_ms\": %.1f, \"sort_name_ms\": %.1f,"
          " \"sort_score_ms\": %.1f, \"found\": %u, \"peak_mb\": %.0f}\n",
          items->len, (t1 - t0) / 1e3, (t2 - t1) / 1e3, (t3 - t2) / 1e3, (t4 - t3) / 1e3, found,
          usage.ru_maxrss / 1024.0);
  g_ptr_array_foreach (items, (GFunc) (void (*) (void)) g_object_unref, NULL);
  return 0;
}

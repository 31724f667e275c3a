/* applications-ui-bench.c: the Applications page in a real window, timed
 * with the frame clock
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: applications-ui-bench DATABASE
 *
 * Opens a window on DATABASE (its last cohort), and times, each up to the
 * end of the first frame painted afterwards (the frame clock's
 * "after-paint"): the window until the page shows its rows; a click on the
 * Name header, both ways (sort_name_call_ms: the part spent before the
 * click returns); a search typed (from the moment the search entry
 * says it changed, after its typing delay); clearing it; a jump to the end
 * of the list. Prints one JSON line.
 */

#include <stdio.h>
#include <string.h>

#include "pairings-application.h"
#include "pairings-applications-page.h"
#include "pairings-window.h"
#include "ui-bench-common.h"

#define SETTLE_MS 500

static gint64 search_changed_at;

static gboolean
on_search_changed (GSignalInvocationHint *hint,
                   guint                  n_params,
                   const GValue          *params,
                   gpointer               user_data)
{
  search_changed_at = g_get_monotonic_time ();
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  PairingsWindow *window;
  GtkWidget *page;
  GtkColumnView *view;
  GtkEditable *entry;
  GListModel *model;
  g_autoptr(GtkColumnViewColumn) name = NULL;
  double sort_call;
  double open, sort_up, sort_down, search, clear, jump;
  guint rows, found, cells = 0;
  gint64 t;

  if (argc != 2)
    return 1;
  gtk_init ();
  adw_init ();

  t = g_get_monotonic_time ();
  window = pairings_window_new (NULL, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  bench_watch_frames (GTK_WIDGET (window));
  page = bench_find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_APPLICATIONS_PAGE);
  model = pairings_applications_page_get_model (PAIRINGS_APPLICATIONS_PAGE (page));
  while (g_list_model_get_n_items (model) == 0 && g_get_monotonic_time () - t < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  /* From before the window was made to the first frame with the rows. */
  bench_until_painted (g_get_monotonic_time ());
  open = (bench_painted_at - t) / 1e3;
  rows = g_list_model_get_n_items (model);
  bench_settle (SETTLE_MS);

  view = GTK_COLUMN_VIEW (bench_find_widget (page, GTK_TYPE_COLUMN_VIEW));
  /* The rows GTK keeps realized, times the columns. */
  for (GtkWidget *w = GTK_WIDGET (view); w != NULL;)
    {
      cells += GTK_IS_INSCRIPTION (w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (view) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == GTK_WIDGET (view))
            break;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  name = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  t = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, name, GTK_SORT_ASCENDING);
  sort_call = (g_get_monotonic_time () - t) / 1e3;

  sort_up = bench_until_painted (t);
  bench_settle (SETTLE_MS);
  t = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  sort_down = bench_until_painted (t);
  bench_settle (SETTLE_MS);

  entry = GTK_EDITABLE (bench_find_widget (page, GTK_TYPE_SEARCH_ENTRY));
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              on_search_changed, NULL, NULL);
  search_changed_at = 0;
  gtk_editable_set_text (entry, "cern");
  while (search_changed_at == 0)
    g_main_context_iteration (NULL, TRUE);
  search = bench_until_painted (search_changed_at);

  found = g_list_model_get_n_items (model);
  bench_settle (SETTLE_MS);
  search_changed_at = 0;
  gtk_editable_set_text (entry, "");
  while (search_changed_at == 0)
    g_main_context_iteration (NULL, TRUE);
  clear = bench_until_painted (search_changed_at);
  bench_settle (SETTLE_MS);

  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

    t = g_get_monotonic_time ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                          gtk_adjustment_get_page_size (adjustment));
    jump = bench_until_painted (t);
  }

  printf ("{\"applications\": %u, \"open_ms\": %.1f, \"sort_name_ms\": %.1f, \"sort_name_desc_ms\": %.1f,"
          " \"search_ms\": %.1f, \"search_clear_ms\": %.1f, \"jump_to_end_ms\": %.1f, \"found\": %u,"
          " \"frames\": %u, \"sort_name_call_ms\": %.1f, \"cells\": %u}\n",
          rows, open, sort_up, sort_down, search, clear, jump, found, bench_frames, sort_call, cells);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

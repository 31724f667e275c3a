/* board-ui-bench.c: a move on a large board in a real window, timed with
 * the frame clock
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: board-ui-bench DATABASE
 *
 * DATABASE is the one bench/board-bench.c leaves (its last cohort, "small",
 * is replaced by the large one here through the window's cohort choice:
 * the window opens on its remembered cohort, so this picks "big" first).
 * Opens the board and times moving a pair to another stage through the
 * page's action, up to the end of the next painted frame; median of 15.
 * Prints one JSON line.
 */

#include <stdio.h>
#include <stdlib.h>

#include "pairings-board-page.h"
#include "pairings-window.h"

static gint64 painted_at;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted_at = g_get_monotonic_time ();
}

static double
until_painted (gint64 since)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (painted_at < since && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return (painted_at - since) / 1e3;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *w = root; w != NULL;)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == root)
            return NULL;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

#define RUNS 15

int
main (int    argc,
      char **argv)
{
  PairingsWindow *window;
  GtkWidget *page;
  GtkDropDown *cohorts;
  double move[RUNS], call[RUNS];
  gint64 t;

  if (argc != 2)
    return 1;
  gtk_init ();
  adw_init ();

  window = pairings_window_new (NULL, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (on_after_paint), NULL);
  cohorts = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (cohorts, 0);   /* "big", made first */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board");
  settle ();
  page = find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE);

  for (guint r = 0; r < RUNS; r++)
    {
      /* Pair ids 1..500 are the large cohort's; move one to another stage. */
      gint64 pair = 1 + (r * 37) % 500;
      const char *stage = (r % 2) ? "approved" : "discussion";

      t = g_get_monotonic_time ();
      gtk_widget_activate_action (page, "board.move", "(xsi)", pair, stage, 0);
      call[r] = (g_get_monotonic_time () - t) / 1e3;
      move[r] = until_painted (t);
      settle ();
    }
  qsort (move, RUNS, sizeof (double), compare_doubles);
  qsort (call, RUNS, sizeof (double), compare_doubles);
  printf ("{\"pairs\": 500, \"move_to_frame_ms\": %.1f, \"move_call_ms\": %.1f, \"max_to_frame_ms\": %.1f}\n",
          move[RUNS / 2], call[RUNS / 2], move[RUNS - 1]);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

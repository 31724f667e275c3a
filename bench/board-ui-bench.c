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
 * Opens the board, timed from the page's action to the end of its first
 * painted frame (the cards made, measured and drawn), then times moving a
 * pair to another stage through the page's action, up to the end of the
 * next painted frame; median of 15. Then undoing (median of 5) and turning
 * meeting mode on and off (median of 4), each to the end of its frame.
 * The frame is split as the frame clock runs it: the wait before it
 * starts, its layout phase (styles, sizes, positions) and its paint phase
 * (the widgets' drawing and its rendering). Prints one JSON line.
 */

#include <stdio.h>
#include <stdlib.h>

#include "pairings-board-page.h"
#include "pairings-window.h"
#include "ui-bench-common.h"

#define SETTLE_MS 300

#define RUNS 15

/* Undos timed after the moves (each undoes one of them). */
#define UNDOS 5

/* Meeting mode turned on and off (F11): every card restyled, its texts
 * laid out again in the larger type. */
#define MEETINGS 4

enum { BEFORE_PAINT, LAYOUT, PAINT, N_PHASES };

/* When the frame clock last finished each phase (our handlers run after
 * GTK's, which are connected first). */
static gint64 phase_end[N_PHASES];

/* When the last frame started: an emission hook runs before every handler
 * of the frame clock's first phase. */
static gint64 frame_start;

static gboolean
on_before_paint_hook (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               data)
{
  frame_start = g_get_monotonic_time ();
  return TRUE;
}

static void
on_phase (GdkFrameClock *clock,
          gpointer       phase)
{
  phase_end[GPOINTER_TO_INT (phase)] = g_get_monotonic_time ();
}

int
main (int    argc,
      char **argv)
{
  PairingsWindow *window;
  GtkWidget *page;
  GtkDropDown *cohorts;
  double move[RUNS], call[RUNS], layout[RUNS], paint[RUNS], undo[UNDOS], meeting[MEETINGS], open;
  GdkFrameClock *clock;
  gint64 t;

  if (argc != 2)
    return 1;
  gtk_init ();
  adw_init ();
  /* The app's style sheet, as AdwApplication loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/pairings/Pairings/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  window = pairings_window_new (NULL, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  bench_watch_frames (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_phase), GINT_TO_POINTER (BEFORE_PAINT));
  g_signal_connect (clock, "layout", G_CALLBACK (on_phase), GINT_TO_POINTER (LAYOUT));
  g_signal_connect (clock, "paint", G_CALLBACK (on_phase), GINT_TO_POINTER (PAINT));
  g_signal_add_emission_hook (g_signal_lookup ("before-paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_before_paint_hook, NULL, NULL);
  cohorts = GTK_DROP_DOWN (bench_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (cohorts, 0);   /* "big", made first */
  /* The first move waits for the board's first frame, not a frame of it
   * being made. */
  t = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board");
  open = bench_until_painted (t);
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    fprintf (stderr, "board opened: %.1f ms to its first frame (layout %.1f, paint %.1f)\n", open,
             (phase_end[LAYOUT] - phase_end[BEFORE_PAINT]) / 1e3, (phase_end[PAINT] - phase_end[LAYOUT]) / 1e3);
  bench_settle (SETTLE_MS);
  page = bench_find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE);

  for (guint r = 0; r < RUNS; r++)
    {
      /* Pair ids 1..500 are the large cohort's; move one to another stage. */
      gint64 pair = 1 + (r * 37) % 500;
      const char *stage = (r % 2) ? "approved" : "discussion";

      t = g_get_monotonic_time ();
      gtk_widget_activate_action (page, "board.move", "(xsi)", pair, stage, 0);
      call[r] = (g_get_monotonic_time () - t) / 1e3;
      move[r] = bench_until_painted (t);
      layout[r] = (phase_end[LAYOUT] - phase_end[BEFORE_PAINT]) / 1e3;
      paint[r] = (phase_end[PAINT] - phase_end[LAYOUT]) / 1e3;
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        fprintf (stderr, "run %u: %.1f ms to the frame (call %.1f, wait %.1f, layout %.1f, paint %.1f, "
                 "after paint %.1f)\n",
                 r, move[r], call[r], (frame_start - t) / 1e3 - call[r], layout[r], paint[r],
                 (bench_painted_at - phase_end[PAINT]) / 1e3);
      bench_settle (SETTLE_MS);
    }
  /* Ctrl+Z, through the window's action: the move undone, the window
   * brought in line with the database, to the end of the next frame. */
  for (guint r = 0; r < UNDOS; r++)
    {
      t = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      undo[r] = bench_until_painted (t);
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        fprintf (stderr, "undo %u: %.1f ms to the frame\n", r, undo[r]);
      bench_settle (SETTLE_MS);
    }
  for (guint r = 0; r < MEETINGS; r++)
    {
      t = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL);
      meeting[r] = bench_until_painted (t);
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        fprintf (stderr, "meeting mode %s: %.1f ms to the frame\n", r % 2 ? "off" : "on", meeting[r]);
      bench_settle (SETTLE_MS);
    }
  {
    double median_move = bench_median (move, RUNS);   /* sorts move[] */

    printf ("{\"pairs\": 500, \"open_to_frame_ms\": %.1f, \"move_to_frame_ms\": %.1f, \"move_call_ms\": %.1f, \"layout_ms\": %.1f, "
            "\"paint_ms\": %.1f, \"max_to_frame_ms\": %.1f, \"undo_to_frame_ms\": %.1f, \"meeting_to_frame_ms\": %.1f}\n",
            open, median_move, bench_median (call, RUNS), bench_median (layout, RUNS), bench_median (paint, RUNS),
            move[RUNS - 1], bench_median (undo, UNDOS), bench_median (meeting, MEETINGS));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

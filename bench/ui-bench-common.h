/* ui-bench-common.h: what the benchmarks that open a window share
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bench-common.h"

/* The end of the last frame the window painted (its frame clock's
 * "after-paint"), in g_get_monotonic_time() microseconds. */
static gint64 bench_painted_at;
static guint bench_frames;

static void
bench_on_after_paint (GdkFrameClock *clock,
                      gpointer       user_data)
{
  bench_painted_at = g_get_monotonic_time ();
  bench_frames++;
}

static inline void
bench_watch_frames (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (bench_on_after_paint), NULL);
}

/* Runs the main loop until a frame is painted after @since; the time from
 * @since to the end of that frame, in ms. */
static inline double
bench_until_painted (gint64 since)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (bench_painted_at < since && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return (bench_painted_at - since) / 1e3;
}

static inline GtkWidget *
bench_find_widget (GtkWidget *root,
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
bench_on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window finish what it started (idle work included), @ms long. */
static inline void
bench_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, bench_on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

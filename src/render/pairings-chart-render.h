/* pairings-chart-render.h: drawing a chart with cairo and Pango
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the chart widget (through gtk_snapshot_append_cairo) and by
 * `pairings-cli chart` (PNG, SVG and PDF surfaces, without a display).
 * No GTK here: the widget passes its theme's colours in.
 */

#pragma once

#include <cairo.h>

#include "pairings-charts.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} PairingsChartColor;

#define PAIRINGS_CHART_N_PALETTE 8

typedef struct
{
  PairingsChartColor foreground;   /* text, axes */
  PairingsChartColor background;   /* NULL-alpha: transparent */
  PairingsChartColor grid;
  /* Colour-blind-safe (Okabe–Ito by default), one per series in order. */
  PairingsChartColor palette[PAIRINGS_CHART_N_PALETTE];
  const char        *font;         /* a Pango font description, e.g. "Cantarell 11" */
} PairingsChartTheme;

/* The light and dark themes used without GTK (the CLI); the widget fills
 * one from its style instead. */
void pairings_chart_theme_init_light (PairingsChartTheme *theme);
void pairings_chart_theme_init_dark  (PairingsChartTheme *theme);

/* A part of the chart that shows a number: where it is drawn and what a
 * tooltip says about it ("2024 · Mentors · Postdoc: 7"; "< 5" when
 * suppressed). */
typedef struct
{
  double  x, y, width, height;
  guint   category, bar, series;
  char   *text;
} PairingsChartHit;

void pairings_chart_hit_clear (PairingsChartHit *hit);

/* Draws @data in the rectangle (0, 0, @width, @height) of @cr: title,
 * axes with labels that never overlap (rotated, then thinned, when they
 * do not fit), bars, "< N" for suppressed parts, a legend, and the notes
 * under each category. An empty chart says so in the middle. When @hits is
 * not NULL, appends a PairingsChartHit per drawn part (the array's clear
 * function should be pairings_chart_hit_clear). */
void pairings_chart_render (cairo_t                  *cr,
                            const PairingsChartData  *data,
                            const PairingsChartTheme *theme,
                            double                    width,
                            double                    height,
                            GArray                   *hits);

/* Whether pairings_chart_export would take @path and the size: an
 * extension it knows (.png, .svg, .pdf, any case) and sides from 100 to
 * 10000. Lets a caller refuse bad input before any work. */
gboolean pairings_chart_export_check (const char  *path,
                                      int          width,
                                      int          height,
                                      GError     **error);

/* Writes the chart to @path as PNG, SVG or PDF (from its extension, any
 * case) at @width × @height (pixels for PNG, points for SVG and PDF). An
 * unknown extension or an unwritable file is an error naming the file. */
gboolean pairings_chart_export (const PairingsChartData  *data,
                                const PairingsChartTheme *theme,
                                const char               *path,
                                int                       width,
                                int                       height,
                                GError                  **error);

G_END_DECLS

/* pairings-chart-view.h: a chart, drawn in the theme's colours
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pairings-charts.h"
#include "pairings-chart-render.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_CHART_VIEW (pairings_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (PairingsChartView, pairings_chart_view, PAIRINGS, CHART_VIEW, GtkWidget)

GtkWidget               *pairings_chart_view_new       (void);
/* Shows @data (the view keeps it; NULL: nothing). */
void                     pairings_chart_view_set_data  (PairingsChartView *self,
                                                        PairingsChartData *data);
const PairingsChartData *pairings_chart_view_get_data  (PairingsChartView *self);
/* The theme the view draws with now: its style's colours (light or
 * dark), for exports that look like the screen. */
void                     pairings_chart_view_get_theme (PairingsChartView  *self,
                                                        PairingsChartTheme *theme);
/* What the tooltip says at (@x, @y), or NULL: for tests. */
char                    *pairings_chart_view_describe_at (PairingsChartView *self,
                                                          double             x,
                                                          double             y);

G_END_DECLS

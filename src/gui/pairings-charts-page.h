/* pairings-charts-page.h: evaluation and participation charts
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-charts.h"
#include "pairings-chart-view.h"
#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_CHARTS_PAGE (pairings_charts_page_get_type ())

G_DECLARE_FINAL_TYPE (PairingsChartsPage, pairings_charts_page, PAIRINGS, CHARTS_PAGE, GtkWidget)

void               pairings_charts_page_show      (PairingsChartsPage *self,
                                                   PairingsStore      *store,
                                                   PairingsCohort     *cohort);
void               pairings_charts_page_reload    (PairingsChartsPage *self);
/* The day the check-in chart stops at (ISO date); NULL: today. */
void               pairings_charts_page_set_today (PairingsChartsPage *self,
                                                   const char         *today);
void               pairings_charts_page_select    (PairingsChartsPage *self,
                                                   PairingsChartKind   kind);
/* Whether the chart's numbers are still being counted (in a thread). */
gboolean           pairings_charts_page_is_busy   (PairingsChartsPage *self);
PairingsChartView *pairings_charts_page_get_view  (PairingsChartsPage *self);
/* Writes the chart shown to @path (PNG, SVG or PDF from its extension) at
 * @width × @height, as the page's Export dialog does. */
gboolean           pairings_charts_page_export    (PairingsChartsPage *self,
                                                   const char         *path,
                                                   int                 width,
                                                   int                 height,
                                                   GError            **error);

/* Imports a survey's CSV export ("end" or "mid" of the cycle) into the
 * cohort, as the page's menu does once a file is chosen. */
void               pairings_charts_page_import_survey (PairingsChartsPage *self,
                                                       const char         *survey,
                                                       const char         *path);

G_END_DECLS

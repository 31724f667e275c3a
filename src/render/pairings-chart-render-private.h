/* pairings-chart-render-private.h: a window into the renderer, for tests
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Text never overlaps" cannot be checked from pixels, so a test attaches
 * a GArray of PairingsChartTextBox to the cairo_t it renders with
 * (cairo_set_user_data with pairings_chart_text_boxes_key), and
 * pairings_chart_render appends the corners, in device space, of every
 * text it draws. Nothing else reads it; the product never attaches one.
 */

#pragma once

#include "pairings-chart-render.h"

G_BEGIN_DECLS

typedef struct
{
  /* Corners in order (top left, top right, bottom right, bottom left of
   * the text), so the box may be turned. */
  double x[4];
  double y[4];
} PairingsChartTextBox;

extern const cairo_user_data_key_t pairings_chart_text_boxes_key;

G_END_DECLS

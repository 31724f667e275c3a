/* pairings-charts.h: the numbers behind the charts
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each chart is a table of counts from SQL aggregates: categories along
 * the x axis (cohorts, mentoring types, steps, months, questions), in each
 * category one or more bars side by side (mentors and mentees…), each bar
 * a stack of series (career stages, check-in statuses, ratings…). The
 * chart widget, the PNG/SVG/PDF export and the table view all draw the
 * same PairingsChartData.
 *
 * Small counts are suppressed: a count from 1 to threshold − 1 is never
 * handed out (its value is -1 and it is marked suppressed; it is drawn and
 * written as "< threshold"), so a chart shown outside the committee cannot
 * single a person out. No chart is broken down by a confidential field.
 *
 * Hiding one cell alone is not enough when the others of its bar are shown
 * and the bar's total is known from elsewhere (the pairs of a cohort, the
 * people of a role, …): subtracting would give it back. So, in every bar
 * (a category × bar, the stack of its series) where exactly one cell was
 * suppressed for being small while another cell of the bar is not zero,
 * the smallest such non-zero cell (the first of equals) is hidden too:
 * complementary suppression. That cell may be large; it is suppressed as
 * well (value -1), marked complementary, and drawn and written as
 * "hidden", not "< threshold". A bar whose only non-zero cell is the small
 * one hides nothing more: subtracting gives the small cell's range, never
 * more than "< threshold" says. A bar of one series has nothing to
 * subtract within it, and two small cells in a bar already leave two
 * unknowns. A survey question with a hidden cell has a note without its
 * number of answers (see PAIRINGS_CHART_RATINGS).
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

typedef enum
{
  PAIRINGS_CHART_PARTICIPANTS,    /* per cohort: mentors and mentees, stacked by career stage */
  PAIRINGS_CHART_MENTORING_TYPES, /* per mentoring type of the cohort: mentees asking, mentors offering */
  PAIRINGS_CHART_FUNNEL,          /* the cohort's steps: applied, accepted, paired, agreement signed, completed */
  PAIRINGS_CHART_CHECK_INS,       /* per month of the cohort's cycle: on track, needs attention, no contact, missing */
  PAIRINGS_CHART_RATINGS,         /* per survey question: how many answered 1, 2, 3, 4, 5; mean and
                                   * count, only the mean when a cell is hidden, only "fewer than N
                                   * answers" when the answers are too few */
  PAIRINGS_CHART_CONTINUATION,    /* per cohort: people returning from the one before, and continuing pairs */
} PairingsChartKind;
#define PAIRINGS_N_CHART_KINDS 6

/* "participants", "mentoring-types", "funnel", "check-ins", "ratings",
 * "continuation", as the CLI names them (DESIGN.md), and back. */
const char *pairings_chart_kind_to_string   (PairingsChartKind  kind);
gboolean    pairings_chart_kind_from_string (const char        *str,
                                             PairingsChartKind *kind);
/* The chart's title, translated ("Participants by career stage", …). */
const char *pairings_chart_kind_get_title   (PairingsChartKind  kind);

typedef struct
{
  PairingsChartKind  kind;
  char              *title;        /* translated, with the cohort's name where it applies */
  char              *x_label;      /* translated axis titles */
  char              *y_label;
  guint              threshold;    /* counts below it (and above 0) are suppressed */
  GPtrArray         *categories;   /* char *, along the x axis, in order */
  GPtrArray         *bars;         /* char *, the bars of each category (one at least) */
  GPtrArray         *series;       /* char *, the stacked parts of a bar (one at least), bottom first */
  /* n_categories × n_bars × n_series counts, index
   * (category * n_bars + bar) * n_series + series; -1 where suppressed. */
  double            *values;
  gboolean          *suppressed;   /* same index: hidden, for either reason */
  /* Same index: hidden only to protect a small cell of the same bar (also
   * suppressed). May be NULL in a table made by hand: no such cell. */
  gboolean          *complementary;
  GPtrArray         *notes;        /* char *, one per category ("mean 4.2 · 17 answers") or "" */
} PairingsChartData;

void        pairings_chart_data_free    (PairingsChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsChartData, pairings_chart_data_free)

/* The value at (category, bar, series), -1 when suppressed (for either
 * reason). */
double      pairings_chart_data_get     (const PairingsChartData *data,
                                         guint                    category,
                                         guint                    bar,
                                         guint                    series);
/* Whether the cell is hidden, for being small or to protect a small one. */
gboolean    pairings_chart_data_is_suppressed (const PairingsChartData *data,
                                               guint                    category,
                                               guint                    bar,
                                               guint                    series);
/* Whether the cell is hidden only to protect a small one of its bar. */
gboolean    pairings_chart_data_is_complementary (const PairingsChartData *data,
                                                  guint                    category,
                                                  guint                    bar,
                                                  guint                    series);
/* The text for a cell: "7", "< 5" when suppressed for being small, or
 * "hidden" (translated) when suppressed to protect a small one. */
char       *pairings_chart_data_format  (const PairingsChartData *data,
                                         guint                    category,
                                         guint                    bar,
                                         guint                    series);
/* The chart as CSV (a header row, then one row per category and bar,
 * a column per series; cells as pairings_chart_data_format() gives them,
 * "< 5" or "hidden" where suppressed), for copying and for
 * screen readers' table. */
char       *pairings_chart_data_to_csv  (const PairingsChartData *data);

/* The programme's suppression threshold (programmes.settings
 * "$.charts.threshold"; default 5, at least 1: 1 suppresses nothing). */
guint       pairings_charts_get_threshold (PairingsStore *store,
                                           gint64         programme_id,
                                           GError       **error);
gboolean    pairings_charts_set_threshold (PairingsStore *store,
                                           gint64         programme_id,
                                           guint          threshold,
                                           GError       **error);

/* The numbers of @kind for @cohort_id (and, for participants and
 * continuation, every cohort of its programme up to it, oldest first).
 * Ratings use the end-of-cycle survey when it has answers, else the
 * mid-cycle one. @today decides which months of the cycle count as past
 * for check-ins (a month after today is left out). NULL with an error for
 * an unknown cohort; an empty cohort gives empty categories, not an
 * error. */
PairingsChartData *pairings_charts_collect (PairingsStore     *store,
                                            PairingsChartKind  kind,
                                            gint64             cohort_id,
                                            const char        *today,
                                            GError           **error);

G_END_DECLS

/* pairings-charts.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each chart counts:
 *
 * - participants: a category per cohort of the programme up to and
 *   including the one asked for (by the opening of the call, undated
 *   cohorts last, then by id); bars "Mentors" and "Mentees"; a series per
 *   career stage, from undergraduate up, "Unknown" last. Accepted
 *   applications are counted. A series that is zero in every cell is
 *   left out (one is always kept); when nobody at all was accepted there
 *   is nothing to draw and no category.
 * - mentoring-types: a category per mentoring type that the cohort's
 *   accepted applications name, the most named first, then by name; bars
 *   "Mentees asking" and "Mentors offering"; one series, the accepted
 *   applications that list the type.
 * - funnel: the steps "Applied" (applications of the role, any status),
 *   "Accepted", "Paired" (distinct applications of the role in an
 *   announced pair of the cohort), "Agreement signed" (of those, in a pair
 *   whose agreement is signed by both) and "Completed" (of those, in a
 *   pair that completed or continues); bars "Mentees" and "Mentors". A
 *   cohort without applications has no category.
 * - check-ins: a category per month of the cycle, from the month of the
 *   kick-off (or of the announcement) to the month of the end (or of
 *   today), never past the month of today; one bar; series "On track",
 *   "Needs attention", "No contact" and "Missing". Each announced pair
 *   counts once a month: the status of its last check-in that month, or
 *   missing. An undated cohort, or one without an announced pair, has no
 *   category.
 * - ratings: the end-of-cycle survey when it has a rating, else the
 *   mid-cycle one; a category per question with a rating, in the order the
 *   questions first appear; one bar; series "1" to "5". The note of a
 *   question gives the mean and the number of answers; only the mean when
 *   a cell of the question is hidden (the number of answers is the bar's
 *   total, which would give the hidden cells' sum back); or, when the
 *   answers are fewer than the threshold, only that (a mean of three
 *   people tells too much about them).
 * - continuation: a category per cohort after the programme's first, up to
 *   the one asked for; one bar; series "Mentors returning" and "Mentees
 *   returning" (accepted in the same role in this cohort and in the one
 *   just before), "Mentees now mentors" (accepted as a mentee before, as
 *   a mentor now) and "Continuing pairs" (pairs of this cohort, not set
 *   aside, that continue a pair of the one before).
 *
 * Then every count from 1 to threshold − 1 is suppressed, and in each bar
 * with exactly one such cell and another non-zero one, the smallest
 * non-zero other cell too (complementary suppression, see
 * chart_suppress()).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-charts.h"
#include "pairings-export.h"
#include "pairings-followup.h"
#include "pairings-store-private.h"

#define DEFAULT_THRESHOLD 5
#define MAX_THRESHOLD 100

/* Kinds ------------------------------------------------------------------------- */

static const char * const kind_ids[] = {
  "participants", "mentoring-types", "funnel", "check-ins", "ratings", "continuation"
};
static const char * const kind_titles[] = {
  N_("Participants by career stage"),
  N_("Mentoring types asked for and offered"),
  N_("From application to completion"),
  N_("Check-ins by month"),
  N_("Survey ratings"),
  N_("Returning people and continuing pairs"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == PAIRINGS_N_CHART_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (kind_titles) == PAIRINGS_N_CHART_KINDS);

const char *
pairings_chart_kind_to_string (PairingsChartKind kind)
{
  g_return_val_if_fail ((guint) kind < PAIRINGS_N_CHART_KINDS, NULL);
  return kind_ids[kind];
}

gboolean
pairings_chart_kind_from_string (const char        *str,
                                 PairingsChartKind *kind)
{
  for (guint i = 0; str != NULL && i < PAIRINGS_N_CHART_KINDS; i++)
    if (g_str_equal (str, kind_ids[i]))
      {
        if (kind != NULL)
          *kind = (PairingsChartKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pairings_chart_kind_get_title (PairingsChartKind kind)
{
  g_return_val_if_fail ((guint) kind < PAIRINGS_N_CHART_KINDS, NULL);
  return _(kind_titles[kind]);
}

/* The data ---------------------------------------------------------------------- */

void
pairings_chart_data_free (PairingsChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->x_label);
  g_free (data->y_label);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->bars, g_ptr_array_unref);
  g_clear_pointer (&data->series, g_ptr_array_unref);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_free (data->values);
  g_free (data->suppressed);
  g_free (data->complementary);
  g_free (data);
}

static gsize
cell_index (const PairingsChartData *data,
            guint                    category,
            guint                    bar,
            guint                    series)
{
  return ((gsize) category * data->bars->len + bar) * data->series->len + series;
}

static gboolean
cell_is_valid (const PairingsChartData *data,
               guint                    category,
               guint                    bar,
               guint                    series)
{
  return category < data->categories->len && bar < data->bars->len && series < data->series->len;
}

double
pairings_chart_data_get (const PairingsChartData *data,
                         guint                    category,
                         guint                    bar,
                         guint                    series)
{
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (cell_is_valid (data, category, bar, series), 0);
  return data->values[cell_index (data, category, bar, series)];
}

gboolean
pairings_chart_data_is_suppressed (const PairingsChartData *data,
                                   guint                    category,
                                   guint                    bar,
                                   guint                    series)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (cell_is_valid (data, category, bar, series), FALSE);
  return data->suppressed[cell_index (data, category, bar, series)];
}

gboolean
pairings_chart_data_is_complementary (const PairingsChartData *data,
                                      guint                    category,
                                      guint                    bar,
                                      guint                    series)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (cell_is_valid (data, category, bar, series), FALSE);
  return data->complementary != NULL && data->complementary[cell_index (data, category, bar, series)];
}

char *
pairings_chart_data_format (const PairingsChartData *data,
                            guint                    category,
                            guint                    bar,
                            guint                    series)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (cell_is_valid (data, category, bar, series), NULL);

  if (pairings_chart_data_is_complementary (data, category, bar, series))
    /* TRANSLATORS: in a chart or its table, a count that is not shown
     * because it would give away a small one beside it (it may be large);
     * keep it short */
    return g_strdup (_("hidden"));
  if (pairings_chart_data_is_suppressed (data, category, bar, series))
    /* TRANSLATORS: a count too small to show: fewer than this many */
    return g_strdup_printf (_("< %u"), data->threshold);
  return g_strdup_printf ("%.0f", pairings_chart_data_get (data, category, bar, series));
}

static gboolean
has_notes (const PairingsChartData *data)
{
  for (guint c = 0; c < data->notes->len; c++)
    if (*(const char *) g_ptr_array_index (data->notes, c) != '\0')
      return TRUE;
  return FALSE;
}

static void
append_row_end (GString *csv)
{
  /* Every cell was followed by a comma: the last one becomes the break. */
  g_string_truncate (csv, csv->len - 1);
  g_string_append (csv, "\r\n");
}

static void
append_cell (GString    *csv,
             const char *value)
{
  pairings_csv_append_cell (csv, value);
  g_string_append_c (csv, ',');
}

char *
pairings_chart_data_to_csv (const PairingsChartData *data)
{
  GString *csv;
  gboolean notes;

  g_return_val_if_fail (data != NULL, NULL);

  csv = g_string_new (NULL);
  notes = has_notes (data);

  append_cell (csv, data->x_label);
  /* TRANSLATORS: the column of a chart's table that names the bar
   * (mentors or mentees, …) */
  append_cell (csv, _("Group"));
  for (guint s = 0; s < data->series->len; s++)
    append_cell (csv, g_ptr_array_index (data->series, s));
  if (notes)
    append_cell (csv, _("Note"));
  append_row_end (csv);

  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < data->bars->len; b++)
      {
        append_cell (csv, g_ptr_array_index (data->categories, c));
        append_cell (csv, g_ptr_array_index (data->bars, b));
        for (guint s = 0; s < data->series->len; s++)
          {
            g_autofree char *text = pairings_chart_data_format (data, c, b, s);
            append_cell (csv, text);
          }
        if (notes)
          append_cell (csv, g_ptr_array_index (data->notes, c));
        append_row_end (csv);
      }

  return g_string_free (csv, FALSE);
}

static PairingsChartData *
chart_new (PairingsChartKind  kind,
           const char        *x_label,
           const char        *y_label,
           guint              threshold)
{
  PairingsChartData *data = g_new0 (PairingsChartData, 1);

  data->kind = kind;
  data->x_label = g_strdup (x_label);
  data->y_label = g_strdup (y_label);
  data->threshold = threshold;
  data->categories = g_ptr_array_new_with_free_func (g_free);
  data->bars = g_ptr_array_new_with_free_func (g_free);
  data->series = g_ptr_array_new_with_free_func (g_free);
  data->notes = g_ptr_array_new_with_free_func (g_free);
  return data;
}

/* Translates and adds each of the @n static @labels. */
static void
add_labels (GPtrArray          *array,
            const char * const *labels,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_strdup (_(labels[i])));
}

/* Once the categories, bars and series are known: zero counts, no notes. */
static void
chart_allocate (PairingsChartData *data)
{
  gsize n = (gsize) data->categories->len * data->bars->len * data->series->len;

  g_free (data->values);
  g_free (data->suppressed);
  g_free (data->complementary);
  data->values = g_new0 (double, MAX (n, 1));
  data->suppressed = g_new0 (gboolean, MAX (n, 1));
  data->complementary = g_new0 (gboolean, MAX (n, 1));
  g_ptr_array_set_size (data->notes, 0);
  for (guint c = 0; c < data->categories->len; c++)
    g_ptr_array_add (data->notes, g_strdup (""));
}

static void
chart_set (PairingsChartData *data,
           guint              category,
           guint              bar,
           guint              series,
           double             value)
{
  data->values[cell_index (data, category, bar, series)] = value;
}

static void
chart_add (PairingsChartData *data,
           guint              category,
           guint              bar,
           guint              series,
           double             value)
{
  data->values[cell_index (data, category, bar, series)] += value;
}

static void
hide_cell (PairingsChartData *data,
           gsize              i,
           gboolean           complementary)
{
  data->values[i] = -1;
  data->suppressed[i] = TRUE;
  data->complementary[i] = complementary;
}

/* In the bar whose cells start at @first: when exactly one cell was
 * suppressed for being small and another is not zero, hides the smallest
 * non-zero other cell too (the first of equals).
 *
 * A bar's total is often known from elsewhere: the announced pairs for
 * each month of check-ins, the accepted people of a role, the answers to a
 * question. With one small cell hidden and the rest shown, the total less
 * the rest gives it back; with a second cell hidden, the total less the
 * rest gives only the sum of two unknowns. (That sum still bounds them:
 * the hidden large cell is known to be at least the threshold and at most
 * the smallest count shown beside it, so a sum just above the threshold
 * narrows the small cell, down to 1 at threshold + 1. Closing that would
 * take choosing cells by protection intervals, which this does not do.)
 * When the small cell is the
 * bar's only non-zero one, nothing is hidden beside it: the total is then
 * the small count itself, which the charts never show, and whoever knows
 * it from elsewhere knew the small count already. Two small cells or more
 * already leave two unknowns. A bar of one series has no other cell. */
static void
protect_bar (PairingsChartData *data,
             gsize              first)
{
  guint n_series = data->series->len;
  guint n_small = 0;
  gsize smallest = G_MAXSIZE;

  for (gsize i = first; i < first + n_series; i++)
    {
      /* Done already (chart_suppress() called again): nothing to add. */
      if (data->complementary[i])
        return;
      if (data->suppressed[i])
        n_small++;
      else if (data->values[i] > 0 &&
               (smallest == G_MAXSIZE || data->values[i] < data->values[smallest]))
        smallest = i;
    }
  if (n_small == 1 && smallest != G_MAXSIZE)
    hide_cell (data, smallest, TRUE);
}

/* Hides every count from 1 to threshold − 1, then a cell beside each one
 * left alone in its bar (see protect_bar()). Calling it again changes
 * nothing. */
static void
chart_suppress (PairingsChartData *data)
{
  gsize n_bars = (gsize) data->categories->len * data->bars->len;
  gsize n = n_bars * data->series->len;

  for (gsize i = 0; i < n; i++)
    if (data->values[i] >= 1 && data->values[i] < data->threshold)
      hide_cell (data, i, FALSE);
  for (gsize bar = 0; bar < n_bars; bar++)
    protect_bar (data, bar * data->series->len);
}

/* The threshold ------------------------------------------------------------------ */

static void
set_programme_not_found (GError **error)
{
  g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
               _("The programme no longer exists"));
}

guint
pairings_charts_get_threshold (PairingsStore  *store,
                               gint64          programme_id,
                               GError        **error)
{
  sqlite3_stmt *stmt;
  guint threshold = DEFAULT_THRESHOLD;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), 0);

  stmt = _pairings_store_prepare (store,
                                  "SELECT json_extract(settings, '$.charts.threshold') FROM programmes"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, programme_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      int type = sqlite3_column_type (stmt, 0);

      /* A hand-edited setting out of range is brought back into it. */
      if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
        threshold = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 1, MAX_THRESHOLD);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      set_programme_not_found (error);
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      _pairings_store_set_error (store, rc, error);
      return 0;
    }
  return threshold;
}

/* The programme's "charts" settings as JSON, NULL when unset. */
static gboolean
get_chart_settings (PairingsStore  *store,
                    gint64          programme_id,
                    char          **json,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (store,
                                  "SELECT json_extract(settings, '$.charts') FROM programmes"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, programme_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    set_programme_not_found (error);
  else if (rc != SQLITE_ROW)
    _pairings_store_set_error (store, rc, error);
  return rc == SQLITE_ROW;
}

gboolean
pairings_charts_set_threshold (PairingsStore  *store,
                               gint64          programme_id,
                               guint           threshold,
                               GError        **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (threshold < 1 || threshold > MAX_THRESHOLD)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The threshold below which charts hide counts must be from 1 to %d, not %u"),
                   MAX_THRESHOLD, threshold);
      return FALSE;
    }

  if (!_pairings_store_begin (store, error))
    return FALSE;
  if (!get_chart_settings (store, programme_id, &before, error))
    goto failed;

  /* Other chart settings, if any are ever added, stay as they are. */
  stmt = _pairings_store_prepare (store,
                                  "UPDATE programmes SET settings = json_set(settings, '$.charts',"
                                  " json_set(CASE json_type(settings, '$.charts') WHEN 'object'"
                                  "   THEN json_extract(settings, '$.charts') ELSE '{}' END,"
                                  "   '$.threshold', ?2))"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, programme_id);
  sqlite3_bind_int (stmt, 2, (int) threshold);
  if (!_pairings_store_step_done (store, stmt, error) ||
      !get_chart_settings (store, programme_id, &after, error) ||
      !_pairings_store_log_event (store, "update", "chart_settings", programme_id,
                                  before, after, error) ||
      !_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* Collecting ---------------------------------------------------------------------- */

typedef struct
{
  PairingsStore *store;
  gint64         cohort_id;
  gint64         programme_id;
  char          *name;
  char          *announcement;
  char          *kick_off;
  char          *ends;
  const char    *today;
} Context;

static void
context_clear (Context *ctx)
{
  g_free (ctx->name);
  g_free (ctx->announcement);
  g_free (ctx->kick_off);
  g_free (ctx->ends);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Resets @stmt after its last step, @rc, and says whether all went well. */
static gboolean
query_done (PairingsStore  *store,
            sqlite3_stmt   *stmt,
            int             rc,
            GError        **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_cohort (Context  *ctx,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT programme_id, name, announcement, kick_off, ends FROM cohorts"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ctx->programme_id = sqlite3_column_int64 (stmt, 0);
      ctx->name = column_dup (stmt, 1);
      ctx->announcement = column_dup (stmt, 2);
      ctx->kick_off = column_dup (stmt, 3);
      ctx->ends = column_dup (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("The cohort no longer exists"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _pairings_store_set_error (ctx->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The programme's cohorts up to and including ours, oldest first: their
 * ids in @ids, their names as @data's categories. */
static gboolean
list_cohorts (Context            *ctx,
              PairingsChartData  *data,
              GArray             *ids,
              GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean reached = FALSE;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT id, name FROM cohorts WHERE programme_id = ?"
                                  " ORDER BY call_opens IS NULL, call_opens, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->programme_id);
  while (!reached && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (data->categories, column_dup (stmt, 1));
      reached = id == ctx->cohort_id;
    }
  if (reached)
    rc = SQLITE_DONE;
  return query_done (ctx->store, stmt, rc, error);
}

/* Participants */

#define N_STAGE_SERIES PAIRINGS_N_CAREER_STAGES

/* From undergraduate up, then the unknown stage. */
static guint
stage_series (PairingsCareerStage stage)
{
  return stage == PAIRINGS_CAREER_UNKNOWN ? N_STAGE_SERIES - 1 : (guint) stage - 1;
}

static PairingsCareerStage
series_stage (guint series)
{
  return series == N_STAGE_SERIES - 1 ? PAIRINGS_CAREER_UNKNOWN : (PairingsCareerStage) (series + 1);
}

static gboolean
count_participants (Context           *ctx,
                    gint64             cohort_id,
                    guint              category,
                    PairingsChartData *data,
                    GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT role, career_stage, count(*) FROM applications"
                                  " WHERE cohort_id = ? AND status = 'accepted'"
                                  " GROUP BY role, career_stage",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsRole role;
      PairingsCareerStage stage;

      if (!pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role))
        continue;
      /* A stage this version does not know is as good as unknown. */
      if (!pairings_career_stage_from_string ((const char *) sqlite3_column_text (stmt, 1), &stage))
        stage = PAIRINGS_CAREER_UNKNOWN;
      chart_add (data, category, role == PAIRINGS_ROLE_MENTOR ? 0 : 1, stage_series (stage),
                 sqlite3_column_int (stmt, 2));
    }
  return query_done (ctx->store, stmt, rc, error);
}

static gboolean
series_is_used (const PairingsChartData *data,
                guint                    series)
{
  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < data->bars->len; b++)
      if (pairings_chart_data_get (data, c, b, series) != 0)
        return TRUE;
  return FALSE;
}

/* Copies @all's categories, bars and the series that have a count. */
static PairingsChartData *
drop_empty_series (PairingsChartData *all)
{
  PairingsChartData *data = chart_new (all->kind, all->x_label, all->y_label, all->threshold);
  guint kept[N_STAGE_SERIES];
  guint n_kept = 0;

  for (guint s = 0; s < all->series->len; s++)
    if (series_is_used (all, s))
      kept[n_kept++] = s;
  if (n_kept == 0)
    kept[n_kept++] = 0;

  for (guint c = 0; c < all->categories->len; c++)
    g_ptr_array_add (data->categories, g_strdup (g_ptr_array_index (all->categories, c)));
  for (guint b = 0; b < all->bars->len; b++)
    g_ptr_array_add (data->bars, g_strdup (g_ptr_array_index (all->bars, b)));
  for (guint k = 0; k < n_kept; k++)
    g_ptr_array_add (data->series, g_strdup (g_ptr_array_index (all->series, kept[k])));
  chart_allocate (data);

  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < data->bars->len; b++)
      for (guint k = 0; k < n_kept; k++)
        chart_set (data, c, b, k, pairings_chart_data_get (all, c, b, kept[k]));
  return data;
}

static PairingsChartData *
collect_participants (Context  *ctx,
                      guint     threshold,
                      GError  **error)
{
  static const char * const bars[] = { N_("Mentors"), N_("Mentees") };
  g_autoptr(PairingsChartData) all = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PairingsChartData *data;

  all = chart_new (PAIRINGS_CHART_PARTICIPANTS, _("Cohort"), _("People"), threshold);

  if (!list_cohorts (ctx, all, ids, error))
    return NULL;
  add_labels (all->bars, bars, G_N_ELEMENTS (bars));
  for (guint s = 0; s < N_STAGE_SERIES; s++)
    g_ptr_array_add (all->series, g_strdup (pairings_career_stage_get_label (series_stage (s))));
  chart_allocate (all);

  for (guint c = 0; c < ids->len; c++)
    if (!count_participants (ctx, g_array_index (ids, gint64, c), c, all, error))
      return NULL;

  data = drop_empty_series (all);
  /* Nobody accepted yet, anywhere: nothing to draw. */
  if (!series_is_used (data, 0))
    {
      g_ptr_array_set_size (data->categories, 0);
      chart_allocate (data);
    }
  return data;
}

/* Mentoring types */

static gboolean
count_mentoring_types (Context            *ctx,
                       PairingsChartData  *data,
                       GError            **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  /* DISTINCT: an application that lists a type twice asks for it once. */
  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT type, sum(role = 'mentee'), sum(role = 'mentor') FROM"
                                  " (SELECT DISTINCT a.id, a.role, trim(j.value) AS type"
                                  "  FROM applications a, json_each(a.mentoring_types) j"
                                  "  WHERE a.cohort_id = ? AND a.status = 'accepted'"
                                  "  AND j.type = 'text')"
                                  " WHERE type <> '' GROUP BY type ORDER BY count(*) DESC, type",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int mentees = sqlite3_column_int (stmt, 1);
      int mentors = sqlite3_column_int (stmt, 2);

      g_ptr_array_add (data->categories, column_dup (stmt, 0));
      g_array_append_val (counts, mentees);
      g_array_append_val (counts, mentors);
    }
  if (!query_done (ctx->store, stmt, rc, error))
    return FALSE;

  chart_allocate (data);
  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < 2; b++)
      chart_set (data, c, b, 0, g_array_index (counts, int, c * 2 + b));
  return TRUE;
}

static PairingsChartData *
collect_mentoring_types (Context  *ctx,
                         guint     threshold,
                         GError  **error)
{
  static const char * const bars[] = { N_("Mentees asking"), N_("Mentors offering") };
  PairingsChartData *data;

  data = chart_new (PAIRINGS_CHART_MENTORING_TYPES, _("Mentoring type"), _("People"), threshold);
  add_labels (data->bars, bars, G_N_ELEMENTS (bars));
  g_ptr_array_add (data->series, g_strdup (_("Applications")));
  if (!count_mentoring_types (ctx, data, error))
    g_clear_pointer (&data, pairings_chart_data_free);
  return data;
}

/* Funnel */

enum
{
  STEP_APPLIED,
  STEP_ACCEPTED,
  STEP_PAIRED,
  STEP_SIGNED,
  STEP_COMPLETED,
  N_STEPS
};

static gboolean
count_applied (Context           *ctx,
               PairingsChartData *data,
               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT role, count(*), sum(status = 'accepted') FROM applications"
                                  " WHERE cohort_id = ? GROUP BY role",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsRole role;

      if (!pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role))
        continue;
      chart_set (data, STEP_APPLIED, role, 0, sqlite3_column_int (stmt, 1));
      chart_set (data, STEP_ACCEPTED, role, 0, sqlite3_column_int (stmt, 2));
    }
  return query_done (ctx->store, stmt, rc, error);
}

static gboolean
count_paired (Context           *ctx,
              PairingsChartData *data,
              GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Bars are in the order of PairingsRole: mentees, then mentors. */
  G_STATIC_ASSERT (PAIRINGS_ROLE_MENTEE == 0 && PAIRINGS_ROLE_MENTOR == 1);
  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT count(DISTINCT mentee), count(DISTINCT CASE WHEN signed THEN mentee END),"
                                  " count(DISTINCT CASE WHEN done THEN mentee END),"
                                  " count(DISTINCT mentor), count(DISTINCT CASE WHEN signed THEN mentor END),"
                                  " count(DISTINCT CASE WHEN done THEN mentor END)"
                                  " FROM (SELECT p.mentee_application_id AS mentee,"
                                  "   p.mentor_application_id AS mentor, g.status = 'signed' AS signed,"
                                  "   p.outcome = 'completed' OR p.outcome = 'continues' AS done"
                                  "  FROM pairs p LEFT JOIN agreements g ON g.pair_id = p.id"
                                  "  WHERE p.cohort_id = ? AND p.stage = 'announced')",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (guint role = 0; role < PAIRINGS_N_ROLES; role++)
        for (guint k = 0; k < 3; k++)
          chart_set (data, STEP_PAIRED + k, role, 0, sqlite3_column_int (stmt, (int) (role * 3 + k)));
      rc = SQLITE_DONE;
    }
  return query_done (ctx->store, stmt, rc, error);
}

static PairingsChartData *
collect_funnel (Context  *ctx,
                guint     threshold,
                GError  **error)
{
  static const char * const steps[] = {
    N_("Applied"), N_("Accepted"), N_("Paired"), N_("Agreement signed"), N_("Completed")
  };
  static const char * const bars[] = { N_("Mentees"), N_("Mentors") };
  g_autoptr(PairingsChartData) data = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (steps) == N_STEPS);

  data = chart_new (PAIRINGS_CHART_FUNNEL, _("Step"), _("People"), threshold);
  add_labels (data->categories, steps, N_STEPS);
  add_labels (data->bars, bars, G_N_ELEMENTS (bars));
  g_ptr_array_add (data->series, g_strdup (_("Applications")));
  chart_allocate (data);

  if (!count_applied (ctx, data, error) ||
      !count_paired (ctx, data, error))
    return NULL;

  /* A cohort nobody applied to yet has no funnel. */
  if (pairings_chart_data_get (data, STEP_APPLIED, 0, 0) == 0 &&
      pairings_chart_data_get (data, STEP_APPLIED, 1, 0) == 0)
    {
      g_ptr_array_set_size (data->categories, 0);
      chart_allocate (data);
    }
  return g_steal_pointer (&data);
}

/* Check-ins */

enum
{
  CHECK_IN_MISSING = PAIRINGS_N_CHECK_IN_STATUSES,
  N_CHECK_IN_SERIES
};

/* Months are counted from year 0: 12 * year + month - 1. */
static gboolean
parse_month (const char *date,
             int        *month)
{
  if (!pairings_date_is_valid (date))
    return FALSE;
  *month = 12 * atoi (date) + atoi (date + 5) - 1;
  return TRUE;
}

static char *
month_label (int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (month / 12, month % 12 + 1, 1, 0, 0, 0);

  /* TRANSLATORS: a month along a chart's axis ("Apr 2025"), as
   * g_date_time_format() takes it */
  return g_date_time_format (dt, _("%b %Y"));
}

static int
count_announced (Context  *ctx,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int n = 0;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT count(*) FROM pairs"
                                  " WHERE cohort_id = ? AND stage = 'announced'",
                                  error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      rc = SQLITE_DONE;
    }
  return query_done (ctx->store, stmt, rc, error) ? n : -1;
}

/* The statuses of each pair's last check-in of each month, counted; the
 * rest of the @n_pairs are missing. */
static gboolean
count_check_ins (Context           *ctx,
                 PairingsChartData *data,
                 int                first,
                 int                n_pairs,
                 GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT month, status, count(*) FROM"
                                  " (SELECT substr(k.date, 1, 7) AS month, k.status,"
                                  "   row_number () OVER (PARTITION BY k.pair_id, substr(k.date, 1, 7)"
                                  "     ORDER BY k.date DESC, k.id DESC) AS n"
                                  "  FROM check_ins k JOIN pairs p ON p.id = k.pair_id"
                                  "  WHERE p.cohort_id = ? AND p.stage = 'announced')"
                                  " WHERE n = 1 GROUP BY month, status",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *day = g_strconcat ((const char *) sqlite3_column_text (stmt, 0), "-01", NULL);
      PairingsCheckInStatus status;
      int month;

      if (!parse_month (day, &month) || month < first ||
          (guint) (month - first) >= data->categories->len ||
          !pairings_check_in_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status))
        continue;
      chart_set (data, (guint) (month - first), 0, status, sqlite3_column_int (stmt, 2));
    }
  if (!query_done (ctx->store, stmt, rc, error))
    return FALSE;

  for (guint c = 0; c < data->categories->len; c++)
    {
      double reported = 0;

      for (guint s = 0; s < PAIRINGS_N_CHECK_IN_STATUSES; s++)
        reported += pairings_chart_data_get (data, c, 0, s);
      chart_set (data, c, 0, CHECK_IN_MISSING, n_pairs - reported);
    }
  return TRUE;
}

static PairingsChartData *
collect_check_ins (Context  *ctx,
                   guint     threshold,
                   GError  **error)
{
  static const char * const bars[] = { N_("Pairs") };
  PairingsChartData *data;
  const char *start = ctx->kick_off != NULL ? ctx->kick_off : ctx->announcement;
  int first = 0, last = 0, today = G_MAXINT, n_pairs;

  n_pairs = count_announced (ctx, error);
  if (n_pairs < 0)
    return NULL;

  data = chart_new (PAIRINGS_CHART_CHECK_INS, _("Month"), _("Pairs"), threshold);
  add_labels (data->bars, bars, G_N_ELEMENTS (bars));
  for (guint s = 0; s < PAIRINGS_N_CHECK_IN_STATUSES; s++)
    g_ptr_array_add (data->series, g_strdup (pairings_check_in_status_get_label (s)));
  /* TRANSLATORS: a pair without a check-in in a month */
  g_ptr_array_add (data->series, g_strdup (_("Missing")));

  parse_month (ctx->today, &today);
  if (n_pairs > 0 && parse_month (start, &first))
    {
      if (!parse_month (ctx->ends, &last))
        last = today;
      last = MIN (last, today);
      for (int m = first; m <= last; m++)
        g_ptr_array_add (data->categories, month_label (m));
    }
  chart_allocate (data);
  if (data->categories->len > 0 && !count_check_ins (ctx, data, first, n_pairs, error))
    g_clear_pointer (&data, pairings_chart_data_free);
  return data;
}

/* Ratings */

static gboolean
has_end_ratings (Context   *ctx,
                 gboolean  *end,
                 GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT EXISTS (SELECT 1 FROM evaluations WHERE cohort_id = ?"
                                  " AND survey = 'end' AND rating IS NOT NULL)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *end = sqlite3_column_int (stmt, 0) != 0;
      rc = SQLITE_DONE;
    }
  return query_done (ctx->store, stmt, rc, error);
}

/* The note of a question. When a cell of it is @hidden, the number of
 * answers is left out: it is the bar's total, and less the cells shown it
 * would give the sum of the hidden ones (and with a small cell at 1 and a
 * complementary one at the threshold, both of them).
 *
 * The mean alone does not give a hidden cell back. When a cell is hidden,
 * two or more are: a lone small cell gets a complementary one beside it
 * whenever anything else was answered, and when nothing else was, the
 * answers are fewer than the threshold and the note says only that. With
 * the number of answers hidden as well, the mean is a single equation,
 * rounded to a tenth, in at least two unknown counts, and many
 * combinations of them give the same note. */
static char *
rating_note (double   mean,
             guint    count,
             guint    threshold,
             gboolean hidden)
{
  if (count < threshold)
    /* TRANSLATORS: under the ratings of a survey question */
    return g_strdup_printf (ngettext ("fewer than %u answer", "fewer than %u answers", threshold),
                            threshold);
  if (hidden)
    /* TRANSLATORS: under the ratings of a survey question, the mean rating,
     * when some counts are hidden (then not the number of answers) */
    return g_strdup_printf (_("mean %.1f"), mean);
  /* TRANSLATORS: under the ratings of a survey question: the mean rating
   * and the number of people who gave one */
  return g_strdup_printf (ngettext ("mean %.1f · %u answer", "mean %.1f · %u answers", count),
                          mean, count);
}

static PairingsChartData *
collect_ratings (Context  *ctx,
                 guint     threshold,
                 GError  **error)
{
  static const char * const bars[] = { N_("Answers") };
  g_autoptr(PairingsChartData) data = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) means = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt;
  gboolean end = FALSE;
  int rc;

  data = chart_new (PAIRINGS_CHART_RATINGS, _("Question"), _("Answers"), threshold);
  add_labels (data->bars, bars, G_N_ELEMENTS (bars));
  for (guint r = 1; r <= 5; r++)
    g_ptr_array_add (data->series, g_strdup_printf ("%u", r));

  if (!has_end_ratings (ctx, &end, error))
    return NULL;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT question, sum(rating = 1), sum(rating = 2), sum(rating = 3),"
                                  " sum(rating = 4), sum(rating = 5), count(rating), avg(rating)"
                                  " FROM evaluations WHERE cohort_id = ? AND survey = ?"
                                  " GROUP BY question HAVING count(rating) > 0 ORDER BY min(id)",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ctx->cohort_id);
  _pairings_store_bind_text (stmt, 2, end ? "end" : "mid");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double mean = sqlite3_column_double (stmt, 7);

      g_ptr_array_add (data->categories, column_dup (stmt, 0));
      for (int r = 1; r <= 6; r++)
        {
          int n = sqlite3_column_int (stmt, r);
          g_array_append_val (counts, n);
        }
      g_array_append_val (means, mean);
    }
  if (!query_done (ctx->store, stmt, rc, error))
    return NULL;

  chart_allocate (data);
  for (guint c = 0; c < data->categories->len; c++)
    {
      const int *row = &g_array_index (counts, int, c * 6);

      for (guint s = 0; s < 5; s++)
        chart_set (data, c, 0, s, row[s]);
    }
  /* The notes depend on what is hidden. */
  chart_suppress (data);
  for (guint c = 0; c < data->categories->len; c++)
    {
      const int *row = &g_array_index (counts, int, c * 6);
      gboolean hidden = FALSE;

      for (guint s = 0; s < 5; s++)
        hidden = hidden || pairings_chart_data_is_suppressed (data, c, 0, s);
      g_free (g_ptr_array_index (data->notes, c));
      g_ptr_array_index (data->notes, c) = rating_note (g_array_index (means, double, c),
                                                        (guint) row[5], threshold, hidden);
    }
  return g_steal_pointer (&data);
}

/* Continuation */

static gboolean
count_continuation (Context           *ctx,
                    gint64             before,
                    gint64             now,
                    guint              category,
                    PairingsChartData *data,
                    GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT"
                                  " count(DISTINCT CASE WHEN a.role = 'mentor' AND b.role = 'mentor'"
                                  "   THEN a.person_id END),"
                                  " count(DISTINCT CASE WHEN a.role = 'mentee' AND b.role = 'mentee'"
                                  "   THEN a.person_id END),"
                                  " count(DISTINCT CASE WHEN a.role = 'mentor' AND b.role = 'mentee'"
                                  "   THEN a.person_id END),"
                                  " (SELECT count(*) FROM pairs p JOIN pairs q ON q.id = p.continues_from"
                                  "   WHERE p.cohort_id = ?1 AND q.cohort_id = ?2"
                                  "   AND p.stage <> 'set_aside')"
                                  " FROM applications a JOIN applications b ON b.person_id = a.person_id"
                                  " WHERE a.cohort_id = ?1 AND a.status = 'accepted'"
                                  " AND b.cohort_id = ?2 AND b.status = 'accepted'",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, before);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (guint s = 0; s < 4; s++)
        chart_set (data, category, 0, s, sqlite3_column_int (stmt, (int) s));
      rc = SQLITE_DONE;
    }
  return query_done (ctx->store, stmt, rc, error);
}

/* The cohorts up to ours, and who each kept from the cohort before it. */
static gboolean
fill_continuation (Context            *ctx,
                   PairingsChartData  *data,
                   GError            **error)
{
  static const char * const bars[] = { N_("From the cohort before") };
  static const char * const series[] = {
    N_("Mentors returning"), N_("Mentees returning"), N_("Mentees now mentors"), N_("Continuing pairs")
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!list_cohorts (ctx, data, ids, error))
    return FALSE;
  /* The first cohort has none before it to come back from. */
  if (data->categories->len > 0)
    g_ptr_array_remove_index (data->categories, 0);
  add_labels (data->bars, bars, G_N_ELEMENTS (bars));
  add_labels (data->series, series, G_N_ELEMENTS (series));
  chart_allocate (data);

  for (guint c = 0; c < data->categories->len; c++)
    if (!count_continuation (ctx, g_array_index (ids, gint64, c), g_array_index (ids, gint64, c + 1),
                             c, data, error))
      return FALSE;
  return TRUE;
}

static PairingsChartData *
collect_continuation (Context  *ctx,
                      guint     threshold,
                      GError  **error)
{
  PairingsChartData *data;

  data = chart_new (PAIRINGS_CHART_CONTINUATION, _("Cohort"), _("People"), threshold);
  if (!fill_continuation (ctx, data, error))
    g_clear_pointer (&data, pairings_chart_data_free);
  return data;
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

PairingsChartData *
pairings_charts_collect (PairingsStore      *store,
                         PairingsChartKind   kind,
                         gint64              cohort_id,
                         const char         *today,
                         GError            **error)
{
  static PairingsChartData *(*const collectors[]) (Context *, guint, GError **) = {
    collect_participants, collect_mentoring_types, collect_funnel,
    collect_check_ins, collect_ratings, collect_continuation,
  };
  g_auto(Context) ctx = { store, cohort_id, 0, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *now = NULL;
  PairingsChartData *data;
  guint threshold;

  G_STATIC_ASSERT (G_N_ELEMENTS (collectors) == PAIRINGS_N_CHART_KINDS);
  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) kind < PAIRINGS_N_CHART_KINDS, NULL);

  if (today == NULL)
    {
      now = today_string ();
      today = now;
    }
  if (!pairings_date_is_valid (today))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("“%s” is not a date"), today);
      return NULL;
    }
  ctx.today = today;

  if (!load_cohort (&ctx, error))
    return NULL;
  threshold = pairings_charts_get_threshold (store, ctx.programme_id, error);
  if (threshold == 0)
    return NULL;

  data = collectors[kind] (&ctx, threshold, error);
  if (data == NULL)
    return NULL;

  if (kind == PAIRINGS_CHART_PARTICIPANTS || kind == PAIRINGS_CHART_CONTINUATION)
    data->title = g_strdup (pairings_chart_kind_get_title (kind));
  else
    /* TRANSLATORS: a chart's title, then the cohort's name */
    data->title = g_strdup_printf (_("%s — %s"), pairings_chart_kind_get_title (kind), ctx.name);
  chart_suppress (data);
  return data;
}

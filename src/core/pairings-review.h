/* pairings-review.h: scores, recusals, decisions, and taking them back
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

/* A reviewer's score (1–5, or 0 for none yet) and note on an application. */
gboolean pairings_review_set          (PairingsStore  *store,
                                       gint64          application_id,
                                       const char     *reviewer,
                                       int             score,
                                       const char     *note,
                                       GError        **error);
/* A reviewer steps aside from an application (a conflict of interest):
 * the review stays, but no longer counts in the averages. */
gboolean pairings_review_recuse       (PairingsStore  *store,
                                       gint64          application_id,
                                       const char     *reviewer,
                                       gboolean        recused,
                                       GError        **error);
/* One decision for one or many applications, one step in the history. */
gboolean pairings_review_set_status   (PairingsStore  *store,
                                       const gint64   *application_ids,
                                       guint           n_ids,
                                       PairingsStatus  status,
                                       GError        **error);
/* The reviews of an application: reviewer, score (0 if none), note,
 * recused, as a GPtrArray of PairingsReview. */
typedef struct
{
  char     *reviewer;
  int       score;
  char     *note;
  gboolean  recused;
} PairingsReview;

GPtrArray *pairings_review_list       (PairingsStore  *store,
                                       gint64          application_id,
                                       GError        **error);
/* Mean and spread (standard deviation) of the scores that count. */
gboolean   pairings_review_summary    (PairingsStore  *store,
                                       gint64          application_id,
                                       double         *mean,
                                       double         *spread,
                                       guint          *count);

/* The form's other answers, as (question, answer) pairs: the columns the
 * mapping left out, kept with the application. */
GPtrArray *pairings_review_extra_answers (PairingsStore *store,
                                          gint64         application_id,
                                          GError       **error);
/* The person's applications in the other cohorts, one line each:
 * "2024 · mentee · accepted · paired with X (completed)". */
GPtrArray *pairings_review_history   (PairingsStore  *store,
                                       gint64          application_id,
                                       GError        **error);
/* The applications the reviewer has scored or recused from, in a cohort. */
GHashTable *pairings_review_done_by  (PairingsStore  *store,
                                       gint64          cohort_id,
                                       const char     *reviewer);

/* Undo and redo over the event log: decisions, reviews, recusals,
 * imports and suggested pairs. The label says what undoing (or redoing)
 * the next step does, in the past tense, as the toast after it shows. */
gboolean   pairings_history_can_undo  (PairingsStore  *store,
                                       char          **label);
gboolean   pairings_history_can_redo  (PairingsStore  *store,
                                       char          **label);
gboolean   pairings_history_undo      (PairingsStore  *store,
                                       GError        **error);
gboolean   pairings_history_redo      (PairingsStore  *store,
                                       GError        **error);

G_END_DECLS

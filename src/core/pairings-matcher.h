/* pairings-matcher.h: scored, explained suggestions of pairs for a cohort
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

typedef enum
{
  PAIRINGS_CRITERION_TYPES,
  PAIRINGS_CRITERION_STAGE,
  PAIRINGS_CRITERION_LOCATION,
  PAIRINGS_CRITERION_LANGUAGE,
  PAIRINGS_CRITERION_RETURNING,
  PAIRINGS_CRITERION_PRIORITY,
} PairingsCriterion;

#define PAIRINGS_N_CRITERIA 6

typedef enum
{
  PAIRINGS_INSTITUTION_DIFFER,
  PAIRINGS_INSTITUTION_PREFER_SAME,
  PAIRINGS_INSTITUTION_IGNORE,
} PairingsInstitutionRule;

typedef enum
{
  PAIRINGS_MODE_PARTICIPATION,
  PAIRINGS_MODE_THRESHOLD,
  PAIRINGS_MODE_FAIRNESS,
} PairingsMatchMode;

typedef struct
{
  int                     weights[PAIRINGS_N_CRITERIA];  /* 0–10 each */
  PairingsInstitutionRule institution;
  gboolean                experiment_differ;
  gboolean                mentor_more_senior;
  gboolean                exclusions;
  gboolean                capacity;
  PairingsMatchMode       mode;
  int                     threshold;                     /* τ, for the threshold mode */
} PairingsMatchSettings;

typedef struct
{
  PairingsCriterion  criterion;
  int                points;
  char              *text;      /* "+10 both: Career advancement", translated */
} PairingsContribution;

typedef struct
{
  gint64   mentee_id;
  gint64   mentor_id;
  char    *mentee_name;
  char    *mentor_name;
  int      score;
  gboolean pinned;             /* kept as the committee left it */
  GArray  *contributions;      /* PairingsContribution; they add up to score */
  gint64   alternative_id;     /* the best other mentor, or 0 */
  char    *alternative_name;
  int      alternative_score;
} PairingsSuggestion;

typedef struct
{
  gint64  mentee_id;
  char   *name;
  char   *reason;              /* translated */
} PairingsUnmatched;

typedef struct
{
  GPtrArray *pairs;            /* PairingsSuggestion, pinned ones first */
  GPtrArray *unmatched;        /* PairingsUnmatched */
  gint64     total;            /* of the new suggestions */
  int        median;
  int        minimum;
  guint      pinned;
  gboolean   certificate;
  double     seconds;
} PairingsMatchResult;

void                 pairings_match_settings_init    (PairingsMatchSettings        *settings);
gboolean             pairings_match_settings_load    (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      PairingsMatchSettings        *settings,
                                                      GError                      **error);
gboolean             pairings_match_settings_save    (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      const PairingsMatchSettings  *settings,
                                                      GError                      **error);
const char          *pairings_criterion_get_label    (PairingsCriterion             criterion);

PairingsMatchResult *pairings_matcher_run            (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      const PairingsMatchSettings  *settings,
                                                      GCancellable                 *cancellable,
                                                      GError                      **error);
/* Puts the new suggestions on the board as "suggested" pairs, in place of
 * the unlocked suggestions there; nothing the committee kept is touched. */
gboolean             pairings_matcher_apply          (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      PairingsMatchResult          *result,
                                                      gint64                       *event_id,
                                                      GError                      **error);
/* Takes the suggestions of an apply back, and puts back those it replaced. */
gboolean             pairings_matcher_undo           (PairingsStore                *store,
                                                      gint64                        event_id,
                                                      GError                      **error);
typedef struct
{
  gint64 application_id;
  int    score;
} PairingsCandidate;

GArray              *pairings_matcher_rank_candidates (PairingsStore                *store,
                                                       gint64                        cohort_id,
                                                       const PairingsMatchSettings  *settings,
                                                       gint64                        application_id,
                                                       GError                      **error);
/* The free mentees × mentor places matrix, in `pairings-cli solve` form. */
gboolean             pairings_matcher_dump_scores    (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      const PairingsMatchSettings  *settings,
                                                      const char                   *path,
                                                      GError                      **error);
/* "Never pair": the committee's exclusions, by the two people's e-mail
 * addresses in the cohort. Removing one that is not there is an error. */
gboolean             pairings_matcher_exclude        (PairingsStore                *store,
                                                      gint64                        cohort_id,
                                                      const char                   *mentee_email,
                                                      const char                   *mentor_email,
                                                      const char                   *reason,
                                                      gboolean                      remove,
                                                      GError                      **error);
char                *pairings_match_result_to_json   (PairingsMatchResult          *result);
char                *pairings_match_result_to_text   (PairingsMatchResult          *result);
void                 pairings_match_result_free      (PairingsMatchResult          *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsMatchResult, pairings_match_result_free)

G_END_DECLS

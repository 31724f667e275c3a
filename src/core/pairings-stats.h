/* pairings-stats.h: counts per cohort, for `stats` and the window
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  cohort_id;
  char   *cohort;
  char   *programme;
  int     pair_limit;  /* -1 when the cohort sets none */
  guint   applications[PAIRINGS_N_ROLES][PAIRINGS_N_STATUSES];
  guint   returning[PAIRINGS_N_ROLES];
  guint   mentor_places;  /* total capacity of the accepted mentors */
  guint   pairs[PAIRINGS_N_STAGES];
  guint   agreements_signed;
  guint   check_ins;
  guint   evaluations;
} PairingsCohortStats;

void       pairings_cohort_stats_free      (PairingsCohortStats *stats);
guint      pairings_cohort_stats_role_total (const PairingsCohortStats *stats,
                                             PairingsRole               role);
guint      pairings_cohort_stats_pair_total (const PairingsCohortStats *stats);

/* Every cohort when @cohort is NULL. */
GPtrArray *pairings_stats_collect          (PairingsStore   *store,
                                            PairingsCohort  *cohort,
                                            GError         **error);
char      *pairings_stats_to_json          (GPtrArray       *stats);
char      *pairings_stats_to_text          (GPtrArray       *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsCohortStats, pairings_cohort_stats_free)

G_END_DECLS

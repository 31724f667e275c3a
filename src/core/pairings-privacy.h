/* pairings-privacy.h: forgetting a person, anonymising a closed cohort
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

/* What a deletion or an anonymisation would touch, for the question the
 * user answers before it happens. */
typedef struct
{
  char  *name;          /* the person's name (deletion only) */
  char  *email;
  guint  cohorts;
  guint  applications;
  guint  people;        /* anonymisation: the people whose names go */
  guint  pairs;
  guint  reviews;
  guint  evaluations;
  guint  events;        /* entries of the event log deleted or scrubbed */
} PairingsPrivacySummary;

void     pairings_privacy_summary_free      (PairingsPrivacySummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsPrivacySummary, pairings_privacy_summary_free)

/* @who is an e-mail address (any case) or a person's id in decimal. */
PairingsPrivacySummary *pairings_privacy_describe_person (PairingsStore  *store,
                                                          const char     *who,
                                                          GError        **error);
/* Removes every trace of the person, the event log included; cannot be
 * undone. The deleted bytes are overwritten in the file. */
gboolean pairings_privacy_delete_person     (PairingsStore  *store,
                                             const char     *who,
                                             GError        **error);

PairingsPrivacySummary *pairings_privacy_describe_cohort (PairingsStore  *store,
                                                          gint64          cohort_id,
                                                          GError        **error);
/* Replaces the names, e-mails and free text of a cohort that has ended,
 * keeping what the charts count; cannot be undone. */
gboolean pairings_privacy_anonymise_cohort  (PairingsStore  *store,
                                             gint64          cohort_id,
                                             GError        **error);

G_END_DECLS

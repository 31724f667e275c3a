/* pairings-cohort.h: one year's round of a programme
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pairings-types.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_COHORT (pairings_cohort_get_type ())

G_DECLARE_FINAL_TYPE (PairingsCohort, pairings_cohort, PAIRINGS, COHORT, GObject)

gint64      pairings_cohort_get_id             (PairingsCohort *self);
gint64      pairings_cohort_get_programme_id   (PairingsCohort *self);
const char *pairings_cohort_get_programme_name (PairingsCohort *self);
const char *pairings_cohort_get_name           (PairingsCohort *self);
const char *pairings_cohort_get_call_opens     (PairingsCohort *self);
const char *pairings_cohort_get_deadline       (PairingsCohort *self);
const char *pairings_cohort_get_announcement   (PairingsCohort *self);
const char *pairings_cohort_get_kick_off       (PairingsCohort *self);
const char *pairings_cohort_get_ends           (PairingsCohort *self);
int         pairings_cohort_get_pair_limit     (PairingsCohort *self);

G_END_DECLS

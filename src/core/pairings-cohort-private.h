/* pairings-cohort-private.h
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-cohort.h"

G_BEGIN_DECLS

PairingsCohort *_pairings_cohort_new (gint64                     id,
                                      gint64                     programme_id,
                                      const char                *programme_name,
                                      const char                *name,
                                      const PairingsCohortDates *dates,
                                      int                        pair_limit);

G_END_DECLS

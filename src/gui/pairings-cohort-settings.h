/* pairings-cohort-settings.h: how a cohort's pairs are suggested
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-cohort.h"
#include "pairings-matcher.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_COHORT_SETTINGS (pairings_cohort_settings_get_type ())

G_DECLARE_FINAL_TYPE (PairingsCohortSettings, pairings_cohort_settings, PAIRINGS, COHORT_SETTINGS,
                      AdwPreferencesWindow)

PairingsCohortSettings *pairings_cohort_settings_new     (GtkWindow              *parent,
                                                          PairingsStore          *store,
                                                          PairingsCohort         *cohort,
                                                          GError                **error);
/* Shows @settings as if the user had set them, saving each change. */
void                    pairings_cohort_settings_set     (PairingsCohortSettings *self,
                                                          const PairingsMatchSettings *settings);

G_END_DECLS

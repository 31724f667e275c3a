/* pairings-app.h: the application, one window per database file
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PAIRINGS_TYPE_APP (pairings_app_get_type ())

G_DECLARE_FINAL_TYPE (PairingsApp, pairings_app, PAIRINGS, APP, AdwApplication)

PairingsApp *pairings_app_new          (void);
GSettings   *pairings_app_get_settings (PairingsApp *self);

G_END_DECLS

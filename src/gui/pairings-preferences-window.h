/* pairings-preferences-window.h
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PAIRINGS_TYPE_PREFERENCES_WINDOW (pairings_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PairingsPreferencesWindow, pairings_preferences_window,
                      PAIRINGS, PREFERENCES_WINDOW, AdwPreferencesWindow)

PairingsPreferencesWindow *pairings_preferences_window_new (GSettings *settings);

G_END_DECLS

/* pairings-window.h: the main window, showing one database
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-app.h"
#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_WINDOW (pairings_window_get_type ())

G_DECLARE_FINAL_TYPE (PairingsWindow, pairings_window, PAIRINGS, WINDOW, AdwApplicationWindow)

PairingsWindow *pairings_window_new               (PairingsApp    *app,
                                                   const char     *database_path);
const char     *pairings_window_get_database_path (PairingsWindow *self);
PairingsStore  *pairings_window_get_store         (PairingsWindow *self);
PairingsCohort *pairings_window_get_cohort        (PairingsWindow *self);
gboolean        pairings_window_open_database     (PairingsWindow *self,
                                                   const char     *path,
                                                   GError        **error);
/* "no-database", "welcome" or "programme", then the page within it */
const char     *pairings_window_get_state         (PairingsWindow *self);
const char     *pairings_window_get_page          (PairingsWindow *self);
gboolean        pairings_window_is_busy           (PairingsWindow *self);
/* The event of the last "Suggest Pairs", for its undo; 0 when none. */
gint64          pairings_window_get_last_match_event (PairingsWindow *self);
/* Opens the import assistant on @path, as Import… does after the chooser. */
void            pairings_window_import_file       (PairingsWindow *self,
                                                   const char     *path);

G_END_DECLS

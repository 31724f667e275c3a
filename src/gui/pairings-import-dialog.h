/* pairings-import-dialog.h: the import assistant
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-import.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_IMPORT_DIALOG (pairings_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PairingsImportDialog, pairings_import_dialog, PAIRINGS, IMPORT_DIALOG, AdwWindow)

/* Fails, with nothing shown, when the file cannot be read as CSV at all. */
PairingsImportDialog *pairings_import_dialog_new          (GtkWindow            *parent,
                                                           PairingsStore        *store,
                                                           gint64                cohort_id,
                                                           const char           *csv_path,
                                                           GError              **error);
PairingsMapping      *pairings_import_dialog_get_mapping  (PairingsImportDialog *self);
const char           *pairings_import_dialog_get_page     (PairingsImportDialog *self);
PairingsImportReport *pairings_import_dialog_get_report   (PairingsImportDialog *self);
void                  pairings_import_dialog_set_role     (PairingsImportDialog *self,
                                                           PairingsRole          role);

G_END_DECLS

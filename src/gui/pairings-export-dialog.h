/* pairings-export-dialog.h: CSV files for spreadsheets and mail merges
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-cohort.h"
#include "pairings-export.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_EXPORT_DIALOG (pairings_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PairingsExportDialog, pairings_export_dialog, PAIRINGS, EXPORT_DIALOG, AdwWindow)

PairingsExportDialog *pairings_export_dialog_new   (GtkWindow            *parent,
                                                    PairingsStore        *store,
                                                    PairingsCohort       *cohort);
/* Writes the chosen export to @path, as the file chooser's answer does. */
gboolean              pairings_export_dialog_write (PairingsExportDialog *self,
                                                    const char           *path,
                                                    GError              **error);
void                  pairings_export_dialog_set_options (PairingsExportDialog *self,
                                                          PairingsExportKind    kind,
                                                          gboolean              bom,
                                                          gboolean              confidential);

G_END_DECLS

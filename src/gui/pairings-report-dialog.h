/* pairings-report-dialog.h: what an import of a form's answers did
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-form-import.h"

G_BEGIN_DECLS

/* A dialog over @parent's window that says what an import of survey
 * answers did (@report, may be NULL) or why it failed (@error, may be
 * NULL), line by line for the rows it skipped; scrolls when long. */
void pairings_show_import_report (GtkWidget                *parent,
                                  const char               *title,
                                  PairingsFormImportReport *report,
                                  GError                   *error);

G_END_DECLS

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

/* Called with the CSV file the user chose for @what (an import's kind). */
typedef void (*PairingsCsvChosen) (GtkWidget  *page,
                                   const char *what,
                                   const char *path);

/* Asks for a form's CSV export to import, titled @title, over @page's
 * window; calls @chosen with @what once a local file is chosen. */
void pairings_choose_csv_file (GtkWidget         *page,
                               const char        *title,
                               const char        *what,
                               PairingsCsvChosen  chosen);

G_END_DECLS

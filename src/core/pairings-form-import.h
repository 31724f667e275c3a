/* pairings-form-import.h: what the imports of a form's answers report
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-up import (agreements, check-ins) and the evaluation import
 * (survey answers) read a web form's CSV export the same way and tell what
 * they did in the same report.
 */

#pragma once

#include <gio/gio.h>

#include "pairings-csv.h"

G_BEGIN_DECLS

#define PAIRINGS_FORM_IMPORT_ERROR (pairings_form_import_error_quark ())

typedef enum
{
  PAIRINGS_FORM_IMPORT_ERROR_MISSING_COLUMN,  /* a required column is not there */
  PAIRINGS_FORM_IMPORT_ERROR_NO_ROWS,         /* a header and nothing else */
  PAIRINGS_FORM_IMPORT_ERROR_REJECTED,        /* strict, and some rows were bad */
  PAIRINGS_FORM_IMPORT_ERROR_BAD_COLUMN,      /* two columns with one name */
} PairingsFormImportError;

typedef struct
{
  guint  line;    /* the physical line where the row starts */
  char  *field;   /* the column's header as the file writes it, or NULL: the row */
  char  *reason;  /* translated */
} PairingsFormImportProblem;

typedef struct
{
  char                *file_name;
  PairingsCsvEncoding  encoding;
  char                 delimiter;
  guint                rows;       /* rows after the header */
  guint                applied;    /* rows that changed something */
  guint                updated;    /* of those, rows that replaced what was there */
  guint                unchanged;  /* rows already in the database */
  GArray              *skipped;    /* PairingsFormImportProblem, in the file's order */
  gint64               event_id;   /* the event in the history; 0 when nothing was written */
} PairingsFormImportReport;

GQuark   pairings_form_import_error_quark    (void);
void     pairings_form_import_report_free    (PairingsFormImportReport *report);
/* {"applied":N,"unchanged":N,"skipped":[{"line":L,"field":"…","reason":"…"},…]} */
char    *pairings_form_import_report_to_json (PairingsFormImportReport *report);
/* A few translated lines for people. */
char    *pairings_form_import_report_to_text (PairingsFormImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsFormImportReport, pairings_form_import_report_free)

G_END_DECLS

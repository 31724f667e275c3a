/* pairings-import.h: applications in from a form's CSV export
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pairings-csv.h"
#include "pairings-demo.h"
#include "pairings-mapping.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_IMPORT_ERROR (pairings_import_error_quark ())

typedef enum
{
  PAIRINGS_IMPORT_ERROR_REJECTED,   /* --strict and some rows were bad */
  PAIRINGS_IMPORT_ERROR_NO_ROWS,    /* a header and nothing else */
  PAIRINGS_IMPORT_ERROR_NOTHING_TO_UNDO,
} PairingsImportError;

typedef struct
{
  guint  line;
  char  *field;   /* the canonical field, or NULL for the whole row */
  char  *message; /* translated */
} PairingsImportProblem;

typedef struct
{
  char                *file_name;
  PairingsCsvEncoding  encoding;
  char                 delimiter;
  guint                rows;
  guint                imported;   /* new applications */
  guint                updated;    /* later resubmissions that replaced one */
  guint                unchanged;  /* not later than the application there */
  guint                returning;  /* people known from an earlier cohort */
  GArray              *skipped;    /* PairingsImportProblem: rows left out */
  GArray              *notes;      /* PairingsImportProblem: kept, but worth a look */
  gint64               event_id;   /* the event to undo; 0 when nothing was written */
} PairingsImportReport;

typedef struct
{
  gint64           cohort_id;
  PairingsRole     role;      /* unless the file has a role column */
  PairingsMapping *mapping;   /* NULL: recognise the headers */
  gboolean         strict;    /* refuse the whole file for one bad row */
  gboolean         dry_run;   /* report, write nothing */
} PairingsImportOptions;

GQuark   pairings_import_error_quark    (void);
void     pairings_import_report_free    (PairingsImportReport *report);
char    *pairings_import_report_to_json (PairingsImportReport *report);
char    *pairings_import_report_to_text (PairingsImportReport *report);

/* Imports in one transaction: on any error, cancellation or --strict
 * refusal, the database is as it was. The report is set whenever the file
 * could be read, also when FALSE is returned for a strict refusal. */
gboolean pairings_import_stream         (PairingsStore                *store,
                                         GInputStream                 *stream,
                                         const char                   *display_name,
                                         goffset                       size,
                                         const PairingsImportOptions  *options,
                                         PairingsProgressFunc          progress,
                                         gpointer                      user_data,
                                         GCancellable                 *cancellable,
                                         PairingsImportReport        **report,
                                         GError                      **error);
gboolean pairings_import_file           (PairingsStore                *store,
                                         const char                   *path,
                                         const PairingsImportOptions  *options,
                                         PairingsProgressFunc          progress,
                                         gpointer                      user_data,
                                         GCancellable                 *cancellable,
                                         PairingsImportReport        **report,
                                         GError                      **error);
/* Takes back a whole import: its new applications and people go, the
 * applications it replaced come back, confidential answers included. */
gboolean pairings_import_undo           (PairingsStore                *store,
                                         gint64                        event_id,
                                         GError                      **error);
/* "2025/02/14 10:31:05 AM GMT+1", "14/02/2025 10:31", ISO 8601… as UTC
 * ISO 8601, or NULL when the text is not a time. */
char    *pairings_parse_timestamp       (const char                   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsImportReport, pairings_import_report_free)

G_END_DECLS

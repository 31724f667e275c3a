/* pairings-export.h: CSV files for mail merges, spreadsheets and reports
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pairings-store.h"

G_BEGIN_DECLS

typedef enum
{
  PAIRINGS_EXPORT_APPLICATIONS,
  PAIRINGS_EXPORT_ROSTER,
  PAIRINGS_EXPORT_PAIRS,
  PAIRINGS_EXPORT_AGREEMENTS,
} PairingsExportKind;

#define PAIRINGS_EXPORT_N_KINDS 4

typedef enum
{
  PAIRINGS_EXPORT_FLAGS_NONE           = 0,
  PAIRINGS_EXPORT_BOM                  = 1 << 0,  /* the byte order mark Excel wants */
  PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL = 1 << 1,  /* pronouns and identity groups */
} PairingsExportFlags;

gboolean    pairings_export_kind_from_string (const char           *str,
                                              PairingsExportKind   *kind);
const char *pairings_export_kind_to_string   (PairingsExportKind    kind);
const char *pairings_export_kind_get_label   (PairingsExportKind    kind);

gboolean    pairings_export_write            (PairingsStore        *store,
                                              PairingsExportKind    kind,
                                              gint64                cohort_id,
                                              PairingsExportFlags   flags,
                                              GOutputStream        *out,
                                              GCancellable         *cancellable,
                                              GError              **error);

/* Writes to @path atomically (temporary file in the same folder, mode 0600
 * since exports hold personal data, then rename). */
gboolean    pairings_export_to_file          (PairingsStore        *store,
                                              PairingsExportKind    kind,
                                              gint64                cohort_id,
                                              PairingsExportFlags   flags,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GError              **error);

/* "Name <email>, Name <email>" for the roster of a cohort (both people of
 * every pair not set aside, each once), for a BCC field; names containing
 * RFC 5322 specials are quoted. */
char       *pairings_export_email_list       (PairingsStore        *store,
                                              gint64                cohort_id,
                                              GError              **error);

/* One CSV cell, appended to @out with RFC 4180 quoting and formula-injection
 * prefixing: exposed for tests and for the import's round trip. */
void        pairings_csv_append_cell         (GString              *out,
                                              const char           *value);

G_END_DECLS

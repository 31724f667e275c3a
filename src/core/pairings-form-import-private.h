/* pairings-form-import-private.h: what the imports of a form's answers share
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import keeps a PairingsForm (the file's header, the columns it
 * recognised, the report) and gives _pairings_form_import() its steps:
 * that reads the header, then, in one transaction, every row, and applies
 * them; on an error, a cancellation or a strict refusal the transaction is
 * rolled back, and a dry run is a real run that is rolled back, so its
 * report is exact.
 */

#pragma once

#include "pairings-form-import.h"
#include "pairings-store-private.h"

G_BEGIN_DECLS

#define PAIRINGS_FORM_MAX_COLUMNS 8

typedef struct
{
  PairingsFormImportReport *report;
  GPtrArray                *headers;     /* trimmed, as in the file */
  GPtrArray                *normalized;  /* pairings_normalize_label() of each */
  int                       columns[PAIRINGS_FORM_MAX_COLUMNS];  /* recognised, or -1 */
} PairingsForm;

typedef struct
{
  /* After the header: recognises the columns, or fails. */
  gboolean (*find_columns) (gpointer      import,
                            GError      **error);
  /* In the transaction, before the first row; may be NULL. */
  gboolean (*prepare)      (gpointer      import,
                            GError      **error);
  /* A row with as many fields as the header, all valid UTF-8: keeps what
   * it asks for, or tells why not with _pairings_form_skip(). */
  void     (*read_row)     (gpointer      import,
                            GPtrArray    *fields,
                            guint         line);
  /* Writes what the rows asked for; logs the event if @log and something
   * changed. */
  gboolean (*apply)        (gpointer      import,
                            gboolean      log,
                            GCancellable *cancellable,
                            GError      **error);
} PairingsFormSteps;

/* The whole import. @import is handed to the steps; @max_bytes, when not
 * 0, refuses a longer file. @report is set as the public functions say. */
gboolean      _pairings_form_import         (PairingsForm              *form,
                                             gpointer                   import,
                                             const PairingsFormSteps   *steps,
                                             PairingsStore             *store,
                                             gint64                     cohort_id,
                                             GInputStream              *stream,
                                             const char                *display_name,
                                             gboolean                   strict,
                                             gboolean                   dry_run,
                                             guint64                    max_bytes,
                                             GCancellable              *cancellable,
                                             PairingsFormImportReport **report,
                                             GError                   **error);
/* The file at @path to read, with its name for messages; refuses a folder
 * and (when not 0) a file longer than @max_bytes. */
GInputStream *_pairings_form_open           (const char                *path,
                                             char                     **display_name,
                                             guint64                    max_bytes,
                                             GCancellable              *cancellable,
                                             GError                   **error);
void          _pairings_form_clear          (PairingsForm              *form);

/* The first free column named exactly as one of @names (in their order),
 * or else the first whose header has one of @words as whole words, and one
 * of @also when given, and none of @without; -1 without one. @words may be
 * NULL: names only. Headers and lists are pairings_normalize_label()'s. */
int           _pairings_form_find_column    (PairingsForm              *form,
                                             const char * const        *names,
                                             const char * const        *words,
                                             const char * const        *also,
                                             const char * const        *without);
/* The respondent's e-mail column ("Email", "Adresse e-mail"…), as
 * columns[@slot], or an error that lists the file's columns. */
gboolean      _pairings_form_find_email     (PairingsForm              *form,
                                             guint                      slot,
                                             GError                   **error);
gboolean      _pairings_form_missing_column (PairingsForm              *form,
                                             const char                *what,
                                             GError                   **error);
extern const char * const _pairings_form_email_words[];
extern const char * const _pairings_form_partner_words[];

/* The trimmed text of columns[@slot] in @fields, in place, or NULL when
 * the file has no such column. */
const char   *_pairings_form_cell           (PairingsForm              *form,
                                             GPtrArray                 *fields,
                                             guint                      slot);
void          _pairings_form_skip           (PairingsForm              *form,
                                             guint                      line,
                                             int                        column,
                                             const char                *format,
                                             ...) G_GNUC_PRINTF (4, 5);

/* The calendar date written at the start of @text, as an ISO date, or
 * NULL: "2025-04-12", "2025-04-12T10:31:02" (any time or zone after it),
 * "2025/04/12 10:31:02 AM GMT+2", and "12/04/2025", "12.04.2025",
 * "12-04-25" as day, month, year; only when the day cannot be first
 * ("4/25/2025") as month, day, year. @rest, if not NULL, is set to what
 * follows the date. */
char         *_pairings_form_parse_date     (const char                *text,
                                             const char               **rest);

/* The date in columns[@slot] of @fields as an ISO date in @date, and in
 * @rest what follows it (a time, a zone); an empty cell gives NULL when
 * @optional. FALSE, with the reason in the report, when the cell is
 * empty and required, is not a date, or is after @today. */
gboolean      _pairings_form_read_date      (PairingsForm              *form,
                                             GPtrArray                 *fields,
                                             guint                      line,
                                             guint                      slot,
                                             const char                *today,
                                             gboolean                   optional,
                                             char                     **date,
                                             const char               **rest);

/* Sets the report's event id to the last event of @action. */
gboolean      _pairings_form_note_event     (PairingsForm              *form,
                                             PairingsStore             *store,
                                             const char                *action,
                                             GError                   **error);

static inline gboolean
_pairings_form_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

G_END_DECLS

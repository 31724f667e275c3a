/* pairings-csv.h: reading the CSV files that web forms export
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PAIRINGS_CSV_ERROR (pairings_csv_error_quark ())

typedef enum
{
  PAIRINGS_CSV_ERROR_EMPTY,        /* nothing, or only a byte order mark */
  PAIRINGS_CSV_ERROR_BINARY,       /* NUL bytes: not text */
  PAIRINGS_CSV_ERROR_ENCODING,     /* bytes that do not decode */
  PAIRINGS_CSV_ERROR_SYNTAX,       /* a quote that is never closed */
  PAIRINGS_CSV_ERROR_TOO_LARGE,    /* a field or a row beyond the limits */
} PairingsCsvError;

typedef enum
{
  PAIRINGS_CSV_UTF8,
  PAIRINGS_CSV_UTF8_BOM,
  PAIRINGS_CSV_UTF16LE,
  PAIRINGS_CSV_UTF16BE,
  PAIRINGS_CSV_WINDOWS_1252,
} PairingsCsvEncoding;

/* Limits that keep a hostile file from taking the memory of the machine. */
#define PAIRINGS_CSV_MAX_FIELD  (1024 * 1024)
#define PAIRINGS_CSV_MAX_FIELDS 1000

typedef struct _PairingsCsvReader PairingsCsvReader;

/* A record in one block of memory: free it with g_free(). @fields[i] is
 * NUL-terminated, @lengths[i] bytes long, and @fields ends with NULL. */
typedef struct
{
  guint      n_fields;
  guint      line;       /* the physical line it starts on, 1 for the header */
  gboolean   oversized;  /* a field or the number of fields past the limits */
  char     **fields;
  gsize     *lengths;
} PairingsCsvRecord;

GQuark              pairings_csv_error_quark          (void);
const char         *pairings_csv_encoding_get_label   (PairingsCsvEncoding  encoding);

PairingsCsvReader  *pairings_csv_reader_new           (GInputStream        *stream,
                                                       const char          *display_name,
                                                       GError             **error);
PairingsCsvReader  *pairings_csv_reader_new_for_path  (const char          *path,
                                                       GError             **error);
void                pairings_csv_reader_free          (PairingsCsvReader   *reader);
PairingsCsvEncoding pairings_csv_reader_get_encoding  (PairingsCsvReader   *reader);
char                pairings_csv_reader_get_delimiter (PairingsCsvReader   *reader);
const char         *pairings_csv_reader_get_name      (PairingsCsvReader   *reader);
guint64             pairings_csv_reader_get_bytes_read (PairingsCsvReader  *reader);

/* Reads the next record. Returns FALSE at the end of the file (with @error
 * unset) or on an error. @fields holds UTF-8 strings, except where the file
 * itself had invalid UTF-8: check with g_utf8_validate(). @line is the
 * physical line on which the record starts, 1 for the header. @oversized
 * is set when a field or the number of fields went past the limits: the
 * record is then incomplete and must be reported, not used. */
gboolean            pairings_csv_reader_next          (PairingsCsvReader   *reader,
                                                       GPtrArray          **fields,
                                                       guint               *line,
                                                       gboolean            *oversized,
                                                       GError             **error);

/* The same as a record of its own, without a copy of every field: what a
 * large import reads. @record must point to NULL. */
gboolean            pairings_csv_reader_next_record   (PairingsCsvReader   *reader,
                                                       PairingsCsvRecord  **record,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsCsvReader, pairings_csv_reader_free)

G_END_DECLS

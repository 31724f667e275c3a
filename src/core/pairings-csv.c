/* pairings-csv.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read in chunks, decoded to UTF-8, cut into physical lines
 * (LF, CRLF or a lone CR) and each line handed to libcsv. Feeding whole
 * lines is what lets every record carry the line it starts on, for error
 * messages a coordinator can act on, while memory holds only the records
 * in flight.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "pairings-csv.h"

#define CHUNK_SIZE (64 * 1024)

/* A physical line, or a quoted field over several, longer than this is not
 * a form's answer: stop before it takes the memory (a large file without
 * line ends, a quote that is never closed at the top of a large file). */
#define MAX_PENDING (16 * 1024 * 1024)

struct _PairingsCsvReader
{
  GInputStream        *stream;
  char                *name;
  PairingsCsvEncoding  encoding;
  char                 delimiter;
  GIConv               iconv;

  GByteArray          *raw;        /* bytes read, not decoded yet */
  GString             *text;       /* decoded, not fed to libcsv yet */
  gsize                text_pos;
  gsize                scanned;    /* bytes of text known to hold no line end */
  guint64              bytes_read;
  gboolean             eof;
  gboolean             finished;

  struct csv_parser    parser;
  /* The record being parsed: its fields' bytes, each followed by a NUL,
   * and their lengths. A record ends up in one block of memory. */
  GString             *record_bytes;
  GArray              *record_lengths;
  guint                record_line;
  gboolean             record_oversized;
  gboolean             record_open;  /* a field of it has been seen */
  gboolean             in_record;    /* a line of it has been fed */
  guint                line;       /* the physical line fed next */
  GQueue               ready;
};

G_DEFINE_QUARK (pairings-csv-error-quark, pairings_csv_error)

const char *
pairings_csv_encoding_get_label (PairingsCsvEncoding encoding)
{
  switch (encoding)
    {
    case PAIRINGS_CSV_UTF8:         return "UTF-8";
    case PAIRINGS_CSV_UTF8_BOM:     return _("UTF-8 with byte order mark");
    case PAIRINGS_CSV_UTF16LE:      return "UTF-16 LE";
    case PAIRINGS_CSV_UTF16BE:      return "UTF-16 BE";
    case PAIRINGS_CSV_WINDOWS_1252: return _("Windows-1252 (Western European)");
    default:                        return "?";
    }
}

static void
open_record (PairingsCsvReader *self,
             guint              line)
{
  self->record_open = TRUE;
  self->record_line = line;
  self->record_oversized = FALSE;
  g_string_truncate (self->record_bytes, 0);
  g_array_set_size (self->record_lengths, 0);
}

/* The record as one allocation: the structure, the field pointers (with a
 * NULL after the last), the lengths, then the text. */
static PairingsCsvRecord *
close_record (PairingsCsvReader *self)
{
  guint n = self->record_lengths->len;
  gsize size = sizeof (PairingsCsvRecord) + (n + 1) * sizeof (char *) + n * sizeof (gsize) +
               self->record_bytes->len;
  PairingsCsvRecord *record = g_malloc (size);
  char *text;
  gsize offset = 0;

  record->n_fields = n;
  record->line = self->record_line;
  record->oversized = self->record_oversized;
  record->fields = (char **) (record + 1);
  record->lengths = (gsize *) (record->fields + n + 1);
  text = (char *) (record->lengths + n);
  if (self->record_bytes->len > 0)
    memcpy (text, self->record_bytes->str, self->record_bytes->len);
  for (guint i = 0; i < n; i++)
    {
      gsize length = g_array_index (self->record_lengths, gsize, i);

      record->fields[i] = text + offset;
      record->lengths[i] = length;
      offset += length + 1;
    }
  record->fields[n] = NULL;

  /* open_record() empties the buffers for the next one. */
  self->record_open = FALSE;
  return record;
}

/* libcsv callbacks ---------------------------------------------------------- */

static void
on_field (void   *data,
          size_t  length,
          void   *user_data)
{
  PairingsCsvReader *self = user_data;

  if (!self->record_open)
    open_record (self, self->line);

  if (self->record_lengths->len >= PAIRINGS_CSV_MAX_FIELDS || length > PAIRINGS_CSV_MAX_FIELD)
    {
      self->record_oversized = TRUE;
      return;
    }

  if (length > 0)
    g_string_append_len (self->record_bytes, data, (gssize) length);
  g_string_append_c (self->record_bytes, '\0');
  g_array_append_val (self->record_lengths, length);
}

static void
on_record (int   terminator,
           void *user_data)
{
  PairingsCsvReader *self = user_data;

  if (!self->record_open)
    open_record (self, self->line);
  g_queue_push_tail (&self->ready, close_record (self));
  self->in_record = FALSE;
}

/* Keeps every byte of a field, spaces and tabs included: trimming is the
 * importer's business, and a tab may be the delimiter. */
static int
no_space (unsigned char c)
{
  return 0;
}

/* Decoding ------------------------------------------------------------------ */

/* The 0x80–0x9F range of Windows-1252; the rest is ISO 8859-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void
decode_cp1252 (PairingsCsvReader *self)
{
  for (guint i = 0; i < self->raw->len; i++)
    {
      guint8 b = self->raw->data[i];

      if (b < 0x80)
        g_string_append_c (self->text, (char) b);
      else
        g_string_append_unichar (self->text, b < 0xA0 ? cp1252_high[b - 0x80] : (gunichar) b);
    }
  g_byte_array_set_size (self->raw, 0);
}

static gboolean
decode_utf16 (PairingsCsvReader  *self,
              GError            **error)
{
  char *in = (char *) self->raw->data;
  gsize in_left = self->raw->len;

  while (in_left > 0)
    {
      char out_buf[CHUNK_SIZE];
      char *out = out_buf;
      gsize out_left = sizeof out_buf;
      gsize rc = g_iconv (self->iconv, &in, &in_left, &out, &out_left);

      g_string_append_len (self->text, out_buf, (gssize) (out - out_buf));
      if (rc != (gsize) -1)
        continue;
      if (errno == E2BIG)
        continue;
      if (errno == EINVAL)
        break;  /* half a character at the end: wait for the rest */

      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                   _("%s, line %u: the text is not valid UTF-16"), self->name, self->line);
      return FALSE;
    }

  g_byte_array_remove_range (self->raw, 0, self->raw->len - (guint) in_left);
  if (self->eof && self->raw->len > 0)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                   _("%s: the file ends in the middle of a UTF-16 character"), self->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decode_any (PairingsCsvReader  *self,
            GError            **error)
{
  switch (self->encoding)
    {
    case PAIRINGS_CSV_UTF16LE:
    case PAIRINGS_CSV_UTF16BE:
      return decode_utf16 (self, error);

    case PAIRINGS_CSV_WINDOWS_1252:
      decode_cp1252 (self);
      return TRUE;

    case PAIRINGS_CSV_UTF8:
    case PAIRINGS_CSV_UTF8_BOM:
    default:
      /* Passed through: a record with invalid UTF-8 is reported by the
       * importer, with its line, rather than failing the whole file. */
      g_string_append_len (self->text, (const char *) self->raw->data, self->raw->len);
      g_byte_array_set_size (self->raw, 0);
      return TRUE;
    }
}

/* The line of @offset in the text not fed yet, which starts at self->line. */
static guint
line_at (PairingsCsvReader *self,
         gsize              offset)
{
  guint line = self->line;

  for (gsize i = 0; i < offset; i++)
    if (self->text->str[i] == '\n' ||
        (self->text->str[i] == '\r' && (i + 1 >= self->text->len || self->text->str[i + 1] != '\n')))
      line++;
  return line;
}

/* A NUL byte past the first chunk would cut a field short without a word
 * (C strings end there), so it refuses the file as the first chunk does. */
static gboolean
decode (PairingsCsvReader  *self,
        GError            **error)
{
  gsize old = self->text->len;
  const char *nul;

  if (!decode_any (self, error))
    return FALSE;

  nul = memchr (self->text->str + old, '\0', self->text->len - old);
  if (nul != NULL)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_BINARY,
                   _("%s, line %u: the file contains NUL bytes, so it is not a text file. Save "
                     "the form’s answers as CSV and try again."),
                   self->name, line_at (self, (gsize) (nul - self->text->str)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_chunk (PairingsCsvReader  *self,
            GError            **error)
{
  guint old = self->raw->len;
  gssize n;

  g_byte_array_set_size (self->raw, old + CHUNK_SIZE);
  n = g_input_stream_read (self->stream, self->raw->data + old, CHUNK_SIZE, NULL, error);
  if (n < 0)
    {
      g_byte_array_set_size (self->raw, old);
      g_prefix_error (error, "%s: ", self->name);
      return FALSE;
    }

  g_byte_array_set_size (self->raw, old + (guint) n);
  self->bytes_read += (guint64) n;
  if (n == 0)
    self->eof = TRUE;
  return TRUE;
}

/* Feeding lines -------------------------------------------------------------- */

static gboolean
feed (PairingsCsvReader  *self,
      const char         *data,
      gsize               length,
      GError            **error)
{
  if (csv_parse (&self->parser, data, length, on_field, on_record, self) != length)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                   _("%s, line %u: the file cannot be read as CSV (%s)"),
                   self->name, self->line, csv_strerror (csv_error (&self->parser)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank_line (const char *line,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (line[i] != '\r' && line[i] != '\n')
      return FALSE;
  return TRUE;
}

/* The first CR or LF from @p, or @limit: memchr() looks at many bytes at a
 * time, where a loop looks at one. It looks in windows, so that a file
 * with only one kind of line end is not searched to its end for the other
 * on every line. */
static const char *
line_end (const char *p,
          const char *limit)
{
  while (p < limit)
    {
      gsize n = MIN ((gsize) (limit - p), 512);
      const char *lf = memchr (p, '\n', n);
      const char *cr = memchr (p, '\r', lf != NULL ? (gsize) (lf - p) : n);

      if (cr != NULL)
        return cr;
      if (lf != NULL)
        return lf;
      p += n;
    }
  return limit;
}

/* Hands every complete physical line of the decoded text to libcsv. A CR
 * at the very end waits for the next chunk: it may be half of a CRLF. */
static gboolean
feed_lines (PairingsCsvReader  *self,
            GError            **error)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize pos = self->text_pos;

  while (pos < length)
    {
      const char *start = text + pos;
      const char *end = start + self->scanned;
      const char *limit = text + length;
      gsize line_length;

      /* What an earlier chunk scanned is not scanned again: a long line
       * costs its length, not its length squared. */
      self->scanned = 0;
      end = line_end (end, limit);

      if (end == limit && !self->eof)
        {
          self->scanned = (gsize) (end - start);
          break;
        }
      if (end < limit && *end == '\r')
        {
          if (end + 1 == limit && !self->eof)
            {
              self->scanned = (gsize) (end - start);
              break;
            }
          if (end + 1 < limit && end[1] == '\n')
            end++;
        }
      if (end < limit)
        end++;

      line_length = (gsize) (end - start);
      if (!self->in_record && !is_blank_line (start, line_length))
        {
          self->in_record = TRUE;
          open_record (self, self->line);
        }
      if (!feed (self, start, line_length, error))
        return FALSE;

      self->line++;
      pos += line_length;
    }

  /* Keep memory flat: drop what libcsv has seen. */
  g_string_erase (self->text, 0, (gssize) pos);
  self->text_pos = 0;

  if (self->scanned > MAX_PENDING || self->parser.entry_pos > MAX_PENDING)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE,
                   _("%s, line %u: the line or the field is longer than %d MB; this is not a "
                     "form’s answers"),
                   self->name, self->record_open ? self->record_line : self->line,
                   MAX_PENDING / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish (PairingsCsvReader  *self,
        GError            **error)
{
  guint start = self->record_open ? self->record_line : self->line;

  /* libcsv reports an unclosed quote only in its strict mode, which also
   * refuses a stray quote inside a plain field ("5'11""), common in forms;
   * so look at its (public) state: 2 is "inside a field", quoted. */
  self->finished = TRUE;
  if ((self->parser.pstate == 2 && self->parser.quoted) ||
      csv_fini (&self->parser, on_field, on_record, self) != 0)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                   _("%s, line %u: a quoted field is never closed; the quote at the start of "
                     "the field has no matching quote before the end of the file"),
                   self->name, start);
      return FALSE;
    }
  return TRUE;
}

static gboolean
advance (PairingsCsvReader  *self,
         GError            **error)
{
  if (!self->eof && !read_chunk (self, error))
    return FALSE;
  if (!decode (self, error) || !feed_lines (self, error))
    return FALSE;
  if (self->eof)
    return finish (self, error);
  return TRUE;
}

gboolean
pairings_csv_reader_next_record (PairingsCsvReader  *self,
                                 PairingsCsvRecord **record,
                                 GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL && *record == NULL, FALSE);

  while (g_queue_is_empty (&self->ready))
    {
      if (self->finished)
        return FALSE;
      if (!advance (self, error))
        return FALSE;
    }

  *record = g_queue_pop_head (&self->ready);
  return TRUE;
}

gboolean
pairings_csv_reader_next (PairingsCsvReader  *self,
                          GPtrArray         **fields,
                          guint              *line,
                          gboolean           *oversized,
                          GError            **error)
{
  g_autofree PairingsCsvRecord *record = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!pairings_csv_reader_next_record (self, &record, error))
    return FALSE;

  *fields = g_ptr_array_new_full (record->n_fields, g_free);
  for (guint i = 0; i < record->n_fields; i++)
    g_ptr_array_add (*fields, g_memdup2 (record->fields[i], record->lengths[i] + 1));
  if (line != NULL)
    *line = record->line;
  if (oversized != NULL)
    *oversized = record->oversized;
  return TRUE;
}

/* Sniffing ------------------------------------------------------------------ */

static gboolean
detect_encoding (PairingsCsvReader  *self,
                 GError            **error)
{
  const guint8 *data = self->raw->data;
  guint length = self->raw->len;
  const char *end = NULL;
  guint skip = 0;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      self->encoding = PAIRINGS_CSV_UTF8_BOM;
      skip = 3;
    }
  else if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      self->encoding = PAIRINGS_CSV_UTF16LE;
      skip = 2;
    }
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      self->encoding = PAIRINGS_CSV_UTF16BE;
      skip = 2;
    }
  g_byte_array_remove_range (self->raw, 0, skip);
  data = self->raw->data;
  length = self->raw->len;

  if (length == 0)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY,
                   _("%s is empty"), self->name);
      return FALSE;
    }

  if (self->encoding == PAIRINGS_CSV_UTF16LE || self->encoding == PAIRINGS_CSV_UTF16BE)
    {
      self->iconv = g_iconv_open ("UTF-8", self->encoding == PAIRINGS_CSV_UTF16LE ? "UTF-16LE"
                                                                                    : "UTF-16BE");
      return TRUE;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_BINARY,
                   _("%s is not a text file (it contains NUL bytes). Save the form’s answers "
                     "as CSV and try again."),
                   self->name);
      return FALSE;
    }

  if (self->encoding == PAIRINGS_CSV_UTF8_BOM)
    return TRUE;

  /* A sample cut in the middle of a character is still UTF-8. */
  if (g_utf8_validate ((const char *) data, length, &end) ||
      (!self->eof && (const guint8 *) end + 4 > data + length &&
       g_utf8_get_char_validated (end, (gssize) (data + length - (const guint8 *) end)) == (gunichar) -2))
    self->encoding = PAIRINGS_CSV_UTF8;
  else
    self->encoding = PAIRINGS_CSV_WINDOWS_1252;

  return TRUE;
}

/* The delimiter is whichever of , ; and tab the first record uses most,
 * outside quotes; French Excel writes ;, some exports use tabs. */
static char
detect_delimiter (const char *text,
                  gsize       length)
{
  const char candidates[] = { ',', ';', '\t' };
  guint counts[3] = { 0, };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += c == candidates[k];
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;

  return candidates[best];
}

PairingsCsvReader *
pairings_csv_reader_new (GInputStream  *stream,
                         const char    *display_name,
                         GError       **error)
{
  g_autoptr(PairingsCsvReader) self = g_new0 (PairingsCsvReader, 1);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self->stream = g_object_ref (stream);
  self->name = g_strdup (display_name != NULL ? display_name : "CSV");
  self->raw = g_byte_array_sized_new (CHUNK_SIZE);
  self->text = g_string_sized_new (CHUNK_SIZE);
  self->record_bytes = g_string_sized_new (4096);
  self->record_lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  self->iconv = (GIConv) -1;
  self->line = 1;
  g_queue_init (&self->ready);
  csv_init (&self->parser, CSV_APPEND_NULL | CSV_STRICT_FINI);
  csv_set_space_func (&self->parser, no_space);
  /* libcsv grows a field's buffer by this much at a time; its default of
   * 128 bytes makes a multi-megabyte field cost a realloc every 128 bytes. */
  csv_set_blk_size (&self->parser, CHUNK_SIZE);

  if (!read_chunk (self, error) || !detect_encoding (self, error) || !decode (self, error))
    return NULL;

  /* Only a BOM, or only blank lines, is as empty as nothing. */
  if (is_blank_line (self->text->str, self->text->len) && self->eof)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY,
                   _("%s is empty"), self->name);
      return NULL;
    }

  self->delimiter = detect_delimiter (self->text->str, self->text->len);
  csv_set_delim (&self->parser, (unsigned char) self->delimiter);

  return g_steal_pointer (&self);
}

PairingsCsvReader *
pairings_csv_reader_new_for_path (const char  *path,
                                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = g_filename_display_basename (path);

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return NULL;
    }

  return pairings_csv_reader_new (G_INPUT_STREAM (stream), name, error);
}

void
pairings_csv_reader_free (PairingsCsvReader *self)
{
  if (self == NULL)
    return;

  csv_free (&self->parser);
  g_queue_clear_full (&self->ready, g_free);
  if (self->record_bytes != NULL)
    g_string_free (self->record_bytes, TRUE);
  if (self->record_lengths != NULL)
    g_array_unref (self->record_lengths);
  if (self->iconv != (GIConv) -1)
    g_iconv_close (self->iconv);
  g_clear_object (&self->stream);
  g_byte_array_unref (self->raw);
  g_string_free (self->text, TRUE);
  g_free (self->name);
  g_free (self);
}

PairingsCsvEncoding
pairings_csv_reader_get_encoding (PairingsCsvReader *self)
{
  return self->encoding;
}

char
pairings_csv_reader_get_delimiter (PairingsCsvReader *self)
{
  return self->delimiter;
}

const char *
pairings_csv_reader_get_name (PairingsCsvReader *self)
{
  return self->name;
}

guint64
pairings_csv_reader_get_bytes_read (PairingsCsvReader *self)
{
  return self->bytes_read;
}

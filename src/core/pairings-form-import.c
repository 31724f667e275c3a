/* pairings-form-import.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the imports of a form's answers share: the report, the header and
 * its columns, the loop over the rows, dates, and the one transaction.
 */

#include "config.h"

#include "pairings-form-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-cohort.h"
#include "pairings-json.h"
#include "pairings-mapping.h"

#define CANCEL_EVERY 256

G_DEFINE_QUARK (pairings-form-import-error-quark, pairings_form_import_error)

/* Reports ------------------------------------------------------------------- */

static void
problem_clear (gpointer data)
{
  PairingsFormImportProblem *problem = data;

  g_free (problem->field);
  g_free (problem->reason);
}

void
pairings_form_import_report_free (PairingsFormImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_array_unref (report->skipped);
  g_free (report);
}

static PairingsFormImportReport *
report_new (PairingsCsvReader *reader)
{
  PairingsFormImportReport *report = g_new0 (PairingsFormImportReport, 1);

  report->file_name = g_strdup (pairings_csv_reader_get_name (reader));
  report->encoding = pairings_csv_reader_get_encoding (reader);
  report->delimiter = pairings_csv_reader_get_delimiter (reader);
  report->skipped = g_array_new (FALSE, TRUE, sizeof (PairingsFormImportProblem));
  g_array_set_clear_func (report->skipped, problem_clear);
  return report;
}

void
_pairings_form_skip (PairingsForm *form,
                     guint         line,
                     int           column,
                     const char   *format,
                     ...)
{
  PairingsFormImportProblem problem = { line, NULL, NULL };
  va_list args;

  if (column >= 0)
    problem.field = g_strdup (g_ptr_array_index (form->headers, column));
  va_start (args, format);
  problem.reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (form->report->skipped, problem);
}

char *
pairings_form_import_report_to_json (PairingsFormImportReport *report)
{
  GString *json;

  g_return_val_if_fail (report != NULL, NULL);

  json = g_string_new (NULL);
  g_string_append_printf (json, "{\"applied\":%u,\"unchanged\":%u,\"skipped\":[",
                          report->applied, report->unchanged);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      PairingsFormImportProblem *p = &g_array_index (report->skipped, PairingsFormImportProblem, i);

      g_string_append_printf (json, "%s{\"line\":%u,\"field\":", i ? "," : "", p->line);
      pairings_json_append_string (json, p->field ? p->field : "");
      g_string_append (json, ",\"reason\":");
      pairings_json_append_string (json, p->reason);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}\n");
  return g_string_free (json, FALSE);
}

char *
pairings_form_import_report_to_text (PairingsFormImportReport *report)
{
  GString *text;
  const char *delimiter;
  char one[2];

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  delimiter = report->delimiter == '\t' ? _("tab") : NULL;
  one[0] = report->delimiter;
  one[1] = '\0';
  g_string_append_printf (text, _("%s: %s, fields separated by “%s”, %u rows.\n"),
                          report->file_name, pairings_csv_encoding_get_label (report->encoding),
                          delimiter ? delimiter : one, report->rows);
  /* TRANSLATORS: the counts after importing agreements, check-ins or survey answers */
  g_string_append_printf (text, _("Applied: %u · Unchanged: %u · Skipped: %u\n"),
                          report->applied, report->unchanged, report->skipped->len);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      PairingsFormImportProblem *p = &g_array_index (report->skipped, PairingsFormImportProblem, i);

      if (p->field != NULL)
        /* TRANSLATORS: a skipped row: its line, the column's header, the reason */
        g_string_append_printf (text, _("  line %u, column “%s”: %s\n"),
                                p->line, p->field, p->reason);
      else
        /* TRANSLATORS: a skipped row: its line, the reason */
        g_string_append_printf (text, _("  line %u: %s\n"), p->line, p->reason);
    }
  return g_string_free (text, FALSE);
}

/* Recognising the columns --------------------------------------------------- */

/* Headers and answers are compared after pairings_normalize_label(): lower
 * case, no accents, words split by single spaces ("Your mentor's e-mail"
 * is "your mentor s e mail"). */
static const char * const email_names[] = {
  "email", "email address", "e mail", "e mail address", "your email", "your email address",
  "your e mail", "your e mail address", "adresse e mail", "adresse email", "adresse electronique",
  "adresse courriel", "courriel", "votre adresse e mail", "votre e mail", "votre courriel",
  "votre adresse electronique", "mail", NULL
};
const char * const _pairings_form_email_words[] = {
  "email", "e mail", "courriel", "mail", "adresse electronique", NULL
};
const char * const _pairings_form_partner_words[] = {
  "mentor", "mentee", "mentore", "mentoree", "mentors", "mentees", "partner", "partenaire",
  "binome", NULL
};

/* Whether the normalized @text holds the normalized @phrase as whole words. */
static gboolean
has_words (const char *text,
           const char *phrase)
{
  gsize len = strlen (phrase);

  for (const char *p = strstr (text, phrase); p != NULL; p = strstr (p + 1, phrase))
    if ((p == text || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
      return TRUE;
  return FALSE;
}

static gboolean
has_any (const char         *text,
         const char * const *phrases)
{
  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    if (has_words (text, phrases[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_taken (PairingsForm *form,
          guint         column)
{
  for (guint c = 0; c < PAIRINGS_FORM_MAX_COLUMNS; c++)
    if (form->columns[c] == (int) column)
      return TRUE;
  return FALSE;
}

int
_pairings_form_find_column (PairingsForm       *form,
                            const char * const *names,
                            const char * const *words,
                            const char * const *also,
                            const char * const *without)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; i < form->normalized->len; i++)
      if (!is_taken (form, i) && g_str_equal (g_ptr_array_index (form->normalized, i), names[n]))
        return (int) i;

  if (words == NULL)
    return -1;
  for (guint i = 0; i < form->normalized->len; i++)
    {
      const char *header = g_ptr_array_index (form->normalized, i);

      if (!is_taken (form, i) && has_any (header, words) &&
          (also == NULL || has_any (header, also)) && !has_any (header, without))
        return (int) i;
    }
  return -1;
}

static char *
quoted_headers (PairingsForm *form)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < form->headers->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a column's header, quoted, in a list of them */
      g_string_append_printf (list, _("“%s”"), (const char *) g_ptr_array_index (form->headers, i));
    }
  return g_string_free (list, FALSE);
}

gboolean
_pairings_form_missing_column (PairingsForm  *form,
                               const char    *what,
                               GError       **error)
{
  g_autofree char *found = quoted_headers (form);

  /* TRANSLATORS: the file's name, what the column holds, the file's columns */
  g_set_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_MISSING_COLUMN,
               _("%s: no column holds %s; the columns are %s"),
               form->report->file_name, what, found);
  return FALSE;
}

gboolean
_pairings_form_find_email (PairingsForm  *form,
                           guint          slot,
                           GError       **error)
{
  g_return_val_if_fail (slot < PAIRINGS_FORM_MAX_COLUMNS, FALSE);

  form->columns[slot] = _pairings_form_find_column (form, email_names, _pairings_form_email_words,
                                                    NULL, _pairings_form_partner_words);
  if (form->columns[slot] >= 0)
    return TRUE;
  return _pairings_form_missing_column (form,
                                        _("the e-mail address of the person who answered (such as "
                                          "“Email” or “Adresse e-mail”)"),
                                        error);
}

const char *
_pairings_form_cell (PairingsForm *form,
                     GPtrArray    *fields,
                     guint         slot)
{
  int index = form->columns[slot];

  if (index < 0)
    return NULL;
  return g_strstrip ((char *) g_ptr_array_index (fields, index));
}

/* Dates --------------------------------------------------------------------- */

/* Up to @max digits; FALSE without one or with more. */
static gboolean
scan_digits (const char **p,
             int          max,
             int         *value,
             int         *digits)
{
  const char *q = *p;

  *value = 0;
  for (*digits = 0; g_ascii_isdigit (*q); q++)
    {
      if (++*digits > max)
        return FALSE;
      *value = *value * 10 + (*q - '0');
    }
  *p = q;
  return *digits > 0;
}

char *
_pairings_form_parse_date (const char  *text,
                           const char **rest)
{
  const char *p = text;
  int a, b, c, na, nb, nc;
  int year, month, day;
  char separator;

  if (!scan_digits (&p, 4, &a, &na))
    return NULL;
  separator = *p;
  if (separator != '-' && separator != '/' && separator != '.')
    return NULL;
  p++;
  if (!scan_digits (&p, 2, &b, &nb) || *p != separator)
    return NULL;
  p++;
  if (!scan_digits (&p, 4, &c, &nc))
    return NULL;
  /* A time or a zone may follow, nothing else. */
  if (*p != '\0' && *p != ' ' && *p != 'T' && *p != ',')
    return NULL;

  if (na == 4)
    {
      if (nc > 2)
        return NULL;
      year = a, month = b, day = c;
    }
  else
    {
      if (na > 2 || (nc != 2 && nc != 4))
        return NULL;
      year = nc == 2 ? 2000 + c : c;
      /* Europe writes 12/04, the United States 4/12: day first unless
       * that cannot be. */
      day = a, month = b;
      if (month > 12 && day <= 12)
        day = b, month = a;
    }

  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;
  if (rest != NULL)
    *rest = p;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

gboolean
_pairings_form_read_date (PairingsForm  *form,
                          GPtrArray     *fields,
                          guint          line,
                          guint          slot,
                          const char    *today,
                          gboolean       optional,
                          char         **date,
                          const char   **rest)
{
  const char *text = _pairings_form_cell (form, fields, slot);
  int column = form->columns[slot];

  *date = NULL;
  if (_pairings_form_is_empty (text))
    {
      if (optional)
        return TRUE;
      _pairings_form_skip (form, line, column, "%s", _("the date is empty"));
      return FALSE;
    }

  *date = _pairings_form_parse_date (text, rest);
  if (*date == NULL)
    {
      _pairings_form_skip (form, line, column,
                           _("“%s” is not a date (write it as 2025-04-12, 12/04/2025 or 2025/04/12 "
                             "10:31:02)"),
                           text);
      return FALSE;
    }
  if (strcmp (*date, today) > 0)
    {
      _pairings_form_skip (form, line, column, _("%s is after today"), *date);
      g_clear_pointer (date, g_free);
      return FALSE;
    }
  return TRUE;
}

/* The file ------------------------------------------------------------------ */

static gboolean
read_header (PairingsForm       *form,
             PairingsCsvReader  *reader,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;
  gboolean oversized = FALSE;
  guint line = 0;

  if (!pairings_csv_reader_next (reader, &fields, &line, &oversized, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY,
                     _("%s is empty"), form->report->file_name);
      return FALSE;
    }
  form->headers = fields;

  if (oversized)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE,
                   _("%s, line %u: the header has more than %d columns or a column name longer "
                     "than 1 MB"),
                   form->report->file_name, line, PAIRINGS_CSV_MAX_FIELDS);
      return FALSE;
    }

  form->normalized = g_ptr_array_new_full (fields->len, g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      char *header = g_ptr_array_index (fields, i);

      if (!g_utf8_validate (header, -1, NULL))
        {
          g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                       _("%s, line %u: the header is not valid UTF-8 text"),
                       form->report->file_name, line);
          return FALSE;
        }
      g_strstrip (header);
      g_ptr_array_add (form->normalized, pairings_normalize_label (header));
    }

  for (guint c = 0; c < PAIRINGS_FORM_MAX_COLUMNS; c++)
    form->columns[c] = -1;
  return TRUE;
}

static gboolean
too_large (const char  *name,
           guint64      max_bytes,
           GError     **error)
{
  g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE,
               /* TRANSLATORS: a file's name, then its largest size in megabytes */
               _("%s is larger than %u MB, far more than a form’s answers take: is it the right "
                 "file?"),
               name, (guint) (max_bytes / (1024 * 1024)));
  return FALSE;
}

static void
read_fields (PairingsForm            *form,
             gpointer                 import,
             const PairingsFormSteps *steps,
             GPtrArray               *fields,
             guint                    line)
{
  for (guint i = 0; i < fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL))
      {
        _pairings_form_skip (form, line, (int) i, "%s", _("the text is not valid UTF-8"));
        return;
      }
  steps->read_row (import, fields, line);
}

static gboolean
read_rows (PairingsForm             *form,
           gpointer                  import,
           const PairingsFormSteps  *steps,
           PairingsCsvReader        *reader,
           guint64                   max_bytes,
           GCancellable             *cancellable,
           GError                  **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean oversized = FALSE;
      guint line = 0;

      if (!pairings_csv_reader_next (reader, &fields, &line, &oversized, &local_error))
        {
          if (local_error == NULL)
            return !g_cancellable_set_error_if_cancelled (cancellable, error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (max_bytes > 0 && pairings_csv_reader_get_bytes_read (reader) > max_bytes)
        return too_large (form->report->file_name, max_bytes, error);

      form->report->rows++;
      if (form->report->rows % CANCEL_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (oversized)
        _pairings_form_skip (form, line, -1,
                             _("a field is longer than 1 MB or the row has more than %d fields"),
                             PAIRINGS_CSV_MAX_FIELDS);
      else if (fields->len != form->headers->len)
        _pairings_form_skip (form, line, -1,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "the row has %u field where the header has %u",
                                          "the row has %u fields where the header has %u",
                                          fields->len),
                             fields->len, form->headers->len);
      else
        read_fields (form, import, steps, fields, line);
    }
}

gboolean
_pairings_form_note_event (PairingsForm   *form,
                           PairingsStore  *store,
                           const char     *action,
                           GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store,
                                                "SELECT max(id) FROM events WHERE action = ?",
                                                error);

  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, action);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    form->report->event_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

void
_pairings_form_clear (PairingsForm *form)
{
  g_clear_pointer (&form->report, pairings_form_import_report_free);
  g_clear_pointer (&form->headers, g_ptr_array_unref);
  g_clear_pointer (&form->normalized, g_ptr_array_unref);
}

static gboolean
run (PairingsForm             *form,
     gpointer                  import,
     const PairingsFormSteps  *steps,
     PairingsCsvReader        *reader,
     gboolean                  strict,
     gboolean                  dry_run,
     guint64                   max_bytes,
     GCancellable             *cancellable,
     GError                  **error)
{
  PairingsFormImportReport *report = form->report;

  if ((steps->prepare != NULL && !steps->prepare (import, error)) ||
      !read_rows (form, import, steps, reader, max_bytes, cancellable, error))
    return FALSE;

  if (report->rows == 0)
    {
      g_set_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_NO_ROWS,
                   _("%s has a header but no answers"), report->file_name);
      return FALSE;
    }

  if (!steps->apply (import, !dry_run && !(strict && report->skipped->len > 0), cancellable, error))
    return FALSE;

  if (strict && report->skipped->len > 0)
    {
      g_set_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_REJECTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row has a problem, so nothing was imported (strict mode)",
                                "%s: %u rows have problems, so nothing was imported (strict mode)",
                                report->skipped->len),
                   report->file_name, report->skipped->len);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pairings_form_import (PairingsForm              *form,
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
                       PairingsFormImportReport **report_out,
                       GError                   **error)
{
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  cohort = pairings_store_get_cohort (store, cohort_id, error);
  if (cohort == NULL)
    return FALSE;

  reader = pairings_csv_reader_new (stream, display_name, error);
  if (reader == NULL)
    return FALSE;
  form->report = report_new (reader);

  if (!read_header (form, reader, error) || !steps->find_columns (import, error))
    return FALSE;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  ok = run (form, import, steps, reader, strict, dry_run, max_bytes, cancellable, &local_error);
  if (ok && !dry_run)
    ok = _pairings_store_commit (store, &local_error);
  if (!ok || dry_run)
    {
      _pairings_store_rollback (store);
      form->report->event_id = 0;
    }

  /* A refused file still tells what was wrong with its rows. */
  if (report_out != NULL &&
      (ok || g_error_matches (local_error, PAIRINGS_FORM_IMPORT_ERROR,
                              PAIRINGS_FORM_IMPORT_ERROR_REJECTED)))
    *report_out = g_steal_pointer (&form->report);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

GInputStream *
_pairings_form_open (const char    *path,
                     char         **display_name,
                     guint64        max_bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GFileInfo) info = NULL;
  GFileInputStream *stream;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder, not a CSV file"), name);
      return NULL;
    }
  /* Opening a FIFO waits for a writer, and a device may never end. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file (a pipe or a device?), not a CSV file"), name);
      return NULL;
    }
  if (max_bytes > 0 && (guint64) g_file_info_get_size (info) > max_bytes)
    {
      too_large (name, max_bytes, error);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return NULL;
    }
  *display_name = g_steal_pointer (&name);
  return G_INPUT_STREAM (stream);
}

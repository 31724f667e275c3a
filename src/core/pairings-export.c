/* pairings-export.c: CSV files for mail merges, spreadsheets and reports
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export is one SQL statement stepped row by row: each row becomes a
 * CSV record in a small buffer that goes to the stream once it fills, so a
 * programme's whole history never sits in memory. Confidential answers are
 * read by a statement of their own, used only when the caller asks for
 * them, so that no other export can reach them by accident.
 */

#include "config.h"

#include "pairings-export.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-followup.h"
#include "pairings-store-private.h"

/* How much of the output is gathered before it is written. */
#define FLUSH_SIZE 16384

static const char * const kind_ids[] = { "applications", "roster", "pairs", "agreements" };
static const char * const kind_labels[] = {
  N_("Applications"), N_("Roster"), N_("Pairs"), N_("Agreements")
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == PAIRINGS_EXPORT_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (kind_labels) == PAIRINGS_EXPORT_N_KINDS);

gboolean
pairings_export_kind_from_string (const char         *str,
                                  PairingsExportKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_ids); i++)
    {
      if (g_str_equal (str, kind_ids[i]))
        {
          *kind = (PairingsExportKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pairings_export_kind_to_string (PairingsExportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_ids), NULL);
  return kind_ids[kind];
}

const char *
pairings_export_kind_get_label (PairingsExportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_labels), NULL);
  return _(kind_labels[kind]);
}

/* Cells ---------------------------------------------------------------------- */

/* A spreadsheet runs a cell that starts with one of these as a formula
 * (OWASP, "CSV Injection"). */
static gboolean
looks_like_formula (const char *value)
{
  switch (value[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
needs_quotes (const char *value)
{
  gsize len = strlen (value);

  return value[0] == ' ' || value[len - 1] == ' ' || strpbrk (value, ",\"\r\n") != NULL;
}

void
pairings_csv_append_cell (GString    *out,
                          const char *value)
{
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (value == NULL || *value == '\0')
    return;

  quote = needs_quotes (value);
  if (quote)
    g_string_append_c (out, '"');
  if (looks_like_formula (value))
    g_string_append_c (out, '\'');

  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }

  if (quote)
    g_string_append_c (out, '"');
}

/* Each cell is followed by a comma; end_row() turns the last one into the
 * record's line break. */
static void
add_text (GString    *row,
          const char *value)
{
  pairings_csv_append_cell (row, value);
  g_string_append_c (row, ',');
}

static void
add_column (GString      *row,
            sqlite3_stmt *stmt,
            int           column)
{
  add_text (row, (const char *) sqlite3_column_text (stmt, column));
}

/* Numbers are formatted here, never taken from user text, so they cannot
 * carry a formula and skip the injection guard. */
static void
add_integer (GString      *row,
             sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    g_string_append_printf (row, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
  g_string_append_c (row, ',');
}

static void
add_decimal (GString      *row,
             sqlite3_stmt *stmt,
             int           column,
             const char   *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_formatd: a decimal point whatever the locale. */
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    g_string_append (row, g_ascii_formatd (buffer, sizeof buffer, format,
                                           sqlite3_column_double (stmt, column)));
  g_string_append_c (row, ',');
}

static void
add_yes_no (GString      *row,
            sqlite3_stmt *stmt,
            int           column)
{
  g_string_append (row, sqlite3_column_int (stmt, column) != 0 ? "yes," : "no,");
}

static void
end_row (GString *row)
{
  g_string_truncate (row, row->len - 1);
  g_string_append (row, "\r\n");
}

/* Rows ----------------------------------------------------------------------- */

/* What a row needs besides its statement: the agreements are assessed
 * with the cohort's dates and follow-up settings, for today. */
typedef struct
{
  PairingsCohort           *cohort;
  PairingsFollowUpSettings  settings;
  char                     *today;
} RowContext;

typedef void (*RowFunc) (GString          *row,
                         sqlite3_stmt     *stmt,
                         const RowContext *context);

typedef struct
{
  const char *header;
  const char *sql;
  RowFunc     add_row;
} ExportSpec;

#define APPLICATION_HEADER \
  "name,email,role,institution,career_stage,location,mentoring_types,capacity,status," \
  "review_score,submitted_at,motivation"

/* json_each() yields a list in order of its keys; the inner ORDER BY keeps
 * it so for group_concat(). */
#define JOINED(list) \
  "(SELECT group_concat(value, '; ') FROM (SELECT value FROM json_each(" list ") ORDER BY key))"

#define APPLICATION_COLUMNS \
  "a.name, p.email, a.role, a.institution, a.career_stage, a.location," \
  " " JOINED ("a.mentoring_types") ", a.capacity, a.status," \
  " (SELECT avg(r.score) FROM reviews r" \
  "   WHERE r.application_id = a.id AND r.recused = 0 AND r.score IS NOT NULL)," \
  " a.submitted_at, a.motivation"

#define APPLICATION_ORDER " ORDER BY a.role, a.name COLLATE NOCASE, a.id"

#define PAIR_PEOPLE \
  " FROM pairs x" \
  " JOIN applications m ON m.id = x.mentor_application_id" \
  " JOIN people mp ON mp.id = m.person_id" \
  " JOIN applications e ON e.id = x.mentee_application_id" \
  " JOIN people ep ON ep.id = e.person_id" \
  " LEFT JOIN agreements g ON g.pair_id = x.id"

/* The board's columns from left to right. */
#define STAGE_ORDER \
  " ORDER BY CASE x.stage WHEN 'suggested' THEN 0 WHEN 'discussion' THEN 1" \
  "  WHEN 'approved' THEN 2 WHEN 'announced' THEN 3 ELSE 4 END, x.position, x.id"

static void
add_application_row (GString          *row,
                     sqlite3_stmt     *stmt,
                     const RowContext *context)
{
  const char *stage = (const char *) sqlite3_column_text (stmt, 4);
  PairingsCareerStage known;

  add_column (row, stmt, 0);
  add_column (row, stmt, 1);
  add_column (row, stmt, 2);
  add_column (row, stmt, 3);
  add_text (row, pairings_career_stage_from_string (stage, &known) ? stage : NULL);
  add_column (row, stmt, 5);
  add_column (row, stmt, 6);
  add_integer (row, stmt, 7);
  add_column (row, stmt, 8);
  add_decimal (row, stmt, 9, "%.2f");
  add_column (row, stmt, 10);
  add_column (row, stmt, 11);
}

static void
add_application_confidential_row (GString          *row,
                                  sqlite3_stmt     *stmt,
                                  const RowContext *context)
{
  add_application_row (row, stmt, context);
  add_column (row, stmt, 12);
  add_column (row, stmt, 13);
}

static void
add_roster_row (GString          *row,
                sqlite3_stmt     *stmt,
                const RowContext *context)
{
  for (int i = 0; i < 6; i++)
    add_column (row, stmt, i);
}

static void
add_pair_row (GString          *row,
              sqlite3_stmt     *stmt,
              const RowContext *context)
{
  for (int i = 0; i < 7; i++)
    add_column (row, stmt, i);
  add_integer (row, stmt, 7);
  add_decimal (row, stmt, 8, "%.1f");
  add_yes_no (row, stmt, 9);
  add_column (row, stmt, 10);
  add_yes_no (row, stmt, 11);
}

/* The pair's outcome, then whether its next check-in is overdue and
 * whether it is at risk, by the follow-up rules. */
static void
add_follow_up (GString          *row,
               sqlite3_stmt     *stmt,
               const RowContext *context)
{
  PairingsFollowUp followup = { 0, };
  PairingsAgreementStatus status = PAIRINGS_AGREEMENT_NOT_SENT;
  PairingsCheckInStatus last_status = PAIRINGS_CHECK_IN_ON_TRACK;
  PairingsMeetingMode mode = PAIRINGS_MEETING_UNSET;
  PairingsOutcome outcome = PAIRINGS_OUTCOME_ACTIVE;
  const char *outcome_text = (const char *) sqlite3_column_text (stmt, 15);

  pairings_agreement_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
  pairings_meeting_mode_from_string ((const char *) sqlite3_column_text (stmt, 8), &mode);
  pairings_check_in_status_from_string ((const char *) sqlite3_column_text (stmt, 16), &last_status);
  pairings_outcome_from_string (outcome_text, &outcome);

  /* The strings are the statement's, only read. */
  followup.agreement.status = status;
  followup.agreement.sent_on = (char *) sqlite3_column_text (stmt, 5);
  followup.agreement.signed_on = (char *) sqlite3_column_text (stmt, 6);
  followup.agreement.frequency_days = sqlite3_column_int (stmt, 7);
  followup.agreement.mode = mode;
  followup.agreement.contact = (char *) "";
  followup.agreement.expectations = (char *) "";
  followup.agreement.confidentiality = sqlite3_column_int (stmt, 10) != 0;
  followup.last_check_in = (char *) sqlite3_column_text (stmt, 14);
  followup.last_status = last_status;
  followup.outcome = outcome;

  pairings_followup_assess (&followup,
                            pairings_cohort_get_announcement (context->cohort),
                            pairings_cohort_get_kick_off (context->cohort),
                            pairings_cohort_get_ends (context->cohort),
                            &context->settings, context->today);

  add_text (row, outcome_text);
  g_string_append (row, followup.overdue ? "1," : "0,");
  g_string_append (row, followup.at_risk ? "1," : "0,");
  g_free (followup.due);
}

static void
add_agreement_row (GString          *row,
                   sqlite3_stmt     *stmt,
                   const RowContext *context)
{
  for (int i = 0; i < 7; i++)
    add_column (row, stmt, i);
  add_integer (row, stmt, 7);
  add_column (row, stmt, 8);
  add_column (row, stmt, 9);
  add_yes_no (row, stmt, 10);
  add_integer (row, stmt, 11);
  add_integer (row, stmt, 12);
  add_integer (row, stmt, 13);
  add_column (row, stmt, 14);
  add_follow_up (row, stmt, context);
}

/* The SQL strings are the keys of the store's statement cache, so each
 * lives once, here. */
static const ExportSpec application_spec = {
  APPLICATION_HEADER,
  "SELECT " APPLICATION_COLUMNS
  " FROM applications a JOIN people p ON p.id = a.person_id"
  " WHERE a.cohort_id = ?"
  APPLICATION_ORDER,
  add_application_row,
};

static const ExportSpec application_confidential_spec = {
  APPLICATION_HEADER ",pronouns,identity_groups",
  "SELECT " APPLICATION_COLUMNS ", c.pronouns, " JOINED ("c.identity_groups")
  " FROM applications a JOIN people p ON p.id = a.person_id"
  " LEFT JOIN confidential_answers c ON c.application_id = a.id"
  " WHERE a.cohort_id = ?"
  APPLICATION_ORDER,
  add_application_confidential_row,
};

static const ExportSpec roster_spec = {
  "mentor_name,mentor_email,mentee_name,mentee_email,stage,agreement_status",
  "SELECT m.name, mp.email, e.name, ep.email, x.stage, coalesce(g.status, 'not_sent')"
  PAIR_PEOPLE
  " WHERE x.cohort_id = ? AND x.stage <> 'set_aside'"
  STAGE_ORDER,
  add_roster_row,
};

static const ExportSpec pair_spec = {
  "mentor_name,mentor_email,mentor_institution,mentee_name,mentee_email,mentee_institution,"
  "stage,position,score,locked,outcome,continues_from_previous_cohort",
  "SELECT m.name, mp.email, m.institution, e.name, ep.email, e.institution, x.stage,"
  " x.position, x.score, x.locked, x.outcome, x.continues_from IS NOT NULL"
  PAIR_PEOPLE
  " WHERE x.cohort_id = ?"
  STAGE_ORDER,
  add_pair_row,
};

static const ExportSpec agreement_spec = {
  "mentor_name,mentor_email,mentee_name,mentee_email,agreement_status,sent_on,signed_on,"
  "meeting_every_days,mode,contact,confidentiality_acknowledged,goals,goals_reached,"
  "check_ins,last_check_in,outcome,overdue,at_risk",
  "SELECT m.name, mp.email, e.name, ep.email, coalesce(g.status, 'not_sent'),"
  " g.sent_on, g.signed_on, g.frequency_days, g.mode, g.contact, coalesce(g.confidentiality, 0),"
  " (SELECT count(*) FROM goals o WHERE o.pair_id = x.id),"
  " (SELECT count(*) FROM goals o WHERE o.pair_id = x.id AND o.status = 'reached'),"
  " (SELECT count(*) FROM check_ins k WHERE k.pair_id = x.id),"
  " (SELECT max(k.date) FROM check_ins k WHERE k.pair_id = x.id), x.outcome,"
  " (SELECT k.status FROM check_ins k WHERE k.pair_id = x.id ORDER BY k.date DESC, k.id DESC"
  "  LIMIT 1)"
  PAIR_PEOPLE
  " WHERE x.cohort_id = ? AND x.stage = 'announced'"
  " ORDER BY x.position, x.id",
  add_agreement_row,
};

static const ExportSpec *
get_spec (PairingsExportKind  kind,
          PairingsExportFlags flags)
{
  switch (kind)
    {
    case PAIRINGS_EXPORT_APPLICATIONS:
      return (flags & PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL) ? &application_confidential_spec
                                                            : &application_spec;
    case PAIRINGS_EXPORT_ROSTER:
      return &roster_spec;
    case PAIRINGS_EXPORT_PAIRS:
      return &pair_spec;
    case PAIRINGS_EXPORT_AGREEMENTS:
      return &agreement_spec;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Writing -------------------------------------------------------------------- */

static gboolean
check_cohort (PairingsStore  *store,
              gint64          cohort_id,
              GError        **error)
{
  g_autoptr(PairingsCohort) cohort = pairings_store_get_cohort (store, cohort_id, error);

  return cohort != NULL;
}

static gboolean
flush (GOutputStream  *out,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  /* Not every stream looks at the cancellable (a memory stream does not). */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (buffer->len > 0 &&
      !g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

/* Steps @stmt to the end, whatever happens, so the cached statement is
 * left reset. */
static gboolean
write_rows (PairingsStore     *store,
            const ExportSpec  *spec,
            const RowContext  *context,
            sqlite3_stmt      *stmt,
            GString           *buffer,
            GOutputStream     *out,
            GCancellable      *cancellable,
            GError           **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      spec->add_row (buffer, stmt, context);
      end_row (buffer);
      if (buffer->len >= FLUSH_SIZE && !flush (out, buffer, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return flush (out, buffer, cancellable, error);
}

gboolean
pairings_export_write (PairingsStore        *store,
                       PairingsExportKind    kind,
                       gint64                cohort_id,
                       PairingsExportFlags   flags,
                       GOutputStream        *out,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_SIZE + 1024);
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autofree char *today = NULL;
  RowContext context = { NULL, };
  const ExportSpec *spec;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail ((guint) kind < PAIRINGS_EXPORT_N_KINDS, FALSE);

  spec = get_spec (kind, flags);
  cohort = pairings_store_get_cohort (store, cohort_id, error);
  if (cohort == NULL)
    return FALSE;

  if (kind == PAIRINGS_EXPORT_AGREEMENTS)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (!pairings_followup_settings_load (store, cohort_id, &context.settings, error))
        return FALSE;
      today = g_date_time_format (now, "%Y-%m-%d");
      context.cohort = cohort;
      context.today = today;
    }

  stmt = _pairings_store_prepare (store, spec->sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);

  if (flags & PAIRINGS_EXPORT_BOM)
    g_string_append (buffer, "\xEF\xBB\xBF");
  g_string_append (buffer, spec->header);
  g_string_append (buffer, "\r\n");

  return write_rows (store, spec, &context, stmt, buffer, out, cancellable, error);
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* TRANSLATORS: a file name, then the system's reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
}

/* GIO's message would name the temporary file, which the user never asked
 * for; this one names the destination. */
static void
set_folder_error (GError       **error,
                  const GError  *cause,
                  const char    *path,
                  const char    *folder)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *display_folder = g_filename_display_name (folder);

  if (cause->domain != G_IO_ERROR)
    g_propagate_error (error, g_error_copy (cause));
  else if (cause->code == G_IO_ERROR_NOT_FOUND || cause->code == G_IO_ERROR_NOT_DIRECTORY)
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("Cannot write “%s”: the folder “%s” does not exist"), display, display_folder);
  else if (cause->code == G_IO_ERROR_PERMISSION_DENIED || cause->code == G_IO_ERROR_READ_ONLY)
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("Cannot write “%s”: the folder “%s” is read-only"), display, display_folder);
  else
    g_set_error (error, G_IO_ERROR, cause->code, _("Cannot write “%s”: %s"), display,
                 cause->message);
}

/* A hidden file with a random name next to the destination, so that the
 * final rename stays on one file system; created private (0600). */
static GOutputStream *
create_temporary (const char    *path,
                  char         **temporary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = g_strdup_printf (".pairings-export-%08x.tmp", g_random_int ());
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (candidate);
      GFileOutputStream *stream;

      stream = g_file_create (file, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
      if (stream != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return G_OUTPUT_STREAM (stream);
        }

      if (attempt >= 100 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          set_folder_error (error, local_error, path, folder);
          return NULL;
        }
    }
}

gboolean
pairings_export_to_file (PairingsStore        *store,
                         PairingsExportKind    kind,
                         gint64                cohort_id,
                         PairingsExportFlags   flags,
                         const char           *path,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *temporary = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_cohort (store, cohort_id, error))
    return FALSE;

  stream = create_temporary (path, &temporary, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!pairings_export_write (store, kind, cohort_id, flags, stream, cancellable, error) ||
      !g_output_stream_close (stream, cancellable, error))
    goto failed;

  if (g_rename (temporary, path) != 0)
    {
      set_error_from_errno (error, errno, path);
      goto failed;
    }
  return TRUE;

failed:
  g_output_stream_close (stream, NULL, NULL);
  g_unlink (temporary);
  return FALSE;
}

/* E-mail list ---------------------------------------------------------------- */

/* RFC 5322 "specials": a display name holding one must be a quoted string. */
static gboolean
name_needs_quotes (const char *name)
{
  return strpbrk (name, "()<>[]:;@\\,.\"") != NULL;
}

static void
append_address (GString    *list,
                const char *name,
                const char *email)
{
  g_autofree char *clean = g_strdup (name != NULL ? name : "");

  /* A line break in a name would start a new header line. */
  for (char *p = clean; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  g_strstrip (clean);

  if (list->len > 0)
    g_string_append (list, ", ");

  if (*clean == '\0')
    {
      g_string_append (list, email);
      return;
    }

  if (name_needs_quotes (clean))
    {
      g_string_append_c (list, '"');
      for (const char *p = clean; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (list, '\\');
          g_string_append_c (list, *p);
        }
      g_string_append_c (list, '"');
    }
  else
    g_string_append (list, clean);

  g_string_append_printf (list, " <%s>", email);
}

static void
add_person_once (GString      *list,
                 GHashTable   *seen,
                 sqlite3_stmt *stmt,
                 int           name_column)
{
  const char *name = (const char *) sqlite3_column_text (stmt, name_column);
  const char *email = (const char *) sqlite3_column_text (stmt, name_column + 1);
  char *key = pairings_email_key (email);

  /* A mentor with two mentees is written once. */
  if (key == NULL || !g_hash_table_add (seen, key))
    return;
  append_address (list, name, email);
}

char *
pairings_export_email_list (PairingsStore  *store,
                            gint64          cohort_id,
                            GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!check_cohort (store, cohort_id, error))
    return NULL;

  /* The roster's statement: its first four columns are the two people. */
  stmt = _pairings_store_prepare (store, roster_spec.sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      add_person_once (list, seen, stmt, 0);
      add_person_once (list, seen, stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

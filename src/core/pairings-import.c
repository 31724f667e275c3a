/* pairings-import.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records stream from the CSV reader straight into one transaction: the
 * memory holds a record at a time, plus the ids that undo needs. A dry run
 * is a real run that is rolled back, so its report is exact.
 */

#define _GNU_SOURCE  /* sync_file_range() */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-cohort.h"
#include "pairings-import.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

#define PROGRESS_EVERY 2000

/* New people's applications are written this many to a statement: SQLite's
 * cost of running a statement (opening the tables' cursors, checking the
 * constraints' setup, halting) is then shared by the rows, and the writer
 * thread, the import's limit, spends a quarter less time inserting. */
#define PENDING_MAX 16

G_DEFINE_QUARK (pairings-import-error-quark, pairings_import_error)

typedef struct
{
  PairingsStore               *store;
  const PairingsImportOptions *options;
  PairingsMapping             *mapping;
  PairingsImportReport        *report;
  GPtrArray                   *headers;
  int                          columns[PAIRINGS_N_FIELDS];
  GArray                      *extra_columns;   /* unmapped column indexes */
  GPtrArray                   *extra_keys;      /* their headers, as JSON keys with ':' */
  gint64                       first_application_id;  /* this one and later: the import's */
  gint64                       next_application_id;
  gint64                       next_person_id;
  GArray                      *created_lines;   /* the line of each application created */
  GArray                      *pending;         /* new people's rows not written yet */
  sqlite3_stmt                *insert_people[PENDING_MAX + 1];
  sqlite3_stmt                *insert_applications[PENDING_MAX + 1];
  sqlite3_stmt                *insert_confidential[PENDING_MAX + 1];
  GString                     *answer_buffers[PENDING_MAX + 1];  /* the writer's */
  gboolean                     own_transaction;  /* not within a caller's */
  int                          writeback_fd;    /* SQLite's, of the file it writes; or -1 */
  GArray                      *created_people;
  GString                     *replaced;        /* JSON array of before-images */
  GHashTable                  *unknown_stages;  /* raw label → count */
  GHashTable                  *first_line;      /* earlier application id → line */
  GArray                      *replaced_ids;
  GHashTable                  *people;            /* email key → person id */
  GHashTable                  *stages;            /* raw label → stage + 1, or 0 unknown */
  GHashTable                  *answers;           /* raw answer → JSON array */
  GHashTable                  *languages;         /* raw answer → JSON array */
  GArray                      *row_notes;         /* notes made while reading rows */
  char                        *now;
} Import;

static void
problem_clear (gpointer data)
{
  PairingsImportProblem *problem = data;

  g_free (problem->field);
  g_free (problem->message);
}

void
pairings_import_report_free (PairingsImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_array_unref (report->skipped);
  g_array_unref (report->notes);
  g_free (report);
}

static PairingsImportReport *
report_new (const char *file_name)
{
  PairingsImportReport *report = g_new0 (PairingsImportReport, 1);

  report->file_name = g_strdup (file_name);
  report->skipped = g_array_new (FALSE, TRUE, sizeof (PairingsImportProblem));
  g_array_set_clear_func (report->skipped, problem_clear);
  report->notes = g_array_new (FALSE, TRUE, sizeof (PairingsImportProblem));
  g_array_set_clear_func (report->notes, problem_clear);
  return report;
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (GArray        *list,
             guint          line,
             PairingsField  field,
             const char    *format,
             ...)
{
  PairingsImportProblem problem = { line, NULL, NULL };
  va_list args;

  if ((int) field >= 0)
    problem.field = g_strdup (pairings_field_to_string (field));
  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (list, problem);
}

#define NO_FIELD ((PairingsField) -1)

/* Timestamps ----------------------------------------------------------------- */

static char *
format_utc (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* A whole number, after optional blanks and sign, as sscanf's %d reads it
 * but without its cost (it was a twentieth of a large import's time) and
 * refusing more than nine digits instead of overflowing. Moves *p past it. */
static gboolean
scan_int (const char **p,
          int         *out)
{
  const char *q = *p;
  gboolean negative = FALSE;
  int value = 0, digits = 0;

  while (g_ascii_isspace (*q))
    q++;
  if (*q == '+' || *q == '-')
    negative = *q++ == '-';
  for (; g_ascii_isdigit (*q); q++, digits++)
    {
      if (digits == 9)
        return FALSE;
      value = value * 10 + (*q - '0');
    }
  if (digits == 0)
    return FALSE;

  *out = negative ? -value : value;
  *p = q;
  return TRUE;
}

/* "GMT+1", "UTC-05:30": the offset in seconds east of UTC, 0 without one. */
static int
parse_gmt_offset (const char *text)
{
  const char *gmt = strstr (text, "GMT");
  int hours = 0, minutes = 0;
  char sign;

  if (gmt == NULL)
    gmt = strstr (text, "UTC");
  if (gmt == NULL)
    return 0;
  gmt += 3;
  sign = *gmt++;
  if ((sign != '+' && sign != '-') || !scan_int (&gmt, &hours))
    return 0;
  if (*gmt == ':' && (gmt++, !scan_int (&gmt, &minutes)))
    minutes = 0;
  if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59)
    return 0;

  return (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back: plain
 * arithmetic, so a large import makes no GDateTime per row. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  int yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (int) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era;
  int doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (int) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp + (mp < 10 ? 3 : -9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static char *
format_wall_time (int year,
                  int month,
                  int day,
                  int hour,
                  int minute,
                  int second,
                  int offset)
{
  gint64 t;
  int y, m, d;

  if (!g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 || second > 60 ||
      hour < 0 || minute < 0 || second < 0)
    return NULL;

  t = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  civil_from_days (t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
  t -= days_from_civil (y, m, d) * 86400;
  if (y < 0 || y > 9999)
    return NULL;
  /* Written by hand: one import formats a timestamp per row. */
  {
    char *out = g_malloc (21);
    int values[6] = { y, m, d, (int) (t / 3600), (int) (t / 60 % 60), (int) (t % 60) };
    static const char tail[6] = { '-', '-', 'T', ':', ':', 'Z' };
    char *q = out;

    *q++ = (char) ('0' + values[0] / 1000);
    *q++ = (char) ('0' + values[0] / 100 % 10);
    *q++ = (char) ('0' + values[0] / 10 % 10);
    *q++ = (char) ('0' + values[0] % 10);
    *q++ = tail[0];
    for (int i = 1; i < 6; i++)
      {
        *q++ = (char) ('0' + values[i] / 10 % 10);
        *q++ = (char) ('0' + values[i] % 10);
        *q++ = tail[i];
      }
    *q = '\0';
    return out;
  }
}

char *
pairings_parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  int a = 0, b = 0, c = 0, hour = 0, minute = 0, second = 0;
  const char *p;
  int n;
  char ampm[3] = "";
  char sep1 = 0, sep2 = 0;

  if (text == NULL || *text == '\0')
    return NULL;

  /* ISO 8601, with T or a space, with or without a zone (then UTC). */
  if (g_ascii_isdigit (text[0]) && strlen (text) >= 10 && text[4] == '-' && text[7] == '-')
    {
      iso = g_strdup (text);
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      tz = g_time_zone_new_utc ();
      dt = g_date_time_new_from_iso8601 (iso, tz);
      if (dt == NULL && pairings_date_is_valid (text))
        {
          g_free (iso);
          iso = g_strconcat (text, "T00:00:00", NULL);
          dt = g_date_time_new_from_iso8601 (iso, tz);
        }
      return dt != NULL ? format_utc (dt) : NULL;
    }

  /* Day, month and year in some order, each pair split by one of "/.-";
   * then perhaps "h:mm" or "h:mm:ss", then perhaps "AM"/"PM". */
  p = text;
  if (!scan_int (&p, &a) || (sep1 = *p) == '\0' || (p++, !scan_int (&p, &b)) ||
      (sep2 = *p) == '\0' || (p++, !scan_int (&p, &c)) ||
      sep1 != sep2 || (sep1 != '/' && sep1 != '.' && sep1 != '-'))
    return NULL;
  if (scan_int (&p, &hour) && *p == ':' && (p++, scan_int (&p, &minute)))
    {
      /* Without seconds: "14/02/2025 10:31" or "2/14/25 10:31 PM". */
      if (*p == ':' && (p++, !scan_int (&p, &second)))
        second = 0;
      while (g_ascii_isspace (*p))
        p++;
      for (n = 0; n < 2 && p[n] != '\0' && !g_ascii_isspace (p[n]); n++)
        ampm[n] = p[n];
      ampm[n] = '\0';
    }
  else
    hour = minute = 0;  /* a date alone: midnight */

  if ((ampm[0] == 'P' || ampm[0] == 'p') && hour < 12)
    hour += 12;
  else if ((ampm[0] == 'A' || ampm[0] == 'a') && hour == 12)
    hour = 0;

  /* The wall time was in the form's zone: back to UTC. */
  if (a > 31)
    return format_wall_time (a, b, c, hour, minute, second, parse_gmt_offset (text));  /* 2025/02/14 */
  else
    {
      int year = c < 100 ? 2000 + c : c;
      /* Day first unless that cannot be: Europe writes 14/02, the US 2/14. */
      gboolean month_first = b > 12 && a <= 12;
      return format_wall_time (year, month_first ? a : b, month_first ? b : a, hour, minute,
                               second, parse_gmt_offset (text));
    }
}

/* One record ---------------------------------------------------------------- */

/* The trimmed text of a field, in place: the record is the row's own and
 * outlives it, so nothing is copied. NULL when the column is not mapped. */
static const char *
cell_len (Import            *import,
          PairingsCsvRecord *record,
          PairingsField      field,
          gsize             *length)
{
  int column = import->columns[field];
  char *value, *end;

  *length = 0;
  if (column < 0 || (guint) column >= record->n_fields)
    return NULL;

  /* Our exports guard cells against formula injection with a leading
   * quote (see pairings-export.c); reading one back takes it off. */
  value = record->fields[column];
  end = value + record->lengths[column];
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    value++;

  /* Trimmed as g_strstrip() would, knowing the length. */
  while (value < end && g_ascii_isspace (*value))
    value++;
  while (end > value && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';
  *length = (gsize) (end - value);
  return value;
}

static const char *
cell (Import            *import,
      PairingsCsvRecord *record,
      PairingsField      field)
{
  gsize length;

  return cell_len (import, record, field, &length);
}

/* Most of a form's text is ASCII: eight bytes are looked at at a time, and
 * only text with other bytes goes through the full check. */
static gboolean
utf8_is_valid (const char *text,
               gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < length && (guchar) text[i] < 0x80; i++)
    ;
  return i == length || g_utf8_validate_len (text + i, length - i, NULL);
}

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) pieces = g_strsplit_set (text != NULL ? text : "", ",;/", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }
  return g_strv_builder_end (builder);
}

/* The unmapped columns as a JSON object, in @json. The writer builds it,
 * in a buffer it keeps: it has time to spare while the reader parses. */
static void
extra_answers (Import            *import,
               PairingsCsvRecord *record,
               GString           *json)
{
  gboolean first = TRUE;

  g_string_truncate (json, 0);
  g_string_append_c (json, '{');
  for (guint i = 0; i < import->extra_columns->len; i++)
    {
      guint column = g_array_index (import->extra_columns, guint, i);
      const char *value = record->fields[column];

      if (*value == '\0')
        continue;
      if (!first)
        g_string_append_c (json, ',');
      g_string_append (json, g_ptr_array_index (import->extra_keys, i));
      pairings_json_append_string (json, value);
      first = FALSE;
    }
  g_string_append_c (json, '}');
}

/* Text fields point into the record; the rest is the row's own. */
typedef struct
{
  const char          *name;
  const char          *email;
  char                *key;
  PairingsRole         role;
  PairingsStatus       status;
  const char          *text[PAIRINGS_N_FIELDS];
  gsize                length[PAIRINGS_N_FIELDS];  /* of text[], in bytes */
  PairingsCareerStage  stage;
  int                  capacity;
  char                *submitted_at;
  PairingsCsvRecord   *record;         /* what the row was read from */
  const char          *answers;        /* the writer's, once it has built them */
  gsize                answers_length;
  const char          *languages_json;  /* the import's, shared by equal answers */
  const char          *groups_json;  /* likewise; NULL when there are no identity groups */
  const char          *types_json;  /* the import's, shared by equal answers */
  GPtrArray           *owned;       /* JSON of answers too many to share */
} Row;

static GPtrArray *
row_owned (Row *row)
{
  if (row->owned == NULL)
    row->owned = g_ptr_array_new_with_free_func (g_free);
  return row->owned;
}

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->owned, g_ptr_array_unref);
  g_free (row->key);
  g_free (row->submitted_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
parse_role (const char   *text,
            PairingsRole *role)
{
  g_autofree char *key = pairings_normalize_label (text);

  if (g_str_equal (key, "mentee") || g_str_equal (key, "mentore") || g_str_equal (key, "mentoree"))
    *role = PAIRINGS_ROLE_MENTEE;
  else if (g_str_equal (key, "mentor") || g_str_equal (key, "mentore e") || g_str_equal (key, "mentore mentor"))
    *role = PAIRINGS_ROLE_MENTOR;
  else
    return FALSE;
  return TRUE;
}

/* A form has a handful of distinct answers to its closed questions, given
 * again and again: each is mapped once per import. */
static gboolean
map_career_stage (Import              *import,
                  const char          *label,
                  PairingsCareerStage *stage)
{
  gpointer cached;
  gboolean known;

  if (g_hash_table_lookup_extended (import->stages, label, NULL, &cached))
    {
      int value = GPOINTER_TO_INT (cached);
      *stage = value > 0 ? (PairingsCareerStage) (value - 1) : PAIRINGS_CAREER_UNKNOWN;
      return value > 0;
    }

  known = pairings_mapping_career_stage (import->mapping, label, stage);
  g_hash_table_insert (import->stages, g_strdup (label), GINT_TO_POINTER (known ? *stage + 1 : 0));
  return known;
}

/* A multi-select answer's options, split as the mapping says. */
static GStrv
split_options (Import     *import,
               const char *answer)
{
  return pairings_mapping_split_options (import->mapping, answer);
}

/* Languages are a free list ("French, English"). */
static GStrv
split_languages (Import     *import,
                 const char *answer)
{
  return split_list (answer);
}

/* @answer as a JSON array of its parts. A form's closed questions get the
 * same few answers again and again, so each distinct answer is split once,
 * in @cache, for the first 4,096 of them; past that @row owns its own (a
 * file of all different answers must not take memory that grows with
 * it). */
static const char *
answer_json (Import      *import,
             GHashTable  *cache,
             GStrv      (*split) (Import *, const char *),
             const char  *answer,
             Row         *row)
{
  const char *json;
  g_auto(GStrv) parts = NULL;
  char *built;

  if (answer == NULL || *answer == '\0')
    return "[]";

  json = g_hash_table_lookup (cache, answer);
  if (json != NULL)
    return json;

  parts = split (import, answer);
  built = pairings_json_strv ((const char * const *) parts);
  if (g_hash_table_size (cache) < 4096)
    g_hash_table_insert (cache, g_strdup (answer), built);
  else
    g_ptr_array_add (row_owned (row), built);
  return built;
}

/* pairings_email_key() of an address already trimmed and checked: an
 * ASCII address (almost all) is lowered in one copy. */
static char *
email_key (const char *email,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) email[i] >= 0x80)
      return pairings_email_key (email);
  return g_ascii_strdown (email, (gssize) length);
}

/* Reads and checks one record; FALSE when it must be skipped (and then the
 * reason is in the report). */
static gboolean
read_row (Import            *import,
          PairingsCsvRecord *record,
          guint              line,
          Row               *row)
{
  GArray *skipped = import->report->skipped;
  const char *capacity, *stage, *types, *languages, *groups, *submitted, *role, *status;

  for (guint i = 0; i < record->n_fields; i++)
    if (!utf8_is_valid (record->fields[i], record->lengths[i]))
      {
        add_problem (skipped, line, NO_FIELD,
                     _("%s, line %u, column “%s”: the text is not valid UTF-8"),
                     import->report->file_name, line, (char *) g_ptr_array_index (import->headers, i));
        return FALSE;
      }

  row->name = cell_len (import, record, PAIRINGS_FIELD_NAME, &row->length[PAIRINGS_FIELD_NAME]);
  row->email = cell_len (import, record, PAIRINGS_FIELD_EMAIL, &row->length[PAIRINGS_FIELD_EMAIL]);
  if (row->name == NULL || *row->name == '\0')
    {
      add_problem (skipped, line, PAIRINGS_FIELD_NAME, _("%s, line %u, field “%s”: the name is empty"),
                   import->report->file_name, line, pairings_field_to_string (PAIRINGS_FIELD_NAME));
      return FALSE;
    }
  if (row->email == NULL || *row->email == '\0')
    {
      add_problem (skipped, line, PAIRINGS_FIELD_EMAIL,
                   _("%s, line %u, field “%s”: the e-mail address is empty"),
                   import->report->file_name, line, pairings_field_to_string (PAIRINGS_FIELD_EMAIL));
      return FALSE;
    }
  if (!pairings_email_is_plausible (row->email))
    {
      add_problem (skipped, line, PAIRINGS_FIELD_EMAIL,
                   _("%s, line %u, field “%s”: “%s” is not an e-mail address"),
                   import->report->file_name, line, pairings_field_to_string (PAIRINGS_FIELD_EMAIL),
                   row->email);
      return FALSE;
    }
  row->key = email_key (row->email, row->length[PAIRINGS_FIELD_EMAIL]);

  row->role = import->options->role;
  role = cell (import, record, PAIRINGS_FIELD_ROLE);
  if (role != NULL && *role != '\0' && !parse_role (role, &row->role))
    {
      add_problem (skipped, line, PAIRINGS_FIELD_ROLE,
                   _("%s, line %u, field “%s”: “%s” is neither mentee nor mentor"),
                   import->report->file_name, line, pairings_field_to_string (PAIRINGS_FIELD_ROLE), role);
      return FALSE;
    }

  row->status = PAIRINGS_STATUS_SUBMITTED;
  status = cell (import, record, PAIRINGS_FIELD_STATUS);
  if (status != NULL && *status != '\0' && !pairings_status_from_string (status, &row->status))
    {
      add_problem (skipped, line, PAIRINGS_FIELD_STATUS,
                   _("%s, line %u, field “%s”: “%s” is not a status"),
                   import->report->file_name, line, pairings_field_to_string (PAIRINGS_FIELD_STATUS), status);
      return FALSE;
    }

  capacity = cell (import, record, PAIRINGS_FIELD_CAPACITY);
  row->capacity = 1;
  if (capacity != NULL && *capacity != '\0')
    {
      guint64 value = 0;
      guint64 minimum = row->role == PAIRINGS_ROLE_MENTOR ? 1 : 0;

      if (!g_ascii_string_to_unsigned (capacity, 10, minimum, 20, &value, NULL))
        {
          add_problem (skipped, line, PAIRINGS_FIELD_CAPACITY,
                       _("%s, line %u, field “%s”: “%s” is not a whole number of mentees from 1 to 20"),
                       import->report->file_name, line,
                       pairings_field_to_string (PAIRINGS_FIELD_CAPACITY), capacity);
          return FALSE;
        }
      row->capacity = (int) value;
    }

  stage = cell_len (import, record, PAIRINGS_FIELD_CAREER_STAGE,
                    &row->length[PAIRINGS_FIELD_CAREER_STAGE]);
  row->text[PAIRINGS_FIELD_CAREER_STAGE] = stage ? stage : "";
  if (!map_career_stage (import, row->text[PAIRINGS_FIELD_CAREER_STAGE], &row->stage))
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->unknown_stages, stage));
      g_hash_table_insert (import->unknown_stages, g_strdup (stage), GUINT_TO_POINTER (count + 1));
    }

  types = cell (import, record, PAIRINGS_FIELD_MENTORING_TYPES);
  row->types_json = answer_json (import, import->answers, split_options, types, row);
  groups = cell (import, record, PAIRINGS_FIELD_IDENTITY_GROUPS);
  row->groups_json = answer_json (import, import->answers, split_options, groups, row);
  if (strcmp (row->groups_json, "[]") == 0)
    row->groups_json = NULL;
  languages = cell (import, record, PAIRINGS_FIELD_LANGUAGES);
  row->languages_json = answer_json (import, import->languages, split_languages, languages, row);

  submitted = cell (import, record, PAIRINGS_FIELD_SUBMITTED_AT);
  row->submitted_at = pairings_parse_timestamp (submitted);
  if (submitted != NULL && *submitted != '\0' && row->submitted_at == NULL)
    add_problem (import->row_notes, line, PAIRINGS_FIELD_SUBMITTED_AT,
                 _("%s, line %u, field “%s”: “%s” is not a date and time; the application is kept "
                   "without one"),
                 import->report->file_name, line,
                 pairings_field_to_string (PAIRINGS_FIELD_SUBMITTED_AT), submitted);

  for (guint f = PAIRINGS_FIELD_INSTITUTION; f <= PAIRINGS_FIELD_TIMEZONE; f++)
    row->text[f] = cell_len (import, record, f, &row->length[f]);
  row->text[PAIRINGS_FIELD_MOTIVATION] = cell_len (import, record, PAIRINGS_FIELD_MOTIVATION,
                                                   &row->length[PAIRINGS_FIELD_MOTIVATION]);
  row->text[PAIRINGS_FIELD_PRONOUNS] = cell_len (import, record, PAIRINGS_FIELD_PRONOUNS,
                                                 &row->length[PAIRINGS_FIELD_PRONOUNS]);
  row->record = record;

  return TRUE;
}

/* Writing --------------------------------------------------------------------- */

/* Every person of the database is looked up in memory: a large import
 * otherwise spends a fifth of its time asking SQLite for each address. */
static gboolean
load_people (Import   *import,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The ids the import gives: the next ones, as SQLite would. */
  stmt = _pairings_store_prepare (import->store,
                                  "SELECT (SELECT coalesce(max(id), 0) FROM people),"
                                  " (SELECT coalesce(max(id), 0) FROM applications)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  import->next_person_id = sqlite3_column_int64 (stmt, 0) + 1;
  import->first_application_id = sqlite3_column_int64 (stmt, 1) + 1;
  import->next_application_id = import->first_application_id;
  sqlite3_reset (stmt);

  stmt = _pairings_store_prepare (import->store, "SELECT email_key, id FROM people", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (import->people, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* A person new to the database gets the next id; the row is written with
 * its application (see flush_pending()). */
static gint64
find_or_add_person (Import    *import,
                    Row       *row,
                    gboolean  *is_new)
{
  gpointer known;
  gint64 id;

  *is_new = FALSE;
  if (g_hash_table_lookup_extended (import->people, row->key, NULL, &known))
    return (gint64) GPOINTER_TO_SIZE (known);

  id = import->next_person_id++;
  g_array_append_val (import->created_people, id);
  g_hash_table_insert (import->people, g_strdup (row->key), GSIZE_TO_POINTER ((gsize) id));
  *is_new = TRUE;
  return id;
}

static gboolean
is_returning (Import  *import,
              gint64   person_id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT 1 FROM applications WHERE person_id = ? AND cohort_id <> ?"
                                  " LIMIT 1",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, import->options->cohort_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* A field's text, with the length the reader measured. */
static void
bind_field (sqlite3_stmt  *stmt,
            int            index,
            Row           *row,
            PairingsField  field)
{
  if (row->text[field] == NULL)
    sqlite3_bind_text (stmt, index, "", 0, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, index, row->text[field], (int) row->length[field], SQLITE_STATIC);
}

/* Parameters @base + 1 to @base + 15 of the insert and the update: the
 * row outlives the statement's step, so nothing is copied. */
static void
bind_row (sqlite3_stmt *stmt,
          int           base,
          Row          *row)
{
  sqlite3_bind_text (stmt, base + 1, pairings_status_to_string (row->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 2, row->name, (int) row->length[PAIRINGS_FIELD_NAME], SQLITE_STATIC);
  bind_field (stmt, base + 3, row, PAIRINGS_FIELD_INSTITUTION);
  bind_field (stmt, base + 4, row, PAIRINGS_FIELD_EXPERIMENT);
  bind_field (stmt, base + 5, row, PAIRINGS_FIELD_DEPARTMENT);
  bind_field (stmt, base + 6, row, PAIRINGS_FIELD_LOCATION);
  bind_field (stmt, base + 7, row, PAIRINGS_FIELD_TIMEZONE);
  sqlite3_bind_text (stmt, base + 8, row->languages_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 9, pairings_career_stage_to_string (row->stage), -1, SQLITE_STATIC);
  bind_field (stmt, base + 10, row, PAIRINGS_FIELD_CAREER_STAGE);
  sqlite3_bind_text (stmt, base + 11, row->types_json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, base + 12, row->capacity);
  bind_field (stmt, base + 13, row, PAIRINGS_FIELD_MOTIVATION);
  if (row->submitted_at == NULL)
    sqlite3_bind_null (stmt, base + 14);
  else
    sqlite3_bind_text (stmt, base + 14, row->submitted_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 15, row->answers, (int) row->answers_length, SQLITE_STATIC);
}

static gboolean
has_confidential (Row *row)
{
  return (row->text[PAIRINGS_FIELD_PRONOUNS] != NULL && *row->text[PAIRINGS_FIELD_PRONOUNS] != '\0') ||
         row->groups_json != NULL;
}

/* A replaced application's confidential answers: the earlier ones go, the
 * new ones (if any) come in. New applications' are written with them, in
 * flush_pending(). */
static gboolean
write_confidential (Import   *import,
                    gint64    application_id,
                    Row      *row,
                    GError  **error)
{
  PairingsStore *store = import->store;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store, "DELETE FROM confidential_answers WHERE application_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, application_id);
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;

  if (!has_confidential (row))
    return TRUE;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO confidential_answers (application_id, pronouns,"
                                  " identity_groups) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, application_id);
  bind_field (stmt, 2, row, PAIRINGS_FIELD_PRONOUNS);
  sqlite3_bind_text (stmt, 3, row->groups_json != NULL ? row->groups_json : "[]", -1, SQLITE_STATIC);
  return _pairings_store_step_done (store, stmt, error);
}

typedef struct
{
  Row      *row;
  gint64    person_id;
  gboolean  new_person;  /* the person is written with this row */
  gint64    application_id;
  guint     line;
} Pending;

/* An insert of @n rows, each (@tuple), prepared once per import. */
static sqlite3_stmt *
multi_insert (Import        *import,
              sqlite3_stmt **cache,
              guint          n,
              const char    *head,
              const char    *tuple,
              GError       **error)
{
  g_autoptr(GString) sql = NULL;
  int rc;

  if (cache[n] != NULL)
    return cache[n];

  /* "INSERT OR ROLLBACK INTO …" when the import's transaction is its own;
   * within a caller's, a failure must leave the caller's work alone, so
   * SQLite keeps its statement journal (in memory) as usual. */
  sql = g_string_new (import->own_transaction ? "INSERT OR ROLLBACK INTO " : "INSERT INTO ");
  g_string_append (sql, head);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (sql, ',');
      g_string_append (sql, tuple);
    }
  rc = sqlite3_prepare_v3 (_pairings_store_get_db (import->store), sql->str, (int) sql->len,
                           SQLITE_PREPARE_PERSISTENT, &cache[n], NULL);
  if (rc != SQLITE_OK)
    {
      _pairings_store_set_error (import->store, rc, error);
      return NULL;
    }
  return cache[n];
}

/* Writes the queued rows: their new people, their applications and their
 * confidential answers, a statement for each. OR ROLLBACK: a statement of
 * several rows that failed halfway would otherwise need SQLite to copy
 * every page it touches aside first, to undo its own part; here any
 * failure abandons the whole import anyway. */
static gboolean
flush_pending (Import  *import,
               GError **error)
{
  PairingsStore *store = import->store;
  guint n = import->pending->len;
  guint n_people = 0, n_confidential = 0;
  sqlite3_stmt *stmt;
  int b;

  if (n == 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      Pending *p = &g_array_index (import->pending, Pending, i);

      n_people += p->new_person ? 1 : 0;
      n_confidential += has_confidential (p->row) ? 1 : 0;
    }

  if (n_people > 0)
    {
      stmt = multi_insert (import, import->insert_people, n_people,
                           "people (id, email, email_key, name, created_at) VALUES ",
                           "(?,?,?,?,?)", error);
      if (stmt == NULL)
        return FALSE;
      b = 0;
      for (guint i = 0; i < n; i++)
        {
          Pending *p = &g_array_index (import->pending, Pending, i);
          Row *row = p->row;

          if (!p->new_person)
            continue;
          sqlite3_bind_int64 (stmt, ++b, p->person_id);
          sqlite3_bind_text (stmt, ++b, row->email, (int) row->length[PAIRINGS_FIELD_EMAIL], SQLITE_STATIC);
          sqlite3_bind_text (stmt, ++b, row->key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, ++b, row->name, (int) row->length[PAIRINGS_FIELD_NAME], SQLITE_STATIC);
          sqlite3_bind_text (stmt, ++b, import->now, -1, SQLITE_STATIC);
        }
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }

  stmt = multi_insert (import, import->insert_applications, n,
                       "applications (status, name, institution, experiment,"
                       " department, location, timezone, languages, career_stage,"
                       " career_stage_raw, mentoring_types, capacity, motivation,"
                       " submitted_at, answers, id, cohort_id, person_id, role, created_at,"
                       " updated_at) VALUES ",
                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  b = 0;
  for (guint i = 0; i < n; i++)
    {
      Pending *p = &g_array_index (import->pending, Pending, i);

      bind_row (stmt, b, p->row);
      b += 15;
      sqlite3_bind_int64 (stmt, ++b, p->application_id);
      sqlite3_bind_int64 (stmt, ++b, import->options->cohort_id);
      sqlite3_bind_int64 (stmt, ++b, p->person_id);
      sqlite3_bind_text (stmt, ++b, pairings_role_to_string (p->row->role), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++b, import->now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++b, import->now, -1, SQLITE_STATIC);
    }
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;

  if (n_confidential > 0)
    {
      stmt = multi_insert (import, import->insert_confidential, n_confidential,
                           "confidential_answers (application_id, pronouns,"
                           " identity_groups) VALUES ",
                           "(?,?,?)", error);
      if (stmt == NULL)
        return FALSE;
      b = 0;
      for (guint i = 0; i < n; i++)
        {
          Pending *p = &g_array_index (import->pending, Pending, i);

          if (!has_confidential (p->row))
            continue;
          sqlite3_bind_int64 (stmt, ++b, p->application_id);
          bind_field (stmt, ++b, p->row, PAIRINGS_FIELD_PRONOUNS);
          sqlite3_bind_text (stmt, ++b, p->row->groups_json != NULL ? p->row->groups_json : "[]", -1,
                             SQLITE_STATIC);
        }
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }

  g_array_set_size (import->pending, 0);
  return TRUE;
}

/* Builds @row's extra answers in the writer's buffer @slot, which they keep
 * until the row is written. */
static void
set_answers (Import *import,
             Row    *row,
             guint   slot)
{
  GString **buffer = &import->answer_buffers[slot];

  if (*buffer == NULL)
    *buffer = g_string_sized_new (512);
  extra_answers (import, row->record, *buffer);
  row->answers = (*buffer)->str;
  row->answers_length = (*buffer)->len;
}

/* A new application, queued: it is written with the rows queued with it
 * (at the latest when its batch of rows is done). */
static gboolean
insert_application (Import   *import,
                    gint64    person_id,
                    gboolean  new_person,
                    Row      *row,
                    guint     line,
                    GError  **error)
{
  Pending pending = { row, person_id, new_person, import->next_application_id++, line };

  set_answers (import, row, import->pending->len);
  g_array_append_val (import->created_lines, line);
  import->report->imported++;
  g_array_append_val (import->pending, pending);
  if (import->pending->len == PENDING_MAX)
    return flush_pending (import, error);
  return TRUE;
}

static gboolean
is_created (Import *import,
            gint64  id)
{
  return id >= import->first_application_id;
}

/* The line that gave application @id its content in this file, or 0. */
static guint
line_of (Import *import,
         gint64  id)
{
  if (is_created (import, id))
    return g_array_index (import->created_lines, guint, id - import->first_application_id);
  return GPOINTER_TO_UINT (g_hash_table_lookup (import->first_line, GSIZE_TO_POINTER ((gsize) id)));
}

static void
set_line_of (Import *import,
             gint64  id,
             guint   line)
{
  if (is_created (import, id))
    g_array_index (import->created_lines, guint, id - import->first_application_id) = line;
  else
    g_hash_table_insert (import->first_line, GSIZE_TO_POINTER ((gsize) id), GUINT_TO_POINTER (line));
}

/* Before an application that was there before the import is replaced, its
 * content goes to the undo record; its confidential answers go to their
 * own table, never to the event log. */
static gboolean
keep_before_image (Import   *import,
                   gint64    id,
                   GError  **error)
{
  sqlite3_stmt *stmt;

  /* Replaced twice in one file: the first image is the one to restore. */
  for (guint i = 0; i < import->replaced_ids->len; i++)
    if (g_array_index (import->replaced_ids, gint64, i) == id)
      return TRUE;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT json_object('id', id, 'status', status, 'name', name,"
                                  " 'institution', institution, 'experiment', experiment,"
                                  " 'department', department, 'location', location,"
                                  " 'timezone', timezone, 'languages', json(languages),"
                                  " 'career_stage', career_stage, 'career_stage_raw', career_stage_raw,"
                                  " 'mentoring_types', json(mentoring_types), 'capacity', capacity,"
                                  " 'motivation', motivation, 'submitted_at', submitted_at,"
                                  " 'answers', json(answers))"
                                  " FROM applications WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (import->replaced->len > 1)
        g_string_append_c (import->replaced, ',');
      g_string_append (import->replaced, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  g_array_append_val (import->replaced_ids, id);
  return TRUE;
}

static gboolean
replace_application (Import   *import,
                     gint64    id,
                     Row      *row,
                     GError  **error)
{
  PairingsStore *store = import->store;
  sqlite3_stmt *stmt;

  if (!is_created (import, id) && !keep_before_image (import, id, error))
    return FALSE;
  set_answers (import, row, PENDING_MAX);

  stmt = _pairings_store_prepare (store,
                                  "UPDATE applications SET status = ?1, name = ?2, institution = ?3,"
                                  " experiment = ?4, department = ?5, location = ?6, timezone = ?7,"
                                  " languages = ?8, career_stage = ?9, career_stage_raw = ?10,"
                                  " mentoring_types = ?11, capacity = ?12, motivation = ?13,"
                                  " submitted_at = ?14, answers = ?15,"
                                  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                  " WHERE id = ?16",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_row (stmt, 0, row);
  sqlite3_bind_int64 (stmt, 16, id);
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;

  return write_confidential (import, id, row, error);
}

static gboolean
write_row (Import   *import,
           Row      *row,
           guint     line,
           GError  **error)
{
  PairingsStore *store = import->store;
  sqlite3_stmt *stmt;
  gint64 person_id;
  gint64 existing = 0;
  g_autofree char *existing_at = NULL;
  gboolean new_person = FALSE;

  person_id = find_or_add_person (import, row, &new_person);

  /* Someone new to the database has no application yet. */
  if (new_person)
    return insert_application (import, person_id, TRUE, row, line, error);

  /* Everything else asks the database what is there. */
  if (!flush_pending (import, error))
    return FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT id, submitted_at FROM applications"
                                  " WHERE cohort_id = ? AND person_id = ? AND role = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->options->cohort_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, pairings_role_to_string (row->role), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      existing = sqlite3_column_int64 (stmt, 0);
      existing_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (existing == 0)
    {
      if (is_returning (import, person_id))
        import->report->returning++;
      return insert_application (import, person_id, FALSE, row, line, error);
    }

  /* A resubmission replaces the earlier application only when it is later. */
  if (row->submitted_at != NULL && (existing_at == NULL || strcmp (row->submitted_at, existing_at) > 0))
    {
      guint earlier = line_of (import, existing);

      if (earlier > 0)
        add_problem (import->report->notes, line, NO_FIELD,
                     _("%s, line %u: %s submitted again; this later answer replaces line %u"),
                     import->report->file_name, line, row->email, earlier);
      else
        add_problem (import->report->notes, line, NO_FIELD,
                     _("%s, line %u: %s submitted again; this later answer replaces the application "
                       "already in the cohort"),
                     import->report->file_name, line, row->email);
      set_line_of (import, existing, line);
      import->report->updated++;
      return replace_application (import, existing, row, error);
    }

  if (g_strcmp0 (row->submitted_at, existing_at) != 0)
    add_problem (import->report->notes, line, NO_FIELD,
                 _("%s, line %u: %s has a later application already; this earlier one was not used"),
                 import->report->file_name, line, row->email);
  import->report->unchanged++;
  return TRUE;
}

/* The whole file ---------------------------------------------------------------- */

static void
import_clear (Import *import)
{
  g_clear_object (&import->mapping);
  g_clear_pointer (&import->headers, g_ptr_array_unref);
  g_clear_pointer (&import->extra_columns, g_array_unref);
  g_clear_pointer (&import->extra_keys, g_ptr_array_unref);
  g_clear_pointer (&import->created_lines, g_array_unref);
  g_clear_pointer (&import->pending, g_array_unref);
  for (guint i = 0; i <= PENDING_MAX; i++)
    {
      g_clear_pointer (&import->insert_people[i], sqlite3_finalize);
      g_clear_pointer (&import->insert_applications[i], sqlite3_finalize);
      g_clear_pointer (&import->insert_confidential[i], sqlite3_finalize);
      if (import->answer_buffers[i] != NULL)
        g_string_free (import->answer_buffers[i], TRUE);
      import->answer_buffers[i] = NULL;
    }
  g_clear_pointer (&import->created_people, g_array_unref);
  g_clear_pointer (&import->unknown_stages, g_hash_table_unref);
  g_clear_pointer (&import->first_line, g_hash_table_unref);
  g_clear_pointer (&import->replaced_ids, g_array_unref);
  g_clear_pointer (&import->people, g_hash_table_unref);
  g_clear_pointer (&import->stages, g_hash_table_unref);
  g_clear_pointer (&import->answers, g_hash_table_unref);
  g_clear_pointer (&import->languages, g_hash_table_unref);
  g_clear_pointer (&import->row_notes, g_array_unref);
  g_clear_pointer (&import->now, g_free);
  if (import->replaced != NULL)
    g_string_free (import->replaced, TRUE);
  import->replaced = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
read_header (Import             *import,
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
                     _("%s is empty"), import->report->file_name);
      return FALSE;
    }
  import->headers = fields;

  if (oversized)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE,
                   _("%s, line %u: the header has more than %d columns or a column name longer "
                     "than 1 MB"),
                   import->report->file_name, line, PAIRINGS_CSV_MAX_FIELDS);
      return FALSE;
    }
  for (guint i = 0; i < fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL))
      {
        g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                     _("%s, line %u: the header is not valid UTF-8 text"),
                     import->report->file_name, line);
        return FALSE;
      }
  g_ptr_array_add (fields, NULL);
  g_ptr_array_set_size (fields, fields->len - 1);

  pairings_mapping_guess (import->mapping, (const char * const *) fields->pdata);
  if (!pairings_mapping_resolve (import->mapping, (const char * const *) fields->pdata,
                                 import->report->file_name, import->columns, error))
    return FALSE;

  import->extra_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  import->extra_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      gboolean mapped = FALSE;

      for (guint f = 0; f < PAIRINGS_N_FIELDS && !mapped; f++)
        mapped = import->columns[f] == (int) i;
      if (!mapped)
        {
          GString *key = g_string_new (NULL);

          pairings_json_append_string (key, g_ptr_array_index (fields, i));
          g_string_append_c (key, ':');
          g_array_append_val (import->extra_columns, i);
          g_ptr_array_add (import->extra_keys, g_string_free (key, FALSE));
        }
    }
  return TRUE;
}

static void
report_unknown_stages (Import *import)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, import->unknown_stages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_problem (import->report->notes, 0, PAIRINGS_FIELD_CAREER_STAGE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s: the career stage “%s” (%u application) is not known; it is kept as "
                              "written; map it in a preset",
                              "%s: the career stage “%s” (%u applications) is not known; it is kept as "
                              "written; map it in a preset",
                              GPOINTER_TO_UINT (value)),
                 import->report->file_name, (const char *) key, GPOINTER_TO_UINT (value));
}

static char *
event_json (Import *import)
{
  GString *json = g_string_new ("{\"file\":");

  pairings_json_append_string (json, import->report->file_name);
  g_string_append_printf (json, ",\"cohort_id\":%" G_GINT64_FORMAT ",\"imported\":%u,\"updated\":%u"
                                ",\"created_applications\":[",
                          import->options->cohort_id, import->report->imported, import->report->updated);
  for (gint64 id = import->first_application_id; id < import->next_application_id; id++)
    {
      if (id > import->first_application_id)
        g_string_append_c (json, ',');
      pairings_json_append_int (json, id);
    }
  g_string_append (json, "],\"created_people\":[");
  for (guint i = 0; i < import->created_people->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      pairings_json_append_int (json, g_array_index (import->created_people, gint64, i));
    }
  g_string_append (json, "],\"replaced\":");
  g_string_append (json, import->replaced->str);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static gboolean
keep_confidential_before (Import   *import,
                          gint64    event_id,
                          GError  **error)
{
  for (guint i = 0; i < import->replaced_ids->len; i++)
    {
      sqlite3_stmt *stmt;

      /* The answers as they were before the import wrote its own. */
      stmt = _pairings_store_prepare (import->store,
                                      "INSERT INTO confidential_before (event_id, application_id,"
                                      " pronouns, gender, identity_groups, answers)"
                                      " SELECT ?, application_id, pronouns, gender, identity_groups,"
                                      " answers FROM temp.confidential_saved WHERE application_id = ?",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (import->replaced_ids, gint64, i));
      if (!_pairings_store_step_done (import->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
log_import (Import   *import,
            GError  **error)
{
  g_autofree char *after = event_json (import);
  gint64 event_id;

  if (!_pairings_store_log_event (import->store, "import", "cohort", import->options->cohort_id,
                                  NULL, after, error))
    return FALSE;
  event_id = sqlite3_last_insert_rowid (_pairings_store_get_db (import->store));
  import->report->event_id = event_id;
  return keep_confidential_before (import, event_id, error);
}

/* Reading and writing run side by side: one thread reads, decodes, parses
 * and checks the records (the CSV reader, read_row and the caches they
 * fill: stages, answers, unknown_stages, report->skipped, row_notes), this
 * one writes them to SQLite (write_row: people, created, report->notes and
 * the counts). They hand each other batches of rows; a few batches in
 * flight bound the memory, whatever the size of the file. */
#define BATCH_ROWS 256
#define BATCHES_IN_FLIGHT 4

typedef struct
{
  PairingsCsvRecord *record;
  Row                row;
  guint              line;
} Item;

typedef struct
{
  Item    items[BATCH_ROWS];
  guint   n;
  guint64 bytes_read;
  guint   rows;         /* records read so far, for the progress */
  gboolean last;
} Batch;

typedef struct
{
  Import            *import;
  PairingsCsvReader *reader;
  GAsyncQueue       *empty;
  GAsyncQueue       *full;
  int                stop;
  GError            *error;   /* the reader's, set before the last batch */
} Pipeline;

static void
batch_clear (Batch *batch)
{
  for (guint i = 0; i < batch->n; i++)
    {
      row_clear (&batch->items[i].row);
      g_clear_pointer (&batch->items[i].record, g_free);
    }
  batch->n = 0;
}

/* Reads one record into @item; FALSE at the end of the file or on an error
 * (in pipeline->error). A record that must be skipped leaves item->record
 * NULL, its reason in the report. */
static gboolean
read_item (Pipeline *pipeline,
           Item     *item)
{
  Import *import = pipeline->import;
  g_autofree PairingsCsvRecord *record = NULL;
  guint line;

  if (!pairings_csv_reader_next_record (pipeline->reader, &record, &pipeline->error))
    return FALSE;

  line = record->line;
  import->report->rows++;
  memset (&item->row, 0, sizeof item->row);
  item->record = NULL;
  item->line = line;

  if (record->oversized)
    add_problem (import->report->skipped, line, NO_FIELD,
                 _("%s, line %u: a field is longer than 1 MB or the row has more than %d fields"),
                 import->report->file_name, line, PAIRINGS_CSV_MAX_FIELDS);
  else if (record->n_fields != import->headers->len)
    add_problem (import->report->skipped, line, NO_FIELD,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s, line %u: the row has %u field where the header has %u",
                              "%s, line %u: the row has %u fields where the header has %u",
                              record->n_fields),
                 import->report->file_name, line, record->n_fields, import->headers->len);
  else if (read_row (import, record, line, &item->row))
    {
      item->record = g_steal_pointer (&record);
      return TRUE;
    }

  row_clear (&item->row);
  memset (&item->row, 0, sizeof item->row);
  return TRUE;
}

static gpointer
produce (gpointer data)
{
  Pipeline *pipeline = data;
  gboolean more = TRUE;

  while (more)
    {
      Batch *batch = g_async_queue_pop (pipeline->empty);

      /* Rows are freed by the thread that allocated them, which is also
       * the one with time to spare. */
      batch_clear (batch);
      while (batch->n < BATCH_ROWS)
        {
          if (g_atomic_int_get (&pipeline->stop) ||
              !read_item (pipeline, &batch->items[batch->n]))
            {
              more = FALSE;
              break;
            }
          if (batch->items[batch->n].record != NULL)
            batch->n++;
        }
      batch->bytes_read = pairings_csv_reader_get_bytes_read (pipeline->reader);
      batch->rows = pipeline->import->report->rows;
      batch->last = !more;
      g_async_queue_push (pipeline->full, batch);
    }
  return NULL;
}

/* The two lists of notes, each in the order of the file, as one. */
static void
merge_notes (Import *import)
{
  GArray *written = import->report->notes;
  GArray *merged = g_array_sized_new (FALSE, TRUE, sizeof (PairingsImportProblem),
                                      written->len + import->row_notes->len);
  guint i = 0, j = 0;

  while (i < import->row_notes->len || j < written->len)
    {
      PairingsImportProblem *a = i < import->row_notes->len ?
        &g_array_index (import->row_notes, PairingsImportProblem, i) : NULL;
      PairingsImportProblem *b = j < written->len ?
        &g_array_index (written, PairingsImportProblem, j) : NULL;

      if (a != NULL && (b == NULL || a->line <= b->line))
        {
          g_array_append_val (merged, *a);
          i++;
        }
      else
        {
          g_array_append_val (merged, *b);
          j++;
        }
    }
  /* The problems moved: empty the old lists without freeing them. */
  g_array_set_clear_func (written, NULL);
  g_array_set_clear_func (import->row_notes, NULL);
  g_array_set_size (written, 0);
  g_array_set_size (import->row_notes, 0);
  g_array_set_clear_func (import->row_notes, problem_clear);
  g_array_unref (written);
  g_array_set_clear_func (merged, problem_clear);
  import->report->notes = merged;
}

/* SQLite's own descriptor of @path, found among the process's: opening and
 * closing another one would release the POSIX locks SQLite holds on it. */
static int
sqlite_fd_of (const char *path)
{
  int found = -1;
#ifdef __linux__
  char *real = realpath (path, NULL);
  g_autoptr(GDir) dir = real != NULL ? g_dir_open ("/proc/self/fd", 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && found < 0 && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link_path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link_path, NULL);

      if (g_strcmp0 (target, real) == 0)
        found = atoi (name);
    }
  free (real);
#endif
  return found;
}

/* Asks the kernel to start writing out what SQLite has written so far,
 * without waiting. Otherwise a large import's pages stay dirty until the
 * commit's fdatasync(), which then writes the whole file in one wait
 * (about 0.1 s at 100,000 rows) after everything else is done. */
static void
start_writeback (Import *import)
{
#ifdef __linux__
  if (import->writeback_fd >= 0)
    sync_file_range (import->writeback_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

static gboolean
process_records (Import             *import,
                 PairingsCsvReader  *reader,
                 goffset             size,
                 PairingsProgressFunc progress,
                 gpointer            user_data,
                 GCancellable       *cancellable,
                 GError            **error)
{
  Pipeline pipeline = { import, reader, NULL, NULL, 0, NULL };
  Batch *batches = g_new0 (Batch, BATCHES_IN_FLIGHT);
  GError *local_error = NULL;
  guint next_progress = PROGRESS_EVERY;
  guint written = 0;
  gboolean done = FALSE;
  GThread *thread;

  pipeline.empty = g_async_queue_new ();
  pipeline.full = g_async_queue_new ();
  for (guint i = 0; i < BATCHES_IN_FLIGHT; i++)
    g_async_queue_push (pipeline.empty, &batches[i]);
  thread = g_thread_new ("pairings-import-read", produce, &pipeline);

  while (!done)
    {
      Batch *batch = g_async_queue_pop (pipeline.full);

      done = batch->last;
      for (guint i = 0; i < batch->n && local_error == NULL; i++)
        if (!write_row (import, &batch->items[i].row, batch->items[i].line, &local_error))
          g_prefix_error (&local_error, _("%s, line %u: "), import->report->file_name,
                          batch->items[i].line);
      /* The rows go back to the reader: what is queued from them is
       * written first. */
      if (local_error == NULL && import->pending->len > 0)
        {
          guint first = g_array_index (import->pending, Pending, 0).line;

          if (!flush_pending (import, &local_error))
            g_prefix_error (&local_error, _("%s, line %u: "), import->report->file_name, first);
        }

      if (++written % 16 == 0)
        start_writeback (import);
      if (local_error == NULL && batch->rows >= next_progress)
        {
          next_progress = batch->rows + PROGRESS_EVERY;
          g_cancellable_set_error_if_cancelled (cancellable, &local_error);
          if (local_error == NULL && progress != NULL && size > 0)
            progress (MIN (0.99, (double) batch->bytes_read / (double) size), user_data);
        }
      /* After a failure the reader is told to stop, and what it had
       * already read is dropped. */
      if (local_error != NULL)
        g_atomic_int_set (&pipeline.stop, 1);

      g_async_queue_push (pipeline.empty, batch);
    }
  g_thread_join (thread);
  for (guint i = 0; i < BATCHES_IN_FLIGHT; i++)
    batch_clear (&batches[i]);

  g_async_queue_unref (pipeline.empty);
  g_async_queue_unref (pipeline.full);
  g_free (batches);
  merge_notes (import);

  if (local_error == NULL && pipeline.error != NULL)
    local_error = g_steal_pointer (&pipeline.error);
  g_clear_error (&pipeline.error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Confidential answers of applications that may be replaced are copied
 * aside first: a temporary table lives in memory and dies with the
 * connection, so nothing confidential is left behind in the file. */
static gboolean
save_confidential (Import   *import,
                   GError  **error)
{
  sqlite3_stmt *stmt;

  if (!_pairings_store_exec (import->store,
                             "CREATE TEMP TABLE IF NOT EXISTS confidential_saved AS"
                             " SELECT * FROM confidential_answers WHERE 0;"
                             "DELETE FROM temp.confidential_saved",
                             error))
    return FALSE;

  stmt = _pairings_store_prepare (import->store,
                                  "INSERT INTO temp.confidential_saved SELECT k.* FROM"
                                  " confidential_answers k JOIN applications a ON a.id = k.application_id"
                                  " WHERE a.cohort_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->options->cohort_id);
  return _pairings_store_step_done (import->store, stmt, error);
}

static gboolean
check_cohort (PairingsStore  *store,
              gint64          cohort_id,
              GError        **error)
{
  g_autoptr(PairingsCohort) cohort = pairings_store_get_cohort (store, cohort_id, error);

  return cohort != NULL;
}

/* Whether the people's address index is dropped for the import and built
 * again at its end. Each new person otherwise goes into the index at a
 * random place (2–3 µs each at 100,000); building it again sorts every
 * person of the database once (about 1 µs each). So it pays when the file
 * may hold more rows than half the people already there; a row of a form
 * is taken to be 256 bytes or more, and small files keep the index. */
static gboolean
defer_people_index (Import  *import,
                    goffset  size)
{
  goffset rows = size / 256;

  return rows >= 4096 && rows >= (goffset) g_hash_table_size (import->people) / 2;
}

/* Undoes what import_rows() set on the connection for the import's length,
 * whether it went well or not. */
static void
restore_connection (PairingsStore *store,
                    gboolean       rollback_journal)
{
  _pairings_store_exec (store, "PRAGMA cache_size = -2000", NULL);
  _pairings_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
  _pairings_store_exec (store, "PRAGMA ignore_check_constraints = OFF", NULL);
  if (rollback_journal)
    _pairings_store_set_journal (store, TRUE);
}

/* Reads the header, then the rows, in one transaction that it commits
 * when all went well (and the import is not a dry run). */
static gboolean
import_rows (Import                *import,
             PairingsCsvReader     *reader,
             goffset                size,
             PairingsProgressFunc   progress,
             gpointer               user_data,
             GCancellable          *cancellable,
             GError               **error)
{
  PairingsStore *store = import->store;
  const PairingsImportOptions *options = import->options;
  PairingsImportReport *report = import->report;
  gboolean rollback;
  gboolean ok;

  if (!read_header (import, reader, error))
    return FALSE;

  /* Every reference the import writes is to the cohort checked above or
   * to a person it has just looked up or added, so SQLite need not check
   * them again for each row (it cannot change this inside a transaction).
   * Likewise every value a CHECK constraint guards is written by this file
   * from a checked value: statuses and roles from their enumerations, JSON
   * from pairings_json_strv() and the extra answers' builder, a capacity
   * from 0 to 20. Checking them again (five JSON parses a row) was a tenth
   * of the writer's time; the tests check what the constraints would. */
  _pairings_store_exec (store, "PRAGMA foreign_keys = OFF", NULL);
  _pairings_store_exec (store, "PRAGMA ignore_check_constraints = ON", NULL);
  /* In WAL mode every page of a large import is written twice: to the log,
   * then to the database when the log is checkpointed. A rollback journal
   * writes the new pages once (and keeps only the few pages that existed
   * before), so an import uses one when no other connection has the file
   * open; otherwise SQLite keeps WAL and nothing changes. The commit is
   * just as atomic either way; synchronous = FULL keeps it durable. */
  import->own_transaction = !_pairings_store_in_transaction (store);
  rollback = !options->dry_run && import->own_transaction && _pairings_store_set_journal (store, FALSE);
  if (!_pairings_store_begin (store, error))
    {
      restore_connection (store, rollback);
      return FALSE;
    }

  /* One transaction holds the whole file. A page cache of 8 MB (the
   * default is 2 MB) holds the pages written again and again; the rest is
   * written out while the reader is still reading, which leaves less for
   * the commit. 24 MB was no quicker and took 16 MB more memory. */
  _pairings_store_exec (store, "PRAGMA cache_size = -8000", NULL);
  /* SQLite writes the database itself with a rollback journal, the log
   * in WAL mode. */
  {
    g_autofree char *written = rollback ? g_strdup (pairings_store_get_path (store)) :
                               g_strconcat (pairings_store_get_path (store), "-wal", NULL);

    import->writeback_fd = options->dry_run ? -1 : sqlite_fd_of (written);
  }
  ok = save_confidential (import, error) && load_people (import, error);
  /* Every address is unique all along: the people table holds those of
   * the hash table, and new ones are added to both. The index built at the
   * end checks it again; if it failed, the rollback would bring back the
   * index as it was, like everything else. */
  if (ok && defer_people_index (import, size))
    ok = _pairings_store_exec (store, "DROP INDEX people_email_key", error) &&
         process_records (import, reader, size, progress, user_data, cancellable, error) &&
         _pairings_store_exec (store, "CREATE UNIQUE INDEX people_email_key ON people(email_key)", error);
  else if (ok)
    ok = process_records (import, reader, size, progress, user_data, cancellable, error);

  if (ok && report->rows == 0)
    {
      g_set_error (error, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_NO_ROWS,
                   _("%s has a header but no applications"), report->file_name);
      ok = FALSE;
    }
  report_unknown_stages (import);

  if (ok && options->strict && report->skipped->len > 0)
    {
      g_set_error (error, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_REJECTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row has a problem, so nothing was imported (strict mode)",
                                "%s: %u rows have problems, so nothing was imported (strict mode)",
                                report->skipped->len),
                   report->file_name, report->skipped->len);
      ok = FALSE;
    }

  if (ok && !options->dry_run && (report->imported > 0 || report->updated > 0))
    ok = log_import (import, error);

  if (ok && !options->dry_run)
    ok = _pairings_store_commit (store, error);
  if (!ok || options->dry_run)
    {
      _pairings_store_rollback (store);
      report->event_id = 0;
    }
  import->writeback_fd = -1;
  _pairings_store_exec (store, "DELETE FROM temp.confidential_saved", NULL);
  restore_connection (store, rollback);

  if (progress != NULL && ok)
    progress (1.0, user_data);
  return ok;
}

gboolean
pairings_import_stream (PairingsStore                *store,
                        GInputStream                 *stream,
                        const char                   *display_name,
                        goffset                       size,
                        const PairingsImportOptions  *options,
                        PairingsProgressFunc          progress,
                        gpointer                      user_data,
                        GCancellable                 *cancellable,
                        PairingsImportReport        **report_out,
                        GError                      **error)
{
  g_autoptr(PairingsCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(Import) import = { 0, };
  PairingsImportReport *report;
  gboolean ok;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!check_cohort (store, options->cohort_id, error))
    return FALSE;

  reader = pairings_csv_reader_new (stream, display_name, error);
  if (reader == NULL)
    return FALSE;

  report = report_new (pairings_csv_reader_get_name (reader));
  report->encoding = pairings_csv_reader_get_encoding (reader);
  report->delimiter = pairings_csv_reader_get_delimiter (reader);

  import.store = store;
  import.options = options;
  import.report = report;
  import.mapping = options->mapping ? g_object_ref (options->mapping) : pairings_mapping_new ();
  import.first_application_id = G_MAXINT64;
  import.writeback_fd = -1;
  import.created_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  import.pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), PENDING_MAX);
  import.first_line = g_hash_table_new (NULL, NULL);
  import.created_people = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.replaced_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.replaced = g_string_new ("[");
  import.unknown_stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.row_notes = g_array_new (FALSE, TRUE, sizeof (PairingsImportProblem));
  g_array_set_clear_func (import.row_notes, problem_clear);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    import.now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  }

  ok = import_rows (&import, reader, size, progress, user_data, cancellable, &local_error);

  /* A refused or failed file still tells what was wrong with its rows. */
  if (report_out != NULL && (ok || g_error_matches (local_error, PAIRINGS_IMPORT_ERROR,
                                                    PAIRINGS_IMPORT_ERROR_REJECTED)))
    *report_out = report;
  else
    pairings_import_report_free (report);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

gboolean
pairings_import_file (PairingsStore                *store,
                      const char                   *path,
                      const PairingsImportOptions  *options,
                      PairingsProgressFunc          progress,
                      gpointer                      user_data,
                      GCancellable                 *cancellable,
                      PairingsImportReport        **report,
                      GError                      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_filename_display_basename (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder, not a CSV file"), name);
      return FALSE;
    }
  /* Opening a FIFO waits for a writer, and a device may never end. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file (a pipe or a device?), not a CSV file"), name);
      return FALSE;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return FALSE;
    }

  return pairings_import_stream (store, G_INPUT_STREAM (stream), name, g_file_info_get_size (info),
                                 options, progress, user_data, cancellable, report, error);
}

/* Undo --------------------------------------------------------------------------- */

gboolean
pairings_import_undo (PairingsStore  *store,
                      gint64          event_id,
                      GError        **error)
{
  g_autofree char *after = NULL;
  g_autofree char *before_undo = NULL;
  sqlite3_stmt *stmt;
  static const char * const steps[] = {
    /* Applications the import added, and people only it knew. */
    "DELETE FROM applications WHERE id IN (SELECT value FROM json_each(?1, '$.created_applications'))",
    "DELETE FROM people WHERE id IN (SELECT value FROM json_each(?1, '$.created_people'))"
    " AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.person_id = people.id)",
    /* Applications it replaced, as they were. */
    "UPDATE applications SET status = json_extract(r.value, '$.status'),"
    " name = json_extract(r.value, '$.name'), institution = json_extract(r.value, '$.institution'),"
    " experiment = json_extract(r.value, '$.experiment'),"
    " department = json_extract(r.value, '$.department'),"
    " location = json_extract(r.value, '$.location'), timezone = json_extract(r.value, '$.timezone'),"
    " languages = json_extract(r.value, '$.languages'),"
    " career_stage = json_extract(r.value, '$.career_stage'),"
    " career_stage_raw = json_extract(r.value, '$.career_stage_raw'),"
    " mentoring_types = json_extract(r.value, '$.mentoring_types'),"
    " capacity = json_extract(r.value, '$.capacity'), motivation = json_extract(r.value, '$.motivation'),"
    " submitted_at = json_extract(r.value, '$.submitted_at'),"
    " answers = json_extract(r.value, '$.answers')"
    " FROM json_each(?1, '$.replaced') r WHERE applications.id = json_extract(r.value, '$.id')",
    "DELETE FROM confidential_answers WHERE application_id IN"
    " (SELECT json_extract(value, '$.id') FROM json_each(?1, '$.replaced'))",
  };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (!_pairings_store_begin (store, error))
    return FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT after FROM events WHERE id = ? AND action = 'import'"
                                  " AND undone = 0",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (after == NULL)
    {
      g_set_error (error, PAIRINGS_IMPORT_ERROR, PAIRINGS_IMPORT_ERROR_NOTHING_TO_UNDO,
                   _("This import was already undone, or is not in the history"));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      stmt = _pairings_store_prepare (store, steps[i], error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, after, -1, SQLITE_STATIC);
      if (!_pairings_store_step_done (store, stmt, error))
        goto failed;
    }

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO confidential_answers (application_id, pronouns, gender,"
                                  " identity_groups, answers) SELECT application_id, pronouns, gender,"
                                  " identity_groups, answers FROM confidential_before WHERE event_id = ?",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;

  stmt = _pairings_store_prepare (store,
                                  "DELETE FROM confidential_before WHERE event_id = ?1;", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;

  stmt = _pairings_store_prepare (store, "UPDATE events SET undone = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;

  before_undo = g_strdup_printf ("{\"event\":%" G_GINT64_FORMAT "}", event_id);
  if (!_pairings_store_log_event (store, "undo", "event", event_id, NULL, before_undo, error) ||
      !_pairings_store_commit (store, error))
    goto failed;

  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* Reports ---------------------------------------------------------------------- */

static void
append_problems_json (GString *json,
                      GArray  *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PairingsImportProblem *p = &g_array_index (problems, PairingsImportProblem, i);

      g_string_append_printf (json, "%s{\"line\":%u,\"field\":", i ? "," : "", p->line);
      pairings_json_append_string (json, p->field ? p->field : "");
      g_string_append (json, ",\"reason\":");
      pairings_json_append_string (json, p->message);
      g_string_append_c (json, '}');
    }
}

char *
pairings_import_report_to_json (PairingsImportReport *report)
{
  GString *json = g_string_new (NULL);
  char delimiter[2] = { report->delimiter, '\0' };

  g_string_append_printf (json, "{\"imported\":%u,\"updated\":%u,\"unchanged\":%u,\"returning\":%u,"
                                "\"rows\":%u,\"encoding\":",
                          report->imported, report->updated, report->unchanged, report->returning,
                          report->rows);
  pairings_json_append_string (json, pairings_csv_encoding_get_label (report->encoding));
  g_string_append (json, ",\"delimiter\":");
  pairings_json_append_string (json, delimiter);
  g_string_append (json, ",\"skipped\":[");
  append_problems_json (json, report->skipped);
  g_string_append (json, "],\"notes\":[");
  append_problems_json (json, report->notes);
  g_string_append (json, "]}\n");
  return g_string_free (json, FALSE);
}

char *
pairings_import_report_to_text (PairingsImportReport *report)
{
  GString *text = g_string_new (NULL);
  const char *delimiter = report->delimiter == '\t' ? _("tab") : NULL;
  char one[2] = { report->delimiter, '\0' };

  g_string_append_printf (text, _("%s: %s, fields separated by “%s”, %u rows.\n"),
                          report->file_name, pairings_csv_encoding_get_label (report->encoding),
                          delimiter ? delimiter : one, report->rows);
  g_string_append_printf (text, _("New applications: %u · Replaced by a later submission: %u · "
                                  "Unchanged: %u · Returning participants: %u · Skipped: %u\n"),
                          report->imported, report->updated, report->unchanged, report->returning,
                          report->skipped->len);
  for (guint i = 0; i < report->skipped->len; i++)
    g_string_append_printf (text, "  %s\n", g_array_index (report->skipped, PairingsImportProblem, i).message);
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (text, "  %s\n", g_array_index (report->notes, PairingsImportProblem, i).message);
  return g_string_free (text, FALSE);
}

/* pairings-evaluation-import.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether a question is a rating is known only once every answer to it
 * has been read, so the rows are kept until the end of the file: a survey
 * has a row per person, and files larger than
 * PAIRINGS_EVALUATION_IMPORT_MAX_BYTES are refused. The rows of the
 * affected answers before and after the import are the event that undo
 * and redo replay.
 */

#include "config.h"

#include "pairings-evaluation-import.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-form-import-private.h"
#include "pairings-import.h"
#include "pairings-json.h"
#include "pairings-mapping.h"

typedef enum
{
  COLUMN_EMAIL,
  COLUMN_DATE,
  COLUMN_ROLE,
  N_COLUMNS
} Column;

G_STATIC_ASSERT (N_COLUMNS <= PAIRINGS_FORM_MAX_COLUMNS);

/* An accepted application of the cohort. */
typedef struct
{
  gint64        id;
  PairingsRole  role;
  gint64        pair_id;  /* its one announced pair, or 0 */
} Applicant;

/* A row that names an applicant. */
typedef struct
{
  guint      line;
  gint64     application_id;
  gint64     pair_id;
  char      *submitted_at;  /* or NULL: keep the one stored */
  GPtrArray *fields;
} Row;

/* What the file's answers to a column say about it. */
typedef struct
{
  gboolean answered;
  gboolean ratings;  /* every answer so far is a rating */
} Question;

typedef struct
{
  PairingsForm   form;
  PairingsStore *store;
  gint64         cohort_id;
  const char    *survey;
  const char    *today;
  GHashTable    *people;     /* e-mail key → GArray of Applicant */
  GArray        *rows;       /* Row, in the file's order */
  GArray        *questions;  /* Question, one per column of the file */
} Import;

/* Columns ------------------------------------------------------------------- */

/* Names only: every other column is a question, and "What date suits
 * you?" must stay one. */
static const char * const date_names[] = {
  "timestamp", "horodateur", "horodatage", "completion time", "heure de fin", "submitted at",
  "submitted on", "submission date", "submission time", "date submitted", "submitdate",
  "date de soumission", "date de reponse", "response date", "date", NULL
};
static const char * const role_names[] = {
  "role", "your role", "votre role", "i am a", "i am", "je suis", "vous etes",
  "are you a mentor or a mentee", "mentor or mentee", "mentor mentee",
  "etes vous mentor ou mentore", "mentor ou mentore", "role in the programme",
  "role dans le programme", NULL
};

static gboolean
is_question (Import *import,
             guint   column)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (import->form.columns[c] == (int) column)
      return FALSE;
  return *(const char *) g_ptr_array_index (import->form.headers, column) != '\0';
}

/* Two columns with one header would be one question answered twice. */
static gboolean
check_questions (Import  *import,
                 GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *headers = import->form.headers;
  guint n = 0;

  for (guint i = 0; i < headers->len; i++)
    {
      const char *header = g_ptr_array_index (headers, i);

      if (!is_question (import, i))
        continue;
      n++;
      if (g_hash_table_add (seen, (gpointer) header))
        continue;
      /* TRANSLATORS: the file's name, then a column's header */
      g_set_error (error, PAIRINGS_FORM_IMPORT_ERROR, PAIRINGS_FORM_IMPORT_ERROR_BAD_COLUMN,
                   _("%s: two columns are named “%s”; give each question its own name"),
                   import->form.report->file_name, header);
      return FALSE;
    }
  if (n == 0)
    return _pairings_form_missing_column (&import->form, _("the answers to a question"), error);
  return TRUE;
}

static gboolean
find_columns (gpointer  data,
              GError  **error)
{
  Import *import = data;
  PairingsForm *form = &import->form;

  if (!_pairings_form_find_email (form, COLUMN_EMAIL, error))
    return FALSE;
  form->columns[COLUMN_DATE] = _pairings_form_find_column (form, date_names, NULL, NULL, NULL);
  form->columns[COLUMN_ROLE] = _pairings_form_find_column (form, role_names, NULL, NULL, NULL);
  g_array_set_size (import->questions, form->headers->len);
  for (guint i = 0; i < form->headers->len; i++)
    g_array_index (import->questions, Question, i).ratings = TRUE;
  return check_questions (import, error);
}

/* Answers ------------------------------------------------------------------- */

typedef struct
{
  const char *label;
  int         rating;
} Label;

/* pairings_normalize_label()'s form of the five-point scales' labels. */
static const Label labels[] = {
  { "strongly disagree", 1 }, { "disagree", 2 }, { "neutral", 3 }, { "agree", 4 },
  { "strongly agree", 5 }, { "somewhat disagree", 2 }, { "somewhat agree", 4 },
  { "neither agree nor disagree", 3 },
  { "very dissatisfied", 1 }, { "dissatisfied", 2 }, { "satisfied", 4 }, { "very satisfied", 5 },
  { "neither satisfied nor dissatisfied", 3 },
  { "pas du tout d accord", 1 }, { "pas d accord", 2 }, { "plutot pas d accord", 2 },
  { "neutre", 3 }, { "ni d accord ni pas d accord", 3 }, { "plutot d accord", 4 },
  { "d accord", 4 }, { "tout a fait d accord", 5 },
  { "tres insatisfait", 1 }, { "tres insatisfaite", 1 }, { "tres insatisfait e", 1 },
  { "insatisfait", 2 }, { "insatisfaite", 2 }, { "insatisfait e", 2 },
  { "ni satisfait ni insatisfait", 3 },
  { "satisfait", 4 }, { "satisfaite", 4 }, { "satisfait e", 4 },
  { "tres satisfait", 5 }, { "tres satisfaite", 5 }, { "tres satisfait e", 5 },
};

/* Answers that say there is none. */
static const char * const no_answers[] = {
  "", "n a", "na", "not applicable", "non applicable", "sans objet", NULL
};

static int
label_rating (const char *text)
{
  g_autofree char *key = pairings_normalize_label (text);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (key, labels[i].label))
      return labels[i].rating;
  return 0;
}

static const char *
skip_blanks (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* 1 to 5 for a rating (see the header), 0 for anything else. */
static int
parse_rating (const char *text)
{
  int digit = text[0] - '0';
  const char *p = text + 1;

  if (digit < 1 || digit > 5)
    return label_rating (text);
  if (g_ascii_isdigit (*p))
    return 0;
  if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    /* "4.0" is what a spreadsheet makes of 4; "3.5" is no rating. */
    return p[1] == '0' && *skip_blanks (p + 2) == '\0' ? digit : 0;
  p = skip_blanks (p);
  if (*p == '\0')
    return digit;
  if (*p == '/')
    {
      p = skip_blanks (p + 1);
      return *p == '5' && *skip_blanks (p + 1) == '\0' ? digit : 0;
    }
  if (g_unichar_ispunct (g_utf8_get_char (p)))
    return digit;
  return label_rating (p) != 0 ? digit : 0;
}

static gboolean
is_no_answer (const char *text)
{
  g_autofree char *key = pairings_normalize_label (text);

  return g_strv_contains (no_answers, key);
}

/* The answer of @fields to question @column, trimmed in place, or NULL. */
static const char *
answer_of (GPtrArray *fields,
           guint      column)
{
  const char *text = g_strstrip ((char *) g_ptr_array_index (fields, column));

  return is_no_answer (text) ? NULL : text;
}

static void
note_answers (Import    *import,
              GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Question *question = &g_array_index (import->questions, Question, i);
      const char *text = answer_of (fields, i);

      if (text == NULL || !is_question (import, i))
        continue;
      question->answered = TRUE;
      if (question->ratings && parse_rating (text) == 0)
        question->ratings = FALSE;
    }
}

/* Rows ---------------------------------------------------------------------- */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->submitted_at);
  g_ptr_array_unref (row->fields);
}

static gboolean
load_people (gpointer   data,
             GError   **error)
{
  Import *import = data;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT a.id, a.role, p.email_key,"
                                  " CASE WHEN count(x.id) = 1 THEN max(x.id) END"
                                  " FROM applications a JOIN people p ON p.id = a.person_id"
                                  " LEFT JOIN pairs x ON x.cohort_id = a.cohort_id"
                                  " AND x.stage = 'announced'"
                                  " AND (x.mentor_application_id = a.id"
                                  " OR x.mentee_application_id = a.id)"
                                  " WHERE a.cohort_id = ? AND a.status = 'accepted'"
                                  " GROUP BY a.id ORDER BY a.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 2);
      Applicant applicant = { sqlite3_column_int64 (stmt, 0), PAIRINGS_ROLE_MENTEE,
                              sqlite3_column_int64 (stmt, 3) };
      GArray *list = g_hash_table_lookup (import->people, key);

      pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &applicant.role);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Applicant));
          g_hash_table_insert (import->people, g_strdup (key), list);
        }
      g_array_append_val (list, applicant);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* "Mentee", "Mentoré·e", "Je suis mentor"… or -1. */
static int
parse_role (const char *text)
{
  static const char * const mentee[] = {
    "mentee", "mentees", "mentore", "mentoree", "mentores", "mentorees", NULL
  };
  static const char * const mentor[] = { "mentor", "mentors", NULL };
  g_autofree char *key = pairings_normalize_label (text);
  g_auto(GStrv) words = g_strsplit (key, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_strv_contains (mentee, words[i]))
      return PAIRINGS_ROLE_MENTEE;
  for (guint i = 0; words[i] != NULL; i++)
    if (g_strv_contains (mentor, words[i]))
      return PAIRINGS_ROLE_MENTOR;
  return -1;
}

/* The application the row is from, or NULL with the reason in the report. */
static const Applicant *
match_applicant (Import    *import,
                 GPtrArray *fields,
                 guint      line)
{
  PairingsForm *form = &import->form;
  const char *email = _pairings_form_cell (form, fields, COLUMN_EMAIL);
  const char *role_text = _pairings_form_cell (form, fields, COLUMN_ROLE);
  int column = form->columns[COLUMN_EMAIL];
  int role = _pairings_form_is_empty (role_text) ? -1 : parse_role (role_text);
  g_autofree char *key = NULL;
  const Applicant *found = NULL;
  GArray *list;
  guint matches = 0;

  if (_pairings_form_is_empty (email))
    {
      _pairings_form_skip (form, line, column, "%s", _("the e-mail address is empty"));
      return NULL;
    }
  key = pairings_email_key (email);
  list = key != NULL ? g_hash_table_lookup (import->people, key) : NULL;
  if (list == NULL)
    {
      _pairings_form_skip (form, line, column,
                           _("“%s” has no accepted application in this cohort"), email);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    {
      const Applicant *applicant = &g_array_index (list, Applicant, i);

      if (list->len == 1 || role < 0 || (int) applicant->role == role)
        {
          found = applicant;
          matches++;
        }
    }
  if (matches == 1)
    return found;
  _pairings_form_skip (form, line, column,
                       _("ambiguous: “%s” is accepted both as a mentor and as a mentee; add a "
                         "column with the role (“Role”: mentor or mentee) to tell which"), email);
  return NULL;
}

/* The time of the answer: an ISO date alone, or with a time in UTC. */
static gboolean
read_time (Import     *import,
           GPtrArray  *fields,
           guint       line,
           char      **submitted_at)
{
  g_autofree char *date = NULL;
  const char *rest = NULL;

  *submitted_at = NULL;
  if (!_pairings_form_read_date (&import->form, fields, line, COLUMN_DATE, import->today, TRUE,
                                 &date, &rest))
    return FALSE;
  if (date != NULL && *skip_blanks (rest) != '\0')
    *submitted_at = pairings_parse_timestamp (_pairings_form_cell (&import->form, fields,
                                                                   COLUMN_DATE));
  if (*submitted_at == NULL)
    *submitted_at = g_steal_pointer (&date);
  return TRUE;
}

static void
read_row (gpointer   data,
          GPtrArray *fields,
          guint      line)
{
  Import *import = data;
  const Applicant *applicant;
  Row row = { line, 0, 0, NULL, NULL };

  /* Every answer tells what its question is, also in a row skipped. */
  note_answers (import, fields);

  applicant = match_applicant (import, fields, line);
  if (applicant == NULL || !read_time (import, fields, line, &row.submitted_at))
    return;

  row.application_id = applicant->id;
  row.pair_id = applicant->pair_id;
  row.fields = g_ptr_array_ref (fields);
  g_array_append_val (import->rows, row);
}

/* Writing ------------------------------------------------------------------- */

#define EVALUATION_ROW \
  "json_object('id', id, 'cohort_id', cohort_id, 'application_id', application_id," \
  " 'pair_id', pair_id, 'survey', survey, 'question', question, 'rating', rating," \
  " 'answer', answer, 'submitted_at', submitted_at)"

/* The stored answers of the file's people to the file's questions, as an
 * event's state: {"rows": [ROW, …]}, each row whole, with its id. */
static char *
snapshot (Import      *import,
          const char  *applications,
          const char  *questions,
          GError     **error)
{
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT json_object('rows', json_group_array(json(r))) FROM"
                                  " (SELECT " EVALUATION_ROW " AS r FROM evaluations"
                                  " WHERE cohort_id = ?1 AND survey = ?2"
                                  " AND application_id IN (SELECT value FROM json_each(?3))"
                                  " AND question IN (SELECT value FROM json_each(?4)) ORDER BY id)",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import->cohort_id);
  _pairings_store_bind_text (stmt, 2, import->survey);
  _pairings_store_bind_text (stmt, 3, applications);
  _pairings_store_bind_text (stmt, 4, questions);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (json == NULL)
    _pairings_store_set_error (import->store, rc == SQLITE_ROW ? SQLITE_ERROR : rc, error);
  return json;
}

/* Binds the answer's key: ?1 cohort, ?2 application, ?3 survey, ?4 question. */
static sqlite3_stmt *
prepare_answer (Import      *import,
                const char  *sql,
                const Row   *row,
                const char  *question,
                GError     **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (import->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import->cohort_id);
  sqlite3_bind_int64 (stmt, 2, row->application_id);
  _pairings_store_bind_text (stmt, 3, import->survey);
  _pairings_store_bind_text (stmt, 4, question);
  return stmt;
}

/* ?5 pair, ?6 rating, ?7 answer, ?8 time (NULL: keep the one stored). */
static void
bind_answer (sqlite3_stmt *stmt,
             const Row    *row,
             int           rating,
             const char   *answer)
{
  if (row->pair_id > 0)
    sqlite3_bind_int64 (stmt, 5, row->pair_id);
  if (rating > 0)
    sqlite3_bind_int (stmt, 6, rating);
  _pairings_store_bind_text (stmt, 7, answer);
  _pairings_store_bind_text (stmt, 8, row->submitted_at);
}

typedef enum
{
  KEPT,
  ADDED,
  REPLACED,
} Change;

/* The stored answers to @question: the first one's id, how many, and
 * whether the first one already says @rating and @answer. */
static gboolean
find_answer (Import      *import,
             const Row   *row,
             const char  *question,
             int          rating,
             const char  *answer,
             gint64      *first,
             guint       *count,
             gboolean    *same,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_answer (import,
                         "SELECT id, pair_id IS ?5 AND rating IS ?6 AND answer = coalesce(?7, '')"
                         " AND (?8 IS NULL OR submitted_at IS ?8) FROM evaluations"
                         " WHERE cohort_id = ?1 AND application_id = ?2 AND survey = ?3"
                         " AND question = ?4 ORDER BY id",
                         row, question, error);
  if (stmt == NULL)
    return FALSE;
  bind_answer (stmt, row, rating, answer);
  *first = 0;
  *count = 0;
  *same = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if ((*count)++ == 0)
      {
        *first = sqlite3_column_int64 (stmt, 0);
        *same = sqlite3_column_int (stmt, 1) != 0;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Makes the stored answer of @row's person to @question @rating and
 * @answer, or none when @answer is NULL. */
static gboolean
put_answer (Import      *import,
            const Row   *row,
            const char  *question,
            int          rating,
            const char  *answer,
            Change      *change,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 first;
  guint count;
  gboolean same;

  *change = KEPT;
  if (!find_answer (import, row, question, rating, answer, &first, &count, &same, error))
    return FALSE;
  if ((answer == NULL && count == 0) || (answer != NULL && count == 1 && same))
    return TRUE;

  /* Everything but the answer kept goes: the first row, unless it is
   * rewritten in place, and any others a hand-made database may have. */
  stmt = prepare_answer (import,
                         "DELETE FROM evaluations WHERE cohort_id = ?1 AND application_id = ?2"
                         " AND survey = ?3 AND question = ?4 AND id IS NOT ?5",
                         row, question, error);
  if (stmt == NULL)
    return FALSE;
  if (answer != NULL && count > 0)
    sqlite3_bind_int64 (stmt, 5, first);
  if (!_pairings_store_step_done (import->store, stmt, error))
    return FALSE;
  *change = count > 0 ? REPLACED : ADDED;
  if (answer == NULL)
    return TRUE;

  stmt = prepare_answer (import,
                         count > 0
                         ? "UPDATE evaluations SET pair_id = ?5, rating = ?6, answer = ?7,"
                           " submitted_at = coalesce(?8, submitted_at) WHERE id = ?9"
                         : "INSERT INTO evaluations (cohort_id, application_id, survey, question,"
                           " pair_id, rating, answer, submitted_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         row, question, error);
  if (stmt == NULL)
    return FALSE;
  bind_answer (stmt, row, rating, answer);
  if (count > 0)
    sqlite3_bind_int64 (stmt, 9, first);
  return _pairings_store_step_done (import->store, stmt, error);
}

static gboolean
apply_row (Import     *import,
           const Row  *row,
           GError    **error)
{
  PairingsFormImportReport *report = import->form.report;
  gboolean changed = FALSE, replaced = FALSE;

  for (guint i = 0; i < row->fields->len; i++)
    {
      const Question *question = &g_array_index (import->questions, Question, i);
      const char *text;
      int rating;
      Change change;

      if (!is_question (import, i))
        continue;
      text = answer_of (row->fields, i);
      rating = text != NULL && question->ratings ? parse_rating (text) : 0;
      if (!put_answer (import, row, g_ptr_array_index (import->form.headers, i), rating,
                       rating > 0 ? "" : text, &change, error))
        return FALSE;
      changed |= change != KEPT;
      replaced |= change == REPLACED;
    }

  if (changed)
    report->applied++;
  else
    report->unchanged++;
  if (replaced)
    report->updated++;
  return TRUE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  guint line_a = ((const PairingsFormImportProblem *) a)->line;
  guint line_b = ((const PairingsFormImportProblem *) b)->line;

  return line_a < line_b ? -1 : line_a > line_b;
}

/* A person who answered twice: the later answers are theirs. The earlier
 * rows are skipped, and flagged FALSE in the returned array. */
static GArray *
latest_rows (Import *import)
{
  g_autoptr(GHashTable) later = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *keep = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), import->rows->len);

  g_array_set_size (keep, import->rows->len);
  for (guint i = import->rows->len; i-- > 0;)
    {
      Row *row = &g_array_index (import->rows, Row, i);
      Row *last = g_hash_table_lookup (later, &row->application_id);

      g_array_index (keep, gboolean, i) = last == NULL;
      if (last == NULL)
        g_hash_table_insert (later, &row->application_id, row);
      else
        _pairings_form_skip (&import->form, row->line, import->form.columns[COLUMN_EMAIL],
                             _("“%s” answered again on line %u; the later answers are kept"),
                             _pairings_form_cell (&import->form, row->fields, COLUMN_EMAIL),
                             last->line);
    }
  g_array_sort (import->form.report->skipped, compare_lines);
  return keep;
}

/* The ids of the rows' applications and the file's questions, as JSON. */
static void
touched (Import  *import,
         GArray  *keep,
         char   **applications,
         char   **questions)
{
  GString *ids = g_string_new ("[");
  GString *texts = g_string_new ("[");

  for (guint i = 0; i < import->rows->len; i++)
    if (g_array_index (keep, gboolean, i))
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "",
                              g_array_index (import->rows, Row, i).application_id);
  for (guint i = 0; i < import->form.headers->len; i++)
    if (is_question (import, i))
      {
        if (texts->len > 1)
          g_string_append_c (texts, ',');
        pairings_json_append_string (texts, g_ptr_array_index (import->form.headers, i));
      }
  g_string_append_c (ids, ']');
  g_string_append_c (texts, ']');
  *applications = g_string_free (ids, FALSE);
  *questions = g_string_free (texts, FALSE);
}

static gboolean
apply_rows (gpointer       data,
            gboolean       log,
            GCancellable  *cancellable,
            GError       **error)
{
  Import *import = data;
  g_autoptr(GArray) keep = latest_rows (import);
  g_autofree char *applications = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  touched (import, keep, &applications, &questions);
  before = snapshot (import, applications, questions, error);
  if (before == NULL)
    return FALSE;

  for (guint i = 0; i < import->rows->len; i++)
    {
      const Row *row = &g_array_index (import->rows, Row, i);

      if (!g_array_index (keep, gboolean, i))
        continue;
      if (!apply_row (import, row, error))
        {
          g_prefix_error (error, _("%s, line %u: "), import->form.report->file_name, row->line);
          return FALSE;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!log || import->form.report->applied == 0)
    return TRUE;
  after = snapshot (import, applications, questions, error);
  return after != NULL &&
         _pairings_store_log_event (import->store, "evaluations", "cohort", import->cohort_id,
                                    before, after, error) &&
         _pairings_form_note_event (&import->form, import->store, "evaluations", error);
}

/* History ------------------------------------------------------------------- */

#define FROM_ROW(key) "json_extract(value, '$." key "')"

gboolean
_pairings_evaluation_import_replay (PairingsStore  *store,
                                    const char     *to,
                                    const char     *from,
                                    GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "DELETE FROM evaluations WHERE id IN"
                                  " (SELECT " FROM_ROW ("id") " FROM json_each(?, '$.rows'))",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, from);
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO evaluations (id, cohort_id, application_id, pair_id,"
                                  " survey, question, rating, answer, submitted_at)"
                                  " SELECT " FROM_ROW ("id") ","
                                  " " FROM_ROW ("cohort_id") ", " FROM_ROW ("application_id") ","
                                  " " FROM_ROW ("pair_id") ", " FROM_ROW ("survey") ","
                                  " " FROM_ROW ("question") ", " FROM_ROW ("rating") ","
                                  " " FROM_ROW ("answer") ", " FROM_ROW ("submitted_at")
                                  " FROM json_each(?, '$.rows')",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, to);
  return _pairings_store_step_done (store, stmt, error);
}

/* The whole file ------------------------------------------------------------ */

static const PairingsFormSteps steps = {
  find_columns,
  load_people,
  read_row,
  apply_rows,
};

static void
import_clear (Import *import)
{
  _pairings_form_clear (&import->form);
  g_clear_pointer (&import->people, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_array_unref);
  g_clear_pointer (&import->questions, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

gboolean
pairings_evaluation_import_stream (PairingsStore                    *store,
                                   gint64                            cohort_id,
                                   const char                       *survey,
                                   GInputStream                     *stream,
                                   const char                       *display_name,
                                   PairingsEvaluationImportFlags     flags,
                                   const char                       *today,
                                   GCancellable                     *cancellable,
                                   PairingsEvaluationImportReport  **report,
                                   GError                          **error)
{
  g_auto(Import) import = { 0, };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_strcmp0 (survey, "mid") == 0 || g_strcmp0 (survey, "end") == 0, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (pairings_date_is_valid (today), FALSE);

  import.store = store;
  import.cohort_id = cohort_id;
  import.survey = survey;
  import.today = today;
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  import.rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (import.rows, row_clear);
  import.questions = g_array_new (FALSE, TRUE, sizeof (Question));

  return _pairings_form_import (&import.form, &import, &steps, store, cohort_id, stream,
                                display_name, (flags & PAIRINGS_EVALUATION_IMPORT_STRICT) != 0,
                                (flags & PAIRINGS_EVALUATION_IMPORT_DRY_RUN) != 0,
                                PAIRINGS_EVALUATION_IMPORT_MAX_BYTES, cancellable, report, error);
}

gboolean
pairings_evaluation_import (PairingsStore                    *store,
                            gint64                            cohort_id,
                            const char                       *survey,
                            const char                       *path,
                            PairingsEvaluationImportFlags     flags,
                            const char                       *today,
                            GCancellable                     *cancellable,
                            PairingsEvaluationImportReport  **report,
                            GError                          **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  stream = _pairings_form_open (path, &name, PAIRINGS_EVALUATION_IMPORT_MAX_BYTES, cancellable,
                                error);
  if (stream == NULL)
    return FALSE;
  return pairings_evaluation_import_stream (store, cohort_id, survey, stream, name, flags, today,
                                            cancellable, report, error);
}

/* pairings-followup-import.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read whole first, each row checked and matched to a pair,
 * so that the follow-up state of exactly the pairs it touches can be kept
 * before anything is written: that state and the one after are the event
 * that undo replays. A survey has a row per answer, a few hundred at most,
 * so what the rows say fits in memory easily. A dry run is a real run that
 * is rolled back, so its report is exact.
 */

#include "config.h"

#include "pairings-followup-import.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-cohort.h"
#include "pairings-followup-private.h"
#include "pairings-json.h"
#include "pairings-mapping.h"

#define CANCEL_EVERY 256

/* The action of a row that says "this person signed", without a status. */
#define SIGNATURE (-1)

G_DEFINE_QUARK (pairings-followup-import-error-quark, pairings_followup_import_error)

typedef enum
{
  COLUMN_EMAIL,
  COLUMN_PARTNER,
  COLUMN_DATE,
  COLUMN_STATUS,
  COLUMN_NOTE,
  N_COLUMNS
} Column;

/* One announced pair as one of its two people sees it. */
typedef struct
{
  gint64            pair_id;
  PairingsReporter  reporter;
  char             *partner_key;
} Membership;

/* What a good row asks for. */
typedef struct
{
  guint             line;
  gint64            pair_id;
  PairingsReporter  reporter;
  char             *date;     /* or NULL */
  int               status;   /* the check-in's or the agreement's, or SIGNATURE */
  char             *note;     /* or NULL: keep the one there */
} Action;

typedef struct
{
  PairingsStore                *store;
  gint64                        cohort_id;
  PairingsFollowUpImportKind    kind;
  const char                   *today;
  PairingsFollowUpImportReport *report;
  GPtrArray                    *headers;     /* as in the file */
  GPtrArray                    *normalized;  /* pairings_normalize_label() of each */
  int                           columns[N_COLUMNS];
  GHashTable                   *people;      /* e-mail key → GPtrArray of Membership */
  GArray                       *actions;     /* Action */
  GHashTable                   *signed_on;   /* pair id → latest signature date in the file */
} Import;

/* Reports ------------------------------------------------------------------- */

static void
problem_clear (gpointer data)
{
  PairingsFollowUpImportProblem *problem = data;

  g_free (problem->field);
  g_free (problem->reason);
}

void
pairings_followup_import_report_free (PairingsFollowUpImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_array_unref (report->skipped);
  g_free (report);
}

static PairingsFollowUpImportReport *
report_new (const char *file_name)
{
  PairingsFollowUpImportReport *report = g_new0 (PairingsFollowUpImportReport, 1);

  report->file_name = g_strdup (file_name);
  report->skipped = g_array_new (FALSE, TRUE, sizeof (PairingsFollowUpImportProblem));
  g_array_set_clear_func (report->skipped, problem_clear);
  return report;
}

G_GNUC_PRINTF (4, 5)
static void
skip_row (Import     *import,
          guint       line,
          int         column,
          const char *format,
          ...)
{
  PairingsFollowUpImportProblem problem = { line, NULL, NULL };
  va_list args;

  if (column >= 0)
    problem.field = g_strdup (g_ptr_array_index (import->headers, column));
  va_start (args, format);
  problem.reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (import->report->skipped, problem);
}

char *
pairings_followup_import_report_to_json (PairingsFollowUpImportReport *report)
{
  GString *json = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (json, "{\"applied\":%u,\"unchanged\":%u,\"skipped\":[",
                          report->applied, report->unchanged);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      PairingsFollowUpImportProblem *p = &g_array_index (report->skipped,
                                                         PairingsFollowUpImportProblem, i);

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
pairings_followup_import_report_to_text (PairingsFollowUpImportReport *report)
{
  GString *text = g_string_new (NULL);
  const char *delimiter = report->delimiter == '\t' ? _("tab") : NULL;
  char one[2] = { report->delimiter, '\0' };

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (text, _("%s: %s, fields separated by “%s”, %u rows.\n"),
                          report->file_name, pairings_csv_encoding_get_label (report->encoding),
                          delimiter ? delimiter : one, report->rows);
  /* TRANSLATORS: the counts after importing agreements or check-ins */
  g_string_append_printf (text, _("Applied: %u · Unchanged: %u · Skipped: %u\n"),
                          report->applied, report->unchanged, report->skipped->len);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      PairingsFollowUpImportProblem *p = &g_array_index (report->skipped,
                                                         PairingsFollowUpImportProblem, i);

      if (p->field != NULL)
        /* TRANSLATORS: a skipped row: its line, the column's header, the reason */
        g_string_append_printf (text, _("  line %u, column “%s”: %s\n"), p->line, p->field, p->reason);
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
static const char * const partner_names[] = {
  "mentor email", "mentee email", "mentor e mail", "mentee e mail", "mentor s email",
  "mentee s email", "your mentor s email", "your mentee s email", "your mentor s email address",
  "your mentee s email address", "your mentor s e mail", "your mentee s e mail", "partner email",
  "partner s email", "e mail du mentor", "e mail du mentore", "e mail de la mentore",
  "e mail de la mentoree", "email du mentor", "email du mentore", "courriel du mentor",
  "courriel du mentore", "adresse e mail du mentor", "adresse e mail du mentore",
  "e mail de votre mentor", "e mail de votre mentore", "e mail du binome", NULL
};
static const char * const email_words[] = {
  "email", "e mail", "courriel", "mail", "adresse electronique", NULL
};
static const char * const partner_words[] = {
  "mentor", "mentee", "mentore", "mentoree", "mentors", "mentees", "partner", "partenaire",
  "binome", NULL
};
/* The date of the meeting, then of the signature, then of the answer. */
static const char * const date_names[] = {
  "date of the check in", "check in date", "date du point", "date of the meeting",
  "date of your last meeting", "date de la rencontre", "signed on", "date signed",
  "signature date", "date de signature", "signe le", "date", "completion time", "heure de fin",
  "timestamp", "horodateur", "horodatage", "submitted at", "submission date",
  "date de soumission", "completed", "completed on", NULL
};
static const char * const date_words[] = {
  "date", "timestamp", "horodateur", "horodatage", NULL
};
static const char * const check_in_status_names[] = {
  "how is it going", "how is the mentoring going", "how is your mentoring going",
  "how are things going", "status", "statut", "etat", "check in status",
  "comment ca se passe", "comment ca va", "comment se passe le mentorat", NULL
};
static const char * const check_in_status_words[] = {
  "how is it going", "how are things going", "comment ca se passe", "status", "statut", "etat",
  NULL
};
static const char * const agreement_status_names[] = {
  "agreement status", "status", "statut", "etat", "statut de l accord",
  "statut de la convention", "signature status", "statut de signature", "envelope status",
  "etat de la signature", NULL
};
static const char * const agreement_status_words[] = {
  "status", "statut", "etat", NULL
};
static const char * const note_names[] = {
  "comments", "comment", "note", "notes", "commentaires", "commentaire", "remarques",
  "remarque", "anything else", "other comments", "any comments", "autres commentaires", NULL
};
static const char * const note_words[] = {
  "comments", "commentaires", "commentaire", "remarques", "remarque", "notes", "note", NULL
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
is_taken (Import *import,
          guint   column)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (import->columns[c] == (int) column)
      return TRUE;
  return FALSE;
}

/* The first free column named exactly as one of @names (in their order),
 * or else the first whose header has one of @words, and one of @also when
 * given, and none of @without; -1 without one. */
static int
find_column (Import             *import,
             const char * const *names,
             const char * const *words,
             const char * const *also,
             const char * const *without)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; i < import->normalized->len; i++)
      if (!is_taken (import, i) && g_str_equal (g_ptr_array_index (import->normalized, i), names[n]))
        return (int) i;

  for (guint i = 0; i < import->normalized->len; i++)
    {
      const char *header = g_ptr_array_index (import->normalized, i);

      if (!is_taken (import, i) && has_any (header, words) &&
          (also == NULL || has_any (header, also)) && !has_any (header, without))
        return (int) i;
    }
  return -1;
}

static char *
quoted_headers (Import *import)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < import->headers->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a column's header, quoted, in a list of them */
      g_string_append_printf (list, _("“%s”"), (const char *) g_ptr_array_index (import->headers, i));
    }
  return g_string_free (list, FALSE);
}

static gboolean
missing_column (Import      *import,
                const char  *what,
                GError     **error)
{
  g_autofree char *found = quoted_headers (import);

  /* TRANSLATORS: the file's name, what the column holds, the file's columns */
  g_set_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_MISSING_COLUMN,
               _("%s: no column holds %s; the columns are %s"),
               import->report->file_name, what, found);
  return FALSE;
}

static gboolean
find_columns (Import  *import,
              GError **error)
{
  gboolean check_ins = import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS;

  for (guint c = 0; c < N_COLUMNS; c++)
    import->columns[c] = -1;

  import->columns[COLUMN_EMAIL] = find_column (import, email_names, email_words, NULL, partner_words);
  import->columns[COLUMN_PARTNER] = find_column (import, partner_names, email_words, partner_words, NULL);
  import->columns[COLUMN_STATUS] = check_ins
    ? find_column (import, check_in_status_names, check_in_status_words, NULL, NULL)
    : find_column (import, agreement_status_names, agreement_status_words, NULL, NULL);
  import->columns[COLUMN_DATE] = find_column (import, date_names, date_words, NULL, NULL);
  if (check_ins)
    import->columns[COLUMN_NOTE] = find_column (import, note_names, note_words, NULL, NULL);

  if (import->columns[COLUMN_EMAIL] < 0)
    return missing_column (import, _("the e-mail address of the person who answered (such as "
                                     "“Email” or “Adresse e-mail”)"), error);
  if (check_ins && import->columns[COLUMN_DATE] < 0)
    return missing_column (import, _("the date (such as “Date” or “Horodateur”)"), error);
  if (check_ins && import->columns[COLUMN_STATUS] < 0)
    return missing_column (import, _("how the pair is doing (such as “How is it going?” or "
                                     "“Comment ça se passe ?”)"), error);
  return TRUE;
}

/* Values -------------------------------------------------------------------- */

typedef struct
{
  const char *phrase;
  int         value;
} Phrase;

static const Phrase check_in_phrases[] = {
  { "on track", PAIRINGS_CHECK_IN_ON_TRACK },
  { "en bonne voie", PAIRINGS_CHECK_IN_ON_TRACK },
  { "tout va bien", PAIRINGS_CHECK_IN_ON_TRACK },
  { "going well", PAIRINGS_CHECK_IN_ON_TRACK },
  { "ca se passe bien", PAIRINGS_CHECK_IN_ON_TRACK },
  { "needs attention", PAIRINGS_CHECK_IN_NEEDS_ATTENTION },
  { "need attention", PAIRINGS_CHECK_IN_NEEDS_ATTENTION },
  { "needs help", PAIRINGS_CHECK_IN_NEEDS_ATTENTION },
  { "a surveiller", PAIRINGS_CHECK_IN_NEEDS_ATTENTION },
  { "besoin d aide", PAIRINGS_CHECK_IN_NEEDS_ATTENTION },
  { "no contact", PAIRINGS_CHECK_IN_NO_CONTACT },
  { "pas de contact", PAIRINGS_CHECK_IN_NO_CONTACT },
  { "aucun contact", PAIRINGS_CHECK_IN_NO_CONTACT },
};

/* "Signé par le mentoré" is the mentee, "signé par la mentore" a mentor. */
static const Phrase agreement_phrases[] = {
  { "not sent", PAIRINGS_AGREEMENT_NOT_SENT },
  { "not sent yet", PAIRINGS_AGREEMENT_NOT_SENT },
  { "non envoye", PAIRINGS_AGREEMENT_NOT_SENT },
  { "pas envoye", PAIRINGS_AGREEMENT_NOT_SENT },
  { "pas encore envoye", PAIRINGS_AGREEMENT_NOT_SENT },
  { "sent", PAIRINGS_AGREEMENT_SENT },
  { "envoye", PAIRINGS_AGREEMENT_SENT },
  { "envoyee", PAIRINGS_AGREEMENT_SENT },
  { "envoye e", PAIRINGS_AGREEMENT_SENT },
  { "delivered", PAIRINGS_AGREEMENT_SENT },
  { "awaiting signature", PAIRINGS_AGREEMENT_SENT },
  { "en attente de signature", PAIRINGS_AGREEMENT_SENT },
  { "signed mentee", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signed by the mentee", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signed by mentee", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "mentee signed", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signe par le mentore", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signe par la mentoree", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signe par le la mentore e", PAIRINGS_AGREEMENT_SIGNED_MENTEE },
  { "signed mentor", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signed by the mentor", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signed by mentor", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "mentor signed", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signe par le mentor", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signe par la mentore", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signe par le la mentor e", PAIRINGS_AGREEMENT_SIGNED_MENTOR },
  { "signed", PAIRINGS_AGREEMENT_SIGNED },
  { "signed by both", PAIRINGS_AGREEMENT_SIGNED },
  { "signe", PAIRINGS_AGREEMENT_SIGNED },
  { "signee", PAIRINGS_AGREEMENT_SIGNED },
  { "signe e", PAIRINGS_AGREEMENT_SIGNED },
  { "signe par les deux", PAIRINGS_AGREEMENT_SIGNED },
  { "completed", PAIRINGS_AGREEMENT_SIGNED },
  { "complete", PAIRINGS_AGREEMENT_SIGNED },
  { "termine", PAIRINGS_AGREEMENT_SIGNED },
  { "terminee", PAIRINGS_AGREEMENT_SIGNED },
};

/* A check-in answer may go on after its status: "On track – we meet
 * weekly". Labels in the user's language count too. */
static gboolean
parse_check_in_status (const char *text,
                       int        *status)
{
  g_autofree char *key = pairings_normalize_label (text);

  for (guint i = 0; i < G_N_ELEMENTS (check_in_phrases); i++)
    {
      gsize len = strlen (check_in_phrases[i].phrase);

      if (g_str_has_prefix (key, check_in_phrases[i].phrase) && (key[len] == '\0' || key[len] == ' '))
        {
          *status = check_in_phrases[i].value;
          return TRUE;
        }
    }
  for (int s = 0; s < PAIRINGS_N_CHECK_IN_STATUSES; s++)
    {
      g_autofree char *label = pairings_normalize_label (pairings_check_in_status_get_label (s));

      if (*label != '\0' && g_str_equal (key, label))
        {
          *status = s;
          return TRUE;
        }
    }
  return FALSE;
}

/* Agreement answers must match whole: "signed" and "signed by the mentee"
 * say different things. */
static gboolean
parse_agreement_status (const char *text,
                        int        *status)
{
  g_autofree char *key = pairings_normalize_label (text);

  for (guint i = 0; i < G_N_ELEMENTS (agreement_phrases); i++)
    if (g_str_equal (key, agreement_phrases[i].phrase))
      {
        *status = agreement_phrases[i].value;
        return TRUE;
      }
  for (int s = 0; s < PAIRINGS_N_AGREEMENT_STATUSES; s++)
    {
      g_autofree char *label = pairings_normalize_label (pairings_agreement_status_get_label (s));

      if (*label != '\0' && g_str_equal (key, label))
        {
          *status = s;
          return TRUE;
        }
    }
  return FALSE;
}

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

/* The calendar date written at the start of @text, as an ISO date, or
 * NULL; see the header for the forms. */
static char *
parse_date (const char *text)
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
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* Rows ---------------------------------------------------------------------- */

static void
action_clear (gpointer data)
{
  Action *action = data;

  g_free (action->date);
  g_free (action->note);
}

static void
membership_free (gpointer data)
{
  Membership *membership = data;

  g_free (membership->partner_key);
  g_free (membership);
}

static void
add_membership (Import           *import,
                const char       *key,
                gint64            pair_id,
                PairingsReporter  reporter,
                const char       *partner_key)
{
  GPtrArray *list = g_hash_table_lookup (import->people, key);
  Membership *membership = g_new0 (Membership, 1);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (membership_free);
      g_hash_table_insert (import->people, g_strdup (key), list);
    }
  membership->pair_id = pair_id;
  membership->reporter = reporter;
  membership->partner_key = g_strdup (partner_key);
  g_ptr_array_add (list, membership);
}

static gboolean
load_pairs (Import  *import,
            GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT x.id, mp.email_key, ep.email_key FROM pairs x"
                                  " JOIN applications m ON m.id = x.mentor_application_id"
                                  " JOIN people mp ON mp.id = m.person_id"
                                  " JOIN applications e ON e.id = x.mentee_application_id"
                                  " JOIN people ep ON ep.id = e.person_id"
                                  " WHERE x.cohort_id = ? AND x.stage = 'announced' ORDER BY x.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair_id = sqlite3_column_int64 (stmt, 0);
      const char *mentor = (const char *) sqlite3_column_text (stmt, 1);
      const char *mentee = (const char *) sqlite3_column_text (stmt, 2);

      add_membership (import, mentor, pair_id, PAIRINGS_REPORTER_MENTOR, mentee);
      add_membership (import, mentee, pair_id, PAIRINGS_REPORTER_MENTEE, mentor);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The trimmed text of a column, in place, or NULL when the file has none. */
static const char *
cell (Import    *import,
      GPtrArray *fields,
      Column     column)
{
  int index = import->columns[column];

  if (index < 0)
    return NULL;
  return g_strstrip ((char *) g_ptr_array_index (fields, index));
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* The pair the respondent means, or NULL with the reason in the report. */
static const Membership *
match_pair (Import    *import,
            GPtrArray *fields,
            guint      line)
{
  const char *email = cell (import, fields, COLUMN_EMAIL);
  const char *partner = cell (import, fields, COLUMN_PARTNER);
  g_autofree char *key = NULL;
  g_autofree char *partner_key = NULL;
  const Membership *found = NULL;
  GPtrArray *list;
  guint matches = 0;

  if (is_empty (email))
    {
      skip_row (import, line, import->columns[COLUMN_EMAIL], "%s", _("the e-mail address is empty"));
      return NULL;
    }
  key = pairings_email_key (email);
  list = key != NULL ? g_hash_table_lookup (import->people, key) : NULL;
  if (list == NULL)
    {
      skip_row (import, line, import->columns[COLUMN_EMAIL],
                _("“%s” is not in an announced pair of this cohort"), email);
      return NULL;
    }

  partner_key = is_empty (partner) ? NULL : pairings_email_key (partner);
  for (guint i = 0; i < list->len; i++)
    {
      const Membership *membership = g_ptr_array_index (list, i);

      if (partner_key == NULL || g_strcmp0 (partner_key, membership->partner_key) == 0)
        {
          found = membership;
          matches++;
        }
    }

  if (matches == 0)
    skip_row (import, line, import->columns[COLUMN_PARTNER],
              _("“%s” has no announced pair with “%s” in this cohort"), email, partner);
  else if (matches > 1 && import->columns[COLUMN_PARTNER] < 0)
    skip_row (import, line, import->columns[COLUMN_EMAIL],
              _("ambiguous: “%s” is in %u announced pairs; add a column with the partner’s e-mail "
                "address to tell which"), email, matches);
  else if (matches > 1)
    skip_row (import, line, import->columns[COLUMN_PARTNER],
              _("ambiguous: “%s” is in %u announced pairs and the partner’s e-mail address is "
                "empty"), email, matches);
  return matches == 1 ? found : NULL;
}

/* The row's date, which may be NULL only when @optional; FALSE with the
 * reason in the report. */
static gboolean
read_date (Import     *import,
           GPtrArray  *fields,
           guint       line,
           gboolean    optional,
           char      **date)
{
  const char *text = cell (import, fields, COLUMN_DATE);
  int column = import->columns[COLUMN_DATE];

  *date = NULL;
  if (is_empty (text))
    {
      if (optional)
        return TRUE;
      skip_row (import, line, column, "%s", _("the date is empty"));
      return FALSE;
    }

  *date = parse_date (text);
  if (*date == NULL)
    {
      skip_row (import, line, column,
                _("“%s” is not a date (write it as 2025-04-12, 12/04/2025 or 2025/04/12 10:31:02)"),
                text);
      return FALSE;
    }
  if (strcmp (*date, import->today) > 0)
    {
      skip_row (import, line, column, _("%s is after today"), *date);
      g_clear_pointer (date, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_status (Import    *import,
             GPtrArray *fields,
             guint      line,
             int       *status)
{
  const char *text = cell (import, fields, COLUMN_STATUS);
  int column = import->columns[COLUMN_STATUS];

  if (import->kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS && column < 0)
    {
      *status = SIGNATURE;
      return TRUE;
    }
  if (is_empty (text))
    {
      skip_row (import, line, column, "%s", _("the status is empty"));
      return FALSE;
    }
  if (import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS)
    {
      if (parse_check_in_status (text, status))
        return TRUE;
      skip_row (import, line, column,
                _("“%s” is not how a pair is doing: write on track, needs attention or no contact"),
                text);
      return FALSE;
    }
  if (parse_agreement_status (text, status))
    return TRUE;
  skip_row (import, line, column,
            _("“%s” is not an agreement status: write not sent, sent, signed by the mentee, "
              "signed by the mentor or signed"),
            text);
  return FALSE;
}

static void
read_row (Import    *import,
          GPtrArray *fields,
          guint      line)
{
  Action action = { line, 0, 0, NULL, 0, NULL };
  gboolean check_ins = import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS;
  const Membership *membership;
  const char *note;

  for (guint i = 0; i < fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL))
      {
        skip_row (import, line, (int) i, "%s", _("the text is not valid UTF-8"));
        return;
      }

  membership = match_pair (import, fields, line);
  if (membership == NULL ||
      !read_date (import, fields, line, !check_ins, &action.date) ||
      !read_status (import, fields, line, &action.status))
    {
      g_free (action.date);
      return;
    }

  action.pair_id = membership->pair_id;
  action.reporter = membership->reporter;
  note = cell (import, fields, COLUMN_NOTE);
  action.note = is_empty (note) ? NULL : g_strdup (note);
  g_array_append_val (import->actions, action);
}

static gboolean
read_rows (Import             *import,
           PairingsCsvReader  *reader,
           GCancellable       *cancellable,
           GError            **error)
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
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      import->report->rows++;
      if (import->report->rows % CANCEL_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (oversized)
        skip_row (import, line, -1, _("a field is longer than 1 MB or the row has more than %d fields"),
                  PAIRINGS_CSV_MAX_FIELDS);
      else if (fields->len != import->headers->len)
        skip_row (import, line, -1,
                  g_dngettext (GETTEXT_PACKAGE,
                               "the row has %u field where the header has %u",
                               "the row has %u fields where the header has %u",
                               fields->len),
                  fields->len, import->headers->len);
      else
        read_row (import, fields, line);
    }
}

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

  import->normalized = g_ptr_array_new_full (fields->len, g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      char *header = g_ptr_array_index (fields, i);

      if (!g_utf8_validate (header, -1, NULL))
        {
          g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                       _("%s, line %u: the header is not valid UTF-8 text"),
                       import->report->file_name, line);
          return FALSE;
        }
      g_strstrip (header);
      g_ptr_array_add (import->normalized, pairings_normalize_label (header));
    }

  return find_columns (import, error);
}

/* Writing ------------------------------------------------------------------- */

static gboolean
apply_check_in (Import        *import,
                const Action  *action,
                GError       **error)
{
  PairingsStore *store = import->store;
  const char *status = pairings_check_in_status_to_string (action->status);
  const char *reporter = pairings_reporter_to_string (action->reporter);
  sqlite3_stmt *stmt;
  gint64 existing = 0;
  gboolean same = FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT id, status = ?4 AND (?5 IS NULL OR note = ?5) FROM check_ins"
                                  " WHERE pair_id = ?1 AND date = ?2 AND reporter = ?3"
                                  " ORDER BY id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->pair_id);
  _pairings_store_bind_text (stmt, 2, action->date);
  _pairings_store_bind_text (stmt, 3, reporter);
  _pairings_store_bind_text (stmt, 4, status);
  _pairings_store_bind_text (stmt, 5, action->note);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      existing = sqlite3_column_int64 (stmt, 0);
      same = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (existing != 0 && same)
    {
      import->report->unchanged++;
      return TRUE;
    }

  if (existing != 0)
    {
      stmt = _pairings_store_prepare (store,
                                      "UPDATE check_ins SET status = ?, note = coalesce(?, note)"
                                      " WHERE id = ?",
                                      error);
      if (stmt == NULL)
        return FALSE;
      _pairings_store_bind_text (stmt, 1, status);
      _pairings_store_bind_text (stmt, 2, action->note);
      sqlite3_bind_int64 (stmt, 3, existing);
      import->report->updated++;
    }
  else
    {
      stmt = _pairings_store_prepare (store,
                                      "INSERT INTO check_ins (pair_id, date, reporter, status, note)"
                                      " VALUES (?, ?, ?, ?, coalesce(?, ''))",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, action->pair_id);
      _pairings_store_bind_text (stmt, 2, action->date);
      _pairings_store_bind_text (stmt, 3, reporter);
      _pairings_store_bind_text (stmt, 4, status);
      _pairings_store_bind_text (stmt, 5, action->note);
    }
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;
  import->report->applied++;
  return TRUE;
}

typedef struct
{
  PairingsAgreementStatus  status;
  char                    *sent_on;
  char                    *signed_on;
} AgreementState;

static void
agreement_state_clear (AgreementState *state)
{
  g_free (state->sent_on);
  g_free (state->signed_on);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AgreementState, agreement_state_clear)

static gboolean
read_agreement (Import          *import,
                gint64           pair_id,
                AgreementState  *state,
                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (import->store,
                                  "SELECT status, sent_on, signed_on FROM agreements WHERE pair_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  state->status = PAIRINGS_AGREEMENT_NOT_SENT;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      pairings_agreement_status_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                             &state->status);
      state->sent_on = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      state->signed_on = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pairings_store_set_error (import->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static PairingsAgreementStatus
after_signature (PairingsAgreementStatus status,
                 PairingsReporter        signer)
{
  gboolean mentee = signer == PAIRINGS_REPORTER_MENTEE;

  switch (status)
    {
    case PAIRINGS_AGREEMENT_NOT_SENT:
    case PAIRINGS_AGREEMENT_SENT:
      return mentee ? PAIRINGS_AGREEMENT_SIGNED_MENTEE : PAIRINGS_AGREEMENT_SIGNED_MENTOR;
    case PAIRINGS_AGREEMENT_SIGNED_MENTEE:
      return mentee ? status : PAIRINGS_AGREEMENT_SIGNED;
    case PAIRINGS_AGREEMENT_SIGNED_MENTOR:
      return mentee ? PAIRINGS_AGREEMENT_SIGNED : status;
    case PAIRINGS_AGREEMENT_SIGNED:
    default:
      return status;
    }
}

/* The pair's signatures may come in any order: the agreement is signed
 * on the day of the later one. */
static const char *
note_signature (Import       *import,
                const Action *action)
{
  gpointer key = GSIZE_TO_POINTER ((gsize) action->pair_id);
  const char *latest = g_hash_table_lookup (import->signed_on, key);

  if (action->date != NULL && (latest == NULL || strcmp (action->date, latest) > 0))
    {
      g_hash_table_insert (import->signed_on, key, g_strdup (action->date));
      latest = action->date;
    }
  return latest;
}

static void
set_date (char       **date,
          const char  *value)
{
  if (*date == NULL && value != NULL)
    *date = g_strdup (value);
}

static gboolean
apply_agreement (Import        *import,
                 const Action  *action,
                 GError       **error)
{
  g_auto(AgreementState) now = { 0, };
  g_auto(AgreementState) next = { 0, };
  const char *signed_on = action->date;
  sqlite3_stmt *stmt;

  if (!read_agreement (import, action->pair_id, &now, error))
    return FALSE;

  next.sent_on = g_strdup (now.sent_on);
  next.signed_on = g_strdup (now.signed_on);
  if (action->status == SIGNATURE)
    {
      next.status = after_signature (now.status, action->reporter);
      signed_on = note_signature (import, action);
    }
  else
    next.status = (PairingsAgreementStatus) action->status;

  if (next.status != now.status)
    {
      /* Taken back: the dates that no longer hold go. */
      if (next.status != PAIRINGS_AGREEMENT_SIGNED)
        g_clear_pointer (&next.signed_on, g_free);
      if (next.status == PAIRINGS_AGREEMENT_NOT_SENT)
        g_clear_pointer (&next.sent_on, g_free);
    }
  if (next.status == PAIRINGS_AGREEMENT_SENT)
    set_date (&next.sent_on, action->date);
  if (next.status == PAIRINGS_AGREEMENT_SIGNED)
    set_date (&next.signed_on, signed_on);

  if (next.status == now.status && g_strcmp0 (next.sent_on, now.sent_on) == 0 &&
      g_strcmp0 (next.signed_on, now.signed_on) == 0)
    {
      import->report->unchanged++;
      return TRUE;
    }

  stmt = _pairings_store_prepare (import->store,
                                  "INSERT INTO agreements (pair_id, status, sent_on, signed_on)"
                                  " VALUES (?, ?, ?, ?) ON CONFLICT (pair_id) DO UPDATE SET"
                                  " status = excluded.status, sent_on = excluded.sent_on,"
                                  " signed_on = excluded.signed_on",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->pair_id);
  _pairings_store_bind_text (stmt, 2, pairings_agreement_status_to_string (next.status));
  _pairings_store_bind_text (stmt, 3, next.sent_on);
  _pairings_store_bind_text (stmt, 4, next.signed_on);
  if (!_pairings_store_step_done (import->store, stmt, error))
    return FALSE;
  import->report->applied++;
  return TRUE;
}

static gboolean
latest_event (Import  *import,
              GError **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (import->store,
                                                "SELECT max(id) FROM events WHERE action = 'followup'",
                                                error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    import->report->event_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Each pair the rows name, once, in the order of the file. */
static GArray *
touched_pairs (Import *import)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < import->actions->len; i++)
    {
      gint64 id = g_array_index (import->actions, Action, i).pair_id;

      if (g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) id)))
        g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
apply_actions (Import        *import,
               gboolean       log,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GArray) ids = touched_pairs (import);
  g_autofree char *before = NULL;

  if (ids->len == 0)
    return TRUE;

  before = _pairings_followup_snapshot (import->store, (const gint64 *) ids->data, ids->len, error);
  if (before == NULL)
    return FALSE;

  for (guint i = 0; i < import->actions->len; i++)
    {
      const Action *action = &g_array_index (import->actions, Action, i);
      gboolean ok = import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS
                    ? apply_check_in (import, action, error)
                    : apply_agreement (import, action, error);

      if (!ok)
        {
          g_prefix_error (error, _("%s, line %u: "), import->report->file_name, action->line);
          return FALSE;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!log || import->report->applied == 0)
    return TRUE;
  if (!_pairings_followup_log (import->store, before, (const gint64 *) ids->data, ids->len, error))
    return FALSE;
  return latest_event (import, error);
}

/* The whole file ------------------------------------------------------------ */

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->headers, g_ptr_array_unref);
  g_clear_pointer (&import->normalized, g_ptr_array_unref);
  g_clear_pointer (&import->people, g_hash_table_unref);
  g_clear_pointer (&import->actions, g_array_unref);
  g_clear_pointer (&import->signed_on, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
check_cohort (PairingsStore  *store,
              gint64          cohort_id,
              GError        **error)
{
  g_autoptr(PairingsCohort) cohort = pairings_store_get_cohort (store, cohort_id, error);

  return cohort != NULL;
}

static gboolean
run (Import             *import,
     PairingsCsvReader  *reader,
     gboolean            strict,
     gboolean            dry_run,
     GCancellable       *cancellable,
     GError            **error)
{
  PairingsFollowUpImportReport *report = import->report;

  if (!load_pairs (import, error) || !read_rows (import, reader, cancellable, error))
    return FALSE;

  if (report->rows == 0)
    {
      g_set_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_NO_ROWS,
                   _("%s has a header but no answers"), report->file_name);
      return FALSE;
    }

  if (!apply_actions (import, !dry_run && !(strict && report->skipped->len > 0), cancellable, error))
    return FALSE;

  if (strict && report->skipped->len > 0)
    {
      g_set_error (error, PAIRINGS_FOLLOWUP_IMPORT_ERROR, PAIRINGS_FOLLOWUP_IMPORT_ERROR_REJECTED,
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
pairings_followup_import_stream (PairingsStore                 *store,
                                 gint64                         cohort_id,
                                 PairingsFollowUpImportKind     kind,
                                 GInputStream                  *stream,
                                 const char                    *display_name,
                                 PairingsFollowUpImportFlags    flags,
                                 const char                    *today,
                                 GCancellable                  *cancellable,
                                 PairingsFollowUpImportReport **report_out,
                                 GError                       **error)
{
  g_autoptr(PairingsCsvReader) reader = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_auto(Import) import = { 0, };
  gboolean dry_run = (flags & PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN) != 0;
  gboolean ok;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS ||
                        kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (_pairings_followup_valid_date (today), FALSE);

  if (!check_cohort (store, cohort_id, error))
    return FALSE;

  reader = pairings_csv_reader_new (stream, display_name, error);
  if (reader == NULL)
    return FALSE;

  report = report_new (pairings_csv_reader_get_name (reader));
  report->encoding = pairings_csv_reader_get_encoding (reader);
  report->delimiter = pairings_csv_reader_get_delimiter (reader);

  import.store = store;
  import.cohort_id = cohort_id;
  import.kind = kind;
  import.today = today;
  import.report = report;
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  import.actions = g_array_new (FALSE, TRUE, sizeof (Action));
  g_array_set_clear_func (import.actions, action_clear);
  import.signed_on = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  if (!read_header (&import, reader, error))
    return FALSE;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  ok = run (&import, reader, (flags & PAIRINGS_FOLLOWUP_IMPORT_STRICT) != 0, dry_run,
            cancellable, error);
  if (ok && !dry_run)
    ok = _pairings_store_commit (store, error);
  if (!ok || dry_run)
    {
      _pairings_store_rollback (store);
      report->event_id = 0;
    }

  /* A refused file still tells what was wrong with its rows. */
  if (report_out != NULL &&
      (ok || g_error_matches (*error, PAIRINGS_FOLLOWUP_IMPORT_ERROR,
                              PAIRINGS_FOLLOWUP_IMPORT_ERROR_REJECTED)))
    *report_out = g_steal_pointer (&report);
  return ok;
}

gboolean
pairings_followup_import (PairingsStore                 *store,
                          gint64                         cohort_id,
                          PairingsFollowUpImportKind     kind,
                          const char                    *path,
                          PairingsFollowUpImportFlags    flags,
                          const char                    *today,
                          GCancellable                  *cancellable,
                          PairingsFollowUpImportReport **report,
                          GError                       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  name = g_filename_display_basename (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
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

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    {
      g_prefix_error (error, _("Cannot read %s: "), name);
      return FALSE;
    }

  return pairings_followup_import_stream (store, cohort_id, kind, G_INPUT_STREAM (stream), name,
                                          flags, today, cancellable, report, error);
}

/* pairings-followup-import.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read whole first, each row checked and matched to a pair,
 * so that the follow-up state of exactly the pairs it touches can be kept
 * before anything is written: that state and the one after are the event
 * that undo replays. A survey has a row per answer, a few hundred at most,
 * so what the rows say fits in memory easily. Reading the file, the
 * transaction and the report are pairings-form-import-private.h's.
 */

#include "config.h"

#include "pairings-followup-import.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-followup-private.h"
#include "pairings-form-import-private.h"
#include "pairings-mapping.h"

/* The action of a row that says "this person signed", without a status. */
#define SIGNATURE (-1)

typedef enum
{
  COLUMN_EMAIL,
  COLUMN_PARTNER,
  COLUMN_DATE,
  COLUMN_STATUS,
  COLUMN_NOTE,
  N_COLUMNS
} Column;

G_STATIC_ASSERT (N_COLUMNS <= PAIRINGS_FORM_MAX_COLUMNS);

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
  PairingsForm                  form;
  PairingsStore                *store;
  gint64                        cohort_id;
  PairingsFollowUpImportKind    kind;
  const char                   *today;
  GHashTable                   *people;      /* e-mail key → GPtrArray of Membership */
  GArray                       *actions;     /* Action */
  GHashTable                   *signed_on;   /* pair id → latest signature date in the file */
} Import;

/* Reports ------------------------------------------------------------------- */

void
pairings_followup_import_report_free (PairingsFollowUpImportReport *report)
{
  pairings_form_import_report_free (report);
}

char *
pairings_followup_import_report_to_json (PairingsFollowUpImportReport *report)
{
  return pairings_form_import_report_to_json (report);
}

char *
pairings_followup_import_report_to_text (PairingsFollowUpImportReport *report)
{
  return pairings_form_import_report_to_text (report);
}

/* Recognising the columns --------------------------------------------------- */

/* Headers and answers are compared after pairings_normalize_label(): lower
 * case, no accents, words split by single spaces ("Your mentor's e-mail"
 * is "your mentor s e mail"). */
static const char * const partner_names[] = {
  "mentor email", "mentee email", "mentor e mail", "mentee e mail", "mentor s email",
  "mentee s email", "your mentor s email", "your mentee s email", "your mentor s email address",
  "your mentee s email address", "your mentor s e mail", "your mentee s e mail", "partner email",
  "partner s email", "e mail du mentor", "e mail du mentore", "e mail de la mentore",
  "e mail de la mentoree", "email du mentor", "email du mentore", "courriel du mentor",
  "courriel du mentore", "adresse e mail du mentor", "adresse e mail du mentore",
  "e mail de votre mentor", "e mail de votre mentore", "e mail du binome", NULL
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

static gboolean
find_columns (gpointer  data,
              GError  **error)
{
  Import *import = data;
  PairingsForm *form = &import->form;
  gboolean check_ins = import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS;
  int *columns = form->columns;

  if (!_pairings_form_find_email (form, COLUMN_EMAIL, error))
    return FALSE;
  columns[COLUMN_PARTNER] = _pairings_form_find_column (form, partner_names, _pairings_form_email_words,
                                                        _pairings_form_partner_words, NULL);
  columns[COLUMN_STATUS] = check_ins
    ? _pairings_form_find_column (form, check_in_status_names, check_in_status_words, NULL, NULL)
    : _pairings_form_find_column (form, agreement_status_names, agreement_status_words, NULL, NULL);
  columns[COLUMN_DATE] = _pairings_form_find_column (form, date_names, date_words, NULL, NULL);
  if (check_ins)
    columns[COLUMN_NOTE] = _pairings_form_find_column (form, note_names, note_words, NULL, NULL);

  if (check_ins && columns[COLUMN_DATE] < 0)
    return _pairings_form_missing_column (form, _("the date (such as “Date” or “Horodateur”)"),
                                          error);
  if (check_ins && columns[COLUMN_STATUS] < 0)
    return _pairings_form_missing_column (form,
                                          _("how the pair is doing (such as “How is it going?” "
                                            "or “Comment ça se passe ?”)"),
                                          error);
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

/* The pair the respondent means, or NULL with the reason in the report. */
static const Membership *
match_pair (Import    *import,
            GPtrArray *fields,
            guint      line)
{
  PairingsForm *form = &import->form;
  const char *email = _pairings_form_cell (form, fields, COLUMN_EMAIL);
  const char *partner = _pairings_form_cell (form, fields, COLUMN_PARTNER);
  int email_column = form->columns[COLUMN_EMAIL];
  int partner_column = form->columns[COLUMN_PARTNER];
  g_autofree char *key = NULL;
  g_autofree char *partner_key = NULL;
  const Membership *found = NULL;
  GPtrArray *list;
  guint matches = 0;

  if (_pairings_form_is_empty (email))
    {
      _pairings_form_skip (form, line, email_column, "%s", _("the e-mail address is empty"));
      return NULL;
    }
  key = pairings_email_key (email);
  list = key != NULL ? g_hash_table_lookup (import->people, key) : NULL;
  if (list == NULL)
    {
      _pairings_form_skip (form, line, email_column,
                           _("“%s” is not in an announced pair of this cohort"), email);
      return NULL;
    }

  partner_key = _pairings_form_is_empty (partner) ? NULL : pairings_email_key (partner);
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
    _pairings_form_skip (form, line, partner_column,
                         _("“%s” has no announced pair with “%s” in this cohort"), email, partner);
  else if (matches > 1 && partner_column < 0)
    _pairings_form_skip (form, line, email_column,
                         _("ambiguous: “%s” is in %u announced pairs; add a column with the "
                           "partner’s e-mail address to tell which"), email, matches);
  else if (matches > 1)
    _pairings_form_skip (form, line, partner_column,
                         _("ambiguous: “%s” is in %u announced pairs and the partner’s e-mail "
                           "address is empty"), email, matches);
  return matches == 1 ? found : NULL;
}

static gboolean
read_status (Import    *import,
             GPtrArray *fields,
             guint      line,
             int       *status)
{
  PairingsForm *form = &import->form;
  const char *text = _pairings_form_cell (form, fields, COLUMN_STATUS);
  int column = form->columns[COLUMN_STATUS];

  if (import->kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS && column < 0)
    {
      *status = SIGNATURE;
      return TRUE;
    }
  if (_pairings_form_is_empty (text))
    {
      _pairings_form_skip (form, line, column, "%s", _("the status is empty"));
      return FALSE;
    }
  if (import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS)
    {
      if (parse_check_in_status (text, status))
        return TRUE;
      _pairings_form_skip (form, line, column,
                           _("“%s” is not how a pair is doing: write on track, needs attention or "
                             "no contact"),
                           text);
      return FALSE;
    }
  if (parse_agreement_status (text, status))
    return TRUE;
  _pairings_form_skip (form, line, column,
                       _("“%s” is not an agreement status: write not sent, sent, signed by the "
                         "mentee, signed by the mentor or signed"),
                       text);
  return FALSE;
}

static void
read_row (gpointer   data,
          GPtrArray *fields,
          guint      line)
{
  Import *import = data;
  Action action = { line, 0, 0, NULL, 0, NULL };
  gboolean check_ins = import->kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS;
  const Membership *membership;
  const char *note;

  membership = match_pair (import, fields, line);
  if (membership == NULL ||
      !_pairings_form_read_date (&import->form, fields, line, COLUMN_DATE, import->today,
                                 !check_ins, &action.date, NULL) ||
      !read_status (import, fields, line, &action.status))
    {
      g_free (action.date);
      return;
    }

  action.pair_id = membership->pair_id;
  action.reporter = membership->reporter;
  note = _pairings_form_cell (&import->form, fields, COLUMN_NOTE);
  action.note = _pairings_form_is_empty (note) ? NULL : g_strdup (note);
  g_array_append_val (import->actions, action);
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
      import->form.report->unchanged++;
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
      import->form.report->updated++;
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
  import->form.report->applied++;
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
      import->form.report->unchanged++;
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
  import->form.report->applied++;
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
apply_actions (gpointer       data,
               gboolean       log,
               GCancellable  *cancellable,
               GError       **error)
{
  Import *import = data;
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
          g_prefix_error (error, _("%s, line %u: "), import->form.report->file_name, action->line);
          return FALSE;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!log || import->form.report->applied == 0)
    return TRUE;
  if (!_pairings_followup_log (import->store, before, (const gint64 *) ids->data, ids->len, error))
    return FALSE;
  return _pairings_form_note_event (&import->form, import->store, "followup", error);
}

/* The whole file ------------------------------------------------------------ */

static gboolean
prepare (gpointer   data,
         GError   **error)
{
  return load_pairs (data, error);
}

static const PairingsFormSteps steps = {
  find_columns,
  prepare,
  read_row,
  apply_actions,
};

static void
import_clear (Import *import)
{
  _pairings_form_clear (&import->form);
  g_clear_pointer (&import->people, g_hash_table_unref);
  g_clear_pointer (&import->actions, g_array_unref);
  g_clear_pointer (&import->signed_on, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

gboolean
pairings_followup_import_stream (PairingsStore                 *store,
                                 gint64                         cohort_id,
                                 PairingsFollowUpImportKind     kind,
                                 GInputStream                  *stream,
                                 const char                    *display_name,
                                 PairingsFollowUpImportFlags    flags,
                                 const char                    *today,
                                 GCancellable                  *cancellable,
                                 PairingsFollowUpImportReport **report,
                                 GError                       **error)
{
  g_auto(Import) import = { 0, };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS ||
                        kind == PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (pairings_date_is_valid (today), FALSE);

  import.store = store;
  import.cohort_id = cohort_id;
  import.kind = kind;
  import.today = today;
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  import.actions = g_array_new (FALSE, TRUE, sizeof (Action));
  g_array_set_clear_func (import.actions, action_clear);
  import.signed_on = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  return _pairings_form_import (&import.form, &import, &steps, store, cohort_id, stream,
                                display_name, (flags & PAIRINGS_FOLLOWUP_IMPORT_STRICT) != 0,
                                (flags & PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN) != 0, 0, cancellable,
                                report, error);
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
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  stream = _pairings_form_open (path, &name, 0, cancellable, error);
  if (stream == NULL)
    return FALSE;
  return pairings_followup_import_stream (store, cohort_id, kind, stream, name, flags, today,
                                          cancellable, report, error);
}

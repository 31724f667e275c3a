/* pairings-followup.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pair's follow-up (its agreement, goals, check-ins and outcome) is
 * small, so every change logs the whole of it before and after: undo and
 * redo write one side back, whatever the change was. Continuing a pair
 * also creates rows in the next cohort; the event lists them so that undo
 * deletes them and redo puts them back with their ids.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-followup-private.h"
#include "pairings-json.h"

#define MAX_DAYS 365
#define DEFAULT_GRACE_DAYS 7
#define DEFAULT_UNSIGNED_DAYS 21
#define NBSP "\u00a0"

/* Words ------------------------------------------------------------------------ */

/* The database spelling of each value: stable, never translated. */
static const char * const agreement_ids[] = {
  "not_sent", "sent", "signed_mentee", "signed_mentor", "signed"
};
static const char * const mode_ids[] = { "", "virtual", "in_person", "mixed" };
static const char * const goal_ids[] = { "open", "in_progress", "reached", "dropped" };
static const char * const check_in_ids[] = { "on_track", "needs_attention", "no_contact" };
static const char * const reporter_ids[] = { "mentor", "mentee", "committee" };
static const char * const outcome_ids[] = { "active", "completed", "ended_early", "continues" };

static const char * const agreement_labels[] = {
  N_("Not sent"), N_("Sent"), N_("Signed by the mentee"), N_("Signed by the mentor"), N_("Signed by both")
};
static const char * const mode_labels[] = { N_("Not agreed"), N_("Virtual"), N_("In person"), N_("Mixed") };
static const char * const goal_labels[] = { N_("Open"), N_("In progress"), N_("Reached"), N_("Dropped") };
static const char * const check_in_labels[] = { N_("On track"), N_("Needs attention"), N_("No contact") };
static const char * const reporter_labels[] = { N_("Mentor"), N_("Mentee"), N_("Committee") };
static const char * const outcome_labels[] = {
  N_("Active"), N_("Completed"), N_("Ended early"), N_("Continues next cohort")
};

G_STATIC_ASSERT (G_N_ELEMENTS (agreement_ids) == PAIRINGS_N_AGREEMENT_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (mode_ids) == PAIRINGS_N_MEETING_MODES);
G_STATIC_ASSERT (G_N_ELEMENTS (goal_ids) == PAIRINGS_N_GOAL_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (check_in_ids) == PAIRINGS_N_CHECK_IN_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (reporter_ids) == PAIRINGS_N_REPORTERS);
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_ids) == PAIRINGS_N_OUTCOMES);

static gboolean
lookup (const char * const *ids,
        guint               n_ids,
        const char         *str,
        int                *value)
{
  for (guint i = 0; str != NULL && i < n_ids; i++)
    if (g_str_equal (ids[i], str))
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_WORDS(prefix, Type, ids, labels)                           \
  const char *                                                            \
  prefix##_to_string (Type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (ids), NULL);      \
    return ids[value];                                                    \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        Type       *value)                                \
  {                                                                       \
    int v;                                                                \
    if (!lookup (ids, G_N_ELEMENTS (ids), str, &v))                       \
      return FALSE;                                                       \
    *value = (Type) v;                                                    \
    return TRUE;                                                          \
  }                                                                       \
                                                                          \
  const char *                                                            \
  prefix##_get_label (Type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (labels), NULL);   \
    return g_dgettext (GETTEXT_PACKAGE, labels[value]);                   \
  }

DEFINE_WORDS (pairings_agreement_status, PairingsAgreementStatus, agreement_ids, agreement_labels)
DEFINE_WORDS (pairings_goal_status, PairingsGoalStatus, goal_ids, goal_labels)
DEFINE_WORDS (pairings_check_in_status, PairingsCheckInStatus, check_in_ids, check_in_labels)
DEFINE_WORDS (pairings_reporter, PairingsReporter, reporter_ids, reporter_labels)
DEFINE_WORDS (pairings_outcome, PairingsOutcome, outcome_ids, outcome_labels)

/* The meeting mode is NULL in the database until it is agreed. */
const char *
pairings_meeting_mode_to_string (PairingsMeetingMode mode)
{
  g_return_val_if_fail ((guint) mode < PAIRINGS_N_MEETING_MODES, NULL);
  return mode == PAIRINGS_MEETING_UNSET ? NULL : mode_ids[mode];
}

gboolean
pairings_meeting_mode_from_string (const char          *str,
                                   PairingsMeetingMode *mode)
{
  int v;

  if (str == NULL)
    {
      *mode = PAIRINGS_MEETING_UNSET;
      return TRUE;
    }
  if (*str == '\0' || !lookup (mode_ids, G_N_ELEMENTS (mode_ids), str, &v))
    return FALSE;
  *mode = (PairingsMeetingMode) v;
  return TRUE;
}

const char *
pairings_meeting_mode_get_label (PairingsMeetingMode mode)
{
  g_return_val_if_fail ((guint) mode < PAIRINGS_N_MEETING_MODES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, mode_labels[mode]);
}

char *
pairings_frequency_get_label (int days)
{
  if (days <= 0)
    return g_strdup (_("not agreed"));
  if (days == 1)
    return g_strdup (_("daily"));
  if (days == 7)
    return g_strdup (_("weekly"));
  if (days == 14)
    return g_strdup (_("every 2 weeks"));
  if (days == 30 || days == 31)
    return g_strdup (_("monthly"));
  if (days % 7 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d week", "every %d weeks", (gulong) (days / 7)),
                            days / 7);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d day", "every %d days", (gulong) days), days);
}

/* Freeing ---------------------------------------------------------------------- */

void
pairings_agreement_clear (PairingsAgreement *agreement)
{
  g_clear_pointer (&agreement->sent_on, g_free);
  g_clear_pointer (&agreement->signed_on, g_free);
  g_clear_pointer (&agreement->contact, g_free);
  g_clear_pointer (&agreement->expectations, g_free);
}

void
pairings_followup_free (PairingsFollowUp *followup)
{
  if (followup == NULL)
    return;
  g_free (followup->mentor_name);
  g_free (followup->mentor_email);
  g_free (followup->mentee_name);
  g_free (followup->mentee_email);
  pairings_agreement_clear (&followup->agreement);
  g_free (followup->last_check_in);
  g_free (followup->end_reason);
  g_free (followup->due);
  g_free (followup);
}

void
pairings_goal_free (PairingsGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->text);
  g_free (goal->target_date);
  g_free (goal);
}

void
pairings_check_in_free (PairingsCheckIn *check_in)
{
  if (check_in == NULL)
    return;
  g_free (check_in->date);
  g_free (check_in->note);
  g_free (check_in);
}

void
pairings_timeline_entry_free (PairingsTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->date);
  g_free (entry->text);
  g_free (entry);
}

/* Dates ------------------------------------------------------------------------ */

static gboolean
parse_date (const char *iso,
            GDate      *date)
{
  g_date_clear (date, 1);
  /* NULL is an unset date, and no date. */
  if (iso == NULL || !pairings_date_is_valid (iso))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) atoi (iso + 8), (GDateMonth) atoi (iso + 5), (GDateYear) atoi (iso));
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* NULL and "" are an unset date; anything else must be a real one. */
static gboolean
optional_date_ok (const char *date)
{
  return date == NULL || *date == '\0' || pairings_date_is_valid (date);
}

static const char *
nonempty (const char *str)
{
  return str != NULL && *str != '\0' ? str : NULL;
}

static gboolean
check_text (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_set_error_literal (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_today (const char  *today,
             GError     **error)
{
  if (pairings_date_is_valid (today))
    return TRUE;
  g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
               _("Today's date “%s” is not a real date (expected YYYY-MM-DD)"), today ? today : "");
  return FALSE;
}

/* Small queries ------------------------------------------------------------------ */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
column_dup_nonnull (sqlite3_stmt *stmt,
                    int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/* The first column of the one row of @sql with @id bound, or 0. */
static gint64
query_id (PairingsStore *store,
          const char    *sql,
          gint64         id)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* The text of the one row of @sql with @id bound, or NULL. */
static char *
query_text (PairingsStore *store,
            const char    *sql,
            gint64         id)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
pair_exists (PairingsStore  *store,
             gint64          pair_id,
             GError        **error)
{
  if (query_id (store, "SELECT count(*) FROM pairs WHERE id = ?", pair_id) > 0)
    return TRUE;
  g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
  return FALSE;
}

/* Follow-up starts with the announcement: before it, the board decides. */
static gboolean
check_announced (PairingsStore  *store,
                 gint64          pair_id,
                 GError        **error)
{
  g_autofree char *stage = query_text (store, "SELECT stage FROM pairs WHERE id = ?", pair_id);

  if (stage == NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
      return FALSE;
    }
  if (!g_str_equal (stage, "announced"))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The pair is not announced yet: its follow-up starts once it is announced"));
      return FALSE;
    }
  return TRUE;
}

/* States and events ---------------------------------------------------------------- */

static const char state_sql[] =
  "SELECT json_object('id', p.id, 'outcome', p.outcome, 'end_reason', p.end_reason,"
  " 'updated_at', p.updated_at,"
  " 'agreement', json((SELECT json_object('status', a.status, 'sent_on', a.sent_on, 'signed_on', a.signed_on,"
  "   'frequency_days', a.frequency_days, 'mode', a.mode, 'contact', a.contact,"
  "   'expectations', a.expectations, 'confidentiality', a.confidentiality)"
  "   FROM agreements a WHERE a.pair_id = p.id)),"
  " 'goals', json((SELECT json_group_array(json_object('id', g.id, 'text', g.text,"
  "   'target_date', g.target_date, 'status', g.status, 'position', g.position))"
  "   FROM (SELECT * FROM goals WHERE pair_id = p.id ORDER BY position, id) g)),"
  " 'check_ins', json((SELECT json_group_array(json_object('id', c.id, 'date', c.date,"
  "   'reporter', c.reporter, 'status', c.status, 'note', c.note))"
  "   FROM (SELECT * FROM check_ins WHERE pair_id = p.id ORDER BY date, id) c)))"
  " FROM pairs p WHERE p.id = ?";

char *
_pairings_followup_snapshot (PairingsStore  *store,
                             const gint64   *pair_ids,
                             guint           n,
                             GError        **error)
{
  g_autoptr(GString) json = g_string_new ("{\"pairs\":[");

  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = _pairings_store_prepare (store, state_sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, pair_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_string_append_printf (json, "%s%s", i ? "," : "", (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                       _("The pair no longer exists"));
          return NULL;
        }
      if (rc != SQLITE_ROW)
        {
          _pairings_store_set_error (store, rc, error);
          return NULL;
        }
    }
  g_string_append (json, "]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Logs the event; @created (or NULL) is added to the state after. */
static gboolean
log_followup (PairingsStore  *store,
              const char     *before,
              const gint64   *pair_ids,
              guint           n,
              const char     *created,
              GError        **error)
{
  g_autofree char *after = _pairings_followup_snapshot (store, pair_ids, n, error);

  if (after == NULL)
    return FALSE;
  if (created != NULL)
    {
      sqlite3_stmt *stmt = _pairings_store_prepare (store, "SELECT json_set(?, '$.created', json(?))", error);

      if (stmt == NULL)
        return FALSE;
      _pairings_store_bind_text (stmt, 1, after);
      _pairings_store_bind_text (stmt, 2, created);
      g_clear_pointer (&after, g_free);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        after = column_dup (stmt, 0);
      sqlite3_reset (stmt);
      if (after == NULL)
        {
          _pairings_store_set_error (store, sqlite3_errcode (_pairings_store_get_db (store)), error);
          return FALSE;
        }
    }
  return _pairings_store_log_event (store, "followup", "pair", n == 1 ? pair_ids[0] : 0, before, after, error);
}

gboolean
_pairings_followup_log (PairingsStore  *store,
                        const char     *before,
                        const gint64   *pair_ids,
                        guint           n,
                        GError        **error)
{
  return log_followup (store, before, pair_ids, n, NULL, error);
}

/* A change of one pair's follow-up, run between the snapshot and the event. */
typedef gboolean (*Change) (PairingsStore *store, gpointer data, GError **error);

static gboolean
run_change (PairingsStore  *store,
            gint64          pair_id,
            Change          change,
            gpointer        data,
            GError        **error)
{
  g_autofree char *before = NULL;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  if (check_announced (store, pair_id, error) &&
      (before = _pairings_followup_snapshot (store, &pair_id, 1, error)) != NULL &&
      change (store, data, error) &&
      _pairings_followup_log (store, before, &pair_id, 1, error) &&
      _pairings_store_commit (store, error))
    return TRUE;
  _pairings_store_rollback (store);
  return FALSE;
}

/* Runs @sql with @json bound to ?1 and @other (or NULL) to ?2. */
static gboolean
exec_json (PairingsStore  *store,
           const char     *sql,
           const char     *json,
           const char     *other,
           GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, json);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _pairings_store_bind_text (stmt, 2, other);
  return _pairings_store_step_done (store, stmt, error);
}

/* Puts one pair's follow-up back as @state has it. */
static gboolean
put_state (PairingsStore  *store,
           const char     *state,
           GError        **error)
{
  static const char * const rewrite[] = {
    "DELETE FROM agreements WHERE pair_id = json_extract(?1, '$.id')",
    "DELETE FROM goals WHERE pair_id = json_extract(?1, '$.id')",
    "DELETE FROM check_ins WHERE pair_id = json_extract(?1, '$.id')",
    "INSERT INTO agreements (pair_id, status, sent_on, signed_on, frequency_days, mode, contact, expectations,"
    " confidentiality) SELECT json_extract(?1, '$.id'), json_extract(a, '$.status'), json_extract(a, '$.sent_on'),"
    " json_extract(a, '$.signed_on'), json_extract(a, '$.frequency_days'), json_extract(a, '$.mode'),"
    " json_extract(a, '$.contact'), json_extract(a, '$.expectations'), json_extract(a, '$.confidentiality')"
    " FROM (SELECT json_extract(?1, '$.agreement') AS a) WHERE a IS NOT NULL",
    "INSERT INTO goals (id, pair_id, text, target_date, status, position)"
    " SELECT json_extract(value, '$.id'), json_extract(?1, '$.id'), json_extract(value, '$.text'),"
    " json_extract(value, '$.target_date'), json_extract(value, '$.status'), json_extract(value, '$.position')"
    " FROM json_each(?1, '$.goals')",
    "INSERT INTO check_ins (id, pair_id, date, reporter, status, note)"
    " SELECT json_extract(value, '$.id'), json_extract(?1, '$.id'), json_extract(value, '$.date'),"
    " json_extract(value, '$.reporter'), json_extract(value, '$.status'), json_extract(value, '$.note')"
    " FROM json_each(?1, '$.check_ins')",
  };

  if (!exec_json (store,
                  "UPDATE pairs SET outcome = json_extract(?1, '$.outcome'),"
                  " end_reason = json_extract(?1, '$.end_reason'),"
                  " updated_at = coalesce(json_extract(?1, '$.updated_at'), updated_at)"
                  " WHERE id = json_extract(?1, '$.id')",
                  state, NULL, error))
    return FALSE;
  if (sqlite3_changes (_pairings_store_get_db (store)) == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rewrite); i++)
    if (!exec_json (store, rewrite[i], state, NULL, error))
      return FALSE;
  return TRUE;
}

#define APPLICATION_COLUMNS \
  "id, cohort_id, person_id, role, status, name, institution, experiment, department, location, timezone," \
  " languages, career_stage, career_stage_raw, mentoring_types, capacity, motivation, submitted_at, answers," \
  " created_at, updated_at"

#define APPLICATION_ROW \
  "json_object('id', id, 'cohort_id', cohort_id, 'person_id', person_id, 'role', role, 'status', status," \
  " 'name', name, 'institution', institution, 'experiment', experiment, 'department', department," \
  " 'location', location, 'timezone', timezone, 'languages', languages, 'career_stage', career_stage," \
  " 'career_stage_raw', career_stage_raw, 'mentoring_types', mentoring_types, 'capacity', capacity," \
  " 'motivation', motivation, 'submitted_at', submitted_at, 'answers', answers, 'created_at', created_at," \
  " 'updated_at', updated_at)"

#define PAIR_COLUMNS \
  "id, cohort_id, mentor_application_id, mentee_application_id, stage, position, score, locked, outcome," \
  " end_reason, continues_from, created_at, updated_at"

#define PAIR_ROW \
  "json_object('id', id, 'cohort_id', cohort_id, 'mentor_application_id', mentor_application_id," \
  " 'mentee_application_id', mentee_application_id, 'stage', stage, 'position', position, 'score', score," \
  " 'locked', locked, 'outcome', outcome, 'end_reason', end_reason, 'continues_from', continues_from," \
  " 'created_at', created_at, 'updated_at', updated_at)"

#define FROM_ROW(key) "json_extract(value, '$." key "')"

/* Rows listed under "created" in @from and not in @to are deleted (the
 * pairs first, that hang on the applications); those in @to and not in
 * @from are inserted back (the applications first). */
static gboolean
put_created (PairingsStore  *store,
             const char     *to,
             const char     *from,
             GError        **error)
{
  static const char * const steps[] = {
    "DELETE FROM pairs WHERE id IN (SELECT json_extract(value, '$.id') FROM json_each(?2, '$.created.pairs'))"
    " AND id NOT IN (SELECT json_extract(value, '$.id') FROM json_each(?1, '$.created.pairs'))",
    "DELETE FROM applications WHERE id IN (SELECT json_extract(value, '$.id')"
    " FROM json_each(?2, '$.created.applications')) AND id NOT IN (SELECT json_extract(value, '$.id')"
    " FROM json_each(?1, '$.created.applications'))",
    "INSERT INTO applications (" APPLICATION_COLUMNS ") SELECT " FROM_ROW ("id") ", " FROM_ROW ("cohort_id") ","
    " " FROM_ROW ("person_id") ", " FROM_ROW ("role") ", " FROM_ROW ("status") ", " FROM_ROW ("name") ","
    " " FROM_ROW ("institution") ", " FROM_ROW ("experiment") ", " FROM_ROW ("department") ","
    " " FROM_ROW ("location") ", " FROM_ROW ("timezone") ", " FROM_ROW ("languages") ","
    " " FROM_ROW ("career_stage") ", " FROM_ROW ("career_stage_raw") ", " FROM_ROW ("mentoring_types") ","
    " " FROM_ROW ("capacity") ", " FROM_ROW ("motivation") ", " FROM_ROW ("submitted_at") ","
    " " FROM_ROW ("answers") ", " FROM_ROW ("created_at") ", " FROM_ROW ("updated_at")
    " FROM json_each(?1, '$.created.applications') WHERE json_extract(value, '$.id') NOT IN"
    " (SELECT json_extract(value, '$.id') FROM json_each(?2, '$.created.applications'))",
    "INSERT INTO pairs (" PAIR_COLUMNS ") SELECT " FROM_ROW ("id") ", " FROM_ROW ("cohort_id") ","
    " " FROM_ROW ("mentor_application_id") ", " FROM_ROW ("mentee_application_id") ", " FROM_ROW ("stage") ","
    " " FROM_ROW ("position") ", " FROM_ROW ("score") ", " FROM_ROW ("locked") ", " FROM_ROW ("outcome") ","
    " " FROM_ROW ("end_reason") ", " FROM_ROW ("continues_from") ", " FROM_ROW ("created_at") ","
    " " FROM_ROW ("updated_at")
    " FROM json_each(?1, '$.created.pairs') WHERE json_extract(value, '$.id') NOT IN"
    " (SELECT json_extract(value, '$.id') FROM json_each(?2, '$.created.pairs'))",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!exec_json (store, steps[i], to, from, error))
      return FALSE;
  return TRUE;
}

/**
 * _pairings_followup_replay:
 * @to: the state to put back (the event's before, to undo)
 * @from: the other side
 *
 * Runs inside the caller's transaction.
 */
gboolean
_pairings_followup_replay (PairingsStore  *store,
                           const char     *to,
                           const char     *from,
                           GError        **error)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!put_created (store, to, from, error))
    return FALSE;

  stmt = _pairings_store_prepare (store, "SELECT value FROM json_each(?, '$.pairs')", error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (states, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < states->len; i++)
    if (!put_state (store, g_ptr_array_index (states, i), error))
      return FALSE;
  return TRUE;
}

/* Settings ------------------------------------------------------------------------ */

void
pairings_followup_settings_init (PairingsFollowUpSettings *settings)
{
  settings->grace_days = DEFAULT_GRACE_DAYS;
  settings->unsigned_days = DEFAULT_UNSIGNED_DAYS;
}

gboolean
pairings_followup_settings_load (PairingsStore             *store,
                                 gint64                     cohort_id,
                                 PairingsFollowUpSettings  *settings,
                                 GError                   **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  pairings_followup_settings_init (settings);
  stmt = _pairings_store_prepare (store,
                                  "SELECT json_extract(settings, '$.followup.grace_days'),"
                                  " json_extract(settings, '$.followup.unsigned_days') FROM cohorts WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* A value edited by hand out of range is read as the nearest one. */
      if (sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
        settings->grace_days = CLAMP (sqlite3_column_int (stmt, 0), 0, MAX_DAYS);
      if (sqlite3_column_type (stmt, 1) == SQLITE_INTEGER)
        settings->unsigned_days = CLAMP (sqlite3_column_int (stmt, 1), 0, MAX_DAYS);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The cohort no longer exists"));
  return found;
}

gboolean
pairings_followup_settings_save (PairingsStore                   *store,
                                 gint64                           cohort_id,
                                 const PairingsFollowUpSettings  *settings,
                                 GError                         **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (settings->grace_days < 0 || settings->grace_days > MAX_DAYS)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The grace period for check-ins must be from 0 to %d days, not %d"),
                   MAX_DAYS, settings->grace_days);
      return FALSE;
    }
  if (settings->unsigned_days < 0 || settings->unsigned_days > MAX_DAYS)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The delay for signing the agreement must be from 0 to %d days, not %d"),
                   MAX_DAYS, settings->unsigned_days);
      return FALSE;
    }

  after = g_strdup_printf ("{\"grace_days\":%d,\"unsigned_days\":%d}",
                           settings->grace_days, settings->unsigned_days);
  if (!_pairings_store_begin (store, error))
    return FALSE;
  if (query_id (store, "SELECT count(*) FROM cohorts WHERE id = ?", cohort_id) == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The cohort no longer exists"));
      goto failed;
    }
  before = query_text (store, "SELECT json_extract(settings, '$.followup') FROM cohorts WHERE id = ?", cohort_id);
  stmt = _pairings_store_prepare (store,
                                  "UPDATE cohorts SET settings = json_set(settings, '$.followup', json(?))"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    goto failed;
  _pairings_store_bind_text (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, cohort_id);
  if (_pairings_store_step_done (store, stmt, error) &&
      _pairings_store_log_event (store, "update", "followup_settings", cohort_id, before, after, error) &&
      _pairings_store_commit (store, error))
    return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* Cohort dates ------------------------------------------------------------------ */

static const char cohort_json_sql[] =
  "SELECT json_object('name', name, 'call_opens', call_opens, 'deadline', deadline,"
  " 'announcement', announcement, 'kick_off', kick_off, 'ends', ends, 'pair_limit', pair_limit)"
  " FROM cohorts WHERE id = ?";

gboolean
pairings_followup_set_cohort_dates (PairingsStore              *store,
                                    gint64                      cohort_id,
                                    const PairingsCohortDates  *dates,
                                    int                         pair_limit,
                                    GError                    **error)
{
  PairingsCohortDates none = { NULL, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (dates == NULL)
    dates = &none;
  if (!_pairings_store_check_dates (dates, error))
    return FALSE;
  if (pair_limit < -1)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The pair limit cannot be negative (%d)"), pair_limit);
      return FALSE;
    }

  if (!_pairings_store_begin (store, error))
    return FALSE;
  before = query_text (store, cohort_json_sql, cohort_id);
  if (before == NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The cohort no longer exists"));
      goto failed;
    }
  stmt = _pairings_store_prepare (store,
                                  "UPDATE cohorts SET call_opens = ?, deadline = ?, announcement = ?, kick_off = ?,"
                                  " ends = ?, pair_limit = ? WHERE id = ?",
                                  error);
  if (stmt == NULL)
    goto failed;
  _pairings_store_bind_text (stmt, 1, dates->call_opens);
  _pairings_store_bind_text (stmt, 2, dates->deadline);
  _pairings_store_bind_text (stmt, 3, dates->announcement);
  _pairings_store_bind_text (stmt, 4, dates->kick_off);
  _pairings_store_bind_text (stmt, 5, dates->ends);
  if (pair_limit >= 0)
    sqlite3_bind_int (stmt, 6, pair_limit);
  sqlite3_bind_int64 (stmt, 7, cohort_id);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;
  after = query_text (store, cohort_json_sql, cohort_id);
  if (_pairings_store_log_event (store, "update", "cohort", cohort_id, before, after, error) &&
      _pairings_store_commit (store, error))
    return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* The rules ---------------------------------------------------------------------- */

/* When the check-in clock starts for a pair without a check-in yet. */
static gboolean
first_base (const PairingsFollowUp *followup,
            const char             *announcement,
            const char             *kick_off,
            GDate                  *base)
{
  GDate signed_on;
  gboolean have_kick_off = parse_date (kick_off, base);
  gboolean have_signed = parse_date (followup->agreement.signed_on, &signed_on);

  if (have_signed && (!have_kick_off || g_date_compare (&signed_on, base) > 0))
    *base = signed_on;
  if (have_kick_off || have_signed)
    return TRUE;
  return parse_date (announcement, base);
}

void
pairings_followup_assess (PairingsFollowUp                *followup,
                          const char                      *announcement,
                          const char                      *kick_off,
                          const char                      *ends,
                          const PairingsFollowUpSettings  *settings,
                          const char                      *today)
{
  PairingsFollowUpSettings defaults;
  GDate now, date;
  gboolean have_today;

  g_return_if_fail (followup != NULL);

  g_clear_pointer (&followup->due, g_free);
  followup->overdue = FALSE;
  followup->at_risk = FALSE;
  if (settings == NULL)
    {
      pairings_followup_settings_init (&defaults);
      settings = &defaults;
    }
  if (followup->outcome != PAIRINGS_OUTCOME_ACTIVE)
    return;

  have_today = parse_date (today, &now);
  if (followup->last_check_in != NULL && followup->last_status != PAIRINGS_CHECK_IN_ON_TRACK)
    followup->at_risk = TRUE;
  if (followup->agreement.status != PAIRINGS_AGREEMENT_SIGNED && have_today && parse_date (announcement, &date))
    {
      g_date_add_days (&date, (guint) CLAMP (settings->unsigned_days, 0, MAX_DAYS));
      if (g_date_compare (&now, &date) >= 0)
        followup->at_risk = TRUE;
    }

  /* After the cohort's end nothing more is expected of the pair. */
  if (have_today && parse_date (ends, &date) && g_date_compare (&now, &date) > 0)
    return;
  if (followup->agreement.frequency_days <= 0)
    return;
  if (!parse_date (followup->last_check_in, &date) && !first_base (followup, announcement, kick_off, &date))
    return;
  g_date_add_days (&date, (guint) followup->agreement.frequency_days +
                          (guint) CLAMP (settings->grace_days, 0, MAX_DAYS));
  followup->due = format_date (&date);
  followup->overdue = have_today && g_date_compare (&now, &date) > 0;
}

/* Reading ------------------------------------------------------------------------ */

#define AGREEMENT_COLUMNS \
  "a.status, a.sent_on, a.signed_on, a.frequency_days, a.mode, a.contact, a.expectations, a.confidentiality"

/* Eight columns from @first, as AGREEMENT_COLUMNS has them (all NULL: no
 * agreement recorded, the defaults). */
static void
agreement_from_row (sqlite3_stmt      *stmt,
                    int                first,
                    PairingsAgreement *agreement)
{
  memset (agreement, 0, sizeof *agreement);
  if (!pairings_agreement_status_from_string ((const char *) sqlite3_column_text (stmt, first), &agreement->status))
    agreement->status = PAIRINGS_AGREEMENT_NOT_SENT;
  agreement->sent_on = column_dup (stmt, first + 1);
  agreement->signed_on = column_dup (stmt, first + 2);
  agreement->frequency_days = MAX (sqlite3_column_int (stmt, first + 3), 0);
  if (!pairings_meeting_mode_from_string ((const char *) sqlite3_column_text (stmt, first + 4), &agreement->mode))
    agreement->mode = PAIRINGS_MEETING_UNSET;
  agreement->contact = column_dup_nonnull (stmt, first + 5);
  agreement->expectations = column_dup_nonnull (stmt, first + 6);
  agreement->confidentiality = sqlite3_column_int (stmt, first + 7) != 0;
}

#define FOLLOWUP_SELECT \
  "SELECT p.id, p.mentor_application_id, p.mentee_application_id, m.name, pm.email, e.name, pe.email," \
  " p.outcome, p.end_reason," \
  " (SELECT count(*) FROM goals g WHERE g.pair_id = p.id AND g.status <> 'dropped')," \
  " (SELECT count(*) FROM goals g WHERE g.pair_id = p.id AND g.status = 'reached')," \
  " (SELECT c.date || ' ' || c.status FROM check_ins c WHERE c.pair_id = p.id" \
  "   ORDER BY c.date DESC, c.id DESC LIMIT 1)," \
  " co.id, co.announcement, co.kick_off, co.ends, " AGREEMENT_COLUMNS \
  " FROM pairs p JOIN cohorts co ON co.id = p.cohort_id" \
  " JOIN applications m ON m.id = p.mentor_application_id JOIN people pm ON pm.id = m.person_id" \
  " JOIN applications e ON e.id = p.mentee_application_id JOIN people pe ON pe.id = e.person_id" \
  " LEFT JOIN agreements a ON a.pair_id = p.id"

enum { COL_COHORT = 12, COL_ANNOUNCEMENT, COL_KICK_OFF, COL_ENDS, COL_AGREEMENT };

static PairingsFollowUp *
followup_from_row (sqlite3_stmt *stmt)
{
  PairingsFollowUp *followup = g_new0 (PairingsFollowUp, 1);
  const char *last = (const char *) sqlite3_column_text (stmt, 11);

  followup->pair_id = sqlite3_column_int64 (stmt, 0);
  followup->mentor_application_id = sqlite3_column_int64 (stmt, 1);
  followup->mentee_application_id = sqlite3_column_int64 (stmt, 2);
  followup->mentor_name = column_dup_nonnull (stmt, 3);
  followup->mentor_email = column_dup_nonnull (stmt, 4);
  followup->mentee_name = column_dup_nonnull (stmt, 5);
  followup->mentee_email = column_dup_nonnull (stmt, 6);
  if (!pairings_outcome_from_string ((const char *) sqlite3_column_text (stmt, 7), &followup->outcome))
    followup->outcome = PAIRINGS_OUTCOME_ACTIVE;
  followup->end_reason = column_dup_nonnull (stmt, 8);
  followup->n_goals = (guint) sqlite3_column_int (stmt, 9);
  followup->n_goals_reached = (guint) sqlite3_column_int (stmt, 10);
  if (last != NULL)
    {
      const char *space = strchr (last, ' ');

      followup->last_check_in = space ? g_strndup (last, (gsize) (space - last)) : g_strdup (last);
      if (space == NULL || !pairings_check_in_status_from_string (space + 1, &followup->last_status))
        followup->last_status = PAIRINGS_CHECK_IN_ON_TRACK;
    }
  agreement_from_row (stmt, COL_AGREEMENT, &followup->agreement);
  return followup;
}

static void
assess_row (PairingsFollowUp               *followup,
            sqlite3_stmt                   *stmt,
            const PairingsFollowUpSettings *settings,
            const char                     *today)
{
  pairings_followup_assess (followup,
                            (const char *) sqlite3_column_text (stmt, COL_ANNOUNCEMENT),
                            (const char *) sqlite3_column_text (stmt, COL_KICK_OFF),
                            (const char *) sqlite3_column_text (stmt, COL_ENDS),
                            settings, today);
}

static int
compare_followups (gconstpointer a,
                   gconstpointer b)
{
  const PairingsFollowUp *x = *(PairingsFollowUp * const *) a;
  const PairingsFollowUp *y = *(PairingsFollowUp * const *) b;
  int order = g_utf8_collate (x->mentor_name, y->mentor_name);

  if (order == 0)
    order = g_utf8_collate (x->mentee_name, y->mentee_name);
  if (order == 0)
    order = (x->pair_id > y->pair_id) - (x->pair_id < y->pair_id);
  return order;
}

GPtrArray *
pairings_followup_list (PairingsStore  *store,
                        gint64          cohort_id,
                        const char     *today,
                        GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_followup_free);
  PairingsFollowUpSettings settings;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!check_today (today, error) || !pairings_followup_settings_load (store, cohort_id, &settings, error))
    return NULL;
  stmt = _pairings_store_prepare (store, FOLLOWUP_SELECT " WHERE p.cohort_id = ? AND p.stage = 'announced'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsFollowUp *followup = followup_from_row (stmt);

      assess_row (followup, stmt, &settings, today);
      g_ptr_array_add (list, followup);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return NULL;
    }
  g_ptr_array_sort (list, compare_followups);
  return g_steal_pointer (&list);
}

PairingsFollowUp *
pairings_followup_get (PairingsStore  *store,
                       gint64          pair_id,
                       const char     *today,
                       GError        **error)
{
  PairingsFollowUpSettings settings;
  PairingsFollowUp *followup = NULL;
  gint64 cohort_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!check_today (today, error))
    return NULL;
  cohort_id = query_id (store, "SELECT cohort_id FROM pairs WHERE id = ?", pair_id);
  if (cohort_id == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
      return NULL;
    }
  if (!pairings_followup_settings_load (store, cohort_id, &settings, error))
    return NULL;
  stmt = _pairings_store_prepare (store, FOLLOWUP_SELECT " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      followup = followup_from_row (stmt);
      assess_row (followup, stmt, &settings, today);
    }
  sqlite3_reset (stmt);
  if (followup == NULL)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
  return followup;
}

guint
pairings_followup_count_attention (PairingsStore  *store,
                                   gint64          cohort_id,
                                   const char     *today,
                                   GError        **error)
{
  g_autoptr(GPtrArray) list = pairings_followup_list (store, cohort_id, today, error);
  guint n = 0;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      PairingsFollowUp *followup = g_ptr_array_index (list, i);

      n += followup->overdue || followup->at_risk;
    }
  return n;
}

gboolean
pairings_followup_get_agreement (PairingsStore      *store,
                                 gint64              pair_id,
                                 PairingsAgreement  *agreement,
                                 GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  stmt = _pairings_store_prepare (store,
                                  "SELECT " AGREEMENT_COLUMNS " FROM pairs p LEFT JOIN agreements a"
                                  " ON a.pair_id = p.id WHERE p.id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      agreement_from_row (stmt, 0, agreement);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
  return found;
}

GPtrArray *
pairings_followup_list_goals (PairingsStore  *store,
                              gint64          pair_id,
                              GError        **error)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_goal_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!pair_exists (store, pair_id, error))
    return NULL;
  stmt = _pairings_store_prepare (store,
                                  "SELECT id, text, target_date, status FROM goals WHERE pair_id = ?"
                                  " ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsGoal *goal = g_new0 (PairingsGoal, 1);

      goal->id = sqlite3_column_int64 (stmt, 0);
      goal->text = column_dup_nonnull (stmt, 1);
      goal->target_date = column_dup (stmt, 2);
      if (!pairings_goal_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &goal->status))
        goal->status = PAIRINGS_GOAL_OPEN;
      g_ptr_array_add (goals, goal);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&goals);
}

GPtrArray *
pairings_followup_list_check_ins (PairingsStore  *store,
                                  gint64          pair_id,
                                  GError        **error)
{
  g_autoptr(GPtrArray) check_ins = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_check_in_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!pair_exists (store, pair_id, error))
    return NULL;
  stmt = _pairings_store_prepare (store,
                                  "SELECT id, date, reporter, status, note FROM check_ins WHERE pair_id = ?"
                                  " ORDER BY date DESC, id DESC",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsCheckIn *check_in = g_new0 (PairingsCheckIn, 1);

      check_in->id = sqlite3_column_int64 (stmt, 0);
      check_in->date = column_dup_nonnull (stmt, 1);
      if (!pairings_reporter_from_string ((const char *) sqlite3_column_text (stmt, 2), &check_in->reporter))
        check_in->reporter = PAIRINGS_REPORTER_COMMITTEE;
      if (!pairings_check_in_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &check_in->status))
        check_in->status = PAIRINGS_CHECK_IN_ON_TRACK;
      check_in->note = column_dup_nonnull (stmt, 4);
      g_ptr_array_add (check_ins, check_in);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&check_ins);
}

/* Timeline ------------------------------------------------------------------------- */

static void
add_entry (GPtrArray  *entries,
           const char *date,
           char       *text)
{
  PairingsTimelineEntry *entry;

  /* Only the day counts; times ("…T10:00:00Z") are cut. */
  if (date == NULL || strlen (date) < 10)
    {
      g_free (text);
      return;
    }
  entry = g_new0 (PairingsTimelineEntry, 1);
  entry->date = g_strndup (date, 10);
  entry->text = text;
  if (!pairings_date_is_valid (entry->date))
    {
      pairings_timeline_entry_free (entry);
      return;
    }
  g_ptr_array_add (entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const PairingsTimelineEntry *x = *(PairingsTimelineEntry * const *) a;
  const PairingsTimelineEntry *y = *(PairingsTimelineEntry * const *) b;

  return strcmp (x->date, y->date);
}

static const char *
signed_text (PairingsAgreementStatus status)
{
  switch (status)
    {
    case PAIRINGS_AGREEMENT_SIGNED:
      return _("Agreement signed by both");
    case PAIRINGS_AGREEMENT_SIGNED_MENTEE:
      return _("Agreement signed by the mentee");
    case PAIRINGS_AGREEMENT_SIGNED_MENTOR:
      return _("Agreement signed by the mentor");
    case PAIRINGS_AGREEMENT_NOT_SENT:
    case PAIRINGS_AGREEMENT_SENT:
    default:
      return _("Agreement signed");
    }
}

/* Paired, announced, the agreement; the end goes to @end. */
static gboolean
timeline_pair (PairingsStore  *store,
               gint64          pair_id,
               GPtrArray      *entries,
               GPtrArray      *end,
               GError        **error)
{
  PairingsAgreement agreement;
  sqlite3_stmt *stmt;
  g_autofree char *created = NULL;
  g_autofree char *announcement = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *reason = NULL;
  PairingsOutcome outcome = PAIRINGS_OUTCOME_ACTIVE;
  gboolean found = FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT p.created_at, c.announcement, p.outcome, p.end_reason, p.updated_at"
                                  " FROM pairs p JOIN cohorts c ON c.id = p.cohort_id WHERE p.id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      created = column_dup (stmt, 0);
      announcement = column_dup (stmt, 1);
      pairings_outcome_from_string ((const char *) sqlite3_column_text (stmt, 2), &outcome);
      reason = column_dup_nonnull (stmt, 3);
      updated = column_dup (stmt, 4);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
      return FALSE;
    }

  /* A pair exists before it is announced; one entered later (imported,
   * or the demo's) is shown as paired by the announcement. */
  if (created != NULL && announcement != NULL && strncmp (created, announcement, 10) > 0)
    add_entry (entries, announcement, g_strdup (_("Paired")));
  else
    add_entry (entries, created, g_strdup (_("Paired")));
  add_entry (entries, announcement, g_strdup (_("Pair announced")));

  if (!pairings_followup_get_agreement (store, pair_id, &agreement, error))
    return FALSE;
  add_entry (entries, agreement.sent_on, g_strdup (_("Agreement sent")));
  add_entry (entries, agreement.signed_on, g_strdup (signed_text (agreement.status)));
  pairings_agreement_clear (&agreement);

  if (outcome == PAIRINGS_OUTCOME_ENDED_EARLY && *reason != '\0')
    add_entry (end, updated, g_strdup_printf (_("Ended early: %s"), reason));
  else if (outcome != PAIRINGS_OUTCOME_ACTIVE)
    add_entry (end, updated, g_strdup (pairings_outcome_get_label (outcome)));
  return TRUE;
}

/* Phrases inside a sentence, lower case where the language wants it. */
static const char * const check_in_phrases[] = { N_("on track"), N_("needs attention"), N_("no contact") };
static const char * const reporter_phrases[] = { N_("mentor"), N_("mentee"), N_("committee") };

static gboolean
timeline_rows (PairingsStore  *store,
               gint64          pair_id,
               GPtrArray      *entries,
               GError        **error)
{
  g_autoptr(GPtrArray) check_ins = pairings_followup_list_check_ins (store, pair_id, error);
  g_autoptr(GPtrArray) goals = NULL;

  if (check_ins == NULL)
    return FALSE;
  for (guint i = check_ins->len; i > 0; i--)
    {
      PairingsCheckIn *check_in = g_ptr_array_index (check_ins, i - 1);

      /* TRANSLATORS: a check-in in a pair's timeline: "Check-in: on track (mentee)" */
      add_entry (entries, check_in->date,
                 g_strdup_printf (_("Check-in: %s (%s)"), _(check_in_phrases[check_in->status]),
                                  _(reporter_phrases[check_in->reporter])));
    }

  goals = pairings_followup_list_goals (store, pair_id, error);
  if (goals == NULL)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      PairingsGoal *goal = g_ptr_array_index (goals, i);

      if (goal->status == PAIRINGS_GOAL_REACHED)
        add_entry (entries, goal->target_date, g_strdup_printf (_("Goal reached: %s"), goal->text));
    }
  return TRUE;
}

static gboolean
timeline_surveys (PairingsStore  *store,
                  gint64          pair_id,
                  GPtrArray      *entries,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* One entry per person and survey, not per question answered. */
  stmt = _pairings_store_prepare (store,
                                  "SELECT e.survey, min(e.submitted_at), a.name FROM evaluations e"
                                  " LEFT JOIN applications a ON a.id = e.application_id"
                                  " WHERE e.pair_id = ? AND e.submitted_at IS NOT NULL"
                                  " GROUP BY e.survey, e.application_id ORDER BY 2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean mid = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "mid") == 0;
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      char *text;

      if (name != NULL)
        text = g_strdup_printf (mid ? _("Mid-cycle survey answered by %s") : _("End-of-cycle survey answered by %s"),
                                name);
      else
        text = g_strdup (mid ? _("Mid-cycle survey answered") : _("End-of-cycle survey answered"));
      add_entry (entries, (const char *) sqlite3_column_text (stmt, 1), text);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
pairings_followup_timeline (PairingsStore  *store,
                            gint64          pair_id,
                            GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_timeline_entry_free);
  g_autoptr(GPtrArray) end = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_timeline_entry_free);

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  /* The end comes after the check-ins and goals, so that on its day it
   * is listed after them (the sort is stable). */
  if (!timeline_pair (store, pair_id, entries, end, error) ||
      !timeline_rows (store, pair_id, entries, error))
    return NULL;
  g_ptr_array_extend_and_steal (entries, g_steal_pointer (&end));
  if (!timeline_surveys (store, pair_id, entries, error))
    return NULL;
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

/* Changes ------------------------------------------------------------------------- */

typedef struct
{
  gint64                   pair_id;
  const PairingsAgreement *agreement;
} AgreementData;

static gboolean
do_set_agreement (PairingsStore *store,
                  gpointer       data,
                  GError       **error)
{
  AgreementData *d = data;
  const PairingsAgreement *a = d->agreement;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO agreements (pair_id, status, sent_on, signed_on, frequency_days, mode,"
                                  " contact, expectations, confidentiality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                  " ON CONFLICT (pair_id) DO UPDATE SET status = excluded.status,"
                                  " sent_on = excluded.sent_on, signed_on = excluded.signed_on,"
                                  " frequency_days = excluded.frequency_days, mode = excluded.mode,"
                                  " contact = excluded.contact, expectations = excluded.expectations,"
                                  " confidentiality = excluded.confidentiality",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->pair_id);
  _pairings_store_bind_text (stmt, 2, pairings_agreement_status_to_string (a->status));
  _pairings_store_bind_text (stmt, 3, nonempty (a->sent_on));
  _pairings_store_bind_text (stmt, 4, nonempty (a->signed_on));
  if (a->frequency_days > 0)
    sqlite3_bind_int (stmt, 5, a->frequency_days);
  _pairings_store_bind_text (stmt, 6, pairings_meeting_mode_to_string (a->mode));
  _pairings_store_bind_text (stmt, 7, a->contact ? a->contact : "");
  _pairings_store_bind_text (stmt, 8, a->expectations ? a->expectations : "");
  sqlite3_bind_int (stmt, 9, a->confidentiality ? 1 : 0);
  return _pairings_store_step_done (store, stmt, error);
}

static gboolean
check_agreement (const PairingsAgreement  *a,
                 GError                  **error)
{
  if ((guint) a->status >= PAIRINGS_N_AGREEMENT_STATUSES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The agreement status (%d) is not one of the known ones"), (int) a->status);
      return FALSE;
    }
  if ((guint) a->mode >= PAIRINGS_N_MEETING_MODES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The meeting mode (%d) is not one of the known ones"), (int) a->mode);
      return FALSE;
    }
  if (a->frequency_days < 0 || a->frequency_days > MAX_DAYS)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The meeting frequency must be from 1 to %d days (0: not agreed), not %d"),
                   MAX_DAYS, a->frequency_days);
      return FALSE;
    }
  if (!optional_date_ok (a->sent_on))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The date the agreement was sent, “%s”, is not a real date (expected YYYY-MM-DD)"), a->sent_on);
      return FALSE;
    }
  if (!optional_date_ok (a->signed_on))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The date the agreement was signed, “%s”, is not a real date (expected YYYY-MM-DD)"),
                   a->signed_on);
      return FALSE;
    }
  if (!check_text (a->contact, _("The preferred contact is not valid text"), error) ||
      !check_text (a->expectations, _("The expectations are not valid text"), error))
    return FALSE;
  if (nonempty (a->sent_on) && nonempty (a->signed_on) && strcmp (a->signed_on, a->sent_on) < 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The agreement cannot be signed (%s) before it was sent (%s)"), a->signed_on, a->sent_on);
      return FALSE;
    }
  return TRUE;
}

gboolean
pairings_followup_set_agreement (PairingsStore            *store,
                                 gint64                    pair_id,
                                 const PairingsAgreement  *agreement,
                                 GError                  **error)
{
  AgreementData data = { pair_id, agreement };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (agreement != NULL, FALSE);

  return check_agreement (agreement, error) &&
         run_change (store, pair_id, do_set_agreement, &data, error);
}

/* A goal's text, trimmed; NULL with an error when there is none. */
static char *
goal_text (const char  *text,
           GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    trimmed = g_strstrip (g_strdup (text));
  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                           _("The goal needs a text"));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

typedef struct
{
  gint64              pair_id;
  gint64              goal_id;   /* 0: a new goal, whose id is set here */
  const char         *text;
  const char         *target_date;
  PairingsGoalStatus  status;
} GoalData;

static gboolean
do_add_goal (PairingsStore *store,
             gpointer       data,
             GError       **error)
{
  GoalData *d = data;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO goals (pair_id, text, target_date, status, position) VALUES (?1, ?2, ?3,"
                                  " 'open', (SELECT coalesce(max(position) + 1, 0) FROM goals WHERE pair_id = ?1))",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->pair_id);
  _pairings_store_bind_text (stmt, 2, d->text);
  _pairings_store_bind_text (stmt, 3, nonempty (d->target_date));
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;
  d->goal_id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  return TRUE;
}

static gboolean
check_goal (const char  *text,
            const char  *target_date,
            char       **trimmed,
            GError     **error)
{
  if (!optional_date_ok (target_date))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The goal's target date “%s” is not a real date (expected YYYY-MM-DD)"), target_date);
      return FALSE;
    }
  *trimmed = goal_text (text, error);
  return *trimmed != NULL;
}

gint64
pairings_followup_add_goal (PairingsStore  *store,
                            gint64          pair_id,
                            const char     *text,
                            const char     *target_date,
                            GError        **error)
{
  g_autofree char *trimmed = NULL;
  GoalData data = { pair_id, 0, NULL, target_date, PAIRINGS_GOAL_OPEN };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), 0);

  if (!check_goal (text, target_date, &trimmed, error))
    return 0;
  data.text = trimmed;
  if (!run_change (store, pair_id, do_add_goal, &data, error))
    return 0;
  return data.goal_id;
}

static gboolean
do_update_goal (PairingsStore *store,
                gpointer       data,
                GError       **error)
{
  GoalData *d = data;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store, "UPDATE goals SET text = ?, target_date = ?, status = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, d->text);
  _pairings_store_bind_text (stmt, 2, nonempty (d->target_date));
  _pairings_store_bind_text (stmt, 3, pairings_goal_status_to_string (d->status));
  sqlite3_bind_int64 (stmt, 4, d->goal_id);
  return _pairings_store_step_done (store, stmt, error);
}

static gint64
goal_pair (PairingsStore  *store,
           gint64          goal_id,
           GError        **error)
{
  gint64 pair_id = query_id (store, "SELECT pair_id FROM goals WHERE id = ?", goal_id);

  if (pair_id == 0)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The goal no longer exists"));
  return pair_id;
}

gboolean
pairings_followup_update_goal (PairingsStore       *store,
                               gint64               goal_id,
                               const char          *text,
                               const char          *target_date,
                               PairingsGoalStatus   status,
                               GError             **error)
{
  g_autofree char *trimmed = NULL;
  GoalData data = { 0, goal_id, NULL, target_date, status };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if ((guint) status >= PAIRINGS_N_GOAL_STATUSES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The goal status (%d) is not one of the known ones"), (int) status);
      return FALSE;
    }
  if (!check_goal (text, target_date, &trimmed, error))
    return FALSE;
  data.text = trimmed;
  data.pair_id = goal_pair (store, goal_id, error);
  return data.pair_id != 0 && run_change (store, data.pair_id, do_update_goal, &data, error);
}

static gboolean
do_remove_goal (PairingsStore *store,
                gpointer       data,
                GError       **error)
{
  GoalData *d = data;
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "DELETE FROM goals WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->goal_id);
  return _pairings_store_step_done (store, stmt, error);
}

gboolean
pairings_followup_remove_goal (PairingsStore  *store,
                               gint64          goal_id,
                               GError        **error)
{
  GoalData data = { 0, goal_id, NULL, NULL, PAIRINGS_GOAL_OPEN };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  data.pair_id = goal_pair (store, goal_id, error);
  return data.pair_id != 0 && run_change (store, data.pair_id, do_remove_goal, &data, error);
}

typedef struct
{
  gint64                 pair_id;
  gint64                 check_in_id;   /* set here for a new one */
  const char            *date;
  PairingsReporter       reporter;
  PairingsCheckInStatus  status;
  const char            *note;
} CheckInData;

static gboolean
do_add_check_in (PairingsStore *store,
                 gpointer       data,
                 GError       **error)
{
  CheckInData *d = data;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO check_ins (pair_id, date, reporter, status, note)"
                                  " VALUES (?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->pair_id);
  _pairings_store_bind_text (stmt, 2, d->date);
  _pairings_store_bind_text (stmt, 3, pairings_reporter_to_string (d->reporter));
  _pairings_store_bind_text (stmt, 4, pairings_check_in_status_to_string (d->status));
  _pairings_store_bind_text (stmt, 5, d->note ? d->note : "");
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;
  d->check_in_id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  return TRUE;
}

gint64
pairings_followup_add_check_in (PairingsStore          *store,
                                gint64                  pair_id,
                                const char             *date,
                                PairingsReporter        reporter,
                                PairingsCheckInStatus   status,
                                const char             *note,
                                const char             *today,
                                GError                **error)
{
  CheckInData data = { pair_id, 0, date, reporter, status, note };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), 0);

  if (!pairings_date_is_valid (date))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The check-in date “%s” is not a real date (expected YYYY-MM-DD)"), date ? date : "");
      return 0;
    }
  if (!check_today (today, error))
    return 0;
  if (strcmp (date, today) > 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The check-in date %s is after today (%s): a check-in reports what happened"), date, today);
      return 0;
    }
  if ((guint) reporter >= PAIRINGS_N_REPORTERS)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The check-in's reporter (%d) is not one of the known ones"), (int) reporter);
      return 0;
    }
  if ((guint) status >= PAIRINGS_N_CHECK_IN_STATUSES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The check-in status (%d) is not one of the known ones"), (int) status);
      return 0;
    }
  if (!check_text (note, _("The check-in note is not valid text"), error) ||
      !run_change (store, pair_id, do_add_check_in, &data, error))
    return 0;
  return data.check_in_id;
}

static gboolean
do_remove_check_in (PairingsStore *store,
                    gpointer       data,
                    GError       **error)
{
  CheckInData *d = data;
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "DELETE FROM check_ins WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->check_in_id);
  return _pairings_store_step_done (store, stmt, error);
}

gboolean
pairings_followup_remove_check_in (PairingsStore  *store,
                                   gint64          check_in_id,
                                   GError        **error)
{
  CheckInData data = { 0, check_in_id, NULL, 0, 0, NULL };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  data.pair_id = query_id (store, "SELECT pair_id FROM check_ins WHERE id = ?", check_in_id);
  if (data.pair_id == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The check-in no longer exists"));
      return FALSE;
    }
  return run_change (store, data.pair_id, do_remove_check_in, &data, error);
}

/* Ending and continuing --------------------------------------------------------------- */

typedef struct
{
  gint64           pair_id;
  PairingsOutcome  outcome;
  const char      *reason;
} EndData;

/* The cohort a continuing pair went on in, while that pair is there. */
static char *
continued_in (PairingsStore *store,
              gint64         pair_id)
{
  return query_text (store,
                     "SELECT c.name FROM pairs p JOIN cohorts c ON c.id = p.cohort_id WHERE p.continues_from = ?"
                     " ORDER BY p.id LIMIT 1",
                     pair_id);
}

static gboolean
do_end (PairingsStore *store,
        gpointer       data,
        GError       **error)
{
  EndData *d = data;
  g_autofree char *next = continued_in (store, d->pair_id);
  sqlite3_stmt *stmt;

  /* Ending it here would leave a pair there that continues nothing. */
  if (next != NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("This pair continues in %s: undo that, or dissolve the pair there, first"), next);
      return FALSE;
    }
  stmt = _pairings_store_prepare (store,
                                  "UPDATE pairs SET outcome = ?, end_reason = ?,"
                                  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, pairings_outcome_to_string (d->outcome));
  _pairings_store_bind_text (stmt, 2, d->reason);
  sqlite3_bind_int64 (stmt, 3, d->pair_id);
  return _pairings_store_step_done (store, stmt, error);
}

gboolean
pairings_followup_end (PairingsStore    *store,
                       gint64            pair_id,
                       PairingsOutcome   outcome,
                       const char       *reason,
                       GError          **error)
{
  g_autofree char *trimmed = NULL;
  EndData data = { pair_id, outcome, NULL };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if ((guint) outcome >= PAIRINGS_N_OUTCOMES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The outcome (%d) is not one of the known ones"), (int) outcome);
      return FALSE;
    }
  if (outcome == PAIRINGS_OUTCOME_CONTINUES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("A pair continues into the next cohort with Continue, which also proposes it there"));
      return FALSE;
    }
  if (!check_text (reason, _("The reason is not valid text"), error))
    return FALSE;
  if (outcome != PAIRINGS_OUTCOME_ACTIVE && reason != NULL)
    trimmed = g_strstrip (g_strdup (reason));
  if (outcome == PAIRINGS_OUTCOME_ENDED_EARLY && (trimmed == NULL || *trimmed == '\0'))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("Give the reason the pair ended early"));
      return FALSE;
    }
  data.reason = trimmed ? trimmed : "";
  return run_change (store, pair_id, do_end, &data, error);
}

typedef struct
{
  gint64   pair_id;
  gint64   cohort_id;
  gint64   mentor_id;
  gint64   mentee_id;
  char    *cohort_name;
  char    *programme_name;
  char    *mentee_name;
  gint64   next_id;
  char    *next_name;
  gint64   new_pair_id;
  GString *created_applications;
  char    *created_pair;
} ContinueData;

static void
continue_data_clear (ContinueData *d)
{
  g_free (d->cohort_name);
  g_free (d->programme_name);
  g_free (d->mentee_name);
  g_free (d->next_name);
  if (d->created_applications != NULL)
    g_string_free (d->created_applications, TRUE);
  g_free (d->created_pair);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContinueData, continue_data_clear)

static gboolean
read_continuing_pair (PairingsStore  *store,
                      ContinueData   *d,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT p.cohort_id, p.mentor_application_id, p.mentee_application_id, c.name,"
                                  " g.name, e.name FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                                  " JOIN programmes g ON g.id = c.programme_id"
                                  " JOIN applications e ON e.id = p.mentee_application_id WHERE p.id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->pair_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->cohort_id = sqlite3_column_int64 (stmt, 0);
      d->mentor_id = sqlite3_column_int64 (stmt, 1);
      d->mentee_id = sqlite3_column_int64 (stmt, 2);
      d->cohort_name = column_dup_nonnull (stmt, 3);
      d->programme_name = column_dup_nonnull (stmt, 4);
      d->mentee_name = column_dup_nonnull (stmt, 5);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The pair no longer exists"));
  return found;
}

/* The programme's cohort after @d's: by the opening of the call, or, when
 * either has no date, by creation (ids only grow). */
static gboolean
find_next_cohort (PairingsStore  *store,
                  ContinueData   *d,
                  GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT n.id, n.name FROM cohorts c JOIN cohorts n ON n.programme_id = c.programme_id"
                                  " AND n.id <> c.id WHERE c.id = ? AND CASE"
                                  " WHEN c.call_opens IS NOT NULL AND n.call_opens IS NOT NULL"
                                  " THEN n.call_opens > c.call_opens ELSE n.id > c.id END"
                                  " ORDER BY n.call_opens IS NULL, n.call_opens, n.id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->cohort_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->next_id = sqlite3_column_int64 (stmt, 0);
      d->next_name = column_dup_nonnull (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (d->next_id == 0)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                 _("%s has no cohort after %s yet: create the next cohort first, then continue the pair"),
                 d->programme_name, d->cohort_name);
  return d->next_id != 0;
}

/* The person's application in the same role in the next cohort: theirs if
 * they applied, else a copy of this one, accepted. The copy leaves the
 * confidential answers behind: they were given for one round, and the
 * person can give them again when they apply. Returns 0 on error. */
static gint64
next_application (PairingsStore  *store,
                  ContinueData   *d,
                  gint64          application_id,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _pairings_store_prepare (store,
                                  "SELECT b.id FROM applications a JOIN applications b ON b.person_id = a.person_id"
                                  " AND b.role = a.role AND b.cohort_id = ?2 WHERE a.id = ?1",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application_id);
  sqlite3_bind_int64 (stmt, 2, d->next_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id != 0)
    return id;

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO applications (cohort_id, person_id, role, status, name, institution,"
                                  " experiment, department, location, timezone, languages, career_stage,"
                                  " career_stage_raw, mentoring_types, capacity, motivation, submitted_at, answers)"
                                  " SELECT ?2, person_id, role, 'accepted', name, institution, experiment, department,"
                                  " location, timezone, languages, career_stage, career_stage_raw, mentoring_types,"
                                  " capacity, motivation, submitted_at, answers FROM applications WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application_id);
  sqlite3_bind_int64 (stmt, 2, d->next_id);
  if (!_pairings_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  {
    g_autofree char *row = query_text (store, "SELECT " APPLICATION_ROW " FROM applications WHERE id = ?", id);

    g_string_append_printf (d->created_applications, "%s%s", d->created_applications->len > 1 ? "," : "", row);
  }
  return id;
}

static gboolean
do_continue (PairingsStore  *store,
             ContinueData   *d,
             GError        **error)
{
  g_autofree char *already = continued_in (store, d->pair_id);
  g_autoptr(GError) local_error = NULL;
  gint64 mentor_id, mentee_id;
  sqlite3_stmt *stmt;

  if (already != NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("This pair already continues in %s"), already);
      return FALSE;
    }
  if (!read_continuing_pair (store, d, error) || !find_next_cohort (store, d, error))
    return FALSE;
  d->created_applications = g_string_new ("[");
  mentor_id = next_application (store, d, d->mentor_id, error);
  if (mentor_id == 0)
    return FALSE;
  mentee_id = next_application (store, d, d->mentee_id, error);
  if (mentee_id == 0)
    return FALSE;
  g_string_append_c (d->created_applications, ']');

  if (query_id (store, "SELECT count(*) FROM pairs WHERE mentee_application_id = ? AND stage <> 'set_aside'",
                mentee_id) > 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("%s already has a mentor in %s"), d->mentee_name, d->next_name);
      return FALSE;
    }

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage,"
                                  " position, locked, continues_from) VALUES (?1, ?2, ?3, 'suggested',"
                                  " (SELECT coalesce(max(position) + 1, 0) FROM pairs WHERE cohort_id = ?1"
                                  " AND stage = 'suggested'), 1, ?4)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->next_id);
  sqlite3_bind_int64 (stmt, 2, mentor_id);
  sqlite3_bind_int64 (stmt, 3, mentee_id);
  sqlite3_bind_int64 (stmt, 4, d->pair_id);
  if (!_pairings_store_step_done (store, stmt, &local_error))
    {
      /* The same two, set aside on that board: the committee decides there. */
      if (g_error_matches (local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS))
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                     _("This pair is already on the board of %s, set aside"), d->next_name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  d->new_pair_id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  d->created_pair = query_text (store, "SELECT " PAIR_ROW " FROM pairs WHERE id = ?", d->new_pair_id);

  stmt = _pairings_store_prepare (store,
                                  "UPDATE pairs SET outcome = 'continues', end_reason = '',"
                                  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->pair_id);
  return _pairings_store_step_done (store, stmt, error);
}

gint64
pairings_followup_continue (PairingsStore  *store,
                            gint64          pair_id,
                            GError        **error)
{
  g_auto(ContinueData) data = { .pair_id = pair_id };
  g_autofree char *before = NULL;
  g_autofree char *created = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), 0);

  if (!_pairings_store_begin (store, error))
    return 0;
  if (!check_announced (store, pair_id, error) ||
      (before = _pairings_followup_snapshot (store, &pair_id, 1, error)) == NULL ||
      !do_continue (store, &data, error))
    goto failed;
  created = g_strdup_printf ("{\"pairs\":[%s],\"applications\":%s}", data.created_pair,
                             data.created_applications->str);
  if (log_followup (store, before, &pair_id, 1, created, error) && _pairings_store_commit (store, error))
    return data.new_pair_id;

failed:
  _pairings_store_rollback (store);
  return 0;
}

/* The agreement to sign ------------------------------------------------------------- */

/* The built-in texts go with the agreement's language, not the interface's,
 * so they are not messages for gettext. */
static const char template_en[] =
  "Mentoring agreement\n"
  "{programme}, {cohort}\n"
  "\n"
  "Mentor: {mentor} <{mentor_email}>\n"
  "Mentee: {mentee} <{mentee_email}>\n"
  "\n"
  "Welcome to the programme. This agreement is a starting point for your conversations, not a contract: "
  "it records what you both expect, and you can change it together whenever you need to.\n"
  "\n"
  "Our mentorship runs from {start} to {end}.\n"
  "\n"
  "How often we meet: {frequency}\n"
  "How we meet: {mode}\n"
  "How we reach each other: {contact}\n"
  "\n"
  "What we expect of each other:\n"
  "{expectations}\n"
  "\n"
  "The mentee sets the goals and the pace. The mentor listens, shares experience and asks questions, "
  "and leaves the decisions to the mentee.\n"
  "\n"
  "Confidentiality: what we talk about stays between us, unless we both agree otherwise or someone's "
  "safety is at stake.\n"
  "\n"
  "Either of us may end the mentorship at any time, without giving a reason, by telling the other and "
  "the programme committee. The committee is there to help if anything gets in the way.\n"
  "\n"
  "Mentor: ______________________  Date: __________\n"
  "\n"
  "Mentee: ______________________  Date: __________\n";

/* French typography: a no-break space before : ; ? ! */
static const char template_fr[] =
  "Accord de mentorat\n"
  "{programme}, {cohort}\n"
  "\n"
  "Mentor" NBSP ": {mentor} <{mentor_email}>\n"
  "Mentoré·e" NBSP ": {mentee} <{mentee_email}>\n"
  "\n"
  "Bienvenue dans le programme. Cet accord n’est pas un contrat mais un point de départ pour vos échanges" NBSP ": "
  "il rassemble ce que vous attendez l’un·e de l’autre, et vous pouvez le modifier ensemble à tout moment.\n"
  "\n"
  "Notre mentorat se déroule du {start} au {end}.\n"
  "\n"
  "Fréquence des rencontres" NBSP ": {frequency}\n"
  "Format des rencontres" NBSP ": {mode}\n"
  "Comment nous joindre" NBSP ": {contact}\n"
  "\n"
  "Nos attentes mutuelles" NBSP ":\n"
  "{expectations}\n"
  "\n"
  "La personne mentorée fixe les objectifs et le rythme. Le mentor écoute, partage son expérience et pose "
  "des questions" NBSP "; les décisions restent celles de la personne mentorée.\n"
  "\n"
  "Confidentialité" NBSP ": ce que nous nous disons reste entre nous, sauf si nous en convenons autrement "
  "ou si la sécurité de quelqu’un est en jeu.\n"
  "\n"
  "Chacun·e de nous peut mettre fin au mentorat à tout moment, sans avoir à se justifier, en prévenant "
  "l’autre et le comité du programme. Le comité est là pour aider en cas de difficulté.\n"
  "\n"
  "Mentor" NBSP ": ______________________  Date" NBSP ": __________\n"
  "\n"
  "Mentoré·e" NBSP ": ______________________  Date" NBSP ": __________\n";

typedef struct
{
  const char *code;
  const char *template;
  const char *to_be_agreed;
  const char *modes[PAIRINGS_N_MEETING_MODES];
  const char *months[12];
  const char *first_day;        /* "1er" in French */
  const char *daily, *weekly, *fortnightly, *monthly;
  const char *every_weeks;      /* %d ≥ 3 */
  const char *every_days;       /* %d ≥ 2 */
} Language;

static const Language languages[] = {
  {
    "en", template_en, "to be agreed",
    { NULL, "virtual", "in person", "mixed (in person and virtual)" },
    { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December" },
    "1", "every day", "every week", "every two weeks", "every month", "every %d weeks", "every %d days",
  },
  {
    "fr", template_fr, "à convenir",
    { NULL, "à distance", "en personne", "mixte (en personne et à distance)" },
    { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre" },
    "1er", "chaque jour", "chaque semaine", "toutes les deux semaines", "chaque mois",
    "toutes les %d semaines", "tous les %d jours",
  },
};

static const Language *
find_language (const char  *code,
               GError     **error)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      return &languages[i];
  g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
               _("The agreement's language must be “en” or “fr”, not “%s”"), code ? code : "");
  return NULL;
}

const char *
pairings_followup_default_template (const char *language)
{
  const Language *lang = find_language (language, NULL);

  return lang ? lang->template : NULL;
}

static char *
frequency_words (const Language *lang,
                 int             days)
{
  if (days <= 0)
    return g_strdup (lang->to_be_agreed);
  if (days == 1)
    return g_strdup (lang->daily);
  if (days == 7)
    return g_strdup (lang->weekly);
  if (days == 14)
    return g_strdup (lang->fortnightly);
  if (days == 30 || days == 31)
    return g_strdup (lang->monthly);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (days % 7 == 0)
    return g_strdup_printf (lang->every_weeks, days / 7);
  return g_strdup_printf (lang->every_days, days);
#pragma GCC diagnostic pop
}

/* "10 April 2025", "1er avril 2025"; the words for an unset date. */
static char *
date_words (const Language *lang,
            const char     *iso)
{
  GDate date;

  if (!parse_date (iso, &date))
    return g_strdup (lang->to_be_agreed);
  if (g_date_get_day (&date) == 1)
    return g_strdup_printf ("%s %s %u", lang->first_day, lang->months[g_date_get_month (&date) - 1],
                            g_date_get_year (&date));
  return g_strdup_printf ("%u %s %u", g_date_get_day (&date), lang->months[g_date_get_month (&date) - 1],
                          g_date_get_year (&date));
}

/* Replaces every {name} that @values (name, value, …, NULL) knows. */
static char *
fill_in (const char         *template,
         const char * const *values)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      gboolean replaced = FALSE;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open + 1, '}');
      for (guint i = 0; close != NULL && values[i] != NULL; i += 2)
        if ((gsize) (close - open - 1) == strlen (values[i]) && strncmp (open + 1, values[i], close - open - 1) == 0)
          {
            g_string_append (out, values[i + 1]);
            replaced = TRUE;
            break;
          }
      if (replaced)
        p = close + 1;
      else
        {
          g_string_append_c (out, '{');
          p = open + 1;
        }
    }
  return g_string_free (out, FALSE);
}

char *
pairings_followup_get_template (PairingsStore  *store,
                                gint64          programme_id,
                                const char     *language,
                                GError        **error)
{
  const Language *lang = find_language (language, error);
  sqlite3_stmt *stmt;
  char *text = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (lang == NULL)
    return NULL;
  stmt = _pairings_store_prepare (store,
                                  "SELECT json_extract(settings, '$.agreement_template.' || ?2) FROM programmes"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, programme_id);
  _pairings_store_bind_text (stmt, 2, lang->code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        text = column_dup (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The programme no longer exists"));
      return NULL;
    }
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      text = g_strdup (lang->template);
    }
  return text;
}

gboolean
pairings_followup_set_template (PairingsStore  *store,
                                gint64          programme_id,
                                const char     *language,
                                const char     *text,
                                GError        **error)
{
  const Language *lang = find_language (language, error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (lang == NULL || !check_text (text, _("The agreement template is not valid text"), error))
    return FALSE;
  text = nonempty (text);

  if (!_pairings_store_begin (store, error))
    return FALSE;
  if (query_id (store, "SELECT count(*) FROM programmes WHERE id = ?", programme_id) == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The programme no longer exists"));
      goto failed;
    }
  before = query_text (store, "SELECT json_extract(settings, '$.agreement_template') FROM programmes WHERE id = ?",
                       programme_id);
  stmt = _pairings_store_prepare (store,
                                  "UPDATE programmes SET settings = CASE WHEN ?3 IS NULL"
                                  " THEN json_remove(settings, '$.agreement_template.' || ?2)"
                                  " ELSE json_set(settings, '$.agreement_template',"
                                  "   json_set(coalesce(json_extract(settings, '$.agreement_template'), '{}'),"
                                  "     '$.' || ?2, ?3)) END"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, programme_id);
  _pairings_store_bind_text (stmt, 2, lang->code);
  _pairings_store_bind_text (stmt, 3, text);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;
  after = query_text (store, "SELECT json_extract(settings, '$.agreement_template') FROM programmes WHERE id = ?",
                      programme_id);
  if (_pairings_store_log_event (store, "update", "agreement_template", programme_id, before, after, error) &&
      _pairings_store_commit (store, error))
    return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* The agreement of @followup, the pair @pair_id, in @lang. */
static char *
agreement_text (PairingsStore           *store,
                gint64                   pair_id,
                const Language          *lang,
                const PairingsFollowUp  *followup,
                GError                 **error)
{
  g_autofree char *template = NULL;
  g_autofree char *programme = NULL, *cohort = NULL, *kick_off = NULL, *ends = NULL;
  g_autofree char *frequency = NULL, *start = NULL, *end = NULL;
  gint64 programme_id = 0;
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT g.id, g.name, c.name, coalesce(c.kick_off, c.announcement), c.ends"
                                  " FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                                  " JOIN programmes g ON g.id = c.programme_id WHERE p.id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      programme_id = sqlite3_column_int64 (stmt, 0);
      programme = column_dup_nonnull (stmt, 1);
      cohort = column_dup_nonnull (stmt, 2);
      kick_off = column_dup (stmt, 3);
      ends = column_dup (stmt, 4);
    }
  sqlite3_reset (stmt);

  template = pairings_followup_get_template (store, programme_id, lang->code, error);
  if (template == NULL)
    return NULL;
  frequency = frequency_words (lang, followup->agreement.frequency_days);
  start = date_words (lang, kick_off);
  end = date_words (lang, ends);
  {
    const PairingsAgreement *a = &followup->agreement;
    const char *values[] = {
      "mentor", followup->mentor_name,
      "mentee", followup->mentee_name,
      "mentor_email", followup->mentor_email,
      "mentee_email", followup->mentee_email,
      "programme", programme,
      "cohort", cohort,
      "frequency", frequency,
      "mode", a->mode != PAIRINGS_MEETING_UNSET ? lang->modes[a->mode] : lang->to_be_agreed,
      "contact", *a->contact ? a->contact : lang->to_be_agreed,
      "expectations", *a->expectations ? a->expectations : lang->to_be_agreed,
      "start", start,
      "end", end,
      NULL,
    };

    return fill_in (template, values);
  }
}

char *
pairings_followup_agreement_text (PairingsStore  *store,
                                  gint64          pair_id,
                                  const char     *language,
                                  GError        **error)
{
  const Language *lang = find_language (language, error);
  PairingsFollowUp *followup;
  char *text;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (lang == NULL)
    return NULL;
  /* Any day will do: only the agreement and the names are used. */
  followup = pairings_followup_get (store, pair_id, "2000-01-01", error);
  if (followup == NULL)
    return NULL;
  text = agreement_text (store, pair_id, lang, followup, error);
  pairings_followup_free (followup);
  return text;
}

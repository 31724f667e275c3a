/* pairings-review.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change here is one event with the row as it was and as it became,
 * which is all undo and redo need.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pairings-board.h"
#include "pairings-evaluation-import.h"
#include "pairings-followup.h"
#include "pairings-import.h"
#include "pairings-matcher.h"
#include "pairings-review.h"
#include "pairings-store-private.h"

static const char review_json[] =
  "SELECT json_object('application_id', application_id, 'reviewer', reviewer, 'score', score,"
  " 'note', note, 'recused', recused) FROM reviews WHERE application_id = ? AND reviewer = ?";

static char *
review_row (PairingsStore *store,
            gint64         application_id,
            const char    *reviewer)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, review_json, NULL);
  char *json = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, application_id);
  _pairings_store_bind_text (stmt, 2, reviewer);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return json;
}

static gboolean
check_reviewer (const char  *reviewer,
                GError     **error)
{
  if (reviewer == NULL || *reviewer == '\0' || !g_utf8_validate (reviewer, -1, NULL))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("Set your reviewer name in the Preferences first"));
      return FALSE;
    }
  return TRUE;
}

/* Writes a review (both fields given, or only the recusal) and logs it. */
static gboolean
write_review (PairingsStore  *store,
              gint64          application_id,
              const char     *reviewer,
              const char     *sql,
              int             score,
              const char     *note,
              int             recused,
              GError        **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  if (!check_reviewer (reviewer, error) || !_pairings_store_begin (store, error))
    return FALSE;

  before = review_row (store, application_id, reviewer);
  stmt = _pairings_store_prepare (store, sql, &local_error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, application_id);
  _pairings_store_bind_text (stmt, 2, reviewer);
  if (score > 0)
    sqlite3_bind_int (stmt, 3, score);
  _pairings_store_bind_text (stmt, 4, note ? note : "");
  sqlite3_bind_int (stmt, 5, recused);
  if (!_pairings_store_step_done (store, stmt, &local_error))
    goto failed;

  after = review_row (store, application_id, reviewer);
  if (!_pairings_store_log_event (store, "review", "application", application_id, before, after,
                                  &local_error) ||
      !_pairings_store_commit (store, &local_error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  if (g_error_matches (local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("The application no longer exists"));
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
pairings_review_set (PairingsStore  *store,
                     gint64          application_id,
                     const char     *reviewer,
                     int             score,
                     const char     *note,
                     GError        **error)
{
  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (score < 0 || score > 5)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("A score is from 1 to 5, not %d"), score);
      return FALSE;
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The note is not valid text"));
      return FALSE;
    }

  return write_review (store, application_id, reviewer,
                       "INSERT INTO reviews (application_id, reviewer, score, note, recused)"
                       " VALUES (?1, ?2, ?3, ?4, 0)"
                       " ON CONFLICT (application_id, reviewer) DO UPDATE SET score = ?3, note = ?4,"
                       " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                       score, note, 0, error);
}

gboolean
pairings_review_recuse (PairingsStore  *store,
                        gint64          application_id,
                        const char     *reviewer,
                        gboolean        recused,
                        GError        **error)
{
  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  return write_review (store, application_id, reviewer,
                       "INSERT INTO reviews (application_id, reviewer, note, recused)"
                       " VALUES (?1, ?2, ?4, ?5)"
                       " ON CONFLICT (application_id, reviewer) DO UPDATE SET recused = ?5,"
                       " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                       0, "", recused ? 1 : 0, error);
}

static char *
statuses_json (PairingsStore *store,
               const char    *ids_json)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store,
                                                "SELECT json_group_array(json_object('id', a.id,"
                                                " 'status', a.status)) FROM applications a"
                                                " WHERE a.id IN (SELECT value FROM json_each(?))",
                                                NULL);
  char *json = NULL;

  if (stmt == NULL)
    return NULL;
  _pairings_store_bind_text (stmt, 1, ids_json);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return json;
}

static gboolean
restore_statuses (PairingsStore  *store,
                  const char     *json,
                  GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store,
                                                "UPDATE applications SET status = json_extract(j.value, '$.status'),"
                                                " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                                " FROM json_each(?) j WHERE applications.id = json_extract(j.value, '$.id')",
                                                error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, json);
  return _pairings_store_step_done (store, stmt, error);
}

gboolean
pairings_review_set_status (PairingsStore  *store,
                            const gint64   *ids,
                            guint           n_ids,
                            PairingsStatus  status,
                            GError        **error)
{
  g_autoptr(GString) ids_json = g_string_new ("[");
  g_autoptr(GString) after = g_string_new ("[");
  g_autofree char *before = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if ((guint) status >= PAIRINGS_N_STATUSES || n_ids == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("Choose the applications and a decision"));
      return FALSE;
    }
  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append_printf (ids_json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
      g_string_append_printf (after, "%s{\"id\":%" G_GINT64_FORMAT ",\"status\":\"%s\"}", i ? "," : "",
                              ids[i], pairings_status_to_string (status));
    }
  g_string_append_c (ids_json, ']');
  g_string_append_c (after, ']');

  if (!_pairings_store_begin (store, error))
    return FALSE;
  before = statuses_json (store, ids_json->str);

  stmt = _pairings_store_prepare (store,
                                  "SELECT count(*) FROM applications WHERE id IN (SELECT value FROM json_each(?))",
                                  error);
  if (stmt == NULL)
    goto failed;
  _pairings_store_bind_text (stmt, 1, ids_json->str);
  if (sqlite3_step (stmt) != SQLITE_ROW || (guint) sqlite3_column_int (stmt, 0) != n_ids)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("An application no longer exists"));
      goto failed;
    }
  sqlite3_reset (stmt);

  if (!restore_statuses (store, after->str, error) ||
      !_pairings_store_log_event (store, "status", "application", n_ids == 1 ? ids[0] : 0,
                                  before, after->str, error) ||
      !_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

static void
review_free (PairingsReview *review)
{
  g_free (review->reviewer);
  g_free (review->note);
  g_free (review);
}

GPtrArray *
pairings_review_list (PairingsStore  *store,
                      gint64          application_id,
                      GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) review_free);
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT reviewer, score, note, recused FROM reviews"
                                  " WHERE application_id = ? ORDER BY reviewer COLLATE NOCASE",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, application_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PairingsReview *review = g_new0 (PairingsReview, 1);

      review->reviewer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      review->score = sqlite3_column_int (stmt, 1);
      review->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      review->recused = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (list, review);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

gboolean
pairings_review_summary (PairingsStore *store,
                         gint64         application_id,
                         double        *mean,
                         double        *spread,
                         guint         *count)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT count(score), avg(score), avg(score * score) FROM reviews"
                                  " WHERE application_id = ? AND recused = 0 AND score IS NOT NULL",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, application_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    {
      double m = sqlite3_column_double (stmt, 1);
      double m2 = sqlite3_column_double (stmt, 2);

      *count = (guint) sqlite3_column_int (stmt, 0);
      *mean = m;
      *spread = sqrt (MAX (0.0, m2 - m * m));
      any = TRUE;
    }
  else
    {
      *count = 0;
      *mean = *spread = 0;
    }
  sqlite3_reset (stmt);
  return any;
}

GPtrArray *
pairings_review_extra_answers (PairingsStore  *store,
                               gint64          application_id,
                               GError        **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT j.key, j.value FROM applications a, json_each(a.answers) j"
                                  " WHERE a.id = ? ORDER BY j.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, application_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (pairs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (pairs, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&pairs);
}

GPtrArray *
pairings_review_history (PairingsStore  *store,
                         gint64          application_id,
                         GError        **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT c.name, b.role, b.status,"
                                  " (SELECT o.name || char(31) || p.outcome FROM pairs p"
                                  "   JOIN applications o ON o.id = CASE WHEN b.role = 'mentee'"
                                  "     THEN p.mentor_application_id ELSE p.mentee_application_id END"
                                  "   WHERE (p.mentee_application_id = b.id OR p.mentor_application_id = b.id)"
                                  "   AND p.stage = 'announced' LIMIT 1)"
                                  " FROM applications a JOIN applications b ON b.person_id = a.person_id AND b.id <> a.id"
                                  " JOIN cohorts c ON c.id = b.cohort_id WHERE a.id = ?"
                                  " ORDER BY c.call_opens, c.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, application_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PairingsRole role = PAIRINGS_ROLE_MENTEE;
      PairingsStatus status = PAIRINGS_STATUS_SUBMITTED;
      const char *pair = (const char *) sqlite3_column_text (stmt, 3);
      GString *line = g_string_new (NULL);

      pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &role);
      pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &status);
      g_string_append_printf (line, "%s · %s · %s", (const char *) sqlite3_column_text (stmt, 0),
                              pairings_role_get_label (role), pairings_status_get_label (status));
      if (pair != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (pair, "\x1f", 2);
          /* TRANSLATORS: in a person's history: the partner's name */
          g_string_append_printf (line, _(" · paired with %s"), parts[0]);
          if (parts[1] != NULL && g_strcmp0 (parts[1], "active") != 0)
            g_string_append_printf (line, " (%s)", g_str_equal (parts[1], "completed") ? _("completed")
                                                   : g_str_equal (parts[1], "continues") ? _("continues")
                                                   : _("ended early"));
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&lines);
}

GHashTable *
pairings_review_done_by (PairingsStore *store,
                         gint64         cohort_id,
                         const char    *reviewer)
{
  GHashTable *done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  if (reviewer == NULL || *reviewer == '\0')
    return done;
  stmt = _pairings_store_prepare (store,
                                  "SELECT r.application_id FROM reviews r JOIN applications a"
                                  " ON a.id = r.application_id WHERE a.cohort_id = ? AND r.reviewer = ?"
                                  " AND (r.score IS NOT NULL OR r.recused = 1)",
                                  NULL);
  if (stmt == NULL)
    return done;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  _pairings_store_bind_text (stmt, 2, reviewer);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (done, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  return done;
}

/* History ----------------------------------------------------------------------- */

#define UNDOABLE "('review', 'status', 'import', 'match', 'board', 'followup', 'evaluations')"

typedef struct
{
  gint64  id;
  char   *action;
  char   *before;
  char   *after;
} Event;

static void
event_clear (Event *event)
{
  g_free (event->action);
  g_free (event->before);
  g_free (event->after);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Event, event_clear)

static gboolean
find_event (PairingsStore *store,
            gboolean       undone,
            Event         *event)
{
  const char *sql = undone
    ? "SELECT id, action, before, after FROM events WHERE undone = 1 AND action IN " UNDOABLE
      " AND id > (SELECT coalesce(max(id), 0) FROM events WHERE undone = 0 AND action IN " UNDOABLE ")"
      " ORDER BY id LIMIT 1"
    : "SELECT id, action, before, after FROM events WHERE undone = 0 AND action IN " UNDOABLE
      " ORDER BY id DESC LIMIT 1";
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      event->id = sqlite3_column_int64 (stmt, 0);
      event->action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->before = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      event->after = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static char *
label_for (const char *action,
           gboolean    redo)
{
  if (g_str_equal (action, "review"))
    return g_strdup (redo ? _("Review redone") : _("Review undone"));
  if (g_str_equal (action, "status"))
    return g_strdup (redo ? _("Decision redone") : _("Decision undone"));
  if (g_str_equal (action, "import"))
    return g_strdup (_("Import undone"));
  if (g_str_equal (action, "board"))
    return g_strdup (redo ? _("Board change redone") : _("Board change undone"));
  if (g_str_equal (action, "followup"))
    return g_strdup (redo ? _("Follow-up change redone") : _("Follow-up change undone"));
  if (g_str_equal (action, "evaluations"))
    return g_strdup (redo ? _("Survey import redone") : _("Survey import undone"));
  return g_strdup (_("Suggested pairs taken back"));
}

gboolean
pairings_history_can_undo (PairingsStore  *store,
                           char          **label)
{
  g_auto(Event) event = { 0, };

  if (!find_event (store, FALSE, &event))
    return FALSE;
  if (label != NULL)
    *label = label_for (event.action, FALSE);
  return TRUE;
}

gboolean
pairings_history_can_redo (PairingsStore  *store,
                           char          **label)
{
  g_auto(Event) event = { 0, };

  /* Imports and suggestions are taken back, not replayed. */
  if (!find_event (store, TRUE, &event) ||
      (!g_str_equal (event.action, "review") && !g_str_equal (event.action, "status") &&
       !g_str_equal (event.action, "board") && !g_str_equal (event.action, "followup") &&
       !g_str_equal (event.action, "evaluations")))
    return FALSE;
  if (label != NULL)
    *label = label_for (event.action, TRUE);
  return TRUE;
}

/* Puts a review back as @json says, or removes it when @json is NULL and
 * @other names it. */
static gboolean
put_review (PairingsStore  *store,
            const char     *json,
            const char     *other,
            GError        **error)
{
  sqlite3_stmt *stmt;

  if (json == NULL)
    {
      stmt = _pairings_store_prepare (store,
                                      "DELETE FROM reviews WHERE application_id = json_extract(?1, '$.application_id')"
                                      " AND reviewer = json_extract(?1, '$.reviewer')",
                                      error);
      if (stmt == NULL)
        return FALSE;
      _pairings_store_bind_text (stmt, 1, other);
      return _pairings_store_step_done (store, stmt, error);
    }

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO reviews (application_id, reviewer, score, note, recused)"
                                  " VALUES (json_extract(?1, '$.application_id'), json_extract(?1, '$.reviewer'),"
                                  " json_extract(?1, '$.score'), json_extract(?1, '$.note'),"
                                  " json_extract(?1, '$.recused'))"
                                  " ON CONFLICT (application_id, reviewer) DO UPDATE SET"
                                  " score = excluded.score, note = excluded.note, recused = excluded.recused",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, json);
  return _pairings_store_step_done (store, stmt, error);
}

static gboolean
mark (PairingsStore  *store,
      gint64          id,
      gboolean        undone,
      GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "UPDATE events SET undone = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, undone ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  return _pairings_store_step_done (store, stmt, error);
}

static gboolean
replay (PairingsStore  *store,
        Event          *event,
        gboolean        redo,
        GError        **error)
{
  const char *to = redo ? event->after : event->before;
  const char *from = redo ? event->before : event->after;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  if ((g_str_equal (event->action, "review") ? put_review (store, to, from, error)
       : g_str_equal (event->action, "board") ? _pairings_board_replay (store, to, from, error)
       : g_str_equal (event->action, "followup") ? _pairings_followup_replay (store, to, from, error)
       : g_str_equal (event->action, "evaluations")
       ? _pairings_evaluation_import_replay (store, to, from, error)
       : restore_statuses (store, to, error)) &&
      mark (store, event->id, !redo, error) &&
      _pairings_store_commit (store, error))
    return TRUE;
  _pairings_store_rollback (store);
  return FALSE;
}

gboolean
pairings_history_undo (PairingsStore  *store,
                       GError        **error)
{
  g_auto(Event) event = { 0, };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (!find_event (store, FALSE, &event))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("Nothing to undo"));
      return FALSE;
    }
  if (g_str_equal (event.action, "import"))
    return pairings_import_undo (store, event.id, error);
  if (g_str_equal (event.action, "match"))
    return pairings_matcher_undo (store, event.id, error);
  return replay (store, &event, FALSE, error);
}

gboolean
pairings_history_redo (PairingsStore  *store,
                       GError        **error)
{
  g_auto(Event) event = { 0, };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (!pairings_history_can_redo (store, NULL) || !find_event (store, TRUE, &event))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("Nothing to redo"));
      return FALSE;
    }
  return replay (store, &event, TRUE, error);
}

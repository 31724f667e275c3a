/* pairings-store-applications.c: people and their applications
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pairings-application-private.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

gint64
_pairings_store_ensure_person (PairingsStore  *self,
                               const char     *email,
                               const char     *name,
                               GError        **error)
{
  g_autofree char *key = pairings_email_key (email);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (key == NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The e-mail address is empty"));
      return 0;
    }

  stmt = _pairings_store_prepare (self, "SELECT id FROM people WHERE email_key = ?", error);
  if (stmt == NULL)
    return 0;
  _pairings_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id != 0)
    return id;

  stmt = _pairings_store_prepare (self,
                                  "INSERT INTO people (email, email_key, name) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return 0;
  _pairings_store_bind_text (stmt, 1, email);
  _pairings_store_bind_text (stmt, 2, key);
  _pairings_store_bind_text (stmt, 3, name);
  if (!_pairings_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_pairings_store_get_db (self));
}

static gboolean
check_application (const PairingsApplicationData  *data,
                   GError                        **error)
{
  g_autofree char *name = NULL;

  if (data->name != NULL && g_utf8_validate (data->name, -1, NULL))
    name = g_strstrip (g_strdup (data->name));
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The application has no name"));
      return FALSE;
    }

  if (!pairings_email_is_plausible (data->email))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("“%s” is not an e-mail address"), data->email ? data->email : "");
      return FALSE;
    }

  if ((guint) data->role >= PAIRINGS_N_ROLES || (guint) data->status >= PAIRINGS_N_STATUSES ||
      (guint) data->career_stage >= PAIRINGS_N_CAREER_STAGES)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("The application’s role, status or career stage is unknown"));
      return FALSE;
    }

  if (data->capacity < 0 || data->capacity > 20)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("A mentor takes between 0 and 20 mentees, not %d"), data->capacity);
      return FALSE;
    }

  if (data->submitted_at != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (data->submitted_at, NULL);
      if (dt == NULL)
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                       _("“%s” is not a date and time such as 2025-03-31T14:05:00Z"),
                       data->submitted_at);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
insert_confidential (PairingsStore                  *self,
                     gint64                          application_id,
                     const PairingsApplicationData  *data,
                     GError                        **error)
{
  g_autofree char *groups = NULL;
  sqlite3_stmt *stmt;

  if ((data->pronouns == NULL || *data->pronouns == '\0') &&
      (data->identity_groups == NULL || data->identity_groups[0] == NULL))
    return TRUE;

  stmt = _pairings_store_prepare (self,
                                  "INSERT INTO confidential_answers"
                                  " (application_id, pronouns, identity_groups) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  groups = pairings_json_strv (data->identity_groups);
  sqlite3_bind_int64 (stmt, 1, application_id);
  _pairings_store_bind_text (stmt, 2, data->pronouns ? data->pronouns : "");
  _pairings_store_bind_text (stmt, 3, groups);

  return _pairings_store_step_done (self, stmt, error);
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

/* The event keeps what a list shows, never the confidential answers: the
 * log is read by every committee member. */
static gboolean
log_application (PairingsStore  *self,
                 gint64          id,
                 GError        **error)
{
  static const char sql[] =
    "INSERT INTO events (actor, action, entity, entity_id, after)"
    " SELECT ?, 'create', 'application', a.id,"
    "  json_object('cohort_id', a.cohort_id, 'email', p.email, 'name', a.name,"
    "   'role', a.role, 'status', a.status, 'institution', a.institution,"
    "   'career_stage', a.career_stage, 'mentoring_types', json(a.mentoring_types),"
    "   'capacity', a.capacity, 'submitted_at', a.submitted_at)"
    " FROM applications a JOIN people p ON p.id = a.person_id WHERE a.id = ?";
  sqlite3_stmt *stmt = _pairings_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, pairings_store_get_actor (self));
  sqlite3_bind_int64 (stmt, 2, id);
  return _pairings_store_step_done (self, stmt, error);
}

gint64
pairings_store_add_application (PairingsStore                  *self,
                                gint64                          cohort_id,
                                const PairingsApplicationData  *data,
                                GError                        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *types = NULL;
  sqlite3_stmt *stmt;
  gint64 person_id;
  gint64 id = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (!check_application (data, error) || !_pairings_store_begin (self, error))
    return 0;

  person_id = _pairings_store_ensure_person (self, data->email, data->name, &local_error);
  if (person_id == 0)
    goto failed;

  stmt = _pairings_store_prepare (self,
                                  "INSERT INTO applications (cohort_id, person_id, role, status,"
                                  " name, institution, experiment, department, location, timezone,"
                                  " languages, career_stage, career_stage_raw, mentoring_types,"
                                  " capacity, motivation, submitted_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  &local_error);
  if (stmt == NULL)
    goto failed;

  languages = pairings_json_strv (data->languages);
  types = pairings_json_strv (data->mentoring_types);
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  _pairings_store_bind_text (stmt, 3, pairings_role_to_string (data->role));
  _pairings_store_bind_text (stmt, 4, pairings_status_to_string (data->status));
  _pairings_store_bind_text (stmt, 5, data->name);
  _pairings_store_bind_text (stmt, 6, or_empty (data->institution));
  _pairings_store_bind_text (stmt, 7, or_empty (data->experiment));
  _pairings_store_bind_text (stmt, 8, or_empty (data->department));
  _pairings_store_bind_text (stmt, 9, or_empty (data->location));
  _pairings_store_bind_text (stmt, 10, or_empty (data->timezone));
  _pairings_store_bind_text (stmt, 11, languages);
  _pairings_store_bind_text (stmt, 12, pairings_career_stage_to_string (data->career_stage));
  _pairings_store_bind_text (stmt, 13, or_empty (data->career_stage_raw));
  _pairings_store_bind_text (stmt, 14, types);
  sqlite3_bind_int (stmt, 15, data->capacity);
  _pairings_store_bind_text (stmt, 16, or_empty (data->motivation));
  _pairings_store_bind_text (stmt, 17, data->submitted_at);

  if (!_pairings_store_step_done (self, stmt, &local_error))
    {
      if (g_error_matches (local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                       _("%s has already applied as %s to this cohort"),
                       data->email, pairings_role_get_label (data->role));
        }
      goto failed;
    }

  id = sqlite3_last_insert_rowid (_pairings_store_get_db (self));
  if (!insert_confidential (self, id, data, &local_error) ||
      !log_application (self, id, &local_error) ||
      !_pairings_store_commit (self, &local_error))
    goto failed;

  return id;

failed:
  _pairings_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

/* A list column (a JSON array of strings, which the schema's CHECK keeps
 * valid JSON). Anything else there, written by another program, reads as
 * an empty list rather than failing the whole cohort. */
static char **
json_list (const char *json)
{
  char **list = pairings_json_parse_strv (json);

  return list != NULL ? list : g_new0 (char *, 1);
}

#define APPLICATION_COLUMNS \
  "SELECT a.id, a.cohort_id, a.person_id, a.name, p.email, a.role, a.status," \
  "  a.institution, a.experiment, a.department, a.location, a.timezone," \
  "  a.languages," \
  "  a.career_stage, a.career_stage_raw," \
  "  a.mentoring_types," \
  "  a.capacity, a.motivation, a.submitted_at," \
  "  r.mean, coalesce(r.n, 0)," \
  "  EXISTS (SELECT 1 FROM applications b WHERE b.person_id = a.person_id" \
  "    AND b.cohort_id < a.cohort_id)" \
  " FROM applications a JOIN people p ON p.id = a.person_id"

static PairingsApplication *
application_from_row (sqlite3_stmt *stmt)
{
  g_auto(GStrv) languages = json_list ((const char *) sqlite3_column_text (stmt, 12));
  g_auto(GStrv) types = json_list ((const char *) sqlite3_column_text (stmt, 15));
  PairingsApplicationIds ids = {
    .id = sqlite3_column_int64 (stmt, 0),
    .cohort_id = sqlite3_column_int64 (stmt, 1),
    .person_id = sqlite3_column_int64 (stmt, 2),
    .review_mean = sqlite3_column_type (stmt, 19) == SQLITE_NULL ? -1.0
                                                                 : sqlite3_column_double (stmt, 19),
    .review_count = (guint) sqlite3_column_int (stmt, 20),
    .returning = sqlite3_column_int (stmt, 21) != 0,
  };
  PairingsApplicationData data = {
    .name = (const char *) sqlite3_column_text (stmt, 3),
    .email = (const char *) sqlite3_column_text (stmt, 4),
    .institution = (const char *) sqlite3_column_text (stmt, 7),
    .experiment = (const char *) sqlite3_column_text (stmt, 8),
    .department = (const char *) sqlite3_column_text (stmt, 9),
    .location = (const char *) sqlite3_column_text (stmt, 10),
    .timezone = (const char *) sqlite3_column_text (stmt, 11),
    .languages = (const char * const *) languages,
    .career_stage_raw = (const char *) sqlite3_column_text (stmt, 14),
    .mentoring_types = (const char * const *) types,
    .capacity = sqlite3_column_int (stmt, 16),
    .motivation = (const char *) sqlite3_column_text (stmt, 17),
    .submitted_at = (const char *) sqlite3_column_text (stmt, 18),
  };

  pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 5), &data.role);
  pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &data.status);
  pairings_career_stage_from_string ((const char *) sqlite3_column_text (stmt, 13),
                                     &data.career_stage);
  return _pairings_application_new (&ids, &data);
}

GListModel *
pairings_store_list_applications (PairingsStore  *self,
                                  gint64          cohort_id,
                                  GError        **error)
{
  static const char sql[] =
    APPLICATION_COLUMNS
    /* One pass over the reviews rather than two lookups per application. */
    " LEFT JOIN (SELECT application_id, avg(score) AS mean, count(*) AS n FROM reviews"
    "            WHERE recused = 0 AND score IS NOT NULL GROUP BY application_id) r"
    "   ON r.application_id = a.id"
    " WHERE a.cohort_id = ?"
    " ORDER BY a.role, a.name COLLATE NOCASE, a.id";
  g_autoptr(GListStore) list = g_list_store_new (PAIRINGS_TYPE_APPLICATION);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  stmt = _pairings_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PairingsApplication) application = application_from_row (stmt);
      g_list_store_append (list, application);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (self, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * pairings_store_get_application:
 * @id: an application's id
 *
 * Returns: (transfer full): the whole application (the confidential
 *   answers aside), or %NULL with @error set when there is none
 */
PairingsApplication *
pairings_store_get_application (PairingsStore  *self,
                                gint64          id,
                                GError        **error)
{
  static const char sql[] =
    APPLICATION_COLUMNS
    " LEFT JOIN (SELECT application_id, avg(score) AS mean, count(*) AS n FROM reviews"
    "            WHERE recused = 0 AND score IS NOT NULL AND application_id = ?1"
    "            GROUP BY application_id) r ON r.application_id = a.id"
    " WHERE a.id = ?1";
  PairingsApplication *application = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  stmt = _pairings_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    application = application_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _pairings_store_set_error (self, rc, error);
  else if (application == NULL)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                 _("The application no longer exists"));
  return application;
}

gboolean
pairings_store_get_confidential (PairingsStore   *self,
                                 gint64           application_id,
                                 char           **pronouns,
                                 char          ***identity_groups,
                                 GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), FALSE);

  *pronouns = NULL;
  *identity_groups = NULL;
  stmt = _pairings_store_prepare (self,
                                  "SELECT pronouns, identity_groups FROM confidential_answers"
                                  " WHERE application_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, application_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *pronouns = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *identity_groups = json_list ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (*identity_groups == NULL)
    *identity_groups = g_new0 (char *, 1);
  if (*pronouns == NULL)
    *pronouns = g_strdup ("");
  return TRUE;
}

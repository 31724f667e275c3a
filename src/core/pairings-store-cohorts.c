/* pairings-store-cohorts.c: programmes and their cohorts
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pairings-cohort-private.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

static gboolean
check_name (const char  *name,
            gboolean     is_cohort,
            GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name != NULL && g_utf8_validate (name, -1, NULL))
    trimmed = g_strstrip (g_strdup (name));

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                           is_cohort ? _("The cohort needs a name")
                                     : _("The programme needs a name"));
      return FALSE;
    }

  return TRUE;
}

gint64
pairings_store_find_programme (PairingsStore *self,
                               const char    *name)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), 0);

  stmt = _pairings_store_prepare (self, "SELECT id FROM programmes WHERE name = ?", NULL);
  if (stmt == NULL)
    return 0;
  _pairings_store_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

gint64
pairings_store_add_programme (PairingsStore  *self,
                              const char     *name,
                              GError        **error)
{
  g_autoptr(GString) after = g_string_new ("{\"name\":");
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), 0);

  if (!check_name (name, FALSE, error))
    return 0;

  if (pairings_store_find_programme (self, name) != 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                   _("A programme named “%s” already exists"), name);
      return 0;
    }

  if (!_pairings_store_begin (self, error))
    return 0;

  stmt = _pairings_store_prepare (self, "INSERT INTO programmes (name) VALUES (?)", error);
  if (stmt == NULL)
    goto failed;
  _pairings_store_bind_text (stmt, 1, name);
  if (!_pairings_store_step_done (self, stmt, error))
    goto failed;

  id = sqlite3_last_insert_rowid (_pairings_store_get_db (self));
  pairings_json_append_string (after, name);
  g_string_append_c (after, '}');
  if (!_pairings_store_log_event (self, "create", "programme", id, NULL, after->str, error) ||
      !_pairings_store_commit (self, error))
    goto failed;

  return id;

failed:
  _pairings_store_rollback (self);
  return 0;
}

gint64
pairings_store_ensure_programme (PairingsStore  *self,
                                 const char     *name,
                                 GError        **error)
{
  gint64 id = pairings_store_find_programme (self, name);

  return id != 0 ? id : pairings_store_add_programme (self, name, error);
}

#define COHORT_COLUMNS \
  "c.id, c.programme_id, p.name, c.name, c.call_opens, c.deadline, c.announcement," \
  " c.kick_off, c.ends, c.pair_limit"

static PairingsCohort *
cohort_from_row (sqlite3_stmt *stmt)
{
  PairingsCohortDates dates = {
    (const char *) sqlite3_column_text (stmt, 4),
    (const char *) sqlite3_column_text (stmt, 5),
    (const char *) sqlite3_column_text (stmt, 6),
    (const char *) sqlite3_column_text (stmt, 7),
    (const char *) sqlite3_column_text (stmt, 8),
  };
  int limit = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 9);

  return _pairings_cohort_new (sqlite3_column_int64 (stmt, 0),
                               sqlite3_column_int64 (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               &dates, limit);
}

GListModel *
pairings_store_list_cohorts (PairingsStore  *self,
                             GError        **error)
{
  g_autoptr(GListStore) cohorts = g_list_store_new (PAIRINGS_TYPE_COHORT);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  stmt = _pairings_store_prepare (self,
                                  "SELECT " COHORT_COLUMNS
                                  " FROM cohorts c JOIN programmes p ON p.id = c.programme_id"
                                  " ORDER BY p.name, c.call_opens, c.name, c.id",
                                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PairingsCohort) cohort = cohort_from_row (stmt);
      g_list_store_append (cohorts, cohort);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (self, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&cohorts));
}

PairingsCohort *
pairings_store_find_cohort (PairingsStore  *self,
                            const char     *name,
                            GError        **error)
{
  g_autoptr(PairingsCohort) found = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  stmt = _pairings_store_prepare (self,
                                  "SELECT " COHORT_COLUMNS
                                  " FROM cohorts c JOIN programmes p ON p.id = c.programme_id"
                                  " WHERE c.name = ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  _pairings_store_bind_text (stmt, 1, name);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == 0)
        found = cohort_from_row (stmt);
    }
  sqlite3_reset (stmt);

  if (n == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("There is no cohort named “%s”"), name ? name : "");
      return NULL;
    }
  if (n > 1)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                   _("Several programmes have a cohort named “%s”; keep one programme per "
                     "database file"), name);
      return NULL;
    }

  return g_steal_pointer (&found);
}

PairingsCohort *
pairings_store_get_cohort (PairingsStore  *self,
                           gint64          id,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  PairingsCohort *cohort = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  stmt = _pairings_store_prepare (self,
                                  "SELECT " COHORT_COLUMNS
                                  " FROM cohorts c JOIN programmes p ON p.id = c.programme_id"
                                  " WHERE c.id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cohort = cohort_from_row (stmt);
  sqlite3_reset (stmt);

  if (cohort == NULL)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                 _("The cohort no longer exists"));
  return cohort;
}

/* Each date unset or real, and in the order of the cohort's year. */
gboolean
_pairings_store_check_dates (const PairingsCohortDates  *dates,
                             GError                    **error)
{
  const char *values[5];
  const char *labels[5] = {
    N_("Call opens"), N_("Application deadline"), N_("Announcement"), N_("Kick-off"), N_("End")
  };
  const char *previous = NULL;
  guint previous_index = 0;

  if (dates == NULL)
    return TRUE;

  values[0] = dates->call_opens;
  values[1] = dates->deadline;
  values[2] = dates->announcement;
  values[3] = dates->kick_off;
  values[4] = dates->ends;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] == NULL)
        continue;
      if (!pairings_date_is_valid (values[i]))
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                       _("%s: “%s” is not a date of the form 2025-03-31"),
                       _(labels[i]), values[i]);
          return FALSE;
        }
      if (previous != NULL && g_strcmp0 (previous, values[i]) > 0)
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                       _("%s (%s) cannot come before %s (%s)"),
                       _(labels[i]), values[i], _(labels[previous_index]), previous);
          return FALSE;
        }
      previous = values[i];
      previous_index = i;
    }

  return TRUE;
}

static char *
cohort_json (const char                *name,
             const PairingsCohortDates *dates,
             int                        pair_limit)
{
  GString *json = g_string_new ("{\"name\":");
  PairingsCohortDates none = { NULL, };

  if (dates == NULL)
    dates = &none;

  pairings_json_append_string (json, name);
  g_string_append (json, ",\"call_opens\":");
  pairings_json_append_string (json, dates->call_opens);
  g_string_append (json, ",\"deadline\":");
  pairings_json_append_string (json, dates->deadline);
  g_string_append (json, ",\"announcement\":");
  pairings_json_append_string (json, dates->announcement);
  g_string_append (json, ",\"kick_off\":");
  pairings_json_append_string (json, dates->kick_off);
  g_string_append (json, ",\"ends\":");
  pairings_json_append_string (json, dates->ends);
  if (pair_limit >= 0)
    g_string_append_printf (json, ",\"pair_limit\":%d}", pair_limit);
  else
    g_string_append (json, ",\"pair_limit\":null}");

  return g_string_free (json, FALSE);
}

PairingsCohort *
pairings_store_add_cohort (PairingsStore              *self,
                           gint64                      programme_id,
                           const char                 *name,
                           const PairingsCohortDates  *dates,
                           int                         pair_limit,
                           GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);

  if (!check_name (name, TRUE, error) || !_pairings_store_check_dates (dates, error))
    return NULL;

  if (!_pairings_store_begin (self, error))
    return NULL;

  stmt = _pairings_store_prepare (self,
                                  "INSERT INTO cohorts (programme_id, name, call_opens, deadline,"
                                  " announcement, kick_off, ends, pair_limit)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, programme_id);
  _pairings_store_bind_text (stmt, 2, name);
  if (dates != NULL)
    {
      _pairings_store_bind_text (stmt, 3, dates->call_opens);
      _pairings_store_bind_text (stmt, 4, dates->deadline);
      _pairings_store_bind_text (stmt, 5, dates->announcement);
      _pairings_store_bind_text (stmt, 6, dates->kick_off);
      _pairings_store_bind_text (stmt, 7, dates->ends);
    }
  if (pair_limit >= 0)
    sqlite3_bind_int (stmt, 8, pair_limit);

  if (!_pairings_store_step_done (self, stmt, &local_error))
    {
      if (g_error_matches (local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS))
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                     _("A cohort named “%s” already exists"), name);
      else if (g_error_matches (local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND))
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                     _("The programme no longer exists"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  id = sqlite3_last_insert_rowid (_pairings_store_get_db (self));
  after = cohort_json (name, dates, pair_limit);
  if (!_pairings_store_log_event (self, "create", "cohort", id, NULL, after, error) ||
      !_pairings_store_commit (self, error))
    goto failed;

  return pairings_store_get_cohort (self, id, error);

failed:
  _pairings_store_rollback (self);
  return NULL;
}

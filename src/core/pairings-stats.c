/* pairings-stats.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pairings-json.h"
#include "pairings-stats.h"
#include "pairings-store-private.h"

void
pairings_cohort_stats_free (PairingsCohortStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->cohort);
  g_free (stats->programme);
  g_free (stats);
}

guint
pairings_cohort_stats_role_total (const PairingsCohortStats *stats,
                                  PairingsRole               role)
{
  guint total = 0;

  for (guint s = 0; s < PAIRINGS_N_STATUSES; s++)
    total += stats->applications[role][s];
  return total;
}

guint
pairings_cohort_stats_pair_total (const PairingsCohortStats *stats)
{
  guint total = 0;

  for (guint s = 0; s < PAIRINGS_N_STAGES; s++)
    total += stats->pairs[s];
  return total;
}

static gboolean
count_applications (PairingsStore        *store,
                    PairingsCohortStats  *stats,
                    GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (store,
                                  "SELECT role, status, count(*),"
                                  "  sum(EXISTS (SELECT 1 FROM applications b"
                                  "    WHERE b.person_id = a.person_id AND b.cohort_id < a.cohort_id)),"
                                  "  sum(capacity)"
                                  " FROM applications a WHERE cohort_id = ? GROUP BY role, status",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stats->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsRole role;
      PairingsStatus status;

      if (!pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role) ||
          !pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status))
        continue;

      stats->applications[role][status] = (guint) sqlite3_column_int (stmt, 2);
      stats->returning[role] += (guint) sqlite3_column_int (stmt, 3);
      if (role == PAIRINGS_ROLE_MENTOR && status == PAIRINGS_STATUS_ACCEPTED)
        stats->mentor_places = (guint) sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_pairs (PairingsStore        *store,
             PairingsCohortStats  *stats,
             GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (store,
                                  "SELECT stage, count(*) FROM pairs WHERE cohort_id = ?"
                                  " GROUP BY stage",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stats->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsStage stage;

      if (pairings_stage_from_string ((const char *) sqlite3_column_text (stmt, 0), &stage))
        stats->pairs[stage] = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_follow_up (PairingsStore        *store,
                 PairingsCohortStats  *stats,
                 GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pairings_store_prepare (store,
                                  "SELECT"
                                  " (SELECT count(*) FROM agreements g JOIN pairs p ON p.id = g.pair_id"
                                  "   WHERE p.cohort_id = ?1 AND g.status = 'signed'),"
                                  " (SELECT count(*) FROM check_ins k JOIN pairs p ON p.id = k.pair_id"
                                  "   WHERE p.cohort_id = ?1),"
                                  " (SELECT count(*) FROM evaluations WHERE cohort_id = ?1)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stats->cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->agreements_signed = (guint) sqlite3_column_int (stmt, 0);
      stats->check_ins = (guint) sqlite3_column_int (stmt, 1);
      stats->evaluations = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static PairingsCohortStats *
collect_one (PairingsStore   *store,
             PairingsCohort  *cohort,
             GError         **error)
{
  PairingsCohortStats *stats = g_new0 (PairingsCohortStats, 1);

  stats->cohort_id = pairings_cohort_get_id (cohort);
  stats->cohort = g_strdup (pairings_cohort_get_name (cohort));
  stats->programme = g_strdup (pairings_cohort_get_programme_name (cohort));
  stats->pair_limit = pairings_cohort_get_pair_limit (cohort);

  if (!count_applications (store, stats, error) ||
      !count_pairs (store, stats, error) ||
      !count_follow_up (store, stats, error))
    g_clear_pointer (&stats, pairings_cohort_stats_free);
  return stats;
}

GPtrArray *
pairings_stats_collect (PairingsStore   *store,
                        PairingsCohort  *cohort,
                        GError         **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pairings_cohort_stats_free);
  g_autoptr(GListModel) cohorts = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (cohort != NULL)
    {
      PairingsCohortStats *stats = collect_one (store, cohort, error);
      if (stats == NULL)
        return NULL;
      g_ptr_array_add (all, stats);
      return g_steal_pointer (&all);
    }

  cohorts = pairings_store_list_cohorts (store, error);
  if (cohorts == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (cohorts); i++)
    {
      g_autoptr(PairingsCohort) item = g_list_model_get_item (cohorts, i);
      PairingsCohortStats *stats = collect_one (store, item, error);
      if (stats == NULL)
        return NULL;
      g_ptr_array_add (all, stats);
    }

  return g_steal_pointer (&all);
}

static void
append_role_json (GString                   *json,
                  const PairingsCohortStats *stats,
                  PairingsRole               role)
{
  g_string_append_printf (json, "{\"total\":%u,\"returning\":%u,\"status\":{",
                          pairings_cohort_stats_role_total (stats, role),
                          stats->returning[role]);
  for (guint s = 0; s < PAIRINGS_N_STATUSES; s++)
    g_string_append_printf (json, "%s\"%s\":%u", s ? "," : "",
                            pairings_status_to_string (s), stats->applications[role][s]);
  g_string_append (json, "}}");
}

char *
pairings_stats_to_json (GPtrArray *all)
{
  GString *json = g_string_new ("{\"cohorts\":[");

  for (guint i = 0; i < all->len; i++)
    {
      const PairingsCohortStats *stats = g_ptr_array_index (all, i);

      g_string_append (json, i ? ",{\"name\":" : "{\"name\":");
      pairings_json_append_string (json, stats->cohort);
      g_string_append (json, ",\"programme\":");
      pairings_json_append_string (json, stats->programme);
      if (stats->pair_limit >= 0)
        g_string_append_printf (json, ",\"pair_limit\":%d", stats->pair_limit);
      else
        g_string_append (json, ",\"pair_limit\":null");
      g_string_append (json, ",\"mentees\":");
      append_role_json (json, stats, PAIRINGS_ROLE_MENTEE);
      g_string_append (json, ",\"mentors\":");
      append_role_json (json, stats, PAIRINGS_ROLE_MENTOR);
      g_string_append_printf (json, ",\"mentor_places\":%u,\"pairs\":{\"total\":%u",
                              stats->mentor_places, pairings_cohort_stats_pair_total (stats));
      for (guint s = 0; s < PAIRINGS_N_STAGES; s++)
        g_string_append_printf (json, ",\"%s\":%u", pairings_stage_to_string (s), stats->pairs[s]);
      g_string_append_printf (json,
                              "},\"agreements_signed\":%u,\"check_ins\":%u,\"evaluations\":%u}",
                              stats->agreements_signed, stats->check_ins, stats->evaluations);
    }
  g_string_append (json, "]}\n");

  return g_string_free (json, FALSE);
}

static void
append_row (GString    *text,
            const char *label,
            guint       value)
{
  /* Labels are translated, so they are padded by characters, not bytes. */
  glong width = g_utf8_strlen (label, -1);

  g_string_append_printf (text, "  %s%*s %5u\n", label, (int) MAX (0, 28 - width), "", value);
}

char *
pairings_stats_to_text (GPtrArray *all)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < all->len; i++)
    {
      const PairingsCohortStats *stats = g_ptr_array_index (all, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: a heading: programme name, then cohort name */
      g_string_append_printf (text, _("%s — cohort %s\n"), stats->programme, stats->cohort);

      for (guint r = 0; r < PAIRINGS_N_ROLES; r++)
        {
          append_row (text, r == PAIRINGS_ROLE_MENTEE ? _("Mentees") : _("Mentors"),
                      pairings_cohort_stats_role_total (stats, r));
          for (guint s = 0; s < PAIRINGS_N_STATUSES; s++)
            {
              g_autofree char *label = g_strdup_printf ("  %s", pairings_status_get_label (s));
              append_row (text, label, stats->applications[r][s]);
            }
        }
      append_row (text, _("Places offered by mentors"), stats->mentor_places);
      if (stats->pair_limit >= 0)
        append_row (text, _("Pair limit"), (guint) stats->pair_limit);
      append_row (text, _("Pairs"), pairings_cohort_stats_pair_total (stats));
      for (guint s = 0; s < PAIRINGS_N_STAGES; s++)
        {
          g_autofree char *label = g_strdup_printf ("  %s", pairings_stage_get_label (s));
          append_row (text, label, stats->pairs[s]);
        }
      append_row (text, _("Agreements signed"), stats->agreements_signed);
      append_row (text, _("Check-ins"), stats->check_ins);
      append_row (text, _("Survey answers"), stats->evaluations);
    }

  return g_string_free (text, FALSE);
}

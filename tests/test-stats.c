/* test-stats.c: the counts behind `stats` and the window's summaries
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pairings-stats.h"
#include "pairings-store-private.h"

typedef struct
{
  char          *dir;
  PairingsStore *store;
  PairingsCohort *cohort;
} Fixture;

static void
add (Fixture        *f,
     const char     *email,
     PairingsRole    role,
     PairingsStatus  status,
     int             capacity)
{
  g_autoptr(GError) error = NULL;
  PairingsApplicationData data = {
    .name = email, .email = email, .role = role, .status = status, .capacity = capacity,
  };

  g_assert_cmpint (pairings_store_add_application (f->store, pairings_cohort_get_id (f->cohort),
                                                   &data, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PairingsCohort) earlier = NULL;
  gint64 programme;

  f->dir = g_dir_make_tmp ("pairings-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "stats.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  programme = pairings_store_add_programme (f->store, "Stats", &error);
  g_assert_no_error (error);

  /* A returning mentor: applied in 2024 as a mentee. */
  earlier = pairings_store_add_cohort (f->store, programme, "2024", NULL, -1, &error);
  g_assert_no_error (error);
  f->cohort = g_object_ref (earlier);
  add (f, "ret@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  g_clear_object (&f->cohort);

  f->cohort = pairings_store_add_cohort (f->store, programme, "2025", NULL, 3, &error);
  g_assert_no_error (error);
  add (f, "a@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  add (f, "b@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  add (f, "c@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_WAITLISTED, 0);
  add (f, "d@example.org", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_SUBMITTED, 0);
  add (f, "ret@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 2);
  add (f, "f@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 3);
  add (f, "g@example.org", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_DECLINED, 1);

  g_assert_true (_pairings_store_exec (f->store,
    "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage)"
    " SELECT 2, m.id, e.id, 'approved' FROM applications m, applications e"
    " WHERE m.name = 'ret@example.org' AND m.role = 'mentor' AND e.name = 'a@example.org';"
    "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage)"
    " SELECT 2, m.id, e.id, 'suggested' FROM applications m, applications e"
    " WHERE m.name = 'f@example.org' AND e.name = 'b@example.org';"
    "INSERT INTO agreements (pair_id, status) VALUES (1, 'signed'), (2, 'sent');"
    "INSERT INTO check_ins (pair_id, date, reporter, status) VALUES (1, '2025-05-01', 'mentor', 'on_track');",
    &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (pairings_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->cohort);
  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pairings_stats_collect (f->store, f->cohort, &error);
  PairingsCohortStats *s;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  s = g_ptr_array_index (all, 0);

  g_assert_cmpstr (s->cohort, ==, "2025");
  g_assert_cmpint (s->pair_limit, ==, 3);
  g_assert_cmpuint (pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTEE), ==, 4);
  g_assert_cmpuint (pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTOR), ==, 3);
  g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_ACCEPTED], ==, 2);
  g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_WAITLISTED], ==, 1);
  g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_SUBMITTED], ==, 1);
  g_assert_cmpuint (s->applications[PAIRINGS_ROLE_MENTOR][PAIRINGS_STATUS_DECLINED], ==, 1);
  g_assert_cmpuint (s->returning[PAIRINGS_ROLE_MENTOR], ==, 1);
  g_assert_cmpuint (s->returning[PAIRINGS_ROLE_MENTEE], ==, 0);
  /* Declined mentors offer no places. */
  g_assert_cmpuint (s->mentor_places, ==, 5);
  g_assert_cmpuint (pairings_cohort_stats_pair_total (s), ==, 2);
  g_assert_cmpuint (s->pairs[PAIRINGS_STAGE_APPROVED], ==, 1);
  g_assert_cmpuint (s->pairs[PAIRINGS_STAGE_SUGGESTED], ==, 1);
  g_assert_cmpuint (s->agreements_signed, ==, 1);
  g_assert_cmpuint (s->check_ins, ==, 1);
  g_assert_cmpuint (s->evaluations, ==, 0);
}

static void
test_all_cohorts_json (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pairings_stats_collect (f->store, NULL, &error);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  json = pairings_stats_to_json (all);
  g_assert_true (g_str_has_prefix (json, "{\"cohorts\":[{\"name\":\"2024\""));
  g_assert_nonnull (strstr (json, "\"name\":\"2025\",\"programme\":\"Stats\",\"pair_limit\":3"));
  g_assert_nonnull (strstr (json, "\"mentees\":{\"total\":4,\"returning\":0,\"status\":{\"submitted\":1,"
                                  "\"accepted\":2,\"waitlisted\":1,\"declined\":0,\"withdrawn\":0}}"));
  g_assert_nonnull (strstr (json, "\"pairs\":{\"total\":2,\"suggested\":1,\"discussion\":0,"
                                  "\"approved\":1,\"announced\":0,\"set_aside\":0}"));
  g_assert_nonnull (strstr (json, "\"pair_limit\":null"));

  text = pairings_stats_to_text (all);
  g_assert_nonnull (strstr (text, "Stats — cohort 2025"));
}

static void
test_empty_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pairings-stats-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(PairingsStore) store = pairings_store_open (path, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  all = pairings_stats_collect (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
  json = pairings_stats_to_json (all);
  g_assert_cmpstr (json, ==, "{\"cohorts\":[]}\n");

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stats/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/stats/all-cohorts-json", Fixture, NULL, fixture_set_up, test_all_cohorts_json,
              fixture_tear_down);
  g_test_add_func ("/stats/empty-database", test_empty_database);

  return g_test_run ();
}

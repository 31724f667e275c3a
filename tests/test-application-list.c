/* test-application-list.c: the lazy list model of the Applications page
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pairings-application.h"
#include "pairings-application-list.h"
#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-review.h"
#include "pairings-test-utils.h"

typedef struct
{
  char          *dir;
  PairingsStore *store;
  gint64         cohort_id;
  GArray        *changes;   /* guint triples: position, removed, added */
} Fixture;

/* sortkey(text) in SQL: the list's own key, so that SQL can say which
 * order to expect for names with accents. */
static void
sql_sort_key (sqlite3_context *context,
              int              argc,
              sqlite3_value  **argv)
{
  char *key = pairings_sort_key ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, key, -1, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;

  f->dir = g_dir_make_tmp ("pairings-list-XXXXXX", &error);
  path = g_build_filename (f->dir, "l.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  cohort = pairings_store_find_cohort (f->store, "2025", &error);
  g_assert_no_error (error);
  f->cohort_id = pairings_cohort_get_id (cohort);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_assert_cmpint (sqlite3_create_function (_pairings_store_get_db (f->store), "sortkey", 1,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_sort_key,
                                            NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_array_unref (f->changes);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_array_append_val (f->changes, position);
  g_array_append_val (f->changes, removed);
  g_array_append_val (f->changes, added);
}

/* The ids of the cohort's applications in the order of @order_by (SQL). */
static GArray *
sql_ids (Fixture    *f,
         const char *where,
         const char *order_by)
{
  g_autofree char *sql = g_strdup_printf ("SELECT a.id FROM applications a JOIN people p ON p.id = a.person_id"
                                          " WHERE a.cohort_id = %" G_GINT64_FORMAT " %s ORDER BY %s",
                                          f->cohort_id, where, order_by);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static void
assert_order (PairingsApplicationList *list,
              GArray                  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (pairings_application_list_get_id (list, i), ==, g_array_index (expected, gint64, i));
}

static void
test_load_and_lazy_objects (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsApplicationList) list = pairings_application_list_new (f->store, f->cohort_id, &error);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(PairingsApplication) first = NULL;
  g_autoptr(PairingsApplication) again = NULL;
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, query_int (f->store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                                " WHERE c.name = '2025'"));
  g_assert_cmpuint (pairings_application_list_get_total (list), ==, n);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PAIRINGS_TYPE_APPLICATION);

  /* The default order is role (mentees first), then name, then id. */
  expected = sql_ids (f, "", "a.role = 'mentor', sortkey(a.name), a.id");
  assert_order (list, expected);

  /* No object until one is asked for; then always the same one. */
  g_assert_cmpuint (pairings_application_list_get_n_objects (list), ==, 0);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (first);
  g_assert_cmpint (pairings_application_get_id (first), ==, g_array_index (expected, gint64, 0));
  g_assert_cmpuint (pairings_application_list_get_n_objects (list), ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == again);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_cmpint (pairings_application_get_id (again), ==, g_array_index (expected, gint64, n - 1));
  g_assert_cmpuint (pairings_application_list_get_n_objects (list), ==, 2);
  g_clear_object (&again);
  g_assert_cmpuint (pairings_application_list_get_n_objects (list), ==, 2);

  /* A list item is a summary: what the columns show, the same as the whole
   * application has; the rest comes from the store. */
  {
    g_autoptr(PairingsApplication) whole = pairings_store_get_application (f->store, pairings_application_get_id (first),
                                                                           &error);
    g_autofree char *types_a = NULL;
    g_autofree char *types_b = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (pairings_application_get_name (first), ==, pairings_application_get_name (whole));
    g_assert_cmpstr (pairings_application_get_institution (first), ==, pairings_application_get_institution (whole));
    g_assert_cmpstr (pairings_application_get_location (first), ==, pairings_application_get_location (whole));
    g_assert_cmpstr (pairings_application_get_submitted_at (first), ==, pairings_application_get_submitted_at (whole));
    g_assert_cmpint (pairings_application_get_role (first), ==, pairings_application_get_role (whole));
    g_assert_cmpint (pairings_application_get_status (first), ==, pairings_application_get_status (whole));
    g_assert_cmpint (pairings_application_get_career_stage (first), ==, pairings_application_get_career_stage (whole));
    g_assert_cmpint (pairings_application_get_person_id (first), ==, pairings_application_get_person_id (whole));
    g_assert_cmpfloat (pairings_application_get_review_mean (first), ==, pairings_application_get_review_mean (whole));
    g_assert_cmpuint (pairings_application_get_review_count (first), ==, pairings_application_get_review_count (whole));
    g_assert_true (pairings_application_get_returning (first) == pairings_application_get_returning (whole));
    types_a = g_strjoinv ("|", (char **) pairings_application_get_mentoring_types (first));
    types_b = g_strjoinv ("|", (char **) pairings_application_get_mentoring_types (whole));
    g_assert_cmpstr (types_a, ==, types_b);
    g_assert_cmpstr (pairings_application_get_motivation (first), ==, "");
    g_assert_cmpstr (pairings_application_get_motivation (whole), !=, "");
  }
  {
    g_autoptr(PairingsApplication) none = pairings_store_get_application (f->store, 987654321, &error);
    g_assert_null (none);
    g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
  g_assert_cmpint (pairings_application_list_get_id (list, n), ==, 0);
  g_assert_cmpuint (pairings_application_list_find (list, g_array_index (expected, gint64, 5)), ==, 5);
  g_assert_cmpuint (pairings_application_list_find (list, -7), ==, G_MAXUINT);

  /* A reload hands out new objects; an object outlives its list, texts
   * included. */
  g_assert_true (pairings_application_list_reload (list, &error));
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again != first);
  g_assert_cmpstr (pairings_application_get_name (again), ==, pairings_application_get_name (first));
  g_clear_object (&list);
  g_assert_cmpstr (pairings_application_get_name (first), ==, pairings_application_get_name (again));
  g_assert_cmpstr (pairings_application_get_name (first), !=, "");
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsApplicationList) list = pairings_application_list_new (f->store, f->cohort_id, &error);
  g_autoptr(GArray) by_institution = NULL;
  g_autoptr(GArray) by_submitted = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);

  /* Institution, ties in the default order. */
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_INSTITUTION, FALSE);
  by_institution = sql_ids (f, "", "sortkey(a.institution), a.role = 'mentor', sortkey(a.name), a.id");
  assert_order (list, by_institution);
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, by_institution->len);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, by_institution->len);

  /* Descending: the column reversed, ties still in the default order. */
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_SUBMITTED, TRUE);
  by_submitted = sql_ids (f, "", "coalesce(a.submitted_at, '') DESC, a.role = 'mentor', sortkey(a.name), a.id");
  assert_order (list, by_submitted);

  /* Setting the same order again changes nothing. */
  g_array_set_size (f->changes, 0);
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_SUBMITTED, TRUE);
  g_assert_cmpuint (f->changes->len, ==, 0);

  {
    g_autoptr(GArray) by_score = sql_ids (f, "",
                                          "coalesce((SELECT avg(score) FROM reviews r WHERE r.application_id = a.id"
                                          " AND recused = 0 AND score IS NOT NULL), -1),"
                                          " a.role = 'mentor', sortkey(a.name), a.id");
    pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_SCORE, FALSE);
    assert_order (list, by_score);
  }
}

static void
test_sort_key (void)
{
  const char *names[] = { "Zoë", "émile", "Eric", "ÉLODIE", "adam", NULL };
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *empty = pairings_sort_key (NULL);
  g_autofree char *ascii = pairings_sort_key ("McIntyre");
  g_autofree char *bad = pairings_sort_key ("");

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (bad, ==, "");
  g_assert_cmpstr (ascii, ==, "mcintyre");
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (keys, pairings_sort_key (names[i]));
  /* Accents and case do not count: adam < élodie < émile < eric < zoë. */
  g_assert_cmpstr (g_ptr_array_index (keys, 4), <, g_ptr_array_index (keys, 3));
  g_assert_cmpstr (g_ptr_array_index (keys, 3), <, g_ptr_array_index (keys, 1));
  g_assert_cmpstr (g_ptr_array_index (keys, 1), <, g_ptr_array_index (keys, 2));
  g_assert_cmpstr (g_ptr_array_index (keys, 2), <, g_ptr_array_index (keys, 0));
  g_assert_cmpstr (g_ptr_array_index (keys, 3), ==, "elodie");
}

static void
test_filter_and_search (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsApplicationList) list = pairings_application_list_new (f->store, f->cohort_id, &error);
  PairingsApplicationFilter filter = { -1, -1, -1, NULL, FALSE, NULL, NULL };
  g_autoptr(GArray) mentees = NULL;
  g_autoptr(GArray) accepted_mentors = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) types = pairings_application_list_get_mentoring_types (list);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (list));

  filter.role = PAIRINGS_ROLE_MENTEE;
  pairings_application_list_set_filter (list, &filter);
  mentees = sql_ids (f, "AND a.role = 'mentee'", "sortkey(a.name), a.id");
  assert_order (list, mentees);

  filter.role = PAIRINGS_ROLE_MENTOR;
  filter.status = PAIRINGS_STATUS_ACCEPTED;
  pairings_application_list_set_filter (list, &filter);
  accepted_mentors = sql_ids (f, "AND a.role = 'mentor' AND a.status = 'accepted'", "sortkey(a.name), a.id");
  g_assert_cmpuint (accepted_mentors->len, >, 0);
  assert_order (list, accepted_mentors);

  /* A mentoring type: exactly those whose list holds it. */
  g_assert_nonnull (types[0]);
  filter.role = filter.status = -1;
  filter.mentoring_type = types[0];
  pairings_application_list_set_filter (list, &filter);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PairingsApplication) app = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_true (g_strv_contains (pairings_application_get_mentoring_types (app), types[0]));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    query_int (f->store, "SELECT count(*) FROM applications a, json_each(a.mentoring_types) t"
                                         " JOIN cohorts c ON c.id = a.cohort_id"
                                         " WHERE c.name = '2025' AND t.value = (SELECT t2.value FROM applications a2,"
                                         " json_each(a2.mentoring_types) t2 JOIN cohorts c2 ON c2.id = a2.cohort_id"
                                         " WHERE c2.name = '2025' ORDER BY t2.value LIMIT 1)"));
  filter.mentoring_type = NULL;

  /* Search: any case, in the name, the e-mail, the institution or the
   * motivation; the same rows as SQL finds with a case-insensitive LIKE
   * (the demo's text is ASCII). */
  needle = query_text (f->store, "SELECT upper(substr(a.name, 2, 3)) FROM applications a JOIN cohorts c"
                                 " ON c.id = a.cohort_id WHERE c.name = '2025' ORDER BY a.id LIMIT 1");
  filter.search = needle;
  pairings_application_list_set_filter (list, &filter);
  {
    g_autofree char *where = g_strdup_printf ("AND (a.name LIKE '%%%s%%' OR p.email LIKE '%%%s%%'"
                                              " OR a.institution LIKE '%%%s%%' OR a.motivation LIKE '%%%s%%')",
                                              needle, needle, needle, needle);
    found = sql_ids (f, where, "a.role = 'mentor', sortkey(a.name), a.id");
  }
  g_assert_cmpuint (found->len, >, 0);
  g_assert_cmpuint (found->len, <, all);
  assert_order (list, found);

  /* The searchable text read in steps, as the page does when idle, gives
   * the same rows as the search that read it all at once above. */
  {
    g_autoptr(PairingsApplicationList) stepwise = pairings_application_list_new (f->store, f->cohort_id, &error);
    guint steps = 0;

    g_assert_no_error (error);
    while (!pairings_application_list_prepare_search (stepwise, 50))
      steps++;
    g_assert_cmpuint (steps, ==, (all - 1) / 50);
    g_assert_true (pairings_application_list_prepare_search (stepwise, 50));
    pairings_application_list_set_filter (stepwise, &filter);
    assert_order (stepwise, found);
  }

  /* Nothing matches: an empty list, not an error. */
  filter.search = "no such text anywhere 1234";
  pairings_application_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  /* No filter: everything again. */
  pairings_application_list_set_filter (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all);
}

/* A change moves only the changed rows, with items-changed for them. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsApplicationList) list = pairings_application_list_new (f->store, f->cohort_id, &error);
  PairingsApplicationFilter filter = { -1, PAIRINGS_STATUS_SUBMITTED, -1, NULL, FALSE, NULL, NULL };
  gint64 id, other;
  guint n;

  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_SCORE, FALSE);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);

  /* A score for the first row (no score yet) moves it to the end. */
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  id = pairings_application_list_get_id (list, 0);
  g_assert_true (pairings_review_set (f->store, id, "Kim", 5, "", &error));
  g_assert_no_error (error);
  g_assert_true (pairings_application_list_refresh (list, &id, 1, &error));
  g_assert_cmpuint (f->changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 5), ==, 1);
  g_assert_cmpint (pairings_application_list_get_id (list, g_array_index (f->changes, guint, 3)), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  {
    g_autoptr(PairingsApplication) app = g_list_model_get_item (G_LIST_MODEL (list),
                                                                g_array_index (f->changes, guint, 3));
    g_assert_cmpfloat (pairings_application_get_review_mean (app), ==, 5.0);
  }

  /* A change that does not move the row: changed in place. */
  g_array_set_size (f->changes, 0);
  other = pairings_application_list_get_id (list, 3);
  g_assert_true (pairings_application_list_refresh (list, &other, 1, &error));
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 1);

  /* Under a filter, a decision takes the row out. */
  pairings_application_list_set_filter (list, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  other = pairings_application_list_get_id (list, 2);
  g_array_set_size (f->changes, 0);
  g_assert_true (pairings_review_set_status (f->store, &other, 1, PAIRINGS_STATUS_DECLINED, &error));
  g_assert_true (pairings_application_list_refresh (list, &other, 1, &error));
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  g_assert_cmpuint (pairings_application_list_find (list, other), ==, G_MAXUINT);

  /* An application that no longer exists goes; an unknown id is ignored. */
  g_array_set_size (f->changes, 0);
  id = pairings_application_list_get_id (list, 0);
  g_assert_true (_pairings_store_exec (f->store, "PRAGMA foreign_keys = OFF", NULL));
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM applications WHERE id = %" G_GINT64_FORMAT, id);
    g_assert_true (_pairings_store_exec (f->store, sql, &error));
  }
  g_assert_true (pairings_application_list_refresh (list, &id, 1, &error));
  g_assert_cmpuint (pairings_application_list_find (list, id), ==, G_MAXUINT);
  g_assert_cmpuint (pairings_application_list_get_total (list), ==,
                    query_int (f->store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                         " WHERE c.name = '2025'"));
  other = 987654321;
  g_array_set_size (f->changes, 0);
  g_assert_true (pairings_application_list_refresh (list, &other, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* A renamed application: the orders made before the change are not
   * reused for it, by name or in the usual order. */
  pairings_application_list_set_filter (list, NULL);
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_NAME, FALSE);
  id = pairings_application_list_get_id (list, 7);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE applications SET name = 'Zz Last' WHERE id = %" G_GINT64_FORMAT, id);
    g_autoptr(GArray) by_name = NULL;
    g_autoptr(GArray) usual = NULL;

    g_assert_true (_pairings_store_exec (f->store, sql, &error));
    g_assert_true (pairings_application_list_refresh (list, &id, 1, &error));
    by_name = sql_ids (f, "", "sortkey(a.name), a.role = 'mentor', sortkey(a.name), a.id");
    assert_order (list, by_name);
    /* After every other Latin-script name (Cyrillic, Greek… sort after). */
    g_assert_cmpuint (pairings_application_list_find (list, id), >, 7);
    pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_DEFAULT, FALSE);
    pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_INSTITUTION, TRUE);
    pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_DEFAULT, FALSE);
    usual = sql_ids (f, "", "a.role = 'mentor', sortkey(a.name), a.id");
    assert_order (list, usual);
  }
  pairings_application_list_set_filter (list, &filter);

  /* Reload: everything again, the filter kept. */
  g_assert_true (pairings_application_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    query_int (f->store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                         " WHERE c.name = '2025' AND a.status = 'submitted'"));
}

/* A progress handler that interrupts the first statement it sees run. */
static int
interrupt_once (void *data)
{
  guint *calls = data;

  return (*calls)++ == 0;
}

static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsApplicationList) list = pairings_application_list_new (f->store, f->cohort_id, &error);
  PairingsApplicationFilter filter = { -1, -1, -1, NULL, TRUE, NULL, NULL };
  sqlite3 *db = _pairings_store_get_db (f->store);
  guint returning, calls = 0;

  g_assert_no_error (error);
  pairings_application_list_set_filter (list, &filter);
  returning = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (returning, >, 0);

  /* Who applied before is read first: when that read fails, the reload
   * says so rather than show every applicant as new. */
  sqlite3_progress_handler (db, 1, interrupt_once, &calls);
  g_assert_false (pairings_application_list_reload (list, &error));
  sqlite3_progress_handler (db, 0, NULL, NULL);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PAIRINGS_STORE_ERROR);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_clear_error (&error);

  g_assert_true (pairings_application_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, returning);
}

static void
test_empty_cohort (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pairings-list-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "e.db", NULL);
  g_autoptr(PairingsStore) store = pairings_store_open (path, &error);
  g_autoptr(PairingsCohort) cohort = pairings_store_add_cohort (store, pairings_store_add_programme (store, "P", NULL),
                                                                "2025", NULL, -1, &error);
  g_autoptr(PairingsApplicationList) list = NULL;
  g_autoptr(PairingsApplicationList) nothing = NULL;
  g_auto(GStrv) types = NULL;

  g_assert_no_error (error);
  list = pairings_application_list_new (store, pairings_cohort_get_id (cohort), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  pairings_application_list_set_sort (list, PAIRINGS_APPLICATION_SORT_NAME, TRUE);
  types = pairings_application_list_get_mentoring_types (list);
  g_assert_null (types[0]);
  /* A cohort that does not exist lists nothing. */
  nothing = pairings_application_list_new (store, 4242, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (nothing)), ==, 0);
  g_clear_object (&list);
  g_clear_object (&nothing);
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/application-list/load", test_load_and_lazy_objects);
  ADD ("/application-list/sort", test_sort);
  ADD ("/application-list/filter", test_filter_and_search);
  ADD ("/application-list/refresh", test_refresh);
  ADD ("/application-list/load-error", test_load_error);
  g_test_add_func ("/application-list/sort-key", test_sort_key);
  g_test_add_func ("/application-list/empty", test_empty_cohort);

  return g_test_run ();
}

/* test-fuzz-regressions.c: the inputs that once crashed a fuzzer, replayed
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file under fuzz/regressions/csv/ goes through the applications
 * import into an empty database and through the agreement, check-in and
 * survey imports against the demo programme, as tests/fuzz/fuzz-csv-import.c
 * does; each file under fuzz/regressions/mapping/ is loaded as a preset,
 * saved and loaded back, as tests/fuzz/fuzz-mapping.c does. Whatever the
 * file, the functions fail with an error or succeed, and never crash, leak
 * or warn (GTest makes criticals fatal).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-evaluation-import.h"
#include "pairings-followup-import.h"
#include "pairings-import.h"
#include "pairings-test-utils.h"

#define TODAY "2026-06-30"

typedef struct
{
  char          *dir;
  PairingsStore *fresh;
  gint64         fresh_cohort_id;
  PairingsStore *demo;
  gint64         demo_cohort_id;
} Stores;

static Stores stores;

/* The databases are made once, on the first CSV input, and each import
 * is rolled back afterwards, as in the harness. */
static void
ensure_stores (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autofree char *fresh_path = NULL;
  g_autofree char *demo_path = NULL;
  gint64 programme;

  if (stores.dir != NULL)
    return;

  stores.dir = g_dir_make_tmp ("pairings-fuzz-regressions-XXXXXX", &error);
  g_assert_no_error (error);

  fresh_path = g_build_filename (stores.dir, "fresh.db", NULL);
  stores.fresh = pairings_store_open (fresh_path, &error);
  g_assert_no_error (error);
  programme = pairings_store_add_programme (stores.fresh, "Regressions", &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (stores.fresh, programme, "2026", NULL, 20, &error);
  g_assert_no_error (error);
  stores.fresh_cohort_id = pairings_cohort_get_id (cohort);

  demo_path = g_build_filename (stores.dir, "demo.db", NULL);
  stores.demo = pairings_store_open (demo_path, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_demo_fill (stores.demo, NULL, NULL, &error));
  g_assert_no_error (error);
  stores.demo_cohort_id = query_int (stores.demo,
                                     "SELECT cohort_id FROM pairs WHERE stage = 'announced'"
                                     " GROUP BY cohort_id ORDER BY count(*) DESC, cohort_id DESC"
                                     " LIMIT 1");
  g_assert_cmpint (stores.demo_cohort_id, >, 0);
}

static void
free_stores (void)
{
  g_clear_object (&stores.fresh);
  g_clear_object (&stores.demo);
  if (stores.dir != NULL)
    remove_tree (stores.dir);
  g_clear_pointer (&stores.dir, g_free);
}

static void
replay_applications (GBytes *bytes,
                     gsize   size)
{
  PairingsImportOptions options = {
    stores.fresh_cohort_id, size % 2 ? PAIRINGS_ROLE_MENTOR : PAIRINGS_ROLE_MENTEE, NULL,
    size % 7 == 3, FALSE
  };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_pairings_store_begin (stores.fresh, NULL));
  if (pairings_import_stream (stores.fresh, stream, "regression.csv", size, &options,
                              NULL, NULL, NULL, &report, &error))
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  if (report != NULL)
    {
      g_free (pairings_import_report_to_text (report));
      g_free (pairings_import_report_to_json (report));
    }
  _pairings_store_rollback (stores.fresh);
}

static void
replay_form (GBytes *bytes,
             int     kind)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PairingsFormImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_true (_pairings_store_begin (stores.demo, NULL));
  if (kind < 0)
    ok = pairings_evaluation_import_stream (stores.demo, stores.demo_cohort_id, "mid", stream,
                                            "regression.csv", PAIRINGS_EVALUATION_IMPORT_FLAGS_NONE,
                                            TODAY, NULL, &report, &error);
  else
    ok = pairings_followup_import_stream (stores.demo, stores.demo_cohort_id, kind, stream,
                                          "regression.csv", PAIRINGS_FOLLOWUP_IMPORT_FLAGS_NONE,
                                          TODAY, NULL, &report, &error);
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  if (report != NULL)
    {
      g_free (pairings_form_import_report_to_text (report));
      g_free (pairings_form_import_report_to_json (report));
    }
  _pairings_store_rollback (stores.demo);
}

static void
test_csv (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  bytes = g_bytes_new (contents, size);
  ensure_stores ();

  replay_applications (bytes, size);
  replay_form (bytes, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS);
  replay_form (bytes, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS);
  replay_form (bytes, -1);
}

static void
test_mapping (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(PairingsMapping) mapping = NULL;
  g_autoptr(PairingsMapping) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  mapping = pairings_mapping_new_from_data (contents, size, "regression.ini", &error);
  if (mapping == NULL)
    {
      g_assert_nonnull (error);
      return;
    }
  g_assert_no_error (error);

  /* What is saved loads back, and says the same. */
  saved = pairings_mapping_to_data (mapping);
  again = pairings_mapping_new_from_data (saved, -1, "saved.ini", &error);
  g_assert_no_error (error);
  saved_again = pairings_mapping_to_data (again);
  g_assert_cmpstr (saved, ==, saved_again);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds a test per file of fuzz/regressions/@kind, in name order. */
static guint
add_tests (const char    *kind,
           GTestDataFunc  func,
           GPtrArray     *paths)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", kind, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-regressions/%s/%s", kind, file);
      char *path = g_build_filename (dir_path, file, NULL);

      g_ptr_array_add (paths, path);
      g_test_add_data_func (test_path, path, func);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);
  add_tests ("csv", test_csv, paths);
  /* The mapping preset crash found first by fuzz-mapping is there. */
  g_assert_cmpuint (add_tests ("mapping", test_mapping, paths), >, 0);

  status = g_test_run ();
  free_stores ();
  return status;
}

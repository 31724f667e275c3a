/* pairings-test-utils.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "pairings-test-utils.h"

void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
ptest_run_cli (Run        *run,
               const char *env_extra,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PAIRINGS_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, env_extra);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (env_extra != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env_extra, "=", 2);
      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* How many times the statements of @store's connection were prepared
 * again by SQLite since they were first prepared; each one is named in
 * the test's log. A statement prepared again on every run (its WHERE
 * compared with a partial index's through a bound value, say) costs more
 * than its work. */
guint
ptest_count_reprepares (PairingsStore *store)
{
  sqlite3 *db = _pairings_store_get_db (store);
  guint total = 0;

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    {
      int count = sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_REPREPARE, 0);

      if (count > 0)
        g_test_message ("prepared again %d times in %d runs: %s", count,
                        sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_RUN, 0), sqlite3_sql (stmt));
      total += (guint) count;
    }
  return total;
}

int
query_int (PairingsStore *store,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
query_text (PairingsStore *store,
            const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

char *
ptest_write_file (const char *dir,
                  const char *name,
                  const char *contents,
                  gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

void
ptest_exec (PairingsStore *store,
            const char    *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_pairings_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

char *
ptest_digest (PairingsStore      *store,
              const char * const *queries)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; queries[q] != NULL; q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), queries[q], -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *v = (const char *) sqlite3_column_text (stmt, c);

            g_checksum_update (sum, (const guchar *) (v ? v : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

void
ptest_add_application (PairingsStore  *store,
                       gint64          cohort_id,
                       const char     *name,
                       const char     *email,
                       PairingsRole    role,
                       PairingsStatus  status)
{
  g_autoptr(GError) error = NULL;
  PairingsApplicationData data = {
    .name = name, .email = email, .role = role, .status = status,
    .capacity = role == PAIRINGS_ROLE_MENTOR ? 2 : 1,
  };

  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &data, &error), >, 0);
  g_assert_no_error (error);
}

const PairingsFormImportProblem *
ptest_problem (PairingsFormImportReport *report,
               guint                     i)
{
  g_assert_cmpuint (i, <, report->skipped->len);
  return &g_array_index (report->skipped, PairingsFormImportProblem, i);
}

void
ptest_assert_problem (PairingsFormImportReport *report,
                      guint                     i,
                      guint                     line,
                      const char               *field,
                      const char               *reason_part)
{
  const PairingsFormImportProblem *p = ptest_problem (report, i);

  g_test_message ("problem %u: line %u, %s: %s", i, p->line, p->field, p->reason);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpstr (p->field, ==, field);
  g_assert_nonnull (strstr (p->reason, reason_part));
}

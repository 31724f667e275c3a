/* test-store-stress.c: the database under stress — backups and restores,
 * and the refusals: a newer file, a read-only file, a full disk, a lock
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pairings-store-private.h"
#include "pairings-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static const char * const content_queries[] = {
  "SELECT name FROM programmes ORDER BY id",
  "SELECT name FROM cohorts ORDER BY id",
  NULL
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-stress-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "programme.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_chmod (f->dir, 0700);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PairingsStore *
open_with_programme (const char *path,
                     const char *programme)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  if (programme != NULL)
    {
      pairings_store_add_programme (store, programme, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static char *
integrity_of (const char *path)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  return query_text (store, "PRAGMA integrity_check");
}

/* Refusals ---------------------------------------------------------------- */

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = g_strdup_printf ("%d", PAIRINGS_STORE_SCHEMA_VERSION + 5);

  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %s", version);
    ptest_exec (store, sql);
  }
  before = file_digest (f->path);

  g_assert_null (pairings_store_open (f->path, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Pairings"));
  g_assert_nonnull (strstr (error->message, version));

  /* Not a byte changed, and no journal left beside it. */
  after = file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* Root writes to a 0444 file; a process that gave up root does not. */
static void
drop_root (void)
{
  struct passwd *nobody = getpwnam ("nobody");

  g_assert_nonnull (nobody);
  g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
  g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
  /* Without root, the sanitizers still need to trace this process. */
  prctl (PR_SET_DUMPABLE, 1);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("PAIRINGS_STRESS_DB");
      g_autoptr(PairingsStore) store = NULL;
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0)
        drop_root ();

      /* Reading still works; the first write is refused. */
      store = pairings_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pairings_store_find_programme (store, "Physics"), >, 0);
      g_assert_cmpint (pairings_store_add_programme (store, "Chemistry", &error), <=, 0);
      g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO);
      g_printerr ("%s\n", error->message);
      return;
    }

  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  }
  /* As for a coordinator who made the file read-only in their own folder:
   * run as root, the folder and file are given to the user the test
   * process becomes. */
  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      g_assert_cmpint (chown (f->dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
      g_assert_cmpint (chown (f->path, nobody->pw_uid, nobody->pw_gid), ==, 0);
    }
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_setenv ("PAIRINGS_STRESS_DB", f->path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*read-only*nothing was changed*");

  /* SQLite gave the files beside it the database's mode. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);

      g_chmod (path, 0600);
    }
  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, NULL);
    g_autofree char *check = query_text (store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
    g_assert_cmpint (pairings_store_find_programme (store, "Physics"), >, 0);
    g_assert_cmpint (pairings_store_find_programme (store, "Chemistry"), <=, 0);
  }
}

static char *
write_applications_csv (const char *dir,
                        guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("Name,Email,Motivation\r\n");
  g_autofree char *motivation = g_strnfill (400, 'm');

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "Person %u,person%u@example.org,%s %u\r\n",
                            i, i, motivation, i);
  return ptest_write_file (dir, "applications.csv", csv->str, csv->len);
}

static gint64 fsize_limit;

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { fsize_limit, fsize_limit };

  /* Ignored, the signal stays ignored through exec: writes fail with EFBIG. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static GSubprocess *
spawn_cli (GSubprocessLauncher  *launcher,
           const char * const   *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *cli;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PAIRINGS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  cli = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return cli;
}

static int
finish_cli (GSubprocess  *cli,
            char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (cli, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli));
  return g_subprocess_get_exit_status (cli);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autofree char *csv = write_applications_csv (f->dir, 20000);
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *check = NULL;
  g_auto(Run) add = { 0, };
  GStatBuf st;

  ptest_run_cli (&add, NULL, "--database", f->path, "cohort", "add", "2025", NULL);
  g_assert_cmpint (add.status, ==, 0);
  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, NULL);
    before = ptest_digest (store, content_queries);
  }

  /* About 9 MB to import, 256 kB more room than the database has. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  fsize_limit = st.st_size + 256 * 1024;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
  cli = spawn_cli (launcher, (const char * const[]) {
    "--database", f->path, "import", "--cohort", "2025", "--role", "mentee", csv, NULL });

  g_assert_cmpint (finish_cli (cli, &err), ==, 3);
  g_test_message ("%s", err);
  /* Which write fails first decides whether SQLite can say why. */
  g_assert_true (strstr (err, "The disk is full; nothing was changed") != NULL ||
                 strstr (err, "the disk may be full. Nothing was changed.") != NULL);

  check = integrity_of (f->path);
  g_assert_cmpstr (check, ==, "ok");
  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, NULL);
    after = ptest_digest (store, content_queries);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, 0);
  }
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  sqlite3 *db;
  guint    release_after_ms;
} Holder;

static gpointer
release_lock (gpointer data)
{
  Holder *holder = data;

  g_usleep (holder->release_after_ms * 1000);
  g_assert_cmpint (sqlite3_exec (holder->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* A second program holds a write transaction while the CLI imports. */
static int
import_while_locked (Fixture  *f,
                     guint     hold_ms,
                     char    **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *csv = write_applications_csv (f->dir, 3);
  g_auto(Run) add = { 0, };
  Holder holder = { NULL, hold_ms };
  int status;

  ptest_run_cli (&add, NULL, "--database", f->path, "cohort", "add", "2025", NULL);
  g_assert_cmpint (add.status, ==, 0);

  g_assert_cmpint (sqlite3_open (f->path, &holder.db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("holder", release_lock, &holder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  cli = spawn_cli (launcher, (const char * const[]) {
    "--database", f->path, "import", "--cohort", "2025", "--role", "mentee", csv, NULL });
  status = finish_cli (cli, err);

  g_thread_join (g_steal_pointer (&thread));
  sqlite3_close (holder.db);
  return status;
}

static void
test_locked_released (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autoptr(PairingsStore) store = NULL;

  g_assert_cmpint (import_while_locked (f, 1000, &err), ==, 0);
  store = open_with_programme (f->path, NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, 3);
}

static void
test_locked_too_long (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autoptr(PairingsStore) store = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (import_while_locked (f, 7000, &err), ==, 3);
  g_assert_nonnull (strstr (err, "The database is in use by another program"));
  /* It waited for the busy timeout before giving up. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);

  store = open_with_programme (f->path, NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, 0);
}

/* Backups ----------------------------------------------------------------- */

static GDateTime *
day (int year,
     int month,
     int d)
{
  return g_date_time_new_local (year, month, d, 9, 30, 0);
}

static void
test_rotate (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  static const char * const old[] = {
    "programme-2026-01-01.db", "programme-2026-01-03.db", "programme-2026-01-05.db",
  };
  static const char * const others[] = {
    "programme-notes.txt", "programme-2026-13-01.db", "other-2025-01-01.db",
    "programme-before-restore-2025-01-01-101010.db",
  };

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    g_free (ptest_write_file (backups, old[i], "old", -1));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_free (ptest_write_file (backups, others[i], "other", -1));

  /* Today's backup is made, and only the three newest kept. */
  {
    g_autoptr(GDateTime) today = day (2026, 1, 10);
    g_autofree char *made = g_build_filename (backups, "programme-2026-01-10.db", NULL);
    g_autofree char *gone = g_build_filename (backups, "programme-2026-01-01.db", NULL);
    g_autofree char *kept = g_build_filename (backups, "programme-2026-01-03.db", NULL);

    g_assert_true (pairings_store_rotate_backups (store, backups, 3, today, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
    assert_mode (made, 0600);
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
    {
      g_autoptr(PairingsStore) copy = pairings_store_open (made, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pairings_store_find_programme (copy, "Physics"), >, 0);
    }
  }

  /* The same day again: nothing new; the next day, one more and one fewer. */
  {
    g_autoptr(GDateTime) today = day (2026, 1, 10);
    g_autoptr(GDateTime) tomorrow = day (2026, 1, 11);
    g_autofree char *next = g_build_filename (backups, "programme-2026-01-11.db", NULL);
    g_autofree char *gone = g_build_filename (backups, "programme-2026-01-03.db", NULL);
    g_autofree char *digest = NULL;
    g_autofree char *today_path = g_build_filename (backups, "programme-2026-01-10.db", NULL);

    digest = file_digest (today_path);
    pairings_store_add_programme (store, "Chemistry", &error);
    g_assert_no_error (error);
    g_assert_true (pairings_store_rotate_backups (store, backups, 3, today, &error));
    g_assert_no_error (error);
    {
      g_autofree char *again = file_digest (today_path);
      g_assert_cmpstr (digest, ==, again);
    }

    g_assert_true (pairings_store_rotate_backups (store, backups, 3, tomorrow, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (next, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  }

  /* A clock set back makes no backup older than the newest. */
  {
    g_autoptr(GDateTime) past = day (2025, 6, 1);
    g_autofree char *none = g_build_filename (backups, "programme-2025-06-01.db", NULL);

    g_assert_true (pairings_store_rotate_backups (store, backups, 3, past, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }

  /* Files that are not this database's automatic backups stay. */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (backups, others[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  {
    g_autofree char *path = g_build_filename (backups, "programme-2026-01-05.db", NULL);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_rotate_new_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  g_autofree char *backups = pairings_store_backups_dir (f->path);
  g_autofree char *made = NULL;
  g_autofree char *default_path = pairings_store_default_path ();
  g_autofree char *default_dir = pairings_store_backups_dir (default_path);
  g_autoptr(GDateTime) today = day (2026, 3, 2);
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  g_assert_true (g_str_has_suffix (backups, "programme.db.backups"));
  g_assert_true (g_str_has_suffix (default_dir, G_DIR_SEPARATOR_S "pairings" G_DIR_SEPARATOR_S "backups"));

  /* A permissive umask changes nothing: the folder and copies are private. */
  old_umask = umask (0);
  g_assert_true (pairings_store_rotate_backups (store, backups, 7, today, &error));
  umask (old_umask);
  g_assert_no_error (error);

  made = g_build_filename (backups, "programme-2026-03-02.db", NULL);
  assert_mode (backups, 0700);
  assert_mode (made, 0600);
}

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *nested = g_build_filename (f->dir, "new", "programme.db", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);

  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
    g_autoptr(PairingsStore) other = open_with_programme (nested, NULL);
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

    g_assert_true (pairings_store_backup (store, copy, &error));
    g_assert_no_error (error);
    assert_mode (f->path, 0600);
    assert_mode (wal, 0600);
    assert_mode (copy, 0600);
    assert_mode (nested, 0600);
  }
  umask (old_umask);
  {
    g_autofree char *parent = g_path_get_dirname (nested);
    assert_mode (parent, 0700);
  }
}

/* Restoring ---------------------------------------------------------------- */

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 4, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_store_backup (store, backup, &error));
  g_assert_no_error (error);
  pairings_store_add_programme (store, "Chemistry", &error);
  g_assert_no_error (error);

  g_assert_true (pairings_store_check_backup (backup, &error));
  g_assert_no_error (error);

  saved = pairings_store_backup_before_restore (store, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (saved, "programme-before-restore-2026-04-01-120000.db"));
  assert_mode (saved, 0600);

  g_assert_true (pairings_store_restore (store, backup, &error));
  g_assert_no_error (error);

  /* The same connection goes on with the restored data... */
  g_assert_cmpint (pairings_store_find_programme (store, "Physics"), >, 0);
  g_assert_cmpint (pairings_store_find_programme (store, "Chemistry"), <=, 0);
  pairings_store_add_programme (store, "Biology", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* ...which are in the file, whole; the state before is in the copy. */
  {
    g_autofree char *check = integrity_of (f->path);
    g_autoptr(PairingsStore) reopened = open_with_programme (f->path, NULL);
    g_autoptr(PairingsStore) before = open_with_programme (saved, NULL);
    g_autofree char *mode = query_text (reopened, "PRAGMA journal_mode");

    g_assert_cmpstr (check, ==, "ok");
    g_assert_cmpstr (mode, ==, "wal");
    g_assert_cmpint (pairings_store_find_programme (reopened, "Biology"), >, 0);
    g_assert_cmpint (pairings_store_find_programme (reopened, "Chemistry"), <=, 0);
    g_assert_cmpint (pairings_store_find_programme (before, "Chemistry"), >, 0);
  }
  assert_mode (f->path, 0600);
}

static void
assert_restore_refused (PairingsStore *store,
                        const char    *backup,
                        int            code,
                        const char    *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ptest_digest (store, content_queries);
  g_autofree char *after = NULL;

  g_assert_false (pairings_store_check_backup (backup, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, code);
  g_clear_error (&error);

  g_assert_false (pairings_store_restore (store, backup, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));

  after = ptest_digest (store, content_queries);
  g_assert_cmpstr (before, ==, after);
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *text = ptest_write_file (f->dir, "notes.db", "not a database\n", -1);
  g_autofree char *empty = ptest_write_file (f->dir, "empty.db", "", 0);
  g_autoptr(GError) error = NULL;

  /* A backup from a newer Pairings. */
  {
    g_autoptr(PairingsStore) other = open_with_programme (newer, "Chemistry");
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                            PAIRINGS_STORE_SCHEMA_VERSION + 1);
    ptest_exec (other, sql);
  }
  assert_restore_refused (store, newer, PAIRINGS_STORE_ERROR_TOO_NEW, "newer version of Pairings");

  /* Another program's SQLite file. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_restore_refused (store, foreign, PAIRINGS_STORE_ERROR_NOT_PAIRINGS, "not a Pairings");
  assert_restore_refused (store, text, PAIRINGS_STORE_ERROR_NOT_PAIRINGS, "not a Pairings");
  assert_restore_refused (store, empty, PAIRINGS_STORE_ERROR_NOT_PAIRINGS, "not a Pairings");

  /* A copy whose pages were damaged after the header. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    for (guint i = 0; i < 200; i++)
      {
        g_autofree char *name = g_strdup_printf ("Programme %u with a long name to fill pages", i);
        pairings_store_add_programme (store, name, &error);
        g_assert_no_error (error);
      }
    g_assert_true (pairings_store_backup (store, damaged, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 3 * 4096);
    memset (contents + 4096 + 100, 0x5a, 2 * 4096 - 200);
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  }
  assert_restore_refused (store, damaged, PAIRINGS_STORE_ERROR_NOT_PAIRINGS, damaged);
}

static void
test_restore_cli (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *backups = pairings_store_backups_dir (f->path);
  g_auto(Run) made = { 0, };
  g_auto(Run) restored = { 0, };
  g_auto(Run) refused = { 0, };
  g_autofree char *text = ptest_write_file (f->dir, "notes.db", "not a database\n", -1);

  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, "Physics");
  }
  ptest_run_cli (&made, NULL, "--database", f->path, "backup", backup, NULL);
  g_assert_cmpint (made.status, ==, 0);
  assert_mode (backup, 0600);
  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, "Chemistry");
  }

  ptest_run_cli (&refused, NULL, "--database", f->path, "restore", text, NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "not a Pairings"));

  ptest_run_cli (&restored, NULL, "--database", f->path, "restore", backup, NULL);
  g_assert_cmpint (restored.status, ==, 0);
  g_assert_nonnull (strstr (restored.err, "before-restore"));
  {
    g_autoptr(PairingsStore) store = open_with_programme (f->path, NULL);
    g_assert_cmpint (pairings_store_find_programme (store, "Physics"), >, 0);
    g_assert_cmpint (pairings_store_find_programme (store, "Chemistry"), <=, 0);
  }
  assert_mode (backups, 0700);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/stress/too-new", test_too_new);
  ADD ("/stress/read-only", test_read_only);
  ADD ("/stress/disk-full", test_disk_full);
  ADD ("/stress/locked/released", test_locked_released);
  ADD ("/stress/locked/too-long", test_locked_too_long);
  ADD ("/stress/backups/rotate", test_rotate);
  ADD ("/stress/backups/new-folder", test_rotate_new_folder);
  ADD ("/stress/file-modes", test_file_modes);
  ADD ("/stress/restore", test_restore);
  ADD ("/stress/restore/refused", test_restore_refused);
  ADD ("/stress/restore/cli", test_restore_cli);

#undef ADD

  return g_test_run ();
}

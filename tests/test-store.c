/* test-store.c: the database file, its schema and its upgrades
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pairings-application.h"
#include "pairings-cohort.h"
#include "pairings-store-private.h"
#include "pairings-test-utils.h"

static const char hostile[] = "Robert'); DROP TABLE people;--";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "programme.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
count_dir_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "new.db", NULL);
  g_autoptr(PairingsStore) nested_store = NULL;
  GStatBuf st;

  store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==, PAIRINGS_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), >=, 1000);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_true (pairings_store_is_empty (store));

  /* Owner only, the database and the write-ahead log beside it. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  pairings_store_add_programme (store, "Mentoring", &error);
  g_assert_no_error (error);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    if (g_stat (wal, &st) == 0)
      g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }

  /* Missing folders are made, private too. */
  nested_store = pairings_store_open (nested, &error);
  g_assert_no_error (error);
  {
    g_autofree char *parent = g_path_get_dirname (nested);
    g_assert_cmpint (g_stat (parent, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
}

static void
test_create_ignores_umask (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old = umask (0);
  GStatBuf st;

  store = pairings_store_open (f->path, &error);
  umask (old);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cohorts = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  PairingsCohortDates dates = { "2025-01-10", "2025-02-15", "2025-03-20", "2025-04-10", "2025-12-15" };
  gint64 programme;

  {
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_assert_no_error (error);
    programme = pairings_store_add_programme (store, "Physics mentoring", &error);
    g_assert_no_error (error);
    g_assert_cmpint (programme, >, 0);
    cohort = pairings_store_add_cohort (store, programme, "2025", &dates, 20, &error);
    g_assert_no_error (error);
    g_clear_object (&cohort);
  }

  {
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_false (pairings_store_is_empty (store));
    cohorts = pairings_store_list_cohorts (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cohorts), ==, 1);
    cohort = g_list_model_get_item (cohorts, 0);
    g_assert_cmpstr (pairings_cohort_get_name (cohort), ==, "2025");
    g_assert_cmpstr (pairings_cohort_get_programme_name (cohort), ==, "Physics mentoring");
    g_assert_cmpstr (pairings_cohort_get_call_opens (cohort), ==, "2025-01-10");
    g_assert_cmpstr (pairings_cohort_get_deadline (cohort), ==, "2025-02-15");
    g_assert_cmpstr (pairings_cohort_get_announcement (cohort), ==, "2025-03-20");
    g_assert_cmpstr (pairings_cohort_get_kick_off (cohort), ==, "2025-04-10");
    g_assert_cmpstr (pairings_cohort_get_ends (cohort), ==, "2025-12-15");
    g_assert_cmpint (pairings_cohort_get_pair_limit (cohort), ==, 20);
    /* Two creations, two events. */
    g_assert_cmpuint (pairings_store_count_events (store), ==, 2);
  }
}

/* A foreign file must be refused and left exactly as it was: no byte of it
 * changed, no journal or log created next to it. */
static void
assert_refused (Fixture    *f,
                const char *path,
                int         code)
{
  g_autofree char *before = file_digest (path);
  guint entries = count_dir_entries (f->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = NULL;
  g_autofree char *after = NULL;

  store = pairings_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PAIRINGS_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_dir_entries (f->dir), ==, entries);
}

static void
test_refuse_text_file (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "name,email\nAna,ana@cern.ch\n", -1, NULL));
  assert_refused (f, f->path, PAIRINGS_STORE_ERROR_NOT_PAIRINGS);

  /* Shorter than an SQLite header, and a header with nothing after it. */
  g_assert_true (g_file_set_contents (f->path, "SQLite format 3", -1, NULL));
  assert_refused (f, f->path, PAIRINGS_STORE_ERROR_NOT_PAIRINGS);
}

static void
test_refuse_other_sqlite (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);"
                                     "INSERT INTO photos (path) VALUES ('a.jpg')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, f->path, PAIRINGS_STORE_ERROR_NOT_PAIRINGS);

  /* Another application's id, even with no tables. */
  g_unlink (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234; VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, f->path, PAIRINGS_STORE_ERROR_NOT_PAIRINGS);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }

  /* As a later Pairings would leave it: our id, a higher version. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (f, f->path, PAIRINGS_STORE_ERROR_TOO_NEW);
}

static void
test_refuse_directory (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = NULL;

  store = pairings_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS);
}

static void
test_empty_file_becomes_database (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION);
}

/* Upgrades ----------------------------------------------------------------- */

/* Every schema this project ever shipped is kept as tests/migrations/vN.sql
 * (a dump with one row of everything); each must open and reach the
 * current version with its rows intact. */
static void
test_migrate_fixtures (Fixture       *f,
                       gconstpointer  data)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "migrations", NULL);
  guint checked = 0;

  for (int version = 1; version < PAIRINGS_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.sql", version);
      g_autofree char *sql_path = g_build_filename (dir, name, NULL);
      g_autofree char *db_path = g_strdup_printf ("%s/from-v%d.db", f->dir, version);
      g_autofree char *sql = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PairingsStore) store = NULL;
      sqlite3 *db = NULL;

      g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
      g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = pairings_store_open (db_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, 2);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pairs"), ==, 1);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM confidential_answers"), ==, 1);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM people"), ==, 2);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications a JOIN people p"
                                         " ON p.id = a.person_id"), ==, 2);
      /* Version 3 holds the address key in a named unique index. */
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_index_list('people')"
                                         " WHERE name = 'people_email_key' AND \"unique\""), ==, 1);
      g_assert_false (_pairings_store_exec (store, "INSERT INTO people (email, email_key, name)"
                                                   " SELECT email, email_key, name FROM people LIMIT 1",
                                            NULL));
      if (version >= 2)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM confidential_before"), ==, 1);
      g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
      {
        g_autofree char *check = query_text (store, "PRAGMA integrity_check");
        g_assert_cmpstr (check, ==, "ok");
      }
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      checked++;

      if (version < PAIRINGS_STORE_SCHEMA_VERSION)
        {
          g_autofree char *backup = g_strdup_printf ("%s.bak-v%d", db_path, version);
          g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
        }
    }

  g_assert_cmpuint (checked, ==, PAIRINGS_STORE_SCHEMA_VERSION - 1);
}

/* The built-in migrations and one more, as the next version will add. */
static PairingsMigration *
migrations_plus (const char *sql,
                 guint      *n_out)
{
  guint n;
  const PairingsMigration *builtin = _pairings_schema_get_migrations (&n);
  PairingsMigration *all = g_new0 (PairingsMigration, n + 1);

  g_assert_cmpuint (n, ==, PAIRINGS_STORE_SCHEMA_VERSION);
  memcpy (all, builtin, n * sizeof *builtin);
  all[n].version = PAIRINGS_STORE_SCHEMA_VERSION + 1;
  all[n].sql = sql;
  *n_out = n + 1;
  return all;
}

/* An upgrade to the next version, which this test adds: the copy is made
 * first, the new table appears, and the rows stay. */
static void
test_migrate_success (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.bak-v%d", f->path, PAIRINGS_STORE_SCHEMA_VERSION);
  g_autofree PairingsMigration *migrations = NULL;
  guint n;

  migrations = migrations_plus ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
                                "ALTER TABLE programmes ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue';",
                                &n);

  {
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_assert_no_error (error);
    pairings_store_add_programme (store, "Kept", &error);
    g_assert_no_error (error);
  }

  {
    g_autoptr(PairingsStore) store = _pairings_store_open_full (f->path, migrations, n, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION + 1);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM notes"), ==, 0);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM programmes WHERE colour = 'blue'"), ==, 1);
  }

  /* The copy is a database of the previous version, with the programme. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  {
    g_autoptr(PairingsStore) copy = pairings_store_open (backup, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pairings_store_get_schema_version (copy), ==, PAIRINGS_STORE_SCHEMA_VERSION);
    g_assert_cmpint (pairings_store_find_programme (copy, "Kept"), >, 0);
  }
}

/* Opens the fixture's database (a programme "Kept" in it) with a next
 * version whose migration is @sql, which must be refused with an error
 * holding @message; the file must then be exactly as it was, and open as
 * before. Returns the store opened again, for the caller's checks. */
static PairingsStore *
assert_migration_refused (Fixture    *f,
                          const char *sql,
                          const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree PairingsMigration *migrations = NULL;
  PairingsStore *store;
  guint n;

  migrations = migrations_plus (sql, &n);
  store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  pairings_store_add_programme (store, "Kept", &error);
  g_assert_no_error (error);
  g_assert_true (_pairings_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_object_unref (store);
  before = file_digest (f->path);

  store = _pairings_store_open_full (f->path, migrations, n, &error);
  g_assert_null (store);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, message));
  g_clear_error (&error);

  /* Opened again, with whatever a write-ahead log held written back: the
   * file is byte for byte what it was. */
  store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pairings_store_find_programme (store, "Kept"), >, 0);
  g_assert_true (_pairings_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  after = file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
  return store;
}

/* A next version that fails halfway (its second statement is wrong): the
 * database must be left as it was, with its version and its data; the
 * message names the backup. */
static void
test_migrate_failure (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *backup_name = g_strdup_printf (".bak-v%d", PAIRINGS_STORE_SCHEMA_VERSION);
  g_autoptr(PairingsStore) store = assert_migration_refused (f, "CREATE TABLE notes (id INTEGER PRIMARY KEY);"
                                                                "INSERT INTO no_such_table VALUES (1);",
                                                             backup_name);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'"), ==, 0);
}

/* A next version that leaves a row pointing at nothing (migrations run with
 * foreign keys off, so SQLite itself would not stop it) is refused when
 * the references are checked, before the commit: the file stays as it
 * was. */
static void
test_migrate_broken_reference (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PairingsStore) store =
    assert_migration_refused (f, "INSERT INTO cohorts (programme_id, name) VALUES (4242, 'Orphan');",
                              "1 row refers to a row that does not exist");

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cohorts WHERE name = 'Orphan'"), ==, 0);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
}

/* Hostile text is data, never SQL. */
static void
test_hostile_strings (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsCohort) found = NULL;
  g_autoptr(GListModel) applications = NULL;
  g_autoptr(PairingsApplication) app = NULL;
  const char *types[] = { hostile, "Career advancement", NULL };
  PairingsApplicationData data_in = {
    .name = hostile,
    .email = "robert'--@example.org",
    .role = PAIRINGS_ROLE_MENTEE,
    .institution = "'; DELETE FROM applications; --",
    .mentoring_types = types,
    .motivation = "\"); DROP TABLE events; --\nsecond line",
    .capacity = 1,
  };
  gint64 programme;
  gint64 id;

  g_assert_no_error (error);
  programme = pairings_store_add_programme (store, hostile, &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (store, programme, hostile, NULL, -1, &error);
  g_assert_no_error (error);
  id = pairings_store_add_application (store, pairings_cohort_get_id (cohort), &data_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  found = pairings_store_find_cohort (store, hostile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pairings_cohort_get_programme_name (found), ==, hostile);

  applications = pairings_store_list_applications (store, pairings_cohort_get_id (cohort), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (applications), ==, 1);
  app = g_list_model_get_item (applications, 0);
  g_assert_cmpstr (pairings_application_get_name (app), ==, hostile);
  g_assert_cmpstr (pairings_application_get_institution (app), ==, data_in.institution);
  g_assert_cmpstr (pairings_application_get_motivation (app), ==, data_in.motivation);
  g_assert_cmpstr (pairings_application_get_mentoring_types (app)[0], ==, hostile);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'people'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM events"), ==, 3);
}

static void
test_cohort_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
  PairingsCohortDates bad_date = { "2025-02-30", NULL, NULL, NULL, NULL };
  PairingsCohortDates backwards = { "2025-03-01", "2025-02-01", NULL, NULL, NULL };
  gint64 programme;
  guint events;

  g_assert_no_error (error);
  programme = pairings_store_add_programme (store, "P", &error);
  g_assert_no_error (error);
  events = pairings_store_count_events (store);

  g_assert_null (pairings_store_add_cohort (store, programme, "  ", NULL, -1, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (pairings_store_add_cohort (store, programme, "2025", &bad_date, -1, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);

  g_assert_null (pairings_store_add_cohort (store, programme, "2025", &backwards, -1, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (pairings_store_add_cohort (store, programme + 100, "2025", NULL, -1, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(PairingsCohort) ok = pairings_store_add_cohort (store, programme, "2025", NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pairings_cohort_get_pair_limit (ok), ==, 10);
  }
  g_assert_null (pairings_store_add_cohort (store, programme, "2025", NULL, -1, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_null (pairings_store_find_cohort (store, "2031", &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (pairings_store_add_programme (store, "P", &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (pairings_store_add_programme (store, "", &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Only the one good cohort was written, and logged. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cohorts"), ==, 1);
  g_assert_cmpuint (pairings_store_count_events (store), ==, events + 1);
}

static void
test_application_bad_input (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
  g_autoptr(PairingsCohort) cohort = NULL;
  PairingsApplicationData good = {
    .name = "Zoë Ångström", .email = "Zoe@CERN.ch", .role = PAIRINGS_ROLE_MENTOR, .capacity = 2,
    .submitted_at = "2025-02-01T10:00:00Z", .pronouns = "she/her",
  };
  PairingsApplicationData bad;
  gint64 cohort_id;

  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (store, pairings_store_add_programme (store, "P", NULL),
                                      "2025", NULL, -1, &error);
  g_assert_no_error (error);
  cohort_id = pairings_cohort_get_id (cohort);

  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &good, &error), >, 0);
  g_assert_no_error (error);

  /* Same person, other case: the same person, so a second mentor
   * application in the cohort is refused, but a mentee one is fine. */
  bad = good;
  bad.email = "zoe@cern.CH";
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  bad.role = PAIRINGS_ROLE_MENTEE;
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people"), ==, 1);

  bad = good;
  bad.email = "not an address";
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  bad = good;
  bad.name = " ";
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  bad = good;
  bad.capacity = -1;
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  bad = good;
  bad.email = "other@cern.ch";
  bad.submitted_at = "yesterday";
  g_assert_cmpint (pairings_store_add_application (store, cohort_id, &bad, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  bad = good;
  bad.email = "other@cern.ch";
  g_assert_cmpint (pairings_store_add_application (store, cohort_id + 50, &bad, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing of the refused ones was written: no person, no event. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM events WHERE entity = 'application'"), ==, 2);

  /* The confidential answer is stored apart, and kept out of the log. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM confidential_answers WHERE pronouns = 'she/her'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM events WHERE after LIKE '%she/her%'"), ==, 0);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  GStatBuf st;

  g_assert_no_error (error);
  pairings_store_add_programme (store, "Backed up", &error);
  g_assert_no_error (error);

  g_assert_true (pairings_store_backup (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    g_autoptr(PairingsStore) restored = pairings_store_open (copy, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pairings_store_find_programme (restored, "Backed up"), >, 0);
  }

  /* An existing file is never overwritten. */
  {
    g_autofree char *before = file_digest (copy);
    g_autofree char *after = NULL;
    g_assert_false (pairings_store_backup (store, copy, &error));
    g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS);
    after = file_digest (copy);
    g_assert_cmpstr (before, ==, after);
    g_clear_error (&error);
  }

  /* A folder that does not exist. */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "missing", "copy.db", NULL);
    g_assert_false (pairings_store_backup (store, nowhere, &error));
    g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO);
  }
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
  g_autoptr(PairingsStore) other = NULL;
  g_autoptr(GTimer) timer = NULL;

  g_assert_no_error (error);
  other = pairings_store_open (f->path, &error);
  g_assert_no_error (error);

  /* Another connection holds the write lock: a write waits for the busy
   * timeout, then reports the database as in use, and changes nothing. */
  sqlite3_busy_timeout (_pairings_store_get_db (store), 200);
  g_assert_true (_pairings_store_exec (other, "BEGIN IMMEDIATE", NULL));
  timer = g_timer_new ();
  g_assert_cmpint (pairings_store_add_programme (store, "Waiting", &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_BUSY);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), >=, 0.15);
  g_assert_true (_pairings_store_exec (other, "ROLLBACK", NULL));
  g_clear_error (&error);

  g_assert_cmpint (pairings_store_add_programme (store, "Waiting", &error), >, 0);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/create", test_create);
  ADD ("/store/create-ignores-umask", test_create_ignores_umask);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/refuse/text-file", test_refuse_text_file);
  ADD ("/store/refuse/other-sqlite", test_refuse_other_sqlite);
  ADD ("/store/refuse/newer-version", test_refuse_newer);
  ADD ("/store/refuse/directory", test_refuse_directory);
  ADD ("/store/empty-file", test_empty_file_becomes_database);
  ADD ("/store/migrate/fixtures", test_migrate_fixtures);
  ADD ("/store/migrate/success", test_migrate_success);
  ADD ("/store/migrate/failure", test_migrate_failure);
  ADD ("/store/migrate/broken-reference", test_migrate_broken_reference);
  ADD ("/store/hostile-strings", test_hostile_strings);
  ADD ("/store/cohort-bad-input", test_cohort_bad_input);
  ADD ("/store/application-bad-input", test_application_bad_input);
  ADD ("/store/backup", test_backup);
  ADD ("/store/busy", test_busy);

  return g_test_run ();
}

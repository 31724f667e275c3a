/* test-kill.c: SIGKILL in the middle of an import, a board move and an
 * upgrade leaves a database that is whole, with all of the change or none
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kill points are random; the seed is printed, and
 * PAIRINGS_KILL_SEED=<seed> replays a run.
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pairings-board.h"
#include "pairings-cohort.h"
#include "pairings-test-utils.h"

#define KILLS 5
#define IMPORT_ROWS 30000
#define BOARD_MENTORS 20
#define BOARD_MENTEES 40
#define MIGRATION_EVENTS 150000

static GRand *rng;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-kill-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

static void
assert_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Kills @pid after @delay_us, unless it ended before; returns TRUE when the
 * signal was what ended it. */
static gboolean
kill_after (GPid   pid,
            gint64 delay_us)
{
  int status = 0;
  gint64 deadline = g_get_monotonic_time () + delay_us;

  while (g_get_monotonic_time () < deadline)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return FALSE;
      g_usleep (500);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

/* Import ---------------------------------------------------------------------- */

static GPid
spawn_import (const char *db,
              const char *csv)
{
  const char *argv[] = { g_getenv ("PAIRINGS_CLI"), "--database", db, "import", "--cohort", "2025",
                         "--role", "mentee", csv, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.db", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) s = g_string_new ("Timestamp,Email,Name,Home institution,Motivation\n");
  gint64 duration;

  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (s, "2025-01-%02u,person%u@kill.example,Person %u,Lab %u,"
                               "\"I want to learn, and %u reasons\"\n", 1 + i % 28, i, i, i % 50, i);
  g_assert_true (g_file_set_contents (csv, s->str, (gssize) s->len, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsStore) store = pairings_store_open (pristine, &error);
    g_autoptr(PairingsCohort) cohort = NULL;
    gint64 programme;

    g_assert_no_error (error);
    programme = pairings_store_add_programme (store, "Kill", &error);
    cohort = pairings_store_add_cohort (store, programme, "2025", NULL, 20, &error);
    g_assert_no_error (error);
  }

  /* One whole run, to know how long an import takes. */
  {
    g_autofree char *db = g_build_filename (f->dir, "timing.db", NULL);
    gint64 start = g_get_monotonic_time ();
    int status = 0;
    GPid pid;

    copy_file (pristine, db);
    pid = spawn_import (db, csv);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    duration = g_get_monotonic_time () - start;
    g_printerr ("# import of %d rows: %.2f s\n", IMPORT_ROWS, duration / 1e6);
  }

  for (guint k = 0; k < KILLS; k++)
    {
      g_autofree char *db = g_strdup_printf ("%s/import-%u.db", f->dir, k);
      gint64 delay = g_rand_int_range (rng, 0, (gint32) MIN (duration * 13 / 10, G_MAXINT32));
      sqlite3 *raw = NULL;
      gboolean killed;
      gint64 count;

      copy_file (pristine, db);
      killed = kill_after (spawn_import (db, csv), delay);

      /* Opening replays the hot journal or the WAL, as the next user would. */
      g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
      assert_integrity (raw);
      count = raw_int (raw, "SELECT count(*) FROM applications");
      g_printerr ("# import kill %u at %.3f s (%s): %" G_GINT64_FORMAT " applications\n",
                  k, delay / 1e6, killed ? "killed" : "had finished", count);
      g_assert_true (count == 0 || count == IMPORT_ROWS);
      g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM events WHERE action = 'import'"), ==,
                       count == 0 ? 0 : 1);
      if (count == 0)
        g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM people"), ==, 0);
      sqlite3_close (raw);
    }
}

/* Board ----------------------------------------------------------------------- */

static gint64
add_person (PairingsStore *store,
            gint64         cohort_id,
            PairingsRole   role,
            guint          i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s %u", role == PAIRINGS_ROLE_MENTOR ? "Mentor" : "Mentee", i);
  g_autofree char *email = g_strdup_printf ("%s%u@board.example", role == PAIRINGS_ROLE_MENTOR ? "mentor" : "mentee", i);
  PairingsApplicationData app = {
    .name = name, .email = email, .role = role, .status = PAIRINGS_STATUS_ACCEPTED,
    .capacity = role == PAIRINGS_ROLE_MENTOR ? 2 : 1,
  };
  gint64 id = pairings_store_add_application (store, cohort_id, &app, &error);

  g_assert_no_error (error);
  return id;
}

/* Positions are 0..n-1 in every stage, and the last board event says what
 * the pairs it touched look like now. */
static void
assert_board (sqlite3 *db,
              guint    n_pairs)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pairs"), ==, n_pairs);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT stage, count(*), min(position), max(position),"
                                           " count(DISTINCT position) FROM pairs GROUP BY cohort_id, stage",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 1);

      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, n - 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, n);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM events e, json_each(e.after, '$.pairs') j"
                                " JOIN pairs p ON p.id = json_extract(j.value, '$.id')"
                                " WHERE e.id = (SELECT max(id) FROM events WHERE action = 'board')"
                                " AND (p.stage <> json_extract(j.value, '$.stage')"
                                " OR p.position <> json_extract(j.value, '$.position'))"), ==, 0);
}

static void
random_move (PairingsStore *store,
             GRand         *r,
             const gint64  *pairs,
             guint          n_pairs)
{
  gint64 ids[3];
  guint n = (guint) g_rand_int_range (r, 1, 4);

  for (guint i = 0; i < n; i++)
    ids[i] = pairs[g_rand_int_range (r, 0, (gint32) n_pairs)];
  if (n == 2 && ids[0] == ids[1])
    n = 1;
  if (n == 3 && (ids[2] == ids[0] || ids[2] == ids[1]))
    n = ids[0] == ids[1] ? 1 : 2;
  pairings_board_move (store, ids, n, (PairingsStage) g_rand_int_range (r, 0, PAIRINGS_N_STAGES),
                       g_rand_int_range (r, -1, (gint32) n_pairs), NULL);
}

G_GNUC_NORETURN static void
move_forever (const char   *db,
              guint32       seed,
              const gint64 *pairs,
              guint         n_pairs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (db, &error);
  GRand *r = g_rand_new_with_seed (seed);

  if (store == NULL)
    _exit (3);
  for (;;)
    random_move (store, r, pairs, n_pairs);
}

/* Without any kill, every move keeps the board whole: else a failure
 * after a kill would say nothing about the kill. */
static void
control_moves (const char   *db,
               guint32       seed,
               const gint64 *pairs,
               guint         n_pairs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (db, &error);
  GRand *r = g_rand_new_with_seed (seed);

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      random_move (store, r, pairs, n_pairs);
      assert_board (_pairings_store_get_db (store), n_pairs);
    }
  g_rand_free (r);
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "board.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pairs[BOARD_MENTEES];
  gint64 moves_before = 0;

  {
    g_autoptr(PairingsStore) store = pairings_store_open (db, &error);
    g_autoptr(PairingsCohort) cohort = NULL;
    gint64 mentors[BOARD_MENTORS];
    gint64 programme;
    gint64 cohort_id;

    g_assert_no_error (error);
    programme = pairings_store_add_programme (store, "Board", &error);
    cohort = pairings_store_add_cohort (store, programme, "2025", NULL, -1, &error);
    g_assert_no_error (error);
    cohort_id = pairings_cohort_get_id (cohort);
    for (guint i = 0; i < BOARD_MENTORS; i++)
      mentors[i] = add_person (store, cohort_id, PAIRINGS_ROLE_MENTOR, i);
    for (guint i = 0; i < BOARD_MENTEES; i++)
      {
        gint64 mentee = add_person (store, cohort_id, PAIRINGS_ROLE_MENTEE, i);

        pairs[i] = pairings_board_pair (store, mentors[i % BOARD_MENTORS], mentee, TRUE, &error);
        g_assert_no_error (error);
        g_assert_cmpint (pairs[i], >, 0);
      }
  }

  control_moves (db, g_rand_int (rng), pairs, BOARD_MENTEES);

  for (guint k = 0; k < KILLS; k++)
    {
      guint32 seed = g_rand_int (rng);
      gint64 delay = g_rand_int_range (rng, 50000, 600000);
      sqlite3 *raw = NULL;
      gint64 moves;
      GPid pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        move_forever (db, seed, pairs, BOARD_MENTEES);
      g_assert_true (kill_after (pid, delay));

      g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
      assert_integrity (raw);
      assert_board (raw, BOARD_MENTEES);
      moves = raw_int (raw, "SELECT count(*) FROM events WHERE action = 'board'");
      g_printerr ("# board kill %u at %.3f s: %" G_GINT64_FORMAT " board events committed so far\n",
                  k, delay / 1e6, moves);
      g_assert_cmpint (moves, >=, moves_before);
      moves_before = moves;
      sqlite3_close (raw);
    }

  /* And the core still opens it and loads the board. */
  {
    g_autoptr(PairingsStore) store = pairings_store_open (db, &error);
    PairingsBoard *board;

    g_assert_no_error (error);
    board = pairings_board_load (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (board->pairs->len, ==, BOARD_MENTEES);
    pairings_board_free (board);
  }
}

/* Migration ------------------------------------------------------------------- */

static void
make_old_database (const char *path)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "migrations", NULL);
  g_autofree char *sql_path = g_build_filename (dir, "v1.sql", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* Enough history that the copy and the new index take a while. */
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO events (actor, action, entity, after)"
                                           " VALUES ('kill', ?, 'application', json_object('n', ?, 'note', ?))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < MIGRATION_EVENTS; i++)
    {
      sqlite3_bind_text (stmt, 1, i % 3 ? "review" : "import", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, "a note of some length, as committee members write them", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GPid
fork_open (const char *path)
{
  GPid pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      PairingsStore *store = pairings_store_open (path, &error);

      _exit (store != NULL ? 0 : 3);
    }
  return pid;
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pristine = g_build_filename (f->dir, "v1.db", NULL);
  gint64 duration;

  make_old_database (pristine);
  {
    g_autofree char *db = g_build_filename (f->dir, "timing.db", NULL);
    gint64 start = g_get_monotonic_time ();
    int status = 0;
    GPid pid;

    copy_file (pristine, db);
    pid = fork_open (db);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    duration = g_get_monotonic_time () - start;
    g_printerr ("# upgrade of a v1 database with %d events: %.3f s\n", MIGRATION_EVENTS, duration / 1e6);
  }

  for (guint k = 0; k < KILLS; k++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/migration-%u", f->dir, k);
      g_autofree char *db = g_build_filename (sub, "old.db", NULL);
      gint64 delay = g_rand_int_range (rng, 0, (gint32) MIN (duration * 13 / 10, G_MAXINT32));
      g_autoptr(PairingsStore) store = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *raw = NULL;
      gboolean killed;
      gint64 version;
      gint64 has_table;
      gint64 has_index;

      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
      copy_file (pristine, db);
      killed = kill_after (fork_open (db), delay);

      g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
      assert_integrity (raw);
      version = raw_int (raw, "PRAGMA user_version");
      has_table = raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'confidential_before'");
      has_index = raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'events_action'");
      g_printerr ("# migration kill %u at %.3f s (%s): version %" G_GINT64_FORMAT "\n",
                  k, delay / 1e6, killed ? "killed" : "had finished", version);
      /* The old schema intact, or the new one complete. */
      g_assert_true (version == 1 || version == PAIRINGS_STORE_SCHEMA_VERSION);
      g_assert_cmpint (has_table, ==, version == 1 ? 0 : 1);
      g_assert_cmpint (has_index, ==, version == 1 ? 0 : 1);
      g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM applications"), ==, 2);
      g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM events"), >=, MIGRATION_EVENTS);
      sqlite3_close (raw);

      /* Whatever the kill left next to it, the next start upgrades. */
      store = pairings_store_open (db, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pairings_store_get_schema_version (store), ==, PAIRINGS_STORE_SCHEMA_VERSION);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *env_seed = g_getenv ("PAIRINGS_KILL_SEED");
  guint32 seed = env_seed ? (guint32) g_ascii_strtoull (env_seed, NULL, 10) : g_random_int ();
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_printerr ("# seed %u (PAIRINGS_KILL_SEED=%u replays it)\n", seed, seed);
  rng = g_rand_new_with_seed (seed);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kill/import", test_import);
  ADD ("/kill/board", test_board);
  ADD ("/kill/migration", test_migration);

  rc = g_test_run ();
  g_rand_free (rng);
  return rc;
}

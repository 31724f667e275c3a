/* test-app.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application as a user starts it, twice: the second start hands its
 * database to the instance already running (GApplication uniqueness on the
 * session bus) and ends at once, instead of opening the same file a second
 * time behind the first one's back.
 *
 * Each test runs the real `pairings` binary on a private session bus
 * (GTestDBus) under the X server the suite runs in, and looks at the first
 * instance's windows through what GtkApplication publishes on the bus:
 * every application window exports its actions at <app path>/window/<id>.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pairings-demo.h"
#include "pairings-test-utils.h"

#define APP_PATH "/io/github/pairings/Pairings"

static char *display;

typedef struct
{
  GPid     pid;
  gboolean exited;
  int      status;
} Child;

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  char            *dir;
  Child            first;
} Fixture;

static void
child_exited (GPid     pid,
              int      status,
              gpointer user_data)
{
  Child *child = user_data;

  child->exited = TRUE;
  child->status = status;
  g_spawn_close_pid (pid);
}

/* Starts the app on @database; with @log, its standard output and error
 * go there (GLib writes debug messages to the output) and every debug
 * message is on. */
static void
start (Child      *child,
       const char *database,
       const char *log)
{
  const char *gui = g_getenv ("PAIRINGS_GUI");
  const char *argv[] = { gui, "--database", database, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int fd = -1;

  g_assert_nonnull (gui);
  if (log != NULL)
    {
      fd = g_open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      g_assert_cmpint (fd, >=, 0);
      envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "all", TRUE);
    }
  child->exited = FALSE;
  g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, -1, fd, fd, NULL, NULL, 0,
                                    &child->pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (fd >= 0)
    close (fd);
  g_child_watch_add (child->pid, child_exited, child);
}

/* Runs the main loop until @done says so or @seconds pass; FALSE on time out. */
typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static gboolean
wait_for (Fixture       *f,
          Condition      done,
          gconstpointer  data,
          double         seconds)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  while (!done (f, data))
    {
      if (g_timer_elapsed (timer, NULL) > seconds)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return TRUE;
}

static gboolean
child_has_exited (Fixture       *f,
                  gconstpointer  data)
{
  return ((const Child *) data)->exited;
}

static gboolean
name_has_owner (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Whether the running instance has a window with this id: its actions are
 * on the bus while it is open. */
static gboolean
has_window (Fixture *f,
            guint    id)
{
  g_autofree char *path = g_strdup_printf (APP_PATH "/window/%u", id);
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (f->connection, APP_ID, path, "org.gtk.Actions", "List",
                                       NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  return reply != NULL;
}

static gboolean
window_appeared (Fixture       *f,
                 gconstpointer  data)
{
  return has_window (f, GPOINTER_TO_UINT (data));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-app-XXXXXX", &error);
  g_assert_no_error (error);

  /* The private bus unsets DISPLAY too; the app still needs the suite's
   * X server. */
  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  g_setenv ("DISPLAY", display, TRUE);
  f->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->first.pid != 0 && !f->first.exited)
    {
      kill (f->first.pid, SIGTERM);
      wait_for (f, child_has_exited, &f->first, 20);
    }
  g_clear_object (&f->connection);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);

  remove_tree (f->dir);
  g_free (f->dir);
}

/* Starts the first instance and waits for its window (ASan builds start
 * slowly). */
static void
start_first (Fixture    *f,
             const char *database,
             const char *log)
{
  start (&f->first, database, log);
  g_assert_true (wait_for (f, name_has_owner, NULL, 60));
  g_assert_true (wait_for (f, window_appeared, GUINT_TO_POINTER (1), 60));
  g_assert_false (f->first.exited);
}

/* The second start of the same database ends at once and the first
 * instance keeps a single window for it (brought to the front, not
 * opened again). The first runs on the demo programme with every debug
 * message on: its log names no one. */
static void
test_same_database (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *database = g_build_filename (f->dir, "programme.db", NULL);
  g_autofree char *log = g_build_filename (f->dir, "first.log", NULL);
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  Child second = { 0 };
  GStatBuf info;
  guint people = 0;

  store = pairings_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_true (pairings_demo_fill (store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (database, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  start_first (f, database, log);

  start (&second, database, NULL);
  g_assert_true (wait_for (f, child_has_exited, &second, 60));
  g_assert_true (g_spawn_check_wait_status (second.status, &error));
  g_assert_no_error (error);

  /* Still one window, still the first process. */
  g_assert_false (f->first.exited);
  g_assert_true (has_window (f, 1));
  g_assert_false (has_window (f, 2));

  kill (f->first.pid, SIGTERM);
  g_assert_true (wait_for (f, child_has_exited, &f->first, 30));
  g_assert_true (g_file_get_contents (log, &text, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("the first instance logged %zu bytes", strlen (text));
  folded = g_utf8_casefold (text, -1);
  stmt = _pairings_store_prepare (store, "SELECT email FROM people UNION SELECT name FROM applications", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *who = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 0), -1);

      if (strstr (folded, who) != NULL)
        g_error ("the app's debug output names “%s”:\n%s", who, text);
      people++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (people, >, 100);
}

/* A second start with another database opens it in the running instance:
 * a second window appears there, and the second process ends. */
static void
test_other_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first_db = g_build_filename (f->dir, "first.db", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  Child second = { 0 };

  start_first (f, first_db, NULL);

  start (&second, other_db, NULL);
  g_assert_true (wait_for (f, child_has_exited, &second, 60));
  g_assert_true (g_spawn_check_wait_status (second.status, &error));
  g_assert_no_error (error);

  g_assert_true (wait_for (f, window_appeared, GUINT_TO_POINTER (2), 30));
  g_assert_true (g_file_test (other_db, G_FILE_TEST_EXISTS));
  g_assert_false (f->first.exited);

  /* Quitting through the application's own action ends it cleanly. */
  reply = g_dbus_connection_call_sync (f->connection, APP_ID, APP_PATH, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (f, child_has_exited, &f->first, 60));
  g_assert_true (g_spawn_check_wait_status (f->first.status, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  display = g_strdup (g_getenv ("DISPLAY"));
  if (display == NULL)
    {
      /* A GUI test needs an X server: the suite runs under Xvfb. */
      g_printerr ("test-app: DISPLAY is not set\n");
      return 1;
    }
  /* Without an accessibility bus on the private session bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/app/second-start-same-database", test_same_database);
  ADD ("/app/second-start-other-database", test_other_database);

  return g_test_run ();
}

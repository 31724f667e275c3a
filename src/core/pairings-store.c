/* pairings-store.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pairings-application-private.h"
#include "pairings-cohort-private.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER_SIZE 100

struct _PairingsStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *actor;
  GHashTable *statements;  /* const char *sql → sqlite3_stmt * */
  guint       transaction_depth;
};

G_DEFINE_FINAL_TYPE (PairingsStore, pairings_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pairings-store-error-quark, pairings_store_error)

static void
pairings_store_finalize (GObject *object)
{
  PairingsStore *self = (PairingsStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->actor);

  G_OBJECT_CLASS (pairings_store_parent_class)->finalize (object);
}

static void
pairings_store_class_init (PairingsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pairings_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pairings_store_init (PairingsStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->actor = g_strdup (g_get_user_name ());
}

char *
pairings_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pairings", "pairings.db", NULL);
}

void
_pairings_store_set_error (PairingsStore  *self,
                           int             rc,
                           GError        **error)
{
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  /* A write that hits the file size limit or a full quota is an I/O error
   * to SQLite, but the same thing as a full disk to the user. */
  if ((rc & 0xff) == SQLITE_IOERR && self != NULL && self->db != NULL)
    {
      int system_errno = sqlite3_system_errno (self->db);

      /* The database file's own last error, when the write that failed was
       * to it: sqlite3_system_errno() may have been overwritten since. */
      if (system_errno == 0)
        sqlite3_file_control (self->db, "main", SQLITE_FCNTL_LAST_ERRNO, &system_errno);
      if (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT)
        rc = SQLITE_FULL;
    }

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_BUSY,
                   _("The database is in use by another program; try again when it is closed"));
      break;

    case SQLITE_FULL:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("The disk is full; nothing was changed"));
      break;

    case SQLITE_READONLY:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("The database “%s” is read-only; nothing was changed. Make the file "
                     "writable, or open a copy of it."),
                   self && self->path ? self->path : "");
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE)
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                       _("The database could not be written; the disk may be full. "
                         "Nothing was changed."));
          break;
        }
      G_GNUC_FALLTHROUGH;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("The database cannot be written: %s"), detail);
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                     _("This refers to something that no longer exists"));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                     _("This entry already exists"));
      else
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                     _("The value is not allowed: %s"), detail);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("The file is not a Pairings database or is damaged: %s"), detail);
      break;

    default:
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_SQL,
                   _("Database error: %s"), detail);
    }
}

sqlite3 *
_pairings_store_get_db (PairingsStore *self)
{
  return self->db;
}

sqlite3_stmt *
_pairings_store_prepare (PairingsStore  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pairings_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_pairings_store_exec (PairingsStore  *self,
                      const char     *sql,
                      GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _pairings_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pairings_store_step_done (PairingsStore  *self,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rc = sqlite3_extended_errcode (self->db);
      _pairings_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

void
_pairings_store_bind_text (sqlite3_stmt *stmt,
                           int           index,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (so that a second
 * writer waits at the start, not halfway), inner ones are savepoints. */
/* SQLite counts every allocation under a global lock unless told not to;
 * nothing here reads those statistics, and with an import reading on one
 * thread while it writes on another the lock shows in profiles. This must
 * happen before SQLite initialises itself; later it is refused, harmlessly. */
static void
configure_sqlite (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

gboolean
_pairings_store_in_transaction (PairingsStore *self)
{
  return self->transaction_depth > 0;
}

/* Switches between WAL (@wal TRUE, the usual mode) and a rollback journal
 * for one bulk write. Leaving WAL needs the only connection to the file:
 * when another one has it open, SQLite stays in WAL and this returns FALSE. */
gboolean
_pairings_store_set_journal (PairingsStore *self,
                             gboolean       wal)
{
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;

  if (sqlite3_prepare_v2 (self->db, wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    done = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), wal ? "wal" : "delete") == 0;
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, wal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
                NULL, NULL, NULL);
  return done;
}

gboolean
_pairings_store_begin (PairingsStore  *self,
                       GError        **error)
{
  g_autofree char *sql = NULL;

  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT nested_%u", self->transaction_depth);

  if (!_pairings_store_exec (self, sql, error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

gboolean
_pairings_store_commit (PairingsStore  *self,
                        GError        **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE nested_%u", self->transaction_depth - 1);

  /* On failure the transaction stays open: the caller rolls it back, as
   * on any other failure. */
  if (!_pairings_store_exec (self, sql, error))
    return FALSE;

  self->transaction_depth--;
  return TRUE;
}

void
_pairings_store_rollback (PairingsStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO nested_%u; RELEASE nested_%u",
                           self->transaction_depth, self->transaction_depth);

  /* A failed rollback means SQLite already rolled back by itself. */
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

gboolean
_pairings_store_log_event (PairingsStore  *self,
                           const char     *action,
                           const char     *entity,
                           gint64          entity_id,
                           const char     *before_json,
                           const char     *after_json,
                           GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (self,
                                  "INSERT INTO events (actor, action, entity, entity_id, before, after)"
                                  " VALUES (?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  _pairings_store_bind_text (stmt, 1, self->actor);
  _pairings_store_bind_text (stmt, 2, action);
  _pairings_store_bind_text (stmt, 3, entity);
  if (entity_id > 0)
    sqlite3_bind_int64 (stmt, 4, entity_id);
  _pairings_store_bind_text (stmt, 5, before_json);
  _pairings_store_bind_text (stmt, 6, after_json);

  return _pairings_store_step_done (self, stmt, error);
}

/* Opening ------------------------------------------------------------------ */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file before SQLite touches it, so that a foreign file is
 * refused without a single byte of it (or a journal next to it) changed. */
static gboolean
check_existing_file (const char  *path,
                     gboolean    *is_new,
                     GError     **error)
{
  static const char magic[] = "SQLite format 3";
  guint8 header[SQLITE_HEADER_SIZE];
  GStatBuf st;
  ssize_t n;
  int fd;

  *is_new = FALSE;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          *is_new = TRUE;
          return TRUE;
        }
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings database: it is not a regular file"), path);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n != (ssize_t) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings database: it is not an SQLite file"), path);
      return FALSE;
    }

  /* Offset 68 is the application id, 40 the schema cookie: a database of
   * another program has its own id, or at least a schema. */
  if (read_be32 (header + 68) != PAIRINGS_STORE_APPLICATION_ID &&
      (read_be32 (header + 68) != 0 || read_be32 (header + 40) != 0))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings database: it belongs to another program"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  /* The data is personal: owner only, from the first byte. SQLite gives
   * its -wal and -shm files the same mode as the database. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
query_int (PairingsStore  *self,
           const char     *sql,
           int            *value,
           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    _pairings_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

/* The header check cannot see changes still in the write-ahead log, so the
 * identity is checked again through SQLite, still without writing. */
static gboolean
check_identity (PairingsStore  *self,
                int            *version,
                GError        **error)
{
  int app_id = 0;
  int n_tables = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((guint32) app_id != PAIRINGS_STORE_APPLICATION_ID && (app_id != 0 || n_tables > 0))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings database: it belongs to another program"),
                   self->path);
      return FALSE;
    }

  if (*version > PAIRINGS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Pairings (database version %d; "
                     "this version reads up to %d). Update Pairings to open it."),
                   self->path, *version, PAIRINGS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
copy_database (sqlite3     *source,
               const char  *destination,
               GError     **error);

static gboolean
migrate (PairingsStore            *self,
         int                       from_version,
         const PairingsMigration  *migrations,
         guint                     n_migrations,
         GError                  **error)
{
  g_autofree char *backup = NULL;
  g_autoptr(GError) local_error = NULL;
  int target = 0;

  for (guint i = 0; i < n_migrations; i++)
    target = MAX (target, migrations[i].version);
  if (from_version >= target)
    return TRUE;

  /* A copy first: if anything goes wrong later, the coordinator still has
   * the file exactly as it was before the upgrade. */
  if (from_version > 0)
    {
      backup = g_strdup_printf ("%s.bak-v%d", self->path, from_version);
      if (!copy_database (self->db, backup, error))
        return FALSE;
    }

  if (!_pairings_store_begin (self, &local_error))
    goto failed;

  for (guint i = 0; i < n_migrations; i++)
    {
      if (migrations[i].version <= from_version)
        continue;
      if (!_pairings_store_exec (self, migrations[i].sql, &local_error))
        {
          _pairings_store_rollback (self);
          goto failed;
        }
    }

  {
    g_autofree char *pragmas =
      g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                       target, PAIRINGS_STORE_APPLICATION_ID);
    int broken = 0;

    if (query_int (self, "SELECT count(*) FROM pragma_foreign_key_check", &broken, &local_error) &&
        broken > 0)
      g_set_error (&local_error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_MIGRATION,
                   g_dngettext (GETTEXT_PACKAGE, "%d row refers to a row that does not exist",
                                "%d rows refer to rows that do not exist", broken),
                   broken);
    if (local_error != NULL || !_pairings_store_exec (self, pragmas, &local_error))
      {
        _pairings_store_rollback (self);
        goto failed;
      }
  }

  if (!_pairings_store_commit (self, &local_error))
    {
      _pairings_store_rollback (self);
      goto failed;
    }

  return TRUE;

failed:
  if (backup != NULL)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_MIGRATION,
                 _("Could not upgrade “%s” from version %d to %d: %s. The file was left as "
                   "it was; a copy is in “%s”."),
                 self->path, from_version, target, local_error->message, backup);
  else
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_MIGRATION,
                 _("Could not create the tables of “%s”: %s"),
                 self->path, local_error->message);
  return FALSE;
}

PairingsStore *
_pairings_store_open_full (const char              *path,
                           const PairingsMigration *migrations,
                           guint                    n_migrations,
                           GError                 **error)
{
  g_autoptr(PairingsStore) self = NULL;
  gboolean is_new = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_existing_file (path, &is_new, error))
    return NULL;
  if (is_new && !create_private_file (path, error))
    return NULL;

  self = g_object_new (PAIRINGS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  configure_sqlite ();
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _pairings_store_set_error (self, rc, error);
      g_prefix_error (error, _("Cannot open “%s”: "), path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!check_identity (self, &version, error))
    return NULL;

  /* Foreign keys are enforced once the schema is current: a migration may
   * make a table again, which must not cascade to the rows that refer to
   * it; migrate() checks every reference before it commits. */
  if (!_pairings_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_pairings_store_exec (self, "PRAGMA foreign_keys = OFF", error) ||
      !_pairings_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* Temporary tables (an import's copy of confidential answers) and
       * statement journals stay in memory: personal data never goes to a
       * temporary file, and an import's statements write nothing twice. */
      !_pairings_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (!migrate (self, version, migrations, n_migrations, error) ||
      !_pairings_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&self);
}

PairingsStore *
pairings_store_open (const char  *path,
                     GError     **error)
{
  const PairingsMigration *migrations;
  guint n_migrations;

  migrations = _pairings_schema_get_migrations (&n_migrations);
  return _pairings_store_open_full (path, migrations, n_migrations, error);
}

const char *
pairings_store_get_path (PairingsStore *self)
{
  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);
  return self->path;
}

int
pairings_store_get_schema_version (PairingsStore *self)
{
  int version = -1;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), -1);
  query_int (self, "PRAGMA user_version", &version, NULL);
  return version;
}

const char *
pairings_store_get_actor (PairingsStore *self)
{
  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);
  return self->actor;
}

void
pairings_store_set_actor (PairingsStore *self,
                          const char    *actor)
{
  g_return_if_fail (PAIRINGS_IS_STORE (self));

  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

gboolean
pairings_store_is_empty (PairingsStore *self)
{
  int n = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), TRUE);
  query_int (self, "SELECT count(*) FROM programmes", &n, NULL);
  return n == 0;
}

guint
pairings_store_count_events (PairingsStore *self)
{
  int n = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), 0);
  query_int (self, "SELECT count(*) FROM events", &n, NULL);
  return (guint) n;
}

/* Backups ------------------------------------------------------------------ */

/* Copies with SQLite's backup API into a private temporary file next to the
 * destination, then renames it: a reader never sees half a copy. */
static gboolean
copy_database (sqlite3     *source,
               const char  *destination,
               GError     **error)
{
  g_autofree char *tmp = g_strconcat (destination, ".part-XXXXXX", NULL);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot write a copy to “%s”: %s"), destination, g_strerror (errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &target, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, 256);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }

  /* The copy is a plain rollback-journal file, complete on its own. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (target);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot write a copy to “%s”: %s"), destination, sqlite3_errstr (rc));
      return FALSE;
    }

  if (g_rename (tmp, destination) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot write a copy to “%s”: %s"), destination, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

gboolean
pairings_store_backup (PairingsStore  *self,
                       const char     *destination,
                       GError        **error)
{
  g_return_val_if_fail (PAIRINGS_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another name for the backup"), destination);
      return FALSE;
    }

  return copy_database (self->db, destination, error);
}

/* Automatic backups -------------------------------------------------------- */

char *
pairings_store_backups_dir (const char *database_path)
{
  g_autofree char *default_path = pairings_store_default_path ();

  g_return_val_if_fail (database_path != NULL, NULL);

  if (g_strcmp0 (database_path, default_path) == 0)
    return g_build_filename (g_get_user_data_dir (), "pairings", "backups", NULL);
  return g_strconcat (database_path, ".backups", NULL);
}

/* "programme.db" has backups named "programme-YYYY-MM-DD.db". */
static char *
backup_prefix (PairingsStore *self)
{
  g_autofree char *base = g_path_get_basename (self->path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_strconcat (base, "-", NULL);
}

static gboolean
is_backup_name (const char *name,
                const char *prefix)
{
  const char *date = name + strlen (prefix);
  guint year, month, day;
  char tail[4] = "";

  if (!g_str_has_prefix (name, prefix) || strlen (date) != strlen ("YYYY-MM-DD.db"))
    return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%3s", &year, &month, &day, tail) != 4 ||
      !g_str_equal (tail, ".db"))
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the automatic backups in @dir, oldest first (the ISO dates
 * sort as strings). */
static GPtrArray *
list_backups (const char  *dir,
              const char  *prefix,
              GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (is_backup_name (name, prefix))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* Makes today's backup in @dir unless the newest there is from today (or,
 * with a clock set back, later), then deletes all but the @keep newest.
 * Only files named like an automatic backup of this database are touched. */
gboolean
pairings_store_rotate_backups (PairingsStore  *self,
                               const char     *dir,
                               guint           keep,
                               GDateTime      *today,
                               GError        **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  prefix = backup_prefix (self);
  date = g_date_time_format (today, "%Y-%m-%d");
  name = g_strconcat (prefix, date, ".db", NULL);
  names = list_backups (dir, prefix, NULL);
  if (names == NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot read the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  if (keep > 0 && (names->len == 0 || g_strcmp0 (g_ptr_array_index (names, names->len - 1), name) < 0))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!pairings_store_backup (self, path, error))
        return FALSE;
      g_ptr_array_add (names, g_steal_pointer (&name));
    }

  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                       _("Cannot delete the old backup “%s”: %s"), path, g_strerror (errno));
          return FALSE;
        }
    }

  return TRUE;
}

/* Restoring ---------------------------------------------------------------- */

static gboolean
raw_query_text (sqlite3     *db,
                const char  *sql,
                char       **value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      done = TRUE;
    }
  sqlite3_finalize (stmt);
  return done;
}

/* Reads the backup through SQLite, without writing to it: a Pairings
 * database, whole, and not newer than this program. */
static gboolean
check_backup (sqlite3     *source,
              const char  *path,
              GError     **error)
{
  g_autofree char *app_id = NULL;
  g_autofree char *version = NULL;
  g_autofree char *integrity = NULL;

  if (!raw_query_text (source, "PRAGMA application_id", &app_id) ||
      !raw_query_text (source, "PRAGMA user_version", &version) ||
      !raw_query_text (source, "PRAGMA integrity_check(1)", &integrity))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” cannot be read as a Pairings backup: %s. The database was not changed."),
                   path, sqlite3_errmsg (source));
      return FALSE;
    }

  if (g_ascii_strtoll (app_id, NULL, 10) != PAIRINGS_STORE_APPLICATION_ID ||
      g_ascii_strtoll (version, NULL, 10) < 1)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings backup. The database was not changed."), path);
      return FALSE;
    }

  if (g_ascii_strtoll (version, NULL, 10) > PAIRINGS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Pairings (database version %s; "
                     "this version reads up to %d). Update Pairings to restore it. The "
                     "database was not changed."),
                   path, version, PAIRINGS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!g_str_equal (integrity, "ok"))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is damaged (%s). The database was not changed."), path, integrity);
      return FALSE;
    }

  return TRUE;
}

static int
copy_into (sqlite3 *target,
           sqlite3 *source)
{
  sqlite3_backup *backup = sqlite3_backup_init (target, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (target);

  /* One step: the busy timeouts of both connections apply to it, and the
   * copy is made in a single write transaction on the target. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    return SQLITE_OK;
  return rc == SQLITE_OK ? sqlite3_extended_errcode (target) : rc;
}

/* Opens the backup at @path read-only, once it is known to be one that
 * can be restored. */
static sqlite3 *
open_backup (const char  *path,
             GError     **error)
{
  sqlite3 *source = NULL;
  gboolean is_new = FALSE;
  int rc;

  if (!check_existing_file (path, &is_new, error))
    return NULL;
  if (is_new)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_PAIRINGS,
                   _("“%s” is not a Pairings backup: it is empty or missing. The database "
                     "was not changed."),
                   path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, sqlite3_errstr (rc));
      sqlite3_close (source);
      return NULL;
    }
  sqlite3_busy_timeout (source, BUSY_TIMEOUT_MS);

  if (!check_backup (source, path, error))
    {
      sqlite3_close (source);
      return NULL;
    }
  return source;
}

/* Whether the file at @path can be restored: a whole Pairings database, not
 * newer than this program. Nothing is written. */
gboolean
pairings_store_check_backup (const char  *path,
                             GError     **error)
{
  sqlite3 *source;

  g_return_val_if_fail (path != NULL, FALSE);

  configure_sqlite ();
  source = open_backup (path, error);
  if (source == NULL)
    return FALSE;
  sqlite3_close (source);
  return TRUE;
}

/* Before a restore, a copy of the current state in the backups folder,
 * under a name the rotation never deletes. Returns its path. */
char *
pairings_store_backup_before_restore (PairingsStore  *self,
                                      GDateTime      *now,
                                      GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  dir = pairings_store_backups_dir (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return NULL;
    }

  prefix = backup_prefix (self);
  stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  name = g_strdup_printf ("%sbefore-restore-%s.db", prefix, stamp);
  path = g_build_filename (dir, name, NULL);

  if (!pairings_store_backup (self, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Replaces the whole content of the database with the backup at
 * @backup_path, through SQLite's backup API (the file stays open and
 * locked as usual). The backup is checked first; when it is refused or the
 * copy fails, the database is as it was. A backup from an older version is
 * upgraded after the copy. Back up the current state first: this is final. */
gboolean
pairings_store_restore (PairingsStore  *self,
                        const char     *backup_path,
                        GError        **error)
{
  const PairingsMigration *migrations;
  guint n_migrations;
  sqlite3 *source;
  gboolean was_wal;
  int version = 0;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  source = open_backup (backup_path, error);
  if (source == NULL)
    return FALSE;

  /* The statements kept for reuse hold the old schema. */
  g_hash_table_remove_all (self->statements);

  /* SQLite cannot copy between page sizes into a WAL database; out of WAL
   * it can, when this is the only connection to the file. */
  was_wal = _pairings_store_set_journal (self, FALSE);
  rc = copy_into (self->db, source);
  sqlite3_close (source);
  if (was_wal)
    _pairings_store_set_journal (self, TRUE);

  if (rc != SQLITE_OK)
    {
      _pairings_store_set_error (self, rc, error);
      g_prefix_error (error, _("Cannot restore “%s”: "), backup_path);
      return FALSE;
    }

  if (!query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  migrations = _pairings_schema_get_migrations (&n_migrations);
  return migrate (self, version, migrations, n_migrations, error);
}

/* pairings-store-private.h: what the core modules share about the store
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pairings-store.h"

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *sql;
} PairingsMigration;

const PairingsMigration *_pairings_schema_get_migrations (guint *n_migrations);

/* Opens @path with the given list of migrations instead of the built-in
 * one, so that tests can exercise upgrades and failed upgrades. */
PairingsStore *_pairings_store_open_full  (const char              *path,
                                           const PairingsMigration *migrations,
                                           guint                    n_migrations,
                                           GError                 **error);

sqlite3       *_pairings_store_get_db     (PairingsStore  *self);

/* A cached prepared statement, reset and with its bindings cleared. */
sqlite3_stmt  *_pairings_store_prepare    (PairingsStore  *self,
                                           const char     *sql,
                                           GError        **error);
gboolean       _pairings_store_exec       (PairingsStore  *self,
                                           const char     *sql,
                                           GError        **error);
/* Steps a statement that returns no row, then resets it. */
gboolean       _pairings_store_step_done  (PairingsStore  *self,
                                           sqlite3_stmt   *stmt,
                                           GError        **error);
void           _pairings_store_set_error  (PairingsStore  *self,
                                           int             rc,
                                           GError        **error);
void           _pairings_store_bind_text  (sqlite3_stmt   *stmt,
                                           int             index,
                                           const char     *text);

gboolean       _pairings_store_in_transaction (PairingsStore *self);
gboolean       _pairings_store_set_journal (PairingsStore *self,
                                            gboolean       wal);
gboolean       _pairings_store_begin      (PairingsStore  *self,
                                           GError        **error);
gboolean       _pairings_store_commit     (PairingsStore  *self,
                                           GError        **error);
void           _pairings_store_rollback   (PairingsStore  *self);

gboolean       _pairings_store_log_event  (PairingsStore  *self,
                                           const char     *action,
                                           const char     *entity,
                                           gint64          entity_id,
                                           const char     *before_json,
                                           const char     *after_json,
                                           GError        **error);

gboolean       _pairings_store_check_dates (const PairingsCohortDates  *dates,
                                            GError                    **error);

gint64         _pairings_store_ensure_person (PairingsStore *self,
                                              const char    *email,
                                              const char    *name,
                                              GError       **error);

G_END_DECLS

/* pairings-store.h: the SQLite file that holds a programme's whole history
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pairings-types.h"
#include "pairings-application.h"

G_BEGIN_DECLS

#define PAIRINGS_STORE_ERROR (pairings_store_error_quark ())

typedef enum
{
  PAIRINGS_STORE_ERROR_NOT_PAIRINGS,  /* the file is not a Pairings database */
  PAIRINGS_STORE_ERROR_TOO_NEW,       /* written by a newer Pairings */
  PAIRINGS_STORE_ERROR_MIGRATION,     /* an upgrade failed; the file is as it was */
  PAIRINGS_STORE_ERROR_IO,            /* the file or its folder cannot be used */
  PAIRINGS_STORE_ERROR_SQL,           /* SQLite reported an error */
  PAIRINGS_STORE_ERROR_BUSY,          /* another program holds the database */
  PAIRINGS_STORE_ERROR_NOT_FOUND,     /* no such programme, cohort, … */
  PAIRINGS_STORE_ERROR_EXISTS,        /* already there */
  PAIRINGS_STORE_ERROR_INVALID,       /* bad input from the user */
} PairingsStoreError;

/* The schema version this build writes, kept in PRAGMA user_version. */
#define PAIRINGS_STORE_SCHEMA_VERSION 3

/* PRAGMA application_id of every Pairings database: "Pair" in ASCII. */
#define PAIRINGS_STORE_APPLICATION_ID 0x50616972

#define PAIRINGS_TYPE_STORE (pairings_store_get_type ())

G_DECLARE_FINAL_TYPE (PairingsStore, pairings_store, PAIRINGS, STORE, GObject)

GQuark         pairings_store_error_quark          (void);
char          *pairings_store_default_path         (void);
PairingsStore *pairings_store_open                 (const char     *path,
                                                    GError        **error);
const char    *pairings_store_get_path             (PairingsStore  *self);
int            pairings_store_get_schema_version   (PairingsStore  *self);
const char    *pairings_store_get_actor            (PairingsStore  *self);
void           pairings_store_set_actor            (PairingsStore  *self,
                                                    const char     *actor);
gboolean       pairings_store_is_empty             (PairingsStore  *self);
gboolean       pairings_store_backup               (PairingsStore  *self,
                                                    const char     *destination,
                                                    GError        **error);
/* The folder of the automatic backups of the database at @database_path:
 * the user data folder's for the default database, "<database>.backups"
 * beside any other. */
char          *pairings_store_backups_dir          (const char     *database_path);
gboolean       pairings_store_rotate_backups       (PairingsStore  *self,
                                                    const char     *dir,
                                                    guint           keep,
                                                    GDateTime      *today,
                                                    GError        **error);
gboolean       pairings_store_check_backup         (const char     *path,
                                                    GError        **error);
char          *pairings_store_backup_before_restore (PairingsStore *self,
                                                    GDateTime      *now,
                                                    GError        **error);
gboolean       pairings_store_restore              (PairingsStore  *self,
                                                    const char     *backup_path,
                                                    GError        **error);

gint64         pairings_store_add_programme        (PairingsStore  *self,
                                                    const char     *name,
                                                    GError        **error);
gint64         pairings_store_find_programme       (PairingsStore  *self,
                                                    const char     *name);
gint64         pairings_store_ensure_programme     (PairingsStore  *self,
                                                    const char     *name,
                                                    GError        **error);

GListModel    *pairings_store_list_cohorts         (PairingsStore  *self,
                                                    GError        **error);
PairingsCohort *pairings_store_find_cohort         (PairingsStore  *self,
                                                    const char     *name,
                                                    GError        **error);
PairingsCohort *pairings_store_get_cohort          (PairingsStore  *self,
                                                    gint64          id,
                                                    GError        **error);
PairingsCohort *pairings_store_add_cohort          (PairingsStore  *self,
                                                    gint64          programme_id,
                                                    const char     *name,
                                                    const PairingsCohortDates *dates,
                                                    int             pair_limit,
                                                    GError        **error);

PairingsApplication *pairings_store_get_application (PairingsStore  *self,
                                                    gint64          id,
                                                    GError        **error);
GListModel    *pairings_store_list_applications    (PairingsStore  *self,
                                                    gint64          cohort_id,
                                                    GError        **error);
gint64         pairings_store_add_application      (PairingsStore  *self,
                                                    gint64          cohort_id,
                                                    const PairingsApplicationData *data,
                                                    GError        **error);
guint          pairings_store_count_events         (PairingsStore  *self);
/* The confidential answers of an application, for the review only: never
 * for a list, an export or the board. */
gboolean       pairings_store_get_confidential     (PairingsStore  *self,
                                                    gint64          application_id,
                                                    char          **pronouns,
                                                    char         ***identity_groups,
                                                    GError        **error);

G_END_DECLS

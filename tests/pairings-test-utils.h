/* pairings-test-utils.h: what several test programs need
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store-private.h"

G_BEGIN_DECLS

/* One run of pairings-cli: its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void  run_clear         (Run           *run);
/* Runs $PAIRINGS_CLI with the arguments (NULL-terminated), @env_extra
 * ("NAME=value", or NULL) added to the environment. */
void  ptest_run_cli     (Run           *run,
                         const char    *env_extra,
                         ...) G_GNUC_NULL_TERMINATED;
void  remove_tree       (const char    *dir);
char *file_digest       (const char    *path);
int   query_int         (PairingsStore *store,
                         const char    *sql);
char *query_text        (PairingsStore *store,
                         const char    *sql);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS

/* pairings-test-utils.h: what several test programs need
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-form-import.h"
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
guint ptest_count_reprepares (PairingsStore *store);
int   query_int         (PairingsStore *store,
                         const char    *sql);
char *query_text        (PairingsStore *store,
                         const char    *sql);

/* Writes @contents (@length bytes, -1: a string) to @name in @dir and
 * returns the path. */
char *ptest_write_file  (const char    *dir,
                         const char    *name,
                         const char    *contents,
                         gssize         length);
void  ptest_exec        (PairingsStore *store,
                         const char    *sql);
/* A digest of every row the NULL-terminated @queries return. */
char *ptest_digest      (PairingsStore *store,
                         const char * const *queries);
/* The @i-th problem of an import's report, and a check of it: its line,
 * its column (NULL: the row) and a part of its reason. */
const PairingsFormImportProblem *ptest_problem (PairingsFormImportReport *report,
                                                guint                     i);
void  ptest_assert_problem (PairingsFormImportReport *report,
                            guint                     i,
                            guint                     line,
                            const char               *field,
                            const char               *reason_part);
/* An application of @status in @cohort_id. */
void  ptest_add_application (PairingsStore  *store,
                             gint64          cohort_id,
                             const char     *name,
                             const char     *email,
                             PairingsRole    role,
                             PairingsStatus  status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS

/* pairings-demo.h: a realistic programme to try Pairings with
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_DEMO_PROGRAMME "Physics Collaboration Mentoring Programme"

/* Called now and then with the share of the work done, from 0 to 1. */
typedef void (*PairingsProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Fills @store with three yearly cohorts of the same deterministic demo
 * programme, in one transaction: all of it or nothing. Fails with
 * PAIRINGS_STORE_ERROR_EXISTS when the demo programme is already there. */
gboolean pairings_demo_fill (PairingsStore         *store,
                             PairingsProgressFunc   progress,
                             gpointer               user_data,
                             GError               **error);

G_END_DECLS

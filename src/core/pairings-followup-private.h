/* pairings-followup-private.h: what the follow-up modules share
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "followup" event's before and after are JSON objects
 *   {"pairs": [STATE, …], "created": {"pairs": [ROW, …], "applications": [ROW, …]}}
 * where STATE is one pair's whole follow-up state:
 *   {"id": P, "outcome": "active", "end_reason": "", "updated_at": …,
 *    "agreement": {"status": …, "sent_on": …, …} or null,
 *    "goals": [{"id": …, "text": …, "target_date": …, "status": …, "position": …}, …],
 *    "check_ins": [{"id": …, "date": …, "reporter": …, "status": …, "note": …}, …]}
 * and "created" (optional, only pairings_followup_continue() fills it)
 * lists whole rows that exist in this state and not in the other one
 * (replaying a state without them deletes them; with them, inserts them
 * back with the same ids). Replaying a state puts every listed pair's
 * follow-up back exactly (rows deleted and re-inserted with their ids).
 */

#pragma once

#include "pairings-followup.h"
#include "pairings-store-private.h"

G_BEGIN_DECLS

/* The follow-up state of @n pairs, as the "pairs" array's object above
 * ({"pairs": [...]}); NULL with an error if one is unknown. */
char     *_pairings_followup_snapshot (PairingsStore  *store,
                                       const gint64   *pair_ids,
                                       guint           n,
                                       GError        **error);

/* Inside an open transaction, after the change: logs the "followup" event
 * with @before (from _pairings_followup_snapshot() taken before the
 * change) and the state of the same pairs now. */
gboolean  _pairings_followup_log      (PairingsStore  *store,
                                       const char     *before,
                                       const gint64   *pair_ids,
                                       guint           n,
                                       GError        **error);

G_END_DECLS

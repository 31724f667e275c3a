/* pairings-board-page.h: the pairing board
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_BOARD_PAGE (pairings_board_page_get_type ())

G_DECLARE_FINAL_TYPE (PairingsBoardPage, pairings_board_page, PAIRINGS, BOARD_PAGE, GtkWidget)

void      pairings_board_page_show             (PairingsBoardPage *self,
                                                PairingsStore     *store,
                                                PairingsCohort    *cohort);
void      pairings_board_page_reload           (PairingsBoardPage *self);
void      pairings_board_page_set_meeting_mode (PairingsBoardPage *self,
                                                gboolean           meeting_mode);
gboolean  pairings_board_page_is_empty         (PairingsBoardPage *self);
/* Drops @payload ("pair:ID" or "person:ID") as a drag would, on the column
 * of @stage_or_pool ("mentees", "mentors" or a stage name) at @position,
 * or on the card of @target ("pair:ID", "person:ID"; NULL for the column). */
gboolean  pairings_board_page_drop             (PairingsBoardPage *self,
                                                const char        *payload,
                                                const char        *stage_or_pool,
                                                int                position,
                                                const char        *target);

G_END_DECLS

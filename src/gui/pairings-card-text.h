/* pairings-card-text.h: the texts and chips of the board's cards
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PAIRINGS_TYPE_CARD_TEXT (pairings_card_text_get_type ())
G_DECLARE_FINAL_TYPE (PairingsCardText, pairings_card_text, PAIRINGS, CARD_TEXT, GtkWidget)

GtkWidget  *pairings_card_text_new      (const char *text,
                                         gboolean    one_line);
const char *pairings_card_text_get_text (PairingsCardText *self);

#define PAIRINGS_TYPE_CARD_CHIPS (pairings_card_chips_get_type ())
G_DECLARE_FINAL_TYPE (PairingsCardChips, pairings_card_chips, PAIRINGS, CARD_CHIPS, GtkWidget)

GtkWidget  *pairings_card_chips_new     (const char * const *texts);

G_END_DECLS

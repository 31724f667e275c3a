/* pairings-privacy-dialog.h: the questions before a deletion or an anonymisation
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-store.h"

G_BEGIN_DECLS

/* Each asks with an AdwMessageDialog transient for @parent, saying what
 * would go, and does it on "delete" / "anonymise". Afterwards (or on an
 * error) it activates "win.privacy-done" on @parent with the message to
 * show; "win.privacy-done" reloads the window. Returns the dialog, already
 * presented, or NULL when there is nothing to ask (the error is then
 * reported the same way). */
GtkWidget *pairings_privacy_dialog_delete_person    (GtkWindow      *parent,
                                                     PairingsStore  *store,
                                                     const char     *email);
GtkWidget *pairings_privacy_dialog_anonymise_cohort (GtkWindow      *parent,
                                                     PairingsStore  *store,
                                                     PairingsCohort *cohort);

G_END_DECLS

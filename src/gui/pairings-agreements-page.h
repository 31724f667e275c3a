/* pairings-agreements-page.h: following the announced pairs
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_AGREEMENTS_PAGE (pairings_agreements_page_get_type ())

G_DECLARE_FINAL_TYPE (PairingsAgreementsPage, pairings_agreements_page, PAIRINGS, AGREEMENTS_PAGE, GtkWidget)

void        pairings_agreements_page_show          (PairingsAgreementsPage *self,
                                                    PairingsStore          *store,
                                                    PairingsCohort         *cohort);
void        pairings_agreements_page_reload        (PairingsAgreementsPage *self);
/* The day the rules are applied to (ISO date); NULL: today. For tests and
 * for looking back at a cohort. */
void        pairings_agreements_page_set_today     (PairingsAgreementsPage *self,
                                                    const char             *today);
const char *pairings_agreements_page_get_today     (PairingsAgreementsPage *self);
/* How many pairs need attention (overdue or at risk), for the page's
 * badge. */
guint       pairings_agreements_page_get_attention (PairingsAgreementsPage *self);
/* Imports a survey's CSV export ("agreements" or "check-ins") as the
 * page's menu does once a file is chosen. */
void        pairings_agreements_page_import        (PairingsAgreementsPage *self,
                                                    const char             *kind,
                                                    const char             *path);
/* The pair shown in the detail, or 0. */
gint64      pairings_agreements_page_get_selected  (PairingsAgreementsPage *self);

G_END_DECLS

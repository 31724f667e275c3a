/* pairings-applications-page.h: reading, scoring and deciding applications
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pairings-cohort.h"
#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_APPLICATIONS_PAGE (pairings_applications_page_get_type ())

G_DECLARE_FINAL_TYPE (PairingsApplicationsPage, pairings_applications_page, PAIRINGS, APPLICATIONS_PAGE,
                      GtkWidget)

void        pairings_applications_page_show     (PairingsApplicationsPage *self,
                                                 PairingsStore            *store,
                                                 PairingsCohort           *cohort);
void        pairings_applications_page_reload   (PairingsApplicationsPage *self);
void        pairings_applications_page_set_reviewer (PairingsApplicationsPage *self,
                                                     const char               *reviewer);
/* What the list shows now, after the filters, in its order. */
GListModel *pairings_applications_page_get_model (PairingsApplicationsPage *self);
void        pairings_applications_page_set_role_filter (PairingsApplicationsPage *self,
                                                        int                       role);
void        pairings_applications_page_set_unreviewed_only (PairingsApplicationsPage *self,
                                                            gboolean                  only);
void        pairings_applications_page_select   (PairingsApplicationsPage *self,
                                                 guint                     position,
                                                 gboolean                  add);
/* Scores the shown application with the reviewer's score and note, as
 * the detail pane's fields and Save Review do. */
void        pairings_applications_page_review   (PairingsApplicationsPage *self,
                                                 int                       score,
                                                 const char               *note);

void        pairings_applications_page_set_meeting_mode (PairingsApplicationsPage *self,
                                                         gboolean                  meeting_mode);

G_END_DECLS

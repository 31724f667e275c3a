/* pairings-application-private.h
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-application.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  gint64   cohort_id;
  gint64   person_id;
  double   review_mean;   /* < 0 when nobody scored it */
  guint    review_count;
  gboolean returning;
} PairingsApplicationIds;

/* The confidential fields of @data are ignored: they never live in the
 * objects that the lists and the board show. */
PairingsApplication *_pairings_application_new (const PairingsApplicationIds  *ids,
                                                const PairingsApplicationData *data);
typedef void (*PairingsSummaryRelease) (gpointer             owner,
                                        guint                slot,
                                        PairingsApplication *object);
PairingsApplication *_pairings_application_new_summary (const PairingsApplicationIds  *ids,
                                                        const PairingsApplicationData *data,
                                                        gpointer                       owner,
                                                        guint                          slot,
                                                        PairingsSummaryRelease         release);

G_END_DECLS

/* pairings-application-list.h: a cohort's applications as a lazy list model
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pairings-store.h"

G_BEGIN_DECLS

/* The columns a list can be sorted by; DEFAULT is role, then name. */
typedef enum
{
  PAIRINGS_APPLICATION_SORT_DEFAULT,
  PAIRINGS_APPLICATION_SORT_NAME,
  PAIRINGS_APPLICATION_SORT_ROLE,
  PAIRINGS_APPLICATION_SORT_INSTITUTION,
  PAIRINGS_APPLICATION_SORT_STAGE,
  PAIRINGS_APPLICATION_SORT_LOCATION,
  PAIRINGS_APPLICATION_SORT_TYPES,
  PAIRINGS_APPLICATION_SORT_STATUS,
  PAIRINGS_APPLICATION_SORT_SCORE,
  PAIRINGS_APPLICATION_SORT_REVIEWS,
  PAIRINGS_APPLICATION_SORT_SUBMITTED,
  PAIRINGS_APPLICATION_N_SORTS
} PairingsApplicationSort;

/* What the list shows: -1 (or NULL, FALSE) means any. @search is matched,
 * case-insensitively, against name, e-mail, institution and motivation;
 * @exclude holds application ids (pointers to gint64, g_int64_hash) to
 * leave out, e.g. those the reviewer has already reviewed. */
typedef struct
{
  int          role;
  int          status;
  int          career_stage;
  const char  *mentoring_type;
  gboolean     returning_only;
  GHashTable  *exclude;
  const char  *search;
} PairingsApplicationFilter;

#define PAIRINGS_TYPE_APPLICATION_LIST (pairings_application_list_get_type ())

G_DECLARE_FINAL_TYPE (PairingsApplicationList, pairings_application_list, PAIRINGS, APPLICATION_LIST, GObject)

PairingsApplicationList *pairings_application_list_new        (PairingsStore            *store,
                                                               gint64                    cohort_id,
                                                               GError                  **error);
gboolean                 pairings_application_list_reload     (PairingsApplicationList  *self,
                                                               GError                  **error);
gboolean                 pairings_application_list_refresh    (PairingsApplicationList  *self,
                                                               const gint64             *ids,
                                                               guint                     n_ids,
                                                               GError                  **error);
gboolean                 pairings_application_list_prepare_search (PairingsApplicationList *self,
                                                                   guint                    max_rows);
void                     pairings_application_list_set_sort   (PairingsApplicationList  *self,
                                                               PairingsApplicationSort   column,
                                                               gboolean                  descending);
void                     pairings_application_list_set_filter (PairingsApplicationList  *self,
                                                               const PairingsApplicationFilter *filter);
guint                    pairings_application_list_get_total  (PairingsApplicationList  *self);
gint64                   pairings_application_list_get_id     (PairingsApplicationList  *self,
                                                               guint                     position);
guint                    pairings_application_list_find       (PairingsApplicationList  *self,
                                                               gint64                    id);
GStrv                    pairings_application_list_get_mentoring_types (PairingsApplicationList *self);
guint                    pairings_application_list_get_n_objects (PairingsApplicationList *self);

char                    *pairings_sort_key                    (const char               *text);
char                    *pairings_search_fold                 (const char               *text);

G_END_DECLS

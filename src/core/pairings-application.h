/* pairings-application.h: a person applying in one role to one cohort
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pairings-types.h"

G_BEGIN_DECLS

#define PAIRINGS_TYPE_APPLICATION (pairings_application_get_type ())

G_DECLARE_FINAL_TYPE (PairingsApplication, pairings_application, PAIRINGS, APPLICATION, GObject)

gint64               pairings_application_get_id               (PairingsApplication *self);
gint64               pairings_application_get_cohort_id        (PairingsApplication *self);
gint64               pairings_application_get_person_id        (PairingsApplication *self);
const char          *pairings_application_get_name             (PairingsApplication *self);
const char          *pairings_application_get_email            (PairingsApplication *self);
PairingsRole         pairings_application_get_role             (PairingsApplication *self);
PairingsStatus       pairings_application_get_status           (PairingsApplication *self);
const char          *pairings_application_get_institution      (PairingsApplication *self);
const char          *pairings_application_get_experiment       (PairingsApplication *self);
const char          *pairings_application_get_location         (PairingsApplication *self);
const char          *pairings_application_get_department       (PairingsApplication *self);
const char          *pairings_application_get_timezone         (PairingsApplication *self);
PairingsCareerStage  pairings_application_get_career_stage     (PairingsApplication *self);
const char * const  *pairings_application_get_mentoring_types  (PairingsApplication *self);
const char * const  *pairings_application_get_languages        (PairingsApplication *self);
int                  pairings_application_get_capacity         (PairingsApplication *self);
const char          *pairings_application_get_motivation       (PairingsApplication *self);
const char          *pairings_application_get_submitted_at     (PairingsApplication *self);
double               pairings_application_get_review_mean      (PairingsApplication *self);
guint                pairings_application_get_review_count     (PairingsApplication *self);
gboolean             pairings_application_get_returning        (PairingsApplication *self);


G_END_DECLS

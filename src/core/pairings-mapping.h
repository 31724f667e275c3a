/* pairings-mapping.h: which column of a form's export holds which field
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pairings-types.h"

G_BEGIN_DECLS

/* The canonical fields of DESIGN.md, plus role and status so that an
 * applications export can be imported back. */
typedef enum
{
  PAIRINGS_FIELD_NAME,
  PAIRINGS_FIELD_EMAIL,
  PAIRINGS_FIELD_INSTITUTION,
  PAIRINGS_FIELD_EXPERIMENT,
  PAIRINGS_FIELD_DEPARTMENT,
  PAIRINGS_FIELD_LOCATION,
  PAIRINGS_FIELD_TIMEZONE,
  PAIRINGS_FIELD_LANGUAGES,
  PAIRINGS_FIELD_CAREER_STAGE,
  PAIRINGS_FIELD_MENTORING_TYPES,
  PAIRINGS_FIELD_CAPACITY,
  PAIRINGS_FIELD_MOTIVATION,
  PAIRINGS_FIELD_SUBMITTED_AT,
  PAIRINGS_FIELD_PRONOUNS,
  PAIRINGS_FIELD_IDENTITY_GROUPS,
  PAIRINGS_FIELD_ROLE,
  PAIRINGS_FIELD_STATUS,
} PairingsField;

#define PAIRINGS_N_FIELDS 17

#define PAIRINGS_MAPPING_ERROR (pairings_mapping_error_quark ())

typedef enum
{
  PAIRINGS_MAPPING_ERROR_INVALID,
  PAIRINGS_MAPPING_ERROR_MISSING_COLUMN,
} PairingsMappingError;

const char *pairings_field_to_string        (PairingsField  field);
gboolean    pairings_field_from_string      (const char    *str,
                                             PairingsField *field);
const char *pairings_field_get_label        (PairingsField  field);
gboolean    pairings_field_is_confidential  (PairingsField  field);

#define PAIRINGS_TYPE_MAPPING (pairings_mapping_get_type ())

G_DECLARE_FINAL_TYPE (PairingsMapping, pairings_mapping, PAIRINGS, MAPPING, GObject)

GQuark           pairings_mapping_error_quark     (void);
PairingsMapping *pairings_mapping_new             (void);
PairingsMapping *pairings_mapping_new_from_file   (const char       *path,
                                                   GError          **error);
PairingsMapping *pairings_mapping_new_from_data   (const char       *data,
                                                   gssize            length,
                                                   const char       *display_name,
                                                   GError          **error);
char            *pairings_mapping_to_data         (PairingsMapping  *self);
gboolean         pairings_mapping_save            (PairingsMapping  *self,
                                                   const char       *path,
                                                   GError          **error);

const char      *pairings_mapping_get_column      (PairingsMapping  *self,
                                                   PairingsField     field);
void             pairings_mapping_set_column      (PairingsMapping  *self,
                                                   PairingsField     field,
                                                   const char       *header);
const char * const *pairings_mapping_get_options  (PairingsMapping  *self);
void             pairings_mapping_add_option      (PairingsMapping  *self,
                                                   const char       *option);
void             pairings_mapping_set_career_stage (PairingsMapping *self,
                                                   const char       *label,
                                                   PairingsCareerStage stage);

/* Fills the fields that the preset leaves unset from the file's headers,
 * recognising common English and French questions. */
void             pairings_mapping_guess           (PairingsMapping  *self,
                                                   const char * const *headers);
/* For each field, the index of its column in @headers or -1. Fails when
 * a column named by the preset is not in the file, or when there is no
 * column for the name or the e-mail address. */
gboolean         pairings_mapping_resolve         (PairingsMapping  *self,
                                                   const char * const *headers,
                                                   const char       *file_name,
                                                   int               columns[PAIRINGS_N_FIELDS],
                                                   GError          **error);

/* The options of a multi-select answer: Google Forms joins them with ", ",
 * Microsoft Forms with ";". Known options may contain commas. */
GStrv            pairings_mapping_split_options   (PairingsMapping  *self,
                                                   const char       *answer);
/* Maps a career stage label; FALSE when the label is unknown. */
gboolean         pairings_mapping_career_stage    (PairingsMapping  *self,
                                                   const char       *label,
                                                   PairingsCareerStage *stage);

/* Lower case, accents and punctuation removed, spaces collapsed:
 * "Adresse e-mail :" and "adresse E-MAIL" are the same header. */
char            *pairings_normalize_label         (const char       *label);

G_END_DECLS

/* pairings-types.h: the words of the domain, shared by every layer
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PairingsCohort      PairingsCohort;
typedef struct _PairingsApplication PairingsApplication;

typedef enum
{
  PAIRINGS_ROLE_MENTEE,
  PAIRINGS_ROLE_MENTOR,
} PairingsRole;

#define PAIRINGS_N_ROLES 2

typedef enum
{
  PAIRINGS_STATUS_SUBMITTED,
  PAIRINGS_STATUS_ACCEPTED,
  PAIRINGS_STATUS_WAITLISTED,
  PAIRINGS_STATUS_DECLINED,
  PAIRINGS_STATUS_WITHDRAWN,
} PairingsStatus;

#define PAIRINGS_N_STATUSES 5

typedef enum
{
  PAIRINGS_STAGE_SUGGESTED,
  PAIRINGS_STAGE_DISCUSSION,
  PAIRINGS_STAGE_APPROVED,
  PAIRINGS_STAGE_ANNOUNCED,
  PAIRINGS_STAGE_SET_ASIDE,
} PairingsStage;

#define PAIRINGS_N_STAGES 5

/* Canonical career stages, from the most junior to the most senior. */
typedef enum
{
  PAIRINGS_CAREER_UNKNOWN,
  PAIRINGS_CAREER_UNDERGRADUATE,
  PAIRINGS_CAREER_GRADUATE,
  PAIRINGS_CAREER_POSTDOC,
  PAIRINGS_CAREER_ENGINEER,
  PAIRINGS_CAREER_JUNIOR_FACULTY,
  PAIRINGS_CAREER_SENIOR_FACULTY,
} PairingsCareerStage;

#define PAIRINGS_N_CAREER_STAGES 7

/* Dates are ISO 8601 calendar dates ("2025-03-01") or NULL when unset. */
typedef struct
{
  const char *call_opens;
  const char *deadline;
  const char *announcement;
  const char *kick_off;
  const char *ends;
} PairingsCohortDates;

/* What an application holds, as handed to the store. Strings may be NULL. */
typedef struct
{
  const char          *name;
  const char          *email;
  PairingsRole         role;
  PairingsStatus       status;
  const char          *institution;
  const char          *experiment;
  const char          *department;
  const char          *location;
  const char          *timezone;
  const char * const  *languages;
  PairingsCareerStage  career_stage;
  const char          *career_stage_raw;
  const char * const  *mentoring_types;
  int                  capacity;
  const char          *motivation;
  const char          *submitted_at;
  const char          *pronouns;         /* confidential */
  const char * const  *identity_groups;  /* confidential */
} PairingsApplicationData;

const char          *pairings_role_to_string          (PairingsRole         role);
gboolean             pairings_role_from_string        (const char          *str,
                                                       PairingsRole        *role);
const char          *pairings_role_get_label          (PairingsRole         role);
const char          *pairings_status_to_string        (PairingsStatus       status);
gboolean             pairings_status_from_string      (const char          *str,
                                                       PairingsStatus      *status);
const char          *pairings_status_get_label        (PairingsStatus       status);
const char          *pairings_stage_to_string         (PairingsStage        stage);
gboolean             pairings_stage_from_string       (const char          *str,
                                                       PairingsStage       *stage);
const char          *pairings_stage_get_label         (PairingsStage        stage);
const char          *pairings_career_stage_to_string  (PairingsCareerStage  stage);
gboolean             pairings_career_stage_from_string (const char         *str,
                                                       PairingsCareerStage *stage);
const char          *pairings_career_stage_get_label  (PairingsCareerStage  stage);
gboolean             pairings_date_is_valid           (const char          *iso_date);
char                *pairings_email_key               (const char          *email);
gboolean             pairings_email_is_plausible      (const char          *email);

G_END_DECLS

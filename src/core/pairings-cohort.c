/* pairings-cohort.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-cohort-private.h"

struct _PairingsCohort
{
  GObject  parent_instance;

  gint64   id;
  gint64   programme_id;
  char    *programme_name;
  char    *name;
  char    *call_opens;
  char    *deadline;
  char    *announcement;
  char    *kick_off;
  char    *ends;
  int      pair_limit;
};

G_DEFINE_FINAL_TYPE (PairingsCohort, pairings_cohort, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROGRAMME_NAME,
  PROP_PAIR_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pairings_cohort_finalize (GObject *object)
{
  PairingsCohort *self = (PairingsCohort *)object;

  g_free (self->programme_name);
  g_free (self->name);
  g_free (self->call_opens);
  g_free (self->deadline);
  g_free (self->announcement);
  g_free (self->kick_off);
  g_free (self->ends);

  G_OBJECT_CLASS (pairings_cohort_parent_class)->finalize (object);
}

static void
pairings_cohort_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PairingsCohort *self = PAIRINGS_COHORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PROGRAMME_NAME:
      g_value_set_string (value, self->programme_name);
      break;

    case PROP_PAIR_LIMIT:
      g_value_set_int (value, self->pair_limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pairings_cohort_class_init (PairingsCohortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pairings_cohort_finalize;
  object_class->get_property = pairings_cohort_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAMME_NAME] =
    g_param_spec_string ("programme-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAIR_LIMIT] =
    g_param_spec_int ("pair-limit", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pairings_cohort_init (PairingsCohort *self)
{
  self->pair_limit = -1;
}

PairingsCohort *
_pairings_cohort_new (gint64                     id,
                      gint64                     programme_id,
                      const char                *programme_name,
                      const char                *name,
                      const PairingsCohortDates *dates,
                      int                        pair_limit)
{
  PairingsCohort *self = g_object_new (PAIRINGS_TYPE_COHORT, NULL);

  self->id = id;
  self->programme_id = programme_id;
  self->programme_name = g_strdup (programme_name);
  self->name = g_strdup (name);
  if (dates != NULL)
    {
      self->call_opens = g_strdup (dates->call_opens);
      self->deadline = g_strdup (dates->deadline);
      self->announcement = g_strdup (dates->announcement);
      self->kick_off = g_strdup (dates->kick_off);
      self->ends = g_strdup (dates->ends);
    }
  self->pair_limit = pair_limit;

  return self;
}

gint64
pairings_cohort_get_id (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), 0);
  return self->id;
}

gint64
pairings_cohort_get_programme_id (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), 0);
  return self->programme_id;
}

const char *
pairings_cohort_get_programme_name (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->programme_name;
}

const char *
pairings_cohort_get_name (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->name;
}

const char *
pairings_cohort_get_call_opens (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->call_opens;
}

const char *
pairings_cohort_get_deadline (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->deadline;
}

const char *
pairings_cohort_get_announcement (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->announcement;
}

const char *
pairings_cohort_get_kick_off (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->kick_off;
}

const char *
pairings_cohort_get_ends (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), NULL);
  return self->ends;
}

int
pairings_cohort_get_pair_limit (PairingsCohort *self)
{
  g_return_val_if_fail (PAIRINGS_IS_COHORT (self), -1);
  return self->pair_limit;
}

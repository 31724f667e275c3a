/* pairings-application.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-application-private.h"

#include <string.h>

struct _PairingsApplication
{
  GObject              parent_instance;

  PairingsApplicationIds ids;
  char                *name;
  char                *email;
  PairingsRole         role;
  PairingsStatus       status;
  char                *institution;
  char                *experiment;
  char                *location;
  char                *department;
  char                *timezone;
  PairingsCareerStage  career_stage;
  char               **mentoring_types;
  char               **languages;
  int                  capacity;
  char                *motivation;
  char                *submitted_at;
  /* A summary borrows its texts from @owner instead of owning copies. */
  gpointer             owner;
  guint                slot;
  PairingsSummaryRelease release;
};

G_DEFINE_FINAL_TYPE (PairingsApplication, pairings_application, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_INSTITUTION,
  PROP_REVIEW_MEAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pairings_application_finalize (GObject *object)
{
  PairingsApplication *self = (PairingsApplication *)object;

  if (self->owner != NULL)
    {
      self->release (self->owner, self->slot, self);
      G_OBJECT_CLASS (pairings_application_parent_class)->finalize (object);
      return;
    }
  g_free (self->name);
  g_free (self->email);
  g_free (self->institution);
  g_free (self->experiment);
  g_free (self->location);
  g_free (self->department);
  g_free (self->timezone);
  g_strfreev (self->mentoring_types);
  g_strfreev (self->languages);
  g_free (self->motivation);
  g_free (self->submitted_at);

  G_OBJECT_CLASS (pairings_application_parent_class)->finalize (object);
}

static void
pairings_application_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PairingsApplication *self = PAIRINGS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->ids.id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_INSTITUTION:
      g_value_set_string (value, self->institution);
      break;

    case PROP_REVIEW_MEAN:
      g_value_set_double (value, self->ids.review_mean);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pairings_application_class_init (PairingsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pairings_application_finalize;
  object_class->get_property = pairings_application_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTITUTION] =
    g_param_spec_string ("institution", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEW_MEAN] =
    g_param_spec_double ("review-mean", NULL, NULL, -1.0, 5.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pairings_application_init (PairingsApplication *self)
{
  self->ids.review_mean = -1.0;
}

PairingsApplication *
_pairings_application_new (const PairingsApplicationIds  *ids,
                           const PairingsApplicationData *data)
{
  PairingsApplication *self = g_object_new (PAIRINGS_TYPE_APPLICATION, NULL);

  self->ids = *ids;
  self->name = g_strdup (data->name ? data->name : "");
  self->email = g_strdup (data->email ? data->email : "");
  self->role = data->role;
  self->status = data->status;
  self->institution = g_strdup (data->institution ? data->institution : "");
  self->experiment = g_strdup (data->experiment ? data->experiment : "");
  self->location = g_strdup (data->location ? data->location : "");
  self->department = g_strdup (data->department ? data->department : "");
  self->timezone = g_strdup (data->timezone ? data->timezone : "");
  self->career_stage = data->career_stage;
  self->mentoring_types = g_strdupv ((char **) data->mentoring_types);
  self->languages = g_strdupv ((char **) data->languages);
  if (self->mentoring_types == NULL)
    self->mentoring_types = g_new0 (char *, 1);
  if (self->languages == NULL)
    self->languages = g_new0 (char *, 1);
  self->capacity = data->capacity;
  self->motivation = g_strdup (data->motivation ? data->motivation : "");
  self->submitted_at = g_strdup (data->submitted_at);

  return self;
}

/* An application as a list shows it, made without a copy: name,
 * institution, location, mentoring types and submission time are
 * borrowed from @data, whose texts @owner keeps alive; @release is called
 * with @owner, @slot and the object when the object goes (to drop the
 * reference taken for it, and to forget the object). The rest (e-mail,
 * motivation, languages…) is empty: pairings_store_get_application()
 * gives the whole application. */
PairingsApplication *
_pairings_application_new_summary (const PairingsApplicationIds  *ids,
                                   const PairingsApplicationData *data,
                                   gpointer                       owner,
                                   guint                          slot,
                                   PairingsSummaryRelease         release)
{
  static char empty[] = "";
  static char *no_list[] = { NULL };
  PairingsApplication *self = g_object_new (PAIRINGS_TYPE_APPLICATION, NULL);

  g_return_val_if_fail (owner != NULL && release != NULL, self);

  self->ids = *ids;
  self->owner = owner;
  self->slot = slot;
  self->release = release;
  self->name = data->name ? (char *) data->name : empty;
  self->email = empty;
  self->role = data->role;
  self->status = data->status;
  self->institution = data->institution ? (char *) data->institution : empty;
  self->experiment = empty;
  self->location = data->location ? (char *) data->location : empty;
  self->department = empty;
  self->timezone = empty;
  self->career_stage = data->career_stage;
  self->mentoring_types = data->mentoring_types ? (char **) data->mentoring_types : no_list;
  self->languages = no_list;
  self->capacity = data->capacity;
  self->motivation = empty;
  self->submitted_at = (char *) data->submitted_at;
  return self;
}

#define GETTER(Type, field, fallback)                                     \
  Type                                                                    \
  pairings_application_get_##field (PairingsApplication *self)            \
  {                                                                       \
    g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), fallback);      \
    return self->field;                                                   \
  }

GETTER (const char *, name, NULL)
GETTER (const char *, email, NULL)
GETTER (PairingsRole, role, PAIRINGS_ROLE_MENTEE)
GETTER (PairingsStatus, status, PAIRINGS_STATUS_SUBMITTED)
GETTER (const char *, institution, NULL)
GETTER (const char *, experiment, NULL)
GETTER (const char *, location, NULL)
GETTER (const char *, department, NULL)
GETTER (const char *, timezone, NULL)
GETTER (PairingsCareerStage, career_stage, PAIRINGS_CAREER_UNKNOWN)
GETTER (int, capacity, 0)
GETTER (const char *, motivation, NULL)
GETTER (const char *, submitted_at, NULL)

const char * const *
pairings_application_get_mentoring_types (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), NULL);
  return (const char * const *) self->mentoring_types;
}

const char * const *
pairings_application_get_languages (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), NULL);
  return (const char * const *) self->languages;
}

gint64
pairings_application_get_id (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), 0);
  return self->ids.id;
}

gint64
pairings_application_get_cohort_id (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), 0);
  return self->ids.cohort_id;
}

gint64
pairings_application_get_person_id (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), 0);
  return self->ids.person_id;
}

double
pairings_application_get_review_mean (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), -1.0);
  return self->ids.review_mean;
}

guint
pairings_application_get_review_count (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), 0);
  return self->ids.review_count;
}

gboolean
pairings_application_get_returning (PairingsApplication *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION (self), FALSE);
  return self->ids.returning;
}


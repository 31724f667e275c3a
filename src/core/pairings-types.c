/* pairings-types.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-types.h"

/* The database spelling of each value: stable, never translated. */
static const char * const role_ids[] = { "mentee", "mentor" };
static const char * const status_ids[] = {
  "submitted", "accepted", "waitlisted", "declined", "withdrawn"
};
static const char * const stage_ids[] = {
  "suggested", "discussion", "approved", "announced", "set_aside"
};
static const char * const career_ids[] = {
  "", "undergraduate", "graduate", "postdoc", "engineer", "junior_faculty", "senior_faculty"
};

static const char * const role_labels[] = { N_("Mentee"), N_("Mentor") };
static const char * const status_labels[] = {
  N_("Submitted"), N_("Accepted"), N_("Waitlisted"), N_("Declined"), N_("Withdrawn")
};
static const char * const stage_labels[] = {
  N_("Suggested"), N_("Under discussion"), N_("Approved"), N_("Announced"), N_("Set aside")
};
static const char * const career_labels[] = {
  N_("Unknown"), N_("Undergraduate"), N_("Graduate student"), N_("Postdoc"),
  N_("Engineer"), N_("Junior faculty or scientist"), N_("Senior faculty or scientist")
};

G_STATIC_ASSERT (G_N_ELEMENTS (role_ids) == PAIRINGS_N_ROLES);
G_STATIC_ASSERT (G_N_ELEMENTS (status_ids) == PAIRINGS_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (stage_ids) == PAIRINGS_N_STAGES);
G_STATIC_ASSERT (G_N_ELEMENTS (career_ids) == PAIRINGS_N_CAREER_STAGES);

static gboolean
lookup (const char * const *ids,
        guint               n_ids,
        const char         *str,
        int                *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      if (g_strcmp0 (ids[i], str) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(prefix, Type, ids, labels)                    \
  const char *                                                            \
  prefix##_to_string (Type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (ids), NULL);      \
    return ids[value];                                                    \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        Type       *value)                                \
  {                                                                       \
    int v;                                                                \
    if (!lookup (ids, G_N_ELEMENTS (ids), str, &v))                       \
      return FALSE;                                                       \
    *value = (Type) v;                                                    \
    return TRUE;                                                          \
  }                                                                       \
                                                                          \
  const char *                                                            \
  prefix##_get_label (Type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (labels), NULL);   \
    return g_dgettext (GETTEXT_PACKAGE, labels[value]);                   \
  }

DEFINE_ENUM_STRINGS (pairings_role, PairingsRole, role_ids, role_labels)
DEFINE_ENUM_STRINGS (pairings_status, PairingsStatus, status_ids, status_labels)
DEFINE_ENUM_STRINGS (pairings_stage, PairingsStage, stage_ids, stage_labels)
DEFINE_ENUM_STRINGS (pairings_career_stage, PairingsCareerStage, career_ids, career_labels)

gboolean
pairings_date_is_valid (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *with_time = NULL;

  /* Exactly YYYY-MM-DD: GDateTime checks the calendar (no 2025-02-30). */
  if (iso_date == NULL || strlen (iso_date) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = (i == 4 || i == 7);
      if (dash ? iso_date[i] != '-' : !g_ascii_isdigit (iso_date[i]))
        return FALSE;
    }

  with_time = g_strconcat (iso_date, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (with_time, NULL);
  return dt != NULL;
}

/* People are keyed by e-mail, case-insensitively in every script, so the
 * key is the trimmed address in NFKC form, case-folded. */
char *
pairings_email_key (const char *email)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normal = NULL;

  gboolean ascii = TRUE;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return NULL;

  trimmed = g_strstrip (g_strdup (email));

  /* Almost every address is ASCII, where NFKC changes nothing and case
   * folding is lowering: a large import spends its time here otherwise. */
  for (const char *p = trimmed; *p && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii)
    return *trimmed ? g_ascii_strdown (trimmed, -1) : NULL;

  normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFKC);
  if (normal == NULL || *normal == '\0')
    return NULL;

  return g_utf8_casefold (normal, -1);
}

gboolean
pairings_email_is_plausible (const char *email)
{
  const char *at;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strchr (at + 1, '.') == NULL || at[1] == '.')
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* pairings-matcher.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scores every accepted mentee against every accepted mentor, criterion by
 * criterion (each contribution kept, so that a suggestion can be
 * explained), forbids what the cohort's hard rules forbid, keeps the pairs
 * the committee has settled, and asks the exact solver for the rest.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-application.h"
#include "pairings-cohort.h"
#include "pairings-json.h"
#include "pairings-matcher.h"
#include "pairings-solver.h"
#include "pairings-store-private.h"

static const char * const criterion_ids[] = {
  "types", "stage", "location", "language", "returning", "priority",
};

static const char * const criterion_labels[] = {
  N_("Mentoring types"), N_("Career stage"), N_("Location and time zone"), N_("Shared language"),
  N_("Returning pairs"), N_("Mentee priority"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (criterion_ids) == PAIRINGS_N_CRITERIA);

static const char * const institution_ids[] = { "differ", "prefer_same", "ignore" };
static const char * const mode_ids[] = { "participation", "threshold", "fairness" };

const char *
pairings_criterion_get_label (PairingsCriterion criterion)
{
  g_return_val_if_fail ((guint) criterion < PAIRINGS_N_CRITERIA, NULL);
  return g_dgettext (GETTEXT_PACKAGE, criterion_labels[criterion]);
}

void
pairings_match_settings_init (PairingsMatchSettings *settings)
{
  static const int defaults[PAIRINGS_N_CRITERIA] = { 5, 3, 3, 2, 5, 3 };

  memset (settings, 0, sizeof *settings);
  memcpy (settings->weights, defaults, sizeof defaults);
  settings->institution = PAIRINGS_INSTITUTION_DIFFER;
  settings->exclusions = TRUE;
  settings->capacity = TRUE;
  settings->mode = PAIRINGS_MODE_PARTICIPATION;
}

static int
lookup_id (const char * const *ids,
           guint               n,
           const char         *value,
           int                 fallback)
{
  for (guint i = 0; value != NULL && i < n; i++)
    if (g_str_equal (ids[i], value))
      return (int) i;
  return fallback;
}

gboolean
pairings_match_settings_load (PairingsStore          *store,
                              gint64                  cohort_id,
                              PairingsMatchSettings  *settings,
                              GError                **error)
{
  sqlite3_stmt *stmt;

  pairings_match_settings_init (settings);
  stmt = _pairings_store_prepare (store,
                                  "SELECT json_extract(settings, '$.matcher.weights.types'),"
                                  " json_extract(settings, '$.matcher.weights.stage'),"
                                  " json_extract(settings, '$.matcher.weights.location'),"
                                  " json_extract(settings, '$.matcher.weights.language'),"
                                  " json_extract(settings, '$.matcher.weights.returning'),"
                                  " json_extract(settings, '$.matcher.weights.priority'),"
                                  " json_extract(settings, '$.matcher.institution'),"
                                  " json_extract(settings, '$.matcher.experiment_differ'),"
                                  " json_extract(settings, '$.matcher.mentor_more_senior'),"
                                  " json_extract(settings, '$.matcher.exclusions'),"
                                  " json_extract(settings, '$.matcher.capacity'),"
                                  " json_extract(settings, '$.matcher.mode'),"
                                  " json_extract(settings, '$.matcher.threshold')"
                                  " FROM cohorts WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("The cohort no longer exists"));
      return FALSE;
    }

  for (int c = 0; c < PAIRINGS_N_CRITERIA; c++)
    if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
      settings->weights[c] = CLAMP (sqlite3_column_int (stmt, c), 0, 10);
  settings->institution = lookup_id (institution_ids, G_N_ELEMENTS (institution_ids),
                                     (const char *) sqlite3_column_text (stmt, 6),
                                     PAIRINGS_INSTITUTION_DIFFER);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    settings->experiment_differ = sqlite3_column_int (stmt, 7) != 0;
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    settings->mentor_more_senior = sqlite3_column_int (stmt, 8) != 0;
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    settings->exclusions = sqlite3_column_int (stmt, 9) != 0;
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    settings->capacity = sqlite3_column_int (stmt, 10) != 0;
  settings->mode = lookup_id (mode_ids, G_N_ELEMENTS (mode_ids),
                              (const char *) sqlite3_column_text (stmt, 11), PAIRINGS_MODE_PARTICIPATION);
  settings->threshold = sqlite3_column_int (stmt, 12);
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
settings_json (const PairingsMatchSettings *settings)
{
  GString *json = g_string_new ("{\"weights\":{");

  for (int c = 0; c < PAIRINGS_N_CRITERIA; c++)
    g_string_append_printf (json, "%s\"%s\":%d", c ? "," : "", criterion_ids[c], settings->weights[c]);
  g_string_append_printf (json, "},\"institution\":\"%s\",\"experiment_differ\":%d,"
                                "\"mentor_more_senior\":%d,\"exclusions\":%d,\"capacity\":%d,"
                                "\"mode\":\"%s\",\"threshold\":%d}",
                          institution_ids[settings->institution], settings->experiment_differ,
                          settings->mentor_more_senior, settings->exclusions, settings->capacity,
                          mode_ids[settings->mode], settings->threshold);
  return g_string_free (json, FALSE);
}

gboolean
pairings_match_settings_save (PairingsStore                *store,
                              gint64                        cohort_id,
                              const PairingsMatchSettings  *settings,
                              GError                      **error)
{
  g_autofree char *json = settings_json (settings);
  sqlite3_stmt *stmt;

  for (int c = 0; c < PAIRINGS_N_CRITERIA; c++)
    if (settings->weights[c] < 0 || settings->weights[c] > 10)
      {
        g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                     _("The weight of “%s” must be from 0 to 10, not %d"),
                     pairings_criterion_get_label (c), settings->weights[c]);
        return FALSE;
      }

  if (!_pairings_store_begin (store, error))
    return FALSE;
  stmt = _pairings_store_prepare (store,
                                  "UPDATE cohorts SET settings = json_set(settings, '$.matcher', json(?))"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, cohort_id);
  if (!_pairings_store_step_done (store, stmt, error) ||
      !_pairings_store_log_event (store, "update", "matcher_settings", cohort_id, NULL, json, error) ||
      !_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/* The people ------------------------------------------------------------------- */

typedef struct
{
  PairingsApplication *app;
  int                  utc_offset;   /* minutes; G_MININT when unknown */
  int                  places;       /* mentors: left after the pinned pairs */
  gboolean             pinned;       /* mentees: already in a kept pair */
} Person;

typedef struct
{
  guint  mentee;
  guint  mentor;
  gint64 pair_id;
} Pinned;

typedef struct
{
  PairingsStore               *store;
  const PairingsMatchSettings *settings;
  PairingsCohort              *cohort;
  GArray                      *mentees;       /* Person */
  GArray                      *mentors;       /* Person */
  GArray                      *pinned;        /* Pinned */
  GHashTable                  *continuing;    /* "mentee person:mentor person" */
  GHashTable                  *excluded;      /* "mentee app:mentor app" */
  GHashTable                  *offsets;       /* time zone → minutes + 1 */
  gboolean                     limited;       /* fewer places than mentees */
} Context;

static void
context_clear (Context *ctx)
{
  for (guint i = 0; ctx->mentees && i < ctx->mentees->len; i++)
    g_object_unref (g_array_index (ctx->mentees, Person, i).app);
  for (guint i = 0; ctx->mentors && i < ctx->mentors->len; i++)
    g_object_unref (g_array_index (ctx->mentors, Person, i).app);
  g_clear_pointer (&ctx->mentees, g_array_unref);
  g_clear_pointer (&ctx->mentors, g_array_unref);
  g_clear_pointer (&ctx->pinned, g_array_unref);
  g_clear_pointer (&ctx->continuing, g_hash_table_unref);
  g_clear_pointer (&ctx->excluded, g_hash_table_unref);
  g_clear_pointer (&ctx->offsets, g_hash_table_unref);
  g_clear_object (&ctx->cohort);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

/* Minutes east of UTC in mid-January, the cohorts' planning season. */
static int
utc_offset (Context    *ctx,
            const char *zone)
{
  gpointer cached;
  int minutes = G_MININT;

  if (zone == NULL || *zone == '\0')
    return G_MININT;
  if (g_hash_table_lookup_extended (ctx->offsets, zone, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
    if (tz != NULL)
      {
        int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1736899200);
        minutes = g_time_zone_get_offset (tz, MAX (interval, 0)) / 60;
      }
  }
  g_hash_table_insert (ctx->offsets, g_strdup (zone), GINT_TO_POINTER (minutes));
  return minutes;
}

static char *
pair_key (gint64 a,
          gint64 b)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, a, b);
}

static gboolean
load_keys (Context     *ctx,
           const char  *sql,
           GHashTable  *set,
           GError     **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (ctx->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pairings_cohort_get_id (ctx->cohort));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (set, pair_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
find_person (GArray *people,
             gint64  application_id)
{
  for (guint i = 0; i < people->len; i++)
    if (pairings_application_get_id (g_array_index (people, Person, i).app) == application_id)
      return i;
  return -1;
}

static gboolean
load_pinned (Context  *ctx,
             GError  **error)
{
  sqlite3_stmt *stmt;

  /* Everything on the board but the unlocked suggestions is the
   * committee's, and stays. */
  stmt = _pairings_store_prepare (ctx->store,
                                  "SELECT id, mentee_application_id, mentor_application_id FROM pairs"
                                  " WHERE cohort_id = ? AND stage <> 'set_aside'"
                                  " AND (locked = 1 OR stage <> 'suggested') ORDER BY id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pairings_cohort_get_id (ctx->cohort));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 mentee = find_person (ctx->mentees, sqlite3_column_int64 (stmt, 1));
      gint64 mentor = find_person (ctx->mentors, sqlite3_column_int64 (stmt, 2));
      Pinned pin;

      if (mentee < 0 || mentor < 0)
        continue;  /* someone no longer accepted: the board shows it */
      pin = (Pinned) { (guint) mentee, (guint) mentor, sqlite3_column_int64 (stmt, 0) };
      g_array_append_val (ctx->pinned, pin);
      g_array_index (ctx->mentees, Person, mentee).pinned = TRUE;
      g_array_index (ctx->mentors, Person, mentor).places--;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_context (Context                     *ctx,
              PairingsStore               *store,
              gint64                       cohort_id,
              const PairingsMatchSettings *settings,
              GError                     **error)
{
  g_autoptr(GListModel) applications = NULL;
  guint accepted_mentees = 0, places = 0;

  ctx->store = store;
  ctx->settings = settings;
  ctx->cohort = pairings_store_get_cohort (store, cohort_id, error);
  if (ctx->cohort == NULL)
    return FALSE;
  applications = pairings_store_list_applications (store, cohort_id, error);
  if (applications == NULL)
    return FALSE;

  ctx->mentees = g_array_new (FALSE, TRUE, sizeof (Person));
  ctx->mentors = g_array_new (FALSE, TRUE, sizeof (Person));
  ctx->pinned = g_array_new (FALSE, FALSE, sizeof (Pinned));
  ctx->continuing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->offsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (applications); i++)
    {
      PairingsApplication *app = g_list_model_get_item (applications, i);
      Person person = { app, utc_offset (ctx, pairings_application_get_timezone (app)), 0, FALSE };

      if (pairings_application_get_status (app) != PAIRINGS_STATUS_ACCEPTED)
        {
          g_object_unref (app);
          continue;
        }
      if (pairings_application_get_role (app) == PAIRINGS_ROLE_MENTOR)
        {
          person.places = settings->capacity ? pairings_application_get_capacity (app) : G_MAXINT / 4;
          places += (guint) pairings_application_get_capacity (app);
          g_array_append_val (ctx->mentors, person);
        }
      else
        {
          g_array_append_val (ctx->mentees, person);
          accepted_mentees++;
        }
    }

  ctx->limited = pairings_cohort_get_pair_limit (ctx->cohort) >= 0 &&
                 (guint) pairings_cohort_get_pair_limit (ctx->cohort) < MIN (accepted_mentees, places);

  return load_pinned (ctx, error) &&
         load_keys (ctx,
                    /* Both people of a pair that asked to continue. */
                    "SELECT me.person_id, mo.person_id FROM pairs p"
                    " JOIN applications me ON me.id = p.mentee_application_id"
                    " JOIN applications mo ON mo.id = p.mentor_application_id"
                    " WHERE p.outcome = 'continues' AND p.cohort_id <> ?",
                    ctx->continuing, error) &&
         load_keys (ctx,
                    "SELECT e.mentee_application_id, e.mentor_application_id FROM exclusions e"
                    " JOIN applications a ON a.id = e.mentee_application_id WHERE a.cohort_id = ?",
                    ctx->excluded, error);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const PairingsCandidate *x = a, *y = b;

  if (x->score != y->score)
    return y->score - x->score;
  return (x->application_id > y->application_id) - (x->application_id < y->application_id);
}

/* Scores and rules -------------------------------------------------------------- */

static void
contribute (GArray            *list,
            int               *total,
            PairingsCriterion  criterion,
            int                points,
            const char        *format,
            ...) G_GNUC_PRINTF (5, 6);

static void
contribute (GArray            *list,
            int               *total,
            PairingsCriterion  criterion,
            int                points,
            const char        *format,
            ...)
{
  va_list args;

  if (points == 0)
    return;
  *total += points;
  if (list == NULL)
    return;

  {
    PairingsContribution c = { criterion, points, NULL };
    g_autofree char *what = NULL;

    va_start (args, format);
    what = g_strdup_vprintf (format, args);
    va_end (args);
    c.text = g_strdup_printf ("%+d %s", points, what);
    g_array_append_val (list, c);
  }
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

static gboolean
seeks_cern (PairingsApplication *mentee)
{
  const char * const *types = pairings_application_get_mentoring_types (mentee);

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (strstr (types[i], "CERN") != NULL || strstr (types[i], "relocat") != NULL ||
        strstr (types[i], "Relocat") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return a != NULL && b != NULL && *a != '\0' && g_utf8_collate (a, b) == 0;
}

static int
score_pair (Context *ctx,
            Person  *mentee,
            Person  *mentor,
            GArray  *list)
{
  const int *w = ctx->settings->weights;
  PairingsApplication *e = mentee->app, *o = mentor->app;
  const char * const *sought = pairings_application_get_mentoring_types (e);
  const char * const *offered = pairings_application_get_mentoring_types (o);
  PairingsCareerStage se = pairings_application_get_career_stage (e);
  PairingsCareerStage so = pairings_application_get_career_stage (o);
  int total = 0;

  for (guint i = 0; sought != NULL && sought[i] != NULL; i++)
    if (strv_has (offered, sought[i]))
      contribute (list, &total, PAIRINGS_CRITERION_TYPES, 2 * w[PAIRINGS_CRITERION_TYPES],
                  _("both: %s"), sought[i]);

  if (se != PAIRINGS_CAREER_UNKNOWN && so != PAIRINGS_CAREER_UNKNOWN)
    {
      int gap = (int) so - (int) se;
      int points = gap >= 1 ? (gap <= 2 ? 2 : 1) : (gap == 0 ? -1 : -2);

      /* TRANSLATORS: mentee's career stage → mentor's career stage */
      contribute (list, &total, PAIRINGS_CRITERION_STAGE, points * w[PAIRINGS_CRITERION_STAGE],
                  _("%s → %s"), pairings_career_stage_get_label (se), pairings_career_stage_get_label (so));
    }

  if (seeks_cern (e) && strstr (pairings_application_get_location (o), "CERN") != NULL)
    contribute (list, &total, PAIRINGS_CRITERION_LOCATION, 2 * w[PAIRINGS_CRITERION_LOCATION],
                "%s", _("relocation to CERN, with a mentor at CERN"));
  if (mentee->utc_offset != G_MININT && mentor->utc_offset != G_MININT)
    {
      int hours = ABS (mentee->utc_offset - mentor->utc_offset) / 60;

      if (hours <= 2)
        contribute (list, &total, PAIRINGS_CRITERION_LOCATION, w[PAIRINGS_CRITERION_LOCATION],
                    "%s", _("same time zone band"));
      else if (hours >= 6)
        contribute (list, &total, PAIRINGS_CRITERION_LOCATION, -w[PAIRINGS_CRITERION_LOCATION],
                    _("%d hours apart"), hours);
    }

  {
    const char * const *le = pairings_application_get_languages (e);
    const char * const *lo = pairings_application_get_languages (o);

    /* English is everyone's; another shared language is a bond. */
    for (guint i = 0; le != NULL && le[i] != NULL; i++)
      if (g_ascii_strcasecmp (le[i], "English") != 0 && strv_has (lo, le[i]))
        {
          contribute (list, &total, PAIRINGS_CRITERION_LANGUAGE, w[PAIRINGS_CRITERION_LANGUAGE],
                      _("both speak %s"), le[i]);
          break;
        }
  }

  {
    g_autofree char *key = pair_key (pairings_application_get_person_id (e),
                                     pairings_application_get_person_id (o));
    if (g_hash_table_contains (ctx->continuing, key))
      contribute (list, &total, PAIRINGS_CRITERION_RETURNING, 3 * w[PAIRINGS_CRITERION_RETURNING],
                  "%s", _("both asked to continue together"));
  }

  if (ctx->limited && pairings_application_get_review_mean (e) >= 1.0)
    {
      double mean = pairings_application_get_review_mean (e);
      contribute (list, &total, PAIRINGS_CRITERION_PRIORITY,
                  (int) (w[PAIRINGS_CRITERION_PRIORITY] * (mean - 3.0) + (mean >= 3.0 ? 0.5 : -0.5)),
                  _("review score %.1f"), mean);
    }

  /* Programmes that pair within a department prefer the same institution
   * and, within it, the same department. */
  if (ctx->settings->institution == PAIRINGS_INSTITUTION_PREFER_SAME &&
      same_text (pairings_application_get_institution (e), pairings_application_get_institution (o)))
    {
      contribute (list, &total, PAIRINGS_CRITERION_LOCATION, w[PAIRINGS_CRITERION_LOCATION],
                  "%s", _("same institution"));
      if (same_text (pairings_application_get_department (e), pairings_application_get_department (o)))
        contribute (list, &total, PAIRINGS_CRITERION_LOCATION, w[PAIRINGS_CRITERION_LOCATION],
                    "%s", _("same department"));
    }

  return total;
}

typedef enum
{
  RULE_NONE,
  RULE_INSTITUTION,
  RULE_EXPERIMENT,
  RULE_SENIORITY,
  RULE_EXCLUDED,
  RULE_THRESHOLD,
  N_RULES
} Rule;

static Rule
forbidden_by (Context *ctx,
              Person  *mentee,
              Person  *mentor,
              int      score)
{
  const PairingsMatchSettings *s = ctx->settings;
  PairingsApplication *e = mentee->app, *o = mentor->app;

  if (s->institution == PAIRINGS_INSTITUTION_DIFFER &&
      same_text (pairings_application_get_institution (e), pairings_application_get_institution (o)))
    return RULE_INSTITUTION;
  if (s->experiment_differ &&
      same_text (pairings_application_get_experiment (e), pairings_application_get_experiment (o)))
    return RULE_EXPERIMENT;
  if (s->mentor_more_senior &&
      pairings_application_get_career_stage (o) <= pairings_application_get_career_stage (e))
    return RULE_SENIORITY;
  if (s->exclusions)
    {
      g_autofree char *key = pair_key (pairings_application_get_id (e), pairings_application_get_id (o));
      if (g_hash_table_contains (ctx->excluded, key))
        return RULE_EXCLUDED;
    }
  if (s->mode == PAIRINGS_MODE_THRESHOLD && score < s->threshold)
    return RULE_THRESHOLD;
  return RULE_NONE;
}

/* Solving --------------------------------------------------------------------- */

typedef struct
{
  guint mentee;
  guint mentor;
  int   score;
} Candidate;

/* The free mentees against the mentors with room, each allowed pair with
 * its score; @floor drops pairs below it (fairness mode). */
static PairingsSolution *
solve_free (Context       *ctx,
            GArray        *allowed,
            guint         *rows_of,
            guint          n_rows,
            int            floor,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(PairingsSolver) solver = pairings_solver_new (n_rows, ctx->mentors->len);
  int limit = pairings_cohort_get_pair_limit (ctx->cohort);

  for (guint j = 0; j < ctx->mentors->len; j++)
    pairings_solver_set_capacity (solver, j, (guint) MAX (0, g_array_index (ctx->mentors, Person, j).places));
  if (limit >= 0)
    pairings_solver_set_limit (solver, (guint) MAX (0, limit - (int) ctx->pinned->len));
  for (guint i = 0; i < allowed->len; i++)
    {
      Candidate *c = &g_array_index (allowed, Candidate, i);
      if (c->score >= floor)
        pairings_solver_allow (solver, rows_of[c->mentee], c->mentor, c->score);
    }
  return pairings_solver_solve (solver, cancellable, error);
}

static int
compare_int (const void *a,
             const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* Fairness: the largest lowest score that still pairs as many mentees,
 * found by bisection over the scores that occur; among the assignments
 * with that floor, the best total. */
static PairingsSolution *
solve_fair (Context       *ctx,
            GArray        *allowed,
            guint         *rows_of,
            guint          n_rows,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(PairingsSolution) at_lo = solve_free (ctx, allowed, rows_of, n_rows, G_MININT, cancellable, error);
  g_autofree int *scores = NULL;
  guint n = 0, lo = 0, hi;
  guint target;

  if (at_lo == NULL)
    return NULL;
  target = at_lo->matched;

  scores = g_new (int, MAX (allowed->len, 1));
  for (guint i = 0; i < allowed->len; i++)
    scores[i] = g_array_index (allowed, Candidate, i).score;
  qsort (scores, allowed->len, sizeof (int), compare_int);
  for (guint i = 0; i < allowed->len; i++)
    if (n == 0 || scores[n - 1] != scores[i])
      scores[n++] = scores[i];
  if (n == 0)
    return g_steal_pointer (&at_lo);

  hi = n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      g_autoptr(PairingsSolution) trial = solve_free (ctx, allowed, rows_of, n_rows, scores[mid],
                                                      cancellable, error);
      if (trial == NULL)
        return NULL;
      if (trial->matched == target)
        {
          lo = mid;
          g_clear_pointer (&at_lo, pairings_solution_free);
          at_lo = g_steal_pointer (&trial);
        }
      else
        hi = mid - 1;
    }
  return g_steal_pointer (&at_lo);
}

/* Results -------------------------------------------------------------------- */

static void
contribution_clear (gpointer data)
{
  g_free (((PairingsContribution *) data)->text);
}

static void
suggestion_free (PairingsSuggestion *s)
{
  g_free (s->mentee_name);
  g_free (s->mentor_name);
  g_free (s->alternative_name);
  g_clear_pointer (&s->contributions, g_array_unref);
  g_free (s);
}

static void
unmatched_free (PairingsUnmatched *u)
{
  g_free (u->name);
  g_free (u->reason);
  g_free (u);
}

void
pairings_match_result_free (PairingsMatchResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->pairs);
  g_ptr_array_unref (result->unmatched);
  g_free (result);
}

static PairingsSuggestion *
suggestion_new (Context *ctx,
                guint    mentee,
                guint    mentor,
                gboolean pinned)
{
  PairingsSuggestion *s = g_new0 (PairingsSuggestion, 1);
  Person *e = &g_array_index (ctx->mentees, Person, mentee);
  Person *o = &g_array_index (ctx->mentors, Person, mentor);

  s->mentee_id = pairings_application_get_id (e->app);
  s->mentor_id = pairings_application_get_id (o->app);
  s->mentee_name = g_strdup (pairings_application_get_name (e->app));
  s->mentor_name = g_strdup (pairings_application_get_name (o->app));
  s->pinned = pinned;
  s->contributions = g_array_new (FALSE, FALSE, sizeof (PairingsContribution));
  g_array_set_clear_func (s->contributions, contribution_clear);
  s->score = score_pair (ctx, e, o, s->contributions);
  return s;
}

/* Why a free mentee was left out, in words a committee can act on. */
static char *
unmatched_reason (Context *ctx,
                  guint    mentee,
                  guint    matched,
                  gboolean limit_reached)
{
  Person *e = &g_array_index (ctx->mentees, Person, mentee);
  guint counts[N_RULES] = { 0, };
  guint allowed = 0, with_room = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (ctx->mentors->len == 0)
    return g_strdup (_("No mentor is accepted in this cohort yet"));

  for (guint j = 0; j < ctx->mentors->len; j++)
    {
      Person *o = &g_array_index (ctx->mentors, Person, j);
      Rule rule = forbidden_by (ctx, e, o, score_pair (ctx, e, o, NULL));

      counts[rule]++;
      if (rule == RULE_NONE)
        {
          allowed++;
          with_room += o->places > 0;
        }
    }

  if (allowed > 0 && limit_reached)
    return g_strdup (_("The cohort’s pair limit is reached"));
  if (allowed > 0 && with_room == 0)
    return g_strdup (_("Every eligible mentor’s places are taken by pairs the committee kept"));
  if (allowed > 0)
    return g_strdup (_("Every eligible mentor’s places went to other mentees"));

  if (counts[RULE_INSTITUTION])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u from the same institution",
                                                          "%u from the same institution", counts[RULE_INSTITUTION]),
                                             counts[RULE_INSTITUTION]));
  if (counts[RULE_EXPERIMENT])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u from the same experiment",
                                                          "%u from the same experiment", counts[RULE_EXPERIMENT]),
                                             counts[RULE_EXPERIMENT]));
  if (counts[RULE_SENIORITY])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not more senior",
                                                          "%u not more senior", counts[RULE_SENIORITY]),
                                             counts[RULE_SENIORITY]));
  if (counts[RULE_EXCLUDED])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u excluded by the committee",
                                                          "%u excluded by the committee", counts[RULE_EXCLUDED]),
                                             counts[RULE_EXCLUDED]));
  if (counts[RULE_THRESHOLD])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u below the score threshold",
                                                          "%u below the score threshold", counts[RULE_THRESHOLD]),
                                             counts[RULE_THRESHOLD]));
  g_ptr_array_add (parts, NULL);

  {
    g_autofree char *list = g_strjoinv (", ", (char **) parts->pdata);
    /* TRANSLATORS: %s lists why mentors are ruled out, e.g. "12 from the same institution, 3 not more senior" */
    return g_strdup_printf (_("No eligible mentor: %s"), list);
  }
}

static void
add_alternative (Context            *ctx,
                 PairingsSuggestion *s,
                 guint               mentee,
                 guint               chosen,
                 GArray             *allowed)
{
  int best = G_MININT;

  for (guint i = 0; i < allowed->len; i++)
    {
      Candidate *c = &g_array_index (allowed, Candidate, i);
      Person *o;

      if (c->mentee != mentee || c->mentor == chosen || c->score <= best)
        continue;
      best = c->score;
      o = &g_array_index (ctx->mentors, Person, c->mentor);
      s->alternative_id = pairings_application_get_id (o->app);
      g_free (s->alternative_name);
      s->alternative_name = g_strdup (pairings_application_get_name (o->app));
      s->alternative_score = c->score;
    }
}

static void
summarise (PairingsMatchResult *result)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);
      if (!s->pinned)
        {
          g_array_append_val (scores, s->score);
          result->total += s->score;
        }
    }
  if (scores->len == 0)
    return;
  qsort (scores->data, scores->len, sizeof (int), compare_int);
  result->minimum = g_array_index (scores, int, 0);
  result->median = g_array_index (scores, int, scores->len / 2);
}

/* Pairs the mentees that are not pinned: the solver's pairs join
 * @result's suggestions, and each mentee it leaves out its unmatched. */
static gboolean
match_free_mentees (Context                      *ctx,
                    const PairingsMatchSettings  *settings,
                    PairingsMatchResult          *result,
                    GCancellable                 *cancellable,
                    GError                      **error)
{
  g_autoptr(PairingsSolution) solution = NULL;
  g_autoptr(GArray) allowed = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint *rows_of = g_new (guint, MAX (ctx->mentees->len, 1));
  guint n_rows = 0;
  int limit;

  for (guint i = 0; i < ctx->mentees->len; i++)
    {
      Person *e = &g_array_index (ctx->mentees, Person, i);

      rows_of[i] = G_MAXUINT;
      if (e->pinned)
        continue;
      rows_of[i] = n_rows++;
      for (guint j = 0; j < ctx->mentors->len; j++)
        {
          Person *o = &g_array_index (ctx->mentors, Person, j);
          int score = score_pair (ctx, e, o, NULL);

          if (forbidden_by (ctx, e, o, score) == RULE_NONE)
            g_array_append_val (allowed, ((Candidate) { i, j, score }));
        }
    }

  solution = settings->mode == PAIRINGS_MODE_FAIRNESS
             ? solve_fair (ctx, allowed, rows_of, n_rows, cancellable, error)
             : solve_free (ctx, allowed, rows_of, n_rows, G_MININT, cancellable, error);
  if (solution == NULL)
    {
      g_free (rows_of);
      return FALSE;
    }
  result->certificate = solution->certificate;
  result->seconds = solution->seconds;

  limit = pairings_cohort_get_pair_limit (ctx->cohort);
  for (guint mentee = 0; mentee < ctx->mentees->len; mentee++)
    {
      guint r = rows_of[mentee];

      if (r == G_MAXUINT)
        continue;
      if (solution->column_of[r] >= 0)
        {
          PairingsSuggestion *s = suggestion_new (ctx, mentee, (guint) solution->column_of[r], FALSE);
          add_alternative (ctx, s, mentee, (guint) solution->column_of[r], allowed);
          g_ptr_array_add (result->pairs, s);
        }
      else
        {
          PairingsUnmatched *u = g_new0 (PairingsUnmatched, 1);
          Person *e = &g_array_index (ctx->mentees, Person, mentee);
          gboolean limit_reached = limit >= 0 && ctx->pinned->len + solution->matched >= (guint) limit;

          u->mentee_id = pairings_application_get_id (e->app);
          u->name = g_strdup (pairings_application_get_name (e->app));
          u->reason = unmatched_reason (ctx, mentee, solution->matched, limit_reached);
          g_ptr_array_add (result->unmatched, u);
        }
    }
  g_free (rows_of);
  return TRUE;
}

PairingsMatchResult *
pairings_matcher_run (PairingsStore                *store,
                      gint64                        cohort_id,
                      const PairingsMatchSettings  *settings,
                      GCancellable                 *cancellable,
                      GError                      **error)
{
  g_auto(Context) ctx = { 0, };
  PairingsMatchResult *result;
  PairingsMatchSettings defaults;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (settings == NULL)
    {
      if (!pairings_match_settings_load (store, cohort_id, &defaults, error))
        return NULL;
      settings = &defaults;
    }
  if (!load_context (&ctx, store, cohort_id, settings, error))
    return NULL;

  result = g_new0 (PairingsMatchResult, 1);
  result->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) suggestion_free);
  result->unmatched = g_ptr_array_new_with_free_func ((GDestroyNotify) unmatched_free);

  for (guint p = 0; p < ctx.pinned->len; p++)
    {
      Pinned *pin = &g_array_index (ctx.pinned, Pinned, p);
      g_ptr_array_add (result->pairs, suggestion_new (&ctx, pin->mentee, pin->mentor, TRUE));
    }
  result->pinned = ctx.pinned->len;

  if (!match_free_mentees (&ctx, settings, result, cancellable, error))
    {
      pairings_match_result_free (result);
      return NULL;
    }
  summarise (result);
  return result;
}

/* Board, files, reports --------------------------------------------------------- */

gboolean
pairings_matcher_apply (PairingsStore        *store,
                        gint64                cohort_id,
                        PairingsMatchResult  *result,
                        gint64               *event_id,
                        GError              **error)
{
  g_autoptr(GString) after = g_string_new ("{\"created\":[");
  g_autofree char *before = NULL;
  sqlite3_stmt *stmt;
  guint position = 0;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (!_pairings_store_begin (store, error))
    return FALSE;

  /* The suggestions they replace, kept for the history. */
  stmt = _pairings_store_prepare (store,
                                  "SELECT json_group_array(json_object('id', id,"
                                  " 'mentee', mentee_application_id, 'mentor', mentor_application_id,"
                                  " 'position', position, 'score', score))"
                                  " FROM pairs WHERE cohort_id = ? AND stage = 'suggested' AND locked = 0",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _pairings_store_prepare (store,
                                  "DELETE FROM pairs WHERE cohort_id = ? AND stage = 'suggested' AND locked = 0",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;

  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);

      if (s->pinned)
        continue;
      stmt = _pairings_store_prepare (store,
                                      "INSERT INTO pairs (cohort_id, mentor_application_id,"
                                      " mentee_application_id, stage, position, score)"
                                      " VALUES (?, ?, ?, 'suggested', ?, ?)",
                                      error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, cohort_id);
      sqlite3_bind_int64 (stmt, 2, s->mentor_id);
      sqlite3_bind_int64 (stmt, 3, s->mentee_id);
      sqlite3_bind_int (stmt, 4, (int) position++);
      sqlite3_bind_double (stmt, 5, s->score);
      if (!_pairings_store_step_done (store, stmt, error))
        goto failed;
      g_string_append_printf (after, "%s%" G_GINT64_FORMAT, position > 1 ? "," : "",
                              (gint64) sqlite3_last_insert_rowid (_pairings_store_get_db (store)));
    }
  g_string_append (after, "]}");

  if (!_pairings_store_log_event (store, "match", "cohort", cohort_id, before, after->str, error))
    goto failed;
  if (event_id != NULL)
    *event_id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  if (!_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

gboolean
pairings_matcher_undo (PairingsStore  *store,
                       gint64          event_id,
                       GError        **error)
{
  static const char * const steps[] = {
    "DELETE FROM pairs WHERE id IN (SELECT value FROM json_each(?2, '$.created'))",
    "INSERT INTO pairs (id, cohort_id, mentee_application_id, mentor_application_id, stage,"
    " position, score) SELECT json_extract(value, '$.id'), ?3, json_extract(value, '$.mentee'),"
    " json_extract(value, '$.mentor'), 'suggested', json_extract(value, '$.position'),"
    " json_extract(value, '$.score') FROM json_each(?1)",
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;
  gint64 cohort_id = 0;
  sqlite3_stmt *stmt;

  if (!_pairings_store_begin (store, error))
    return FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT before, after, entity_id FROM events"
                                  " WHERE id = ? AND action = 'match' AND undone = 0",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      after = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      cohort_id = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (after == NULL)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("These suggestions were already taken back, or are not in the history"));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      stmt = _pairings_store_prepare (store, steps[i], error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, before ? before : "[]", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, cohort_id);
      if (!_pairings_store_step_done (store, stmt, error))
        goto failed;
    }

  stmt = _pairings_store_prepare (store, "UPDATE events SET undone = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  note = g_strdup_printf ("{\"event\":%" G_GINT64_FORMAT "}", event_id);
  if (!_pairings_store_step_done (store, stmt, error) ||
      !_pairings_store_log_event (store, "undo", "event", event_id, NULL, note, error) ||
      !_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

static gint64
find_application (PairingsStore  *store,
                  gint64          cohort_id,
                  const char     *email,
                  PairingsRole    role,
                  GError        **error)
{
  g_autofree char *key = pairings_email_key (email);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _pairings_store_prepare (store,
                                  "SELECT a.id FROM applications a JOIN people p ON p.id = a.person_id"
                                  " WHERE a.cohort_id = ? AND p.email_key = ? AND a.role = ?",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  _pairings_store_bind_text (stmt, 2, key);
  _pairings_store_bind_text (stmt, 3, pairings_role_to_string (role));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                 role == PAIRINGS_ROLE_MENTEE ? _("%s has no mentee application in this cohort")
                                              : _("%s has no mentor application in this cohort"),
                 email ? email : "");
  return id;
}

gboolean
pairings_matcher_exclude (PairingsStore  *store,
                          gint64          cohort_id,
                          const char     *mentee_email,
                          const char     *mentor_email,
                          const char     *reason,
                          gboolean        remove,
                          GError        **error)
{
  g_autoptr(GString) json = g_string_new ("{\"mentee\":");
  gint64 mentee, mentor;
  sqlite3_stmt *stmt;

  mentee = find_application (store, cohort_id, mentee_email, PAIRINGS_ROLE_MENTEE, error);
  if (mentee == 0)
    return FALSE;
  mentor = find_application (store, cohort_id, mentor_email, PAIRINGS_ROLE_MENTOR, error);
  if (mentor == 0)
    return FALSE;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  stmt = _pairings_store_prepare (store,
                                  remove ? "DELETE FROM exclusions WHERE mentee_application_id = ?1"
                                           " AND mentor_application_id = ?2"
                                         : "INSERT INTO exclusions (mentee_application_id,"
                                           " mentor_application_id, reason) VALUES (?1, ?2, ?3)"
                                           " ON CONFLICT DO UPDATE SET reason = excluded.reason",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, mentee);
  sqlite3_bind_int64 (stmt, 2, mentor);
  if (!remove)
    _pairings_store_bind_text (stmt, 3, reason ? reason : "");
  if (!_pairings_store_step_done (store, stmt, error))
    goto failed;
  if (remove && sqlite3_changes (_pairings_store_get_db (store)) == 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("These two were not excluded"));
      goto failed;
    }

  g_string_append_printf (json, "%" G_GINT64_FORMAT ",\"mentor\":%" G_GINT64_FORMAT ",\"reason\":",
                          mentee, mentor);
  pairings_json_append_string (json, reason ? reason : "");
  g_string_append_c (json, '}');
  if (!_pairings_store_log_event (store, remove ? "delete" : "create", "exclusion", 0,
                                  remove ? json->str : NULL, remove ? NULL : json->str, error) ||
      !_pairings_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _pairings_store_rollback (store);
  return FALSE;
}

/**
 * pairings_matcher_rank_candidates:
 * @application_id: an accepted mentor or mentee of the cohort
 *
 * The people of the other role whom the cohort's rules allow with
 * @application_id, best score first: free mentees for a mentor, mentors
 * with a place left for a mentee. For "Pair with…" on the board.
 *
 * Returns: (transfer full) (element-type PairingsCandidate): the candidates,
 *   or %NULL with @error set
 */
GArray *
pairings_matcher_rank_candidates (PairingsStore                *store,
                                  gint64                        cohort_id,
                                  const PairingsMatchSettings  *settings,
                                  gint64                        application_id,
                                  GError                      **error)
{
  g_auto(Context) ctx = { 0, };
  GArray *candidates;
  gint64 mentee = -1, mentor = -1;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!load_context (&ctx, store, cohort_id, settings, error))
    return NULL;
  mentee = find_person (ctx.mentees, application_id);
  mentor = find_person (ctx.mentors, application_id);
  if (mentee < 0 && mentor < 0)
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                   _("Only accepted applications can be paired"));
      return NULL;
    }

  candidates = g_array_new (FALSE, FALSE, sizeof (PairingsCandidate));
  if (mentee >= 0)
    for (guint j = 0; j < ctx.mentors->len; j++)
      {
        Person *e = &g_array_index (ctx.mentees, Person, mentee), *o = &g_array_index (ctx.mentors, Person, j);
        int score = score_pair (&ctx, e, o, NULL);

        if (o->places > 0 && forbidden_by (&ctx, e, o, score) == RULE_NONE)
          g_array_append_val (candidates, ((PairingsCandidate) { pairings_application_get_id (o->app), score }));
      }
  else
    for (guint i = 0; i < ctx.mentees->len; i++)
      {
        Person *e = &g_array_index (ctx.mentees, Person, i), *o = &g_array_index (ctx.mentors, Person, mentor);
        int score = score_pair (&ctx, e, o, NULL);

        if (!e->pinned && forbidden_by (&ctx, e, o, score) == RULE_NONE)
          g_array_append_val (candidates, ((PairingsCandidate) { pairings_application_get_id (e->app), score }));
      }
  g_array_sort (candidates, compare_candidates);
  return candidates;
}

gboolean
pairings_matcher_dump_scores (PairingsStore                *store,
                              gint64                        cohort_id,
                              const PairingsMatchSettings  *settings,
                              const char                   *path,
                              GError                      **error)
{
  g_auto(Context) ctx = { 0, };
  g_autoptr(GString) csv = g_string_new (NULL);
  PairingsMatchSettings defaults;

  if (settings == NULL)
    {
      if (!pairings_match_settings_load (store, cohort_id, &defaults, error))
        return FALSE;
      settings = &defaults;
    }
  if (!load_context (&ctx, store, cohort_id, settings, error))
    return FALSE;

  /* One column per free place of each mentor, in mentor order. */
  for (guint i = 0; i < ctx.mentees->len; i++)
    {
      Person *e = &g_array_index (ctx.mentees, Person, i);
      gboolean first = TRUE;

      if (e->pinned)
        continue;
      for (guint j = 0; j < ctx.mentors->len; j++)
        {
          Person *o = &g_array_index (ctx.mentors, Person, j);
          int score = score_pair (&ctx, e, o, NULL);
          gboolean ok = forbidden_by (&ctx, e, o, score) == RULE_NONE;

          for (int p = 0; p < MIN (o->places, (int) ctx.mentees->len); p++)
            {
              if (!first)
                g_string_append_c (csv, ',');
              if (ok)
                g_string_append_printf (csv, "%d", score);
              first = FALSE;
            }
        }
      g_string_append (csv, "\r\n");
    }

  return g_file_set_contents_full (path, csv->str, (gssize) csv->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
append_person (GString    *json,
               const char *key,
               gint64      id,
               const char *name)
{
  g_string_append_printf (json, "\"%s\":{\"id\":%" G_GINT64_FORMAT ",\"name\":", key, id);
  pairings_json_append_string (json, name);
  g_string_append_c (json, '}');
}

char *
pairings_match_result_to_json (PairingsMatchResult *result)
{
  GString *json = g_string_new (NULL);

  g_string_append_printf (json, "{\"total\":%" G_GINT64_FORMAT ",\"median\":%d,\"minimum\":%d,"
                                "\"pinned\":%u,\"certificate\":%s,\"solve_seconds\":%.6f,\"pairs\":[",
                          result->total, result->median, result->minimum, result->pinned,
                          result->certificate ? "true" : "false", result->seconds);
  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);

      g_string_append (json, i ? ",{" : "{");
      append_person (json, "mentee", s->mentee_id, s->mentee_name);
      g_string_append_c (json, ',');
      append_person (json, "mentor", s->mentor_id, s->mentor_name);
      g_string_append_printf (json, ",\"score\":%d,\"pinned\":%s,\"contributions\":[", s->score,
                              s->pinned ? "true" : "false");
      for (guint c = 0; c < s->contributions->len; c++)
        {
          PairingsContribution *k = &g_array_index (s->contributions, PairingsContribution, c);
          g_string_append_printf (json, "%s{\"criterion\":\"%s\",\"points\":%d,\"text\":", c ? "," : "",
                                  criterion_ids[k->criterion], k->points);
          pairings_json_append_string (json, k->text);
          g_string_append_c (json, '}');
        }
      g_string_append (json, "],\"alternative\":");
      if (s->alternative_id > 0)
        {
          g_string_append_printf (json, "{\"id\":%" G_GINT64_FORMAT ",\"name\":", s->alternative_id);
          pairings_json_append_string (json, s->alternative_name);
          g_string_append_printf (json, ",\"score\":%d}", s->alternative_score);
        }
      else
        g_string_append (json, "null");
      g_string_append_c (json, '}');
    }
  g_string_append (json, "],\"unmatched\":[");
  for (guint i = 0; i < result->unmatched->len; i++)
    {
      PairingsUnmatched *u = g_ptr_array_index (result->unmatched, i);

      g_string_append_printf (json, "%s{\"id\":%" G_GINT64_FORMAT ",\"name\":", i ? "," : "", u->mentee_id);
      pairings_json_append_string (json, u->name);
      g_string_append (json, ",\"reason\":");
      pairings_json_append_string (json, u->reason);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}\n");
  return g_string_free (json, FALSE);
}

char *
pairings_match_result_to_text (PairingsMatchResult *result)
{
  GString *text = g_string_new (NULL);
  guint suggested = result->pairs->len - result->pinned;
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, result->total);

  g_string_append_printf (text, _("%u suggested pairs (total %s, median %d, lowest %d), "
                                  "%u kept by the committee, %u mentees left unpaired.\n"),
                          suggested, total, result->median, result->minimum,
                          result->pinned, result->unmatched->len);
  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);

      if (s->pinned)
        continue;
      g_string_append_printf (text, "\n%s ← %s  (%d)\n", s->mentee_name, s->mentor_name, s->score);
      for (guint c = 0; c < s->contributions->len; c++)
        g_string_append_printf (text, "    %s\n",
                                g_array_index (s->contributions, PairingsContribution, c).text);
      if (s->alternative_id > 0)
        g_string_append_printf (text, _("    next best: %s (%+d)\n"), s->alternative_name,
                                s->alternative_score - s->score);
    }
  for (guint i = 0; i < result->unmatched->len; i++)
    {
      PairingsUnmatched *u = g_ptr_array_index (result->unmatched, i);
      g_string_append_printf (text, _("\nUnpaired: %s — %s\n"), u->name, u->reason);
    }
  return g_string_free (text, FALSE);
}

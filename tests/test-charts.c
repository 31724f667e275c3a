/* test-charts.c: the numbers behind the charts, against SQL counts of our own
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every cell of every chart of the demo programme is compared with a count
 * written here independently, first with nothing suppressed (threshold 1),
 * then with the default threshold, where exactly the counts from 1 to 4
 * must have become "< 5", and in each bar with exactly one of them and
 * another non-zero count, the smallest of those (the first of equals)
 * "hidden"; every other cell shows its count.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "pairings-charts.h"
#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-test-utils.h"

#define TODAY "2026-01-15"

typedef struct
{
  char          *dir;
  PairingsStore *store;
  gint64         programme;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pairings-charts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "charts.db", NULL);
  f->store = pairings_store_open (path, &error);
  g_assert_no_error (error);
}

static void
assert_no_busy (PairingsStore *store)
{
  sqlite3 *db = _pairings_store_get_db (store);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    if (sqlite3_stmt_busy (stmt))
      g_error ("A statement was left running: %s", sqlite3_sql (stmt));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assert_no_busy (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* SQL helpers, with sqlite3_mprintf() formats (%Q quotes a string). */

static int
count_sql (PairingsStore *store,
           const char    *format,
           ...)
{
  va_list args;
  char *sql;
  int n;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  n = query_int (store, sql);
  sqlite3_free (sql);
  g_assert_cmpint (n, >=, 0);
  return n;
}

static double
double_sql (PairingsStore *store,
            const char    *format,
            ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  double value = -1;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  return value;
}

static GPtrArray *
strings_sql (PairingsStore *store,
             const char    *format,
             ...)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  va_list args;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  return strings;
}

static void
exec_sql (PairingsStore *store,
          const char    *format,
          ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  g_assert_true (_pairings_store_exec (store, sql, &error));
  g_assert_no_error (error);
  sqlite3_free (sql);
}

static void
assert_strings (GPtrArray          *actual,
                const char * const *expected,
                guint               n_expected)
{
  for (guint i = 0; i < MIN (actual->len, n_expected); i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, expected[i]);
  g_assert_cmpuint (actual->len, ==, n_expected);
}

static void
assert_same_strings (GPtrArray *actual,
                     GPtrArray *expected)
{
  assert_strings (actual, (const char * const *) expected->pdata, expected->len);
}

static PairingsChartData *
collect (Fixture           *f,
         PairingsChartKind  kind,
         gint64             cohort,
         const char        *today)
{
  g_autoptr(GError) error = NULL;
  PairingsChartData *data = pairings_charts_collect (f->store, kind, cohort, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpint (data->kind, ==, kind);
  g_assert_cmpuint (data->bars->len, >=, 1);
  g_assert_cmpuint (data->series->len, >=, 1);
  g_assert_cmpuint (data->notes->len, ==, data->categories->len);
  assert_no_busy (f->store);
  return data;
}

static void
set_threshold (Fixture *f,
               guint    threshold)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_charts_set_threshold (f->store, f->programme, threshold, &error));
  g_assert_no_error (error);
}

static gint64
add_programme (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;

  f->programme = pairings_store_add_programme (f->store, name, &error);
  g_assert_no_error (error);
  return f->programme;
}

static gint64
add_cohort (Fixture                   *f,
            const char                *name,
            const PairingsCohortDates *dates)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = pairings_store_add_cohort (f->store, f->programme, name, dates, -1, &error);

  g_assert_no_error (error);
  return pairings_cohort_get_id (cohort);
}

static gint64
add_application (Fixture             *f,
                 gint64               cohort,
                 const char          *email,
                 PairingsRole         role,
                 PairingsStatus       status,
                 PairingsCareerStage  stage)
{
  g_autoptr(GError) error = NULL;
  const char *types[] = { "Career", NULL };
  PairingsApplicationData data = {
    .name = email, .email = email, .role = role, .status = status, .capacity = 1,
    .career_stage = stage, .mentoring_types = types,
  };
  gint64 id = pairings_store_add_application (f->store, cohort, &data, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_pair (Fixture    *f,
          gint64      cohort,
          gint64      mentor,
          gint64      mentee,
          const char *stage)
{
  exec_sql (f->store,
            "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage)"
            " VALUES (%lld, %lld, %lld, %Q)",
            (long long) cohort, (long long) mentor, (long long) mentee, stage);
  return sqlite3_last_insert_rowid (_pairings_store_get_db (f->store));
}

/* The demo programme ---------------------------------------------------------------- */

static void
fill_demo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pairings_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  f->programme = count_sql (f->store, "SELECT id FROM programmes WHERE name = %Q", PAIRINGS_DEMO_PROGRAMME);
  g_assert_cmpint (f->programme, >, 0);
}

static gint64
cohort_id (Fixture    *f,
           const char *name)
{
  int id = count_sql (f->store, "SELECT coalesce((SELECT id FROM cohorts WHERE programme_id = %lld AND name = %Q), 0)",
                      (long long) f->programme, name);

  g_assert_cmpint (id, >, 0);
  return id;
}

static const char * const stage_words[] = {
  "undergraduate", "graduate", "postdoc", "engineer", "junior_faculty", "senior_faculty"
};

/* The SQL condition for a series of the participants chart, by its label. */
static char *
stage_condition (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_words); i++)
    {
      PairingsCareerStage stage;

      g_assert_true (pairings_career_stage_from_string (stage_words[i], &stage));
      if (g_str_equal (label, pairings_career_stage_get_label (stage)))
        return sqlite3_mprintf ("a.career_stage = %Q", stage_words[i]);
    }
  g_assert_cmpstr (label, ==, pairings_career_stage_get_label (PAIRINGS_CAREER_UNKNOWN));
  return sqlite3_mprintf ("a.career_stage NOT IN ('undergraduate', 'graduate', 'postdoc', 'engineer',"
                          " 'junior_faculty', 'senior_faculty')");
}

static void
shape_participants (Fixture           *f,
                    gint64             cohort,
                    const char        *today,
                    PairingsChartData *data)
{
  static const char * const bars[] = { "Mentors", "Mentees" };
  g_autoptr(GPtrArray) cohorts = NULL;
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_free);

  cohorts = strings_sql (f->store,
                         "SELECT name FROM cohorts WHERE programme_id = %lld"
                         " AND call_opens <= (SELECT call_opens FROM cohorts WHERE id = %lld) ORDER BY call_opens",
                         (long long) f->programme, (long long) cohort);
  assert_same_strings (data->categories, cohorts);
  assert_strings (data->bars, bars, 2);

  /* The stages from the most junior up, unknown last, each if counted. */
  for (guint i = 0; i <= G_N_ELEMENTS (stage_words); i++)
    {
      PairingsCareerStage stage = PAIRINGS_CAREER_UNKNOWN;
      const char *label;
      char *condition;
      int n;

      if (i < G_N_ELEMENTS (stage_words))
        g_assert_true (pairings_career_stage_from_string (stage_words[i], &stage));
      label = pairings_career_stage_get_label (stage);
      condition = stage_condition (label);
      n = count_sql (f->store,
                     "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                     " WHERE c.programme_id = %lld AND a.status = 'accepted' AND %s"
                     " AND c.call_opens <= (SELECT call_opens FROM cohorts WHERE id = %lld)",
                     (long long) f->programme, condition, (long long) cohort);
      sqlite3_free (condition);
      if (n > 0)
        g_ptr_array_add (series, g_strdup (label));
    }
  assert_same_strings (data->series, series);
  g_assert_cmpstr (data->title, ==, "Participants by career stage");
  g_assert_cmpstr (data->x_label, ==, "Cohort");
  g_assert_cmpstr (data->y_label, ==, "People");
}

static double
expect_participants (Fixture                 *f,
                     gint64                   cohort,
                     const char              *today,
                     const PairingsChartData *data,
                     guint                    c,
                     guint                    b,
                     guint                    s)
{
  char *condition = stage_condition (g_ptr_array_index (data->series, s));
  int n = count_sql (f->store,
                     "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                     " WHERE c.programme_id = %lld AND c.name = %Q AND a.role = %Q"
                     " AND a.status = 'accepted' AND %s",
                     (long long) f->programme, (const char *) g_ptr_array_index (data->categories, c),
                     b == 0 ? "mentor" : "mentee", condition);

  sqlite3_free (condition);
  return n;
}

static int
type_count (Fixture    *f,
            gint64      cohort,
            const char *role,
            const char *type)
{
  return count_sql (f->store,
                    "SELECT count(*) FROM applications a WHERE a.cohort_id = %lld AND a.status = 'accepted'"
                    " AND a.role LIKE %Q AND EXISTS (SELECT 1 FROM json_each(a.mentoring_types) t"
                    "  WHERE t.value = %Q)",
                    (long long) cohort, role, type);
}

typedef struct
{
  char *type;
  int   total;
} TypeTotal;

static int
compare_type_totals (gconstpointer a,
                     gconstpointer b)
{
  const TypeTotal *x = a;
  const TypeTotal *y = b;

  if (x->total != y->total)
    return y->total - x->total;
  return strcmp (x->type, y->type);
}

static void
shape_mentoring_types (Fixture           *f,
                       gint64             cohort,
                       const char        *today,
                       PairingsChartData *data)
{
  static const char * const bars[] = { "Mentees asking", "Mentors offering" };
  static const char * const series[] = { "Applications" };
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (TypeTotal));

  types = strings_sql (f->store,
                       "SELECT DISTINCT t.value FROM applications a, json_each(a.mentoring_types) t"
                       " WHERE a.cohort_id = %lld AND a.status = 'accepted'",
                       (long long) cohort);
  for (guint i = 0; i < types->len; i++)
    {
      TypeTotal total = { g_ptr_array_index (types, i), type_count (f, cohort, "%", g_ptr_array_index (types, i)) };
      g_array_append_val (totals, total);
    }
  g_array_sort (totals, compare_type_totals);

  g_assert_cmpuint (data->categories->len, ==, totals->len);
  for (guint i = 0; i < totals->len; i++)
    g_assert_cmpstr (g_ptr_array_index (data->categories, i), ==, g_array_index (totals, TypeTotal, i).type);
  assert_strings (data->bars, bars, 2);
  assert_strings (data->series, series, 1);
  g_assert_cmpstr (data->x_label, ==, "Mentoring type");
  g_assert_cmpstr (data->y_label, ==, "People");
}

static double
expect_mentoring_types (Fixture                 *f,
                        gint64                   cohort,
                        const char              *today,
                        const PairingsChartData *data,
                        guint                    c,
                        guint                    b,
                        guint                    s)
{
  return type_count (f, cohort, b == 0 ? "mentee" : "mentor", g_ptr_array_index (data->categories, c));
}

static void
shape_funnel (Fixture           *f,
              gint64             cohort,
              const char        *today,
              PairingsChartData *data)
{
  static const char * const steps[] = { "Applied", "Accepted", "Paired", "Agreement signed", "Completed" };
  static const char * const bars[] = { "Mentees", "Mentors" };

  assert_strings (data->categories, steps, 5);
  assert_strings (data->bars, bars, 2);
  g_assert_cmpuint (data->series->len, ==, 1);
  g_assert_cmpstr (data->x_label, ==, "Step");
  g_assert_cmpstr (data->y_label, ==, "People");
}

static double
expect_funnel (Fixture                 *f,
               gint64                   cohort,
               const char              *today,
               const PairingsChartData *data,
               guint                    c,
               guint                    b,
               guint                    s)
{
  static const char * const pair_conditions[] = {
    NULL, NULL, "1", "EXISTS (SELECT 1 FROM agreements g WHERE g.pair_id = p.id AND g.status = 'signed')",
    "p.outcome IN ('completed', 'continues')",
  };
  const char *role = b == 0 ? "mentee" : "mentor";

  if (c == 0)
    return count_sql (f->store, "SELECT count(*) FROM applications WHERE cohort_id = %lld AND role = %Q",
                      (long long) cohort, role);
  if (c == 1)
    return count_sql (f->store,
                      "SELECT count(*) FROM applications WHERE cohort_id = %lld AND role = %Q"
                      " AND status = 'accepted'",
                      (long long) cohort, role);
  return count_sql (f->store,
                    "SELECT count(*) FROM applications a WHERE a.role = %Q AND EXISTS (SELECT 1 FROM pairs p"
                    " WHERE p.cohort_id = %lld AND p.stage = 'announced'"
                    " AND a.id = (CASE a.role WHEN 'mentee' THEN p.mentee_application_id"
                    "   ELSE p.mentor_application_id END) AND %s)",
                    role, (long long) cohort, pair_conditions[c]);
}

/* The months of the cycle, with GDate rather than GDateTime. */
static GPtrArray *
cycle_months (Fixture    *f,
              gint64      cohort,
              const char *today)
{
  GPtrArray *months = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  char *sql;
  GDate first, last, limit;

  sql = sqlite3_mprintf ("SELECT coalesce(kick_off, announcement) FROM cohorts WHERE id = %lld", (long long) cohort);
  start = query_text (f->store, sql);
  sqlite3_free (sql);
  sql = sqlite3_mprintf ("SELECT coalesce(ends, %Q) FROM cohorts WHERE id = %lld", today, (long long) cohort);
  end = query_text (f->store, sql);
  sqlite3_free (sql);
  if (start == NULL)
    return months;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_clear (&limit, 1);
  g_date_set_parse (&first, start);
  g_date_set_parse (&last, end);
  g_date_set_parse (&limit, today);
  g_assert_true (g_date_valid (&first) && g_date_valid (&last) && g_date_valid (&limit));
  if (g_date_compare (&limit, &last) < 0)
    last = limit;
  g_date_set_day (&first, 1);
  for (; g_date_compare (&first, &last) <= 0; g_date_add_months (&first, 1))
    {
      char label[32];

      g_date_strftime (label, sizeof label, "%b %Y", &first);
      g_ptr_array_add (months, g_strdup (label));
    }
  return months;
}

static void
shape_check_ins (Fixture           *f,
                 gint64             cohort,
                 const char        *today,
                 PairingsChartData *data)
{
  static const char * const bars[] = { "Pairs" };
  static const char * const series[] = { "On track", "Needs attention", "No contact", "Missing" };
  g_autoptr(GPtrArray) months = cycle_months (f, cohort, today);

  assert_same_strings (data->categories, months);
  assert_strings (data->bars, bars, 1);
  assert_strings (data->series, series, 4);
  g_assert_cmpstr (data->x_label, ==, "Month");
  g_assert_cmpstr (data->y_label, ==, "Pairs");
}

/* "2023-04" for the category "Apr 2023". */
static char *
category_month (const char *label)
{
  static const char * const names[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  for (guint m = 0; m < 12; m++)
    if (g_str_has_prefix (label, names[m]))
      return g_strdup_printf ("%s-%02u", label + 4, m + 1);
  g_assert_not_reached ();
}

static double
expect_check_ins (Fixture                 *f,
                  gint64                   cohort,
                  const char              *today,
                  const PairingsChartData *data,
                  guint                    c,
                  guint                    b,
                  guint                    s)
{
  static const char * const statuses[] = { "on_track", "needs_attention", "no_contact" };
  g_autofree char *month = category_month (g_ptr_array_index (data->categories, c));
  g_autofree char *pattern = g_strconcat (month, "-%", NULL);

  if (s == 3)
    return count_sql (f->store,
                      "SELECT count(*) FROM pairs p WHERE p.cohort_id = %lld AND p.stage = 'announced'"
                      " AND NOT EXISTS (SELECT 1 FROM check_ins k WHERE k.pair_id = p.id AND k.date LIKE %Q)",
                      (long long) cohort, pattern);
  /* The last of the month: no later one that month. */
  return count_sql (f->store,
                    "SELECT count(*) FROM pairs p JOIN check_ins k ON k.pair_id = p.id"
                    " WHERE p.cohort_id = %lld AND p.stage = 'announced' AND k.date LIKE %Q AND k.status = %Q"
                    " AND NOT EXISTS (SELECT 1 FROM check_ins l WHERE l.pair_id = p.id AND l.date LIKE %Q"
                    "  AND (l.date > k.date OR (l.date = k.date AND l.id > k.id)))",
                    (long long) cohort, pattern, statuses[s], pattern);
}

static const char *
rating_survey (Fixture *f,
               gint64   cohort)
{
  return count_sql (f->store,
                    "SELECT count(*) FROM evaluations WHERE cohort_id = %lld AND survey = 'end'"
                    " AND rating BETWEEN 1 AND 5",
                    (long long) cohort) > 0 ? "end" : "mid";
}

static void
shape_ratings (Fixture           *f,
               gint64             cohort,
               const char        *today,
               PairingsChartData *data)
{
  static const char * const bars[] = { "Answers" };
  static const char * const series[] = { "1", "2", "3", "4", "5" };
  g_autoptr(GPtrArray) questions = NULL;

  questions = strings_sql (f->store,
                           "SELECT question FROM evaluations WHERE cohort_id = %lld AND survey = %Q"
                           " AND rating IS NOT NULL GROUP BY question ORDER BY min(id)",
                           (long long) cohort, rating_survey (f, cohort));
  assert_same_strings (data->categories, questions);
  assert_strings (data->bars, bars, 1);
  assert_strings (data->series, series, 5);
  g_assert_cmpstr (data->x_label, ==, "Question");
  g_assert_cmpstr (data->y_label, ==, "Answers");

  for (guint c = 0; c < questions->len; c++)
    {
      const char *question = g_ptr_array_index (questions, c);
      int n = count_sql (f->store,
                         "SELECT count(*) FROM evaluations WHERE cohort_id = %lld AND survey = %Q"
                         " AND question = %Q AND rating IS NOT NULL",
                         (long long) cohort, rating_survey (f, cohort), question);
      double sum = double_sql (f->store,
                               "SELECT total(rating) FROM evaluations WHERE cohort_id = %lld AND survey = %Q"
                               " AND question = %Q",
                               (long long) cohort, rating_survey (f, cohort), question);
      int n_small = count_sql (f->store,
                               "SELECT count(*) FROM (SELECT rating FROM evaluations"
                               " WHERE cohort_id = %lld AND survey = %Q AND question = %Q"
                               " AND rating IS NOT NULL GROUP BY rating HAVING count(*) < %u)",
                               (long long) cohort, rating_survey (f, cohort), question, data->threshold);
      g_autofree char *note = NULL;

      /* With a count hidden, the mean alone: the number of answers would
       * give the hidden counts' sum. */
      if ((guint) n < data->threshold)
        note = g_strdup_printf ("fewer than %u answers", data->threshold);
      else if (n_small > 0)
        note = g_strdup_printf ("mean %.1f", sum / n);
      else
        note = g_strdup_printf ("mean %.1f · %d answer%s", sum / n, n, n == 1 ? "" : "s");
      g_assert_cmpstr (g_ptr_array_index (data->notes, c), ==, note);
    }
}

static double
expect_ratings (Fixture                 *f,
                gint64                   cohort,
                const char              *today,
                const PairingsChartData *data,
                guint                    c,
                guint                    b,
                guint                    s)
{
  return count_sql (f->store,
                    "SELECT count(*) FROM evaluations WHERE cohort_id = %lld AND survey = %Q"
                    " AND question = %Q AND rating = %u",
                    (long long) cohort, rating_survey (f, cohort),
                    (const char *) g_ptr_array_index (data->categories, c), s + 1);
}

static void
shape_continuation (Fixture           *f,
                    gint64             cohort,
                    const char        *today,
                    PairingsChartData *data)
{
  static const char * const series[] = {
    "Mentors returning", "Mentees returning", "Mentees now mentors", "Continuing pairs"
  };
  g_autoptr(GPtrArray) cohorts = NULL;

  cohorts = strings_sql (f->store,
                         "SELECT name FROM cohorts WHERE programme_id = %lld"
                         " AND call_opens <= (SELECT call_opens FROM cohorts WHERE id = %lld)"
                         " ORDER BY call_opens LIMIT -1 OFFSET 1",
                         (long long) f->programme, (long long) cohort);
  assert_same_strings (data->categories, cohorts);
  g_assert_cmpuint (data->bars->len, ==, 1);
  assert_strings (data->series, series, 4);
  g_assert_cmpstr (data->title, ==, "Returning people and continuing pairs");
  g_assert_cmpstr (data->x_label, ==, "Cohort");
}

static double
expect_continuation (Fixture                 *f,
                     gint64                   cohort,
                     const char              *today,
                     const PairingsChartData *data,
                     guint                    c,
                     guint                    b,
                     guint                    s)
{
  static const char * const roles[][2] = {
    { "mentor", "mentor" }, { "mentee", "mentee" }, { "mentor", "mentee" }
  };
  gint64 now = cohort_id (f, g_ptr_array_index (data->categories, c));
  gint64 before = count_sql (f->store,
                             "SELECT id FROM cohorts WHERE programme_id = %lld"
                             " AND call_opens < (SELECT call_opens FROM cohorts WHERE id = %lld)"
                             " ORDER BY call_opens DESC LIMIT 1",
                             (long long) f->programme, (long long) now);

  if (s == 3)
    return count_sql (f->store,
                      "SELECT count(*) FROM pairs WHERE cohort_id = %lld AND stage <> 'set_aside'"
                      " AND continues_from IN (SELECT id FROM pairs WHERE cohort_id = %lld)",
                      (long long) now, (long long) before);
  return count_sql (f->store,
                    "SELECT count(*) FROM applications WHERE cohort_id = %lld AND role = %Q AND status = 'accepted'"
                    " AND person_id IN (SELECT person_id FROM applications WHERE cohort_id = %lld"
                    "  AND role = %Q AND status = 'accepted')",
                    (long long) now, roles[s][0], (long long) before, roles[s][1]);
}

typedef void (*ShapeFunc) (Fixture *, gint64, const char *, PairingsChartData *);
typedef double (*ExpectFunc) (Fixture *, gint64, const char *, const PairingsChartData *,
                              guint, guint, guint);

static const struct
{
  ShapeFunc  shape;
  ExpectFunc expect;
} checks[] = {
  { shape_participants, expect_participants },
  { shape_mentoring_types, expect_mentoring_types },
  { shape_funnel, expect_funnel },
  { shape_check_ins, expect_check_ins },
  { shape_ratings, expect_ratings },
  { shape_continuation, expect_continuation },
};

G_STATIC_ASSERT (G_N_ELEMENTS (checks) == PAIRINGS_N_CHART_KINDS);

static void
assert_same_shape (const PairingsChartData *a,
                   const PairingsChartData *b)
{
  assert_same_strings (a->categories, b->categories);
  assert_same_strings (a->bars, b->bars);
  assert_same_strings (a->series, b->series);
  g_assert_cmpstr (a->title, ==, b->title);
}

/* No bar of @data has a single hidden cell with another non-zero one
 * shown, nor a complementary cell without exactly one small one beside
 * it; hidden cells read -1, and are written as "< N" or "hidden". */
static void
assert_bars_protected (const PairingsChartData *data)
{
  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < data->bars->len; b++)
      {
        guint n_hidden = 0;
        guint n_small = 0;
        guint n_complementary = 0;
        guint n_shown = 0;

        for (guint s = 0; s < data->series->len; s++)
          {
            double value = pairings_chart_data_get (data, c, b, s);
            g_autofree char *text = pairings_chart_data_format (data, c, b, s);
            g_autofree char *small = g_strdup_printf ("< %u", data->threshold);

            if (pairings_chart_data_is_complementary (data, c, b, s))
              {
                g_assert_true (pairings_chart_data_is_suppressed (data, c, b, s));
                g_assert_cmpstr (text, ==, "hidden");
                n_complementary++;
              }
            else if (pairings_chart_data_is_suppressed (data, c, b, s))
              {
                g_assert_cmpstr (text, ==, small);
                n_small++;
              }
            if (pairings_chart_data_is_suppressed (data, c, b, s))
              {
                g_assert_cmpfloat (value, ==, -1);
                n_hidden++;
              }
            else
              {
                g_assert_true (value == 0 || value >= data->threshold);
                if (value > 0)
                  n_shown++;
              }
          }
        if (n_hidden == 1)
          g_assert_cmpuint (n_shown, ==, 0);
        g_assert_cmpuint (n_complementary, <=, 1);
        if (n_complementary == 1)
          g_assert_cmpuint (n_small, ==, 1);
      }
}

/* Which cells of a bar the rule hides beside a small one: with exactly
 * one count from 1 to @threshold − 1 among @values, the smallest of the
 * others that is not zero, the first of equals. */
static void
expect_complementary (const double *values,
                      guint         n,
                      guint         threshold,
                      gboolean     *complementary)
{
  guint n_small = 0;
  int smallest = -1;

  for (guint s = 0; s < n; s++)
    {
      complementary[s] = FALSE;
      if (values[s] >= 1 && values[s] < threshold)
        n_small++;
      else if (values[s] > 0 && (smallest < 0 || values[s] < values[smallest]))
        smallest = (int) s;
    }
  if (n_small == 1 && smallest >= 0)
    complementary[smallest] = TRUE;
}

/* Compares every cell of @kind for @cohort with the SQL counts, with
 * nothing suppressed, then with the default threshold. Returns how many
 * cells the threshold suppressed, and adds to @n_complementary how many
 * were hidden beside them. */
static guint
check_kind_full (Fixture           *f,
                 PairingsChartKind  kind,
                 gint64             cohort,
                 const char        *today,
                 guint             *n_complementary)
{
  g_autoptr(PairingsChartData) all = NULL;
  g_autoptr(PairingsChartData) some = NULL;
  g_autofree double *expected = NULL;
  guint n_suppressed = 0;
  double total = 0;
  gsize n;

  set_threshold (f, 1);
  all = collect (f, kind, cohort, today);
  g_assert_cmpuint (all->threshold, ==, 1);
  checks[kind].shape (f, cohort, today, all);
  if (kind != PAIRINGS_CHART_PARTICIPANTS && kind != PAIRINGS_CHART_CONTINUATION)
    {
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      char *sql = sqlite3_mprintf ("SELECT name FROM cohorts WHERE id = %lld", (long long) cohort);

      name = query_text (f->store, sql);
      sqlite3_free (sql);
      title = g_strdup_printf ("%s — %s", pairings_chart_kind_get_title (kind), name);
      g_assert_cmpstr (all->title, ==, title);
    }

  n = (gsize) all->categories->len * all->bars->len * all->series->len;
  expected = g_new0 (double, MAX (n, 1));
  for (guint c = 0; c < all->categories->len; c++)
    for (guint b = 0; b < all->bars->len; b++)
      for (guint s = 0; s < all->series->len; s++)
        {
          double e = checks[kind].expect (f, cohort, today, all, c, b, s);
          g_autofree char *text = g_strdup_printf ("%.0f", e);
          g_autofree char *format = pairings_chart_data_format (all, c, b, s);

          expected[(c * all->bars->len + b) * all->series->len + s] = e;
          g_assert_cmpfloat (pairings_chart_data_get (all, c, b, s), ==, e);
          g_assert_false (pairings_chart_data_is_suppressed (all, c, b, s));
          g_assert_false (pairings_chart_data_is_complementary (all, c, b, s));
          g_assert_cmpstr (format, ==, text);
          total += e;
        }
  if (all->categories->len > 0)
    g_assert_cmpfloat (total, >, 0);

  /* Back to the default. */
  exec_sql (f->store, "UPDATE programmes SET settings = '{}' WHERE id = %lld", (long long) f->programme);
  some = collect (f, kind, cohort, today);
  g_assert_cmpuint (some->threshold, ==, 5);
  assert_same_shape (all, some);
  if (kind == PAIRINGS_CHART_RATINGS)
    checks[kind].shape (f, cohort, today, some);
  for (guint c = 0; c < some->categories->len; c++)
    for (guint b = 0; b < some->bars->len; b++)
      {
        const double *bar = &expected[(c * some->bars->len + b) * some->series->len];
        g_autofree gboolean *complementary = g_new0 (gboolean, some->series->len);

        expect_complementary (bar, some->series->len, 5, complementary);
        for (guint s = 0; s < some->series->len; s++)
          {
            double e = bar[s];
            g_autofree char *format = pairings_chart_data_format (some, c, b, s);
            g_autofree char *text = g_strdup_printf ("%.0f", e);
            gboolean small = e >= 1 && e < 5;
            gboolean hidden = small || complementary[s];

            g_assert_cmpint (pairings_chart_data_is_suppressed (some, c, b, s), ==, hidden);
            g_assert_cmpint (pairings_chart_data_is_complementary (some, c, b, s), ==, complementary[s]);
            /* Only the cells left visible are compared with their count. */
            g_assert_cmpfloat (pairings_chart_data_get (some, c, b, s), ==, hidden ? -1 : e);
            if (small)
              {
                g_assert_cmpstr (format, ==, "< 5");
                n_suppressed++;
              }
            else if (complementary[s])
              {
                g_assert_cmpfloat (e, >=, 5);
                g_assert_cmpstr (format, ==, "hidden");
                (*n_complementary)++;
              }
            else
              g_assert_cmpstr (format, ==, text);
          }
      }
  assert_bars_protected (some);
  return n_suppressed;
}

static guint
check_kind (Fixture           *f,
            PairingsChartKind  kind,
            gint64             cohort,
            const char        *today)
{
  guint n_complementary = 0;

  return check_kind_full (f, kind, cohort, today, &n_complementary);
}

static void
test_demo (Fixture       *f,
           gconstpointer  unused)
{
  static const char * const names[] = { "2023", "2024", "2025" };
  guint n_suppressed = 0;
  guint n_complementary = 0;
  guint n_categories = 0;
  guint n_hidden_csv = 0;

  fill_demo (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
      {
        g_autoptr(PairingsChartData) data = NULL;
        g_autofree char *csv = NULL;

        g_test_message ("%s, cohort %s", pairings_chart_kind_to_string (k), names[i]);
        n_suppressed += check_kind_full (f, k, cohort_id (f, names[i]), TODAY, &n_complementary);
        data = collect (f, k, cohort_id (f, names[i]), TODAY);
        n_categories += data->categories->len;
        /* Every bar of every chart, once more on its own. */
        assert_bars_protected (data);
        csv = pairings_chart_data_to_csv (data);
        for (const char *p = strstr (csv, ",hidden"); p != NULL; p = strstr (p + 1, ",hidden"))
          n_hidden_csv++;
      }
  /* The demo gives something to look at, and small groups to hide, some
   * of them beside larger counts. */
  g_test_message ("%u small counts hidden, %u beside them", n_suppressed, n_complementary);
  g_assert_cmpuint (n_categories, >, 30);
  g_assert_cmpuint (n_suppressed, >, 0);
  g_assert_cmpuint (n_complementary, >, 0);
  g_assert_cmpuint (n_hidden_csv, ==, n_complementary);
}

static void
test_demo_check_ins (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(PairingsChartData) data = NULL;
  gint64 y2023, y2025;

  fill_demo (f);
  y2023 = cohort_id (f, "2023");
  y2025 = cohort_id (f, "2025");

  /* The whole of a finished cycle: April to December. */
  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_CHECK_INS, y2023, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (data->categories, 0), ==, "Apr 2023");
  g_assert_cmpstr (g_ptr_array_index (data->categories, 8), ==, "Dec 2023");
  g_clear_pointer (&data, pairings_chart_data_free);

  /* Today cuts the cycle: the month of today is the last. */
  check_kind (f, PAIRINGS_CHART_CHECK_INS, y2023, "2023-07-15");
  data = collect (f, PAIRINGS_CHART_CHECK_INS, y2023, "2023-07-15");
  g_assert_cmpuint (data->categories->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (data->categories, 3), ==, "Jul 2023");
  g_clear_pointer (&data, pairings_chart_data_free);

  /* The open year: its announced pairs have no check-in yet. */
  check_kind (f, PAIRINGS_CHART_CHECK_INS, y2025, "2025-06-10");
  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_CHECK_INS, y2025, "2025-06-10");
  g_assert_cmpuint (data->categories->len, ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpfloat (pairings_chart_data_get (data, c, 0, 0), ==, 0);
      g_assert_cmpfloat (pairings_chart_data_get (data, c, 0, 3), ==,
                         count_sql (f->store, "SELECT count(*) FROM pairs WHERE cohort_id = %lld"
                                    " AND stage = 'announced'", (long long) y2025));
    }
  g_clear_pointer (&data, pairings_chart_data_free);

  /* Before the kick-off: nothing yet. */
  data = collect (f, PAIRINGS_CHART_CHECK_INS, y2025, "2025-03-30");
  g_assert_cmpuint (data->categories->len, ==, 0);
}

static void
test_demo_mid_survey (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(PairingsChartData) data = NULL;
  gint64 y2024;

  fill_demo (f);
  y2024 = cohort_id (f, "2024");
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM evaluations WHERE cohort_id = %lld"
                              " AND survey = 'mid' AND rating IS NOT NULL", (long long) y2024), >, 0);

  /* Without an end-of-cycle rating, the mid-cycle survey is shown. */
  exec_sql (f->store, "UPDATE evaluations SET rating = NULL WHERE cohort_id = %lld AND survey = 'end'",
            (long long) y2024);
  check_kind (f, PAIRINGS_CHART_RATINGS, y2024, TODAY);
  data = collect (f, PAIRINGS_CHART_RATINGS, y2024, TODAY);
  g_assert_cmpuint (data->categories->len, >, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM evaluations WHERE cohort_id = %lld"
                              " AND survey = 'mid' AND question = %Q", (long long) y2024,
                              (const char *) g_ptr_array_index (data->categories, 0)), >, 0);
}

/* Small programmes ------------------------------------------------------------------- */

static const PairingsCohortDates dates_2024 = {
  "2024-01-15", "2024-02-16", "2024-03-15", "2024-04-11", "2024-12-13"
};
static const PairingsCohortDates dates_2025 = {
  "2025-01-13", "2025-02-14", "2025-03-21", "2025-04-10", "2025-12-12"
};

static void
assert_empty (Fixture           *f,
              PairingsChartKind  kind,
              gint64             cohort)
{
  g_autoptr(PairingsChartData) data = collect (f, kind, cohort, TODAY);
  g_autofree char *csv = pairings_chart_data_to_csv (data);

  g_assert_cmpuint (data->categories->len, ==, 0);
  g_assert_nonnull (strstr (csv, "\r\n"));
  g_assert_cmpint (strstr (csv, "\r\n")[2], ==, '\0');
}

static void
test_empty_cohort (Fixture       *f,
                   gconstpointer  unused)
{
  g_autoptr(PairingsChartData) data = NULL;
  gint64 y2024, y2025;

  add_programme (f, "Empty");
  y2024 = add_cohort (f, "2024", &dates_2024);

  /* A first cohort without anybody: nothing to draw in any chart. */
  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    assert_empty (f, k, y2024);

  /* An empty cohort after a full one: the cohort's own charts are empty,
   * the ones across cohorts show it with zeros. */
  add_application (f, y2024, "a@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED,
                   PAIRINGS_CAREER_POSTDOC);
  y2025 = add_cohort (f, "2025", &dates_2025);
  assert_empty (f, PAIRINGS_CHART_MENTORING_TYPES, y2025);
  assert_empty (f, PAIRINGS_CHART_FUNNEL, y2025);
  assert_empty (f, PAIRINGS_CHART_CHECK_INS, y2025);
  assert_empty (f, PAIRINGS_CHART_RATINGS, y2025);

  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, y2025, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 2);
  g_assert_cmpuint (data->series->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (data->series, 0), ==, "Postdoc");
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 0), ==, -1);
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 0, 0), ==, 0);
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 1, 0), ==, 0);
  g_assert_false (pairings_chart_data_is_suppressed (data, 1, 0, 0));
  g_clear_pointer (&data, pairings_chart_data_free);

  data = collect (f, PAIRINGS_CHART_CONTINUATION, y2025, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 1);
  for (guint s = 0; s < 4; s++)
    g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, s), ==, 0);
  g_clear_pointer (&data, pairings_chart_data_free);

  /* Only the cohorts up to the one asked for. */
  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, y2024, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 1);
}

static void
test_one_stage (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(PairingsChartData) data = NULL;
  g_autoptr(PairingsChartData) unknown = NULL;
  gint64 cohort, other;

  add_programme (f, "Graduates");
  cohort = add_cohort (f, "2024", &dates_2024);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *email = g_strdup_printf ("g%u@x.example", i);
      add_application (f, cohort, email, i < 3 ? PAIRINGS_ROLE_MENTEE : PAIRINGS_ROLE_MENTOR,
                       PAIRINGS_STATUS_ACCEPTED, PAIRINGS_CAREER_GRADUATE);
    }
  /* Not accepted: not counted, and its stage brings no series. */
  add_application (f, cohort, "w@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_WAITLISTED,
                   PAIRINGS_CAREER_POSTDOC);

  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, cohort, TODAY);
  g_assert_cmpuint (data->series->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (data->series, 0), ==, "Graduate student");
  /* Three mentees are fewer than five; four mentors too; none is shown. */
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 1, 0), ==, -1);
  g_assert_true (pairings_chart_data_is_suppressed (data, 0, 1, 0));
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 0), ==, -1);
  set_threshold (f, 4);
  g_clear_pointer (&data, pairings_chart_data_free);
  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, cohort, TODAY);
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 0), ==, 4);
  g_assert_false (pairings_chart_data_is_suppressed (data, 0, 0, 0));
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 1, 0), ==, -1);

  /* Nobody said: the one series is "Unknown", stages outside the list too. */
  add_programme (f, "Unstated");
  other = add_cohort (f, "2024", &dates_2024);
  add_application (f, other, "u1@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED,
                   PAIRINGS_CAREER_UNKNOWN);
  add_application (f, other, "u2@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED,
                   PAIRINGS_CAREER_UNKNOWN);
  exec_sql (f->store, "UPDATE applications SET career_stage = 'astronaut' WHERE name = 'u2@x.example'");
  set_threshold (f, 1);
  unknown = collect (f, PAIRINGS_CHART_PARTICIPANTS, other, TODAY);
  g_assert_cmpuint (unknown->categories->len, ==, 1);
  g_assert_cmpuint (unknown->series->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unknown->series, 0), ==, "Unknown");
  g_assert_cmpfloat (pairings_chart_data_get (unknown, 0, 1, 0), ==, 2);
  g_assert_cmpfloat (pairings_chart_data_get (unknown, 0, 0, 0), ==, 0);
}

static void
test_mentoring_types_order (Fixture       *f,
                            gconstpointer  unused)
{
  g_autoptr(PairingsChartData) data = NULL;
  const char *mentee_types[] = { "Relocation", "Career", "Relocation", NULL };
  const char *mentor_types[] = { "Balance", "Career", NULL };
  gint64 cohort;

  add_programme (f, "Types");
  cohort = add_cohort (f, "2024", &dates_2024);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mentee = g_strdup_printf ("e%u@x.example", i);
      g_autofree char *mentor = g_strdup_printf ("o%u@x.example", i);
      PairingsApplicationData e = {
        .name = mentee, .email = mentee, .role = PAIRINGS_ROLE_MENTEE, .status = PAIRINGS_STATUS_ACCEPTED,
        .mentoring_types = mentee_types,
      };
      PairingsApplicationData o = {
        .name = mentor, .email = mentor, .role = PAIRINGS_ROLE_MENTOR, .status = PAIRINGS_STATUS_ACCEPTED,
        .mentoring_types = mentor_types, .capacity = 1,
      };

      pairings_store_add_application (f->store, cohort, &e, &error);
      g_assert_no_error (error);
      pairings_store_add_application (f->store, cohort, &o, &error);
      g_assert_no_error (error);
    }
  /* A declined application asks for nothing the chart shows. */
  add_application (f, cohort, "d@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_DECLINED,
                   PAIRINGS_CAREER_GRADUATE);
  exec_sql (f->store, "UPDATE applications SET mentoring_types = '[\"Declined only\"]' WHERE status = 'declined'");

  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_MENTORING_TYPES, cohort, TODAY);
  /* Career 6, then Balance and Relocation with 3 each, by name; a type
   * listed twice counts once. */
  {
    static const char * const expected[] = { "Career", "Balance", "Relocation" };
    assert_strings (data->categories, expected, 3);
  }
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 0), ==, 3);
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 1, 0), ==, 3);
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 0, 0), ==, 0);
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 1, 0), ==, 3);
  g_assert_cmpfloat (pairings_chart_data_get (data, 2, 0, 0), ==, 3);
  g_assert_cmpfloat (pairings_chart_data_get (data, 2, 1, 0), ==, 0);
  g_assert_cmpstr (data->title, ==, "Mentoring types asked for and offered — 2024");
}

static void
test_check_ins_rules (Fixture       *f,
                      gconstpointer  unused)
{
  static const PairingsCohortDates no_kick_off = { "2024-01-02", NULL, "2024-03-10", NULL, NULL };
  g_autoptr(PairingsChartData) data = NULL;
  g_autoptr(PairingsChartData) undated_data = NULL;
  gint64 cohort, undated, p1, p2, p3;

  add_programme (f, "Check-ins");
  cohort = add_cohort (f, "2024", &no_kick_off);
  p1 = add_pair (f, cohort,
                 add_application (f, cohort, "m1@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0),
                 add_application (f, cohort, "e1@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0),
                 "announced");
  p2 = add_pair (f, cohort,
                 add_application (f, cohort, "m2@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0),
                 add_application (f, cohort, "e2@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0),
                 "announced");
  p3 = add_pair (f, cohort,
                 add_application (f, cohort, "m3@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0),
                 add_application (f, cohort, "e3@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0),
                 "discussion");
  exec_sql (f->store,
            "INSERT INTO check_ins (pair_id, date, reporter, status) VALUES"
            " (%lld, '2024-02-20', 'mentor', 'no_contact'),"       /* before the cycle */
            " (%lld, '2024-03-28', 'mentor', 'needs_attention'),"
            " (%lld, '2024-03-12', 'mentee', 'on_track'),"         /* earlier: not the last */
            " (%lld, '2024-05-02', 'committee', 'no_contact'),"
            " (%lld, '2024-04-09', 'mentor', 'needs_attention'),"
            " (%lld, '2024-04-09', 'mentee', 'on_track'),"         /* same day, written later */
            " (%lld, '2024-06-01', 'mentee', 'on_track'),"         /* after today */
            " (%lld, '2024-04-01', 'mentee', 'on_track')",         /* a pair not announced */
            (long long) p1, (long long) p1, (long long) p1, (long long) p1,
            (long long) p2, (long long) p2, (long long) p2, (long long) p3);

  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_CHECK_INS, cohort, "2024-05-20");
  {
    static const char * const months[] = { "Mar 2024", "Apr 2024", "May 2024" };
    static const double expected[3][4] = { { 0, 1, 0, 1 }, { 1, 0, 0, 1 }, { 0, 0, 1, 1 } };

    assert_strings (data->categories, months, 3);
    for (guint c = 0; c < 3; c++)
      for (guint s = 0; s < 4; s++)
        g_assert_cmpfloat (pairings_chart_data_get (data, c, 0, s), ==, expected[c][s]);
  }
  g_assert_cmpstr (data->title, ==, "Check-ins by month — 2024");
  g_clear_pointer (&data, pairings_chart_data_free);

  /* With the default threshold, every count here is a small one. */
  exec_sql (f->store, "UPDATE programmes SET settings = '{}'");
  data = collect (f, PAIRINGS_CHART_CHECK_INS, cohort, "2024-05-20");
  g_assert_true (pairings_chart_data_is_suppressed (data, 0, 0, 3));
  g_assert_false (pairings_chart_data_is_suppressed (data, 0, 0, 0));
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 0), ==, 0);

  /* A cohort without dates has no months, pairs or not. */
  undated = add_cohort (f, "Undated", NULL);
  add_pair (f, undated,
            add_application (f, undated, "m1@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0),
            add_application (f, undated, "e1@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0),
            "announced");
  undated_data = collect (f, PAIRINGS_CHART_CHECK_INS, undated, "2024-05-20");
  g_assert_cmpuint (undated_data->categories->len, ==, 0);
}

static void
add_ratings (Fixture    *f,
             gint64      cohort,
             const char *survey,
             const char *question,
             const int  *ratings,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    exec_sql (f->store,
              "INSERT INTO evaluations (cohort_id, survey, question, rating) VALUES (%lld, %Q, %Q, %d)",
              (long long) cohort, survey, question, ratings[i]);
}

static void
test_ratings_notes (Fixture       *f,
                    gconstpointer  unused)
{
  static const int few[] = { 5, 5, 4 };
  static const int many[] = { 5, 4, 4, 3, 4, 4 };
  static const int one[] = { 5 };
  g_autoptr(PairingsChartData) data = NULL;
  gint64 cohort;

  add_programme (f, "Ratings");
  cohort = add_cohort (f, "2024", &dates_2024);
  add_ratings (f, cohort, "mid", "Mid only", one, 1);
  add_ratings (f, cohort, "end", "Few answered", few, G_N_ELEMENTS (few));
  exec_sql (f->store, "INSERT INTO evaluations (cohort_id, survey, question, answer)"
            " VALUES (%lld, 'end', 'Anything else?', 'No.')", (long long) cohort);
  add_ratings (f, cohort, "end", "Many answered", many, G_N_ELEMENTS (many));

  data = collect (f, PAIRINGS_CHART_RATINGS, cohort, TODAY);
  {
    static const char * const questions[] = { "Few answered", "Many answered" };
    assert_strings (data->categories, questions, 2);
  }
  g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, "fewer than 5 answers");
  /* Counts are hidden: the mean, but not how many answered. */
  g_assert_cmpstr (g_ptr_array_index (data->notes, 1), ==, "mean 4.0");
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 0, 3), ==, -1);  /* four 4s */
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 0, 1), ==, 0);
  /* Three small counts (one 3, four 4s, one 5): nothing else to hide. */
  for (guint s = 0; s < 5; s++)
    g_assert_false (pairings_chart_data_is_complementary (data, 1, 0, s));

  set_threshold (f, 1);
  g_clear_pointer (&data, pairings_chart_data_free);
  data = collect (f, PAIRINGS_CHART_RATINGS, cohort, TODAY);
  g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, "mean 4.7 · 3 answers");
  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 0, 3), ==, 4);
  g_assert_cmpstr (data->title, ==, "Survey ratings — 2024");

  /* Without end-of-cycle ratings, the mid-cycle survey; one answer. */
  exec_sql (f->store, "DELETE FROM evaluations WHERE survey = 'end' AND rating IS NOT NULL");
  g_clear_pointer (&data, pairings_chart_data_free);
  data = collect (f, PAIRINGS_CHART_RATINGS, cohort, TODAY);
  {
    static const char * const questions[] = { "Mid only" };
    assert_strings (data->categories, questions, 1);
  }
  g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, "mean 5.0 · 1 answer");
}

/* Adds @n accepted applications of @role and @stage, named after @prefix. */
static void
add_people (Fixture             *f,
            gint64               cohort,
            const char          *prefix,
            guint                n,
            PairingsRole         role,
            PairingsCareerStage  stage)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s%u@x.example", prefix, i);
      add_application (f, cohort, email, role, PAIRINGS_STATUS_ACCEPTED, stage);
    }
}

static void
assert_cell (const PairingsChartData *data,
             guint                    c,
             guint                    b,
             guint                    s,
             const char              *text)
{
  g_autofree char *format = pairings_chart_data_format (data, c, b, s);

  g_assert_cmpstr (format, ==, text);
}

static void
test_complementary (Fixture       *f,
                    gconstpointer  unused)
{
  static const int small_and_large[] = { 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
                                         5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
  static const int nothing_small[] = { 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5 };
  static const int one_small[] = { 2, 2, 2, 2 };
  g_autoptr(PairingsChartData) data = NULL;
  g_autofree char *csv = NULL;
  gint64 cohort;

  add_programme (f, "Stacks");
  cohort = add_cohort (f, "2024", &dates_2024);
  /* Mentors: 7 graduate students, 2 postdocs, 6 engineers, 6 senior
   * faculty. The mentors of a cohort are counted elsewhere (the funnel),
   * so the 2 would be 21 less the rest: the smallest other count, the
   * first 6, is hidden too. */
  add_people (f, cohort, "g", 7, PAIRINGS_ROLE_MENTOR, PAIRINGS_CAREER_GRADUATE);
  add_people (f, cohort, "p", 2, PAIRINGS_ROLE_MENTOR, PAIRINGS_CAREER_POSTDOC);
  add_people (f, cohort, "e", 6, PAIRINGS_ROLE_MENTOR, PAIRINGS_CAREER_ENGINEER);
  add_people (f, cohort, "s", 6, PAIRINGS_ROLE_MENTOR, PAIRINGS_CAREER_SENIOR_FACULTY);
  /* Mentees: 3 postdocs and nobody else: the 3 is hidden, the zeros tell
   * nothing more than "< 5", nothing else is hidden. */
  add_people (f, cohort, "q", 3, PAIRINGS_ROLE_MENTEE, PAIRINGS_CAREER_POSTDOC);

  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, cohort, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 1);
  g_assert_cmpuint (data->series->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (data->series, 2),
                   ==, pairings_career_stage_get_label (PAIRINGS_CAREER_ENGINEER));
  assert_cell (data, 0, 0, 0, "7");
  assert_cell (data, 0, 0, 1, "< 5");
  assert_cell (data, 0, 0, 2, "hidden");
  assert_cell (data, 0, 0, 3, "6");
  g_assert_true (pairings_chart_data_is_suppressed (data, 0, 0, 2));
  g_assert_true (pairings_chart_data_is_complementary (data, 0, 0, 2));
  g_assert_false (pairings_chart_data_is_complementary (data, 0, 0, 1));
  g_assert_false (pairings_chart_data_is_complementary (data, 0, 0, 3));
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 2), ==, -1);
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 3), ==, 6);
  for (guint s = 0; s < 4; s++)
    {
      g_assert_false (pairings_chart_data_is_complementary (data, 0, 1, s));
      assert_cell (data, 0, 1, s, s == 1 ? "< 5" : "0");
    }
  assert_bars_protected (data);
  csv = pairings_chart_data_to_csv (data);
  g_assert_nonnull (strstr (csv, "\r\n2024,Mentors,7,< 5,hidden,6\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n2024,Mentees,0,< 5,0,0\r\n"));
  g_clear_pointer (&data, pairings_chart_data_free);

  /* With nothing small, nothing hidden. */
  set_threshold (f, 2);
  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, cohort, TODAY);
  for (guint s = 0; s < 4; s++)
    g_assert_false (pairings_chart_data_is_suppressed (data, 0, 0, s));
  g_clear_pointer (&data, pairings_chart_data_free);
  exec_sql (f->store, "UPDATE programmes SET settings = '{}'");

  /* Ratings: 0, 0, three 3s, sixteen 4s, twelve 5s. With the 31 answers
   * in the note, the 3s would be 31 − 16 − 12: the 12 is hidden too, and
   * the note gives the mean alone. */
  add_ratings (f, cohort, "end", "Small and large", small_and_large, G_N_ELEMENTS (small_and_large));
  add_ratings (f, cohort, "end", "Nothing small", nothing_small, G_N_ELEMENTS (nothing_small));
  add_ratings (f, cohort, "end", "Only small", one_small, G_N_ELEMENTS (one_small));
  data = collect (f, PAIRINGS_CHART_RATINGS, cohort, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 3);
  assert_cell (data, 0, 0, 0, "0");
  assert_cell (data, 0, 0, 1, "0");
  assert_cell (data, 0, 0, 2, "< 5");
  assert_cell (data, 0, 0, 3, "16");
  assert_cell (data, 0, 0, 4, "hidden");
  g_assert_true (pairings_chart_data_is_complementary (data, 0, 0, 4));
  g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, "mean 4.3");
  g_assert_null (strstr (g_ptr_array_index (data->notes, 0), "31"));
  /* Nothing hidden: the mean and the number of answers. */
  assert_cell (data, 1, 0, 3, "5");
  assert_cell (data, 1, 0, 4, "6");
  g_assert_cmpstr (g_ptr_array_index (data->notes, 1), ==, "mean 4.5 · 11 answers");
  /* Four 2s and nothing else: hidden alone, too few to say more. */
  assert_cell (data, 2, 0, 1, "< 5");
  for (guint s = 0; s < 5; s++)
    g_assert_false (pairings_chart_data_is_complementary (data, 2, 0, s));
  g_assert_cmpstr (g_ptr_array_index (data->notes, 2), ==, "fewer than 5 answers");
  assert_bars_protected (data);
  g_clear_pointer (&data, pairings_chart_data_free);

  /* The same with nothing suppressed: every count, and how many answered. */
  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_RATINGS, cohort, TODAY);
  assert_cell (data, 0, 0, 2, "3");
  assert_cell (data, 0, 0, 4, "12");
  g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, "mean 4.3 · 31 answers");
}

static void
test_continuation (Fixture       *f,
                   gconstpointer  unused)
{
  static const PairingsCohortDates dates_2023 = {
    "2023-01-16", "2023-02-17", "2023-03-17", "2023-04-13", "2023-12-15"
  };
  g_autoptr(PairingsChartData) data = NULL;
  gint64 y2023, y2024, old_pair, m, e;

  add_programme (f, "Returning");
  /* Created out of order: the call dates decide. */
  y2024 = add_cohort (f, "2024", &dates_2024);
  y2023 = add_cohort (f, "2023", &dates_2023);

  m = add_application (f, y2023, "ann@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0);
  e = add_application (f, y2023, "bob@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  old_pair = add_pair (f, y2023, m, e, "announced");
  add_application (f, y2023, "cat@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  add_application (f, y2023, "dan@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_DECLINED, 0);

  m = add_application (f, y2024, "ann@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0);
  e = add_application (f, y2024, "bob@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  add_application (f, y2024, "cat@x.example", PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED, 0);
  add_application (f, y2024, "dan@x.example", PAIRINGS_ROLE_MENTEE, PAIRINGS_STATUS_ACCEPTED, 0);
  exec_sql (f->store, "UPDATE pairs SET continues_from = %lld WHERE id = %lld", (long long) old_pair,
            (long long) add_pair (f, y2024, m, e, "suggested"));
  /* Set aside by the committee: not continuing after all. */
  exec_sql (f->store, "UPDATE pairs SET continues_from = %lld WHERE id = %lld", (long long) old_pair,
            (long long) add_pair (f, y2024, m,
                                  add_application (f, y2024, "eve@x.example", PAIRINGS_ROLE_MENTEE,
                                                   PAIRINGS_STATUS_ACCEPTED, 0),
                                  "set_aside"));

  set_threshold (f, 1);
  data = collect (f, PAIRINGS_CHART_CONTINUATION, y2024, TODAY);
  {
    static const char * const cohorts[] = { "2024" };
    static const double expected[] = { 1, 1, 1, 1 };

    assert_strings (data->categories, cohorts, 1);
    for (guint s = 0; s < 4; s++)
      g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, s), ==, expected[s]);
  }
  g_clear_pointer (&data, pairings_chart_data_free);

  data = collect (f, PAIRINGS_CHART_CONTINUATION, y2023, TODAY);
  g_assert_cmpuint (data->categories->len, ==, 0);
  g_clear_pointer (&data, pairings_chart_data_free);

  data = collect (f, PAIRINGS_CHART_PARTICIPANTS, y2024, TODAY);
  {
    static const char * const cohorts[] = { "2023", "2024" };
    assert_strings (data->categories, cohorts, 2);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  unused)
{
  gint64 cohort;

  add_programme (f, "Errors");
  cohort = add_cohort (f, "2024", &dates_2024);

  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PairingsChartData) data = pairings_charts_collect (f->store, k, cohort + 100, TODAY, &error);

      g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
      g_assert_null (data);
      g_assert_cmpstr (error->message, ==, "The cohort no longer exists");
      assert_no_busy (f->store);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsChartData) data = pairings_charts_collect (f->store, PAIRINGS_CHART_CHECK_INS,
                                                                 cohort, "2024-13-01", &error);

    g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
    g_assert_null (data);
  }
  {
    /* Without a date, today. */
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsChartData) data = pairings_charts_collect (f->store, PAIRINGS_CHART_CHECK_INS,
                                                                 cohort, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (data);
  }
}

static void
test_kind_strings (void)
{
  static const char * const ids[] = {
    "participants", "mentoring-types", "funnel", "check-ins", "ratings", "continuation"
  };
  static const char * const bad[] = {
    "", "Participants", "funnel ", "check_ins", "mentoring_types", "chart", "participants\n"
  };
  PairingsChartKind kind;

  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    {
      g_assert_cmpstr (pairings_chart_kind_to_string (k), ==, ids[k]);
      kind = PAIRINGS_N_CHART_KINDS;
      g_assert_true (pairings_chart_kind_from_string (ids[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (pairings_chart_kind_get_title (k));
      g_assert_cmpstr (pairings_chart_kind_get_title (k), !=, "");
    }
  g_assert_cmpstr (pairings_chart_kind_get_title (PAIRINGS_CHART_PARTICIPANTS), ==, "Participants by career stage");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      kind = PAIRINGS_CHART_RATINGS;
      g_assert_false (pairings_chart_kind_from_string (bad[i], &kind));
      g_assert_cmpint (kind, ==, PAIRINGS_CHART_RATINGS);
    }
  g_assert_false (pairings_chart_kind_from_string (NULL, &kind));
}

/* A table built by hand, as the chart widget's tests might. */
static PairingsChartData *
hand_made (gboolean with_notes)
{
  PairingsChartData *data = g_new0 (PairingsChartData, 1);
  static const double values[] = { 7, -1, 0, 12, 5, 0, 30, -1 };

  data->kind = PAIRINGS_CHART_PARTICIPANTS;
  data->title = g_strdup ("Hand made");
  data->x_label = g_strdup ("Cohort");
  data->y_label = g_strdup ("People");
  data->threshold = 5;
  data->categories = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->categories, g_strdup ("2024"));
  g_ptr_array_add (data->categories, g_strdup ("Spring, \"late\""));
  data->bars = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->bars, g_strdup ("Mentors"));
  g_ptr_array_add (data->bars, g_strdup ("Mentees"));
  data->series = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->series, g_strdup ("Postdoc"));
  g_ptr_array_add (data->series, g_strdup ("=SUM(A1)"));
  data->values = g_memdup2 (values, sizeof values);
  data->suppressed = g_new0 (gboolean, G_N_ELEMENTS (values));
  data->suppressed[1] = data->suppressed[7] = TRUE;
  data->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->notes, g_strdup (""));
  g_ptr_array_add (data->notes, g_strdup (with_notes ? "mean 4.2 · 17 answers" : ""));
  return data;
}

static void
test_to_csv (void)
{
  g_autoptr(PairingsChartData) data = hand_made (FALSE);
  g_autoptr(PairingsChartData) noted = hand_made (TRUE);
  g_autofree char *csv = pairings_chart_data_to_csv (data);
  g_autofree char *csv_noted = pairings_chart_data_to_csv (noted);
  g_autofree char *cell = NULL;

  g_assert_cmpstr (csv, ==,
                   "Cohort,Group,Postdoc,'=SUM(A1)\r\n"
                   "2024,Mentors,7,< 5\r\n"
                   "2024,Mentees,0,12\r\n"
                   "\"Spring, \"\"late\"\"\",Mentors,5,0\r\n"
                   "\"Spring, \"\"late\"\"\",Mentees,30,< 5\r\n");
  g_assert_cmpstr (csv_noted, ==,
                   "Cohort,Group,Postdoc,'=SUM(A1),Note\r\n"
                   "2024,Mentors,7,< 5,\r\n"
                   "2024,Mentees,0,12,\r\n"
                   "\"Spring, \"\"late\"\"\",Mentors,5,0,mean 4.2 · 17 answers\r\n"
                   "\"Spring, \"\"late\"\"\",Mentees,30,< 5,mean 4.2 · 17 answers\r\n");

  g_assert_cmpfloat (pairings_chart_data_get (data, 1, 1, 0), ==, 30);
  g_assert_cmpfloat (pairings_chart_data_get (data, 0, 0, 1), ==, -1);
  g_assert_true (pairings_chart_data_is_suppressed (data, 1, 1, 1));
  g_assert_false (pairings_chart_data_is_suppressed (data, 1, 1, 0));
  cell = pairings_chart_data_format (data, 1, 1, 1);
  g_assert_cmpstr (cell, ==, "< 5");
  g_clear_pointer (&cell, g_free);
  cell = pairings_chart_data_format (data, 0, 1, 1);
  g_assert_cmpstr (cell, ==, "12");
  g_clear_pointer (&cell, g_free);
  /* Made by hand without the array: no complementary cell. */
  g_assert_null (data->complementary);
  g_assert_false (pairings_chart_data_is_complementary (data, 0, 0, 1));

  /* With the cells hidden beside the small ones, as the rule wants. */
  noted->complementary = g_new0 (gboolean, 8);
  noted->complementary[0] = noted->complementary[6] = TRUE;
  noted->suppressed[0] = noted->suppressed[6] = TRUE;
  noted->values[0] = noted->values[6] = -1;
  g_clear_pointer (&csv_noted, g_free);
  csv_noted = pairings_chart_data_to_csv (noted);
  g_assert_cmpstr (csv_noted, ==,
                   "Cohort,Group,Postdoc,'=SUM(A1),Note\r\n"
                   "2024,Mentors,hidden,< 5,\r\n"
                   "2024,Mentees,0,12,\r\n"
                   "\"Spring, \"\"late\"\"\",Mentors,5,0,mean 4.2 · 17 answers\r\n"
                   "\"Spring, \"\"late\"\"\",Mentees,hidden,< 5,mean 4.2 · 17 answers\r\n");
  g_assert_true (pairings_chart_data_is_complementary (noted, 1, 1, 0));
  g_assert_true (pairings_chart_data_is_suppressed (noted, 1, 1, 0));
  g_assert_false (pairings_chart_data_is_complementary (noted, 1, 1, 1));
  cell = pairings_chart_data_format (noted, 1, 1, 0);
  g_assert_cmpstr (cell, ==, "hidden");
  g_clear_pointer (&cell, g_free);
  cell = pairings_chart_data_format (noted, 1, 1, 1);
  g_assert_cmpstr (cell, ==, "< 5");
  assert_bars_protected (noted);

  pairings_chart_data_free (NULL);
}

static void
test_threshold (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint events;

  add_programme (f, "Threshold");
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 5);
  g_assert_no_error (error);

  exec_sql (f->store, "UPDATE programmes SET settings = '{\"agreement_template\":{\"en\":\"Hi\"}}'");
  events = pairings_store_count_events (f->store);
  set_threshold (f, 7);
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 7);
  g_assert_no_error (error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events + 1);
  after = query_text (f->store, "SELECT after FROM events ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (after, ==, "{\"threshold\":7}");
  g_clear_pointer (&after, g_free);
  /* Other settings stay. */
  after = query_text (f->store, "SELECT json_extract(settings, '$.agreement_template.en') FROM programmes");
  g_assert_cmpstr (after, ==, "Hi");
  g_clear_pointer (&after, g_free);
  set_threshold (f, 1);
  set_threshold (f, 100);
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 100);
  before = query_text (f->store, "SELECT settings FROM programmes");
  events = pairings_store_count_events (f->store);

  /* Out of range: refused with a message, nothing written. */
  for (guint i = 0; i < 3; i++)
    {
      static const guint bad[] = { 0, 101, G_MAXUINT };

      g_assert_false (pairings_charts_set_threshold (f->store, f->programme, bad[i], &error));
      g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "from 1 to 100"));
      g_clear_error (&error);
      after = query_text (f->store, "SELECT settings FROM programmes");
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
    }
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events);
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 100);

  /* An unknown programme. */
  g_assert_false (pairings_charts_set_threshold (f->store, f->programme + 1, 3, &error));
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (pairings_store_count_events (f->store), ==, events);
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme + 1, &error), ==, 0);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Edited by hand: brought back into range, or the default. */
  exec_sql (f->store, "UPDATE programmes SET settings = '{\"charts\":{\"threshold\":0}}'");
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 1);
  exec_sql (f->store, "UPDATE programmes SET settings = '{\"charts\":{\"threshold\":\"ten\"}}'");
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 5);
  exec_sql (f->store, "UPDATE programmes SET settings = '{\"charts\":3}'");
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 5);
  set_threshold (f, 2);
  g_assert_cmpuint (pairings_charts_get_threshold (f->store, f->programme, &error), ==, 2);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  g_test_add_func ("/charts/kind-strings", test_kind_strings);
  g_test_add_func ("/charts/to-csv", test_to_csv);
  ADD ("/charts/threshold", test_threshold);
  ADD ("/charts/errors", test_errors);
  ADD ("/charts/empty-cohort", test_empty_cohort);
  ADD ("/charts/one-stage", test_one_stage);
  ADD ("/charts/mentoring-types-order", test_mentoring_types_order);
  ADD ("/charts/check-ins-rules", test_check_ins_rules);
  ADD ("/charts/ratings-notes", test_ratings_notes);
  ADD ("/charts/complementary", test_complementary);
  ADD ("/charts/continuation", test_continuation);
  ADD ("/charts/demo", test_demo);
  ADD ("/charts/demo-check-ins", test_demo_check_ins);
  ADD ("/charts/demo-mid-survey", test_demo_mid_survey);

  return g_test_run ();
}

/* test-solver.c: the exact solver against brute force
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-csv.h"
#include "pairings-solver.h"

#define FORBIDDEN G_MININT64

typedef struct
{
  guint  rows, cols;
  gint64 score[8][8];
  guint  capacity[8];
  guint  limit;
} Instance;

typedef struct
{
  guint  matched;
  gint64 total;
} Best;

/* Every assignment, row by row: unmatched, or any column with room. */
static void
search (const Instance *inst,
        guint           row,
        guint          *used,
        guint           matched,
        gint64          total,
        Best           *best)
{
  if (row == inst->rows)
    {
      if (matched > best->matched || (matched == best->matched && total > best->total))
        *best = (Best) { matched, total };
      return;
    }

  search (inst, row + 1, used, matched, total, best);
  if (matched == inst->limit)
    return;
  for (guint c = 0; c < inst->cols; c++)
    {
      if (inst->score[row][c] == FORBIDDEN || used[c] == inst->capacity[c])
        continue;
      used[c]++;
      search (inst, row + 1, used, matched + 1, total + inst->score[row][c], best);
      used[c]--;
    }
}

static Best
brute_force (const Instance *inst)
{
  guint used[8] = { 0, };
  Best best = { 0, 0 };

  search (inst, 0, used, 0, 0, &best);
  return best;
}

static void
random_instance (GRand    *rand,
                 Instance *inst,
                 guint     max_side)
{
  inst->rows = g_rand_int_range (rand, 1, max_side + 1);
  inst->cols = g_rand_int_range (rand, 1, max_side + 1);
  for (guint r = 0; r < inst->rows; r++)
    for (guint c = 0; c < inst->cols; c++)
      inst->score[r][c] = g_rand_int_range (rand, 0, 100) < 30 ? FORBIDDEN
                                                              : g_rand_int_range (rand, -20, 101);
  for (guint c = 0; c < inst->cols; c++)
    inst->capacity[c] = g_rand_int_range (rand, 0, 100) < 70 ? 1 : g_rand_int_range (rand, 0, 4);
  inst->limit = g_rand_int_range (rand, 0, 100) < 30 ? (guint) g_rand_int_range (rand, 0, inst->rows + 1)
                                                      : G_MAXUINT;
}

static PairingsSolution *
solve (const Instance *inst,
       guint           candidates)
{
  g_autoptr(PairingsSolver) solver = pairings_solver_new (inst->rows, inst->cols);
  g_autoptr(GError) error = NULL;
  PairingsSolution *solution;

  for (guint c = 0; c < inst->cols; c++)
    pairings_solver_set_capacity (solver, c, inst->capacity[c]);
  pairings_solver_set_limit (solver, inst->limit);
  pairings_solver_set_candidates (solver, candidates);
  for (guint r = 0; r < inst->rows; r++)
    for (guint c = 0; c < inst->cols; c++)
      if (inst->score[r][c] != FORBIDDEN)
        pairings_solver_allow (solver, r, c, inst->score[r][c]);

  solution = pairings_solver_solve (solver, NULL, &error);
  g_assert_no_error (error);
  return solution;
}

/* The solution is an assignment the instance allows, worth what it says. */
static void
check_feasible (const Instance         *inst,
                const PairingsSolution *solution)
{
  guint used[8] = { 0, };
  guint matched = 0;
  gint64 total = 0;

  for (guint r = 0; r < inst->rows; r++)
    {
      int c = solution->column_of[r];

      if (c < 0)
        continue;
      g_assert_cmpint (c, <, (int) inst->cols);
      g_assert_true (inst->score[r][c] != FORBIDDEN);
      used[c]++;
      g_assert_cmpuint (used[c], <=, inst->capacity[c]);
      matched++;
      total += inst->score[r][c];
    }
  g_assert_cmpuint (matched, ==, solution->matched);
  g_assert_cmpint (total, ==, solution->total);
  g_assert_cmpuint (matched, <=, inst->limit);
  g_assert_true (solution->certificate);
}

static void
test_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  guint candidates[] = { 0, 1, 2, 50 };

  for (guint i = 0; i < 600; i++)
    {
      Instance inst;
      Best best;

      random_instance (rand, &inst, i < 500 ? 6 : 7);
      best = brute_force (&inst);

      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        {
          g_autoptr(PairingsSolution) solution = solve (&inst, candidates[k]);

          check_feasible (&inst, solution);
          if (solution->matched != best.matched || solution->total != best.total)
            g_error ("instance %u (k = %u): solver %u pairs, %" G_GINT64_FORMAT "; brute force %u, %"
                     G_GINT64_FORMAT, i, candidates[k], solution->matched, solution->total,
                     best.matched, best.total);
        }
    }
}

/* Larger problems, where brute force cannot go: whatever the number of
 * candidates the search starts from, the optimum is the same. */
static void
test_candidates_agree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 30; i++)
    {
      guint rows = g_rand_int_range (rand, 20, 120), cols = g_rand_int_range (rand, 10, 80);
      gint64 totals[4];
      guint matched[4];
      guint ks[] = { 0, 1, 3, 10 };

      for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
        {
          g_autoptr(GRand) same = g_rand_new_with_seed (1000 + i);
          g_autoptr(PairingsSolver) solver = pairings_solver_new (rows, cols);
          g_autoptr(PairingsSolution) solution = NULL;

          pairings_solver_set_candidates (solver, ks[k]);
          for (guint c = 0; c < cols; c++)
            pairings_solver_set_capacity (solver, c, g_rand_int_range (same, 0, 4));
          for (guint r = 0; r < rows; r++)
            for (guint c = 0; c < cols; c++)
              if (g_rand_int_range (same, 0, 100) >= 20)
                /* Few distinct scores: many ties for the selection. */
                pairings_solver_allow (solver, r, c, g_rand_int_range (same, 0, 8));
          solution = pairings_solver_solve (solver, NULL, NULL);
          g_assert_true (solution->certificate);
          totals[k] = solution->total;
          matched[k] = solution->matched;
        }
      for (guint k = 1; k < G_N_ELEMENTS (ks); k++)
        {
          g_assert_cmpuint (matched[k], ==, matched[0]);
          g_assert_cmpint (totals[k], ==, totals[0]);
        }
    }
}

/* The same pairs given row by row, shuffled, or with scores beyond 32
 * bits: the store of pairs must not change the answer. */
static void
test_storage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint round = 0; round < 20; round++)
    {
      guint rows = g_rand_int_range (rand, 5, 60), cols = g_rand_int_range (rand, 5, 40);
      g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
      PairingsSolution *solutions[3];
      gint64 big = G_GINT64_CONSTANT (1) << 40;

      for (guint r = 0; r < rows; r++)
        for (guint c = 0; c < cols; c++)
          if (g_rand_int_range (rand, 0, 100) < 60)
            {
              gint64 p[3] = { r, c, g_rand_int_range (rand, -50, 100) };
              g_array_append_vals (pairs, p, 1);
            }

      for (guint v = 0; v < 3; v++)
        {
          g_autoptr(PairingsSolver) solver = pairings_solver_new (rows, cols);
          guint n = pairs->len;
          g_autofree guint *order = g_new (guint, MAX (n, 1));

          for (guint i = 0; i < n; i++)
            order[i] = i;
          if (v == 1)
            for (guint i = n; i > 1; i--)
              {
                guint j = g_rand_int_range (rand, 0, i), t = order[i - 1];
                order[i - 1] = order[j];
                order[j] = t;
              }
          pairings_solver_set_candidates (solver, 3);
          for (guint i = 0; i < n; i++)
            {
              gint64 *p = (gint64 *) (void *) (pairs->data + order[i] * sizeof (gint64) * 3);
              pairings_solver_allow (solver, (guint) p[0], (guint) p[1], p[2] + (v == 2 ? big : 0));
            }
          solutions[v] = pairings_solver_solve (solver, NULL, NULL);
          g_assert_true (solutions[v]->certificate);
        }

      g_assert_cmpuint (solutions[1]->matched, ==, solutions[0]->matched);
      g_assert_cmpint (solutions[1]->total, ==, solutions[0]->total);
      g_assert_cmpuint (solutions[2]->matched, ==, solutions[0]->matched);
      g_assert_cmpint (solutions[2]->total - big * solutions[2]->matched, ==, solutions[0]->total);
      for (guint v = 0; v < 3; v++)
        pairings_solution_free (solutions[v]);
    }
}

/* A small candidate graph must be corrected by the pricing step. */
static void
test_certificate_rounds (void)
{
  Instance inst = { .rows = 3, .cols = 3, .limit = G_MAXUINT };
  g_autoptr(PairingsSolution) solution = NULL;

  /* Every row's best column is column 0: with one candidate each, only
   * one row can be paired until the others' second choices come in. */
  for (guint r = 0; r < 3; r++)
    {
      inst.score[r][0] = 10;
      inst.score[r][1] = 5 - r;
      inst.score[r][2] = 4 - r;
    }
  for (guint c = 0; c < 3; c++)
    inst.capacity[c] = 1;

  solution = solve (&inst, 1);
  check_feasible (&inst, solution);
  g_assert_cmpuint (solution->matched, ==, 3);
  g_assert_cmpint (solution->total, ==, brute_force (&inst).total);
  g_assert_cmpuint (solution->rounds, >, 1);
}

static void
test_deterministic (void)
{
  Instance inst = { .rows = 4, .cols = 4, .limit = G_MAXUINT };

  /* All scores equal: many optima; the same one every time, by ids. */
  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 4; c++)
      inst.score[r][c] = 7;
  for (guint c = 0; c < 4; c++)
    inst.capacity[c] = 1;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PairingsSolution) a = solve (&inst, 0);
      g_autoptr(PairingsSolution) b = solve (&inst, 2);

      for (guint r = 0; r < 4; r++)
        {
          g_assert_cmpint (a->column_of[r], ==, b->column_of[r]);
          g_assert_cmpint (a->column_of[r], ==, (int) r);
        }
    }
}

static void
test_cardinality_first (void)
{
  /* Row 1 alone on column 0 scores 100; both rows paired score 2. */
  Instance inst = { .rows = 2, .cols = 2, .limit = G_MAXUINT };
  g_autoptr(PairingsSolution) solution = NULL;

  inst.score[0][0] = 1;
  inst.score[0][1] = FORBIDDEN;
  inst.score[1][0] = 100;
  inst.score[1][1] = 1;
  inst.capacity[0] = inst.capacity[1] = 1;

  solution = solve (&inst, 0);
  g_assert_cmpuint (solution->matched, ==, 2);
  g_assert_cmpint (solution->total, ==, 2);

  /* With a limit of one pair, the best single pair. */
  inst.limit = 1;
  g_clear_pointer (&solution, pairings_solution_free);
  solution = solve (&inst, 0);
  g_assert_cmpuint (solution->matched, ==, 1);
  g_assert_cmpint (solution->total, ==, 100);
}

static void
test_empty (void)
{
  g_autoptr(PairingsSolver) solver = pairings_solver_new (3, 2);
  g_autoptr(PairingsSolution) solution = pairings_solver_solve (solver, NULL, NULL);

  g_assert_cmpuint (solution->matched, ==, 0);
  g_assert_cmpint (solution->total, ==, 0);
  for (guint r = 0; r < 3; r++)
    g_assert_cmpint (solution->column_of[r], ==, -1);
}

static void
test_cancel (void)
{
  g_autoptr(PairingsSolver) solver = pairings_solver_new (300, 300);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PairingsSolution *solution;

  for (guint r = 0; r < 300; r++)
    pairings_solver_allow (solver, r, r, 1);
  g_cancellable_cancel (cancellable);
  solution = pairings_solver_solve (solver, cancellable, &error);
  g_assert_null (solution);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static PairingsSolver *
parse (const char  *csv,
       gint64      *scale,
       GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (csv), -1, g_free);

  return pairings_solver_new_from_csv (stream, "m.csv", scale, error);
}

static void
test_read_csv (void)
{
  g_autoptr(GError) error = NULL;
  gint64 scale = 0;
  g_autoptr(PairingsSolver) dense = parse ("5,,1\n4,3,\n,2,9.5\n", &scale, &error);
  g_autoptr(PairingsSolution) solution = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (scale, ==, 10);
  solution = pairings_solver_solve (dense, NULL, &error);
  g_assert_cmpint (solution->total, ==, 175);

  {
    g_autoptr(PairingsSolver) sparse = parse ("row,column,score\n0,0,1.5\n1,0,2.25\n1,1,0.5\n", &scale, &error);
    g_autoptr(PairingsSolution) s = NULL;
    g_assert_no_error (error);
    g_assert_cmpint (scale, ==, 100);
    s = pairings_solver_solve (sparse, NULL, &error);
    g_assert_cmpuint (s->matched, ==, 2);
    g_assert_cmpint (s->total, ==, 200);
  }

  /* Bad input: a word, a ragged row, a bad triplet, nothing. */
  g_assert_null (parse ("1,two\n3,4\n", &scale, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 1, column 2"));
  g_clear_error (&error);
  g_assert_null (parse ("1,2\n3\n", &scale, &error));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  g_assert_null (parse ("row,column,score\n0,x,1\n", &scale, &error));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  g_assert_null (parse ("", &scale, &error));
  g_assert_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (parse ("1.1234567\n", &scale, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/solver/brute-force", test_brute_force);
  g_test_add_func ("/solver/candidates-agree", test_candidates_agree);
  g_test_add_func ("/solver/storage", test_storage);
  g_test_add_func ("/solver/certificate-rounds", test_certificate_rounds);
  g_test_add_func ("/solver/deterministic", test_deterministic);
  g_test_add_func ("/solver/cardinality-first", test_cardinality_first);
  g_test_add_func ("/solver/empty", test_empty);
  g_test_add_func ("/solver/cancel", test_cancel);
  g_test_add_func ("/solver/read-csv", test_read_csv);

  return g_test_run ();
}

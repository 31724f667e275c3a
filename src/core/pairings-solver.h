/* pairings-solver.h: the exact assignment of mentees to mentor places
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A problem: rows (mentees) and columns (mentors, each with a capacity),
 * the allowed pairs with an integer score, and an optional limit on the
 * number of pairs. The solution pairs the most rows the capacities and the
 * limit allow and, among those assignments, has the largest total score;
 * ties are broken by row and column numbers, so it is deterministic. */
typedef struct _PairingsSolver PairingsSolver;

typedef struct
{
  int     *column_of;     /* per row: its column, or -1 */
  guint    n_rows;
  guint    matched;
  gint64   total;         /* sum of the scores of the pairs */
  gboolean certificate;   /* every allowed pair was checked against the optimum */
  guint    rounds;        /* solves on the candidate graph before it held */
  double   seconds;       /* time in the solver alone */
} PairingsSolution;

PairingsSolver   *pairings_solver_new            (guint            n_rows,
                                                  guint            n_columns);
void              pairings_solver_free           (PairingsSolver  *solver);
void              pairings_solver_set_capacity   (PairingsSolver  *solver,
                                                  guint            column,
                                                  guint            capacity);
/* At most @limit pairs (the cohort's pair limit); G_MAXUINT for none. */
void              pairings_solver_set_limit      (PairingsSolver  *solver,
                                                  guint            limit);
/* How many of its best columns each row starts with; 0 means all. */
void              pairings_solver_set_candidates (PairingsSolver  *solver,
                                                  guint            k);
/* Room for @n_pairs allowed pairs at once, for large problems. */
void              pairings_solver_reserve        (PairingsSolver  *solver,
                                                  guint            n_pairs);
void              pairings_solver_allow          (PairingsSolver  *solver,
                                                  guint            row,
                                                  guint            column,
                                                  gint64           score);
PairingsSolution *pairings_solver_solve          (PairingsSolver  *solver,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void              pairings_solution_free         (PairingsSolution *solution);

/* The `solve` command's input: a dense matrix (rows = mentees, columns =
 * mentor places, an empty cell = forbidden) or, with the header
 * "row,column,score", a sparse list of allowed pairs. Scores may have up
 * to six decimals; *scale is the power of ten they were multiplied by. */
PairingsSolver   *pairings_solver_new_from_csv   (GInputStream    *stream,
                                                  const char      *name,
                                                  gint64          *scale,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsSolver, pairings_solver_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsSolution, pairings_solution_free)

G_END_DECLS

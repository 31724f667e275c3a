/* solver-bench.c: the exact solver on generated instances
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: solver-bench dense N | capacity MENTEES MENTORS CAP FORBID% | spare MENTEES MENTORS FORBID%
 *
 * The instances come from the same xorshift generator as
 * scipy-reference.py, so both solve exactly the same problem. Prints one
 * JSON line: total, matched, solver seconds, peak memory, certificate.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "pairings-solver.h"

static guint64 state;

static guint64
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PairingsSolver) solver = NULL;
  g_autoptr(PairingsSolution) solution = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  guint rows, cols;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s dense N | capacity M N CAP FORBID | spare M N FORBID\n", argv[0]);
      return 1;
    }

  state = 0x9E3779B97F4A7C15ull;
  if (strcmp (argv[1], "dense") == 0)
    {
      rows = cols = (guint) atoi (argv[2]);
      solver = pairings_solver_new (rows, cols);
      pairings_solver_reserve (solver, rows * cols);
      for (guint r = 0; r < rows; r++)
        for (guint c = 0; c < cols; c++)
          pairings_solver_allow (solver, r, c, (gint64) (next () % 1000000));
    }
  else if (argc >= 5)
    {
      guint forbid = (guint) atoi (argv[argc - 1]);
      gboolean spare = strcmp (argv[1], "spare") == 0;

      rows = (guint) atoi (argv[2]);
      cols = (guint) atoi (argv[3]);
      solver = pairings_solver_new (rows, cols);
      /* About the allowed share of all pairs, and a little more. */
      pairings_solver_reserve (solver, (guint) ((guint64) rows * cols * (100 - forbid) / 100 + rows * 4));
      /* Capacities first, then the scores, row by row: the reference
       * draws them in the same order. */
      for (guint c = 0; c < cols; c++)
        pairings_solver_set_capacity (solver, c, spare ? 1 + (guint) (next () % 4) : (guint) atoi (argv[4]));
      for (guint r = 0; r < rows; r++)
        for (guint c = 0; c < cols; c++)
          {
            guint64 x = next ();
            if (x % 100 >= forbid)
              pairings_solver_allow (solver, r, c, (gint64) ((x >> 8) % 1000000));
          }
    }
  else
    return 1;

  solution = pairings_solver_solve (solver, NULL, &error);
  if (solution == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* A small problem takes too little time to time once: the median of
   * 21 solves of it. */
  if ((guint64) rows * cols <= 100000)
    {
      double times[21];

      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          g_autoptr(PairingsSolution) again = pairings_solver_solve (solver, NULL, NULL);
          times[i] = again->seconds;
        }
      for (guint i = 1; i < G_N_ELEMENTS (times); i++)
        for (guint j = i; j > 0 && times[j - 1] > times[j]; j--)
          {
            double t = times[j];
            times[j] = times[j - 1];
            times[j - 1] = t;
          }
      solution->seconds = times[G_N_ELEMENTS (times) / 2];
    }
  getrusage (RUSAGE_SELF, &usage);
  printf ("{\"total\": %" G_GINT64_FORMAT ", \"matched\": %u, \"seconds\": %.4f, \"peak_mb\": %.0f,"
          " \"certificate\": %s}\n",
          solution->total, solution->matched, solution->seconds, usage.ru_maxrss / 1024.0,
          solution->certificate ? "true" : "false");
  return 0;
}

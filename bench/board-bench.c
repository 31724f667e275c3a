/* board-bench.c: the board's operations on a large cohort, timed
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: board-bench DIRECTORY
 *
 * Builds, in DIRECTORY/board.db, a cohort of 1,000 people (500 mentors with
 * one place, 500 mentees) with 500 pairs spread over the five stages, and
 * another of 60 mentees and 40 mentors (two places each) with 20 pairs
 * approved. Times, as medians of 25 runs: moving one pair to another stage
 * (the operation with its undo step, committed), reading the whole board
 * again (what the page does after a move), the move undone; and, on the
 * small cohort, suggesting pairs for the rest (matcher run and apply).
 * Prints one JSON line.
 */

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "pairings-board.h"
#include "pairings-cohort.h"
#include "pairings-matcher.h"
#include "pairings-review.h"

#define RUNS 25

static gint64
cohort_with (PairingsStore *store,
             gint64         programme,
             const char    *name,
             guint          mentors,
             int            places,
             guint          mentees,
             GArray        *mentor_ids,
             GArray        *mentee_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = pairings_store_add_cohort (store, programme, name, NULL, -1, &error);
  const char *types[][3] = { { "Career", NULL }, { "Career", "Relocation", NULL }, { "Work-life balance", NULL } };
  gint64 cohort_id;

  g_assert_no_error (error);
  cohort_id = pairings_cohort_get_id (cohort);
  for (guint i = 0; i < mentors + mentees; i++)
    {
      gboolean mentor = i < mentors;
      g_autofree char *person = g_strdup_printf ("%s %s %u", name, mentor ? "Mentor" : "Mentee", i);
      g_autofree char *email = g_strdup_printf ("%s.%u@%s.example", mentor ? "mentor" : "mentee", i, name);
      PairingsApplicationData data = {
        .name = person, .email = email, .role = mentor ? PAIRINGS_ROLE_MENTOR : PAIRINGS_ROLE_MENTEE,
        .capacity = mentor ? places : 1, .institution = i % 3 ? "CERN" : "DESY",
        .career_stage = mentor ? PAIRINGS_CAREER_SENIOR_FACULTY : PAIRINGS_CAREER_GRADUATE,
        .mentoring_types = types[i % 3], .location = "Geneva",
      };
      gint64 id = pairings_store_add_application (store, cohort_id, &data, &error);

      g_assert_no_error (error);
      g_array_append_val (mentor ? mentor_ids : mentee_ids, id);
    }
  g_assert_true (pairings_review_set_status (store, (gint64 *) (void *) mentor_ids->data, mentor_ids->len,
                                             PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_true (pairings_review_set_status (store, (gint64 *) (void *) mentee_ids->data, mentee_ids->len,
                                             PAIRINGS_STATUS_ACCEPTED, &error));
  return cohort_id;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GArray) mentors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) mentees = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) small_mentors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) small_mentees = g_array_new (FALSE, FALSE, sizeof (gint64));
  double move[RUNS], load[RUNS], undo[RUNS], suggest[RUNS];
  gint64 programme, big, small, t;
  PairingsMatchSettings settings;

  if (argc != 2)
    return 1;
  path = g_build_filename (argv[1], "board.db", NULL);
  g_unlink (path);
  store = pairings_store_open (path, &error);
  g_assert_no_error (error);
  programme = pairings_store_add_programme (store, "Bench", &error);

  big = cohort_with (store, programme, "big", 500, 1, 500, mentors, mentees);
  for (guint i = 0; i < 500; i++)
    {
      gint64 pair = pairings_board_pair (store, g_array_index (mentors, gint64, i),
                                         g_array_index (mentees, gint64, i), FALSE, &error);
      g_assert_no_error (error);
      g_array_append_val (pairs, pair);
      if (i % 5 != PAIRINGS_STAGE_DISCUSSION)
        g_assert_true (pairings_board_move (store, &pair, 1, (PairingsStage) (i % 5), -1, &error));
    }

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 pair = g_array_index (pairs, gint64, (r * 37) % 500);
      PairingsBoard *board;

      t = g_get_monotonic_time ();
      g_assert_true (pairings_board_move (store, &pair, 1, (PairingsStage) ((r + 1) % 4), 0, &error));
      move[r] = ms_since (t);

      t = g_get_monotonic_time ();
      board = pairings_board_load (store, big, &error);
      load[r] = ms_since (t);
      g_assert_cmpuint (board->pairs->len, ==, 500);
      pairings_board_free (board);

      t = g_get_monotonic_time ();
      g_assert_true (pairings_history_undo (store, &error));
      undo[r] = ms_since (t);
    }

  small = cohort_with (store, programme, "small", 40, 2, 60, small_mentors, small_mentees);
  for (guint i = 0; i < 20; i++)
    {
      gint64 pair = pairings_board_pair (store, g_array_index (small_mentors, gint64, i),
                                         g_array_index (small_mentees, gint64, i), FALSE, &error);
      g_assert_true (pairings_board_move (store, &pair, 1, PAIRINGS_STAGE_APPROVED, -1, &error));
    }
  g_assert_true (pairings_match_settings_load (store, small, &settings, &error));
  for (guint r = 0; r < RUNS; r++)
    {
      PairingsMatchResult *result;
      gint64 event = 0;

      t = g_get_monotonic_time ();
      result = pairings_matcher_run (store, small, &settings, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (pairings_matcher_apply (store, small, result, &event, &error));
      suggest[r] = ms_since (t);
      pairings_match_result_free (result);
    }

  printf ("{\"pairs\": 500, \"people\": 1000, \"move_ms\": %.2f, \"board_load_ms\": %.2f, \"undo_ms\": %.2f,"
          " \"suggest_60x40_ms\": %.2f}\n",
          bench_median (move, RUNS), bench_median (load, RUNS), bench_median (undo, RUNS), bench_median (suggest, RUNS));
  return 0;
}

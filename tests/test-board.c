/* test-board.c: the pairing board's operations, rules, undo and redo
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pairings-board.h"
#include "pairings-cohort.h"
#include "pairings-matcher.h"
#include "pairings-review.h"
#include "pairings-store-private.h"
#include "pairings-test-utils.h"

typedef struct
{
  char          *dir;
  char          *path;
  PairingsStore *store;
  gint64         cohort;
  gint64         ada, ben, cy;        /* mentors: 1, 2 and 1 places */
  gint64         dan, eve, fay, gus;  /* mentees */
  gint64         hal;                 /* a mentee not accepted */
} Fixture;

static gint64
add (Fixture             *f,
     const char          *name,
     PairingsRole         role,
     int                  capacity,
     const char          *institution,
     PairingsCareerStage  stage,
     gboolean             accept)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@lab.example", name);
  const char *types[] = { role == PAIRINGS_ROLE_MENTOR ? "Career" : "Career", NULL };
  PairingsApplicationData data = {
    .name = name, .email = email, .role = role, .capacity = capacity, .institution = institution,
    .career_stage = stage, .mentoring_types = types,
  };
  gint64 id = pairings_store_add_application (f->store, f->cohort, &data, &error);

  g_assert_no_error (error);
  if (accept)
    g_assert_true (pairings_review_set_status (f->store, &id, 1, PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;

  f->dir = g_dir_make_tmp ("pairings-board-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "b.db", NULL);
  f->store = pairings_store_open (f->path, &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (f->store, pairings_store_add_programme (f->store, "P", NULL),
                                      "2025", NULL, 3, &error);
  g_assert_no_error (error);
  f->cohort = pairings_cohort_get_id (cohort);
  f->ada = add (f, "Ada", PAIRINGS_ROLE_MENTOR, 1, "CERN", PAIRINGS_CAREER_SENIOR_FACULTY, TRUE);
  f->ben = add (f, "Ben", PAIRINGS_ROLE_MENTOR, 2, "DESY", PAIRINGS_CAREER_SENIOR_FACULTY, TRUE);
  f->cy = add (f, "Cy", PAIRINGS_ROLE_MENTOR, 1, "KEK", PAIRINGS_CAREER_POSTDOC, TRUE);
  f->dan = add (f, "Dan", PAIRINGS_ROLE_MENTEE, 1, "CERN", PAIRINGS_CAREER_GRADUATE, TRUE);
  f->eve = add (f, "Eve", PAIRINGS_ROLE_MENTEE, 1, "INFN", PAIRINGS_CAREER_POSTDOC, TRUE);
  f->fay = add (f, "Fay", PAIRINGS_ROLE_MENTEE, 1, "IN2P3", PAIRINGS_CAREER_GRADUATE, TRUE);
  f->gus = add (f, "Gus", PAIRINGS_ROLE_MENTEE, 1, "FNAL", PAIRINGS_CAREER_UNDERGRADUATE, TRUE);
  f->hal = add (f, "Hal", PAIRINGS_ROLE_MENTEE, 1, "BNL", PAIRINGS_CAREER_UNDERGRADUATE, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Every operation ran its statements as prepared: none was compiled
   * again on each run (a move took 8 ms instead of 1 ms that way). */
  if (f->store != NULL)
    g_assert_cmpuint (ptest_count_reprepares (f->store), ==, 0);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* "stage:mentor-mentee,…" for each stage in order, from the database. */
static char *
board_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *board = pairings_board_load (f->store, f->cohort, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < board->pairs->len; i++)
    {
      PairingsBoardPair *pair = g_ptr_array_index (board->pairs, i);

      g_assert_cmpint (pair->position, ==, i == 0 || ((PairingsBoardPair *) g_ptr_array_index (board->pairs, i - 1))->stage != pair->stage
                                           ? 0 : ((PairingsBoardPair *) g_ptr_array_index (board->pairs, i - 1))->position + 1);
      g_string_append_printf (text, "%s%s:%s-%s%s", text->len ? " " : "", pairings_stage_to_string (pair->stage),
                              pair->mentor->name, pair->mentee->name, pair->pinned ? "*" : "");
    }
  g_string_append (text, " |");
  for (guint i = 0; i < board->mentees->len; i++)
    g_string_append_printf (text, " %s", ((PairingsBoardPerson *) g_ptr_array_index (board->mentees, i))->name);
  pairings_board_free (board);
  return g_string_free (text, FALSE);
}

#define assert_board(f, expected) \
  G_STMT_START { g_autofree char *text_ = board_text (f); g_assert_cmpstr (text_, ==, expected); } G_STMT_END

static void
test_pair_and_rules (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 p1, p2;

  assert_board (f, " | Dan Eve Fay Gus");
  p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p1, >, 0);
  p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);
  g_assert_no_error (error);
  assert_board (f, "discussion:Ada-Dan discussion:Ben-Eve | Fay Gus");

  /* Not possible at all: roles, acceptance, a mentee already paired. */
  g_assert_cmpint (pairings_board_pair (f->store, f->dan, f->ada, TRUE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pairings_board_pair (f->store, f->ben, f->hal, TRUE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Hal"));
  g_clear_error (&error);
  g_assert_cmpint (pairings_board_pair (f->store, f->ben, f->dan, TRUE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Dan"));
  g_clear_error (&error);
  g_assert_cmpint (pairings_board_pair (f->store, f->ada, 424242, TRUE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_clear_error (&error);

  /* A rule the committee may break once it says so: Ada's one place. */
  g_assert_cmpint (pairings_board_pair (f->store, f->ada, f->fay, FALSE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Ada"));
  g_clear_error (&error);
  assert_board (f, "discussion:Ada-Dan discussion:Ben-Eve | Fay Gus");
  g_assert_cmpint (pairings_board_pair (f->store, f->ada, f->fay, TRUE, &error), >, 0);
  g_assert_no_error (error);

  /* An exclusion is a rule too. */
  g_assert_true (pairings_matcher_exclude (f->store, f->cohort, "Gus@lab.example", "Cy@lab.example", "same office",
                                           FALSE, &error));
  g_assert_cmpint (pairings_board_pair (f->store, f->cy, f->gus, FALSE, &error), ==, 0);
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE);
  g_clear_error (&error);
  /* Paired anyway, once asked: the card says so, on a full read and on a
   * read of the pairs only. */
  {
    gint64 p3 = pairings_board_pair (f->store, f->cy, f->gus, TRUE, &error);
    PairingsBoard *board;

    g_assert_no_error (error);
    g_assert_cmpint (p3, >, 0);
    board = pairings_board_load (f->store, f->cohort, &error);
    g_assert_true (pairings_board_find_pair (board, p3)->warnings & PAIRINGS_BOARD_WARN_EXCLUDED);
    g_assert_false (pairings_board_find_pair (board, p1)->warnings & PAIRINGS_BOARD_WARN_EXCLUDED);
    g_assert_true (pairings_board_refresh_pairs (f->store, board, NULL, &error));
    g_assert_true (pairings_board_find_pair (board, p3)->warnings & PAIRINGS_BOARD_WARN_EXCLUDED);
    g_assert_false (pairings_board_find_pair (board, p2)->warnings & PAIRINGS_BOARD_WARN_EXCLUDED);
    pairings_board_free (board);
    g_assert_true (pairings_board_dissolve (f->store, &p3, 1, &error));
    g_assert_no_error (error);
  }

  /* Warnings on the cards: Ada and Dan are both at CERN; Ada has two
   * mentees for one place. */
  {
    PairingsBoard *board = pairings_board_load (f->store, f->cohort, &error);
    PairingsBoardPair *pair = pairings_board_find_pair (board, p1);
    g_autofree char *text = pairings_board_warning_text (pair->warnings);

    g_assert_true (pair->warnings & PAIRINGS_BOARD_WARN_SAME_INSTITUTION);
    g_assert_true (pair->warnings & PAIRINGS_BOARD_WARN_CAPACITY);
    g_assert_false (pair->warnings & PAIRINGS_BOARD_WARN_NOT_MORE_SENIOR);
    g_assert_false (pair->warnings & PAIRINGS_BOARD_WARN_NO_SHARED_TYPE);
    g_assert_cmpstr (pair->shared_types[0], ==, "Career");
    g_assert_nonnull (strstr (text, "Same institution"));
    g_assert_false (pairings_board_find_pair (board, p2)->warnings & PAIRINGS_BOARD_WARN_SAME_INSTITUTION);
    g_assert_cmpuint (pairings_board_count_stage (board, PAIRINGS_STAGE_DISCUSSION), ==, 3);
    g_assert_cmpint (board->pair_limit, ==, 3);
    pairings_board_free (board);
  }
}

static void
test_move_reorder_dissolve (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  gint64 p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);
  gint64 p3 = pairings_board_pair (f->store, f->ben, f->fay, FALSE, &error);
  gint64 both[2];

  g_assert_no_error (error);
  assert_board (f, "discussion:Ada-Dan discussion:Ben-Eve discussion:Ben-Fay | Gus");

  /* Reorder within a stage: the last to the top. */
  g_assert_true (pairings_board_move (f->store, &p3, 1, PAIRINGS_STAGE_DISCUSSION, 0, &error));
  assert_board (f, "discussion:Ben-Fay discussion:Ada-Dan discussion:Ben-Eve | Gus");

  /* Two at once to Approved, keeping their order; the rest closes up. */
  both[0] = p1;
  both[1] = p2;
  g_assert_true (pairings_board_move (f->store, both, 2, PAIRINGS_STAGE_APPROVED, -1, &error));
  assert_board (f, "discussion:Ben-Fay approved:Ada-Dan approved:Ben-Eve | Gus");
  g_assert_true (pairings_board_move (f->store, &p3, 1, PAIRINGS_STAGE_APPROVED, 1, &error));
  assert_board (f, "approved:Ada-Dan approved:Ben-Fay approved:Ben-Eve | Gus");

  /* Set aside: the mentee is free again, and can be paired elsewhere; the
   * set-aside pair cannot come back while she is. */
  g_assert_true (pairings_board_move (f->store, &p3, 1, PAIRINGS_STAGE_SET_ASIDE, -1, &error));
  assert_board (f, "approved:Ada-Dan approved:Ben-Eve set_aside:Ben-Fay | Fay Gus");
  g_assert_cmpint (pairings_board_pair (f->store, f->cy, f->fay, FALSE, &error), >, 0);
  g_assert_false (pairings_board_move (f->store, &p3, 1, PAIRINGS_STAGE_DISCUSSION, -1, &error));
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_clear_error (&error);

  /* Dissolve: the people go back to be paired. */
  g_assert_true (pairings_board_dissolve (f->store, &p1, 1, &error));
  assert_board (f, "discussion:Cy-Fay approved:Ben-Eve set_aside:Ben-Fay | Dan Gus");

  /* Bad input: nothing, an unknown pair. */
  g_assert_false (pairings_board_move (f->store, NULL, 0, PAIRINGS_STAGE_APPROVED, -1, &error));
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_clear_error (&error);
  {
    gint64 nothing = 987654;
    g_assert_false (pairings_board_dissolve (f->store, &nothing, 1, &error));
    g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_swap_and_pin (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  gint64 p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);

  g_assert_no_error (error);
  /* Gus takes Dan's place with Ada; Dan goes back. */
  g_assert_true (pairings_board_swap (f->store, p1, f->gus, FALSE, &error));
  g_assert_no_error (error);
  assert_board (f, "discussion:Ada-Gus discussion:Ben-Eve | Dan Fay");
  /* Cy takes Ben's place; a mentee already paired cannot be swapped in. */
  g_assert_true (pairings_board_swap (f->store, p2, f->cy, FALSE, &error));
  assert_board (f, "discussion:Ada-Gus discussion:Cy-Eve | Dan Fay");
  g_assert_false (pairings_board_swap (f->store, p2, f->gus, FALSE, &error));
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID);
  g_clear_error (&error);
  /* Ada has no second place: a rule, unless confirmed. */
  g_assert_false (pairings_board_swap (f->store, p2, f->ada, FALSE, &error));
  g_assert_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE);
  g_clear_error (&error);

  g_assert_true (pairings_board_set_pinned (f->store, &p1, 1, TRUE, &error));
  assert_board (f, "discussion:Ada-Gus* discussion:Cy-Eve | Dan Fay");
  g_assert_cmpint (query_int (f->store, "SELECT locked FROM pairs WHERE mentor_application_id ="
                                        " (SELECT id FROM applications WHERE name = 'Ada')"), ==, 1);
}

/* Every step undone in turn gives back each earlier board, and redone in
 * turn each later one, also after the database is closed and opened. */
static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) boards = g_ptr_array_new_with_free_func (g_free);
  gint64 p1, p2;

  g_ptr_array_add (boards, board_text (f));
  p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  g_ptr_array_add (boards, board_text (f));
  p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);
  g_ptr_array_add (boards, board_text (f));
  g_assert_true (pairings_board_move (f->store, &p2, 1, PAIRINGS_STAGE_APPROVED, -1, &error));
  g_ptr_array_add (boards, board_text (f));
  g_assert_true (pairings_board_swap (f->store, p1, f->fay, FALSE, &error));
  g_ptr_array_add (boards, board_text (f));
  g_assert_true (pairings_board_set_pinned (f->store, &p2, 1, TRUE, &error));
  g_ptr_array_add (boards, board_text (f));
  g_assert_true (pairings_board_dissolve (f->store, &p1, 1, &error));
  g_ptr_array_add (boards, board_text (f));
  g_assert_no_error (error);

  for (guint i = boards->len - 1; i > 0; i--)
    {
      g_autofree char *label = NULL;

      if (i == 3)
        {
          /* Close and open the database halfway: the history is in it. */
          g_clear_object (&f->store);
          f->store = pairings_store_open (f->path, &error);
          g_assert_no_error (error);
        }
      g_assert_true (pairings_history_can_undo (f->store, &label));
      g_assert_cmpstr (label, ==, "Board change undone");
      g_assert_true (pairings_history_undo (f->store, &error));
      g_assert_no_error (error);
      assert_board (f, g_ptr_array_index (boards, i - 1));
    }
  /* What is left to undo is the decisions taken before the board. */
  {
    g_autofree char *label = NULL;

    g_assert_true (pairings_history_can_undo (f->store, &label));
    g_assert_cmpstr (label, ==, "Decision undone");
  }
  for (guint i = 1; i < boards->len; i++)
    {
      g_assert_true (pairings_history_can_redo (f->store, NULL));
      g_assert_true (pairings_history_redo (f->store, &error));
      g_assert_no_error (error);
      assert_board (f, g_ptr_array_index (boards, i));
    }
  g_assert_false (pairings_history_can_redo (f->store, NULL));

  /* The pair dissolved and brought back is the same pair (same id). */
  g_assert_true (pairings_history_undo (f->store, &error));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pairs WHERE id = %" G_GINT64_FORMAT, p1);
    g_assert_cmpint (query_int (f->store, sql), ==, 1);
  }
  {
    g_autofree char *check = query_text (f->store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
}

static gboolean
has_candidate (GArray *candidates,
               gint64  id)
{
  for (guint i = 0; i < candidates->len; i++)
    if (g_array_index (candidates, PairingsCandidate, i).application_id == id)
      return TRUE;
  return FALSE;
}

/* "Pair with…": the other role's people the rules allow, best first. */
static void
test_candidates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) for_dan = NULL;
  g_autoptr(GArray) for_eve = NULL;
  g_autoptr(GArray) for_ben = NULL;
  g_autoptr(GArray) none = NULL;
  PairingsMatchSettings settings;

  g_assert_true (pairings_match_settings_load (f->store, f->cohort, &settings, &error));
  for_dan = pairings_matcher_rank_candidates (f->store, f->cohort, &settings, f->dan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_dan->len, >, 0);
  for (guint i = 1; i < for_dan->len; i++)
    g_assert_cmpint (g_array_index (for_dan, PairingsCandidate, i - 1).score, >=,
                     g_array_index (for_dan, PairingsCandidate, i).score);
  g_assert_false (has_candidate (for_dan, f->dan));
  g_assert_false (has_candidate (for_dan, f->eve));

  /* Ada's one place taken: no longer offered; Dan, paired, is not offered
   * to a mentor either. */
  g_assert_cmpint (pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error), >, 0);
  for_eve = pairings_matcher_rank_candidates (f->store, f->cohort, &settings, f->eve, &error);
  g_assert_no_error (error);
  g_assert_false (has_candidate (for_eve, f->ada));
  for_ben = pairings_matcher_rank_candidates (f->store, f->cohort, &settings, f->ben, &error);
  g_assert_no_error (error);
  g_assert_false (has_candidate (for_ben, f->dan));
  g_assert_true (has_candidate (for_ben, f->fay));

  /* Not accepted, or not there: an error. */
  none = pairings_matcher_rank_candidates (f->store, f->cohort, &settings, f->hal, &error);
  g_assert_null (none);
  g_assert_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND);
}

/* Loading a board that does not exist, or an empty one. */
static void
test_load_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *board = pairings_board_load (f->store, 4242, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (board->pairs->len, ==, 0);
  g_assert_cmpuint (board->mentees->len, ==, 0);
  g_assert_cmpint (board->pair_limit, ==, -1);
  pairings_board_free (board);
  pairings_board_free (NULL);
  {
    g_autofree char *none = pairings_board_warning_text (0);
    g_assert_cmpstr (none, ==, "");
  }
}

/* Everything a card shows, for comparing two boards. */
static char *
board_dump (PairingsBoard *board)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < board->pairs->len; i++)
    {
      PairingsBoardPair *pair = g_ptr_array_index (board->pairs, i);
      g_autofree char *shared = g_strjoinv ("+", pair->shared_types);

      g_string_append_printf (text, "%" G_GINT64_FORMAT ":%s:%d:%s-%s:%u:%d:%s ", pair->id,
                              pairings_stage_to_string (pair->stage), pair->position, pair->mentor->name,
                              pair->mentee->name, (guint) pair->warnings, pair->pinned, shared);
    }
  g_string_append (text, "| mentees");
  for (guint i = 0; i < board->mentees->len; i++)
    g_string_append_printf (text, " %s", ((PairingsBoardPerson *) g_ptr_array_index (board->mentees, i))->name);
  g_string_append (text, " | mentors");
  for (guint i = 0; i < board->mentors->len; i++)
    {
      PairingsBoardPerson *mentor = g_ptr_array_index (board->mentors, i);

      g_string_append_printf (text, " %s:%d/%d", mentor->name, mentor->used, mentor->capacity);
    }
  return g_string_free (text, FALSE);
}

/* @board is the board as read afresh from the database. */
static void
assert_board_fresh (Fixture       *f,
                    PairingsBoard *board)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *fresh = pairings_board_load (f->store, f->cohort, &error);
  g_autofree char *refreshed = board_dump (board);
  g_autofree char *loaded = NULL;

  g_assert_no_error (error);
  loaded = board_dump (fresh);
  g_assert_cmpstr (refreshed, ==, loaded);
  pairings_board_free (fresh);
}

/* Reading only the pairs again after an operation gives the same board as
 * reading it all, and says when the people's columns changed. */
static void
test_refresh_pairs (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *board = pairings_board_load (f->store, f->cohort, &error);
  gint64 p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  gint64 p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);
  gboolean people_changed = FALSE;
  struct
  {
    gint64        pair;
    PairingsStage stage;
    int           position;
    gboolean      people_change;
  } steps[] = {
    { 0, 0, 0, TRUE },                                  /* the two new pairs */
    { 0, PAIRINGS_STAGE_APPROVED, -1, FALSE },          /* p1 on: nobody's place changes */
    { 0, PAIRINGS_STAGE_APPROVED, 0, FALSE },           /* p2 to the top of Approved */
    { 0, PAIRINGS_STAGE_SET_ASIDE, -1, TRUE },          /* Ada's place is free again, Dan to pair */
    { 0, PAIRINGS_STAGE_SUGGESTED, -1, TRUE },          /* and back */
  };

  g_assert_no_error (error);
  steps[1].pair = p1;
  steps[2].pair = p2;
  steps[3].pair = p1;
  steps[4].pair = p1;
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      if (k > 0)
        g_assert_true (pairings_board_move (f->store, &steps[k].pair, 1, steps[k].stage, steps[k].position, &error));
      g_assert_no_error (error);
      g_assert_true (pairings_board_refresh_pairs (f->store, board, &people_changed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (people_changed, ==, steps[k].people_change);
      assert_board_fresh (f, board);
    }

  /* Someone the board did not know (Hal was not accepted when it was
   * read) in a pair: the board has to be read again. */
  g_assert_true (pairings_review_set_status (f->store, &f->hal, 1, PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_cmpint (pairings_board_pair (f->store, f->cy, f->hal, FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (pairings_board_refresh_pairs (f->store, board, NULL, &error));
  g_assert_no_error (error);
  pairings_board_free (board);
}

/* Reading again only the stages a move changed gives the same board as
 * reading it all; and when the stages say more changed than a move among
 * them (a pair made, someone swapped in, Set aside), the whole board is
 * read again. */
static void
test_refresh_stages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *board;
  gint64 p1 = pairings_board_pair (f->store, f->ada, f->dan, FALSE, &error);
  gint64 p2 = pairings_board_pair (f->store, f->ben, f->eve, FALSE, &error);
  gint64 p3 = pairings_board_pair (f->store, f->ben, f->fay, FALSE, &error);
  const guint discussion = 1u << PAIRINGS_STAGE_DISCUSSION, approved = 1u << PAIRINGS_STAGE_APPROVED;
  const guint announced = 1u << PAIRINGS_STAGE_ANNOUNCED, set_aside = 1u << PAIRINGS_STAGE_SET_ASIDE;
  const guint suggested = 1u << PAIRINGS_STAGE_SUGGESTED;
  struct
  {
    const char    *what;
    gint64         pair;
    PairingsStage  stage;
    int            position;
    guint          stages;    /* those given to the refresh */
  } steps[] = {
    { "to Approved", 0, PAIRINGS_STAGE_APPROVED, -1, discussion | approved },
    { "to the top of Approved", 0, PAIRINGS_STAGE_APPROVED, 0, discussion | approved },
    { "up within Approved", 0, PAIRINGS_STAGE_APPROVED, 0, approved },
    { "to Announced, more stages given", 0, PAIRINGS_STAGE_ANNOUNCED, -1, suggested | approved | announced | 64 },
    { "to Suggested, only the stage it left given", 0, PAIRINGS_STAGE_SUGGESTED, -1, announced },
    { "to Set aside", 0, PAIRINGS_STAGE_SET_ASIDE, -1, approved | set_aside },
    { "out of Set aside, too few stages given", 0, PAIRINGS_STAGE_DISCUSSION, -1, discussion },
  };

  g_assert_no_error (error);
  g_assert_cmpint (p3, >, 0);
  board = pairings_board_load (f->store, f->cohort, &error);
  g_assert_no_error (error);
  steps[0].pair = p1;
  steps[1].pair = p2;
  steps[2].pair = p1;
  steps[3].pair = p2;
  steps[4].pair = p2;
  steps[5].pair = p3;
  steps[6].pair = p3;
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      g_test_message ("%s", steps[k].what);
      g_assert_true (pairings_board_move (f->store, &steps[k].pair, 1, steps[k].stage, steps[k].position, &error));
      g_assert_no_error (error);
      g_assert_true (pairings_board_refresh_stages (f->store, board, steps[k].stages, &error));
      g_assert_no_error (error);
      assert_board_fresh (f, board);
    }

  /* Someone else swapped into a pair of the stage: a mentor's places
   * change, which the stage alone does not show. */
  g_assert_true (pairings_board_swap (f->store, p3, f->cy, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pairings_board_refresh_stages (f->store, board, discussion, &error));
  assert_board_fresh (f, board);
  {
    g_autofree char *refreshed = board_dump (board);

    g_assert_nonnull (strstr (refreshed, "Cy:1/1"));
  }

  /* A pair made in the stage: not a move either. */
  g_assert_cmpint (pairings_board_pair (f->store, f->ada, f->gus, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (pairings_board_refresh_stages (f->store, board, discussion, &error));
  assert_board_fresh (f, board);

  /* Someone the board did not know in a pair of the stage: the board has
   * to be read again, as pairings_board_refresh_pairs() says. */
  g_assert_true (pairings_review_set_status (f->store, &f->hal, 1, PAIRINGS_STATUS_ACCEPTED, &error));
  g_assert_cmpint (pairings_board_pair (f->store, f->ben, f->hal, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (pairings_board_refresh_stages (f->store, board, discussion, &error));
  g_assert_no_error (error);
  pairings_board_free (board);
}

/* A move's undo record holds exactly the pairs whose stage or position
 * changed, each as it was and as it is, every column right (the move
 * follows the pairs it places instead of reading its stages again). */
static void
test_move_undo_record (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 pairs[4];
  gint64 people[][2] = { { f->ada, f->dan }, { f->ben, f->eve }, { f->ben, f->fay }, { f->cy, f->gus } };
  /* Every pair's columns, as one JSON array; and a record's rows compared
   * with such an array, column by column. */
  const char *all = "SELECT json_group_array(json_object('id', id, 'cohort_id', cohort_id,"
                    " 'mentor_application_id', mentor_application_id, 'mentee_application_id', mentee_application_id,"
                    " 'stage', stage, 'position', position, 'score', score, 'locked', locked, 'outcome', outcome,"
                    " 'end_reason', end_reason, 'continues_from', continues_from, 'created_at', created_at)) FROM pairs";
  const char *match =
    "SELECT count(*) FROM json_each((SELECT %s FROM events WHERE entity = 'pairs' ORDER BY id DESC LIMIT 1),"
    " '$.pairs') j JOIN json_each(%Q) t ON json_extract(t.value, '$.id') = json_extract(j.value, '$.id') WHERE"
    " json_extract(j.value, '$.cohort_id') = json_extract(t.value, '$.cohort_id')"
    " AND json_extract(j.value, '$.mentor_application_id') = json_extract(t.value, '$.mentor_application_id')"
    " AND json_extract(j.value, '$.mentee_application_id') = json_extract(t.value, '$.mentee_application_id')"
    " AND json_extract(j.value, '$.stage') = json_extract(t.value, '$.stage')"
    " AND json_extract(j.value, '$.position') = json_extract(t.value, '$.position')"
    " AND json_extract(j.value, '$.score') IS json_extract(t.value, '$.score')"
    " AND json_extract(j.value, '$.locked') = json_extract(t.value, '$.locked')"
    " AND json_extract(j.value, '$.outcome') = json_extract(t.value, '$.outcome')"
    " AND json_extract(j.value, '$.end_reason') = json_extract(t.value, '$.end_reason')"
    " AND json_extract(j.value, '$.continues_from') IS json_extract(t.value, '$.continues_from')"
    " AND json_extract(j.value, '$.created_at') = json_extract(t.value, '$.created_at')";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char *sql;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      pairs[i] = pairings_board_pair (f->store, people[i][0], people[i][1], TRUE, &error);
      g_assert_no_error (error);
    }
  /* Two in Approved, two in Discussion; one with a score. */
  g_assert_true (pairings_board_move (f->store, pairs, 2, PAIRINGS_STAGE_APPROVED, -1, &error));
  g_assert_cmpint (sqlite3_exec (_pairings_store_get_db (f->store), "UPDATE pairs SET score = 0.625 WHERE id ="
                                 " (SELECT min(id) FROM pairs)", NULL, NULL, NULL), ==, SQLITE_OK);
  before = query_text (f->store, all);

  /* The last of Discussion to the top of Approved: it, and the two below
   * it in Approved, change; the first of Discussion stays where it is. */
  g_assert_true (pairings_board_move (f->store, &pairs[3], 1, PAIRINGS_STAGE_APPROVED, 0, &error));
  g_assert_no_error (error);
  after = query_text (f->store, all);
  g_assert_cmpint (query_int (f->store, "SELECT json_array_length(before, '$.pairs') FROM events"
                                        " WHERE entity = 'pairs' ORDER BY id DESC LIMIT 1"), ==, 3);
  g_assert_cmpint (query_int (f->store, "SELECT json_array_length(after, '$.pairs') FROM events"
                                        " WHERE entity = 'pairs' ORDER BY id DESC LIMIT 1"), ==, 3);
  sql = sqlite3_mprintf (match, "before", before);
  g_assert_cmpint (query_int (f->store, sql), ==, 3);
  sqlite3_free (sql);
  sql = sqlite3_mprintf (match, "after", after);
  g_assert_cmpint (query_int (f->store, sql), ==, 3);
  sqlite3_free (sql);
  /* Those three are the ones whose place changed. */
  sql = sqlite3_mprintf ("SELECT count(*) FROM json_each(%Q) b JOIN json_each(%Q) a"
                         " ON json_extract(a.value, '$.id') = json_extract(b.value, '$.id')"
                         " WHERE json_extract(a.value, '$.stage') <> json_extract(b.value, '$.stage')"
                         " OR json_extract(a.value, '$.position') <> json_extract(b.value, '$.position')",
                         before, after);
  g_assert_cmpint (query_int (f->store, sql), ==, 3);
  sqlite3_free (sql);

  /* Undone: every pair as it was. */
  g_assert_true (pairings_history_undo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *undone = query_text (f->store, all);

    g_assert_cmpstr (undone, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/board/pair-and-rules", test_pair_and_rules);
  ADD ("/board/refresh-pairs", test_refresh_pairs);
  ADD ("/board/refresh-stages", test_refresh_stages);
  ADD ("/board/move-undo-record", test_move_undo_record);
  ADD ("/board/move-reorder-dissolve", test_move_reorder_dissolve);
  ADD ("/board/swap-and-pin", test_swap_and_pin);
  ADD ("/board/undo-redo", test_undo_redo);
  ADD ("/board/load-empty", test_load_empty);
  ADD ("/board/candidates", test_candidates);

  return g_test_run ();
}

/* pairings-board.h: the pairing board's state and operations
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

#define PAIRINGS_BOARD_ERROR (pairings_board_error_quark ())

typedef enum
{
  PAIRINGS_BOARD_ERROR_INVALID,  /* not possible at all (wrong role, not in the cohort, …) */
  PAIRINGS_BOARD_ERROR_RULE,     /* breaks a rule: possible once confirmed */
} PairingsBoardError;

/* Warnings a pair card shows; none blocks anything. */
typedef enum
{
  PAIRINGS_BOARD_WARN_SAME_INSTITUTION = 1 << 0,
  PAIRINGS_BOARD_WARN_NOT_MORE_SENIOR  = 1 << 1,
  PAIRINGS_BOARD_WARN_CAPACITY         = 1 << 2,
  PAIRINGS_BOARD_WARN_NO_SHARED_TYPE   = 1 << 3,
  PAIRINGS_BOARD_WARN_CONTINUING       = 1 << 4,
  PAIRINGS_BOARD_WARN_EXCLUDED         = 1 << 5,
} PairingsBoardWarnings;

typedef struct
{
  gint64               application_id;
  PairingsRole         role;
  char                *name;
  char                *institution;
  char                *location;
  PairingsCareerStage  career_stage;
  char               **mentoring_types;
  int                  capacity;     /* mentors: places offered */
  int                  used;         /* mentors: live pairs (set aside ones do not count) */
  gboolean             accepted;     /* accepted in the cohort (else only in a pair) */
} PairingsBoardPerson;

typedef struct
{
  gint64                 id;
  PairingsStage          stage;
  int                    position;
  gboolean               pinned;
  double                 score;      /* < 0 when unknown */
  PairingsBoardPerson   *mentor;     /* owned by the board */
  PairingsBoardPerson   *mentee;
  char                 **shared_types;
  PairingsBoardWarnings  warnings;
} PairingsBoardPair;

typedef struct
{
  gint64      cohort_id;
  int         pair_limit;    /* < 0: none */
  GPtrArray  *pairs;         /* PairingsBoardPair, by stage then position */
  GPtrArray  *mentees;       /* accepted mentees without a live pair, by name */
  GPtrArray  *mentors;       /* accepted mentors, by name, with their places */
  GPtrArray  *people;        /* every person above and in pairs (owns them) */
} PairingsBoard;

GQuark              pairings_board_error_quark   (void);

PairingsBoard      *pairings_board_load          (PairingsStore   *store,
                                                  gint64           cohort_id,
                                                  GError         **error);
void                pairings_board_free          (PairingsBoard   *board);
gboolean            pairings_board_refresh_pairs (PairingsStore   *store,
                                                  PairingsBoard   *board,
                                                  gboolean        *people_changed,
                                                  GError         **error);
gboolean            pairings_board_refresh_stages (PairingsStore  *store,
                                                  PairingsBoard   *board,
                                                  guint            stages,
                                                  GError         **error);
guint               pairings_board_count_stage   (PairingsBoard   *board,
                                                  PairingsStage    stage);
PairingsBoardPair  *pairings_board_find_pair     (PairingsBoard   *board,
                                                  gint64           pair_id);
char               *pairings_board_warning_text  (PairingsBoardWarnings warnings);

/* Every operation is one transaction and one step of the history (undo,
 * redo), written before it returns. A rule that a committee may knowingly
 * break (a mentor's places, an exclusion) fails with RULE, naming it,
 * unless @confirmed. */
gint64              pairings_board_pair          (PairingsStore   *store,
                                                  gint64           mentor_application_id,
                                                  gint64           mentee_application_id,
                                                  gboolean         confirmed,
                                                  GError         **error);
gboolean            pairings_board_move          (PairingsStore   *store,
                                                  const gint64    *pair_ids,
                                                  guint            n_pairs,
                                                  PairingsStage    stage,
                                                  int              position,
                                                  GError         **error);
gboolean            pairings_board_dissolve      (PairingsStore   *store,
                                                  const gint64    *pair_ids,
                                                  guint            n_pairs,
                                                  GError         **error);
gboolean            pairings_board_swap          (PairingsStore   *store,
                                                  gint64           pair_id,
                                                  gint64           application_id,
                                                  gboolean         confirmed,
                                                  GError         **error);
gboolean            pairings_board_set_pinned    (PairingsStore   *store,
                                                  const gint64    *pair_ids,
                                                  guint            n_pairs,
                                                  gboolean         pinned,
                                                  GError         **error);

/* For the history: puts back the pairs of one board event. */
gboolean            _pairings_board_replay       (PairingsStore   *store,
                                                  const char      *to_json,
                                                  const char      *from_json,
                                                  GError         **error);

G_END_DECLS

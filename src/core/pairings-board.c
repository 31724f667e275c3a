/* pairings-board.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board of a cohort: its pairs by stage, in order, and the accepted
 * people still to pair. Each operation runs in one transaction that also
 * writes one "board" event holding, for every pair it changed, the row as
 * it was and as it became (no row: the pair did not exist); undo and redo
 * put those rows back. Positions in a stage are kept 0, 1, 2… after every
 * operation.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-board.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

G_DEFINE_QUARK (pairings-board-error-quark, pairings_board_error)

/* Loading ---------------------------------------------------------------------- */

static void
person_free (gpointer data)
{
  PairingsBoardPerson *person = data;

  g_free (person->name);
  g_free (person->institution);
  g_free (person->location);
  g_strfreev (person->mentoring_types);
  g_free (person);
}

static void
pair_free (gpointer data)
{
  PairingsBoardPair *pair = data;

  if (pair == NULL)
    return;
  g_strfreev (pair->shared_types);
  g_free (pair);
}

void
pairings_board_free (PairingsBoard *board)
{
  if (board == NULL)
    return;
  g_ptr_array_unref (board->pairs);
  g_ptr_array_unref (board->mentees);
  g_ptr_array_unref (board->mentors);
  g_ptr_array_unref (board->people);
  g_free (board);
}

static char **
shared_types (PairingsBoardPerson *a,
              PairingsBoardPerson *b)
{
  GPtrArray *shared = g_ptr_array_new ();

  for (guint i = 0; a->mentoring_types[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) b->mentoring_types, a->mentoring_types[i]))
      g_ptr_array_add (shared, g_strdup (a->mentoring_types[i]));
  g_ptr_array_add (shared, NULL);
  return (char **) g_ptr_array_free (shared, FALSE);
}

/* Collation keys of names and institutions, kept with the store: the
 * board is read again after every change, and comparing with
 * g_utf8_collate() normalises both strings each time (two thirds of a
 * read of 1,000 people went there). The keys compare with strcmp() in
 * the same order, and equal exactly when the texts collate equal. */
#define COLLATE_KEYS "pairings-board-collate-keys"
#define COLLATE_KEYS_MAX 50000

static const char *
collate_key (GHashTable *keys,
             const char *text)
{
  const char *key = g_hash_table_lookup (keys, text);

  if (key == NULL)
    {
      char *made = g_utf8_collate_key (text, -1);

      g_hash_table_insert (keys, g_strdup (text), made);
      key = made;
    }
  return key;
}

static GHashTable *
collate_keys_of (PairingsStore *store)
{
  GHashTable *keys = g_object_get_data (G_OBJECT (store), COLLATE_KEYS);

  /* A programme has a few thousand names; a bound all the same. */
  if (keys == NULL || g_hash_table_size (keys) > COLLATE_KEYS_MAX)
    {
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (store), COLLATE_KEYS, keys, (GDestroyNotify) g_hash_table_unref);
    }
  return keys;
}

static int
compare_people (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const PairingsBoardPerson *x = *(PairingsBoardPerson * const *) a;
  const PairingsBoardPerson *y = *(PairingsBoardPerson * const *) b;
  GHashTable *keys = user_data;

  return strcmp (collate_key (keys, x->name), collate_key (keys, y->name));
}

/* The pairs a cohort avoids, as "mentor:mentee" keys. */
static GHashTable *
read_exclusions (PairingsStore  *store,
                 gint64          cohort_id,
                 GError        **error)
{
  GHashTable *excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  stmt = _pairings_store_prepare (store,
                                  "SELECT e.mentor_application_id || ':' || e.mentee_application_id FROM exclusions e"
                                  " JOIN applications a ON a.id = e.mentor_application_id WHERE a.cohort_id = ?",
                                  error);
  if (stmt == NULL)
    {
      g_hash_table_unref (excluded);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (excluded, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return excluded;
}

/* The columns read_pair() reads, in its order. */
#define PAIR_COLUMNS "id, mentor_application_id, mentee_application_id, stage, position," \
                     " locked, coalesce(score, -1), continues_from IS NOT NULL"

/* The pair of @stmt's row (PAIR_COLUMNS), or NULL when @by_id does not
 * know one of its people. */
static PairingsBoardPair *
read_pair (sqlite3_stmt *stmt,
           GHashTable   *by_id,
           GHashTable   *excluded)
{
  gint64 mentor_id = sqlite3_column_int64 (stmt, 1);
  gint64 mentee_id = sqlite3_column_int64 (stmt, 2);
  PairingsBoardPair *pair = g_new0 (PairingsBoardPair, 1);

  pair->id = sqlite3_column_int64 (stmt, 0);
  pair->mentor = g_hash_table_lookup (by_id, &mentor_id);
  pair->mentee = g_hash_table_lookup (by_id, &mentee_id);
  pairings_stage_from_string ((const char *) sqlite3_column_text (stmt, 3), &pair->stage);
  pair->position = sqlite3_column_int (stmt, 4);
  pair->pinned = sqlite3_column_int (stmt, 5) != 0;
  pair->score = sqlite3_column_double (stmt, 6);
  if (sqlite3_column_int (stmt, 7))
    pair->warnings |= PAIRINGS_BOARD_WARN_CONTINUING;
  /* Most cohorts avoid no pair: no key is made then. */
  if (g_hash_table_size (excluded) > 0)
    {
      char key[48];

      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, mentor_id, mentee_id);
      if (g_hash_table_contains (excluded, key))
        pair->warnings |= PAIRINGS_BOARD_WARN_EXCLUDED;
    }
  if (pair->mentor == NULL || pair->mentee == NULL)
    {
      pair_free (pair);
      return NULL;
    }
  return pair;
}

/* What follows from a pair's people (their places used counted). */
static void
add_warnings (PairingsBoardPair *pair,
              GHashTable        *keys)
{
  PairingsBoardPerson *mentor = pair->mentor, *mentee = pair->mentee;

  pair->shared_types = shared_types (mentor, mentee);
  if (*mentor->institution != '\0' &&
      (strcmp (mentor->institution, mentee->institution) == 0 ||
       strcmp (collate_key (keys, mentor->institution), collate_key (keys, mentee->institution)) == 0))
    pair->warnings |= PAIRINGS_BOARD_WARN_SAME_INSTITUTION;
  if (mentor->career_stage != PAIRINGS_CAREER_UNKNOWN && mentee->career_stage != PAIRINGS_CAREER_UNKNOWN &&
      mentor->career_stage <= mentee->career_stage)
    pair->warnings |= PAIRINGS_BOARD_WARN_NOT_MORE_SENIOR;
  if (mentor->used > mentor->capacity)
    pair->warnings |= PAIRINGS_BOARD_WARN_CAPACITY;
  if (mentor->mentoring_types[0] != NULL && mentee->mentoring_types[0] != NULL && pair->shared_types[0] == NULL)
    pair->warnings |= PAIRINGS_BOARD_WARN_NO_SHARED_TYPE;
}

/* The pairs of the board's cohort, read again into @board, with what
 * follows from them: the mentors' places used, each pair's warnings, and
 * the mentees still to pair. @by_id finds the board's people by
 * application; a pair with someone the board does not know sets
 * @unknown_person and is left out. */
static gboolean
fill_pairs (PairingsStore  *store,
            PairingsBoard  *board,
            GHashTable     *by_id,
            gboolean       *unknown_person,
            GError        **error)
{
  g_autoptr(GHashTable) paired = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) excluded = NULL;
  GHashTable *keys = collate_keys_of (store);
  GPtrArray *read;
  sqlite3_stmt *stmt;
  int rc;

  *unknown_person = FALSE;
  for (guint i = 0; i < board->people->len; i++)
    ((PairingsBoardPerson *) g_ptr_array_index (board->people, i))->used = 0;

  excluded = read_exclusions (store, board->cohort_id, error);
  if (excluded == NULL)
    return FALSE;

  stmt = _pairings_store_prepare (store,
                                  "SELECT " PAIR_COLUMNS " FROM pairs WHERE cohort_id = ? ORDER BY stage, position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board->cohort_id);
  read = g_ptr_array_new_with_free_func (pair_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsBoardPair *pair = read_pair (stmt, by_id, excluded);

      if (pair == NULL)
        {
          *unknown_person = TRUE;
          continue;
        }
      if (pair->stage != PAIRINGS_STAGE_SET_ASIDE)
        {
          pair->mentor->used++;
          g_hash_table_add (paired, &pair->mentee->application_id);
        }
      g_ptr_array_add (read, pair);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      g_ptr_array_unref (read);
      return FALSE;
    }

  /* Stages in the board's order (the query sorted their names). */
  g_ptr_array_set_size (board->pairs, 0);
  for (int st = 0; st < PAIRINGS_N_STAGES; st++)
    for (guint i = 0; i < read->len; i++)
      if (((PairingsBoardPair *) g_ptr_array_index (read, i))->stage == (PairingsStage) st)
        g_ptr_array_add (board->pairs, g_ptr_array_index (read, i));
  g_ptr_array_set_free_func (read, NULL);
  g_ptr_array_unref (read);

  for (guint i = 0; i < board->pairs->len; i++)
    add_warnings (g_ptr_array_index (board->pairs, i), keys);

  /* The accepted mentees without a live pair, by name. */
  g_ptr_array_set_size (board->mentees, 0);
  for (guint i = 0; i < board->people->len; i++)
    {
      PairingsBoardPerson *person = g_ptr_array_index (board->people, i);

      if (person->accepted && person->role == PAIRINGS_ROLE_MENTEE &&
          !g_hash_table_contains (paired, &person->application_id))
        g_ptr_array_add (board->mentees, person);
    }
  g_ptr_array_sort_with_data (board->mentees, compare_people, keys);
  return TRUE;
}

/**
 * pairings_board_load:
 * @cohort_id: the cohort
 *
 * Returns: (transfer full): the board, or %NULL on a database error
 */
PairingsBoard *
pairings_board_load (PairingsStore  *store,
                     gint64          cohort_id,
                     GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  PairingsBoard *board;
  GHashTable *keys;
  sqlite3_stmt *stmt;
  gboolean unknown;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  keys = collate_keys_of (store);
  board = g_new0 (PairingsBoard, 1);
  board->cohort_id = cohort_id;
  board->pair_limit = -1;
  board->pairs = g_ptr_array_new_with_free_func (pair_free);
  board->mentees = g_ptr_array_new ();
  board->mentors = g_ptr_array_new ();
  board->people = g_ptr_array_new_with_free_func (person_free);

  stmt = _pairings_store_prepare (store, "SELECT coalesce(pair_limit, -1) FROM cohorts WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    board->pair_limit = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _pairings_store_prepare (store,
                                  "SELECT id, role, status, name, institution, location, career_stage,"
                                  " mentoring_types, capacity FROM applications WHERE cohort_id = ?"
                                  " AND (status = 'accepted' OR id IN (SELECT mentor_application_id FROM pairs"
                                  " WHERE cohort_id = ?1) OR id IN (SELECT mentee_application_id FROM pairs"
                                  " WHERE cohort_id = ?1))",
                                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PairingsBoardPerson *person = g_new0 (PairingsBoardPerson, 1);
      PairingsStatus status = PAIRINGS_STATUS_SUBMITTED;

      person->application_id = sqlite3_column_int64 (stmt, 0);
      pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &person->role);
      pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &status);
      person->accepted = status == PAIRINGS_STATUS_ACCEPTED;
      person->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      person->institution = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      person->location = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      if (!pairings_career_stage_from_string ((const char *) sqlite3_column_text (stmt, 6), &person->career_stage))
        person->career_stage = PAIRINGS_CAREER_UNKNOWN;
      person->mentoring_types = pairings_json_parse_strv ((const char *) sqlite3_column_text (stmt, 7));
      if (person->mentoring_types == NULL)
        person->mentoring_types = g_new0 (char *, 1);
      person->capacity = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (board->people, person);
      g_hash_table_insert (by_id, &person->application_id, person);
      if (person->accepted && person->role == PAIRINGS_ROLE_MENTOR)
        g_ptr_array_add (board->mentors, person);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      goto failed;
    }

  if (!fill_pairs (store, board, by_id, &unknown, error))
    goto failed;
  g_ptr_array_sort_with_data (board->mentors, compare_people, keys);
  return board;

failed:
  pairings_board_free (board);
  return NULL;
}

/**
 * pairings_board_refresh_pairs:
 * @board: a board loaded from @store
 * @people_changed: (out) (optional): set when a mentor's places or the
 *   mentees still to pair changed
 *
 * Reads the board's pairs again, keeping its people as they are: what a
 * board operation changes (they change only pairs) without reading every
 * application again. Fails, leaving @board to be loaded again, when a
 * pair now has someone the board did not know, or on a database error.
 *
 * Returns: %TRUE when @board is up to date
 */
gboolean
pairings_board_refresh_pairs (PairingsStore  *store,
                              PairingsBoard  *board,
                              gboolean       *people_changed,
                              GError        **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) mentees = NULL;
  gboolean unknown = FALSE;
  gboolean changed = FALSE;
  gboolean ok;
  guint n;
  int *used;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (board != NULL, FALSE);

  /* The people stay as they are: only their places used are read again. */
  n = board->people->len;
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  used = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      PairingsBoardPerson *person = g_ptr_array_index (board->people, i);

      used[i] = person->used;
      g_hash_table_insert (by_id, &person->application_id, person);
    }
  mentees = g_ptr_array_copy (board->mentees, NULL, NULL);

  ok = fill_pairs (store, board, by_id, &unknown, error) && !unknown;
  for (guint i = 0; ok && i < n && !changed; i++)
    changed = used[i] != ((PairingsBoardPerson *) g_ptr_array_index (board->people, i))->used;
  g_free (used);
  if (!ok)
    return FALSE;

  changed |= mentees->len != board->mentees->len;
  for (guint i = 0; i < mentees->len && !changed; i++)
    changed = g_ptr_array_index (mentees, i) != g_ptr_array_index (board->mentees, i);
  if (people_changed != NULL)
    *people_changed = changed;
  return TRUE;
}

/**
 * pairings_board_refresh_stages:
 * @stages: the stages to read again, a bit per stage (1 << stage)
 *
 * Reads again the pairs of @stages only, after a change that moved pairs
 * among them and nothing else (see pairings_board_move()): the pairs of
 * the other stages, the places used and the mentees to pair stay as they
 * are. When the stages do not hold the same pairs as before, or Set aside
 * is among them (a pair there takes no place), the whole board's pairs are
 * read again instead (pairings_board_refresh_pairs()), so @board is right
 * either way.
 *
 * Returns: %TRUE when @board is up to date
 */
gboolean
pairings_board_refresh_stages (PairingsStore  *store,
                               PairingsBoard  *board,
                               guint           stages,
                               GError        **error)
{
  /* One statement per stage, the stage in its text (see snapshot()). */
#define STAGE_SQL(stage) "SELECT " PAIR_COLUMNS " FROM pairs WHERE cohort_id = ? AND stage = '" stage "'" \
                         " ORDER BY position, id"
  static const char *const sql[PAIRINGS_N_STAGES] = {
    STAGE_SQL ("suggested"), STAGE_SQL ("discussion"), STAGE_SQL ("approved"),
    STAGE_SQL ("announced"), STAGE_SQL ("set_aside"),
  };
#undef STAGE_SQL
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) before = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) excluded = NULL;
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (pair_free);
  GHashTable *keys = collate_keys_of (store);
  gboolean same = TRUE;
  GPtrArray *pairs;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (board != NULL, FALSE);

  stages &= (1u << PAIRINGS_N_STAGES) - 1;
  if (stages & (1u << PAIRINGS_STAGE_SET_ASIDE))
    return pairings_board_refresh_pairs (store, board, NULL, error);

  for (guint i = 0; i < board->people->len; i++)
    {
      PairingsBoardPerson *person = g_ptr_array_index (board->people, i);

      g_hash_table_insert (by_id, &person->application_id, person);
    }
  for (guint i = 0; i < board->pairs->len; i++)
    {
      PairingsBoardPair *pair = g_ptr_array_index (board->pairs, i);

      if (stages & (1u << pair->stage))
        g_hash_table_insert (before, &pair->id, pair);
    }
  excluded = read_exclusions (store, board->cohort_id, error);
  if (excluded == NULL)
    return FALSE;

  for (int st = 0; st < PAIRINGS_N_STAGES && same; st++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stages & (1u << st)))
        continue;
      stmt = _pairings_store_prepare (store, sql[st], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, board->cohort_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          PairingsBoardPair *pair = read_pair (stmt, by_id, excluded);
          PairingsBoardPair *was = pair != NULL ? g_hash_table_lookup (before, &pair->id) : NULL;

          /* Someone the board does not know, a pair it did not have in
           * these stages, or one with someone else in it (the places used
           * would change): not only a move among them. */
          if (was == NULL || was->mentor != pair->mentor || was->mentee != pair->mentee)
            {
              same = FALSE;
              pair_free (pair);
              break;
            }
          g_hash_table_remove (before, &pair->id);
          add_warnings (pair, keys);
          g_ptr_array_add (read, pair);
        }
      sqlite3_reset (stmt);
      if (same && rc != SQLITE_DONE)
        {
          _pairings_store_set_error (store, rc, error);
          return FALSE;
        }
    }
  if (!same || g_hash_table_size (before) > 0)
    return pairings_board_refresh_pairs (store, board, NULL, error);

  /* The board's order: stage by stage, the stages read again from @read
   * (in their order, by position), the others as they were. */
  pairs = g_ptr_array_new_full (board->pairs->len, pair_free);
  for (int st = 0; st < PAIRINGS_N_STAGES; st++)
    {
      GPtrArray *from = (stages & (1u << st)) ? read : board->pairs;

      for (guint i = 0; i < from->len; i++)
        if (((PairingsBoardPair *) g_ptr_array_index (from, i))->stage == (PairingsStage) st)
          g_ptr_array_add (pairs, g_ptr_array_index (from, i));
    }
  /* @pairs now owns the pairs read and those kept; the old array frees
   * the board's pairs of the stages read again. */
  g_ptr_array_set_free_func (read, NULL);
  for (guint i = 0; i < board->pairs->len; i++)
    if (!(stages & (1u << ((PairingsBoardPair *) g_ptr_array_index (board->pairs, i))->stage)))
      board->pairs->pdata[i] = NULL;
  g_ptr_array_unref (board->pairs);
  board->pairs = pairs;
  return TRUE;
}

guint
pairings_board_count_stage (PairingsBoard *board,
                            PairingsStage  stage)
{
  guint n = 0;

  for (guint i = 0; i < board->pairs->len; i++)
    n += ((PairingsBoardPair *) g_ptr_array_index (board->pairs, i))->stage == stage;
  return n;
}

PairingsBoardPair *
pairings_board_find_pair (PairingsBoard *board,
                          gint64         pair_id)
{
  for (guint i = 0; i < board->pairs->len; i++)
    if (((PairingsBoardPair *) g_ptr_array_index (board->pairs, i))->id == pair_id)
      return g_ptr_array_index (board->pairs, i);
  return NULL;
}

/**
 * pairings_board_warning_text:
 *
 * Returns: (transfer full): the warnings as short phrases, one a line
 */
char *
pairings_board_warning_text (PairingsBoardWarnings warnings)
{
  GString *text = g_string_new (NULL);
  const struct { PairingsBoardWarnings flag; const char *text; } all[] = {
    { PAIRINGS_BOARD_WARN_SAME_INSTITUTION, N_("Same institution") },
    { PAIRINGS_BOARD_WARN_NOT_MORE_SENIOR, N_("Mentor not more senior") },
    { PAIRINGS_BOARD_WARN_CAPACITY, N_("Mentor has more mentees than places") },
    { PAIRINGS_BOARD_WARN_NO_SHARED_TYPE, N_("No shared mentoring type") },
    { PAIRINGS_BOARD_WARN_CONTINUING, N_("Continuing pair") },
    { PAIRINGS_BOARD_WARN_EXCLUDED, N_("On the list of pairs to avoid") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (warnings & all[i].flag)
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", _(all[i].text));
  return g_string_free (text, FALSE);
}

/* Snapshots and events ------------------------------------------------------- */

/* A pair's row as an operation's event keeps it (every column an undo
 * writes back). Rows are compared field by field and written as JSON only
 * when they changed: most rows of a stage a move renumbers do not, and
 * making JSON of every one, twice, was most of a move's time. */
typedef struct
{
  gint64      id;
  gint64      cohort_id;
  gint64      mentor;
  gint64      mentee;
  const char *stage;          /* static */
  int         position;
  gboolean    has_score;
  double      score;
  int         locked;
  char       *outcome;
  char       *end_reason;
  gboolean    has_continues;
  gint64      continues_from;
  char       *created_at;
} PairRow;

/* A row and its texts are one allocation (see snapshot()). */
static void
pair_row_free (gpointer data)
{
  g_free (data);
}

static gboolean
pair_row_equal (const PairRow *a,
                const PairRow *b)
{
  return a->id == b->id && a->cohort_id == b->cohort_id && a->mentor == b->mentor && a->mentee == b->mentee &&
         a->stage == b->stage && a->position == b->position && a->has_score == b->has_score &&
         (!a->has_score || a->score == b->score) && a->locked == b->locked &&
         g_strcmp0 (a->outcome, b->outcome) == 0 && g_strcmp0 (a->end_reason, b->end_reason) == 0 &&
         a->has_continues == b->has_continues && (!a->has_continues || a->continues_from == b->continues_from) &&
         g_strcmp0 (a->created_at, b->created_at) == 0;
}

/* The row as SQLite's json_object() of the same columns would write it. */
static void
pair_row_to_json (GString       *out,
                  const PairRow *row)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "{\"id\":");
  pairings_json_append_int (out, row->id);
  g_string_append (out, ",\"cohort_id\":");
  pairings_json_append_int (out, row->cohort_id);
  g_string_append (out, ",\"mentor_application_id\":");
  pairings_json_append_int (out, row->mentor);
  g_string_append (out, ",\"mentee_application_id\":");
  pairings_json_append_int (out, row->mentee);
  g_string_append (out, ",\"stage\":");
  pairings_json_append_string (out, row->stage);
  g_string_append (out, ",\"position\":");
  pairings_json_append_int (out, row->position);
  g_string_append (out, ",\"score\":");
  g_string_append (out, row->has_score ? g_ascii_dtostr (number, sizeof number, row->score) : "null");
  g_string_append (out, ",\"locked\":");
  pairings_json_append_int (out, row->locked);
  g_string_append (out, ",\"outcome\":");
  pairings_json_append_string (out, row->outcome);
  g_string_append (out, ",\"end_reason\":");
  pairings_json_append_string (out, row->end_reason);
  g_string_append (out, ",\"continues_from\":");
  if (row->has_continues)
    pairings_json_append_int (out, row->continues_from);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"created_at\":");
  pairings_json_append_string (out, row->created_at);
  g_string_append_c (out, '}');
}

/* Copies column @column's text to @at, returns it (NULL for NULL) and moves
 * @at past it. */
static char *
put_text (sqlite3_stmt  *stmt,
          int            column,
          char         **at)
{
  char *text = *at;
  int length;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  length = sqlite3_column_bytes (stmt, column);
  memcpy (text, sqlite3_column_text (stmt, column), (gsize) length);
  text[length] = '\0';
  *at += length + 1;
  return text;
}

static gsize
text_size (sqlite3_stmt *stmt,
           int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : (gsize) sqlite3_column_bytes (stmt, column) + 1;
}

/* id → the pair's row, for the pairs of the cohort in the stages of
 * @stages (a bit per stage): those an operation may change. */
static GHashTable *
snapshot (PairingsStore  *store,
          gint64          cohort_id,
          guint           stages,
          GError        **error)
{
  /* One statement per stage, with the stage in its text: each reads only
   * its stage's rows through the (cohort_id, stage, position) index. One
   * statement for all stages, with the stages as a bound mask, read every
   * pair of the cohort and compared each stage in turn: two thirds of a
   * move's instructions. A literal also keeps the partial index on
   * mentees from making SQLite prepare the statement again for each
   * value bound (see renumber()). */
#define SNAPSHOT_SQL(stage) \
    "SELECT id, cohort_id, mentor_application_id, mentee_application_id, position, score," \
    " locked, outcome, end_reason, continues_from, created_at FROM pairs" \
    " WHERE cohort_id = ? AND stage = '" stage "'"
  static const char *const sql[PAIRINGS_N_STAGES] = {
    SNAPSHOT_SQL ("suggested"), SNAPSHOT_SQL ("discussion"), SNAPSHOT_SQL ("approved"),
    SNAPSHOT_SQL ("announced"), SNAPSHOT_SQL ("set_aside"),
  };
#undef SNAPSHOT_SQL
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pair_row_free);

  for (int s = 0; s < PAIRINGS_N_STAGES; s++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stages & (1u << s)))
        continue;
      stmt = _pairings_store_prepare (store, sql[s], error);
      if (stmt == NULL)
        {
          g_hash_table_unref (rows);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, cohort_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          /* Texts first (their bytes), then one allocation for all. */
          gsize texts = text_size (stmt, 7) + text_size (stmt, 8) + text_size (stmt, 10);
          PairRow *row = g_malloc0 (sizeof (PairRow) + texts);
          char *at = (char *) (row + 1);

          row->id = sqlite3_column_int64 (stmt, 0);
          row->cohort_id = sqlite3_column_int64 (stmt, 1);
          row->mentor = sqlite3_column_int64 (stmt, 2);
          row->mentee = sqlite3_column_int64 (stmt, 3);
          row->stage = pairings_stage_to_string ((PairingsStage) s);
          row->position = sqlite3_column_int (stmt, 4);
          row->has_score = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
          row->score = sqlite3_column_double (stmt, 5);
          row->locked = sqlite3_column_int (stmt, 6);
          row->outcome = put_text (stmt, 7, &at);
          row->end_reason = put_text (stmt, 8, &at);
          row->has_continues = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
          row->continues_from = sqlite3_column_int64 (stmt, 9);
          row->created_at = put_text (stmt, 10, &at);
          g_hash_table_insert (rows, &row->id, row);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _pairings_store_set_error (store, rc, error);
          g_hash_table_unref (rows);
          return NULL;
        }
    }
  return rows;
}

/* Where the pairs of an operation's stages are, kept up to date as it
 * renumbers them, so that neither renumbering nor the undo record reads
 * the stages again: @rows is the snapshot taken before the operation (id
 * → PairRow), @now the pairs moved since (id → Place). */
typedef struct
{
  const char *stage;       /* static */
  int         position;
} Place;

typedef struct
{
  GHashTable *rows;
  GHashTable *now;
  gboolean    lost;        /* a pair not in @rows was placed */
} Placement;

/* The undo record of an operation on pairs: their rows before and after,
 * JSON arrays each (still open: the brackets are closed here). */
static gboolean
write_log (PairingsStore  *store,
           const char     *what,
           GString        *old_rows,
           GString        *new_rows,
           GError        **error)
{
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_string_append_c (old_rows, ']');
  g_string_append_c (new_rows, ']');
  old_json = g_strdup_printf ("{\"what\":\"%s\",\"pairs\":%s}", what, old_rows->str);
  new_json = g_strdup_printf ("{\"what\":\"%s\",\"pairs\":%s}", what, new_rows->str);
  return _pairings_store_log_event (store, "board", "pairs", 0, old_json, new_json, error);
}

/* Logs the pairs that changed between @before and now. */
static gboolean
log_changes (PairingsStore  *store,
             gint64          cohort_id,
             guint           stages,
             GHashTable     *before,
             const char     *what,
             GError        **error)
{
  g_autoptr(GHashTable) after = snapshot (store, cohort_id, stages, error);
  g_autoptr(GString) old_rows = g_string_new ("[");
  g_autoptr(GString) new_rows = g_string_new ("[");
  GHashTableIter iter;
  gpointer key, value;
  guint changed = 0;

  if (after == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const PairRow *now = g_hash_table_lookup (after, key);

      if (now == NULL || !pair_row_equal (now, value))
        {
          if (old_rows->len > 1)
            g_string_append_c (old_rows, ',');
          pair_row_to_json (old_rows, value);
          if (now != NULL)
            {
              if (new_rows->len > 1)
                g_string_append_c (new_rows, ',');
              pair_row_to_json (new_rows, now);
            }
          changed++;
        }
    }
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (before, key))
      {
        if (new_rows->len > 1)
          g_string_append_c (new_rows, ',');
        pair_row_to_json (new_rows, value);
        changed++;
      }
  return changed == 0 || write_log (store, what, old_rows, new_rows, error);
}

/* Logs the pairs a move placed elsewhere (see Placement): the rows as they
 * were and as they are, as log_changes() would, without reading them. */
static gboolean
log_moves (PairingsStore  *store,
           Placement      *placement,
           const char     *what,
           GError        **error)
{
  g_autoptr(GString) old_rows = g_string_new ("[");
  g_autoptr(GString) new_rows = g_string_new ("[");
  GHashTableIter iter;
  gpointer key, value;
  guint changed = 0;

  g_hash_table_iter_init (&iter, placement->now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const PairRow *row = g_hash_table_lookup (placement->rows, key);
      const Place *place = value;
      PairRow moved;

      if (place->stage == row->stage && place->position == row->position)
        continue;
      moved = *row;
      moved.stage = place->stage;
      moved.position = place->position;
      if (changed > 0)
        {
          g_string_append_c (old_rows, ',');
          g_string_append_c (new_rows, ',');
        }
      pair_row_to_json (old_rows, row);
      pair_row_to_json (new_rows, &moved);
      changed++;
    }
  return changed == 0 || write_log (store, what, old_rows, new_rows, error);
}

/* A pair of a stage as it was before renumbering. */
typedef struct
{
  gint64 id;
  int    position;
} Placed;

/* By position, then id: the stage's order. */
static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
placement_get (Placement     *placement,
               const PairRow *row,
               Place         *place)
{
  const Place *moved = g_hash_table_lookup (placement->now, &row->id);

  place->stage = moved != NULL ? moved->stage : row->stage;
  place->position = moved != NULL ? moved->position : row->position;
}

static void
placement_set (Placement  *placement,
               gint64      id,
               const char *stage,
               int         position)
{
  const PairRow *row = g_hash_table_lookup (placement->rows, &id);
  Place *place = g_hash_table_lookup (placement->now, &id);

  if (row == NULL)
    {
      placement->lost = TRUE;
      return;
    }
  if (place == NULL)
    {
      place = g_new (Place, 1);
      /* Keyed by the row's id, which lives as long as the snapshot. */
      g_hash_table_insert (placement->now, (gpointer) &row->id, place);
    }
  place->stage = stage;
  place->position = position;
}

/* Renumbers a stage 0, 1, 2… in its current order, with @ids (when given)
 * placed at @position among the others. Only rows that change are
 * written, and a row already in the stage gets its position only: an
 * update that also sets the stage makes SQLite rewrite the partial index
 * on mentees too (the stage is in its WHERE clause), for every row below a
 * card put at the top of a column. With @placement, the stage is taken
 * from it instead of read, and the rows written are placed in it. */
static gboolean
renumber (PairingsStore  *store,
          gint64          cohort_id,
          PairingsStage   stage,
          const gint64   *ids,
          guint           n_ids,
          int             position,
          Placement      *placement,
          GError        **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (Placed));  /* the stage as it was */
  g_autoptr(GHashTable) was = g_hash_table_new (g_int64_hash, g_int64_equal);  /* id → its Placed */
  const char *stage_name = pairings_stage_to_string (stage);
  sqlite3_stmt *stmt;

  if (placement != NULL)
    {
      /* The stage from the snapshot, as the operation left it so far. */
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, placement->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          const PairRow *row = value;
          Place place;

          placement_get (placement, row, &place);
          if (place.stage == stage_name)
            {
              Placed placed = { row->id, place.position };

              g_array_append_val (here, placed);
            }
        }
      g_array_sort (here, compare_placed);
    }
  else
    {
      stmt = _pairings_store_prepare (store, "SELECT id, position FROM pairs WHERE cohort_id = ? AND stage = ?"
                                             " ORDER BY position, id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cohort_id);
      _pairings_store_bind_text (stmt, 2, stage_name);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Placed placed = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

          g_array_append_val (here, placed);
        }
      sqlite3_reset (stmt);
    }
  for (guint i = 0; i < here->len; i++)
    {
      const Placed *placed = &g_array_index (here, Placed, i);
      gboolean moving = FALSE;

      for (guint k = 0; k < n_ids; k++)
        moving |= ids[k] == placed->id;
      if (!moving)
        g_array_append_val (order, placed->id);
    }
  /* Once @here no longer grows, its rows can be pointed at. */
  for (guint i = 0; i < here->len; i++)
    g_hash_table_insert (was, &g_array_index (here, Placed, i).id, &g_array_index (here, Placed, i));

  if (n_ids > 0)
    {
      guint at = position < 0 || (guint) position > order->len ? order->len : (guint) position;

      /* A pair chosen twice takes one place, or the stage gets a gap. */
      for (guint k = 0; k < n_ids; k++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < k; j++)
            seen |= ids[j] == ids[k];
          if (!seen)
            g_array_insert_val (order, at++, ids[k]);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);
      const Placed *placed = g_hash_table_lookup (was, &id);

      if (placed != NULL)
        {
          if (placed->position == (int) i)
            continue;
          stmt = _pairings_store_prepare (store, "UPDATE pairs SET position = ?1 WHERE id = ?2", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int (stmt, 1, (int) i);
          sqlite3_bind_int64 (stmt, 2, id);
        }
      else
        {
          /* Coming from another stage. The test on the stage stays
           * inside the OR: as a term of its own, "stage <> ?2" would be
           * checked against the partial index's "stage <> 'set_aside'"
           * with the bound value, and SQLite would then prepare the
           * statement again after every bind. */
          stmt = _pairings_store_prepare (store, "UPDATE pairs SET position = ?1, stage = ?2 WHERE id = ?3"
                                                 " AND (position <> ?1 OR stage <> ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int (stmt, 1, (int) i);
          _pairings_store_bind_text (stmt, 2, stage_name);
          sqlite3_bind_int64 (stmt, 3, id);
        }
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
      if (placement != NULL)
        placement_set (placement, id, stage_name, (int) i);
    }
  return TRUE;
}

typedef struct
{
  gint64         id;
  gint64         cohort_id;
  PairingsRole   role;
  PairingsStatus status;
  char          *name;
  int            capacity;
} Application;

static void
application_clear (Application *app)
{
  g_free (app->name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Application, application_clear)

static gboolean
get_application (PairingsStore  *store,
                 gint64          id,
                 Application    *app,
                 GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "SELECT cohort_id, role, status, name, capacity"
                                                       " FROM applications WHERE id = ?", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      app->id = id;
      app->cohort_id = sqlite3_column_int64 (stmt, 0);
      pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &app->role);
      pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &app->status);
      app->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      app->capacity = sqlite3_column_int (stmt, 4);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                 _("The application no longer exists"));
  return found;
}

/* The first column of the first row of @sql (a count, an id), or 0; @b is
 * bound only when @sql has a second parameter. */
static gint64
query_count (PairingsStore *store,
             const char    *sql,
             gint64         a,
             gint64         b)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The rules a mentor and a mentee must meet to be a live pair; @replacing
 * is the pair that will change (its own place does not count). */
static gboolean
check_pair (PairingsStore  *store,
            Application    *mentor,
            Application    *mentee,
            gint64          replacing,
            gboolean        confirmed,
            GError        **error)
{
  gint64 used;

  if (mentor->role != PAIRINGS_ROLE_MENTOR || mentee->role != PAIRINGS_ROLE_MENTEE)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                   _("A pair is a mentor and a mentee"));
      return FALSE;
    }
  if (mentor->cohort_id != mentee->cohort_id)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                   _("%s and %s did not apply to the same cohort"), mentor->name, mentee->name);
      return FALSE;
    }
  if (mentor->status != PAIRINGS_STATUS_ACCEPTED || mentee->status != PAIRINGS_STATUS_ACCEPTED)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                   _("Only accepted applications can be paired: %s is not accepted"),
                   mentor->status != PAIRINGS_STATUS_ACCEPTED ? mentor->name : mentee->name);
      return FALSE;
    }
  if (query_count (store, "SELECT count(*) FROM pairs WHERE mentee_application_id = ? AND stage <> 'set_aside'"
                          " AND id <> ?", mentee->id, replacing) > 0)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                   _("%s already has a mentor"), mentee->name);
      return FALSE;
    }
  if (confirmed)
    return TRUE;
  if (query_count (store, "SELECT count(*) FROM exclusions WHERE mentor_application_id = ?"
                          " AND mentee_application_id = ?", mentor->id, mentee->id) > 0)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE,
                   _("%s and %s are on the list of pairs to avoid"), mentor->name, mentee->name);
      return FALSE;
    }
  used = query_count (store, "SELECT count(*) FROM pairs WHERE mentor_application_id = ? AND stage <> 'set_aside'"
                             " AND id <> ?", mentor->id, replacing);
  if (used >= mentor->capacity)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has no place left (%d mentee for %d place)",
                                "%s has no place left (%d mentees for %d places)", (gulong) MAX (mentor->capacity, 1)),
                   mentor->name, (int) used, mentor->capacity);
      return FALSE;
    }
  return TRUE;
}

/* Runs @operation between a snapshot and the event, in one transaction.
 * @stages: the stages (a bit each) it may change pairs in, before or after.
 * @track: for an operation that writes pairs only by renumbering them (a
 * move): it gets a Placement over the snapshot, which its renumbering
 * keeps up to date, and the event is written from it without reading the
 * stages again. Otherwise the operation gets NULL. */
typedef gboolean (*Operation) (PairingsStore *store, gpointer data, Placement *placement, GError **error);

#define ALL_STAGES ((1u << PAIRINGS_N_STAGES) - 1)
#define STAGE_BIT(s) (1u << (s))

static gboolean
run (PairingsStore  *store,
     gint64          cohort_id,
     guint           stages,
     const char     *what,
     Operation       operation,
     gpointer        data,
     gboolean        track,
     GError        **error)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  Placement placement = { NULL, now, FALSE };
  gboolean done;

  if (!_pairings_store_begin (store, error))
    return FALSE;
  before = snapshot (store, cohort_id, stages, error);
  placement.rows = before;
  done = before != NULL && operation (store, data, track ? &placement : NULL, error) &&
         (track && !placement.lost ? log_moves (store, &placement, what, error)
                                   : log_changes (store, cohort_id, stages, before, what, error)) &&
         _pairings_store_commit (store, error);
  if (!done)
    _pairings_store_rollback (store);
  return done;
}

/* The stages the pairs of @ids are in, a bit each. */
static guint
stages_of (PairingsStore *store,
           const gint64  *ids,
           guint          n)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "SELECT stage FROM pairs WHERE id = ?", NULL);
  guint stages = 0;

  if (stmt == NULL)
    return ALL_STAGES;
  for (guint i = 0; i < n; i++)
    {
      PairingsStage stage;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          pairings_stage_from_string ((const char *) sqlite3_column_text (stmt, 0), &stage))
        stages |= STAGE_BIT (stage);
      sqlite3_reset (stmt);
    }
  return stages;
}

/* Pair ------------------------------------------------------------------------- */

typedef struct
{
  Application *mentor;
  Application *mentee;
  gint64       pair_id;
} PairData;

static gboolean
do_pair (PairingsStore *store,
         gpointer       data,
         Placement     *placement,
         GError       **error)
{
  PairData *d = data;
  sqlite3_stmt *stmt;

  /* The same two set aside earlier: the pair comes back. */
  d->pair_id = query_count (store, "SELECT id FROM pairs WHERE mentor_application_id = ? AND mentee_application_id = ?",
                            d->mentor->id, d->mentee->id);
  if (d->pair_id != 0)
    return renumber (store, d->mentor->cohort_id, PAIRINGS_STAGE_DISCUSSION, &d->pair_id, 1, -1, NULL, error) &&
           renumber (store, d->mentor->cohort_id, PAIRINGS_STAGE_SET_ASIDE, NULL, 0, -1, NULL, error);

  stmt = _pairings_store_prepare (store,
                                  "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage,"
                                  " position) VALUES (?, ?, ?, 'discussion',"
                                  " (SELECT coalesce(max(position) + 1, 0) FROM pairs WHERE cohort_id = ?1"
                                  " AND stage = 'discussion'))",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->mentor->cohort_id);
  sqlite3_bind_int64 (stmt, 2, d->mentor->id);
  sqlite3_bind_int64 (stmt, 3, d->mentee->id);
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;
  d->pair_id = sqlite3_last_insert_rowid (_pairings_store_get_db (store));
  return TRUE;
}

/**
 * pairings_board_pair:
 * @confirmed: the committee knowingly breaks a rule (places, exclusions)
 *
 * Pairs a mentor with a mentee, in Under discussion, at the end.
 *
 * Returns: the new pair's id, or 0 with @error set
 */
gint64
pairings_board_pair (PairingsStore  *store,
                     gint64          mentor_application_id,
                     gint64          mentee_application_id,
                     gboolean        confirmed,
                     GError        **error)
{
  g_auto(Application) mentor = { 0, };
  g_auto(Application) mentee = { 0, };
  PairData data = { &mentor, &mentee, 0 };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), 0);

  if (!get_application (store, mentor_application_id, &mentor, error) ||
      !get_application (store, mentee_application_id, &mentee, error) ||
      !check_pair (store, &mentor, &mentee, 0, confirmed, error) ||
      !run (store, mentor.cohort_id, STAGE_BIT (PAIRINGS_STAGE_DISCUSSION) | STAGE_BIT (PAIRINGS_STAGE_SET_ASIDE),
            "pair", do_pair, &data, FALSE, error))
    return 0;
  return data.pair_id;
}

/* Move ------------------------------------------------------------------------- */

typedef struct
{
  gint64         cohort_id;
  const gint64  *ids;
  guint          n;
  PairingsStage  stage;
  int            position;
  guint          stages;     /* those to renumber afterwards */
} MoveData;

static gboolean
do_move (PairingsStore *store,
         gpointer       data,
         Placement     *placement,
         GError       **error)
{
  MoveData *d = data;

  /* The target first (it takes the pairs), then every stage closes up. */
  if (!renumber (store, d->cohort_id, d->stage, d->ids, d->n, d->position, placement, error))
    return FALSE;
  for (int s = 0; s < PAIRINGS_N_STAGES; s++)
    if ((PairingsStage) s != d->stage && (d->stages & STAGE_BIT (s)) &&
        !renumber (store, d->cohort_id, s, NULL, 0, -1, placement, error))
      return FALSE;
  return TRUE;
}

/* The cohort of pairs, all in one; 0 with @error set otherwise. */
static gint64
pairs_cohort (PairingsStore  *store,
              const gint64   *ids,
              guint           n,
              GError        **error)
{
  gint64 cohort = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 c = query_count (store, "SELECT cohort_id FROM pairs WHERE id = ?", ids[i], 0);

      if (c == 0 || (cohort != 0 && c != cohort))
        {
          g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                       c == 0 ? _("The pair no longer exists") : _("The pairs are not in one cohort"));
          return 0;
        }
      cohort = c;
    }
  if (cohort == 0)
    g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID, _("No pair chosen"));
  return cohort;
}

/**
 * pairings_board_move:
 * @stage: the stage to move the pairs to (their own, to reorder)
 * @position: where among that stage's other pairs; -1 for the end
 *
 * Moves pairs, keeping their order among themselves. A set-aside pair
 * moved back to a live stage must still be possible (its mentee free).
 */
gboolean
pairings_board_move (PairingsStore  *store,
                     const gint64   *pair_ids,
                     guint           n_pairs,
                     PairingsStage   stage,
                     int             position,
                     GError        **error)
{
  MoveData data = { 0, pair_ids, n_pairs, stage, position, ALL_STAGES };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (stage < PAIRINGS_N_STAGES, FALSE);

  data.cohort_id = pairs_cohort (store, pair_ids, n_pairs, error);
  if (data.cohort_id == 0)
    return FALSE;
  if (stage != PAIRINGS_STAGE_SET_ASIDE)
    for (guint i = 0; i < n_pairs; i++)
      if (query_count (store, "SELECT count(*) FROM pairs p JOIN pairs q ON q.mentee_application_id ="
                              " p.mentee_application_id AND q.id <> p.id AND q.stage <> 'set_aside'"
                              " WHERE p.id = ? AND p.stage = 'set_aside'", pair_ids[i], 0) > 0)
        {
          g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID,
                       _("The mentee of this set-aside pair has another mentor now"));
          return FALSE;
        }
  data.stages = stages_of (store, pair_ids, n_pairs) | STAGE_BIT (stage);
  /* The stages are read once, before the move: renumbering and the undo
   * record follow the pairs it places (see Placement) instead of reading
   * them again, four times. */
  return run (store, data.cohort_id, data.stages, "move", do_move, &data, TRUE, error);
}

/* Dissolve --------------------------------------------------------------------- */

static gboolean
do_dissolve (PairingsStore *store,
             gpointer       data,
             Placement     *placement,
             GError       **error)
{
  MoveData *d = data;
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "DELETE FROM pairs WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < d->n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, d->ids[i]);
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (int s = 0; s < PAIRINGS_N_STAGES; s++)
    if ((d->stages & STAGE_BIT (s)) && !renumber (store, d->cohort_id, s, NULL, 0, -1, NULL, error))
      return FALSE;
  return TRUE;
}

/** pairings_board_dissolve: the people go back to be paired again */
gboolean
pairings_board_dissolve (PairingsStore  *store,
                         const gint64   *pair_ids,
                         guint           n_pairs,
                         GError        **error)
{
  MoveData data = { 0, pair_ids, n_pairs, 0, -1, ALL_STAGES };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  data.cohort_id = pairs_cohort (store, pair_ids, n_pairs, error);
  if (data.cohort_id == 0)
    return FALSE;
  data.stages = stages_of (store, pair_ids, n_pairs);
  return run (store, data.cohort_id, data.stages, "dissolve", do_dissolve, &data, FALSE, error);
}

/* Swap ------------------------------------------------------------------------- */

typedef struct
{
  gint64       pair_id;
  Application *person;
} SwapData;

static gboolean
do_swap (PairingsStore *store,
         gpointer       data,
         Placement     *placement,
         GError       **error)
{
  SwapData *d = data;
  sqlite3_stmt *stmt = _pairings_store_prepare (store, d->person->role == PAIRINGS_ROLE_MENTOR
                                                ? "UPDATE pairs SET mentor_application_id = ?, score = NULL,"
                                                  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?"
                                                : "UPDATE pairs SET mentee_application_id = ?, score = NULL,"
                                                  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->person->id);
  sqlite3_bind_int64 (stmt, 2, d->pair_id);
  return _pairings_store_step_done (store, stmt, error);
}

/**
 * pairings_board_swap:
 * @application_id: a mentor or a mentee, who takes the place of the pair's
 *   person in that role (who goes back to be paired)
 */
gboolean
pairings_board_swap (PairingsStore  *store,
                     gint64          pair_id,
                     gint64          application_id,
                     gboolean        confirmed,
                     GError        **error)
{
  g_auto(Application) person = { 0, };
  g_auto(Application) mentor = { 0, };
  g_auto(Application) mentee = { 0, };
  SwapData data = { pair_id, &person };
  gint64 mentor_id, mentee_id;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  mentor_id = query_count (store, "SELECT mentor_application_id FROM pairs WHERE id = ?", pair_id, 0);
  mentee_id = query_count (store, "SELECT mentee_application_id FROM pairs WHERE id = ?", pair_id, 0);
  if (mentor_id == 0)
    {
      g_set_error (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_INVALID, _("The pair no longer exists"));
      return FALSE;
    }
  if (!get_application (store, application_id, &person, error))
    return FALSE;
  if (application_id == mentor_id || application_id == mentee_id)
    return TRUE;
  if (!get_application (store, person.role == PAIRINGS_ROLE_MENTOR ? application_id : mentor_id, &mentor, error) ||
      !get_application (store, person.role == PAIRINGS_ROLE_MENTEE ? application_id : mentee_id, &mentee, error) ||
      !check_pair (store, &mentor, &mentee, pair_id, confirmed, error))
    return FALSE;
  return run (store, person.cohort_id, stages_of (store, &pair_id, 1), "swap", do_swap, &data, FALSE, error);
}

/* Pin -------------------------------------------------------------------------- */

typedef struct
{
  MoveData move;
  gboolean pinned;
} PinData;

static gboolean
do_pin (PairingsStore *store,
        gpointer       data,
        Placement     *placement,
        GError       **error)
{
  PinData *d = data;
  sqlite3_stmt *stmt = _pairings_store_prepare (store, "UPDATE pairs SET locked = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < d->move.n; i++)
    {
      sqlite3_bind_int (stmt, 1, d->pinned ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, d->move.ids[i]);
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/** pairings_board_set_pinned: a pinned pair stays when pairs are suggested again */
gboolean
pairings_board_set_pinned (PairingsStore  *store,
                           const gint64   *pair_ids,
                           guint           n_pairs,
                           gboolean        pinned,
                           GError        **error)
{
  PinData data = { { 0, pair_ids, n_pairs, 0, -1, ALL_STAGES }, pinned };

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  data.move.cohort_id = pairs_cohort (store, pair_ids, n_pairs, error);
  return data.move.cohort_id != 0 &&
         run (store, data.move.cohort_id, stages_of (store, pair_ids, n_pairs), pinned ? "pin" : "unpin",
              do_pin, &data, FALSE, error);
}

/* Undo and redo ---------------------------------------------------------------- */

/**
 * _pairings_board_replay:
 * @to_json: the event's rows to put back ("pairs" of before, to undo)
 * @from_json: the other side's rows
 *
 * Pairs in @from_json but not in @to_json are deleted, the others are
 * written as @to_json has them (updated in place, so that what hangs on a
 * pair, its agreement, stays). Runs inside the caller's transaction.
 */
gboolean
_pairings_board_replay (PairingsStore  *store,
                        const char     *to_json,
                        const char     *from_json,
                        GError        **error)
{
  static const char remove[] =
    "DELETE FROM pairs WHERE id IN (SELECT json_extract(value, '$.id') FROM json_each(?2, '$.pairs'))"
    " AND id NOT IN (SELECT json_extract(value, '$.id') FROM json_each(?1, '$.pairs'))";
  static const char rows[] =
    "SELECT json_extract(value, '$.id'), json_extract(value, '$.cohort_id'),"
    " json_extract(value, '$.mentor_application_id'), json_extract(value, '$.mentee_application_id'),"
    " json_extract(value, '$.stage'), json_extract(value, '$.position'), json_extract(value, '$.score'),"
    " json_extract(value, '$.locked'), json_extract(value, '$.outcome'), json_extract(value, '$.end_reason'),"
    " json_extract(value, '$.continues_from'), json_extract(value, '$.created_at')"
    " FROM json_each(?1, '$.pairs')";
  static const char update[] =
    "UPDATE pairs SET cohort_id = ?2, mentor_application_id = ?3, mentee_application_id = ?4, stage = ?5,"
    " position = ?6, score = ?7, locked = ?8, outcome = ?9, end_reason = ?10, continues_from = ?11,"
    " created_at = ?12 WHERE id = ?1";
  static const char insert[] =
    "INSERT INTO pairs (id, cohort_id, mentor_application_id, mentee_application_id, stage, position, score,"
    " locked, outcome, end_reason, continues_from, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11, ?12)";
  sqlite3 *db = _pairings_store_get_db (store);
  sqlite3_stmt *stmt, *each, *write;
  int rc;

  /* Pairs that the other side has and this one has not: gone. */
  stmt = _pairings_store_prepare (store, remove, error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1, to_json);
  _pairings_store_bind_text (stmt, 2, from_json);
  if (!_pairings_store_step_done (store, stmt, error))
    return FALSE;

  /* Every row of this side, written in place (an update keeps what hangs on
   * the pair, its agreement), or added back. One pass over the rows. */
  each = _pairings_store_prepare (store, rows, error);
  if (each == NULL)
    return FALSE;
  _pairings_store_bind_text (each, 1, to_json);
  while ((rc = sqlite3_step (each)) == SQLITE_ROW)
    {
      gboolean ok;

      write = _pairings_store_prepare (store, update, error);
      if (write == NULL)
        break;
      for (int c = 0; c < 12; c++)
        sqlite3_bind_value (write, c + 1, sqlite3_column_value (each, c));
      ok = _pairings_store_step_done (store, write, error);
      if (ok && sqlite3_changes (db) == 0)
        {
          write = _pairings_store_prepare (store, insert, error);
          if (write == NULL)
            break;
          for (int c = 0; c < 12; c++)
            sqlite3_bind_value (write, c + 1, sqlite3_column_value (each, c));
          ok = _pairings_store_step_done (store, write, error);
        }
      if (!ok)
        {
          sqlite3_reset (each);
          return FALSE;
        }
    }
  sqlite3_reset (each);
  if (rc != SQLITE_DONE)
    {
      if (error != NULL && *error == NULL)
        _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

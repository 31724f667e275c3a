/* pairings-privacy.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both operations run with PRAGMA secure_delete on, inside one
 * transaction, so the bytes they remove are overwritten with zeros in the
 * same commit that removes them: there is no moment, not even after a crash,
 * when the deletion is committed and the old text still sits in a free
 * page. (A VACUUM afterwards would do the same, but only after the commit,
 * outside the transaction, and it rewrites the whole file.) A checkpoint
 * then empties the write-ahead log, which holds older copies of the pages.
 *
 * The event log keeps snapshots of rows as JSON for undo. An entry is
 * scrubbed, not kept as it was: every value that names the person (their
 * e-mail or name in a text, the id of one of their applications, pairs or
 * of their people row under a key that holds such ids) is found with
 * json_tree(), and the nearest enclosing array element is removed from
 * the JSON; an entry whose top level is about them is deleted.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-privacy.h"
#include "pairings-store-private.h"

typedef struct
{
  GHashTable *applications;  /* gint64 ids */
  GHashTable *pairs;
  GHashTable *people;
  GPtrArray  *needles;       /* case-folded texts that identify */
} Traces;

static void
traces_clear (Traces *traces)
{
  g_clear_pointer (&traces->applications, g_hash_table_unref);
  g_clear_pointer (&traces->pairs, g_hash_table_unref);
  g_clear_pointer (&traces->people, g_hash_table_unref);
  g_clear_pointer (&traces->needles, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Traces, traces_clear)

static void
traces_init (Traces *traces)
{
  traces->applications = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  traces->pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  traces->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  traces->needles = g_ptr_array_new_with_free_func (g_free);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static gboolean
id_set_has (GHashTable *set,
            gint64      id)
{
  return g_hash_table_contains (set, &id);
}

/* Names shorter than this would match unrelated words. */
#define MIN_NEEDLE 3

static void
traces_add_needle (Traces     *traces,
                   const char *text)
{
  char *folded;

  if (text == NULL || g_utf8_strlen (text, -1) < MIN_NEEDLE)
    return;
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < traces->needles->len; i++)
    if (g_str_equal (g_ptr_array_index (traces->needles, i), folded))
      {
        g_free (folded);
        return;
      }
  g_ptr_array_add (traces->needles, folded);
}

/* Runs @sql with ?1 bound to @id and adds the first column of every row to
 * @set (ids) or, with @set NULL, to the needles (texts). */
static gboolean
collect (PairingsStore  *store,
         const char     *sql,
         gint64          id,
         Traces         *traces,
         GHashTable     *set,
         GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (set != NULL)
        id_set_add (set, sqlite3_column_int64 (stmt, 0));
      else
        traces_add_needle (traces, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Scrubbing the event log ------------------------------------------------------ */

typedef struct
{
  gint64      id;
  gint64      parent;
  char       *key;       /* NULL for an array element or the root */
  char       *type;
  char       *fullpath;
  gint64      number;
  char       *text;
} Node;

static void
node_clear (gpointer data)
{
  Node *node = data;

  g_free (node->key);
  g_free (node->type);
  g_free (node->fullpath);
  g_free (node->text);
}

static const char * const application_keys[] = {
  "application_id", "mentor_application_id", "mentee_application_id", "created_applications",
  "mentor", "mentee", "alternative_id", NULL
};
static const char * const people_keys[] = { "person_id", "created_people", NULL };
static const char * const pair_keys[] = { "pair_id", NULL };
/* An "id" next to one of these is a pair's. */
static const char * const pair_siblings[] = { "mentor_application_id", "outcome", "stage", "mentee", NULL };
/* An "id" next to one of these is a goal's, a check-in's, an answer's:
 * the pair or application around it decides. */
static const char * const other_siblings[] = { "text", "date", "question", "reviewer", "criterion", NULL };

static gboolean
has_sibling (GHashTable         *children,
             const Node         *node,
             const char * const *keys)
{
  GHashTable *siblings = g_hash_table_lookup (children, &node->parent);

  for (guint i = 0; siblings != NULL && keys[i] != NULL; i++)
    if (g_hash_table_contains (siblings, keys[i]))
      return TRUE;
  return FALSE;
}

static gboolean
mentions_id (const Traces *traces,
             GHashTable   *children,
             const Node   *node,
             const char   *key)
{
  if (key == NULL)
    return FALSE;
  if (g_strv_contains (application_keys, key))
    return id_set_has (traces->applications, node->number);
  if (g_strv_contains (people_keys, key))
    return id_set_has (traces->people, node->number);
  if (g_strv_contains (pair_keys, key))
    return id_set_has (traces->pairs, node->number);
  if (!g_str_equal (key, "id") || has_sibling (children, node, other_siblings))
    return FALSE;
  if (has_sibling (children, node, pair_siblings))
    return id_set_has (traces->pairs, node->number);
  return id_set_has (traces->applications, node->number);
}

static gboolean
mentions_text (const Traces *traces,
               const char   *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || traces->needles->len == 0)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < traces->needles->len; i++)
    if (strstr (folded, g_ptr_array_index (traces->needles, i)) != NULL)
      return TRUE;
  return FALSE;
}

static GArray *
read_tree (PairingsStore  *store,
           const char     *json,
           GError        **error)
{
  GArray *nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (nodes, node_clear);
  stmt = _pairings_store_prepare (store,
                                  "SELECT id, parent, CASE WHEN typeof(key) = 'text' THEN key END,"
                                  " type, fullkey, atom FROM json_tree(?)",
                                  error);
  if (stmt == NULL)
    {
      g_array_unref (nodes);
      return NULL;
    }
  _pairings_store_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Node node = { 0 };

      node.id = sqlite3_column_int64 (stmt, 0);
      node.parent = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1);
      node.key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      node.type = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      node.fullpath = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      node.number = sqlite3_column_int64 (stmt, 5);
      node.text = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (nodes, node);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      g_array_unref (nodes);
      return NULL;
    }
  return nodes;
}

static gint
compare_offsets_descending (gconstpointer a,
                            gconstpointer b)
{
  const Node *x = *(Node * const *) a;
  const Node *y = *(Node * const *) b;

  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Finds the array elements of @nodes that mention the traces. Returns
 * FALSE when the top level itself does (the whole entry must go). */
static gboolean
find_removals (const Traces *traces,
               GArray       *nodes,
               GPtrArray    *removals)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) chosen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);
      GHashTable *keys;

      g_hash_table_insert (by_id, &node->id, node);
      if (node->key == NULL || node->parent < 0)
        continue;
      keys = g_hash_table_lookup (children, &node->parent);
      if (keys == NULL)
        {
          Node *parent = g_hash_table_lookup (by_id, &node->parent);

          keys = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (children, &parent->id, keys);
        }
      g_hash_table_add (keys, node->key);
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);
      Node *parent = node->parent < 0 ? NULL : g_hash_table_lookup (by_id, &node->parent);
      gboolean mentioned = FALSE;

      if (g_str_equal (node->type, "text"))
        mentioned = mentions_text (traces, node->text);
      else if (g_str_equal (node->type, "integer"))
        mentioned = mentions_id (traces, children, node,
                                 node->key ? node->key : parent ? parent->key : NULL);
      if (!mentioned)
        continue;

      /* Up to the element of an array that holds the mention. */
      while (parent != NULL && !g_str_equal (parent->type, "array"))
        {
          node = parent;
          parent = node->parent < 0 ? NULL : g_hash_table_lookup (by_id, &node->parent);
        }
      if (parent == NULL)
        return FALSE;
      g_hash_table_add (chosen, node);
    }

  /* An element inside another that goes anyway is left alone; the others
   * are removed from the end, so that earlier paths stay valid. */
  g_hash_table_iter_init (&iter, chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Node *node = key;
      gboolean inside = FALSE;

      for (Node *up = g_hash_table_lookup (by_id, &node->parent);
           up != NULL && !inside;
           up = up->parent < 0 ? NULL : g_hash_table_lookup (by_id, &up->parent))
        inside = g_hash_table_contains (chosen, up);
      if (!inside)
        g_ptr_array_add (removals, node);
    }
  g_ptr_array_sort (removals, compare_offsets_descending);
  return TRUE;
}

typedef enum
{
  SCRUB_UNCHANGED,
  SCRUB_CHANGED,
  SCRUB_DELETE,
  SCRUB_FAILED,
} ScrubResult;

/* Rewrites @json (in place) without the mentions of the traces. */
static ScrubResult
scrub_json (PairingsStore  *store,
            const Traces   *traces,
            char          **json,
            GError        **error)
{
  g_autoptr(GPtrArray) removals = g_ptr_array_new ();
  g_autoptr(GArray) nodes = NULL;

  if (*json == NULL)
    return SCRUB_UNCHANGED;
  nodes = read_tree (store, *json, error);
  if (nodes == NULL)
    return SCRUB_FAILED;
  if (!find_removals (traces, nodes, removals))
    return SCRUB_DELETE;
  if (removals->len == 0)
    return SCRUB_UNCHANGED;

  for (guint i = 0; i < removals->len; i++)
    {
      Node *node = g_ptr_array_index (removals, i);
      sqlite3_stmt *stmt = _pairings_store_prepare (store, "SELECT json_remove(?, ?)", error);
      char *scrubbed = NULL;

      if (stmt == NULL)
        return SCRUB_FAILED;
      _pairings_store_bind_text (stmt, 1, *json);
      _pairings_store_bind_text (stmt, 2, node->fullpath);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        scrubbed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (scrubbed == NULL)
        {
          _pairings_store_set_error (store, sqlite3_errcode (_pairings_store_get_db (store)), error);
          return SCRUB_FAILED;
        }
      g_free (*json);
      *json = scrubbed;
    }
  return SCRUB_CHANGED;
}

static gboolean
entity_is_traced (const Traces *traces,
                  const char   *entity,
                  gint64        entity_id)
{
  if (g_strcmp0 (entity, "application") == 0)
    return id_set_has (traces->applications, entity_id);
  if (g_strcmp0 (entity, "pair") == 0)
    return id_set_has (traces->pairs, entity_id);
  if (g_strcmp0 (entity, "person") == 0)
    return id_set_has (traces->people, entity_id);
  return FALSE;
}

typedef struct
{
  gint64     id;
  ScrubResult result;
  char      *before;
  char      *after;
} EventChange;

static void
event_change_clear (gpointer data)
{
  EventChange *change = data;

  g_free (change->before);
  g_free (change->after);
}

static ScrubResult
merge (ScrubResult a,
       ScrubResult b)
{
  return MAX (a, b);
}

/* The events that mention the traces, each with what it becomes. */
static GArray *
scan_events (PairingsStore  *store,
             const Traces   *traces,
             GError        **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (EventChange));
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (EventChange));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (changes, event_change_clear);
  g_array_set_clear_func (all, event_change_clear);
  stmt = _pairings_store_prepare (store, "SELECT id, entity, entity_id, before, after FROM events", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EventChange change = { 0 };

      change.id = sqlite3_column_int64 (stmt, 0);
      change.result = entity_is_traced (traces, (const char *) sqlite3_column_text (stmt, 1),
                                        sqlite3_column_int64 (stmt, 2))
                      ? SCRUB_DELETE : SCRUB_UNCHANGED;
      change.before = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      change.after = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_array_append_val (all, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return NULL;
    }

  /* json_tree() needs the statement above finished: it is cached. */
  for (guint i = 0; i < all->len; i++)
    {
      EventChange *change = &g_array_index (all, EventChange, i);

      if (change->result != SCRUB_DELETE)
        change->result = scrub_json (store, traces, &change->before, error);
      if (change->result != SCRUB_DELETE && change->result != SCRUB_FAILED)
        change->result = merge (change->result, scrub_json (store, traces, &change->after, error));
      if (change->result == SCRUB_FAILED)
        return NULL;
      if (change->result != SCRUB_UNCHANGED)
        {
          g_array_append_val (changes, *change);
          memset (change, 0, sizeof *change);
        }
    }
  return g_steal_pointer (&changes);
}

static gboolean
apply_event_changes (PairingsStore  *store,
                     GArray         *changes,
                     GError        **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      EventChange *change = &g_array_index (changes, EventChange, i);
      sqlite3_stmt *stmt;

      if (change->result == SCRUB_DELETE)
        stmt = _pairings_store_prepare (store, "DELETE FROM events WHERE id = ?1", error);
      else
        stmt = _pairings_store_prepare (store, "UPDATE events SET before = ?2, after = ?3 WHERE id = ?1",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->id);
      if (change->result != SCRUB_DELETE)
        {
          _pairings_store_bind_text (stmt, 2, change->before);
          _pairings_store_bind_text (stmt, 3, change->after);
        }
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scrub_events (PairingsStore  *store,
              const Traces   *traces,
              GError        **error)
{
  g_autoptr(GArray) changes = scan_events (store, traces, error);

  return changes != NULL && apply_event_changes (store, changes, error);
}

/* Running it ----------------------------------------------------------------- */

static gboolean
run_statements (PairingsStore       *store,
                const char * const  *statements,
                gint64               id,
                GError             **error)
{
  for (guint i = 0; statements[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = _pairings_store_prepare (store, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
begin_secure (PairingsStore  *store,
              GError        **error)
{
  if (_pairings_store_in_transaction (store))
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_BUSY,
                   _("Another change is under way; try again when it is done"));
      return FALSE;
    }
  return _pairings_store_exec (store, "PRAGMA secure_delete = ON", error) &&
         _pairings_store_begin (store, error);
}

static gboolean
finish_secure (PairingsStore  *store,
               gboolean        ok,
               GError        **error)
{
  if (ok)
    ok = _pairings_store_commit (store, error);
  else
    _pairings_store_rollback (store);
  /* The log holds older copies of the pages; another reader may keep it
   * from being emptied now, and SQLite then empties it later. */
  if (ok)
    sqlite3_exec (_pairings_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_exec (_pairings_store_get_db (store), "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
  return ok;
}

static gint64
count (PairingsStore *store,
       const char    *sql,
       gint64         id)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
pairings_privacy_summary_free (PairingsPrivacySummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary->email);
  g_free (summary);
}

/* Deleting a person ------------------------------------------------------------ */

static gint64
find_person (PairingsStore  *store,
             const char     *who,
             GError        **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  char *end = NULL;
  gint64 number;

  if (who == NULL || *who == '\0')
    {
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID, _("Give an e-mail address"));
      return 0;
    }
  number = g_ascii_strtoll (who, &end, 10);
  stmt = _pairings_store_prepare (store, "SELECT id FROM people WHERE email_key = ?1 OR id = ?2", error);
  if (stmt == NULL)
    return 0;
  key = pairings_email_key (who);
  _pairings_store_bind_text (stmt, 1, key ? key : "");
  sqlite3_bind_int64 (stmt, 2, end != NULL && *end == '\0' ? number : 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND,
                 _("No one with the e-mail address “%s”"), who);
  return id;
}

static const char person_applications_sql[] = "SELECT id FROM applications WHERE person_id = ?1";
static const char person_pairs_sql[] =
  "SELECT id FROM pairs WHERE mentor_application_id IN (SELECT id FROM applications WHERE person_id = ?1)"
  " OR mentee_application_id IN (SELECT id FROM applications WHERE person_id = ?1)";

static gboolean
person_traces (PairingsStore  *store,
               gint64          person_id,
               Traces         *traces,
               GError        **error)
{
  traces_init (traces);
  id_set_add (traces->people, person_id);
  return collect (store, person_applications_sql, person_id, traces, traces->applications, error) &&
         collect (store, person_pairs_sql, person_id, traces, traces->pairs, error) &&
         collect (store, "SELECT email FROM people WHERE id = ?1 UNION SELECT email_key FROM people"
                  " WHERE id = ?1 UNION SELECT name FROM people WHERE id = ?1"
                  " UNION SELECT name FROM applications WHERE person_id = ?1",
                  person_id, traces, NULL, error);
}

PairingsPrivacySummary *
pairings_privacy_describe_person (PairingsStore  *store,
                                  const char     *who,
                                  GError        **error)
{
  PairingsPrivacySummary *summary;
  g_auto(Traces) traces = { 0 };
  g_autoptr(GArray) changes = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  id = find_person (store, who, error);
  if (id == 0 || !person_traces (store, id, &traces, error))
    return NULL;
  changes = scan_events (store, &traces, error);
  if (changes == NULL)
    return NULL;

  stmt = _pairings_store_prepare (store, "SELECT name, email FROM people WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  summary = g_new0 (PairingsPrivacySummary, 1);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      summary->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      summary->email = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  summary->people = 1;
  summary->applications = g_hash_table_size (traces.applications);
  summary->pairs = g_hash_table_size (traces.pairs);
  summary->events = changes->len;
  summary->cohorts = count (store, "SELECT count(DISTINCT cohort_id) FROM applications WHERE person_id = ?", id);
  summary->reviews = count (store, "SELECT count(*) FROM reviews WHERE application_id IN"
                            " (SELECT id FROM applications WHERE person_id = ?)", id);
  summary->evaluations = count (store, "SELECT count(*) FROM evaluations WHERE application_id IN"
                                " (SELECT id FROM applications WHERE person_id = ?)", id);
  return summary;
}

/* The foreign keys cascade the same way; the order is written out so that
 * nothing depends on PRAGMA foreign_keys being on. */
static const char * const delete_person_sql[] = {
  "DELETE FROM evaluations WHERE application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM pairs WHERE mentor_application_id IN (SELECT id FROM applications WHERE person_id = ?1)"
  " OR mentee_application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM exclusions WHERE mentor_application_id IN (SELECT id FROM applications WHERE person_id = ?1)"
  " OR mentee_application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM reviews WHERE application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM confidential_answers WHERE application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM confidential_before WHERE application_id IN (SELECT id FROM applications WHERE person_id = ?1)",
  "DELETE FROM applications WHERE person_id = ?1",
  "DELETE FROM people WHERE id = ?1",
  NULL
};

gboolean
pairings_privacy_delete_person (PairingsStore  *store,
                                const char     *who,
                                GError        **error)
{
  g_auto(Traces) traces = { 0 };
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  id = find_person (store, who, error);
  if (id == 0 || !begin_secure (store, error))
    return FALSE;
  /* Orphaned goals, check-ins and agreements go with their pairs. */
  ok = person_traces (store, id, &traces, error) &&
       scrub_events (store, &traces, error) &&
       run_statements (store, delete_person_sql, id, error) &&
       _pairings_store_log_event (store, "delete_person", "person", 0, NULL, NULL, error);
  return finish_secure (store, ok, error);
}

/* Anonymising a cohort ------------------------------------------------------------ */

static gboolean
check_closed (PairingsStore  *store,
              gint64          cohort_id,
              GError        **error)
{
  sqlite3_stmt *stmt = _pairings_store_prepare (store,
                                                "SELECT name, coalesce(ends, ''),"
                                                " coalesce(ends, '') >= date('now', 'localtime')"
                                                " FROM cohorts WHERE id = ?",
                                                error);
  g_autofree char *name = NULL;
  g_autofree char *ends = NULL;
  gboolean open = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ends = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      open = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (name == NULL)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_NOT_FOUND, _("The cohort no longer exists"));
  else if (*ends == '\0')
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                 _("The cohort “%s” has no end date: only a cohort that has ended can be anonymised"), name);
  else if (open)
    g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_INVALID,
                 _("The cohort “%s” ends on %s: only a cohort that has ended can be anonymised"), name, ends);
  else
    return TRUE;
  return FALSE;
}

/* People who applied in no other cohort lose their names; the others keep
 * them there, and are told apart here. */
#define ONLY_HERE_SQL \
  "SELECT DISTINCT person_id FROM applications a WHERE cohort_id = ?1 AND NOT EXISTS" \
  " (SELECT 1 FROM applications b WHERE b.person_id = a.person_id AND b.cohort_id <> ?1)"

static gboolean
cohort_traces (PairingsStore  *store,
               gint64          cohort_id,
               Traces         *traces,
               GError        **error)
{
  traces_init (traces);
  return collect (store, "SELECT id FROM applications WHERE cohort_id = ?1", cohort_id, traces,
                  traces->applications, error) &&
         collect (store, "SELECT id FROM pairs WHERE cohort_id = ?1", cohort_id, traces, traces->pairs, error) &&
         collect (store, ONLY_HERE_SQL, cohort_id, traces, traces->people, error) &&
         collect (store, "WITH here AS (" ONLY_HERE_SQL ")"
                  " SELECT email FROM people WHERE id IN here UNION SELECT name FROM people WHERE id IN here"
                  " UNION SELECT name FROM applications WHERE cohort_id = ?1 AND person_id IN here",
                  cohort_id, traces, NULL, error);
}

PairingsPrivacySummary *
pairings_privacy_describe_cohort (PairingsStore  *store,
                                  gint64          cohort_id,
                                  GError        **error)
{
  PairingsPrivacySummary *summary;
  g_auto(Traces) traces = { 0 };
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  if (!check_closed (store, cohort_id, error) || !cohort_traces (store, cohort_id, &traces, error))
    return NULL;
  changes = scan_events (store, &traces, error);
  if (changes == NULL)
    return NULL;

  summary = g_new0 (PairingsPrivacySummary, 1);
  summary->cohorts = 1;
  summary->applications = g_hash_table_size (traces.applications);
  summary->pairs = g_hash_table_size (traces.pairs);
  summary->events = changes->len;
  summary->people = count (store, "SELECT count(DISTINCT person_id) FROM applications WHERE cohort_id = ?",
                           cohort_id);
  summary->reviews = count (store, "SELECT count(*) FROM reviews WHERE application_id IN"
                            " (SELECT id FROM applications WHERE cohort_id = ?)", cohort_id);
  summary->evaluations = count (store, "SELECT count(*) FROM evaluations WHERE cohort_id = ?", cohort_id);
  return summary;
}

/* What could identify someone goes; what the charts count stays. */
static const char * const anonymise_sql[] = {
  "UPDATE applications SET motivation = '', answers = '{}' WHERE cohort_id = ?1",
  "DELETE FROM confidential_answers WHERE application_id IN (SELECT id FROM applications WHERE cohort_id = ?1)",
  "DELETE FROM confidential_before WHERE application_id IN (SELECT id FROM applications WHERE cohort_id = ?1)",
  "UPDATE reviews SET note = '' WHERE application_id IN (SELECT id FROM applications WHERE cohort_id = ?1)",
  "UPDATE exclusions SET reason = '' WHERE mentee_application_id IN"
  " (SELECT id FROM applications WHERE cohort_id = ?1)",
  "UPDATE pairs SET end_reason = '' WHERE cohort_id = ?1",
  "UPDATE goals SET text = '' WHERE pair_id IN (SELECT id FROM pairs WHERE cohort_id = ?1)",
  "UPDATE check_ins SET note = '' WHERE pair_id IN (SELECT id FROM pairs WHERE cohort_id = ?1)",
  "UPDATE agreements SET contact = '', expectations = '' WHERE pair_id IN"
  " (SELECT id FROM pairs WHERE cohort_id = ?1)",
  "UPDATE evaluations SET answer = '' WHERE cohort_id = ?1",
  NULL
};

static gboolean
rename_applications (PairingsStore  *store,
                     gint64          cohort_id,
                     GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) roles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt;
  guint mentors = 0, mentees = 0;
  int rc;

  stmt = _pairings_store_prepare (store, "SELECT id, role = 'mentor' FROM applications WHERE cohort_id = ?"
                                  " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean mentor = sqlite3_column_int (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (roles, mentor);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gboolean mentor = g_array_index (roles, gboolean, i);
      /* Translators: the name an anonymised application gets */
      g_autofree char *name = mentor ? g_strdup_printf (_("Mentor %u"), ++mentors)
                                     : g_strdup_printf (_("Mentee %u"), ++mentees);

      stmt = _pairings_store_prepare (store, "UPDATE applications SET name = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _pairings_store_bind_text (stmt, 1, name);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
anonymous_address (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("anonymous-%s@invalid", uuid);
}

/* Each person gets a fresh anonymous row: one who applied only here is
 * overwritten, one who applied elsewhere too leaves this cohort's
 * applications to a new row. */
static gboolean
replace_people (PairingsStore  *store,
                gint64          cohort_id,
                const Traces   *traces,
                GError        **error)
{
  g_autoptr(GHashTable) everyone = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  if (!collect (store, "SELECT DISTINCT person_id FROM applications WHERE cohort_id = ?1", cohort_id,
                NULL, everyone, error))
    return FALSE;

  g_hash_table_iter_init (&iter, everyone);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 person_id = *(gint64 *) key;
      g_autofree char *address = anonymous_address ();
      const char *sql;
      sqlite3_stmt *stmt;

      if (id_set_has (traces->people, person_id))
        sql = "UPDATE people SET email = ?1, email_key = ?1, name = ?2 WHERE id = ?3";
      else
        sql = "INSERT INTO people (email, email_key, name) VALUES (?1, ?1, ?2)";
      stmt = _pairings_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      _pairings_store_bind_text (stmt, 1, address);
      _pairings_store_bind_text (stmt, 2, _("Anonymous"));
      if (id_set_has (traces->people, person_id))
        sqlite3_bind_int64 (stmt, 3, person_id);
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
      if (id_set_has (traces->people, person_id))
        continue;

      stmt = _pairings_store_prepare (store, "UPDATE applications SET person_id = ?1"
                                      " WHERE cohort_id = ?2 AND person_id = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (_pairings_store_get_db (store)));
      sqlite3_bind_int64 (stmt, 2, cohort_id);
      sqlite3_bind_int64 (stmt, 3, person_id);
      if (!_pairings_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pairings_privacy_anonymise_cohort (PairingsStore  *store,
                                   gint64          cohort_id,
                                   GError        **error)
{
  g_auto(Traces) traces = { 0 };
  gboolean ok;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);

  if (!check_closed (store, cohort_id, error) || !begin_secure (store, error))
    return FALSE;
  ok = cohort_traces (store, cohort_id, &traces, error) &&
       scrub_events (store, &traces, error) &&
       run_statements (store, anonymise_sql, cohort_id, error) &&
       rename_applications (store, cohort_id, error) &&
       replace_people (store, cohort_id, &traces, error) &&
       _pairings_store_log_event (store, "anonymise", "cohort", cohort_id, NULL, NULL, error);
  return finish_secure (store, ok, error);
}

/* pairings-application-list.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cohort's applications as a GListModel that makes objects only for the
 * rows that are shown. Loading reads one compact entry per application
 * (what the filters, the sort and the search need, with the searchable
 * text folded once); the view is an array of entry indexes, filtered and
 * sorted in C. get_item() makes a summary PairingsApplication from the
 * entry the first time a row is asked for, borrowing the entry's texts (no
 * copy, no query), and keeps it: GTK 4.8's list views, after a change to
 * the whole list (a sort, a filter), ask for every row's item to find the
 * rows they already show, so asking must cost next to nothing. (Paging
 * objects from SQLite made that 1,500 queries per sort on 99,000 rows;
 * making a fresh object each time, 150 ms.) The detail of an application is read on its own
 * (pairings_store_get_application()). A change to some applications
 * (refresh) reads those again and moves only their rows, with
 * items-changed for those rows.
 */

#include "config.h"

#include <string.h>

#include "pairings-application-list.h"
#include "pairings-application-private.h"
#include "pairings-json.h"
#include "pairings-store-private.h"


/* The texts of the entries, kept alive by the list and by every summary
 * object that borrows them. */
typedef struct
{
  gatomicrefcount  ref;
  GStringChunk    *chunk;
  GHashTable      *types;       /* mentoring types JSON → Types */
  GArray          *entries;     /* the list's entries while it uses these texts, else NULL */
} Texts;

typedef struct
{
  gint64       id;
  gint64       person;
  PairingsApplication *object; /* the object made for it, kept (a reference) */
  const char  *name;          /* in the list's string chunk */
  const char  *institution;
  const char  *location;
  const char  *submitted;
  const char  *types_text;    /* "a; b" */
  const char  *folded;        /* name, e-mail, institution, motivation, case-folded */
  char       **types;         /* shared, owned by the list's types table */
  float        mean;          /* < 0 without a score */
  guint        count;
  guint8       role;
  guint8       status;
  guint8       stage;
  guint8       returning;
  gboolean     gone;          /* deleted since the list was loaded */
} Entry;

struct _PairingsApplicationList
{
  GObject                  parent_instance;

  PairingsStore           *store;
  gint64                   cohort_id;

  GArray                  *entries;     /* Entry */
  GHashTable              *index;       /* id (gint64 *) → entry index + 1 */
  Texts                   *texts;
  GArray                  *view;        /* guint entry indexes, in order */
  const char             **keys[PAIRINGS_APPLICATION_N_SORTS];  /* collation keys */
  guint32                 *ranks[PAIRINGS_APPLICATION_N_SORTS]; /* order of the keys, by entry */
  PairingsApplicationSort  ranking;     /* the column ensure_ranks() is sorting */
  GStringChunk            *key_strings;
  GHashTable              *returning;   /* ids of people who applied to an earlier cohort */

  PairingsApplicationSort  sort;
  gboolean                 descending;

  int                      role;
  int                      status;
  int                      career_stage;
  char                    *mentoring_type;
  gboolean                 returning_only;
  GHashTable              *exclude;
  char                    *needle;      /* folded search, NULL for none */
  gint64                   searchable;  /* the texts to search are read up to this id */
  gboolean                 search_ready;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PairingsApplicationList, pairings_application_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Text --------------------------------------------------------------------------- */

static inline char
ascii_lower (char c)
{
  return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Appends @text case-folded: lowered in the same pass as it is copied
 * while it is ASCII (the usual case, and what g_utf8_casefold() gives for
 * ASCII), by g_utf8_casefold() from the first other character on. */
static void
append_folded (GString    *out,
               const char *text)
{
  gsize start = out->len;
  const char *p;
  char *dest;

  if (text == NULL)
    return;
  g_string_set_size (out, start + strlen (text));
  dest = out->str + start;
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    *dest++ = ascii_lower (*p);
  if (*p != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (p, -1);

      g_string_truncate (out, (gsize) (dest - out->str));
      g_string_append (out, folded);
    }
}

/**
 * pairings_search_fold:
 * @text: (nullable): UTF-8 text
 *
 * @text as the list's search sees it: case-folded (g_utf8_casefold(),
 * "É" as "é", "ß" as "ss"); accents still count. A search matches when the
 * folded needle is a substring of it.
 *
 * Returns: (transfer full): the folded text
 */
char *
pairings_search_fold (const char *text)
{
  GString *folded = g_string_new (NULL);

  append_folded (folded, text);
  return g_string_free (folded, FALSE);
}

/**
 * pairings_sort_key:
 * @text: (nullable): UTF-8 text
 *
 * A key that sorts texts the way a reader expects in a list of names,
 * whatever their language: case and accents do not count (“Émile” sorts
 * with “emile”, before “Eric”), and strcmp() compares two keys. Letters
 * without a decomposition (ø, ł, ß) keep their own place after z. Unlike
 * g_utf8_collate_key() it does not depend on the locale, and it costs
 * little for ASCII text, which most names and institutions are.
 *
 * Returns: (transfer full): the key
 */
char *
pairings_sort_key (const char *text)
{
  GString *key;

  if (text == NULL)
    return g_strdup ("");
  if (is_ascii (text))
    {
      char *copy = g_strdup (text);
      for (char *p = copy; *p != '\0'; p++)
        *p = ascii_lower (*p);
      return copy;
    }

  /* Character by character: each letter's canonical decomposition without
   * its combining marks, in lower case (é → e, Ø stays ø). */
  key = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c;
      gsize n;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (key, ascii_lower (*p));
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;   /* not UTF-8: left out */
          continue;
        }
      p = g_utf8_next_char (p);
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        if (!g_unichar_ismark (decomposed[i]))
          g_string_append_unichar (key, g_unichar_tolower (decomposed[i]));
    }
  return g_string_free (key, FALSE);
}

/* Entries ------------------------------------------------------------------------- */

/* The columns of an entry; with SEARCH_COLUMNS, also those of its
 * searchable text (12 and 13), which a load leaves for later. */
#define ENTRY_SQL(columns, where) \
  "SELECT a.id, a.role, a.status, a.career_stage, a.name, a.institution, a.location," \
  "  a.mentoring_types, a.submitted_at, r.mean, coalesce(r.n, 0), a.person_id" columns \
  " FROM applications a" \
  " LEFT JOIN (SELECT application_id, avg(score) AS mean, count(*) AS n FROM reviews" \
  "            WHERE recused = 0 AND score IS NOT NULL " where " GROUP BY application_id) r" \
  "   ON r.application_id = a.id"
#define SEARCH_COLUMNS \
  ", (SELECT email FROM people p WHERE p.id = a.person_id), a.motivation"

static void
entry_clear (Entry *entry)
{
  entry->types = NULL;
  g_clear_object (&entry->object);
}

typedef struct
{
  char       **types;
  const char  *text;
} Types;

static void
types_free (gpointer data)
{
  Types *types = data;

  g_strfreev (types->types);
  g_free (types);
}

static Texts *
texts_new (GArray *entries)
{
  Texts *texts = g_new0 (Texts, 1);

  texts->entries = entries;
  g_atomic_ref_count_init (&texts->ref);
  texts->chunk = g_string_chunk_new (1024 * 1024);
  texts->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, types_free);
  return texts;
}

static void texts_unref (gpointer data);

/* A summary object goes (the list has let it go, and so has everyone
 * else): the texts lose a user. */
static void
release_summary (gpointer             owner,
                 guint                slot,
                 PairingsApplication *object)
{
  texts_unref (owner);
}

static gpointer
texts_ref (Texts *texts)
{
  g_atomic_ref_count_inc (&texts->ref);
  return texts;
}

static void
texts_unref (gpointer data)
{
  Texts *texts = data;

  if (!g_atomic_ref_count_dec (&texts->ref))
    return;
  g_string_chunk_free (texts->chunk);
  g_hash_table_unref (texts->types);
  g_free (texts);
}

/* A form's multi-select answers come in a few dozen combinations: each is
 * parsed and joined once. */
static Types *
intern_types (PairingsApplicationList *self,
              const char              *json)
{
  Types *types;

  if (json == NULL)
    json = "[]";
  types = g_hash_table_lookup (self->texts->types, json);
  if (types == NULL)
    {
      g_autofree char *joined = NULL;

      types = g_new0 (Types, 1);
      types->types = pairings_json_parse_strv (json);
      if (types->types == NULL)
        types->types = g_new0 (char *, 1);
      joined = g_strjoinv ("; ", types->types);
      types->text = g_string_chunk_insert (self->texts->chunk, joined);
      g_hash_table_insert (self->texts->types, g_strdup (json), types);
    }
  return types;
}

/* The searchable text of an entry: name, e-mail, institution and
 * motivation, case-folded, one per line. */
static void
set_folded (PairingsApplicationList *self,
            Entry                   *entry,
            const char              *email,
            const char              *motivation,
            GString                 *scratch)
{
  g_string_truncate (scratch, 0);
  append_folded (scratch, entry->name);
  g_string_append_c (scratch, '\n');
  append_folded (scratch, email);
  g_string_append_c (scratch, '\n');
  append_folded (scratch, entry->institution);
  g_string_append_c (scratch, '\n');
  append_folded (scratch, motivation);
  entry->folded = g_string_chunk_insert_len (self->texts->chunk, scratch->str, (gssize) scratch->len);
}

static void
read_entry (PairingsApplicationList *self,
            sqlite3_stmt            *stmt,
            Entry                   *entry,
            GString                 *scratch)
{
  const char *name = (const char *) sqlite3_column_text (stmt, 4);
  const char *institution = (const char *) sqlite3_column_text (stmt, 5);
  const char *location = (const char *) sqlite3_column_text (stmt, 6);
  const char *submitted = (const char *) sqlite3_column_text (stmt, 8);
  PairingsRole role = PAIRINGS_ROLE_MENTEE;
  PairingsStatus status = PAIRINGS_STATUS_SUBMITTED;
  PairingsCareerStage stage = PAIRINGS_CAREER_UNKNOWN;
  gint64 person;
  Types *types;

  entry_clear (entry);
  memset (entry, 0, sizeof *entry);
  entry->id = sqlite3_column_int64 (stmt, 0);
  pairings_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &role);
  pairings_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &status);
  pairings_career_stage_from_string ((const char *) sqlite3_column_text (stmt, 3), &stage);
  entry->role = (guint8) role;
  entry->status = (guint8) status;
  entry->stage = (guint8) stage;
  entry->name = g_string_chunk_insert (self->texts->chunk, name ? name : "");
  entry->institution = g_string_chunk_insert (self->texts->chunk, institution ? institution : "");
  entry->location = g_string_chunk_insert_const (self->texts->chunk, location ? location : "");
  types = intern_types (self, (const char *) sqlite3_column_text (stmt, 7));
  entry->types = types->types;
  entry->types_text = types->text;
  entry->submitted = submitted ? g_string_chunk_insert (self->texts->chunk, submitted) : "";
  entry->mean = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1.0f : (float) sqlite3_column_double (stmt, 9);
  entry->count = (guint) sqlite3_column_int (stmt, 10);
  person = sqlite3_column_int64 (stmt, 11);
  entry->person = person;
  entry->returning = g_hash_table_contains (self->returning, &person);
  if (sqlite3_column_count (stmt) > 13)
    set_folded (self, entry, (const char *) sqlite3_column_text (stmt, 12),
                (const char *) sqlite3_column_text (stmt, 13), scratch);
}

static void
clear_keys (PairingsApplicationList *self)
{
  for (guint c = 0; c < PAIRINGS_APPLICATION_N_SORTS; c++)
    {
      g_clear_pointer (&self->keys[c], g_free);
      g_clear_pointer (&self->ranks[c], g_free);
    }
  g_clear_pointer (&self->key_strings, g_string_chunk_free);
}

static const char *
entry_text (PairingsApplicationList *self,
            const Entry             *entry,
            PairingsApplicationSort  column)
{
  switch ((int) column)
    {
    case PAIRINGS_APPLICATION_SORT_INSTITUTION: return entry->institution;
    case PAIRINGS_APPLICATION_SORT_LOCATION:    return entry->location;
    case PAIRINGS_APPLICATION_SORT_TYPES:       return entry->types_text;
    default:                                    return entry->name;
    }
}

static void
make_key (PairingsApplicationList *self,
          PairingsApplicationSort  column,
          guint                    i)
{
  const char *text = entry_text (self, &g_array_index (self->entries, Entry, i), column);

  if (is_ascii (text))
    {
      char *key = g_string_chunk_insert (self->key_strings, text);

      for (char *p = key; *p != '\0'; p++)
        *p = ascii_lower (*p);
      self->keys[column][i] = key;
    }
  else
    {
      g_autofree char *key = pairings_sort_key (text);

      self->keys[column][i] = g_string_chunk_insert (self->key_strings, key);
    }
}

/* The keys of a text column, made when it is first sorted by. */
static void
ensure_keys (PairingsApplicationList *self,
             PairingsApplicationSort  column)
{
  if (column != PAIRINGS_APPLICATION_SORT_NAME && column != PAIRINGS_APPLICATION_SORT_INSTITUTION &&
      column != PAIRINGS_APPLICATION_SORT_LOCATION && column != PAIRINGS_APPLICATION_SORT_TYPES)
    return;
  if (self->key_strings == NULL)
    self->key_strings = g_string_chunk_new (64 * 1024);
  if (self->keys[column] != NULL)
    return;
  self->keys[column] = g_new0 (const char *, MAX (self->entries->len, 1));
  for (guint i = 0; i < self->entries->len; i++)
    make_key (self, column, i);
}

/* Order ------------------------------------------------------------------------ */

static gboolean
is_text_column (PairingsApplicationSort column)
{
  return column == PAIRINGS_APPLICATION_SORT_NAME || column == PAIRINGS_APPLICATION_SORT_INSTITUTION ||
         column == PAIRINGS_APPLICATION_SORT_LOCATION || column == PAIRINGS_APPLICATION_SORT_TYPES;
}

/* The usual order (role, name, id) from the keys themselves. */
static int
compare_default_keys (PairingsApplicationList *self,
                      guint                    a,
                      guint                    b)
{
  const Entry *x = &g_array_index (self->entries, Entry, a);
  const Entry *y = &g_array_index (self->entries, Entry, b);
  int c;

  if (x->role != y->role)
    return (int) x->role - (int) y->role;
  c = strcmp (self->keys[PAIRINGS_APPLICATION_SORT_NAME][a], self->keys[PAIRINGS_APPLICATION_SORT_NAME][b]);
  if (c != 0)
    return c;
  return (x->id > y->id) - (x->id < y->id);
}

static int
compare_default (PairingsApplicationList *self,
                 guint                    a,
                 guint                    b)
{
  guint32 *rank = self->ranks[PAIRINGS_APPLICATION_SORT_DEFAULT];

  if (rank != NULL)
    return (rank[a] > rank[b]) - (rank[a] < rank[b]);
  return compare_default_keys (self, a, b);
}

static int
compare_text (PairingsApplicationList *self,
              PairingsApplicationSort  column,
              guint                    a,
              guint                    b)
{
  guint32 *rank = self->ranks[column];

  if (rank != NULL)
    return (rank[a] > rank[b]) - (rank[a] < rank[b]);
  return strcmp (self->keys[column][a], self->keys[column][b]);
}

typedef struct
{
  guint64 prefix;   /* the key's first 8 bytes, big-endian: compared as strcmp() would */
  guint   index;
  guint8  role;
} RankItem;

static guint64
key_prefix (const char *key)
{
  guint64 prefix = 0;
  guint i;

  for (i = 0; i < 8 && key[i] != '\0'; i++)
    prefix = (prefix << 8) | (guchar) key[i];
  /* An empty key: shifting a 64-bit value by 64 is undefined. */
  return i == 0 ? 0 : prefix << (8 * (8 - i));
}

static int
compare_for_ranks (gconstpointer pa,
                   gconstpointer pb,
                   gpointer      user_data)
{
  PairingsApplicationList *self = user_data;
  const RankItem *x = pa, *y = pb;
  PairingsApplicationSort column = self->ranking == PAIRINGS_APPLICATION_SORT_DEFAULT
                                   ? PAIRINGS_APPLICATION_SORT_NAME : self->ranking;
  int c;

  if (self->ranking == PAIRINGS_APPLICATION_SORT_DEFAULT && x->role != y->role)
    return (int) x->role - (int) y->role;
  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  c = strcmp (self->keys[column][x->index], self->keys[column][y->index]);
  if (c != 0 || self->ranking != PAIRINGS_APPLICATION_SORT_DEFAULT)
    return c;
  return compare_default_keys (self, x->index, y->index);
}

/* Sorting compares numbers: each entry's rank in the order of a text
 * column's keys (equal keys, equal ranks), and in the usual order for the
 * ties. They are made by one sort on the keys (mostly on their first eight
 * bytes, as one number), when first needed, and dropped when an entry's
 * key changes. */
static void
ensure_ranks (PairingsApplicationList *self,
              PairingsApplicationSort  column)
{
  g_autofree RankItem *order = NULL;
  PairingsApplicationSort keyed = column == PAIRINGS_APPLICATION_SORT_DEFAULT
                                  ? PAIRINGS_APPLICATION_SORT_NAME : column;
  guint n = self->entries->len;
  guint32 rank = 0;

  if ((column != PAIRINGS_APPLICATION_SORT_DEFAULT && !is_text_column (column)) || self->ranks[column] != NULL)
    return;
  ensure_keys (self, PAIRINGS_APPLICATION_SORT_NAME);
  ensure_keys (self, keyed);
  order = g_new (RankItem, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      order[i].prefix = key_prefix (self->keys[keyed][i]);
      order[i].index = i;
      order[i].role = g_array_index (self->entries, Entry, i).role;
    }
  self->ranking = column;
  g_qsort_with_data (order, (gint) n, sizeof (RankItem), compare_for_ranks, self);
  self->ranks[column] = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && compare_for_ranks (&order[i - 1], &order[i], self) != 0)
        rank = i;
      self->ranks[column][order[i].index] = rank;
    }
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb,
                 gpointer      user_data)
{
  PairingsApplicationList *self = user_data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;
  const Entry *x = &g_array_index (self->entries, Entry, a);
  const Entry *y = &g_array_index (self->entries, Entry, b);
  int c = 0;

  switch (self->sort)
    {
    case PAIRINGS_APPLICATION_SORT_NAME:
    case PAIRINGS_APPLICATION_SORT_INSTITUTION:
    case PAIRINGS_APPLICATION_SORT_LOCATION:
    case PAIRINGS_APPLICATION_SORT_TYPES:
      c = compare_text (self, self->sort, a, b);
      break;
    case PAIRINGS_APPLICATION_SORT_ROLE:      c = (int) x->role - (int) y->role; break;
    case PAIRINGS_APPLICATION_SORT_STAGE:     c = (int) x->stage - (int) y->stage; break;
    case PAIRINGS_APPLICATION_SORT_STATUS:    c = (int) x->status - (int) y->status; break;
    case PAIRINGS_APPLICATION_SORT_SCORE:     c = (x->mean > y->mean) - (x->mean < y->mean); break;
    case PAIRINGS_APPLICATION_SORT_REVIEWS:   c = (x->count > y->count) - (x->count < y->count); break;
    case PAIRINGS_APPLICATION_SORT_SUBMITTED: c = strcmp (x->submitted, y->submitted); break;
    case PAIRINGS_APPLICATION_SORT_DEFAULT:
    case PAIRINGS_APPLICATION_N_SORTS:
    default:
      break;
    }
  if (c != 0)
    return self->descending ? -c : c;
  /* Equal rows keep the usual order, whichever way the column goes. */
  return compare_default (self, a, b);
}

static gboolean
entry_matches (PairingsApplicationList *self,
               const Entry             *entry)
{
  if (entry->gone)
    return FALSE;
  if (self->role >= 0 && entry->role != self->role)
    return FALSE;
  if (self->status >= 0 && entry->status != self->status)
    return FALSE;
  if (self->career_stage >= 0 && entry->stage != self->career_stage)
    return FALSE;
  if (self->mentoring_type != NULL && !g_strv_contains ((const char * const *) entry->types, self->mentoring_type))
    return FALSE;
  if (self->returning_only && !entry->returning)
    return FALSE;
  if (self->exclude != NULL && g_hash_table_contains (self->exclude, &entry->id))
    return FALSE;
  return self->needle == NULL || (entry->folded != NULL && strstr (entry->folded, self->needle) != NULL);
}

/* Makes the view again from the entries, and says the whole list changed. */
static void
rebuild_view (PairingsApplicationList *self)
{
  guint before = self->view->len;
  guint n = self->entries->len;   /* the ranks are made for these n entries */

  g_array_set_size (self->view, 0);
  ensure_ranks (self, PAIRINGS_APPLICATION_SORT_DEFAULT);
  ensure_ranks (self, self->sort);
  if (self->sort == PAIRINGS_APPLICATION_SORT_DEFAULT)
    {
      /* The usual order is the ranks' order (no two are equal): no sort. */
      guint *by_rank = g_new (guint, MAX (n, 1));
      guint32 *rank = self->ranks[PAIRINGS_APPLICATION_SORT_DEFAULT];

      for (guint i = 0; i < n; i++)
        by_rank[rank[i]] = i;
      for (guint r = 0; r < n; r++)
        if (entry_matches (self, &g_array_index (self->entries, Entry, by_rank[r])))
          g_array_append_val (self->view, by_rank[r]);
      g_free (by_rank);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        if (entry_matches (self, &g_array_index (self->entries, Entry, i)))
          g_array_append_val (self->view, i);
      g_qsort_with_data (self->view->data, (gint) self->view->len, sizeof (guint), compare_entries, self);
    }

  if (before > 0 || self->view->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->view->len);
}

/* Loading ------------------------------------------------------------------------ */

/* Objects others hold stay as they are (they keep their texts alive); the
 * list lets go of its own references. */
static void
forget_objects (PairingsApplicationList *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    g_clear_object (&g_array_index (self->entries, Entry, i).object);
}

static void
clear_entries (PairingsApplicationList *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    entry_clear (&g_array_index (self->entries, Entry, i));
  g_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->index);
  forget_objects (self);
  g_hash_table_remove_all (self->returning);
  if (self->texts != NULL)
    self->texts->entries = NULL;
  g_clear_pointer (&self->texts, texts_unref);
  clear_keys (self);
}

static void
index_entry (PairingsApplicationList *self,
             guint                    i)
{
  gint64 *key = g_new (gint64, 1);

  *key = g_array_index (self->entries, Entry, i).id;
  g_hash_table_insert (self->index, key, GUINT_TO_POINTER (i + 1));
}

/* The index from ids to entries, made when first needed (a refresh, a
 * find), not at every load. */
static void
ensure_index (PairingsApplicationList *self)
{
  if (g_hash_table_size (self->index) > 0 || self->entries->len == 0)
    return;
  for (guint i = 0; i < self->entries->len; i++)
    index_entry (self, i);
}

static gboolean
load (PairingsApplicationList  *self,
      GError                  **error)
{
  g_autoptr(GString) scratch = g_string_sized_new (1024);
  sqlite3_stmt *stmt;
  int rc;

  clear_entries (self);
  self->texts = texts_new (self->entries);
  self->searchable = 0;
  self->search_ready = FALSE;

  /* Who applied to an earlier cohort, once, rather than a lookup per row. */
  stmt = _pairings_store_prepare (self->store,
                                  "SELECT person_id FROM applications WHERE cohort_id < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (self->returning, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (self->store, rc, error);
      clear_entries (self);
      self->texts = texts_new (self->entries);
      return FALSE;
    }

  stmt = _pairings_store_prepare (self->store, ENTRY_SQL ("", "") " WHERE a.cohort_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry entry = { 0, };

      read_entry (self, stmt, &entry, scratch);
      g_array_append_val (self->entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pairings_store_set_error (self->store, rc, error);
      clear_entries (self);
      self->texts = texts_new (self->entries);
      return FALSE;
    }
  return TRUE;
}

/**
 * pairings_application_list_new:
 * @store: the store
 * @cohort_id: the cohort whose applications to list
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the list, in the default order (role, then
 *   name), unfiltered; or %NULL on a database error
 */
PairingsApplicationList *
pairings_application_list_new (PairingsStore  *store,
                               gint64          cohort_id,
                               GError        **error)
{
  g_autoptr(PairingsApplicationList) self = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  self = g_object_new (PAIRINGS_TYPE_APPLICATION_LIST, NULL);
  self->store = g_object_ref (store);
  self->cohort_id = cohort_id;
  if (!load (self, error))
    return NULL;
  rebuild_view (self);
  return g_steal_pointer (&self);
}

/**
 * pairings_application_list_reload:
 *
 * Reads every application again (after an import or an undo that touched
 * many), keeping the filter and the order; the whole list changes.
 */
gboolean
pairings_application_list_reload (PairingsApplicationList  *self,
                                  GError                  **error)
{
  gboolean ok;

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), FALSE);

  ok = load (self, error);
  rebuild_view (self);
  return ok;
}

static guint
view_position (PairingsApplicationList *self,
               guint                    entry)
{
  for (guint p = 0; p < self->view->len; p++)
    if (g_array_index (self->view, guint, p) == entry)
      return p;
  return G_MAXUINT;
}

/* Where @entry goes in the sorted view (which does not hold it). */
static guint
insertion_point (PairingsApplicationList *self,
                 guint                    entry)
{
  guint lo = 0, hi = self->view->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (&g_array_index (self->view, guint, mid), &entry, self) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * pairings_application_list_refresh:
 * @ids: (array length=n_ids): applications that changed, were added or
 *   were deleted
 *
 * Reads those applications again and moves only their rows: a row that
 * stays where it was is announced as changed in place, one that moves is
 * removed and inserted, one that no longer matches the filter (or no longer
 * exists) is removed. Everything else in the list stays as it was.
 */
gboolean
pairings_application_list_refresh (PairingsApplicationList  *self,
                                   const gint64             *ids,
                                   guint                     n_ids,
                                   GError                  **error)
{
  g_autoptr(GString) scratch = g_string_sized_new (1024);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), FALSE);

  stmt = _pairings_store_prepare (self->store,
                                  ENTRY_SQL (SEARCH_COLUMNS, "AND application_id = ?1")
                                  " WHERE a.id = ?1 AND a.cohort_id = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;

  ensure_index (self);
  for (guint k = 0; k < n_ids; k++)
    {
      gpointer found = g_hash_table_lookup (self->index, &ids[k]);
      guint entry = found ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;
      guint old_pos = entry != G_MAXUINT ? view_position (self, entry) : G_MAXUINT;
      guint new_pos = G_MAXUINT;
      guint8 old_role;
      int rc;

      if (entry != G_MAXUINT)
        g_clear_object (&g_array_index (self->entries, Entry, entry).object);
      sqlite3_bind_int64 (stmt, 1, ids[k]);
      sqlite3_bind_int64 (stmt, 2, self->cohort_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (entry == G_MAXUINT)
            {
              Entry blank = { 0, };

              g_array_append_val (self->entries, blank);
              entry = self->entries->len - 1;
              for (guint c = 0; c < PAIRINGS_APPLICATION_N_SORTS; c++)
                if (self->keys[c] != NULL)
                  self->keys[c] = g_renew (const char *, self->keys[c], self->entries->len);
            }
          old_role = g_array_index (self->entries, Entry, entry).role;
          read_entry (self, stmt, &g_array_index (self->entries, Entry, entry), scratch);
          if (found == NULL)
            index_entry (self, entry);
          /* A rank stays right while the entry's key and role do not
           * change (a new score, a decision). */
          for (guint c = 0; c < PAIRINGS_APPLICATION_N_SORTS; c++)
            if (self->keys[c] != NULL)
              {
                const char *before = found != NULL ? self->keys[c][entry] : NULL;

                make_key (self, c, entry);
                if (before == NULL || strcmp (before, self->keys[c][entry]) != 0)
                  {
                    g_clear_pointer (&self->ranks[c], g_free);
                    if (c == PAIRINGS_APPLICATION_SORT_NAME)
                      g_clear_pointer (&self->ranks[PAIRINGS_APPLICATION_SORT_DEFAULT], g_free);
                  }
              }
          if (found == NULL || old_role != g_array_index (self->entries, Entry, entry).role)
            g_clear_pointer (&self->ranks[PAIRINGS_APPLICATION_SORT_DEFAULT], g_free);
        }
      else if (entry != G_MAXUINT)
        g_array_index (self->entries, Entry, entry).gone = TRUE;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _pairings_store_set_error (self->store, rc, error);
          return FALSE;
        }
      if (entry == G_MAXUINT)
        continue;

      if (old_pos != G_MAXUINT)
        g_array_remove_index (self->view, old_pos);
      if (entry_matches (self, &g_array_index (self->entries, Entry, entry)))
        {
          new_pos = insertion_point (self, entry);
          g_array_insert_val (self->view, new_pos, entry);
        }

      if (old_pos != G_MAXUINT && old_pos == new_pos)
        g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 1);
      else
        {
          if (old_pos != G_MAXUINT)
            g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 0);
          if (new_pos != G_MAXUINT)
            g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
        }
    }
  return TRUE;
}

/**
 * pairings_application_list_prepare_search:
 * @max_rows: how many applications to read at most in this call
 *
 * Reads the text that a search looks through (e-mail and motivation, with
 * name and institution) for up to @max_rows more applications. A load
 * leaves it out, so that the list shows at once; call this when idle until
 * it returns %TRUE. A search set before that reads the rest first.
 *
 * Returns: %TRUE when every application's text is there
 */
gboolean
pairings_application_list_prepare_search (PairingsApplicationList *self,
                                          guint                    max_rows)
{
  g_autoptr(GString) scratch = NULL;
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), FALSE);

  if (self->search_ready)
    return TRUE;
  stmt = _pairings_store_prepare (self->store,
                                  "SELECT a.id, (SELECT email FROM people p WHERE p.id = a.person_id),"
                                  " a.motivation FROM applications a"
                                  /* +: walk the table in id order, not the cohort index */
                                  " WHERE +a.cohort_id = ?1 AND a.id > ?2 ORDER BY a.id LIMIT ?3",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  ensure_index (self);
  scratch = g_string_sized_new (1024);
  sqlite3_bind_int64 (stmt, 1, self->cohort_id);
  sqlite3_bind_int64 (stmt, 2, self->searchable);
  sqlite3_bind_int64 (stmt, 3, MIN (max_rows, (guint) G_MAXINT32));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gpointer found = g_hash_table_lookup (self->index, &id);

      rows++;
      self->searchable = id;
      if (found != NULL)
        {
          Entry *entry = &g_array_index (self->entries, Entry, GPOINTER_TO_UINT (found) - 1);

          if (entry->folded == NULL)
            set_folded (self, entry, (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2), scratch);
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE && rows < max_rows)
    self->search_ready = TRUE;
  return self->search_ready;
}

/**
 * pairings_application_list_set_sort:
 * @column: the column to sort by
 * @descending: largest first
 */
void
pairings_application_list_set_sort (PairingsApplicationList *self,
                                    PairingsApplicationSort  column,
                                    gboolean                 descending)
{
  g_return_if_fail (PAIRINGS_IS_APPLICATION_LIST (self));
  g_return_if_fail (column < PAIRINGS_APPLICATION_N_SORTS);

  if (self->sort == column && self->descending == descending)
    return;
  self->sort = column;
  self->descending = descending;
  ensure_ranks (self, PAIRINGS_APPLICATION_SORT_DEFAULT);
  ensure_ranks (self, column);
  g_qsort_with_data (self->view->data, (gint) self->view->len, sizeof (guint), compare_entries, self);
  if (self->view->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->view->len, self->view->len);
}

/**
 * pairings_application_list_set_filter:
 * @filter: (nullable): what to show; %NULL shows everything
 */
void
pairings_application_list_set_filter (PairingsApplicationList         *self,
                                      const PairingsApplicationFilter *filter)
{
  g_return_if_fail (PAIRINGS_IS_APPLICATION_LIST (self));

  self->role = filter ? filter->role : -1;
  self->status = filter ? filter->status : -1;
  self->career_stage = filter ? filter->career_stage : -1;
  self->returning_only = filter ? filter->returning_only : FALSE;
  g_clear_pointer (&self->mentoring_type, g_free);
  if (filter != NULL && filter->mentoring_type != NULL)
    self->mentoring_type = g_strdup (filter->mentoring_type);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  if (filter != NULL && filter->exclude != NULL)
    self->exclude = g_hash_table_ref (filter->exclude);
  g_clear_pointer (&self->needle, g_free);
  if (filter != NULL && filter->search != NULL && *filter->search != '\0')
    {
      self->needle = g_utf8_casefold (filter->search, -1);
      pairings_application_list_prepare_search (self, G_MAXUINT);
    }

  rebuild_view (self);
}

/** pairings_application_list_get_total: the applications of the cohort, shown or not */
guint
pairings_application_list_get_total (PairingsApplicationList *self)
{
  guint total = 0;

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    total += !g_array_index (self->entries, Entry, i).gone;
  return total;
}

/** pairings_application_list_get_id: the id at @position, without making an object; 0 past the end */
gint64
pairings_application_list_get_id (PairingsApplicationList *self,
                                  guint                    position)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), 0);

  if (position >= self->view->len)
    return 0;
  return g_array_index (self->entries, Entry, g_array_index (self->view, guint, position)).id;
}

/** pairings_application_list_find: the position of @id, or G_MAXUINT when it is not shown */
guint
pairings_application_list_find (PairingsApplicationList *self,
                                gint64                   id)
{
  gpointer found;

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), G_MAXUINT);

  ensure_index (self);
  found = g_hash_table_lookup (self->index, &id);
  return found ? view_position (self, GPOINTER_TO_UINT (found) - 1) : G_MAXUINT;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/** pairings_application_list_get_mentoring_types: (transfer full): the types that occur, sorted */
GStrv
pairings_application_list_get_mentoring_types (PairingsApplicationList *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *types = g_ptr_array_new ();

  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      for (guint t = 0; !entry->gone && entry->types[t] != NULL; t++)
        if (g_hash_table_add (seen, entry->types[t]))
          g_ptr_array_add (types, g_strdup (entry->types[t]));
    }
  g_ptr_array_sort (types, compare_strings);
  g_ptr_array_add (types, NULL);
  return (GStrv) g_ptr_array_free (types, FALSE);
}

/** pairings_application_list_get_n_objects: how many objects the list has made and keeps */
guint
pairings_application_list_get_n_objects (PairingsApplicationList *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APPLICATION_LIST (self), 0);

  guint alive = 0;

  for (guint i = 0; i < self->entries->len; i++)
    alive += g_array_index (self->entries, Entry, i).object != NULL;
  return alive;
}

/* GListModel --------------------------------------------------------------------- */

static GType
list_get_item_type (GListModel *model)
{
  return PAIRINGS_TYPE_APPLICATION;
}

static guint
list_get_n_items (GListModel *model)
{
  return PAIRINGS_APPLICATION_LIST (model)->view->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  PairingsApplicationList *self = PAIRINGS_APPLICATION_LIST (model);
  PairingsApplication *app;
  Entry *entry;
  guint slot;

  if (position >= self->view->len)
    return NULL;
  slot = g_array_index (self->view, guint, position);
  entry = &g_array_index (self->entries, Entry, slot);
  if (entry->object != NULL)
    return g_object_ref (entry->object);

  {
    PairingsApplicationIds ids = {
      .id = entry->id,
      .cohort_id = self->cohort_id,
      .person_id = entry->person,
      .review_mean = entry->mean,
      .review_count = entry->count,
      .returning = entry->returning,
    };
    PairingsApplicationData data = {
      .name = entry->name,
      .role = entry->role,
      .status = entry->status,
      .institution = entry->institution,
      .location = entry->location,
      .career_stage = entry->stage,
      .mentoring_types = (const char * const *) entry->types,
      .submitted_at = *entry->submitted != '\0' ? entry->submitted : NULL,
    };

    app = _pairings_application_new_summary (&ids, &data, texts_ref (self->texts), slot, release_summary);
  }
  entry->object = g_object_ref (app);
  return app;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* GObject ------------------------------------------------------------------------ */

static void
pairings_application_list_finalize (GObject *object)
{
  PairingsApplicationList *self = PAIRINGS_APPLICATION_LIST (object);

  clear_entries (self);
  g_array_unref (self->entries);
  g_array_unref (self->view);
  g_hash_table_unref (self->index);
  g_hash_table_unref (self->returning);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  g_free (self->mentoring_type);
  g_free (self->needle);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pairings_application_list_parent_class)->finalize (object);
}

static void
pairings_application_list_class_init (PairingsApplicationListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pairings_application_list_finalize;
}

static void
pairings_application_list_init (PairingsApplicationList *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  self->view = g_array_new (FALSE, FALSE, sizeof (guint));
  self->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->returning = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->role = self->status = self->career_stage = -1;
  self->texts = texts_new (self->entries);
}

/* pairings-applications-page.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a PairingsApplicationList of the cohort: a lazy model that
 * filters (search, role, decision, …) and sorts (the column the user
 * clicks) itself and makes objects only for the rows on screen; the detail
 * pane shows the first selected one. A change re-reads only the
 * applications it touched. Decisions apply to every selected
 * application at once. Every change is one step of the history: the page
 * says what it did through "changed", and the window offers Undo.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pairings-application.h"
#include "pairings-application-list.h"
#include "pairings-applications-page.h"
#include "pairings-privacy-dialog.h"
#include "pairings-review.h"
#include "pairings-stats.h"

/* Rows that stay --------------------------------------------------------------
 *
 * The column view shows PairingsRows, not the applications themselves: a
 * row stands for a position of the list and says "changed" when the
 * application there changes. When the whole list changes (a search, a
 * sort), the rows on screen get new contents instead of being replaced: GTK
 * 4.8 destroys and makes again every row widget it keeps (about 200, ten
 * cells each) for items it has not seen, 380–430 ms a search in a list of
 * 100,000; contents changed in place cost 16–27 ms (bench/README.md). Only
 * the difference in length is told as items-changed, at the end.
 */

#define PAIRINGS_TYPE_ROW (pairings_row_get_type ())
G_DECLARE_FINAL_TYPE (PairingsRow, pairings_row, PAIRINGS, ROW, GObject)

struct _PairingsRow
{
  GObject              parent_instance;
  PairingsApplication *app;
};

G_DEFINE_FINAL_TYPE (PairingsRow, pairings_row, G_TYPE_OBJECT)

static guint row_changed_signal;

static void
pairings_row_finalize (GObject *object)
{
  g_clear_object (&PAIRINGS_ROW (object)->app);
  G_OBJECT_CLASS (pairings_row_parent_class)->finalize (object);
}

static void
pairings_row_class_init (PairingsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pairings_row_finalize;
  row_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 0);
}

static void
pairings_row_init (PairingsRow *self)
{
}

#define PAIRINGS_TYPE_ROWS (pairings_rows_get_type ())
G_DECLARE_FINAL_TYPE (PairingsRows, pairings_rows, PAIRINGS, ROWS, GObject)

struct _PairingsRows
{
  GObject     parent_instance;
  GListModel *source;
  GPtrArray  *rows;       /* a PairingsRow per position, or NULL until asked for */
};

static void pairings_rows_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PairingsRows, pairings_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pairings_rows_list_init))

static GType
pairings_rows_get_item_type (GListModel *model)
{
  return PAIRINGS_TYPE_ROW;
}

static guint
pairings_rows_get_n_items (GListModel *model)
{
  return PAIRINGS_ROWS (model)->rows->len;
}

static gpointer
pairings_rows_get_item (GListModel *model,
                        guint       position)
{
  PairingsRows *self = PAIRINGS_ROWS (model);
  PairingsRow *row;

  if (position >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = g_object_new (PAIRINGS_TYPE_ROW, NULL);
      row->app = g_list_model_get_item (self->source, position);
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
pairings_rows_list_init (GListModelInterface *iface)
{
  iface->get_item_type = pairings_rows_get_item_type;
  iface->get_n_items = pairings_rows_get_n_items;
  iface->get_item = pairings_rows_get_item;
}

static void
on_source_changed (GListModel   *source,
                   guint         position,
                   guint         removed,
                   guint         added,
                   PairingsRows *self)
{
  guint kept = MIN (removed, added);

  /* The first rows of the change stay, with new contents; a row nobody
   * holds any more is let go rather than refreshed. */
  for (guint i = position; i < position + kept; i++)
    {
      PairingsRow *row = g_ptr_array_index (self->rows, i);

      if (row == NULL)
        continue;
      if (G_OBJECT (row)->ref_count == 1)
        {
          g_object_unref (row);
          g_ptr_array_index (self->rows, i) = NULL;
          continue;
        }
      g_clear_object (&row->app);
      row->app = g_list_model_get_item (source, i);
      g_signal_emit (row, row_changed_signal, 0);
    }
  if (removed > kept)
    g_ptr_array_remove_range (self->rows, position + kept, removed - kept);
  else if (added > kept)
    {
      guint at = position + kept;
      guint more = added - kept;

      g_ptr_array_set_size (self->rows, self->rows->len + more);
      memmove (self->rows->pdata + at + more, self->rows->pdata + at,
               (self->rows->len - more - at) * sizeof (gpointer));
      memset (self->rows->pdata + at, 0, more * sizeof (gpointer));
    }
  if (removed != added)
    g_list_model_items_changed (G_LIST_MODEL (self), position + kept, removed - kept, added - kept);
}

static void
pairings_rows_dispose (GObject *object)
{
  PairingsRows *self = PAIRINGS_ROWS (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, on_source_changed, self);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (pairings_rows_parent_class)->dispose (object);
}

static void
pairings_rows_finalize (GObject *object)
{
  g_ptr_array_unref (PAIRINGS_ROWS (object)->rows);
  G_OBJECT_CLASS (pairings_rows_parent_class)->finalize (object);
}

static void
pairings_rows_class_init (PairingsRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pairings_rows_dispose;
  G_OBJECT_CLASS (klass)->finalize = pairings_rows_finalize;
}

static void
row_unref (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
pairings_rows_init (PairingsRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_unref);
}

static PairingsRows *
pairings_rows_new (GListModel *source)
{
  PairingsRows *self = g_object_new (PAIRINGS_TYPE_ROWS, NULL);

  self->source = g_object_ref (source);
  g_ptr_array_set_size (self->rows, g_list_model_get_n_items (source));
  g_signal_connect (source, "items-changed", G_CALLBACK (on_source_changed), self);
  return self;
}

/* The applications the page shows, in its order: a list over the rows that
 * gives their applications (for tests and benchmarks; the items are read
 * when asked, a row's new contents are not told as items-changed). */
#define PAIRINGS_TYPE_SHOWN (pairings_shown_get_type ())
G_DECLARE_FINAL_TYPE (PairingsShown, pairings_shown, PAIRINGS, SHOWN, GObject)

struct _PairingsShown
{
  GObject     parent_instance;
  GListModel *rows;   /* the selection model, over the rows */
};

static void pairings_shown_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PairingsShown, pairings_shown, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pairings_shown_list_init))

static GType
pairings_shown_get_item_type (GListModel *model)
{
  return PAIRINGS_TYPE_APPLICATION;
}

static guint
pairings_shown_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (PAIRINGS_SHOWN (model)->rows);
}

static gpointer
pairings_shown_get_item (GListModel *model,
                         guint       position)
{
  g_autoptr(PairingsRow) row = g_list_model_get_item (PAIRINGS_SHOWN (model)->rows, position);

  return row != NULL && row->app != NULL ? g_object_ref (row->app) : NULL;
}

static void
pairings_shown_list_init (GListModelInterface *iface)
{
  iface->get_item_type = pairings_shown_get_item_type;
  iface->get_n_items = pairings_shown_get_n_items;
  iface->get_item = pairings_shown_get_item;
}

static void
pairings_shown_dispose (GObject *object)
{
  PairingsShown *self = PAIRINGS_SHOWN (object);

  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (pairings_shown_parent_class)->dispose (object);
}

static void
pairings_shown_class_init (PairingsShownClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pairings_shown_dispose;
}

static void
pairings_shown_init (PairingsShown *self)
{
}

static void
on_shown_rows_changed (GListModel    *rows,
                       guint          position,
                       guint          removed,
                       guint          added,
                       PairingsShown *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static PairingsShown *
pairings_shown_new (GListModel *rows)
{
  PairingsShown *self = g_object_new (PAIRINGS_TYPE_SHOWN, NULL);

  self->rows = g_object_ref (rows);
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_shown_rows_changed), self);
  return self;
}

struct _PairingsApplicationsPage
{
  GtkWidget           parent_instance;

  PairingsStore      *store;
  PairingsCohort     *cohort;
  char               *reviewer;
  PairingsApplicationList *list;
  PairingsRows            *rows;   /* what the column view shows of @list */
  PairingsShown           *shown_list;  /* the same, as applications */
  guint               search_idle;
  GtkMultiSelection  *selection;
  PairingsApplication *shown;

  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *role_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *type_filter;
  GtkDropDown        *stage_filter;
  GtkCheckButton     *returning_filter;
  GtkCheckButton     *unreviewed_filter;
  GtkStringList      *types;
  GHashTable         *reviewed;     /* application ids the reviewer has done */
  GtkLabel           *extra_heading;
  GtkLabel           *detail_extra;
  GtkLabel           *history_heading;
  GtkLabel           *detail_history;
  GtkLabel           *counters;
  GtkColumnView      *column_view;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkLabel           *detail_name;
  GtkLabel           *detail_facts;
  GtkLabel           *detail_motivation;
  GtkLabel           *detail_reviews;
  GtkSpinButton      *score_spin;
  GtkEntry           *note_entry;
  GtkCheckButton     *recuse_check;
  GtkCheckButton     *confidential_check;
  gboolean            meeting_mode;
  GtkLabel           *detail_confidential;
  gboolean            syncing;
  guint               holding;      /* the list is detached for a change */
};

G_DEFINE_FINAL_TYPE (PairingsApplicationsPage, pairings_applications_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  COLUMN_NAME,
  COLUMN_ROLE,
  COLUMN_INSTITUTION,
  COLUMN_STAGE,
  COLUMN_LOCATION,
  COLUMN_TYPES,
  COLUMN_STATUS,
  COLUMN_SCORE,
  COLUMN_REVIEWS,
  COLUMN_SUBMITTED,
  N_COLUMNS
};

static const char *column_titles[N_COLUMNS] = {
  N_("Name"), N_("Role"), N_("Institution"), N_("Career stage"), N_("Location"), N_("Mentoring types"),
  N_("Decision"), N_("Score"), N_("Reviews"), N_("Submitted"),
};

static char *
cell_text (PairingsApplication *app,
           guint                column)
{
  switch (column)
    {
    case COLUMN_NAME:        return g_strdup (pairings_application_get_name (app));
    case COLUMN_ROLE:        return g_strdup (pairings_role_get_label (pairings_application_get_role (app)));
    case COLUMN_INSTITUTION: return g_strdup (pairings_application_get_institution (app));
    case COLUMN_STAGE:
      return g_strdup (pairings_application_get_career_stage (app) == PAIRINGS_CAREER_UNKNOWN
                       ? "" : pairings_career_stage_get_label (pairings_application_get_career_stage (app)));
    case COLUMN_LOCATION:    return g_strdup (pairings_application_get_location (app));
    case COLUMN_TYPES:
      return g_strjoinv ("; ", (char **) pairings_application_get_mentoring_types (app));
    case COLUMN_STATUS:      return g_strdup (pairings_status_get_label (pairings_application_get_status (app)));
    case COLUMN_SCORE:
      return pairings_application_get_review_mean (app) < 0 ? g_strdup ("")
             : g_strdup_printf ("%.1f", pairings_application_get_review_mean (app));
    case COLUMN_REVIEWS:     return g_strdup_printf ("%u", pairings_application_get_review_count (app));
    case COLUMN_SUBMITTED:
      {
        const char *at = pairings_application_get_submitted_at (app);
        return g_strndup (at ? at : "", 10);
      }
    default:
      return g_strdup ("");
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 14);
  gtk_list_item_set_child (item, inscription);
}

static void
show_cell (PairingsRow *row,
           GtkWidget   *cell)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "column"));
  g_autofree char *text = row->app != NULL ? cell_text (row->app, column) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  PairingsRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (cell), "column", user_data);
  show_cell (row, cell);
  g_signal_connect_object (row, "changed", G_CALLBACK (show_cell), cell, 0);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_cell, gtk_list_item_get_child (item));
}

static GArray *
selected_ids (PairingsApplicationsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; self->list != NULL && i < gtk_bitset_get_size (selected); i++)
    {
      gint64 id = pairings_application_list_get_id (self->list, gtk_bitset_get_nth (selected, i));
      g_array_append_val (ids, id);
    }
  return ids;
}

/* Selects the applications of @ids that are shown (no more than that). */
static void
select_ids (PairingsApplicationsPage *self,
            GArray                   *ids)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) all = gtk_bitset_new_range (0, n);

  for (guint i = 0; i < ids->len; i++)
    {
      guint position = pairings_application_list_find (self->list, g_array_index (ids, gint64, i));

      if (position != G_MAXUINT)
        gtk_bitset_add (wanted, position);
    }
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, all);
}

/* A change to the whole list (a sort, a filter, a reload) is made with
 * nothing selected, and the selection put back afterwards by application:
 * GtkMultiSelection would otherwise look for the selected objects among
 * all the new rows one by one. Calls nest. */
static GArray *
hold_selection (PairingsApplicationsPage *self)
{
  GArray *ids = selected_ids (self);

  if (self->holding++ == 0)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  return ids;
}

static void on_selection_changed (PairingsApplicationsPage *self);

static void
restore_selection (PairingsApplicationsPage *self,
                   GArray                   *ids)
{
  g_return_if_fail (self->holding > 0);

  if (--self->holding > 0)
    return;
  if (self->rows == NULL || self->rows->source != G_LIST_MODEL (self->list))
    {
      g_clear_object (&self->rows);
      self->rows = pairings_rows_new (G_LIST_MODEL (self->list));
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
    }
  select_ids (self, ids);
  on_selection_changed (self);
}

/* The list sorts itself. The column view still needs a sorter per column
 * to show the arrows, so each column has one whose comparison, asked with
 * probe_column set, tells which column it belongs to: comparing anything
 * with the column view's sorter then gives its primary column, and the
 * sign of the answer its direction. (GTK 4.10 has
 * gtk_column_view_sorter_get_primary_sort_column(); Debian 12 has 4.8.) */
static guint probe_column = G_MAXUINT;

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  if (probe_column == G_MAXUINT)
    probe_column = GPOINTER_TO_UINT (user_data);
  return GTK_ORDERING_LARGER;
}

static const PairingsApplicationSort column_sorts[N_COLUMNS] = {
  PAIRINGS_APPLICATION_SORT_NAME, PAIRINGS_APPLICATION_SORT_ROLE, PAIRINGS_APPLICATION_SORT_INSTITUTION,
  PAIRINGS_APPLICATION_SORT_STAGE, PAIRINGS_APPLICATION_SORT_LOCATION, PAIRINGS_APPLICATION_SORT_TYPES,
  PAIRINGS_APPLICATION_SORT_STATUS, PAIRINGS_APPLICATION_SORT_SCORE, PAIRINGS_APPLICATION_SORT_REVIEWS,
  PAIRINGS_APPLICATION_SORT_SUBMITTED,
};

static void
apply_sort (PairingsApplicationsPage *self)
{
  g_autoptr(GArray) ids = NULL;
  GtkSorter *sorter;
  GtkOrdering order;

  if (self->list == NULL || self->column_view == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->column_view);
  probe_column = G_MAXUINT;
  /* (Two different objects: a sorter finds any object equal to itself.) */
  order = gtk_sorter_compare (sorter, self, self->selection);
  ids = hold_selection (self);
  if (probe_column == G_MAXUINT || order == GTK_ORDERING_EQUAL)
    pairings_application_list_set_sort (self->list, PAIRINGS_APPLICATION_SORT_DEFAULT, FALSE);
  else
    pairings_application_list_set_sort (self->list, column_sorts[probe_column], order == GTK_ORDERING_SMALLER);
  probe_column = G_MAXUINT;
  restore_selection (self, ids);
}

static void
add_columns (PairingsApplicationsPage *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, GUINT_TO_POINTER (c), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == COLUMN_NAME || c == COLUMN_INSTITUTION);
      if (c == COLUMN_NAME)
        gtk_column_view_column_set_fixed_width (column, 190);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (sorter);
      g_object_unref (column);
    }
}

/* Filtering ----------------------------------------------------------------- */

static void
refilter (PairingsApplicationsPage *self)
{
  PairingsApplicationFilter filter = { -1, -1, -1, NULL, FALSE, NULL, NULL };
  g_autoptr(GArray) ids = NULL;
  guint role = gtk_drop_down_get_selected (self->role_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint type = gtk_drop_down_get_selected (self->type_filter);
  guint stage = gtk_drop_down_get_selected (self->stage_filter);

  if (self->list == NULL)
    return;
  if (role == 1)
    filter.role = PAIRINGS_ROLE_MENTEE;
  else if (role == 2)
    filter.role = PAIRINGS_ROLE_MENTOR;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    filter.status = (int) status - 1;
  if (type > 0 && type != GTK_INVALID_LIST_POSITION)
    filter.mentoring_type = gtk_string_list_get_string (self->types, type);
  if (stage > 0 && stage != GTK_INVALID_LIST_POSITION)
    filter.career_stage = (int) stage;
  filter.returning_only = gtk_check_button_get_active (self->returning_filter);
  if (gtk_check_button_get_active (self->unreviewed_filter))
    filter.exclude = self->reviewed;
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  ids = hold_selection (self);
  pairings_application_list_set_filter (self->list, &filter);
  restore_selection (self, ids);
}

/* Detail ------------------------------------------------------------------- */

/* The text with every match of the search marked, case-insensitively. */
static void
set_highlighted (GtkLabel   *label,
                 const char *text,
                 const char *search)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *needle = NULL;
  glong needle_len;
  const char *p = text;

  if (search == NULL || *search == '\0' || text == NULL)
    {
      gtk_label_set_text (label, text ? text : "");
      return;
    }

  needle = g_utf8_casefold (search, -1);
  needle_len = g_utf8_strlen (needle, -1);
  while (*p)
    {
      g_autofree char *window = g_utf8_substring (p, 0, needle_len);
      g_autofree char *fold = g_utf8_casefold (window, -1);

      if (g_utf8_strlen (window, -1) == needle_len && g_str_equal (fold, needle))
        {
          g_autofree char *escaped = g_markup_escape_text (window, -1);
          g_string_append_printf (markup, "<span background=\"#f6d32d\" foreground=\"#000000\">%s</span>", escaped);
          p = g_utf8_offset_to_pointer (p, needle_len);
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *escaped = g_markup_escape_text (p, next - p);
          g_string_append (markup, escaped);
          p = next;
        }
    }
  gtk_label_set_markup (label, markup->str);
}

static void
show_detail (PairingsApplicationsPage *self,
             PairingsApplication      *app)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *types = NULL;
  double mean = 0, spread = 0;
  guint count = 0;

  g_set_object (&self->shown, app);
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->detail_name)), app != NULL);
  if (app == NULL)
    {
      gtk_label_set_text (self->detail_name, _("Choose an application"));
      gtk_label_set_text (self->detail_facts, "");
      gtk_label_set_text (self->detail_motivation, "");
      gtk_label_set_text (self->detail_reviews, "");
      gtk_label_set_text (self->detail_extra, "");
      gtk_label_set_text (self->detail_history, "");
      gtk_widget_set_visible (GTK_WIDGET (self->extra_heading), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->history_heading), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_confidential), FALSE);
      self->syncing = TRUE;
      gtk_spin_button_set_value (self->score_spin, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
      gtk_check_button_set_active (self->recuse_check, FALSE);
      self->syncing = FALSE;
      return;
    }

  types = g_strjoinv ("; ", (char **) pairings_application_get_mentoring_types (app));
  gtk_label_set_text (self->detail_name, pairings_application_get_name (app));
  g_string_append_printf (facts, "%s · %s\n%s · %s\n%s\n%s",
                          pairings_role_get_label (pairings_application_get_role (app)),
                          pairings_status_get_label (pairings_application_get_status (app)),
                          pairings_application_get_email (app),
                          pairings_application_get_institution (app),
                          pairings_application_get_career_stage (app) == PAIRINGS_CAREER_UNKNOWN ? ""
                          : pairings_career_stage_get_label (pairings_application_get_career_stage (app)),
                          types);
  gtk_label_set_text (self->detail_facts, facts->str);
  set_highlighted (self->detail_motivation, pairings_application_get_motivation (app),
                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  {
    g_autoptr(GPtrArray) extra = pairings_review_extra_answers (self->store, pairings_application_get_id (app), NULL);
    g_autoptr(GPtrArray) history = pairings_review_history (self->store, pairings_application_get_id (app), NULL);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; extra != NULL && i + 1 < extra->len; i += 2)
      g_string_append_printf (text, "%s%s — %s", i ? "\n" : "", (char *) g_ptr_array_index (extra, i),
                              (char *) g_ptr_array_index (extra, i + 1));
    gtk_label_set_text (self->detail_extra, text->str);
    gtk_widget_set_visible (GTK_WIDGET (self->extra_heading), text->len > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->detail_extra), text->len > 0);

    g_string_truncate (text, 0);
    for (guint i = 0; history != NULL && i < history->len; i++)
      g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (history, i));
    gtk_label_set_text (self->detail_history, text->str);
    gtk_widget_set_visible (GTK_WIDGET (self->history_heading), text->len > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->detail_history), text->len > 0);
  }

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->score_spin, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_check_button_set_active (self->recuse_check, FALSE);
  reviews = pairings_review_list (self->store, pairings_application_get_id (app), NULL);
  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      PairingsReview *r = g_ptr_array_index (reviews, i);

      if (r->recused)
        g_string_append_printf (lines, _("%s: recused\n"), r->reviewer);
      else if (r->score > 0)
        {
          /* Reviewers' notes stay off a projected screen. */
          if (self->meeting_mode || *r->note == '\0')
            g_string_append_printf (lines, "%s: %d\n", r->reviewer, r->score);
          else
            g_string_append_printf (lines, "%s: %d — %s\n", r->reviewer, r->score, r->note);
        }
      if (g_strcmp0 (r->reviewer, self->reviewer) == 0)
        {
          gtk_spin_button_set_value (self->score_spin, r->score);
          gtk_editable_set_text (GTK_EDITABLE (self->note_entry), self->meeting_mode ? "" : r->note);
          gtk_check_button_set_active (self->recuse_check, r->recused);
        }
    }
  self->syncing = FALSE;
  if (pairings_review_summary (self->store, pairings_application_get_id (app), &mean, &spread, &count))
    g_string_append_printf (lines, g_dngettext (GETTEXT_PACKAGE, "Average %.1f (spread %.1f), %u review",
                                                "Average %.1f (spread %.1f), %u reviews", count),
                            mean, spread, count);
  else
    g_string_append (lines, _("No score yet"));
  gtk_label_set_text (self->detail_reviews, lines->str);

  /* Demographic answers only on request, and never kept shown across
   * applications without the box ticked. */
  if (gtk_check_button_get_active (self->confidential_check) && !self->meeting_mode)
    {
      g_autofree char *pronouns = NULL;
      g_auto(GStrv) groups = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *text = NULL;

      pairings_store_get_confidential (self->store, pairings_application_get_id (app), &pronouns, &groups, NULL);
      joined = g_strjoinv ("; ", groups);
      text = g_strdup_printf (_("Pronouns: %s\nIdentity groups: %s"), pronouns ? pronouns : "", joined);
      gtk_label_set_text (self->detail_confidential, text);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_confidential), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->detail_confidential), FALSE);
}

static PairingsApplication *
first_selected (PairingsApplicationsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (selected))
    return NULL;
  return self->list != NULL ? g_list_model_get_item (G_LIST_MODEL (self->list), gtk_bitset_get_nth (selected, 0)) : NULL;
}

static void
on_selection_changed (PairingsApplicationsPage *self)
{
  g_autoptr(PairingsApplication) app = NULL;

  if (self->holding > 0)
    return;
  app = first_selected (self);
  /* The list's items are summaries: the detail reads the whole application. */
  if (app != NULL && self->store != NULL)
    {
      g_autoptr(PairingsApplication) whole = pairings_store_get_application (self->store,
                                                                             pairings_application_get_id (app),
                                                                             NULL);
      g_set_object (&app, whole);
    }
  show_detail (self, app);
}

/* Counters and reload ------------------------------------------------------ */

static void
update_counters (PairingsApplicationsPage *self)
{
  g_autoptr(GPtrArray) stats = NULL;
  g_autofree char *text = NULL;
  g_autofree char *limit = NULL;
  PairingsCohortStats *s;

  if (self->cohort == NULL)
    return;
  stats = pairings_stats_collect (self->store, self->cohort, NULL);
  if (stats == NULL || stats->len == 0)
    return;
  s = g_ptr_array_index (stats, 0);
  limit = s->pair_limit >= 0 ? g_strdup_printf ("%d", s->pair_limit) : g_strdup ("—");
  /* TRANSLATORS: accepted mentees / pair limit · total places of the accepted mentors */
  text = g_strdup_printf (_("Accepted mentees: %u / %s · Places offered by accepted mentors: %u"),
                          s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_ACCEPTED], limit,
                          s->mentor_places);
  gtk_label_set_text (self->counters, text);
}

/* The mentoring types that occur in the cohort, for the filter. */
static void
update_types (PairingsApplicationsPage *self)
{
  g_auto(GStrv) types = NULL;
  const char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->type_filter);
  g_autofree char *keep = NULL;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    keep = g_strdup (gtk_string_list_get_string (self->types, selected));

  types = pairings_application_list_get_mentoring_types (self->list);

  g_signal_handlers_block_by_func (self->type_filter, refilter, self);
  gtk_string_list_splice (self->types, 1, g_list_model_get_n_items (G_LIST_MODEL (self->types)) - 1, NULL);
  selected = 0;
  for (guint i = 0; types[i] != NULL; i++)
    {
      chosen = types[i];
      gtk_string_list_append (self->types, chosen);
      if (keep != NULL && g_str_equal (keep, chosen))
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->type_filter, selected);
  g_signal_handlers_unblock_by_func (self->type_filter, refilter, self);
}

static void
report (PairingsApplicationsPage *self,
        GError                   *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
}

/* What every change ends with: the header, the filter's choices, the empty
 * state and the detail. */
static void
update_page (PairingsApplicationsPage *self)
{
  update_types (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    pairings_application_list_get_total (self->list) > 0 ? "list" : "empty");
  update_counters (self);
  on_selection_changed (self);
}

/* The text a search looks through is read after the list is shown, a
 * slice at a time when the page has nothing else to do. */
static gboolean
prepare_search (gpointer data)
{
  PairingsApplicationsPage *self = data;

  if (self->list == NULL || pairings_application_list_prepare_search (self->list, 4000))
    {
      self->search_idle = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
schedule_search (PairingsApplicationsPage *self)
{
  if (self->search_idle == 0)
    self->search_idle = g_idle_add_full (G_PRIORITY_LOW, prepare_search, self, NULL);
}

/**
 * pairings_applications_page_reload:
 *
 * Reads the whole cohort again (after an import, an undo, another cohort),
 * keeping the filter, the order and the selection.
 */
void
pairings_applications_page_reload (PairingsApplicationsPage *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PAIRINGS_IS_APPLICATIONS_PAGE (self));

  if (self->store == NULL || self->cohort == NULL)
    return;

  g_clear_pointer (&self->reviewed, g_hash_table_unref);
  self->reviewed = pairings_review_done_by (self->store, pairings_cohort_get_id (self->cohort), self->reviewer);

  ids = hold_selection (self);
  if (self->list == NULL)
    {
      self->list = pairings_application_list_new (self->store, pairings_cohort_get_id (self->cohort), &error);
      if (self->list == NULL)
        report (self, error);
      else
        update_types (self);
    }
  else if (!pairings_application_list_reload (self->list, &error))
    report (self, error);
  if (self->list != NULL)
    {
      refilter (self);
      apply_sort (self);
    }
  restore_selection (self, ids);
  if (self->list == NULL)
    return;

  /* Something to read at once: the first application when none is chosen. */
  if (ids->len == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  schedule_search (self);
  update_page (self);
}

void
pairings_applications_page_show (PairingsApplicationsPage *self,
                                 PairingsStore            *store,
                                 PairingsCohort           *cohort)
{
  g_return_if_fail (PAIRINGS_IS_APPLICATIONS_PAGE (self));

  if (self->cohort != cohort || self->store != store)
    {
      gtk_multi_selection_set_model (self->selection, NULL);
      g_clear_object (&self->rows);
      g_clear_object (&self->list);
    }
  g_set_object (&self->store, store);
  g_set_object (&self->cohort, cohort);
  pairings_applications_page_reload (self);
}

void
pairings_applications_page_set_reviewer (PairingsApplicationsPage *self,
                                         const char               *reviewer)
{
  g_free (self->reviewer);
  self->reviewer = g_strdup (reviewer);
}

/* Actions --------------------------------------------------------------------- */

/* After a change to the applications of @ids: only their rows are read
 * again and moved; the selection stays on the same applications. */
static void
changed (PairingsApplicationsPage *self,
         const gint64             *ids,
         guint                     n_ids,
         const char               *message)
{
  g_autoptr(GArray) keep = selected_ids (self);
  g_autoptr(GHashTable) reviewed = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  /* The list filters with this very table: it is updated in place. */
  reviewed = pairings_review_done_by (self->store, pairings_cohort_get_id (self->cohort), self->reviewer);
  if (self->reviewed != NULL && reviewed != NULL)
    {
      g_hash_table_remove_all (self->reviewed);
      g_hash_table_iter_init (&iter, reviewed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->reviewed, g_memdup2 (key, sizeof (gint64)));
    }

  if (!pairings_application_list_refresh (self->list, ids, n_ids, &error))
    report (self, error);
  select_ids (self, keep);
  update_page (self);
  g_signal_emit (self, signals[CHANGED], 0, message);
}

static void
status_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsApplicationsPage *self = PAIRINGS_APPLICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PairingsStatus status;

  if (self->store == NULL || self->list == NULL ||
      !pairings_status_from_string (g_variant_get_string (parameter, NULL), &status))
    return;
  ids = selected_ids (self);
  if (ids->len == 0)
    return;

  if (!pairings_review_set_status (self->store, (gint64 *) (void *) ids->data, ids->len, status, &error))
    {
      report (self, error);
      return;
    }
  /* TRANSLATORS: e.g. "Accepted: 2 applications" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u application", "%s: %u applications", ids->len),
                             pairings_status_get_label (status), ids->len);
  changed (self, (const gint64 *) (void *) ids->data, ids->len, message);
}

void
pairings_applications_page_review (PairingsApplicationsPage *self,
                                   int                       score,
                                   const char               *note)
{
  g_autoptr(GError) error = NULL;

  if (self->shown == NULL)
    return;
  if (!pairings_review_set (self->store, pairings_application_get_id (self->shown), self->reviewer,
                            score, note, &error))
    {
      report (self, error);
      return;
    }
  {
    gint64 id = pairings_application_get_id (self->shown);
    changed (self, &id, 1, _("Review saved"));
  }
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsApplicationsPage *self = PAIRINGS_APPLICATIONS_PAGE (widget);

  pairings_applications_page_review (self, gtk_spin_button_get_value_as_int (self->score_spin),
                                     gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
on_recuse_toggled (PairingsApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean recused = gtk_check_button_get_active (self->recuse_check);

  if (self->syncing || self->shown == NULL)
    return;
  if (!pairings_review_recuse (self->store, pairings_application_get_id (self->shown), self->reviewer,
                               recused, &error))
    {
      report (self, error);
      self->syncing = TRUE;
      gtk_check_button_set_active (self->recuse_check, !recused);
      self->syncing = FALSE;
      return;
    }
  {
    gint64 id = pairings_application_get_id (self->shown);
    changed (self, &id, 1, recused ? _("You recused yourself") : _("You review this application again"));
  }
}

/* On a narrow window the list and the detail take turns: activating a row
 * (a click, Enter) shows its detail, Back (or Alt+←) the list again. */
static void
on_row_activated (PairingsApplicationsPage *self,
                  guint                     position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  gtk_widget_grab_focus (self->detail_pane);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsApplicationsPage *self = PAIRINGS_APPLICATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (PAIRINGS_APPLICATIONS_PAGE (widget)->search_entry));
}

/* A data-protection request: the dialog asks, and the window reloads. */
static void
delete_person_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PairingsApplicationsPage *self = PAIRINGS_APPLICATIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL || self->shown == NULL || !GTK_IS_WINDOW (root))
    return;
  pairings_privacy_dialog_delete_person (GTK_WINDOW (root), self->store,
                                         pairings_application_get_email (self->shown));
}

/* GObject -------------------------------------------------------------------------- */

static void
pairings_applications_page_dispose (GObject *object)
{
  PairingsApplicationsPage *self = (PairingsApplicationsPage *)object;

  g_clear_handle_id (&self->search_idle, g_source_remove);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_APPLICATIONS_PAGE);
  g_clear_object (&self->shown);
  g_clear_object (&self->shown_list);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->reviewed, g_hash_table_unref);
  g_clear_object (&self->rows);
  g_clear_object (&self->list);
  g_clear_object (&self->types);

  G_OBJECT_CLASS (pairings_applications_page_parent_class)->dispose (object);
}

static void
pairings_applications_page_class_init (PairingsApplicationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_applications_page_dispose;

  /**
   * PairingsApplicationsPage::changed:
   * @message: what was done, for a toast that offers to undo it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pairings-applications-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, role_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, returning_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, unreviewed_filter);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, extra_heading);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_extra);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, history_heading);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_history);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, counters);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_name);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_facts);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_motivation);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_reviews);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, score_spin);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, recuse_check);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, confidential_check);
  gtk_widget_class_bind_template_child (widget_class, PairingsApplicationsPage, detail_confidential);

  gtk_widget_class_install_action (widget_class, "applications.status", "s", status_action);
  gtk_widget_class_install_action (widget_class, "applications.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "applications.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "applications.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "applications.delete-person", NULL, delete_person_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_ALT_MASK, "applications.status", "s", "accepted");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK, "applications.status", "s", "waitlisted");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_ALT_MASK, "applications.status", "s", "declined");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_ALT_MASK, "applications.status", "s", "withdrawn");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "applications.search", NULL);
}

static void
pairings_applications_page_init (PairingsApplicationsPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (statuses, _("Any decision"));
  for (guint s = 0; s < PAIRINGS_N_STATUSES; s++)
    gtk_string_list_append (statuses, pairings_status_get_label (s));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));

  self->types = gtk_string_list_new (NULL);
  gtk_string_list_append (self->types, _("Any mentoring type"));
  gtk_drop_down_set_model (self->type_filter, G_LIST_MODEL (self->types));
  {
    g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
    gtk_string_list_append (stages, _("Any career stage"));
    for (guint c = 1; c < PAIRINGS_N_CAREER_STAGES; c++)
      gtk_string_list_append (stages, pairings_career_stage_get_label (c));
    gtk_drop_down_set_model (self->stage_filter, G_LIST_MODEL (stages));
  }

  add_columns (self);
  self->selection = gtk_multi_selection_new (NULL);
  self->shown_list = pairings_shown_new (G_LIST_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (apply_sort), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->role_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->type_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->stage_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->returning_filter, "toggled", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->unreviewed_filter, "toggled", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->recuse_check, "toggled", G_CALLBACK (on_recuse_toggled), self);
  g_signal_connect_swapped (self->confidential_check, "toggled", G_CALLBACK (on_selection_changed), self);
  show_detail (self, NULL);
}

GListModel *
pairings_applications_page_get_model (PairingsApplicationsPage *self)
{
  return G_LIST_MODEL (self->shown_list);
}

void
pairings_applications_page_set_role_filter (PairingsApplicationsPage *self,
                                            int                       role)
{
  gtk_drop_down_set_selected (self->role_filter, role == PAIRINGS_ROLE_MENTEE ? 1
                                                 : role == PAIRINGS_ROLE_MENTOR ? 2 : 0);
}

void
pairings_applications_page_select (PairingsApplicationsPage *self,
                                   guint                     position,
                                   gboolean                  add)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, !add);
}

void
pairings_applications_page_set_unreviewed_only (PairingsApplicationsPage *self,
                                                gboolean                  only)
{
  gtk_check_button_set_active (self->unreviewed_filter, only);
}

/**
 * pairings_applications_page_set_meeting_mode:
 * @meeting_mode: whether the window is shown to a committee (projected)
 *
 * In meeting mode the confidential answers cannot be shown at all: the
 * toggle is unticked and hidden, and the detail never includes them; nor
 * does it show the reviewers' notes (their scores stay).
 */
void
pairings_applications_page_set_meeting_mode (PairingsApplicationsPage *self,
                                             gboolean                  meeting_mode)
{
  g_return_if_fail (PAIRINGS_IS_APPLICATIONS_PAGE (self));

  self->meeting_mode = meeting_mode;
  if (meeting_mode)
    gtk_check_button_set_active (self->confidential_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->confidential_check), !meeting_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->note_entry), !meeting_mode);
  on_selection_changed (self);
}

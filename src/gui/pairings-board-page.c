/* pairings-board-page.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns of cards: the mentees to pair, the mentors with their places,
 * then one column per stage of a pair. Every change goes through a core
 * board operation (written, with its undo step, before anything moves on
 * screen), then the board is read again. A drag carries "pair:ID" or
 * "person:ID"; the same drops are reachable from the keyboard (Ctrl+arrows
 * on a pair card) and from each card's menu (right click, Menu key,
 * Shift+F10). Nothing confidential is ever read here.
 */

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n.h>

#include "pairings-board.h"
#include "pairings-matcher.h"
#include "pairings-board-page.h"
#include "pairings-card-text.h"
#include "pairings-json.h"

#define N_COLUMNS (2 + PAIRINGS_N_STAGES)

struct _PairingsBoardPage
{
  GtkWidget        parent_instance;

  PairingsStore   *store;
  PairingsCohort  *cohort;
  PairingsBoard   *board;
  gboolean         meeting_mode;

  GtkWidget       *box;
  GtkLabel        *to_pair;
  GtkWidget       *columns_box;
  GtkWidget       *columns[N_COLUMNS];
  GtkLabel        *headers[N_COLUMNS];
  GtkWidget       *lists[N_COLUMNS];     /* the columns' card lists */
  char            *header_texts[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (PairingsBoardPage, pairings_board_page, GTK_TYPE_WIDGET)

/* A card's row: focusable, selectable, the target of drops. It draws its
 * card only while the card is in its column's visible area (or near it):
 * GTK 4.8 keeps every card of a column in the window's drawing, and its
 * cairo renderer draws every text of it, seen or not, so a change
 * anywhere cost 50 ms of drawing on a board of 1,000 cards. The page asks
 * a row to draw again when it comes into view.
 *
 * A column is not a GtkListBox: it holds its rows in chunks of at most
 * CHUNK_MAX (boxes in a box). GTK restyles every sibling after a widget
 * that is inserted or removed; in one list of a few hundred cards a card
 * put at the top cost 13–20 ms of layout, in chunks it costs the chunk's.
 * The rows keep their column's selection themselves (click, Ctrl+click,
 * Shift+click, arrows), as a list box would. */
typedef struct
{
  GtkWidget  parent_instance;
  GtkWidget *card;
  gboolean   drawn;
  gboolean   selected;
} PairingsBoardRow;

typedef struct
{
  GtkWidgetClass parent_class;
} PairingsBoardRowClass;

static GType pairings_board_row_get_type (void);

G_DEFINE_TYPE (PairingsBoardRow, pairings_board_row, GTK_TYPE_WIDGET)

#define IS_BOARD_ROW(w) (G_TYPE_CHECK_INSTANCE_TYPE ((w), pairings_board_row_get_type ()))

/* Rows per chunk of a column: a new chunk is started past it. */
#define CHUNK_MAX 12

/* How far outside the visible area a card is still drawn, in pixels. */
#define DRAW_MARGIN 64

/* Whether a row whose top is at @y (in its viewport) and @height high is
 * to be drawn in a viewport @visible high. */
static gboolean
in_view (double y,
         double height,
         double visible)
{
  return y + height >= -DRAW_MARGIN && y <= visible + DRAW_MARGIN;
}

static gboolean
row_in_view (GtkWidget *row)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (row, GTK_TYPE_VIEWPORT);
  graphene_rect_t bounds;

  if (viewport == NULL || !gtk_widget_compute_bounds (row, viewport, &bounds))
    return TRUE;
  return in_view (bounds.origin.y, bounds.size.height, gtk_widget_get_height (viewport));
}

/* The largest card drawn as one picture, in pixels a side. */
#define PICTURE_MAX 4096

/* The card is drawn once into a picture that the row's drawing keeps: GTK
 * draws a row again only when something in it changed, but the renderer
 * draws the rows of the changed part of the window every frame, and with
 * the cairo renderer laying out every glyph of every card in that part
 * cost most of a frame. A picture is copied instead. */
static void
snapshot_card (GtkWidget   *row,
               GtkWidget   *card,
               GtkSnapshot *snapshot)
{
  GtkSnapshot *drawing = gtk_snapshot_new ();
  GskRenderNode *node;
  graphene_rect_t bounds;
  cairo_surface_t *picture;
  cairo_t *cr;
  int scale = gtk_widget_get_scale_factor (row);
  double x, y, width, height;

  gtk_widget_snapshot_child (row, card, drawing);
  node = gtk_snapshot_free_to_node (drawing);
  if (node == NULL)
    return;
  gsk_render_node_get_bounds (node, &bounds);
  x = floor (bounds.origin.x);
  y = floor (bounds.origin.y);
  width = ceil (bounds.origin.x + bounds.size.width) - x;
  height = ceil (bounds.origin.y + bounds.size.height) - y;
  if (width < 1 || height < 1 || width * scale > PICTURE_MAX || height * scale > PICTURE_MAX)
    {
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
      return;
    }

  picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width * scale, (int) height * scale);
  cairo_surface_set_device_scale (picture, scale, scale);
  cr = cairo_create (picture);
  cairo_translate (cr, -x, -y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, width, height));
  cairo_set_source_surface (cr, picture, x, y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (picture);
}

static void
pairings_board_row_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PairingsBoardRow *self = (PairingsBoardRow *) widget;
  GtkWidget *card = self->card;

  self->drawn = row_in_view (widget);
  if (!self->drawn)
    return;
  if (card != NULL && gtk_widget_get_visible (card))
    snapshot_card (widget, card, snapshot);
}

static void
pairings_board_row_dispose (GObject *object)
{
  GtkWidget *child;

  /* The card, and a menu or popover still open on it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  ((PairingsBoardRow *) object)->card = NULL;
  G_OBJECT_CLASS (pairings_board_row_parent_class)->dispose (object);
}

/* A card is as wide as its column makes it: the row asks nothing of its
 * card's width, and its texts wrap at that width (see
 * pairings-card-text.c). The columns have a width of their own (see
 * pairings_board_page_init()). */
static GtkSizeRequestMode
pairings_board_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pairings_board_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *card = ((PairingsBoardRow *) widget)->card;

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL && card != NULL && gtk_widget_get_visible (card))
    gtk_widget_measure (card, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
pairings_board_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GtkWidget *card = ((PairingsBoardRow *) widget)->card;

  if (card != NULL && gtk_widget_get_visible (card))
    gtk_widget_allocate (card, width, height, -1, NULL);
  /* The card's menu, when it is open, follows the card. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static void
pairings_board_row_class_init (PairingsBoardRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pairings_board_row_dispose;
  widget_class->snapshot = pairings_board_row_snapshot;
  widget_class->get_request_mode = pairings_board_row_get_request_mode;
  widget_class->measure = pairings_board_row_measure;
  widget_class->size_allocate = pairings_board_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "boardcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

/* One card of a column takes the keyboard focus (its current card): Tab
 * goes from column to column, the arrows along a column. */
static void
pairings_board_row_init (PairingsBoardRow *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
row_set_card (GtkWidget *row,
              GtkWidget *card)
{
  ((PairingsBoardRow *) row)->card = card;
  gtk_widget_set_parent (card, row);
}

static gboolean
row_is_selected (GtkWidget *row)
{
  return IS_BOARD_ROW (row) && ((PairingsBoardRow *) row)->selected;
}

static void
row_set_selected (GtkWidget *row,
                  gboolean   selected)
{
  PairingsBoardRow *self = (PairingsBoardRow *) row;

  if (self->selected == selected)
    return;
  self->selected = selected;
  if (selected)
    gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

/* A column's rows, through its chunks ------------------------------------------ */

static GtkWidget *
list_first_row (GtkWidget *list)
{
  for (GtkWidget *chunk = gtk_widget_get_first_child (list); chunk != NULL; chunk = gtk_widget_get_next_sibling (chunk))
    if (gtk_widget_get_first_child (chunk) != NULL)
      return gtk_widget_get_first_child (chunk);
  return NULL;
}

static GtkWidget *
list_last_row (GtkWidget *list)
{
  for (GtkWidget *chunk = gtk_widget_get_last_child (list); chunk != NULL; chunk = gtk_widget_get_prev_sibling (chunk))
    if (gtk_widget_get_last_child (chunk) != NULL)
      return gtk_widget_get_last_child (chunk);
  return NULL;
}

static GtkWidget *
row_next (GtkWidget *row)
{
  if (gtk_widget_get_next_sibling (row) != NULL)
    return gtk_widget_get_next_sibling (row);
  for (GtkWidget *chunk = gtk_widget_get_next_sibling (gtk_widget_get_parent (row)); chunk != NULL;
       chunk = gtk_widget_get_next_sibling (chunk))
    if (gtk_widget_get_first_child (chunk) != NULL)
      return gtk_widget_get_first_child (chunk);
  return NULL;
}

static GtkWidget *
row_prev (GtkWidget *row)
{
  if (gtk_widget_get_prev_sibling (row) != NULL)
    return gtk_widget_get_prev_sibling (row);
  for (GtkWidget *chunk = gtk_widget_get_prev_sibling (gtk_widget_get_parent (row)); chunk != NULL;
       chunk = gtk_widget_get_prev_sibling (chunk))
    if (gtk_widget_get_last_child (chunk) != NULL)
      return gtk_widget_get_last_child (chunk);
  return NULL;
}

/* The column (the card list) a row is in. */
static GtkWidget *
row_list (GtkWidget *row)
{
  GtkWidget *chunk = gtk_widget_get_parent (row);

  return chunk != NULL ? gtk_widget_get_parent (chunk) : NULL;
}

static int
row_index (GtkWidget *row)
{
  GtkWidget *chunk = gtk_widget_get_parent (row);
  int index = 0;

  if (chunk == NULL)
    return -1;
  for (GtkWidget *c = gtk_widget_get_prev_sibling (chunk); c != NULL; c = gtk_widget_get_prev_sibling (c))
    for (GtkWidget *r = gtk_widget_get_first_child (c); r != NULL; r = gtk_widget_get_next_sibling (r))
      index++;
  for (GtkWidget *r = gtk_widget_get_prev_sibling (row); r != NULL; r = gtk_widget_get_prev_sibling (r))
    index++;
  return index;
}

static GtkWidget *
new_chunk (void)
{
  return g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "css-name", "boardchunk",
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
}

/* Puts @row before @before, a row of the column, or at its end for NULL. */
static void
list_insert_before (GtkWidget *list,
                    GtkWidget *row,
                    GtkWidget *before)
{
  GtkWidget *chunk = before != NULL ? gtk_widget_get_parent (before) : gtk_widget_get_last_child (list);
  guint size = 0;

  if (chunk != NULL)
    for (GtkWidget *r = gtk_widget_get_first_child (chunk); r != NULL; r = gtk_widget_get_next_sibling (r))
      size++;
  if (chunk == NULL || (before == NULL && size >= CHUNK_MAX))
    {
      GtkWidget *fresh = new_chunk ();

      gtk_widget_insert_after (fresh, list, chunk);
      chunk = fresh;
      size = 0;
    }
  gtk_widget_insert_before (row, chunk, before);
  size++;

  /* A chunk grown to twice the size is cut in two: its second half goes
   * to a chunk of its own, right after it. */
  if (size >= 2 * CHUNK_MAX)
    {
      GtkWidget *half = new_chunk ();
      GtkWidget *r = gtk_widget_get_first_child (chunk);

      for (guint i = 0; i < size / 2; i++)
        r = gtk_widget_get_next_sibling (r);
      gtk_widget_insert_after (half, list, chunk);
      while (r != NULL)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (r);

          g_object_ref (r);
          gtk_widget_unparent (r);
          gtk_widget_insert_before (r, half, NULL);
          g_object_unref (r);
          r = next;
        }
    }
}

static void
list_remove (GtkWidget *row)
{
  GtkWidget *chunk = gtk_widget_get_parent (row);
  GtkWidget *list = row_list (row);

  /* The column keeps no pointer to a card it no longer has. */
  if (list != NULL && g_object_get_data (G_OBJECT (list), "current") == row)
    {
      g_object_set_data (G_OBJECT (list), "current", NULL);
      gtk_widget_set_focusable (row, FALSE);
    }
  if (list != NULL && g_object_get_data (G_OBJECT (list), "anchor") == row)
    g_object_set_data (G_OBJECT (list), "anchor", NULL);
  gtk_widget_unparent (row);
  if (chunk != NULL && gtk_widget_get_first_child (chunk) == NULL)
    gtk_widget_unparent (chunk);
}

/* Makes @row its column's current card, the one that takes the focus. */
static void
row_make_current (GtkWidget *row)
{
  GtkWidget *list = row_list (row);
  GtkWidget *current;

  if (list == NULL)
    return;
  current = g_object_get_data (G_OBJECT (list), "current");
  if (current != NULL && current != row)
    gtk_widget_set_focusable (current, FALSE);
  gtk_widget_set_focusable (row, TRUE);
  g_object_set_data (G_OBJECT (list), "current", row);
}

static void
row_focus (GtkWidget *row)
{
  row_make_current (row);
  gtk_widget_grab_focus (row);
}

/* After the column changed: its current card still there, or the first. */
static void
list_keep_current (GtkWidget *list)
{
  GtkWidget *current = g_object_get_data (G_OBJECT (list), "current");

  if (current != NULL && row_list (current) == list)
    return;
  g_object_set_data (G_OBJECT (list), "current", NULL);
  if (list_first_row (list) != NULL)
    row_make_current (list_first_row (list));
}

static GList *
list_selected_rows (GtkWidget *list)
{
  GList *selected = NULL;

  for (GtkWidget *row = list_first_row (list); row != NULL; row = row_next (row))
    if (row_is_selected (row))
      selected = g_list_prepend (selected, row);
  return g_list_reverse (selected);
}

static gboolean
list_is_multiple (GtkWidget *list)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "column")) >= 2;
}

/* As a list box does: a plain choice selects only @row; with Ctrl, @row is
 * added or taken away; with Shift, the rows from the last one chosen. */
static void
list_choose (GtkWidget       *row,
             GdkModifierType  state)
{
  GtkWidget *list = row_list (row);
  GtkWidget *anchor;
  gboolean multiple;

  if (list == NULL)
    return;
  multiple = list_is_multiple (list);
  anchor = g_object_get_data (G_OBJECT (list), "anchor");
  if (anchor != NULL && row_list (anchor) != list)
    anchor = NULL;

  if (multiple && (state & GDK_CONTROL_MASK) && !(state & GDK_SHIFT_MASK))
    {
      row_set_selected (row, !row_is_selected (row));
      g_object_set_data (G_OBJECT (list), "anchor", row);
      return;
    }
  if (multiple && (state & GDK_SHIFT_MASK) && anchor != NULL)
    {
      int from = row_index (anchor), to = row_index (row), i = 0;

      for (GtkWidget *r = list_first_row (list); r != NULL; r = row_next (r), i++)
        row_set_selected (r, (i >= MIN (from, to) && i <= MAX (from, to)) ||
                             ((state & GDK_CONTROL_MASK) && row_is_selected (r)));
      return;
    }
  for (GtkWidget *r = list_first_row (list); r != NULL; r = row_next (r))
    row_set_selected (r, r == row);
  g_object_set_data (G_OBJECT (list), "anchor", row);
}

/* Before the page draws: the rows that scrolled or moved into view (or out
 * of it) draw again. */
static void
refresh_drawn_rows (PairingsBoardPage *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *list = self->lists[c];
      GtkWidget *viewport = gtk_widget_get_ancestor (list, GTK_TYPE_VIEWPORT);
      graphene_rect_t bounds;
      double visible;

      if (viewport == NULL || !gtk_widget_compute_bounds (list, viewport, &bounds))
        continue;
      visible = gtk_widget_get_height (viewport);
      for (GtkWidget *chunk = gtk_widget_get_first_child (list); chunk != NULL;
           chunk = gtk_widget_get_next_sibling (chunk))
        {
          GtkAllocation at;

          gtk_widget_get_allocation (chunk, &at);
          /* A chunk out of view has its rows out of view: only those still
           * drawn change, and no row's place is needed (asking GTK for a
           * widget's allocation costs more than the rest of this loop). */
          if (!in_view (bounds.origin.y + at.y, at.height, visible))
            {
              for (GtkWidget *row = gtk_widget_get_first_child (chunk); row != NULL;
                   row = gtk_widget_get_next_sibling (row))
                if (IS_BOARD_ROW (row) && ((PairingsBoardRow *) row)->drawn)
                  gtk_widget_queue_draw (row);
              continue;
            }
          for (GtkWidget *row = gtk_widget_get_first_child (chunk); row != NULL; row = gtk_widget_get_next_sibling (row))
            {
              GtkAllocation allocation;

              if (!IS_BOARD_ROW (row))
                continue;
              gtk_widget_get_allocation (row, &allocation);
              if (((PairingsBoardRow *) row)->drawn !=
                  in_view (bounds.origin.y + at.y + allocation.y, allocation.height, visible))
                gtk_widget_queue_draw (row);
            }
        }
    }
}

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Columns ---------------------------------------------------------------------- */

static const char *column_names[N_COLUMNS] = {
  "mentees", "mentors", "suggested", "discussion", "approved", "announced", "set_aside",
};

static const char *
column_title (guint column)
{
  if (column == 0)
    return _("Mentees to Pair");
  if (column == 1)
    return _("Mentors");
  return pairings_stage_get_label (column - 2);
}

static int
column_of (const char *name)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (g_strcmp0 (column_names[c], name) == 0)
      return (int) c;
  return -1;
}

static gboolean
parse_payload (const char *payload,
               gboolean   *is_pair,
               gint64     *id)
{
  const char *colon;

  if (payload == NULL || (colon = strchr (payload, ':')) == NULL)
    return FALSE;
  *is_pair = g_str_has_prefix (payload, "pair:");
  if (!*is_pair && !g_str_has_prefix (payload, "person:"))
    return FALSE;
  *id = g_ascii_strtoll (colon + 1, NULL, 10);
  return *id > 0;
}

/* Operations, with the rules confirmed ---------------------------------------------- */

typedef struct
{
  PairingsBoardPage *self;
  gint64             a;
  gint64             b;
  gboolean           swap;
} Pending;

static void refresh_pairs (PairingsBoardPage *self, guint stages);

/* After an operation of this page: @stages as for refresh_pairs(). */
static void
changed_stages (PairingsBoardPage *self,
                guint              stages,
                const char        *message)
{
  refresh_pairs (self, stages);
  g_signal_emit (self, signals[CHANGED], 0, message);
}

static void
changed (PairingsBoardPage *self,
         const char        *message)
{
  changed_stages (self, 0, message);
}

static void
report (PairingsBoardPage *self,
        GError            *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
}

static void do_pair_or_swap (PairingsBoardPage *self, gint64 a, gint64 b, gboolean swap, gboolean confirmed);

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_clear_object (&pending->self);
  g_free (pending);
}

static void
on_rule_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Pending *pending = user_data;

  /* Once only, whatever happens to the dialog afterwards. */
  if (pending->self == NULL)
    return;
  if (g_str_equal (response, "pair"))
    do_pair_or_swap (pending->self, pending->a, pending->b, pending->swap, TRUE);
  g_clear_object (&pending->self);
}

/* A broken rule asks first, naming it; Cancel changes nothing. */
static void
ask_rule (PairingsBoardPage *self,
          GError            *error,
          gint64             a,
          gint64             b,
          gboolean           swap)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->a = a;
  pending->b = b;
  pending->swap = swap;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Pair Them Anyway?"), error->message));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "pair", _("_Pair Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "pair", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rule_response), pending, pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static PairingsBoardPerson *
find_person (PairingsBoardPage *self,
             gint64             application_id)
{
  for (guint i = 0; self->board != NULL && i < self->board->people->len; i++)
    {
      PairingsBoardPerson *person = g_ptr_array_index (self->board->people, i);
      if (person->application_id == application_id)
        return person;
    }
  return NULL;
}

static const char *
person_name (PairingsBoardPage *self,
             gint64             application_id)
{
  PairingsBoardPerson *person = find_person (self, application_id);

  return person != NULL ? person->name : "";
}

/* @a, @b: a mentor and a mentee (either order) to pair; or, with @swap, a
 * pair and the person to put in it. */
static void
do_pair_or_swap (PairingsBoardPage *self,
                 gint64             a,
                 gint64             b,
                 gboolean           swap,
                 gboolean           confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (swap)
    ok = pairings_board_swap (self->store, a, b, confirmed, &error);
  else
    {
      PairingsBoardPerson *first = find_person (self, a);
      gboolean a_is_mentee = first != NULL && first->role == PAIRINGS_ROLE_MENTEE;
      gint64 mentor = a_is_mentee ? b : a, mentee = a_is_mentee ? a : b;

      ok = pairings_board_pair (self->store, mentor, mentee, confirmed, &error) != 0;
      if (ok)
        message = g_strdup_printf (_("%s and %s are now under discussion"), person_name (self, mentor),
                                   person_name (self, mentee));
    }
  if (!ok && g_error_matches (error, PAIRINGS_BOARD_ERROR, PAIRINGS_BOARD_ERROR_RULE))
    {
      ask_rule (self, error, a, b, swap);
      return;
    }
  if (!ok)
    {
      report (self, error);
      return;
    }
  changed (self, message != NULL ? message : _("Pair changed"));
}

static void
move_pairs (PairingsBoardPage *self,
            const gint64      *pair_ids,
            guint              n,
            PairingsStage      stage,
            int                position)
{
  g_autoptr(GError) error = NULL;
  guint stages = 1u << stage;

  /* The stages the move changes: the pairs' and @stage. */
  for (guint i = 0; i < n && self->board != NULL; i++)
    {
      PairingsBoardPair *pair = pairings_board_find_pair (self->board, pair_ids[i]);

      stages |= pair != NULL ? 1u << pair->stage : (1u << PAIRINGS_N_STAGES) - 1;
    }
  if (!pairings_board_move (self->store, pair_ids, n, stage, position, &error))
    {
      report (self, error);
      return;
    }
  {
    g_autofree char *message = n == 1 ? g_strdup_printf (_("Moved to %s"), pairings_stage_get_label (stage))
                               : g_strdup_printf (ngettext ("%u pair moved to %s", "%u pairs moved to %s", n),
                                                  n, pairings_stage_get_label (stage));
    changed_stages (self, stages, message);
  }
}

static void
move_pair (PairingsBoardPage *self,
           gint64             pair_id,
           PairingsStage      stage,
           int                position)
{
  move_pairs (self, &pair_id, 1, stage, position);
}

static void
dissolve_pairs (PairingsBoardPage *self,
                const gint64      *pair_ids,
                guint              n)
{
  g_autoptr(GError) error = NULL;

  if (!pairings_board_dissolve (self->store, pair_ids, n, &error))
    report (self, error);
  else
    changed (self, ngettext ("Pair dissolved", "Pairs dissolved", n));
}

static void
dissolve_pair (PairingsBoardPage *self,
               gint64             pair_id)
{
  dissolve_pairs (self, &pair_id, 1);
}

/* "pairs:1,2,3": several selected pair cards dragged together. */
static GArray *
parse_pairs (const char *payload)
{
  g_auto(GStrv) parts = NULL;
  GArray *ids;

  if (payload == NULL || !g_str_has_prefix (payload, "pairs:"))
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  parts = g_strsplit (payload + strlen ("pairs:"), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
      if (id > 0)
        g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    g_clear_pointer (&ids, g_array_unref);
  return ids;
}

/**
 * pairings_board_page_drop:
 *
 * What a drop does, wherever it comes from (a drag, a test).
 *
 * Returns: %TRUE when the drop means something there
 */
gboolean
pairings_board_page_drop (PairingsBoardPage *self,
                          const char        *payload,
                          const char        *stage_or_pool,
                          int                position,
                          const char        *target)
{
  gboolean is_pair, target_is_pair;
  gint64 id, target_id = 0;
  int column = column_of (stage_or_pool);

  g_return_val_if_fail (PAIRINGS_IS_BOARD_PAGE (self), FALSE);

  if (self->store != NULL && column >= 0 && g_str_has_prefix (payload, "pairs:"))
    {
      g_autoptr(GArray) ids = parse_pairs (payload);

      if (ids == NULL || column == 1)
        return FALSE;
      if (column == 0)
        dissolve_pairs (self, (gint64 *) (void *) ids->data, ids->len);
      else
        move_pairs (self, (gint64 *) (void *) ids->data, ids->len, (PairingsStage) (column - 2), position);
      return TRUE;
    }
  if (self->store == NULL || !parse_payload (payload, &is_pair, &id) || column < 0)
    return FALSE;
  if (target != NULL && !parse_payload (target, &target_is_pair, &target_id))
    return FALSE;

  if (!is_pair)
    {
      /* A person onto a person: a new pair; onto a pair: a swap. */
      if (target == NULL || target_id == id)
        return FALSE;
      do_pair_or_swap (self, target_is_pair ? target_id : id, target_is_pair ? id : target_id, target_is_pair, FALSE);
      return TRUE;
    }

  /* A pair back to the mentees: dissolved; to a stage: moved there. */
  if (column == 0)
    {
      dissolve_pair (self, id);
      return TRUE;
    }
  if (column == 1)
    return FALSE;
  move_pair (self, id, (PairingsStage) (column - 2), position);
  return TRUE;
}

/* Actions ---------------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (widget);
  gint64 pair;
  const char *stage_name;
  int position;
  PairingsStage stage;

  g_variant_get (parameter, "(x&si)", &pair, &stage_name, &position);
  if (pairings_stage_from_string (stage_name, &stage))
    move_pair (self, pair, stage, position);
}

static void
pair_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 a, b;

  g_variant_get (parameter, "(xx)", &a, &b);
  do_pair_or_swap (PAIRINGS_BOARD_PAGE (widget), a, b, g_str_equal (action_name, "board.swap"), FALSE);
}

static void
dissolve_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dissolve_pair (PAIRINGS_BOARD_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  PairingsBoardPair *pair = self->board ? pairings_board_find_pair (self->board, id) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean pin;

  if (pair == NULL)
    return;
  pin = !pair->pinned;
  if (!pairings_board_set_pinned (self->store, &id, 1, pin, &error))
    report (self, error);
  else
    changed (self, pin ? _("Pair pinned: suggestions keep it") : _("Pair unpinned"));
}

/* Why a pair: the matching engine's score for it, criterion by criterion,
 * and the best other mentor it found, in a popover on the card. */
static GtkWidget *
find_pair_row (PairingsBoardPage *self,
               gint64             pair_id)
{
  g_autofree char *payload = g_strdup_printf ("pair:%" G_GINT64_FORMAT, pair_id);

  for (guint c = 2; c < N_COLUMNS; c++)
    for (GtkWidget *row = list_first_row (self->lists[c]); row != NULL; row = row_next (row))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "payload"), payload) == 0)
        return row;
  return NULL;
}

static void
explain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  PairingsBoardPair *pair = self->board ? pairings_board_find_pair (self->board, id) : NULL;
  GtkWidget *row = find_pair_row (self, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PairingsMatchSettings settings;
  PairingsMatchResult *result;
  PairingsSuggestion *found = NULL, *instead = NULL;
  GtkWidget *popover, *label;

  if (pair == NULL || row == NULL)
    return;
  if (!pairings_match_settings_load (self->store, self->board->cohort_id, &settings, &error) ||
      (result = pairings_matcher_run (self->store, self->board->cohort_id, &settings, NULL, &error)) == NULL)
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < result->pairs->len; i++)
    {
      PairingsSuggestion *s = g_ptr_array_index (result->pairs, i);

      if (s->mentee_id == pair->mentee->application_id && s->mentor_id == pair->mentor->application_id)
        found = s;
      else if (s->mentee_id == pair->mentee->application_id)
        instead = s;
    }

  if (found != NULL)
    {
      g_string_append_printf (text, _("Score %d"), found->score);
      for (guint c = 0; c < found->contributions->len; c++)
        g_string_append_printf (text, "\n%s", g_array_index (found->contributions, PairingsContribution, c).text);
      if (found->alternative_id > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Best alternative: %s (score %d)"), found->alternative_name,
                                  found->alternative_score);
        }
    }
  else if (instead != NULL)
    g_string_append_printf (text, _("The engine would now pair %s with %s (score %d)."),
                            pair->mentee->name, instead->mentor_name, instead->score);
  else
    g_string_append (text, _("The engine has no score for this pair (a rule of the cohort's settings rules it out)."));
  pairings_match_result_free (result);

  popover = gtk_popover_new ();
  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "board-explanation");
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_widget_set_parent (popover, row);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* Cards -------------------------------------------------------------------------- */

static GtkWidget *
text_line (const char *text,
           const char *css_class)
{
  GtkWidget *label = pairings_card_text_new (text, FALSE);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
person_facts (PairingsBoardPerson *person)
{
  const char *stage = person->career_stage == PAIRINGS_CAREER_UNKNOWN ? ""
                      : pairings_career_stage_get_label (person->career_stage);

  return g_strdup_printf ("%s%s%s", stage, *stage && *person->institution ? " · " : "", person->institution);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  const char *payload = g_object_get_data (G_OBJECT (row), "payload");
  GtkWidget *list = row_list (row);

  /* A selected pair card takes the other selected cards of its column. */
  if (g_str_has_prefix (payload, "pair:") && row_is_selected (row) && list != NULL)
    {
      g_autoptr(GList) selected = list_selected_rows (list);

      if (selected != NULL && selected->next != NULL)
        {
          g_autoptr(GString) pairs = g_string_new ("pairs:");

          for (GList *l = selected; l != NULL; l = l->next)
            g_string_append_printf (pairs, "%s%s", l == selected ? "" : ",",
                                    (const char *) g_object_get_data (l->data, "payload") + strlen ("pair:"));
          return gdk_content_provider_new_typed (G_TYPE_STRING, pairs->str);
        }
    }
  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 12, 12);
}

static int
row_column (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "column"));
}

static gboolean
on_row_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             GtkWidget     *row)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (gtk_widget_get_ancestor (row, PAIRINGS_TYPE_BOARD_PAGE));
  const char *payload = g_value_get_string (value);
  gboolean is_pair;
  gint64 id;
  int column = row_column (row);

  if (!parse_payload (payload, &is_pair, &id))
    return FALSE;
  /* A pair dropped on a card goes where that card is, in its column. */
  if (is_pair)
    return pairings_board_page_drop (self, payload, column_names[column], row_index (row), NULL);
  return pairings_board_page_drop (self, payload, column_names[column], -1,
                                   g_object_get_data (G_OBJECT (row), "payload"));
}

static gboolean
on_column_drop (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                GtkWidget     *list)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (gtk_widget_get_ancestor (list, PAIRINGS_TYPE_BOARD_PAGE));
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list), "column"));

  return pairings_board_page_drop (self, g_value_get_string (value), column_names[column], -1, NULL);
}

static void
add_drop_target (GtkWidget *widget,
                 GCallback  callback)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  g_signal_connect (target, "drop", callback, widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

/* The card's menu: the same moves as the drags. */
static GMenuModel *
pair_menu (PairingsBoardPair *pair)
{
  GMenu *menu = g_menu_new ();
  GMenu *move = g_menu_new ();

  for (int s = 0; s < PAIRINGS_N_STAGES; s++)
    if ((PairingsStage) s != pair->stage)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (pairings_stage_get_label (s), NULL);

        g_menu_item_set_action_and_target (item, "board.move", "(xsi)", pair->id, pairings_stage_to_string (s), -1);
        g_menu_append_item (move, item);
      }
  g_menu_append_submenu (menu, _("_Move to"), G_MENU_MODEL (move));
  {
    g_autoptr(GMenuItem) explain = g_menu_item_new (_("_Why This Pair?"), NULL);
    g_autoptr(GMenuItem) pin = g_menu_item_new (pair->pinned ? _("_Unpin") : _("_Pin"), NULL);
    g_autoptr(GMenuItem) dissolve = g_menu_item_new (_("_Dissolve"), NULL);

    g_menu_item_set_action_and_target (explain, "board.explain", "x", pair->id);
    g_menu_append_item (menu, explain);
    g_menu_item_set_action_and_target (pin, "board.pin", "x", pair->id);
    g_menu_item_set_action_and_target (dissolve, "board.dissolve", "x", pair->id);
    g_menu_append_item (menu, pin);
    g_menu_append_item (menu, dissolve);
  }
  g_object_unref (move);
  return G_MENU_MODEL (menu);
}

/* The person card's menu. */
static GMenuModel *
person_menu (PairingsBoardPage   *self,
             PairingsBoardPerson *person)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) with = g_menu_item_new (_("Pair _with…"), NULL);

  g_menu_item_set_action_and_target (with, "board.pair-with", "x", person->application_id);
  g_menu_append_item (menu, with);
  return G_MENU_MODEL (menu);
}


static GtkWidget *
find_person_row (PairingsBoardPage *self,
                 gint64             application_id)
{
  g_autofree char *payload = g_strdup_printf ("person:%" G_GINT64_FORMAT, application_id);

  for (guint c = 0; c < 2; c++)
    for (GtkWidget *row = list_first_row (self->lists[c]); row != NULL; row = row_next (row))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "payload"), payload) == 0)
        return row;
  return NULL;
}

static gboolean
filter_candidate (GtkListBoxRow *row,
                  gpointer       user_data)
{
  GtkEditable *entry = user_data;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (g_object_get_data (G_OBJECT (row), "name"), -1);
  return strstr (name, needle) != NULL;
}

static void
on_candidate_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (list), PAIRINGS_TYPE_BOARD_PAGE));
  gint64 person = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list), "person"));
  gint64 other = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "application"));

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER)));
  do_pair_or_swap (self, person, other, FALSE, FALSE);
}

static void
on_candidate_search (GtkSearchEntry *entry,
                     GtkListBox     *list)
{
  gtk_list_box_invalidate_filter (list);
}

/* "Pair with…": the people of the other role the cohort's rules allow with
 * this one, best match first, with a search over their names. */
static void
pair_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  PairingsBoardPerson *person = find_person (self, id);
  GtkWidget *row = find_person_row (self, id);
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  PairingsMatchSettings settings;
  GtkWidget *popover, *box, *entry, *scroller, *list;

  if (person == NULL || row == NULL)
    return;
  if (!pairings_match_settings_load (self->store, self->board->cohort_id, &settings, &error) ||
      (candidates = pairings_matcher_rank_candidates (self->store, self->board->cohort_id, &settings, id,
                                                      &error)) == NULL)
    {
      report (self, error);
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the people to pair with"), -1);
  list = gtk_list_box_new ();
  g_object_set_data (G_OBJECT (list), "person", GSIZE_TO_POINTER ((gsize) id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People to pair with, best match first"), -1);
  for (guint i = 0; i < candidates->len; i++)
    {
      PairingsCandidate *c = &g_array_index (candidates, PairingsCandidate, i);
      PairingsBoardPerson *other = find_person (self, c->application_id);
      g_autofree char *text = NULL;
      GtkWidget *item, *label;

      if (other == NULL)
        continue;
      /* TRANSLATORS: a person and the match score, in "Pair with…" */
      text = g_strdup_printf (_("%s — score %d"), other->name, c->score);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      item = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), label);
      g_object_set_data_full (G_OBJECT (item), "name", g_strdup (other->name), g_free);
      g_object_set_data (G_OBJECT (item), "application", GSIZE_TO_POINTER ((gsize) c->application_id));
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  if (candidates->len == 0)
    gtk_list_box_set_placeholder (GTK_LIST_BOX (list), gtk_label_new (_("No one the cohort's rules allow")));
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_candidate, entry, NULL);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_candidate_search), list);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_candidate_activated), NULL);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_parent (popover, row);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_grab_focus (entry);
}

/* The card's menu, made from the board as it is now (a card may outlive
 * several changes). */
static void
popup_menu (GtkWidget *row)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (gtk_widget_get_ancestor (row, PAIRINGS_TYPE_BOARD_PAGE));
  const char *payload = g_object_get_data (G_OBJECT (row), "payload");
  g_autoptr(GMenuModel) model = NULL;
  GtkWidget *popover;
  gboolean is_pair;
  gint64 id;

  if (self->board == NULL || !parse_payload (payload, &is_pair, &id))
    return;
  if (is_pair)
    {
      PairingsBoardPair *pair = pairings_board_find_pair (self->board, id);
      if (pair != NULL)
        model = pair_menu (pair);
    }
  else
    for (guint i = 0; i < self->board->people->len && model == NULL; i++)
      {
        PairingsBoardPerson *person = g_ptr_array_index (self->board->people, i);
        if (person->application_id == id)
          model = person_menu (self, person);
      }
  if (model == NULL)
    return;
  popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (popover, row);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkWidget       *row)
{
  popup_menu (row);
}

/* After a move from the keyboard the focus stays on the pair's card,
 * wherever it is now, so that it can be moved again. */
static void
refocus_pair (PairingsBoardPage *self,
              gint64             pair_id)
{
  GtkWidget *row = find_pair_row (self, pair_id);

  if (row != NULL)
    row_focus (row);
}

static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkWidget       *row)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  row_focus (row);
  list_choose (row, state);
}

/* Ctrl+←/→: the pair to the stage before or after; Ctrl+↑/↓: up or down
 * its column; Menu, Shift+F10: the card's menu. */
static gboolean
on_card_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             GtkWidget             *row)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (gtk_widget_get_ancestor (row, PAIRINGS_TYPE_BOARD_PAGE));
  const char *payload = g_object_get_data (G_OBJECT (row), "payload");
  int column = row_column (row);
  int index = row_index (row);
  gboolean is_pair;
  gint64 id;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      popup_menu (row);
      return TRUE;
    }
  /* Moving along the column, choosing as a list box does. */
  if (!(state & GDK_CONTROL_MASK) || keyval == GDK_KEY_space)
    {
      GtkWidget *to = NULL;

      switch (keyval)
        {
        case GDK_KEY_Up:
        case GDK_KEY_KP_Up:
          to = row_prev (row);
          break;
        case GDK_KEY_Down:
        case GDK_KEY_KP_Down:
          to = row_next (row);
          break;
        case GDK_KEY_Home:
        case GDK_KEY_KP_Home:
          to = list_first_row (row_list (row));
          break;
        case GDK_KEY_End:
        case GDK_KEY_KP_End:
          to = list_last_row (row_list (row));
          break;
        case GDK_KEY_space:
        case GDK_KEY_KP_Space:
          list_choose (row, state);
          return TRUE;
        default:
          return FALSE;
        }
      if (to != NULL)
        {
          row_focus (to);
          list_choose (to, state & GDK_SHIFT_MASK);
        }
      return TRUE;
    }
  if (!parse_payload (payload, &is_pair, &id) || !is_pair)
    return FALSE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right)
    {
      /* The selected cards of the column go together (this one at least). */
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GList) selected = list_selected_rows (row_list (row));

      if (row_is_selected (row))
        for (GList *l = selected; l != NULL; l = l->next)
          {
            gint64 other = g_ascii_strtoll ((const char *) g_object_get_data (l->data, "payload") + strlen ("pair:"),
                                            NULL, 10);
            g_array_append_val (ids, other);
          }
      if (ids->len == 0)
        g_array_append_val (ids, id);
      if (keyval == GDK_KEY_Left && column > 2)
        move_pairs (self, (gint64 *) (void *) ids->data, ids->len, (PairingsStage) (column - 3), -1);
      else if (keyval == GDK_KEY_Left)
        dissolve_pairs (self, (gint64 *) (void *) ids->data, ids->len);
      else if (column - 2 + 1 < PAIRINGS_N_STAGES)
        move_pairs (self, (gint64 *) (void *) ids->data, ids->len, (PairingsStage) (column - 1), -1);
      refocus_pair (self, id);
      return TRUE;
    }
  switch (keyval)
    {
    case GDK_KEY_Up:
      if (index > 0)
        move_pair (self, id, (PairingsStage) (column - 2), index - 1);
      refocus_pair (self, id);
      return TRUE;
    case GDK_KEY_Down:
      move_pair (self, id, (PairingsStage) (column - 2), index + 1);
      refocus_pair (self, id);
      return TRUE;
    default:
      return FALSE;
    }
}

/* What a card shows, as one string: a card whose signature has not changed
 * is kept as it is across a change to the board (an edited application
 * changes its cards' signatures). Written without printf(): a move's
 * refresh makes one for every card of the stages it changed, and one for
 * every mentor when a mentor's places change. */
static void
signature_int (GString *sig,
               gint64   value)
{
  pairings_json_append_int (sig, value);
  g_string_append_c (sig, '|');
}

static void
signature_text (GString    *sig,
                const char *text)
{
  g_string_append (sig, text);
  g_string_append_c (sig, '|');
}

static void
signature_texts (GString  *sig,
                 char    **texts)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_string_append (sig, texts[i]);
      g_string_append_c (sig, ',');
    }
  g_string_append_c (sig, '|');
}

static char *
person_signature (PairingsBoardPerson *person)
{
  GString *sig = g_string_sized_new (160);

  g_string_append (sig, "person:");
  signature_int (sig, person->application_id);
  signature_int (sig, person->used);
  signature_int (sig, person->capacity);
  signature_int (sig, person->career_stage);
  signature_text (sig, person->name);
  signature_text (sig, person->institution);
  signature_text (sig, person->location);
  signature_texts (sig, person->mentoring_types);
  return g_string_free (sig, FALSE);
}

static char *
pair_signature (PairingsBoardPair *pair)
{
  /* Not the stage: a card is the same in every column, and moves between
   * them (see show_board()). */
  GString *sig = g_string_sized_new (200);

  g_string_append (sig, "pair:");
  signature_int (sig, pair->id);
  signature_int (sig, pair->mentor->application_id);
  signature_int (sig, pair->mentee->application_id);
  signature_int (sig, pair->pinned);
  signature_int (sig, (gint64) pair->warnings);
  signature_int (sig, (gint64) llround (pair->score * 1000.0));
  signature_text (sig, pair->mentor->name);
  signature_text (sig, pair->mentee->name);
  signature_text (sig, pair->mentor->institution);
  signature_text (sig, pair->mentee->institution);
  signature_texts (sig, pair->shared_types);
  return g_string_free (sig, FALSE);
}

static GtkWidget *
make_row (PairingsBoardPage *self,
          GtkWidget         *content,
          const char        *payload,
          const char        *accessible,
          guint              column,
          const char        *signature)
{
  GtkWidget *row = g_object_new (pairings_board_row_get_type (), NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *choose = gtk_gesture_click_new ();

  gtk_widget_add_css_class (content, "board-card");
  gtk_widget_add_css_class (content, "card");
  row_set_card (row, content);
  gtk_widget_add_css_class (row, "board-row");
  g_object_set_data_full (G_OBJECT (row), "payload", g_strdup (payload), g_free);
  g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
  g_object_set_data_full (G_OBJECT (row), "signature", g_strdup (signature), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  add_drop_target (row, G_CALLBACK (on_row_drop));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_card_key), row);
  gtk_widget_add_controller (row, keys);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_right_click), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  /* Chosen on release, as in a list box: pressing a selected card and
   * dragging it takes the whole selection along. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (choose), GDK_BUTTON_PRIMARY);
  g_signal_connect (choose, "released", G_CALLBACK (on_row_released), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (choose));
  return row;
}

static GtkWidget *
person_row (PairingsBoardPage   *self,
            PairingsBoardPerson *person,
            guint                column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *facts = person_facts (person);
  g_autofree char *payload = g_strdup_printf ("person:%" G_GINT64_FORMAT, person->application_id);

  gtk_box_append (GTK_BOX (box), text_line (person->name, "heading"));
  if (*facts)
    gtk_box_append (GTK_BOX (box), text_line (facts, NULL));
  if (*person->location)
    gtk_box_append (GTK_BOX (box), text_line (person->location, "dim-label"));
  if (person->role == PAIRINGS_ROLE_MENTOR)
    {
      int left = person->capacity - person->used;
      g_autofree char *places = NULL;
      GtkWidget *label;

      if (left < 0)
        places = g_strdup_printf (ngettext ("%d mentee over capacity", "%d mentees over capacity",
                                            (gulong) -left),
                                  -left);
      else
        places = g_strdup_printf (ngettext ("%d of %d place left", "%d of %d places left",
                                            (gulong) MAX (person->capacity, 1)),
                                  left, person->capacity);
      label = text_line (places, left < 0 ? "error" : left == 0 ? "dim-label" : "accent");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), pairings_card_chips_new ((const char * const *) person->mentoring_types));
  {
    g_autofree char *signature = person_signature (person);
    return make_row (self, box, payload, person->name, column, signature);
  }
}

static GtkWidget *
pair_row (PairingsBoardPage *self,
          PairingsBoardPair *pair)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *names = g_strdup_printf (_("%s and %s"), pair->mentor->name, pair->mentee->name);
  g_autofree char *institutions = g_strdup_printf ("%s · %s", pair->mentor->institution, pair->mentee->institution);
  g_autofree char *payload = g_strdup_printf ("pair:%" G_GINT64_FORMAT, pair->id);
  GtkWidget *title = text_line (names, "heading");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  if (pair->pinned)
    {
      GtkWidget *pin = gtk_image_new_from_icon_name ("view-pin-symbolic");
      gtk_widget_set_tooltip_text (pin, _("Pinned: suggestions keep this pair"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (pin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pinned"), -1);
      gtk_box_append (GTK_BOX (top), pin);
    }
  if (pair->warnings != 0)
    {
      g_autofree char *warnings = pairings_board_warning_text (pair->warnings);
      GtkWidget *badge = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (badge, "warning");
      gtk_widget_set_tooltip_text (badge, warnings);
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, warnings, -1);
      gtk_box_append (GTK_BOX (top), badge);
    }
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), text_line (institutions, "dim-label"));
  if (pair->score >= 0)
    {
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (pair->score, 0, 1));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Match score"), -1);
      gtk_box_append (GTK_BOX (box), bar);
    }
  if (pair->warnings != 0)
    {
      g_autofree char *warnings = pairings_board_warning_text (pair->warnings);
      g_auto(GStrv) lines = g_strsplit (warnings, "\n", -1);
      GtkWidget *flow = pairings_card_chips_new ((const char * const *) lines);

      gtk_widget_add_css_class (flow, "board-warnings");
      gtk_box_append (GTK_BOX (box), flow);
    }
  gtk_box_append (GTK_BOX (box), pairings_card_chips_new ((const char * const *) pair->shared_types));
  {
    g_autofree char *signature = pair_signature (pair);
    return make_row (self, box, payload, names, 2 + pair->stage, signature);
  }
}

/* Loading ------------------------------------------------------------------------ */

static void
clear_list (GtkWidget *list)
{
  GtkWidget *chunk;

  g_object_set_data (G_OBJECT (list), "current", NULL);
  g_object_set_data (G_OBJECT (list), "anchor", NULL);
  while ((chunk = gtk_widget_get_first_child (list)) != NULL)
    gtk_widget_unparent (chunk);
}

static void
set_header (PairingsBoardPage *self,
            guint              column,
            guint              count)
{
  g_autofree char *text = NULL;
  gboolean over = FALSE;

  if (column == 2 + PAIRINGS_STAGE_APPROVED && self->board->pair_limit >= 0)
    {
      /* TRANSLATORS: a column's title, its count and the cohort's limit */
      text = g_strdup_printf (_("%s — %u of %d"), column_title (column), count, self->board->pair_limit);
      over = count > (guint) self->board->pair_limit;
    }
  else
    text = g_strdup_printf ("%s — %u", column_title (column), count);
  /* Unchanged: nothing to do (a screen reader is not told again either). */
  if (g_strcmp0 (text, self->header_texts[column]) == 0)
    return;
  g_free (self->header_texts[column]);
  self->header_texts[column] = g_strdup (text);
  gtk_label_set_text (self->headers[column], text);
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (self->headers[column]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->headers[column]), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->headers[column]),
                               over ? _("More approved pairs than the cohort's limit") : NULL);
  /* Screen readers, and tests, find a column by a name that starts with
   * its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->columns[column]), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

typedef struct
{
  const char *signature;
  gboolean    is_pair;
  gpointer    data;
} Wanted;

/* Whether @list already shows @wanted, card for card. */
static gboolean
column_is (GtkWidget *list,
           GArray    *wanted)
{
  GtkWidget *row;
  guint i = 0;

  for (row = list_first_row (list); row != NULL; row = row_next (row), i++)
    if (i >= wanted->len ||
        g_strcmp0 (g_object_get_data (G_OBJECT (row), "signature"), g_array_index (wanted, Wanted, i).signature) != 0)
      return FALSE;
  return i == wanted->len;
}

/* Takes out of @list the cards it no longer shows: into @pool (signature
 * → row) when there is one, where another column may take them. */
static void
column_release (GtkWidget  *list,
                GArray     *wanted,
                GHashTable *pool)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *row, *next;

  for (guint k = 0; k < wanted->len; k++)
    g_hash_table_add (keep, (gpointer) g_array_index (wanted, Wanted, k).signature);
  for (row = list_first_row (list); row != NULL; row = next)
    {
      const char *signature = g_object_get_data (G_OBJECT (row), "signature");

      next = row_next (row);
      if (g_hash_table_contains (keep, signature))
        continue;
      if (pool != NULL)
        g_hash_table_insert (pool, (gpointer) signature, g_object_ref (row));
      list_remove (row);
    }
}

/* Puts @list's cards in @wanted's order: its own where it has them, then
 * one from @pool (a card another column let go: the same pair, moved), and
 * only then a new one. A card that moves keeps its widgets, so GTK does
 * not lay its text out again. */
static void
column_fill (PairingsBoardPage *self,
             guint              column,
             GArray            *wanted,
             GHashTable        *pool)
{
  GtkWidget *list = self->lists[column];
  g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *row;

  for (row = list_first_row (list); row != NULL; row = row_next (row))
    g_hash_table_insert (existing, g_object_get_data (G_OBJECT (row), "signature"), row);

  /* One walk down the column: @row is where the k-th wanted card goes. */
  row = list_first_row (list);
  for (guint k = 0; k < wanted->len; k++)
    {
      Wanted *w = &g_array_index (wanted, Wanted, k);
      GtkWidget *card;
      gpointer pooled_key, pooled = NULL;

      if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "signature"), w->signature) == 0)
        {
          row = row_next (row);
          continue;
        }
      card = g_hash_table_lookup (existing, w->signature);
      if (card != NULL)
        {
          g_object_ref (card);
          list_remove (card);
          list_insert_before (list, card, row);
          g_object_unref (card);
        }
      else if (pool != NULL && g_hash_table_steal_extended (pool, w->signature, &pooled_key, &pooled))
        {
          /* From another column: chosen there, not here. */
          row_set_selected (pooled, FALSE);
          g_object_set_data (G_OBJECT (pooled), "column", GUINT_TO_POINTER (column));
          list_insert_before (list, pooled, row);
          g_object_unref (pooled);
        }
      else
        list_insert_before (list, w->is_pair ? pair_row (self, w->data) : person_row (self, w->data, column), row);
    }
  list_keep_current (list);
}

/* Makes @column show @wanted, in that order, keeping the cards that did
 * not change: after a change only the cards that changed are made again. */
static void
sync_column (PairingsBoardPage *self,
             guint              column,
             GArray            *wanted)
{
  if (column_is (self->lists[column], wanted))
    return;
  column_release (self->lists[column], wanted, NULL);
  column_fill (self, column, wanted, NULL);
}

static void
sync_people (PairingsBoardPage *self,
             guint              column,
             GPtrArray         *people)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < people->len; i++)
    {
      Wanted w = { NULL, FALSE, g_ptr_array_index (people, i) };

      g_ptr_array_add (signatures, person_signature (w.data));
      w.signature = g_ptr_array_index (signatures, signatures->len - 1);
      g_array_append_val (wanted, w);
    }
  sync_column (self, column, wanted);
}

/* Brings the columns in line with the board: the people's columns when
 * @people, the stages' columns in @stages (a bit each). */
static void
show_board (PairingsBoardPage *self,
            gboolean           mentees,
            gboolean           mentors,
            guint              stages)
{
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  GArray *wanted[N_COLUMNS] = { NULL, };

  if (mentees)
    sync_people (self, 0, self->board->mentees);
  if (mentors)
    sync_people (self, 1, self->board->mentors);
  for (guint c = 2; c < N_COLUMNS; c++)
    wanted[c] = g_array_new (FALSE, FALSE, sizeof (Wanted));
  for (guint i = 0; i < self->board->pairs->len; i++)
    {
      PairingsBoardPair *pair = g_ptr_array_index (self->board->pairs, i);
      Wanted w = { NULL, TRUE, pair };

      if (!(stages & (1u << pair->stage)))
        continue;
      g_ptr_array_add (signatures, pair_signature (pair));
      w.signature = g_ptr_array_index (signatures, signatures->len - 1);
      g_array_append_val (wanted[2 + pair->stage], w);
    }
  /* Every column first lets go of the cards it no longer shows, then every
   * column takes its own: a pair moved from one stage to another keeps its
   * card, whichever column comes first. What no column took is freed with
   * the pool. */
  {
    g_autoptr(GHashTable) pool = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
    guint changed = 0;

    for (guint c = 2; c < N_COLUMNS; c++)
      if ((stages & (1u << (c - 2))) && !column_is (self->lists[c], wanted[c]))
        {
          changed |= 1u << c;
          column_release (self->lists[c], wanted[c], pool);
        }
    for (guint c = 2; c < N_COLUMNS; c++)
      if (changed & (1u << c))
        column_fill (self, c, wanted[c], pool);
  }
  for (guint c = 2; c < N_COLUMNS; c++)
    {
      if (stages & (1u << (c - 2)))
        set_header (self, c, wanted[c]->len);
      g_array_unref (wanted[c]);
    }
  set_header (self, 0, self->board->mentees->len);
  set_header (self, 1, self->board->mentors->len);
  {
    g_autofree char *text = g_strdup_printf (ngettext ("%u mentee still to pair",
                                                       "%u mentees still to pair", self->board->mentees->len),
                                             self->board->mentees->len);
    gtk_label_set_text (self->to_pair, text);
  }
}

/* What the cards of each stage show, as one number per stage: a stage
 * whose number did not change keeps its column as it is. */
static void
stage_digests (PairingsBoard *board,
               guint64        digests[PAIRINGS_N_STAGES])
{
  for (int st = 0; st < PAIRINGS_N_STAGES; st++)
    digests[st] = 14695981039346656037ull;
  for (guint i = 0; i < board->pairs->len; i++)
    {
      PairingsBoardPair *pair = g_ptr_array_index (board->pairs, i);
      guint64 fields[] = {
        (guint64) pair->id, (guint64) pair->position, (guint64) pair->pinned, (guint64) pair->warnings,
        (guint64) pair->mentor->application_id, (guint64) pair->mentee->application_id,
        (guint64) (pair->score * 1000.0),
      };

      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        digests[pair->stage] = (digests[pair->stage] ^ fields[k]) * 1099511628211ull;
    }
}

/* What the mentors' column shows of the pairs: each mentor's places used,
 * in the column's order. */
static guint64
mentors_digest (PairingsBoard *board)
{
  guint64 digest = 14695981039346656037ull;

  for (guint i = 0; i < board->mentors->len; i++)
    {
      PairingsBoardPerson *mentor = g_ptr_array_index (board->mentors, i);

      digest = (digest ^ (guint64) mentor->application_id) * 1099511628211ull;
      digest = (digest ^ (guint64) (gint64) mentor->used) * 1099511628211ull;
    }
  return digest;
}

/* After an operation of this page, which changes only pairs: the pairs
 * read again, not the whole board (only those of @stages, a bit per stage,
 * when they are all it changed: a move among stages other than Set aside;
 * every pair for 0), and only the columns that changed brought in line. */
static void
refresh_pairs (PairingsBoardPage *self,
               guint              stages)
{
  guint64 before[PAIRINGS_N_STAGES], after[PAIRINGS_N_STAGES];
  guint64 mentors_before, mentors_after;
  g_autoptr(GPtrArray) mentees = NULL;
  gboolean people = TRUE;
  gboolean mentees_changed;
  gboolean ok;

  if (self->board == NULL || self->store == NULL || self->cohort == NULL ||
      self->board->cohort_id != pairings_cohort_get_id (self->cohort))
    {
      pairings_board_page_reload (self);
      return;
    }
  stage_digests (self->board, before);
  mentors_before = mentors_digest (self->board);
  mentees = g_ptr_array_copy (self->board->mentees, NULL, NULL);
  ok = stages != 0 ? pairings_board_refresh_stages (self->store, self->board, stages, NULL)
                   : pairings_board_refresh_pairs (self->store, self->board, &people, NULL);
  if (!ok)
    {
      pairings_board_page_reload (self);
      return;
    }
  stage_digests (self->board, after);
  mentors_after = mentors_digest (self->board);
  /* A pair's card shows the pair and its people's names, which a refresh
   * keeps: a stage whose digest did not change has the same cards, even
   * when a mentor's places or the mentees to pair changed. */
  stages = 0;
  for (int st = 0; st < PAIRINGS_N_STAGES; st++)
    if (before[st] != after[st])
      stages |= 1u << st;
  mentees_changed = mentees->len != self->board->mentees->len;
  for (guint i = 0; !mentees_changed && i < mentees->len; i++)
    mentees_changed = g_ptr_array_index (mentees, i) != g_ptr_array_index (self->board->mentees, i);
  show_board (self, people && mentees_changed, people && mentors_before != mentors_after, stages);
}

void
pairings_board_page_reload (PairingsBoardPage *self)
{
  g_autoptr(GError) error = NULL;
  PairingsBoard *old;

  g_return_if_fail (PAIRINGS_IS_BOARD_PAGE (self));

  if (self->store == NULL || self->cohort == NULL)
    {
      g_clear_pointer (&self->board, pairings_board_free);
      for (guint c = 0; c < N_COLUMNS; c++)
        clear_list (self->lists[c]);
      return;
    }

  /* The cards keep pointers into the board they were made from only while
   * they are made; the old board goes once the new one is shown. */
  old = g_steal_pointer (&self->board);
  self->board = pairings_board_load (self->store, pairings_cohort_get_id (self->cohort), &error);
  if (self->board == NULL)
    {
      self->board = old;
      report (self, error);
      return;
    }
  if (old != NULL && old->cohort_id != self->board->cohort_id)
    for (guint c = 0; c < N_COLUMNS; c++)
      clear_list (self->lists[c]);
  show_board (self, TRUE, TRUE, (1u << PAIRINGS_N_STAGES) - 1);
  pairings_board_free (old);
}

void
pairings_board_page_show (PairingsBoardPage *self,
                          PairingsStore     *store,
                          PairingsCohort    *cohort)
{
  g_return_if_fail (PAIRINGS_IS_BOARD_PAGE (self));

  /* Another database: no card of the last one can stay. */
  if (self->store != store)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        clear_list (self->lists[c]);
      g_clear_pointer (&self->board, pairings_board_free);
    }
  g_set_object (&self->store, store);
  g_set_object (&self->cohort, cohort);
  pairings_board_page_reload (self);
}

gboolean
pairings_board_page_is_empty (PairingsBoardPage *self)
{
  return self->board == NULL ||
         (self->board->pairs->len == 0 && self->board->mentees->len == 0 && self->board->mentors->len == 0);
}

/* Meeting mode: larger type for a projector; the window goes full screen. */
void
pairings_board_page_set_meeting_mode (PairingsBoardPage *self,
                                      gboolean           meeting_mode)
{
  g_return_if_fail (PAIRINGS_IS_BOARD_PAGE (self));

  self->meeting_mode = meeting_mode;
  if (meeting_mode)
    gtk_widget_add_css_class (GTK_WIDGET (self), "meeting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "meeting");
}

/* GObject -------------------------------------------------------------------------- */

static void
pairings_board_page_dispose (GObject *object)
{
  PairingsBoardPage *self = PAIRINGS_BOARD_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->board, pairings_board_free);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&self->header_texts[c], g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (pairings_board_page_parent_class)->dispose (object);
}

static void
pairings_board_page_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  refresh_drawn_rows (PAIRINGS_BOARD_PAGE (widget));
  GTK_WIDGET_CLASS (pairings_board_page_parent_class)->snapshot (widget, snapshot);
}

static void
pairings_board_page_class_init (PairingsBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_board_page_dispose;

  /**
   * PairingsBoardPage::changed:
   * @message: what was done, for a toast that offers to undo it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  widget_class->snapshot = pairings_board_page_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pairingsboard");
  gtk_widget_class_install_action (widget_class, "board.move", "(xsi)", move_action);
  gtk_widget_class_install_action (widget_class, "board.pair", "(xx)", pair_action);
  gtk_widget_class_install_action (widget_class, "board.swap", "(xx)", pair_action);
  gtk_widget_class_install_action (widget_class, "board.dissolve", "x", dissolve_action);
  gtk_widget_class_install_action (widget_class, "board.pin", "x", pin_action);
  gtk_widget_class_install_action (widget_class, "board.explain", "x", explain_action);
  gtk_widget_class_install_action (widget_class, "board.pair-with", "x", pair_with_action);
}

static void
pairings_board_page_init (PairingsBoardPage *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *suggest = gtk_button_new_with_mnemonic (_("_Suggest Pairs"));
  GtkWidget *settings = gtk_button_new_with_mnemonic (_("Cohort _Settings…"));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 6);
  self->to_pair = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->to_pair), "board-to-pair");
  gtk_widget_add_css_class (GTK_WIDGET (self->to_pair), "title-4");
  gtk_widget_set_hexpand (GTK_WIDGET (self->to_pair), TRUE);
  gtk_label_set_xalign (self->to_pair, 0);
  gtk_label_set_ellipsize (self->to_pair, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->to_pair));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (suggest), "win.suggest-pairs");
  gtk_widget_add_css_class (suggest, "suggested-action");
  gtk_widget_set_tooltip_text (suggest, _("Fill the board with the best pairs for the mentees not yet paired; the pairs the committee kept stay"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (settings), "win.cohort-settings");
  gtk_box_append (GTK_BOX (header), settings);
  gtk_box_append (GTK_BOX (header), suggest);
  gtk_box_append (GTK_BOX (self->box), header);

  self->columns_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (self->columns_box, 12);
  gtk_widget_set_margin_end (self->columns_box, 12);
  gtk_widget_set_margin_bottom (self->columns_box, 12);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *list_scroller = gtk_scrolled_window_new ();
      GtkWidget *list = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_LIST, NULL);

      self->columns[c] = column;
      gtk_accessible_update_property (GTK_ACCESSIBLE (column), GTK_ACCESSIBLE_PROPERTY_LABEL, column_title (c), -1);
      gtk_widget_add_css_class (column, "board-column");
      gtk_widget_set_size_request (column, 240, -1);
      self->headers[c] = GTK_LABEL (gtk_label_new (column_title (c)));
      gtk_label_set_xalign (self->headers[c], 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->headers[c]), "heading");
      gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->headers[c]));

      self->lists[c] = list;
      g_object_set_data (G_OBJECT (list), "column", GUINT_TO_POINTER (c));
      /* Ctrl+click and Shift+click choose several pairs to move at once
       * (list_choose()); a card of the people's columns is chosen alone. */
      gtk_widget_add_css_class (list, "board-list");
      gtk_widget_set_vexpand (list, TRUE);
      add_drop_target (list, G_CALLBACK (on_column_drop));
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), list);
      gtk_widget_set_vexpand (list_scroller, TRUE);
      gtk_box_append (GTK_BOX (column), list_scroller);
      gtk_box_append (GTK_BOX (self->columns_box), column);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->columns_box);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
}

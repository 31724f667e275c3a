/* pairings-card-text.c: the texts and chips of the board's cards
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A board card's texts are laid out by Pango once for the width the card
 * has. A GtkLabel is also laid out for every width GTK asks it about: its
 * width on one line and wrapped at every word (GTK checks every width it
 * offers against the smallest), and again for each width a flow box
 * tries. Opening a board of 1,000 cards laid out 48,000 texts with labels,
 * most of them for widths no card ever had, and took 2 s.
 *
 * So a card's text here asks for no width of its own: it wraps at the
 * width its card gives it, which its column sets. A chip asks for its
 * text's width on one line, and is ellipsized when its card is narrower.
 * Both are only meant for cards in columns of a set width.
 */

#include "config.h"

#include "pairings-card-text.h"

struct _PairingsCardText
{
  GtkWidget    parent_instance;

  char        *text;
  gboolean     one_line;
  PangoLayout *layout;     /* with the widget's font, made when first needed */
  guint        serial;     /* the font's (its Pango context's) for the sizes below */
  int          natural;    /* one line's width, for a chip */
  int          line_height;
};

G_DEFINE_FINAL_TYPE (PairingsCardText, pairings_card_text, GTK_TYPE_WIDGET)

static PangoLayout *
ensure_layout (PairingsCardText *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      if (!self->one_line)
        pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
    }
  return self->layout;
}

/* A chip's width and height on one line, again when the font changed
 * (Pango lays the text out again by itself then). */
static void
ensure_line (PairingsCardText *self)
{
  PangoLayout *layout = ensure_layout (self);
  guint serial = pango_context_get_serial (pango_layout_get_context (layout));

  if (self->natural >= 0 && serial == self->serial)
    return;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &self->natural, &self->line_height);
  self->serial = serial;
}

/* Lays the text out @width wide (as wide as it is for -1). */
static void
set_width (PairingsCardText *self,
           int               width)
{
  PangoLayout *layout = ensure_layout (self);

  if (self->one_line)
    {
      ensure_line (self);
      if (width >= 0 && width < self->natural)
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_width (layout, width * PANGO_SCALE);
        }
      else
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
          pango_layout_set_width (layout, -1);
        }
    }
  else
    pango_layout_set_width (layout, width >= 0 ? width * PANGO_SCALE : -1);
}

static GtkSizeRequestMode
pairings_card_text_get_request_mode (GtkWidget *widget)
{
  return PAIRINGS_CARD_TEXT (widget)->one_line ? GTK_SIZE_REQUEST_CONSTANT_SIZE
                                                : GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pairings_card_text_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  PairingsCardText *self = PAIRINGS_CARD_TEXT (widget);

  *minimum = *natural = 0;
  if (self->one_line)
    {
      ensure_line (self);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *natural = self->natural;
      else
        *minimum = *natural = self->line_height;
    }
  else if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      int height;

      /* With no width given: as high as on one line, the least it is at
       * any width (GTK checks that). */
      set_width (self, for_size);
      pango_layout_get_pixel_size (self->layout, NULL, &height);
      *minimum = *natural = height;
    }
}

static void
pairings_card_text_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PairingsCardText *self = PAIRINGS_CARD_TEXT (widget);
  GdkRGBA color;

  set_width (self, gtk_widget_get_width (widget));
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
}

static void
pairings_card_text_finalize (GObject *object)
{
  PairingsCardText *self = PAIRINGS_CARD_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (pairings_card_text_parent_class)->finalize (object);
}

static void
pairings_card_text_class_init (PairingsCardTextClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pairings_card_text_finalize;
  widget_class->get_request_mode = pairings_card_text_get_request_mode;
  widget_class->measure = pairings_card_text_measure;
  widget_class->snapshot = pairings_card_text_snapshot;
  /* Styled as a label by the theme and the style sheet. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
pairings_card_text_init (PairingsCardText *self)
{
  self->natural = -1;
}

/**
 * pairings_card_text_new:
 * @text: what it shows
 * @one_line: %TRUE for a chip's text: on one line, ellipsized when the
 *   card is narrower; %FALSE for a text wrapped at its card's width
 */
GtkWidget *
pairings_card_text_new (const char *text,
                        gboolean    one_line)
{
  PairingsCardText *self = g_object_new (PAIRINGS_TYPE_CARD_TEXT, NULL);

  self->text = g_strdup (text != NULL ? text : "");
  self->one_line = one_line;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  return GTK_WIDGET (self);
}

const char *
pairings_card_text_get_text (PairingsCardText *self)
{
  g_return_val_if_fail (PAIRINGS_IS_CARD_TEXT (self), NULL);

  return self->text;
}

/* Chips ------------------------------------------------------------------------ */

/* The chips of a card, in lines: as many as fit, three at most. */
struct _PairingsCardChips
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (PairingsCardChips, pairings_card_chips, GTK_TYPE_WIDGET)

#define CHIPS_SPACING 6
#define CHIPS_PER_LINE 3

/* Puts the chips in lines @width wide (placing them when @allocate);
 * returns the height they take. */
static int
chips_lay_out (GtkWidget *widget,
               int        width,
               gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;
  guint in_line = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (widget); chip != NULL; chip = gtk_widget_get_next_sibling (chip))
    {
      int chip_width, chip_height;

      if (!gtk_widget_should_layout (chip))
        continue;
      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &chip_width, NULL, NULL);
      gtk_widget_measure (chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &chip_height, NULL, NULL);
      chip_width = MIN (chip_width, width);
      if (in_line > 0 && (in_line == CHIPS_PER_LINE || x + CHIPS_SPACING + chip_width > width))
        {
          y += line_height + CHIPS_SPACING;
          x = 0;
          line_height = 0;
          in_line = 0;
        }
      else if (in_line > 0)
        x += CHIPS_SPACING;
      if (allocate)
        gtk_widget_size_allocate (chip, &(GtkAllocation) { x, y, chip_width, chip_height }, -1);
      x += chip_width;
      line_height = MAX (line_height, chip_height);
      in_line++;
    }
  return in_line > 0 ? y + line_height : y;
}

static GtkSizeRequestMode
pairings_card_chips_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pairings_card_chips_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  /* As wide as the card; as high as its lines at that width (with no
   * width given, as high as they are at any width). */
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = chips_lay_out (widget, for_size >= 0 ? for_size : G_MAXINT / 2, FALSE);
}

static void
pairings_card_chips_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  chips_lay_out (widget, width, TRUE);
}

static void
pairings_card_chips_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pairings_card_chips_parent_class)->dispose (object);
}

static void
pairings_card_chips_class_init (PairingsCardChipsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pairings_card_chips_dispose;
  widget_class->get_request_mode = pairings_card_chips_get_request_mode;
  widget_class->measure = pairings_card_chips_measure;
  widget_class->size_allocate = pairings_card_chips_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "chips");
}

static void
pairings_card_chips_init (PairingsCardChips *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/**
 * pairings_card_chips_new:
 * @texts: (nullable): the chips' texts, %NULL-terminated
 */
GtkWidget *
pairings_card_chips_new (const char * const *texts)
{
  GtkWidget *self = g_object_new (PAIRINGS_TYPE_CARD_CHIPS, NULL);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      GtkWidget *chip = pairings_card_text_new (texts[i], TRUE);

      gtk_widget_add_css_class (chip, "board-chip");
      gtk_widget_add_css_class (chip, "caption");
      gtk_widget_set_parent (chip, self);
    }
  return self;
}

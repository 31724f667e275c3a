/* pairings-chart-render.c: drawing a chart with cairo and Pango
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Top to bottom: the title, the legend, the plot (tick labels on its left,
 * the y axis title turned on its side further left), the bar names under
 * the bars, the category labels with their notes, the x axis title. Sizes
 * are in "em", the height of a line of the theme's font, so a chart reads
 * the same at any size. What does not fit is left out rather than drawn
 * over something else, in this order: the axis titles, the legend, the bar
 * names, then the tick and category labels.
 *
 * Category labels stay level while each fits its column in at most three
 * lines without cutting a word; else they are turned 45°, and when even
 * turned they would touch their neighbours only every k-th is shown, each
 * ellipsized to a length that keeps it inside the chart. A category's note
 * is a second, smaller and dimmer paragraph of its label, so it goes
 * wherever its label goes.
 *
 * Several bars in a category are named under the bars when the names fit
 * there, and are told apart in the legend too: by colour when the bars
 * are not stacked (one series), else by texture (the first bar plain, the
 * next dotted, then striped across, then striped down, shown on neutral
 * swatches in the legend). Colours past the palette's eighth reuse it
 * with a back-slanted hatching.
 *
 * A suppressed part is a pale block hatched with forward slashes in its
 * series colour, threshold/2 high, labelled "< N" inside when that fits
 * (or just above the bar when it is the top of the stack), and the legend
 * says what the hatching means. A part hidden only to protect a small one
 * beside it (complementary suppression) has no known height either: it is
 * drawn the same size, cross-hatched, labelled "hidden", with its own
 * legend entry.
 */

#include "config.h"

#include "pairings-chart-render.h"
#include "pairings-chart-render-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#define DEFAULT_FONT "Cantarell, DejaVu Sans, Sans 11"
#define SQRT_HALF    0.70710678118654752440
#define MIN_SIZE     100
#define MAX_SIZE     10000

const cairo_user_data_key_t pairings_chart_text_boxes_key;

/* Theme ---------------------------------------------------------------------- */

/* Okabe & Ito (2008), "Color Universal Design", without black. */
static const guint32 okabe_ito[PAIRINGS_CHART_N_PALETTE] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x999999,
};

static void
color_from_rgb (PairingsChartColor *color,
                guint32             rgb,
                double              alpha)
{
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = alpha;
}

void
pairings_chart_theme_init_light (PairingsChartTheme *theme)
{
  g_return_if_fail (theme != NULL);

  color_from_rgb (&theme->foreground, 0x1E1E1E, 1.0);
  color_from_rgb (&theme->background, 0xFFFFFF, 1.0);
  color_from_rgb (&theme->grid, 0x000000, 0.12);
  for (guint i = 0; i < PAIRINGS_CHART_N_PALETTE; i++)
    color_from_rgb (&theme->palette[i], okabe_ito[i], 1.0);
  theme->font = DEFAULT_FONT;
}

void
pairings_chart_theme_init_dark (PairingsChartTheme *theme)
{
  g_return_if_fail (theme != NULL);

  pairings_chart_theme_init_light (theme);
  color_from_rgb (&theme->foreground, 0xEEEEEE, 1.0);
  color_from_rgb (&theme->background, 0x242424, 1.0);
  color_from_rgb (&theme->grid, 0xFFFFFF, 0.14);
  /* Okabe–Ito's blue is under 3:1 against #242424; this one is 3.7:1 and
   * still far from the sky blue. */
  color_from_rgb (&theme->palette[4], 0x1F82C0, 1.0);
}

void
pairings_chart_hit_clear (PairingsChartHit *hit)
{
  g_clear_pointer (&hit->text, g_free);
}

/* Drawing state -------------------------------------------------------------- */

typedef struct
{
  cairo_t                  *cr;
  const PairingsChartData  *data;
  const PairingsChartTheme *theme;
  PangoContext             *context;
  PangoFontDescription     *font;
  GArray                   *hits;
  GArray                   *text_boxes;
  double                    width;
  double                    height;
  double                    em;
  guint                     n_categories;
  guint                     n_bars;
  guint                     n_series;
} Chart;

/* Why a part's number is not shown, if it is not. */
typedef enum
{
  HIDING_NONE,
  HIDING_SMALL,
  HIDING_BESIDE_SMALL,
} Hiding;

typedef enum
{
  TEXTURE_NONE,
  TEXTURE_DOTS,
  TEXTURE_ACROSS,
  TEXTURE_DOWN,
  TEXTURE_SLANT,
  TEXTURE_BACK_SLANT,
} Texture;

static void
set_source (cairo_t                  *cr,
            const PairingsChartColor *color,
            double                    alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static const char *
string_at (GPtrArray *array,
           guint      index)
{
  const char *str;

  if (array == NULL || index >= array->len)
    return "";
  str = g_ptr_array_index (array, index);
  return str != NULL ? str : "";
}

static PangoLayout *
chart_text (Chart      *chart,
            const char *text,
            double      scale,
            gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (chart->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (chart->font);
  double size = pango_font_description_get_size (font) * scale;

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size);
  else
    pango_font_description_set_size (font, (int) round (size));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

/* Limits @layout to @max_width, with an ellipsis, when it is wider. */
static void
limit_width (PangoLayout *layout,
             double       max_width)
{
  double width;

  pango_layout_set_width (layout, -1);
  text_size (layout, &width, NULL);
  if (width > max_width)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, pango_units_from_double (MAX (max_width, 1.0)));
    }
}

static void
record_text_box (Chart       *chart,
                 PangoLayout *layout,
                 double       x,
                 double       y)
{
  PairingsChartTextBox box;
  PangoRectangle logical;
  double left, top, right, bottom;

  pango_layout_get_extents (layout, NULL, &logical);
  if (logical.width <= 0 || logical.height <= 0)
    return;

  left = x + logical.x / (double) PANGO_SCALE;
  top = y + logical.y / (double) PANGO_SCALE;
  right = left + logical.width / (double) PANGO_SCALE;
  bottom = top + logical.height / (double) PANGO_SCALE;
  box.x[0] = left, box.y[0] = top;
  box.x[1] = right, box.y[1] = top;
  box.x[2] = right, box.y[2] = bottom;
  box.x[3] = left, box.y[3] = bottom;
  for (guint i = 0; i < 4; i++)
    cairo_user_to_device (chart->cr, &box.x[i], &box.y[i]);
  g_array_append_val (chart->text_boxes, box);
}

/* Draws @layout with its top left corner at (x, y) in the current
 * transformation. */
static void
show_text (Chart                    *chart,
           PangoLayout              *layout,
           double                    x,
           double                    y,
           const PairingsChartColor *color,
           double                    alpha)
{
  set_source (chart->cr, color, alpha);
  cairo_move_to (chart->cr, x, y);
  pango_cairo_show_layout (chart->cr, layout);
  if (chart->text_boxes != NULL)
    record_text_box (chart, layout, x, y);
}

static void
chart_init (Chart                    *chart,
            cairo_t                  *cr,
            const PairingsChartData  *data,
            const PairingsChartTheme *theme,
            double                    width,
            double                    height,
            GArray                   *hits)
{
  cairo_font_options_t *options;
  g_autoptr(PangoLayout) probe = NULL;

  memset (chart, 0, sizeof *chart);
  chart->cr = cr;
  chart->data = data;
  chart->theme = theme;
  chart->hits = hits;
  chart->text_boxes = cairo_get_user_data (cr, &pairings_chart_text_boxes_key);
  chart->width = width;
  chart->height = height;
  chart->n_categories = data->categories != NULL ? data->categories->len : 0;
  chart->n_bars = data->bars != NULL ? data->bars->len : 0;
  chart->n_series = data->series != NULL ? data->series->len : 0;

  chart->font = pango_font_description_from_string (theme->font != NULL ? theme->font
                                                                        : DEFAULT_FONT);
  if (pango_font_description_get_size (chart->font) <= 0)
    pango_font_description_set_size (chart->font, 11 * PANGO_SCALE);

  /* Unhinted metrics: text measures the same on screen, PNG, SVG and PDF. */
  chart->context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (chart->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (chart->context, FALSE);

  probe = chart_text (chart, "Mg", 1.0, FALSE);
  text_size (probe, NULL, &chart->em);
  chart->em = MAX (chart->em, 1.0);
}

static void
chart_clear (Chart *chart)
{
  g_clear_object (&chart->context);
  g_clear_pointer (&chart->font, pango_font_description_free);
}

/* Values --------------------------------------------------------------------- */

/* How tall a part stands, in the data's units: its count, or threshold/2
 * when it is suppressed. */
static double
part_height (const Chart *chart,
             guint        category,
             guint        bar,
             guint        series,
             Hiding      *hiding)
{
  const PairingsChartData *data = chart->data;
  double value;

  *hiding = HIDING_NONE;
  if (pairings_chart_data_is_suppressed (data, category, bar, series))
    {
      *hiding = pairings_chart_data_is_complementary (data, category, bar, series)
                ? HIDING_BESIDE_SMALL : HIDING_SMALL;
      return MAX (data->threshold, 1) / 2.0;
    }

  value = pairings_chart_data_get (data, category, bar, series);
  return isfinite (value) && value > 0 ? value : 0;
}

static double
bar_total (const Chart *chart,
           guint        category,
           guint        bar)
{
  double total = 0;
  Hiding hiding;

  for (guint s = 0; s < chart->n_series; s++)
    total += part_height (chart, category, bar, s, &hiding);
  return total;
}

static double
highest_bar (const Chart *chart)
{
  double highest = 0;

  for (guint c = 0; c < chart->n_categories; c++)
    for (guint b = 0; b < chart->n_bars; b++)
      highest = MAX (highest, bar_total (chart, c, b));
  return highest;
}

static gboolean
counts_only (const Chart *chart)
{
  Hiding hiding;

  for (guint c = 0; c < chart->n_categories; c++)
    for (guint b = 0; b < chart->n_bars; b++)
      for (guint s = 0; s < chart->n_series; s++)
        {
          double value = part_height (chart, c, b, s, &hiding);
          if (hiding == HIDING_NONE && fabs (value - round (value)) > 1e-9)
            return FALSE;
        }
  return TRUE;
}

static gboolean
any_hidden (const Chart *chart,
            Hiding       kind)
{
  Hiding hiding;

  for (guint c = 0; c < chart->n_categories; c++)
    for (guint b = 0; b < chart->n_bars; b++)
      for (guint s = 0; s < chart->n_series; s++)
        if (part_height (chart, c, b, s, &hiding) > 0 && hiding == kind)
          return TRUE;
  return FALSE;
}

static char *
hit_text (const Chart *chart,
          guint        category,
          guint        bar,
          guint        series)
{
  const PairingsChartData *data = chart->data;
  g_autofree char *value = pairings_chart_data_format (data, category, bar, series);
  const char *category_name = string_at (data->categories, category);
  const char *bar_name = string_at (data->bars, bar);
  const char *series_name = string_at (data->series, series);

  if (chart->n_bars > 1 && chart->n_series > 1)
    /* TRANSLATORS: a chart's tooltip: category · bar · series: count, e.g. "2024 · Mentors · Postdoc: 7" */
    return g_strdup_printf (_("%s · %s · %s: %s"), category_name, bar_name, series_name, value);
  if (chart->n_bars > 1)
    /* TRANSLATORS: a chart's tooltip: category · bar: count, e.g. "2024 · Mentors: 7" */
    return g_strdup_printf (_("%s · %s: %s"), category_name, bar_name, value);
  if (chart->n_series > 1)
    /* TRANSLATORS: a chart's tooltip: category · series: count, e.g. "Applied · Postdoc: 7" */
    return g_strdup_printf (_("%s · %s: %s"), category_name, series_name, value);
  /* TRANSLATORS: a chart's tooltip: category: count, e.g. "Applied: 7" */
  return g_strdup_printf (_("%s: %s"), category_name, value);
}

/* Shapes --------------------------------------------------------------------- */

static void
fill_rectangle (cairo_t                  *cr,
                double                    x,
                double                    y,
                double                    width,
                double                    height,
                const PairingsChartColor *color,
                double                    alpha)
{
  set_source (cr, color, alpha);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

/* A one-pixel line just inside the rectangle, a shade darker than @color. */
static void
outline_rectangle (cairo_t                  *cr,
                   double                    x,
                   double                    y,
                   double                    width,
                   double                    height,
                   const PairingsChartColor *color,
                   double                    darken)
{
  if (width <= 1 || height <= 1)
    return;
  cairo_set_source_rgba (cr, color->red * darken, color->green * darken, color->blue * darken,
                         color->alpha);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

/* Lines on a grid anchored at the origin, so the texture of two parts that
 * touch runs on from one to the other. */
static void
add_texture_path (cairo_t *cr,
                  Texture  texture,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  double   step)
{
  switch (texture)
    {
    case TEXTURE_SLANT: /* x + y = k·step */
      for (double k = floor ((x + y) / step); k * step <= x + width + y + height; k++)
        {
          cairo_move_to (cr, k * step - y, y);
          cairo_line_to (cr, k * step - y - height, y + height);
        }
      break;
    case TEXTURE_BACK_SLANT: /* x − y = k·step */
      for (double k = floor ((x - y - height) / step); k * step <= x + width - y; k++)
        {
          cairo_move_to (cr, k * step + y, y);
          cairo_line_to (cr, k * step + y + height, y + height);
        }
      break;
    case TEXTURE_ACROSS:
      for (double k = ceil (y / step); k * step <= y + height; k++)
        {
          cairo_move_to (cr, x, k * step);
          cairo_line_to (cr, x + width, k * step);
        }
      break;
    case TEXTURE_DOWN:
      for (double k = ceil (x / step); k * step <= x + width; k++)
        {
          cairo_move_to (cr, k * step, y);
          cairo_line_to (cr, k * step, y + height);
        }
      break;
    case TEXTURE_DOTS: /* rows of zero-length dashes with round caps, staggered */
      for (double k = floor (y / step); k * step <= y + height + step; k++)
        {
          double start = floor (x / step) * step - step - (fmod (k, 2) != 0 ? step / 2 : 0);
          cairo_move_to (cr, start, k * step + step / 2);
          cairo_line_to (cr, x + width + step, k * step + step / 2);
        }
      break;
    case TEXTURE_NONE:
    default:
      break;
    }
}

static void
draw_texture (Chart                    *chart,
              Texture                   texture,
              double                    x,
              double                    y,
              double                    width,
              double                    height,
              const PairingsChartColor *color,
              double                    alpha)
{
  cairo_t *cr = chart->cr;
  double step = MAX (0.45 * chart->em, 3.0);

  if (texture == TEXTURE_NONE || width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);
  set_source (cr, color, alpha);
  if (texture == TEXTURE_DOTS)
    {
      double dash[2] = { 0, step };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, MAX (0.18 * chart->em, 1.5));
    }
  else
    cairo_set_line_width (cr, MAX (0.07 * chart->em, 1.0));
  add_texture_path (cr, texture, x, y, width, height, step);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static Texture
bar_texture (guint bar)
{
  static const Texture textures[] = { TEXTURE_NONE, TEXTURE_DOTS, TEXTURE_ACROSS, TEXTURE_DOWN };

  return textures[bar % G_N_ELEMENTS (textures)];
}

static void
draw_hidden_block (Chart                    *chart,
                   double                    x,
                   double                    y,
                   double                    width,
                   double                    height,
                   const PairingsChartColor *color,
                   Hiding                    hiding)
{
  PairingsChartColor darker = *color;

  /* Pale colours (the yellow) need a darker line to show on white. */
  darker.red *= 0.85, darker.green *= 0.85, darker.blue *= 0.85;
  fill_rectangle (chart->cr, x, y, width, height, color, 0.22);
  draw_texture (chart, TEXTURE_SLANT, x, y, width, height, &darker, 1.0);
  if (hiding == HIDING_BESIDE_SMALL)
    draw_texture (chart, TEXTURE_BACK_SLANT, x, y, width, height, &darker, 1.0);
  outline_rectangle (chart->cr, x, y, width, height, color, 0.75);
}

/* Where the series go in an order that means something, the colours say
 * it too: check-ins from on track (green) through needs attention (orange)
 * to no contact (vermilion), missing in grey; ratings from 1 (vermilion)
 * to 5 (blue) through a grey middle. Palette indices (Okabe–Ito order). */
static const guint check_in_colours[] = { 2, 0, 5, 7 };
static const guint rating_colours[] = { 5, 0, 7, 1, 4 };

/* With one series, each bar has its own colour; with several, the colours
 * are the series' and the bars differ by texture. */
static guint
colour_index (const Chart *chart,
              guint        bar,
              guint        series)
{
  if (chart->n_series <= 1)
    return bar;
  if (chart->data->kind == PAIRINGS_CHART_CHECK_INS && chart->n_series == G_N_ELEMENTS (check_in_colours))
    return check_in_colours[series];
  if (chart->data->kind == PAIRINGS_CHART_RATINGS && chart->n_series == G_N_ELEMENTS (rating_colours))
    return rating_colours[series];
  return series;
}

static Texture
part_texture (const Chart *chart,
              guint        bar)
{
  return chart->n_series > 1 && chart->n_bars > 1 ? bar_texture (bar) : TEXTURE_NONE;
}

static void
draw_part (Chart    *chart,
           double    x,
           double    y,
           double    width,
           double    height,
           guint     bar,
           guint     series,
           Hiding    hiding)
{
  const PairingsChartTheme *theme = chart->theme;
  guint colour = colour_index (chart, bar, series);
  const PairingsChartColor *color = &theme->palette[colour % PAIRINGS_CHART_N_PALETTE];

  if (hiding != HIDING_NONE)
    {
      draw_hidden_block (chart, x, y, width, height, color, hiding);
      return;
    }

  fill_rectangle (chart->cr, x, y, width, height, color, 1.0);
  if (colour >= PAIRINGS_CHART_N_PALETTE)
    draw_texture (chart, TEXTURE_BACK_SLANT, x, y, width, height, &theme->background, 0.6);
  draw_texture (chart, part_texture (chart, bar), x, y, width, height, &theme->background, 0.55);
  outline_rectangle (chart->cr, x, y, width, height, color, 0.75);
}

/* Legend --------------------------------------------------------------------- */

typedef enum
{
  LEGEND_SERIES,
  LEGEND_BAR,
  LEGEND_HIDDEN,
  LEGEND_MORE,
} LegendKind;

typedef struct
{
  LegendKind   kind;
  guint        index;
  PangoLayout *layout;
  double       width;
  double       x;
  guint        line;
} LegendItem;

static void
legend_item_free (LegendItem *item)
{
  g_clear_object (&item->layout);
  g_free (item);
}

static double
legend_swatch (const Chart *chart)
{
  return 0.75 * chart->em;
}

static LegendItem *
legend_item_new (Chart      *chart,
                 LegendKind  kind,
                 guint       index,
                 const char *text,
                 double      max_width)
{
  LegendItem *item = g_new0 (LegendItem, 1);
  double swatch = kind == LEGEND_MORE ? 0 : legend_swatch (chart) + 0.35 * chart->em;
  double text_width;

  item->kind = kind;
  item->index = index;
  item->layout = chart_text (chart, text, 0.9, FALSE);
  limit_width (item->layout, max_width - swatch);
  text_size (item->layout, &text_width, NULL);
  item->width = swatch + text_width;
  return item;
}

static GPtrArray *
legend_items (Chart  *chart,
              double  max_width)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);
  const PairingsChartData *data = chart->data;

  if (chart->n_series > 1)
    for (guint s = 0; s < chart->n_series; s++)
      g_ptr_array_add (items, legend_item_new (chart, LEGEND_SERIES, s,
                                               string_at (data->series, s), max_width));
  if (chart->n_bars > 1)
    for (guint b = 0; b < chart->n_bars; b++)
      g_ptr_array_add (items, legend_item_new (chart, LEGEND_BAR, b,
                                               string_at (data->bars, b), max_width));
  if (any_hidden (chart, HIDING_SMALL))
    {
      /* TRANSLATORS: the legend of a chart's hatched blocks; %u is the threshold, e.g. 5 */
      g_autofree char *text = g_strdup_printf (_("Fewer than %u, not shown"),
                                               MAX (data->threshold, 1));
      g_ptr_array_add (items, legend_item_new (chart, LEGEND_HIDDEN, HIDING_SMALL, text,
                                               max_width));
    }
  if (any_hidden (chart, HIDING_BESIDE_SMALL))
    /* TRANSLATORS: the legend of a chart's cross-hatched blocks: counts of any size left out
     * so that a small one beside them cannot be worked out */
    g_ptr_array_add (items, legend_item_new (chart, LEGEND_HIDDEN, HIDING_BESIDE_SMALL,
                                             _("Hidden to protect a small count"), max_width));
  return items;
}

static double
legend_spacing (const Chart *chart)
{
  return 1.2 * chart->em;
}

/* Places the items in lines as wide as @max_width; returns how many. */
static guint
legend_flow (Chart     *chart,
             GPtrArray *shown,
             double     max_width)
{
  double x = 0;
  guint line = 0;

  for (guint i = 0; i < shown->len; i++)
    {
      LegendItem *item = g_ptr_array_index (shown, i);

      if (x > 0 && x + item->width > max_width)
        {
          line++;
          x = 0;
        }
      item->x = x;
      item->line = line;
      x += item->width + legend_spacing (chart);
    }
  return shown->len > 0 ? line + 1 : 0;
}

typedef struct
{
  GPtrArray  *items;   /* every entry */
  GPtrArray  *shown;   /* those that fit, then "n more" */
  LegendItem *more;
  double      top;
  double      line_height;
  guint       n_lines;
} Legend;

static void
legend_clear (Legend *legend)
{
  g_clear_pointer (&legend->shown, g_ptr_array_unref);
  g_clear_pointer (&legend->items, g_ptr_array_unref);
  g_clear_pointer (&legend->more, legend_item_free);
}

/* Keeps the legend to @max_lines lines, leaving out the last entries
 * and saying how many. */
static void
legend_plan (Chart  *chart,
             Legend *legend,
             double  max_width,
             guint   max_lines)
{
  double text_height;

  legend_clear (legend);
  legend->items = legend_items (chart, max_width);
  legend->shown = g_ptr_array_new ();

  for (guint keep = legend->items->len; ; keep--)
    {
      g_ptr_array_set_size (legend->shown, 0);
      for (guint i = 0; i < keep; i++)
        g_ptr_array_add (legend->shown, g_ptr_array_index (legend->items, i));
      g_clear_pointer (&legend->more, legend_item_free);
      if (keep < legend->items->len)
        {
          guint left_out = legend->items->len - keep;
          /* TRANSLATORS: at the end of a chart's legend that has no room for every entry */
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more",
                                                                "%u more", left_out),
                                                   left_out);
          legend->more = legend_item_new (chart, LEGEND_MORE, 0, text, max_width);
          g_ptr_array_add (legend->shown, legend->more);
        }
      legend->n_lines = legend_flow (chart, legend->shown, max_width);
      if (legend->n_lines <= max_lines || keep == 0)
        break;
    }

  text_height = 0;
  for (guint i = 0; i < legend->shown->len; i++)
    {
      double h;
      text_size (((LegendItem *) g_ptr_array_index (legend->shown, i))->layout, NULL, &h);
      text_height = MAX (text_height, h);
    }
  legend->line_height = MAX (text_height, legend_swatch (chart)) + 0.3 * chart->em;
}

static void
draw_legend_swatch (Chart      *chart,
                    LegendItem *item,
                    double      x,
                    double      y)
{
  const PairingsChartTheme *theme = chart->theme;
  double size = legend_swatch (chart);

  switch (item->kind)
    {
    case LEGEND_SERIES:
      draw_part (chart, x, y, size, size, 0, item->index, HIDING_NONE);
      break;
    case LEGEND_BAR:
      if (chart->n_series == 1)
        {
          draw_part (chart, x, y, size, size, item->index, 0, HIDING_NONE);
          break;
        }
      fill_rectangle (chart->cr, x, y, size, size, &theme->foreground, 0.5);
      draw_texture (chart, bar_texture (item->index), x, y, size, size, &theme->background, 0.7);
      break;
    case LEGEND_HIDDEN:
      draw_hidden_block (chart, x, y, size, size, &theme->foreground, item->index);
      break;
    case LEGEND_MORE:
    default:
      break;
    }
}

static void
draw_legend (Chart  *chart,
             Legend *legend,
             double  left,
             double  max_width)
{
  for (guint line = 0; line < legend->n_lines; line++)
    {
      double line_width = 0, offset;
      double y = legend->top + line * legend->line_height;

      for (guint i = 0; i < legend->shown->len; i++)
        {
          LegendItem *item = g_ptr_array_index (legend->shown, i);
          if (item->line == line)
            line_width = item->x + item->width;
        }
      offset = left + (max_width - line_width) / 2;

      for (guint i = 0; i < legend->shown->len; i++)
        {
          LegendItem *item = g_ptr_array_index (legend->shown, i);
          double text_height, swatch = legend_swatch (chart);
          double text_x = offset + item->x;

          if (item->line != line)
            continue;
          text_size (item->layout, NULL, &text_height);
          if (item->kind != LEGEND_MORE)
            {
              draw_legend_swatch (chart, item, text_x, y + (text_height - swatch) / 2);
              text_x += swatch + 0.35 * chart->em;
            }
          show_text (chart, item->layout, text_x, y, &chart->theme->foreground,
                     item->kind == LEGEND_MORE ? 0.7 : 1.0);
        }
    }
}

/* Plan of the plot ----------------------------------------------------------- */

typedef struct
{
  /* What is shown; the last ones go first when space is short. */
  gboolean     show_ticks_and_labels;
  gboolean     show_bar_names;
  gboolean     show_legend;
  gboolean     show_axis_titles;

  double       margin;
  double       top;

  Legend       legend;

  /* the y axis */
  gboolean     counts;
  double       highest;
  double       y_max;
  double       y_step;
  guint        n_ticks;
  int          decimals;
  double       tick_width;
  double       tick_height;
  PangoLayout *y_title;

  /* the plot's rectangle */
  double       left;
  double       right;
  double       plot_top;
  double       bottom;

  /* the columns */
  double       slot;
  double       bar_width;
  double       bar_gap;

  /* under the axis */
  PangoLayout **labels;           /* one per category: its name, then its note */
  PangoLayout **names;            /* the name alone, to see how it wraps */
  double       *word_widths;      /* of the name's widest word */
  gboolean     *label_shown;
  double        label_thickness;  /* of the tallest label on one line a paragraph */
  gboolean      rotated;
  guint         every;
  double        labels_top;
  double        labels_height;
  PangoLayout **bar_names;
  double        widest_bar_name;
  double        bar_names_height;
  gboolean      bar_names_shown;
  double        bar_names_top;
  PangoLayout  *x_title;
  double        x_title_top;
} Plot;

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static PangoLayout *
category_label_new (Chart *chart,
                    guint  category)
{
  const char *name = string_at (chart->data->categories, category);
  const char *note = string_at (chart->data->notes, category);
  g_autofree char *text = NULL;
  PangoLayout *layout;
  PangoAttrList *attributes;
  PangoAttribute *attribute;

  if (!has_text (note))
    return chart_text (chart, name, 0.9, FALSE);

  text = g_strconcat (name, "\n", note, NULL);
  layout = chart_text (chart, text, 0.9, FALSE);
  attributes = pango_attr_list_new ();
  attribute = pango_attr_scale_new (0.85);
  attribute->start_index = strlen (name) + 1;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_foreground_alpha_new (0.65 * G_MAXUINT16);
  attribute->start_index = strlen (name) + 1;
  pango_attr_list_insert (attributes, attribute);
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

static double
widest_word (Chart      *chart,
             const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = chart_text (chart, words[i], 0.9, FALSE);
      double width;

      text_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

static void
plot_init (Chart *chart,
           Plot  *plot,
           double top)
{
  const PairingsChartData *data = chart->data;
  g_autoptr(PangoLayout) probe = chart_text (chart, "0", 0.85, FALSE);

  memset (plot, 0, sizeof *plot);
  plot->top = top;
  plot->margin = MAX (0.75 * chart->em, 4.0);
  plot->highest = highest_bar (chart);
  plot->counts = counts_only (chart);
  text_size (probe, NULL, &plot->tick_height);

  plot->labels = g_new0 (PangoLayout *, chart->n_categories);
  plot->names = g_new0 (PangoLayout *, chart->n_categories);
  plot->word_widths = g_new0 (double, chart->n_categories);
  plot->label_shown = g_new0 (gboolean, chart->n_categories);
  for (guint c = 0; c < chart->n_categories; c++)
    {
      double thickness;

      plot->names[c] = chart_text (chart, string_at (data->categories, c), 0.9, FALSE);
      pango_layout_set_wrap (plot->names[c], PANGO_WRAP_WORD);
      plot->word_widths[c] = widest_word (chart, string_at (data->categories, c));
      plot->labels[c] = category_label_new (chart, c);
      text_size (plot->labels[c], NULL, &thickness);
      plot->label_thickness = MAX (plot->label_thickness, thickness);
    }

  plot->bar_names = g_new0 (PangoLayout *, chart->n_bars);
  for (guint b = 0; b < chart->n_bars; b++)
    {
      double width, height;

      plot->bar_names[b] = chart_text (chart, string_at (data->bars, b), 0.8, FALSE);
      text_size (plot->bar_names[b], &width, &height);
      plot->widest_bar_name = MAX (plot->widest_bar_name, width);
      plot->bar_names_height = MAX (plot->bar_names_height, height);
    }

  if (has_text (data->y_label))
    plot->y_title = chart_text (chart, data->y_label, 0.9, FALSE);
  if (has_text (data->x_label))
    plot->x_title = chart_text (chart, data->x_label, 0.9, FALSE);
}

static void
plot_clear (Chart *chart,
            Plot  *plot)
{
  for (guint c = 0; c < chart->n_categories; c++)
    {
      g_clear_object (&plot->labels[c]);
      g_clear_object (&plot->names[c]);
    }
  for (guint b = 0; b < chart->n_bars; b++)
    g_clear_object (&plot->bar_names[b]);
  g_clear_pointer (&plot->labels, g_free);
  g_clear_pointer (&plot->names, g_free);
  g_clear_pointer (&plot->word_widths, g_free);
  g_clear_pointer (&plot->label_shown, g_free);
  g_clear_pointer (&plot->bar_names, g_free);
  g_clear_object (&plot->y_title);
  g_clear_object (&plot->x_title);
  legend_clear (&plot->legend);
}

static double
nice_step (double raw)
{
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
plan_ticks (Chart *chart,
            Plot  *plot)
{
  double plot_height = plot->bottom - plot->plot_top;
  double target = CLAMP (floor (plot_height / (2.5 * chart->em)), 1, 10);

  /* A short plot still gets a middle tick when labels fit closer. */
  if (target < 3)
    target = CLAMP (floor (plot_height / (1.4 * plot->tick_height)), target, 3);

  plot->y_step = nice_step (plot->highest / target);
  if (plot->counts && plot->y_step < 1)
    plot->y_step = 1;
  plot->n_ticks = (guint) MAX (1, ceil (plot->highest / plot->y_step - 1e-9));
  plot->y_max = plot->n_ticks * plot->y_step;
  plot->decimals = plot->y_step >= 1 ? 0 : (int) ceil (-log10 (plot->y_step) - 1e-9);
}

static PangoLayout *
tick_label_new (Chart *chart,
                Plot  *plot,
                guint  tick)
{
  g_autofree char *text = g_strdup_printf ("%.*f", plot->decimals, tick * plot->y_step);

  return chart_text (chart, text, 0.85, FALSE);
}

static double
widest_tick_label (Chart *chart,
                   Plot  *plot)
{
  double widest = 0;

  for (guint i = 0; i <= plot->n_ticks; i++)
    {
      g_autoptr(PangoLayout) layout = tick_label_new (chart, plot, i);
      double width;

      text_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

static void
plan_slots (Chart *chart,
            Plot  *plot)
{
  double group;

  plot->slot = (plot->right - plot->left) / MAX (chart->n_categories, 1);
  group = plot->slot * (chart->n_bars > 1 ? 0.84 : 0.62);
  plot->bar_gap = chart->n_bars > 1 ? MIN (0.3 * chart->em, group * 0.06) : 0;
  plot->bar_width = (group - plot->bar_gap * (chart->n_bars - 1)) / MAX (chart->n_bars, 1);
}

static void
plan_level_labels (Chart *chart,
                   Plot  *plot)
{
  double width = plot->slot - 0.4 * chart->em;

  plot->labels_height = 0;
  for (guint c = 0; c < chart->n_categories; c++)
    {
      PangoLayout *layout = plot->labels[c];
      double height;

      /* The name fits in three lines at most; so may a long note. */
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_height (layout, -3);
      text_size (layout, NULL, &height);
      plot->labels_height = MAX (plot->labels_height, height);
      plot->label_shown[c] = TRUE;
    }
}

/* Turned 45°, a label at (x, y) (the middle of its right end) spans
 * x − √½ (w + t/2) to x + √½ t/2 across and y − √½ t/2 to y + √½ (w + t/2)
 * down, for a length w and a thickness t; two labels k columns apart
 * are k·slot·√½ apart measured across the text. */
static void
plan_turned_labels (Chart *chart,
                    Plot  *plot)
{
  double t = plot->label_thickness;
  double budget = MAX (0.3 * chart->height, chart->em);
  double longest_allowed = MAX (budget / SQRT_HALF - t, 1.5 * chart->em);
  double longest = 0;

  plot->every = (guint) MAX (1, ceil ((t + 0.3 * chart->em) / (plot->slot * SQRT_HALF)));
  for (guint c = 0; c < chart->n_categories; c++)
    {
      PangoLayout *layout = plot->labels[c];
      double anchor = plot->left + (c + 0.5) * plot->slot;
      double room = (anchor - plot->margin) / SQRT_HALF - t / 2;
      double length;

      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      limit_width (layout, MIN (longest_allowed, room));
      text_size (layout, &length, NULL);

      plot->label_shown[c] = c % plot->every == 0 && room >= chart->em;
      if (plot->label_shown[c])
        longest = MAX (longest, pango_layout_get_width (layout) > 0
                                ? pango_layout_get_width (layout) / (double) PANGO_SCALE
                                : length);
    }
  plot->labels_height = SQRT_HALF * (longest + t);
}

/* Whether every name fits its column in at most three lines, no word cut. */
static gboolean
names_stay_level (Chart *chart,
                  Plot  *plot)
{
  double width = plot->slot - 0.4 * chart->em;

  for (guint c = 0; c < chart->n_categories; c++)
    {
      if (plot->word_widths[c] > width - 0.1 * chart->em)
        return FALSE;
      pango_layout_set_width (plot->names[c], pango_units_from_double (width));
      if (pango_layout_get_line_count (plot->names[c]) > 3)
        return FALSE;
    }
  return TRUE;
}

static void
plan_labels (Chart *chart,
             Plot  *plot)
{
  plot->rotated = FALSE;
  plot->every = 1;
  plot->labels_height = 0;
  for (guint c = 0; c < chart->n_categories; c++)
    plot->label_shown[c] = FALSE;
  if (!plot->show_ticks_and_labels)
    return;

  if (names_stay_level (chart, plot))
    {
      plan_level_labels (chart, plot);
      return;
    }

  /* Room on the right for the last label's corner. */
  plot->rotated = TRUE;
  plot->right -= SQRT_HALF * plot->label_thickness / 2;
  plan_slots (chart, plot);
  plan_turned_labels (chart, plot);
}

static void
plan_columns (Chart *chart,
              Plot  *plot)
{
  double em = chart->em;

  plot->left = plot->margin;
  if (plot->show_ticks_and_labels)
    plot->left += plot->tick_width + 0.5 * em;
  if (plot->show_axis_titles && plot->y_title != NULL)
    {
      double height;
      text_size (plot->y_title, NULL, &height);
      plot->left += height + 0.4 * em;
    }
  plot->right = chart->width - plot->margin;
  plan_slots (chart, plot);
  plan_labels (chart, plot);

  plot->bar_names_shown = plot->show_bar_names && chart->n_bars > 1 &&
                          plot->widest_bar_name <= plot->bar_width + plot->bar_gap - 0.2 * em;
}

static void
plan_rows (Chart *chart,
           Plot  *plot)
{
  double em = chart->em;
  double y = chart->height - plot->margin;

  if (plot->show_axis_titles && plot->x_title != NULL)
    {
      double height;
      limit_width (plot->x_title, chart->width - 2 * plot->margin);
      text_size (plot->x_title, NULL, &height);
      plot->x_title_top = y - height;
      y = plot->x_title_top - 0.4 * em;
    }
  if (plot->labels_height > 0)
    {
      plot->labels_top = y - plot->labels_height;
      y = plot->labels_top - 0.2 * em;
    }
  if (plot->bar_names_shown)
    {
      plot->bar_names_top = y - plot->bar_names_height;
      y = plot->bar_names_top - 0.1 * em;
    }
  /* The tick label "0" reaches half its height below the axis. */
  plot->bottom = y - MAX (0.4 * em, plot->tick_height / 2 + 0.1 * em);
}

static gboolean
plan_once (Chart *chart,
           Plot  *plot)
{
  double em = chart->em;
  double y = plot->top;

  legend_clear (&plot->legend);
  if (plot->show_legend)
    {
      double max_width = chart->width - 2 * plot->margin;
      guint max_lines = (guint) MAX (1, floor (0.25 * chart->height / (1.3 * em)));

      legend_plan (chart, &plot->legend, max_width, max_lines);
      plot->legend.top = y;
      if (plot->legend.n_lines > 0)
        y += plot->legend.n_lines * plot->legend.line_height + 0.5 * em;
    }
  plot->plot_top = y + (plot->show_ticks_and_labels ? plot->tick_height / 2 : 0);

  /* The tick labels' width and the plot's height depend on each other. */
  plot->tick_width = 0;
  for (guint i = 0; i < 5; i++)
    {
      double widest;

      plan_columns (chart, plot);
      plan_rows (chart, plot);
      plan_ticks (chart, plot);
      widest = plot->show_ticks_and_labels ? widest_tick_label (chart, plot) : 0;
      if (widest <= plot->tick_width + 0.01)
        break;
      plot->tick_width = widest;
    }

  return plot->slot >= 1 && plot->right - plot->left >= 2 * em &&
         plot->bottom - plot->plot_top >= 2 * em;
}

/* Gives up what does not fit, in order, until the plot has room. */
static gboolean
plan_plot (Chart *chart,
           Plot  *plot)
{
  for (guint level = 0; level <= 4; level++)
    {
      plot->show_axis_titles = level < 1;
      plot->show_legend = level < 2;
      plot->show_bar_names = level < 3;
      plot->show_ticks_and_labels = level < 4;
      if (plan_once (chart, plot))
        return TRUE;
    }
  return plot->slot > 0 && plot->right > plot->left && plot->bottom > plot->plot_top;
}

/* Drawing the plot ----------------------------------------------------------- */

static double
y_of (Plot   *plot,
      double  value)
{
  return plot->bottom - value / plot->y_max * (plot->bottom - plot->plot_top);
}

static double
bar_x (Plot  *plot,
       Chart *chart,
       guint  category,
       guint  bar)
{
  double group = chart->n_bars * plot->bar_width + (chart->n_bars - 1) * plot->bar_gap;

  return plot->left + category * plot->slot + (plot->slot - group) / 2 +
         bar * (plot->bar_width + plot->bar_gap);
}

static void
draw_grid (Chart *chart,
           Plot  *plot)
{
  cairo_t *cr = chart->cr;

  for (guint i = 0; i <= plot->n_ticks; i++)
    {
      double y = y_of (plot, i * plot->y_step);

      if (i > 0)
        {
          set_source (cr, &chart->theme->grid, 1.0);
          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, plot->left, round (y) + 0.5);
          cairo_line_to (cr, plot->right, round (y) + 0.5);
          cairo_stroke (cr);
        }
      if (plot->show_ticks_and_labels)
        {
          g_autoptr(PangoLayout) layout = tick_label_new (chart, plot, i);
          double width, height;

          text_size (layout, &width, &height);
          show_text (chart, layout, plot->left - 0.5 * chart->em - width, y - height / 2,
                     &chart->theme->foreground, 0.75);
        }
    }
}

static void
draw_baseline (Chart *chart,
               Plot  *plot)
{
  cairo_t *cr = chart->cr;

  set_source (cr, &chart->theme->foreground, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, plot->left, round (plot->bottom) + 0.5);
  cairo_line_to (cr, plot->right, round (plot->bottom) + 0.5);
  cairo_stroke (cr);
}

/* "< 5" or "hidden" inside the block when it fits there, else just above the bar when
 * the block is its top; otherwise only the legend and the hit explain it. */
static void
label_hidden (Chart    *chart,
              Plot     *plot,
              guint     category,
              guint     bar,
              guint     series,
              double    x,
              double    y,
              double    height,
              gboolean  top_of_bar)
{
  g_autofree char *text = pairings_chart_data_format (chart->data, category, bar, series);
  g_autoptr(PangoLayout) layout = chart_text (chart, text, 0.8, FALSE);
  double text_width, text_height, width = plot->bar_width;

  text_size (layout, &text_width, &text_height);
  if (text_width <= width - 2 && text_height <= height - 2)
    {
      double tx = x + (width - text_width) / 2, ty = y + (height - text_height) / 2;

      fill_rectangle (chart->cr, tx - 1, ty, text_width + 2, text_height,
                      &chart->theme->background, 0.85);
      show_text (chart, layout, tx, ty, &chart->theme->foreground, 1.0);
    }
  else if (top_of_bar && text_width <= width + plot->bar_gap - 1 &&
           y - text_height - 0.1 * chart->em >= plot->plot_top)
    show_text (chart, layout, x + (width - text_width) / 2, y - text_height - 0.1 * chart->em,
               &chart->theme->foreground, 1.0);
}

static void
add_hit (Chart  *chart,
         double  x,
         double  y,
         double  width,
         double  height,
         guint   category,
         guint   bar,
         guint   series)
{
  PairingsChartHit hit;

  if (chart->hits == NULL)
    return;
  hit.x = x;
  hit.y = y;
  hit.width = width;
  hit.height = height;
  hit.category = category;
  hit.bar = bar;
  hit.series = series;
  hit.text = hit_text (chart, category, bar, series);
  g_array_append_val (chart->hits, hit);
}

static gboolean
nothing_above (Chart *chart,
               guint  category,
               guint  bar,
               guint  series)
{
  Hiding hiding;

  for (guint s = series + 1; s < chart->n_series; s++)
    if (part_height (chart, category, bar, s, &hiding) > 0)
      return FALSE;
  return TRUE;
}

static void
draw_bar (Chart *chart,
          Plot  *plot,
          guint  category,
          guint  bar)
{
  double x = bar_x (plot, chart, category, bar);
  double base = 0;

  for (guint s = 0; s < chart->n_series; s++)
    {
      Hiding hiding;
      double part = part_height (chart, category, bar, s, &hiding);
      double y0, y1;

      if (part <= 0)
        continue;
      y0 = y_of (plot, base);
      y1 = y_of (plot, base + part);
      draw_part (chart, x, y1, plot->bar_width, y0 - y1, bar, s, hiding);
      add_hit (chart, x, y1, plot->bar_width, y0 - y1, category, bar, s);
      if (hiding != HIDING_NONE)
        label_hidden (chart, plot, category, bar, s, x, y1, y0 - y1,
                          nothing_above (chart, category, bar, s));
      base += part;
    }
}

static void
draw_bar_names (Chart *chart,
                Plot  *plot)
{
  for (guint c = 0; c < chart->n_categories; c++)
    for (guint b = 0; b < chart->n_bars; b++)
      {
        double width;

        text_size (plot->bar_names[b], &width, NULL);
        show_text (chart, plot->bar_names[b],
                   bar_x (plot, chart, c, b) + (plot->bar_width - width) / 2, plot->bar_names_top,
                   &chart->theme->foreground, 0.75);
      }
}

static void
draw_category_labels (Chart *chart,
                      Plot  *plot)
{
  cairo_t *cr = chart->cr;

  for (guint c = 0; c < chart->n_categories; c++)
    {
      PangoLayout *layout = plot->labels[c];
      double centre = plot->left + (c + 0.5) * plot->slot;
      double length, thickness;

      if (!plot->label_shown[c])
        continue;
      if (!plot->rotated)
        {
          show_text (chart, layout, centre - pango_layout_get_width (layout) / (2.0 * PANGO_SCALE),
                     plot->labels_top, &chart->theme->foreground, 1.0);
          continue;
        }

      text_size (layout, &length, &thickness);
      if (pango_layout_get_width (layout) > 0)
        length = pango_layout_get_width (layout) / (double) PANGO_SCALE;
      cairo_save (cr);
      cairo_translate (cr, centre, plot->labels_top + SQRT_HALF * plot->label_thickness / 2);
      cairo_rotate (cr, -G_PI / 4);
      show_text (chart, layout, -length, -thickness / 2, &chart->theme->foreground, 1.0);
      cairo_restore (cr);
    }
}

static void
draw_axis_titles (Chart *chart,
                  Plot  *plot)
{
  cairo_t *cr = chart->cr;
  double width, height;

  if (!plot->show_axis_titles)
    return;

  if (plot->x_title != NULL)
    {
      text_size (plot->x_title, &width, NULL);
      show_text (chart, plot->x_title,
                 CLAMP ((plot->left + plot->right - width) / 2, plot->margin,
                        chart->width - plot->margin - width),
                 plot->x_title_top, &chart->theme->foreground, 0.85);
    }
  if (plot->y_title != NULL)
    {
      limit_width (plot->y_title, plot->bottom - plot->plot_top);
      text_size (plot->y_title, &width, &height);
      cairo_save (cr);
      cairo_translate (cr, plot->margin, (plot->plot_top + plot->bottom + width) / 2);
      cairo_rotate (cr, -G_PI / 2);
      show_text (chart, plot->y_title, 0, 0, &chart->theme->foreground, 0.85);
      cairo_restore (cr);
    }
}

static void
draw_plot (Chart  *chart,
           double  top)
{
  Plot plot;

  plot_init (chart, &plot, top);
  if (plan_plot (chart, &plot))
    {
      draw_grid (chart, &plot);
      for (guint c = 0; c < chart->n_categories; c++)
        for (guint b = 0; b < chart->n_bars; b++)
          draw_bar (chart, &plot, c, b);
      draw_baseline (chart, &plot);
      if (plot.bar_names_shown)
        draw_bar_names (chart, &plot);
      draw_category_labels (chart, &plot);
      draw_axis_titles (chart, &plot);
      if (plot.show_legend)
        draw_legend (chart, &plot.legend, plot.margin, chart->width - 2 * plot.margin);
    }
  plot_clear (chart, &plot);
}

/* The whole chart ------------------------------------------------------------ */

static double
draw_title (Chart *chart)
{
  double margin = MAX (0.75 * chart->em, 4.0);
  double width = chart->width - 2 * margin;
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (!has_text (chart->data->title) || width < chart->em)
    return margin;

  layout = chart_text (chart, chart->data->title, 1.25, TRUE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_height (layout, -2);
  text_size (layout, NULL, &height);
  if (margin + height > chart->height - margin)
    return margin;
  show_text (chart, layout, margin, margin, &chart->theme->foreground, 1.0);
  return margin + height + 0.5 * chart->em;
}

static void
draw_empty (Chart  *chart,
            double  top)
{
  double margin = MAX (0.75 * chart->em, 4.0);
  double width = chart->width - 2 * margin, room = chart->height - margin - top;
  g_autoptr(PangoLayout) layout = chart_text (chart, _("No data for this chart yet"), 1.1, FALSE);
  double height;

  if (width < chart->em || room < chart->em)
    return;
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_height (layout, pango_units_from_double (room));
  text_size (layout, NULL, &height);
  show_text (chart, layout, margin, top + (room - height) / 2, &chart->theme->foreground, 0.6);
}

void
pairings_chart_render (cairo_t                  *cr,
                       const PairingsChartData  *data,
                       const PairingsChartTheme *theme,
                       double                    width,
                       double                    height,
                       GArray                   *hits)
{
  Chart chart;
  double top;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (theme != NULL);
  g_return_if_fail (hits == NULL || g_array_get_element_size (hits) == sizeof (PairingsChartHit));

  if (!(width > 0 && height > 0))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (theme->background.alpha > 0)
    {
      set_source (cr, &theme->background, 1.0);
      cairo_paint (cr);
    }

  chart_init (&chart, cr, data, theme, width, height, hits);
  top = draw_title (&chart);
  if (chart.n_categories == 0 || chart.n_bars == 0 || chart.n_series == 0 ||
      highest_bar (&chart) <= 0)
    draw_empty (&chart, top);
  else
    draw_plot (&chart, top);
  chart_clear (&chart);
  cairo_restore (cr);
}

/* Export --------------------------------------------------------------------- */

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static gboolean
format_from_path (const char *path,
                  Format     *format)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

gboolean
pairings_chart_export_check (const char  *path,
                             int          width,
                             int          height,
                             GError     **error)
{
  g_autofree char *display = NULL;
  Format format;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot write “%s”: a chart is saved as .png, .svg or .pdf"), display);
      return FALSE;
    }
  if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* TRANSLATORS: the first %s is a file name; the others are sizes in pixels */
                   _("Cannot write “%s”: %d × %d is not a chart size (each side from %d to %d)"),
                   display, width, height, MIN_SIZE, MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} Writer;

static cairo_status_t
writer_write (void                *closure,
              const unsigned char *bytes,
              unsigned int         length)
{
  Writer *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, bytes, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* A hidden file with a random name beside the destination, so the final
 * rename stays on one file system and a failure leaves nothing behind. */
static GOutputStream *
create_temporary (const char  *path,
                  char       **temporary,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = g_strdup_printf (".pairings-chart-%08x.tmp", g_random_int ());
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (candidate);
      GFileOutputStream *stream;

      stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local_error);
      if (stream != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return G_OUTPUT_STREAM (stream);
        }
      if (attempt >= 100 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, G_IO_ERROR, local_error->code,
                       _("Cannot write “%s”: %s"), display, local_error->message);
          return NULL;
        }
    }
}

static cairo_surface_t *
create_surface (Format  format,
                Writer *writer,
                int     width,
                int     height)
{
  cairo_surface_t *surface;

  switch (format)
    {
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (writer_write, writer, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      return surface;
    case FORMAT_PDF:
      return cairo_pdf_surface_create_for_stream (writer_write, writer, width, height);
    case FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

/* Draws and writes; returns cairo's status, the stream's error in @writer. */
static cairo_status_t
write_chart (const PairingsChartData  *data,
             const PairingsChartTheme *theme,
             Format                    format,
             Writer                   *writer,
             int                       width,
             int                       height)
{
  cairo_surface_t *surface = create_surface (format, writer, width, height);
  cairo_status_t status = cairo_surface_status (surface);
  cairo_t *cr;

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == FORMAT_PDF && data->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->title);

      cr = cairo_create (surface);
      pairings_chart_render (cr, data, theme, width, height, NULL);
      status = cairo_status (cr);
      cairo_destroy (cr);

      if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, writer_write, writer);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  return status;
}

gboolean
pairings_chart_export (const PairingsChartData  *data,
                       const PairingsChartTheme *theme,
                       const char               *path,
                       int                       width,
                       int                       height,
                       GError                  **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *display = NULL;
  Writer writer = { NULL, NULL };
  cairo_status_t status;
  Format format = FORMAT_PNG;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (theme != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!pairings_chart_export_check (path, width, height, error))
    return FALSE;
  format_from_path (path, &format);
  display = g_filename_display_name (path);

  stream = create_temporary (path, &temporary, error);
  if (stream == NULL)
    return FALSE;
  writer.stream = stream;

  status = write_chart (data, theme, format, &writer, width, height);
  if (writer.error != NULL)
    {
      g_set_error (error, G_IO_ERROR, writer.error->code, _("Cannot write “%s”: %s"), display,
                   writer.error->message);
      g_clear_error (&writer.error);
      goto failed;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the chart for “%s”: %s"),
                   display, cairo_status_to_string (status));
      goto failed;
    }
  if (!g_output_stream_close (stream, NULL, &writer.error))
    {
      g_set_error (error, G_IO_ERROR, writer.error->code, _("Cannot write “%s”: %s"), display,
                   writer.error->message);
      g_clear_error (&writer.error);
      goto failed;
    }
  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      goto failed;
    }
  return TRUE;

failed:
  g_output_stream_close (stream, NULL, NULL);
  g_unlink (temporary);
  return FALSE;
}

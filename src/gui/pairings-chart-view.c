/* pairings-chart-view.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a PairingsChartData with the shared renderer through
 * gtk_snapshot_append_cairo(), in the colours of the widget's style (so
 * light and dark follow the system), and shows the exact number under the
 * pointer in a tooltip. The numbers are also in the Charts page's table.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pairings-chart-view.h"

struct _PairingsChartView
{
  GtkWidget          parent_instance;

  PairingsChartData *data;
  GArray            *hits;   /* PairingsChartHit, from the last drawing */
};

G_DEFINE_FINAL_TYPE (PairingsChartView, pairings_chart_view, GTK_TYPE_WIDGET)

static PairingsChartColor
color_from_rgba (const GdkRGBA *rgba,
                 double         alpha)
{
  return (PairingsChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

void
pairings_chart_view_get_theme (PairingsChartView  *self,
                               PairingsChartTheme *theme)
{
  GdkRGBA foreground;

  g_return_if_fail (PAIRINGS_IS_CHART_VIEW (self));

  /* The palette (colour-blind safe) comes from the renderer, tuned for a
   * light or a dark background; text and lines from the style. */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    pairings_chart_theme_init_dark (theme);
  else
    pairings_chart_theme_init_light (theme);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
  theme->foreground = color_from_rgba (&foreground, 1);
  theme->grid = color_from_rgba (&foreground, 0.15);
  /* The page's own background shows through. */
  theme->background.alpha = 0;
}

static void
pairings_chart_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PairingsChartView *self = PAIRINGS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PairingsChartTheme theme;
  cairo_t *cr;

  g_array_set_size (self->hits, 0);
  if (self->data == NULL || width <= 0 || height <= 0)
    return;
  pairings_chart_view_get_theme (self, &theme);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pairings_chart_render (cr, self->data, &theme, width, height, self->hits);
  cairo_destroy (cr);
}

static PairingsChartHit *
hit_at (PairingsChartView *self,
        double             x,
        double             y)
{
  for (guint i = 0; i < self->hits->len; i++)
    {
      PairingsChartHit *hit = &g_array_index (self->hits, PairingsChartHit, i);

      if (x >= hit->x && x < hit->x + hit->width && y >= hit->y && y < hit->y + hit->height)
        return hit;
    }
  return NULL;
}

char *
pairings_chart_view_describe_at (PairingsChartView *self,
                                 double             x,
                                 double             y)
{
  PairingsChartHit *hit;

  g_return_val_if_fail (PAIRINGS_IS_CHART_VIEW (self), NULL);

  hit = hit_at (self, x, y);
  return hit != NULL ? g_strdup (hit->text) : NULL;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  PairingsChartHit *hit = hit_at (PAIRINGS_CHART_VIEW (widget), x, y);

  if (hit == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, hit->text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit->x, (int) hit->y,
                                                       MAX (1, (int) hit->width), MAX (1, (int) hit->height) });
  return TRUE;
}

GtkWidget *
pairings_chart_view_new (void)
{
  return g_object_new (PAIRINGS_TYPE_CHART_VIEW, NULL);
}

void
pairings_chart_view_set_data (PairingsChartView *self,
                              PairingsChartData *data)
{
  g_return_if_fail (PAIRINGS_IS_CHART_VIEW (self));

  if (self->data == data)
    return;
  g_clear_pointer (&self->data, pairings_chart_data_free);
  self->data = data;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  data != NULL ? data->title : _("No chart"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const PairingsChartData *
pairings_chart_view_get_data (PairingsChartView *self)
{
  g_return_val_if_fail (PAIRINGS_IS_CHART_VIEW (self), NULL);

  return self->data;
}

static void
on_dark_changed (PairingsChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pairings_chart_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pairings_chart_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
pairings_chart_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  /* Room for the axes, a few bars and a legend. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 480;
}

static void
pairings_chart_view_finalize (GObject *object)
{
  PairingsChartView *self = PAIRINGS_CHART_VIEW (object);

  g_clear_pointer (&self->data, pairings_chart_data_free);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (pairings_chart_view_parent_class)->finalize (object);
}

static void
pairings_chart_view_class_init (PairingsChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pairings_chart_view_finalize;
  widget_class->snapshot = pairings_chart_view_snapshot;
  widget_class->measure = pairings_chart_view_measure;
  widget_class->css_changed = pairings_chart_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "pairingschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pairings_chart_view_init (PairingsChartView *self)
{
  self->hits = g_array_new (FALSE, TRUE, sizeof (PairingsChartHit));
  g_array_set_clear_func (self->hits, (GDestroyNotify) pairings_chart_hit_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed),
                           self, G_CONNECT_SWAPPED);
}

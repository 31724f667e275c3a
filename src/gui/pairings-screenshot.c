/* pairings-screenshot.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by `pairings --screenshot` on machines without a display and by the
 * widget tests, so that anyone can look at what a page shows.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-screenshot.h"

gboolean
pairings_screenshot_widget (GtkWidget   *widget,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  GtkNative *native;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  native = gtk_widget_get_native (widget);
  if (native == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window is not shown yet, so there is nothing to capture"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }

  renderer = gtk_native_get_renderer (native);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the screenshot to “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

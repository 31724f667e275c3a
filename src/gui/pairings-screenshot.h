/* pairings-screenshot.h: a widget as it is drawn, saved to a PNG file
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean pairings_screenshot_widget (GtkWidget   *widget,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS

/* pairings-preferences-window.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-preferences-window.h"

struct _PairingsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *reviewer_row;
  AdwComboRow          *style_row;
  GtkSpinButton        *backups_spin;
};

G_DEFINE_FINAL_TYPE (PairingsPreferencesWindow, pairings_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row lists the schemes in the order of the key's choices. */
static const char * const schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      if (g_str_equal (scheme, schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_scheme (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (schemes[index < G_N_ELEMENTS (schemes) ? index : 0]);
}

static void
pairings_preferences_window_dispose (GObject *object)
{
  PairingsPreferencesWindow *self = (PairingsPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pairings_preferences_window_parent_class)->dispose (object);
}

static void
pairings_preferences_window_class_init (PairingsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pairings-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsPreferencesWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsPreferencesWindow, backups_spin);
}

static void
pairings_preferences_window_init (PairingsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PairingsPreferencesWindow *
pairings_preferences_window_new (GSettings *settings)
{
  PairingsPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PAIRINGS_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "reviewer-name", self->reviewer_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_index, index_to_scheme,
                                NULL, NULL);
  g_settings_bind (settings, "backups-kept", self->backups_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}

/* pairings-app.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-app.h"
#include "pairings-preferences-window.h"
#include "pairings-screenshot.h"
#include "pairings-store.h"
#include "pairings-window.h"

struct _PairingsApp
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *screenshot_path;
};

G_DEFINE_FINAL_TYPE (PairingsApp, pairings_app, ADW_TYPE_APPLICATION)

PairingsApp *
pairings_app_new (void)
{
  return g_object_new (PAIRINGS_TYPE_APP,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
pairings_app_get_settings (PairingsApp *self)
{
  g_return_val_if_fail (PAIRINGS_IS_APP (self), NULL);
  return self->settings;
}

static PairingsWindow *
find_window_for (PairingsApp *self,
                 const char  *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (PAIRINGS_IS_WINDOW (l->data) &&
          g_strcmp0 (pairings_window_get_database_path (l->data), path) == 0)
        return l->data;
    }
  return NULL;
}

/* On a machine without a screen (under Xvfb), --screenshot shows what the
 * window looks like: once it has settled, it is saved and the app quits. */
static gboolean
take_screenshot (gpointer user_data)
{
  PairingsApp *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (window == NULL || !pairings_screenshot_widget (GTK_WIDGET (window), self->screenshot_path, &error))
    g_printerr ("pairings: %s\n", error ? error->message : _("No window to capture"));
  else
    g_printerr (_("Screenshot written to “%s”\n"), self->screenshot_path);

  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
present_database (PairingsApp *self,
                  const char  *path)
{
  PairingsWindow *window = find_window_for (self, path);

  if (window == NULL)
    window = pairings_window_new (self, path);
  gtk_window_present (GTK_WINDOW (window));

  if (self->screenshot_path != NULL)
    {
      g_application_hold (G_APPLICATION (self));
      g_timeout_add_seconds (2, take_screenshot, self);
    }
}

static void
pairings_app_activate (GApplication *app)
{
  PairingsApp *self = PAIRINGS_APP (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = g_settings_get_string (self->settings, "last-database");
  if (*path == '\0' || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      path = pairings_store_default_path ();
    }
  present_database (self, path);
}

static void
pairings_app_open (GApplication  *app,
                   GFile        **files,
                   int            n_files,
                   const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        present_database (PAIRINGS_APP (app), path);
    }
}

/* --database FILE is the same as FILE, and goes to the running instance. */
static int
pairings_app_handle_local_options (GApplication *app,
                                   GVariantDict *options)
{
  PairingsApp *self = PAIRINGS_APP (app);
  const char *database = NULL;
  const char *screenshot = NULL;

  /* A screenshot run is its own instance, never a message to another. */
  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot))
    {
      self->screenshot_path = g_strdup (screenshot);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("pairings %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("pairings: %s\n", error->message);
          return 1;
        }
      g_application_open (app, &file, 1, "");
      return 0;
    }

  return -1;
}

static void
apply_color_scheme (PairingsApp *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PairingsApp *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PairingsPreferencesWindow *prefs = pairings_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Pairings developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Pairings"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Pairings developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Pair mentors with mentees, and follow every pair through the year"),
                         "website", "https://github.com/pairings/pairings",
                         "issue-url", "https://github.com/pairings/pairings/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Pairings developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
pairings_app_startup (GApplication *app)
{
  PairingsApp *self = PAIRINGS_APP (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-database", { "<Control>n", NULL } },
    { "win.open-database", { "<Control>o", NULL } },
    { "win.backup-database", { "<Control><Shift>s", NULL } },
    { "win.choose-cohort", { "<Control>k", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.copy-emails", { "<Control><Shift>c", NULL } },
    { "win.suggest-pairs", { "<Control><Shift>m", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.meeting-mode", { "F11", NULL } },
    { "win.show-page('applications')", { "<Alt>1", NULL } },
    { "win.show-page('board')", { "<Alt>2", NULL } },
    { "win.show-page('agreements')", { "<Alt>3", NULL } },
    { "win.show-page('charts')", { "<Alt>4", NULL } },
  };

  G_APPLICATION_CLASS (pairings_app_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
pairings_app_dispose (GObject *object)
{
  PairingsApp *self = (PairingsApp *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (pairings_app_parent_class)->dispose (object);
}

static void
pairings_app_class_init (PairingsAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pairings_app_dispose;
  app_class->activate = pairings_app_activate;
  app_class->open = pairings_app_open;
  app_class->startup = pairings_app_startup;
  app_class->handle_local_options = pairings_app_handle_local_options;
}

static void
pairings_app_init (PairingsApp *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a picture of the window to this PNG file, then quit"), N_("FILE") },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));
}

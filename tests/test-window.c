/* test-window.c: the main window under Xvfb, driven through its actions
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test renders what it shows to a PNG under the build folder
 * (tests/screenshots/), so that anyone can look at the pages.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "pairings-cohort-settings.h"
#include "pairings-export-dialog.h"
#include "pairings-matcher.h"
#include "pairings-charts.h"
#include "pairings-import-dialog.h"
#include "pairings-application-list.h"
#include "pairings-board.h"
#include "pairings-board-page.h"
#include "pairings-card-text.h"
#include "pairings-agreements-page.h"
#include "pairings-charts-page.h"
#include "pairings-followup.h"
#include "pairings-test-utils.h"
#include "pairings-applications-page.h"
#include "pairings-preferences-window.h"
#include "pairings-review.h"
#include "pairings-screenshot.h"
#include "pairings-application.h"
#include "pairings-application-list.h"
#include "pairings-stats.h"
#include "pairings-window.h"

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, failing after @seconds. */
static void
wait_until (Condition condition,
            gpointer  data,
            double    seconds)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_timer_elapsed (timer, NULL) > seconds)
        g_error ("timed out after %.0f s", seconds);
      g_usleep (1000);
    }
}

static gboolean
is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
is_idle (gpointer data)
{
  return !pairings_window_is_busy (data);
}

static void
settle (GtkWidget *window)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  wait_until (is_laid_out, window, 20);
  /* Let size changes, transitions and idle layout run out. */
  while (g_timer_elapsed (timer, NULL) < 0.6)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Saves the window and returns the share of its pixels that are dark, to
 * tell a blank or wrongly themed window from a real one. */
static double
screenshot (GtkWidget  *window,
            const char *name,
            double     *spread)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint64 dark = 0;
  guint min = 255, max = 0;

  g_mkdir_with_parents (dir, 0755);
  settle (window);
  /* A window that has just been shown may not have drawn its first frame
   * on a busy machine: give it a few more chances before failing. */
  for (int attempt = 0; attempt < 5 && !pairings_screenshot_widget (window, path, &error); attempt++)
    {
      g_test_message ("screenshot %s not ready (%s), waiting", name, error->message);
      g_clear_error (&error);
      settle (window);
    }
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      /* Cairo's ARGB32, little-endian: B, G, R, A. */
      guint luma = (pixels[i * 4 + 2] * 3 + pixels[i * 4 + 1] * 6 + pixels[i * 4]) / 10;
      if (pixels[i * 4 + 3] < 128)
        continue;
      dark += luma < 100;
      min = MIN (min, luma);
      max = MAX (max, luma);
    }

  if (spread != NULL)
    *spread = (double) (max - min);
  return (double) dark / ((double) width * height);
}

typedef struct
{
  char      *dir;
  char      *path;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "window.db", NULL);

  /* Each test starts as a first start would: no remembered cohort or page. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "last-cohort");
    g_settings_reset (settings, "last-page");
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static PairingsWindow *
open_window (Fixture *f,
             int      width,
             int      height)
{
  PairingsWindow *window = pairings_window_new (NULL, f->path);

  f->window = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  settle (f->window);
  return window;
}

static void
load_demo (PairingsWindow *window)
{
  g_assert_cmpstr (pairings_window_get_state (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  g_assert_true (pairings_window_is_busy (window));
  wait_until (is_idle, window, 60);
}

/* The first widget below @root (itself included), depth first, that
 * @test accepts, or NULL. */
typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_first (GtkWidget     *root,
            WidgetTest     test,
            gconstpointer  data)
{
  for (GtkWidget *w = root; w != NULL;)
    {
      if (test (w, data))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == root)
            return NULL;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return find_first (root, has_type, GSIZE_TO_POINTER (type));
}

/* The text a label shows, or a board card's text (see
 * pairings-card-text.c), or NULL for another widget. */
static const char *
text_of (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (PAIRINGS_IS_CARD_TEXT (widget))
    return pairings_card_text_get_text (PAIRINGS_CARD_TEXT (widget));
  return NULL;
}

static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  data)
{
  return text_of (widget) != NULL && gtk_widget_get_mapped (widget) && g_strcmp0 (text_of (widget), data) == 0;
}

/* The label (or card text) showing @text and drawn (mapped), or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return find_first (root, shows_text, text);
}

static gboolean
starts_with (GtkWidget     *widget,
             gconstpointer  data)
{
  const char *text = GTK_IS_CHECK_BUTTON (widget) ? gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))
                     : text_of (widget);

  return text != NULL && g_str_has_prefix (text, data);
}

/* A label, a card text or a check button, whose text starts with @prefix,
 * or NULL. */
static GtkWidget *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  return find_first (root, starts_with, prefix);
}

static gboolean
holds_text (GtkWidget     *widget,
            gconstpointer  data)
{
  return text_of (widget) != NULL && strstr (text_of (widget), data) != NULL;
}

/* A label whose text holds @text, or NULL. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  return find_first (root, holds_text, text);
}

/* Selects the application @id in the page's list. */
static void
select_application (PairingsApplicationsPage *page,
                    GListModel               *model,
                    gint64                    id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
      if (pairings_application_get_id (app) == id)
        {
          pairings_applications_page_select (page, i, FALSE);
          return;
        }
    }
  g_error ("application %" G_GINT64_FORMAT " not in the list", id);
}

static void
test_welcome_and_demo (Fixture       *f,
                       gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  double spread = 0;

  /* A new database: the welcome page, the demo offered, the file private. */
  g_assert_cmpstr (pairings_window_get_state (window), ==, "welcome");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  screenshot (f->window, "welcome", &spread);
  g_assert_cmpfloat (spread, >, 100);

  load_demo (window);

  /* The programme is shown, the newest cohort selected. */
  g_assert_cmpstr (pairings_window_get_state (window), ==, "programme");
  g_assert_nonnull (pairings_window_get_cohort (window));
  g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2025");

  /* The database, not the widgets, has the three cohorts. */
  {
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_assert_no_error (error);
    stats = pairings_stats_collect (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stats->len, ==, 3);
  }

  /* A second demo is not offered on a database that has one. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL) &&
                  pairings_window_is_busy (window));

  screenshot (f->window, "applications", &spread);
  g_assert_cmpfloat (spread, >, 100);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  const char *pages[] = { "board", "agreements", "charts", "applications" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  PairingsCohortStats *s;
  load_demo (window);

  stats = pairings_stats_collect (pairings_window_get_store (window),
                                  pairings_window_get_cohort (window), &error);
  g_assert_no_error (error);
  s = g_ptr_array_index (stats, 0);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *saved = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      g_assert_cmpstr (pairings_window_get_page (window), ==, pages[i]);
      /* The page shown is remembered for the next start. */
      saved = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (saved, ==, pages[i]);

      /* The board shows its columns, each headed by its title and count,
       * the Approved column with the cohort's limit. */
      if (g_str_equal (pages[i], "board"))
        {
          g_autofree char *approved = g_strdup_printf ("Approved — %u of %d", s->pairs[PAIRINGS_STAGE_APPROVED],
                                                       s->pair_limit);
          GtkWidget *board = find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE);

          g_assert_true (gtk_widget_get_mapped (board));
          g_assert_nonnull (find_label (board, approved));
          g_assert_cmpuint (pairings_cohort_stats_pair_total (s), >, 0);
        }
      screenshot (f->window, pages[i], NULL);
    }

  /* An unknown page name changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "nowhere");
  g_assert_cmpstr (pairings_window_get_page (window), ==, "applications");
}

static void
test_cohort_choice (Fixture       *f,
                    gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkDropDown *dropdown = NULL;
  gint64 remembered;

  load_demo (window);

  /* Choose 2023 in the header's list: the pages follow, the choice is kept. */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 3);

  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2023");
  remembered = g_settings_get_int64 (settings, "last-cohort");
  g_assert_cmpint (remembered, ==, pairings_cohort_get_id (pairings_window_get_cohort (window)));

  /* A new window on the same file opens on the remembered cohort. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  window = open_window (f, 1180, 760);
  g_assert_cmpstr (pairings_window_get_state (window), ==, "programme");
  g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2023");
  screenshot (f->window, "cohort-2023", NULL);
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PairingsWindow *window;

  g_assert_true (g_file_set_contents (f->path, "Name;Email\nAna;ana@cern.ch\n", -1, NULL));
  before = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Name;Email\nAna;ana@cern.ch\n", -1);

  window = open_window (f, 900, 600);
  g_assert_cmpstr (pairings_window_get_state (window), ==, "no-database");
  g_assert_null (pairings_window_get_store (window));
  /* Nothing to back up or fill. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL) &&
                  pairings_window_is_busy (window));
  screenshot (f->window, "foreign-file", NULL);

  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
    after = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  }
  g_assert_cmpstr (before, ==, after);
}

static void
test_narrow_and_dark (Fixture       *f,
                      gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  double dark_light, dark_dark;

  load_demo (window);
  dark_light = screenshot (f->window, "wide-light", NULL);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dark_dark = screenshot (f->window, "wide-dark", NULL);
  /* Most of a dark window is dark; little of a light one is. */
  g_assert_cmpfloat (dark_light, <, 0.2);
  g_assert_cmpfloat (dark_dark, >, 0.6);

  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (find_widget (f->window, ADW_TYPE_VIEW_SWITCHER_BAR))));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
  screenshot (f->window, "narrow-dark", NULL);
  g_assert_cmpint (gtk_widget_get_width (f->window), <=, 420);
  /* Narrow: the page switcher moves to the bottom. */
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (find_widget (f->window, ADW_TYPE_VIEW_SWITCHER_BAR))));
}

/* A card's texts and chips (pairings-card-text.c): a text asks for no
 * width and is as high as its lines at the width it is given; chips go in
 * lines, three at most, and one wider than its card is ellipsized to the
 * card's width; both are measured again when their font changes. */
static void
test_card_text (void)
{
  const char *types[] = { "Career advancement", "Relocation to CERN / life at CERN", "A new connection", NULL };
  const char *facts = "Senior faculty or scientist · IFIC (CSIC – Universitat de València)";
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = pairings_card_text_new (facts, FALSE);
  GtkWidget *chips = pairings_card_chips_new (types);
  GtkWidget *first, *second;
  int minimum, natural, one_line, wrapped, narrow, larger, chip, line, chips_height;

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), chips);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  g_assert_cmpstr (pairings_card_text_get_text (PAIRINGS_CARD_TEXT (text)), ==, facts);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, facts);
  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  g_assert_cmpint (natural, ==, 0);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 2000, &one_line, NULL, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 200, &wrapped, NULL, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 60, &narrow, NULL, NULL, NULL);
  g_assert_cmpint (one_line, >, 0);
  g_assert_cmpint (wrapped, >=, 2 * one_line);
  g_assert_cmpint (narrow, >, wrapped);

  /* Chips: as wide as their text, and as high as one line. */
  first = gtk_widget_get_first_child (chips);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (PAIRINGS_IS_CARD_TEXT (first));
  g_assert_cmpstr (pairings_card_text_get_text (PAIRINGS_CARD_TEXT (second)), ==, types[1]);
  g_assert_true (gtk_widget_has_css_class (second, "board-chip"));
  gtk_widget_measure (second, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &chip, NULL, NULL);
  gtk_widget_measure (second, GTK_ORIENTATION_VERTICAL, -1, NULL, &line, NULL, NULL);
  g_assert_cmpint (chip, >, 150);
  gtk_widget_measure (chips, GTK_ORIENTATION_VERTICAL, 2000, NULL, &chips_height, NULL, NULL);
  g_assert_cmpint (chips_height, ==, line);
  gtk_widget_measure (chips, GTK_ORIENTATION_VERTICAL, chip - 1, NULL, &chips_height, NULL, NULL);
  g_assert_cmpint (chips_height, >=, 3 * line);
  gtk_widget_size_allocate (chips, &(GtkAllocation) { 0, 0, 100, 3 * line + 12 }, -1);
  {
    graphene_rect_t bounds;

    /* Its box, padding included, is the whole width. */
    g_assert_true (gtk_widget_compute_bounds (second, chips, &bounds));
    g_assert_cmpfloat (bounds.size.width, ==, 100);
    g_assert_cmpfloat (bounds.origin.x, ==, 0);
    g_assert_cmpfloat (bounds.origin.y, >, 0);
  }

  /* A larger font: measured again. */
  gtk_widget_add_css_class (text, "title-1");
  gtk_widget_remove_css_class (second, "caption");
  gtk_widget_add_css_class (second, "title-1");
  gtk_test_widget_wait_for_draw (window);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 200, &larger, NULL, NULL, NULL);
  g_assert_cmpint (larger, >, wrapped);
  gtk_widget_measure (second, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, >, chip);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PairingsPreferencesWindow *prefs = pairings_preferences_window_new (settings);
  GtkWidget *entry_row = NULL;
  GtkWidget *combo_row = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  settle (GTK_WIDGET (prefs));

  entry_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  combo_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (entry_row);
  g_assert_nonnull (combo_row);

  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Dr. Amara Nwosu");
  {
    g_autofree char *name = g_settings_get_string (settings, "reviewer-name");
    g_assert_cmpstr (name, ==, "Dr. Amara Nwosu");
  }

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row), 2);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
    g_assert_cmpstr (scheme, ==, "dark");
  }
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row)), ==, 1);

  screenshot (GTK_WIDGET (prefs), "preferences", NULL);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_set_string (settings, "color-scheme", "default");
}

static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  PairingsWindow *window;

  /* Messages are looked up as the template is built, so switch first;
   * setlocale() makes gettext forget what it has cached. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  window = open_window (f, 1180, 760);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Pairings");
  screenshot (f->window, "welcome-fr", NULL);
  /* Nothing to switch between on the welcome page. */
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (find_widget (f->window, ADW_TYPE_VIEW_SWITCHER_BAR))));
  load_demo (window);
  screenshot (f->window, "applications-fr", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board");
  screenshot (f->window, "board-fr", NULL);
  g_assert_nonnull (find_label_prefix (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE), "2 mentorés restent"));
  /* The core's words too (stage names, from the core library). */
  g_assert_nonnull (find_label_prefix (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE), "Approuvé — "));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL);
  screenshot (f->window, "board-meeting-fr", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* The first shown toplevel window of @type, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static PairingsImportDialog *
find_import_dialog (void)
{
  return find_toplevel (PAIRINGS_TYPE_IMPORT_DIALOG);
}

static gboolean
import_finished (gpointer data)
{
  return g_str_equal (pairings_import_dialog_get_page (data), "report");
}

static int
count_rows (const char *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (db, &error);
  g_autoptr(GPtrArray) stats = NULL;
  guint total = 0;

  g_assert_no_error (error);
  stats = pairings_stats_collect (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->len; i++)
    {
      PairingsCohortStats *s = g_ptr_array_index (stats, i);
      total += g_str_equal (sql, "cohorts") ? 1
             : pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTEE) +
               pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTOR);
    }
  return (int) total;
}

/* The assistant from an empty database: the cohort is made on the way,
 * every page is seen, the import is undone from the window's toast. */
static void
test_import_assistant (Fixture       *f,
                       gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autofree char *csv = g_build_filename (f->dir, "google-form.csv", NULL);
  PairingsImportDialog *dialog;
  PairingsImportReport *report;
  gint64 event_id;

  g_assert_true (g_file_set_contents (csv,
    "Timestamp,Email Address,Full name,Home institution,Career stage,"
    "What kind of mentoring are you looking for?,Pronouns,Favourite particle\r\n"
    "2025/02/14 10:31:05 AM GMT+1,zoe@cern.example,Zoë Ångström,CERN,Postdoc,"
    "\"Career advancement, Allyship for minority identity groups, incl. LGBTQ+\",she/her,Muon\r\n"
    "2025/02/15 09:00:00 AM GMT+1,lukasz@desy.example,Łukasz Wróbel,DESY,Doktorand,"
    "A new connection,,Gluon\r\n"
    "2025/02/15 11:00:00 AM GMT+1,not-an-address,Nobody,Nowhere,Postdoc,,,\r\n", -1, NULL));

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  pairings_window_import_file (window, csv);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  settle (GTK_WIDGET (dialog));
  g_assert_cmpstr (pairings_import_dialog_get_page (dialog), ==, "source");
  screenshot (GTK_WIDGET (dialog), "import-source", NULL);

  /* The headers were recognised. */
  g_assert_cmpstr (pairings_mapping_get_column (pairings_import_dialog_get_mapping (dialog),
                                                PAIRINGS_FIELD_EMAIL), ==, "Email Address");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  g_assert_cmpstr (pairings_import_dialog_get_page (dialog), ==, "columns");
  screenshot (GTK_WIDGET (dialog), "import-columns", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  g_assert_cmpstr (pairings_import_dialog_get_page (dialog), ==, "values");
  screenshot (GTK_WIDGET (dialog), "import-values", NULL);

  /* "Doktorand" is unknown: map it as the committee would. */
  pairings_mapping_set_career_stage (pairings_import_dialog_get_mapping (dialog), "Doktorand",
                                     PAIRINGS_CAREER_GRADUATE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  wait_until (import_finished, dialog, 30);
  screenshot (GTK_WIDGET (dialog), "import-report", NULL);

  report = pairings_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpuint (g_array_index (report->skipped, PairingsImportProblem, 0).line, ==, 4);
  event_id = report->event_id;
  g_assert_cmpint (event_id, >, 0);

  /* The database has them, in a cohort made for the first import. */
  g_assert_cmpint (count_rows (f->path, "cohorts"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "applications"), ==, 2);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsStore) store = pairings_store_open (f->path, &error);
    g_autoptr(GListModel) cohorts = pairings_store_list_cohorts (store, &error);
    g_autoptr(PairingsCohort) cohort = g_list_model_get_item (cohorts, 0);
    g_autoptr(GListModel) apps = pairings_store_list_applications (store, pairings_cohort_get_id (cohort), &error);

    for (guint i = 0; i < g_list_model_get_n_items (apps); i++)
      {
        g_autoptr(PairingsApplication) app = g_list_model_get_item (apps, i);
        if (g_str_equal (pairings_application_get_email (app), "lukasz@desy.example"))
          g_assert_cmpint (pairings_application_get_career_stage (app), ==, PAIRINGS_CAREER_GRADUATE);
        else
          g_assert_cmpstr (pairings_application_get_mentoring_types (app)[1], ==,
                           "Allyship for minority identity groups, incl. LGBTQ+");
      }
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  settle (f->window);
  g_assert_cmpstr (pairings_window_get_state (window), ==, "programme");
  screenshot (f->window, "after-import", NULL);

  /* Undo, as the toast's button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", "x", event_id));
  g_assert_cmpint (count_rows (f->path, "applications"), ==, 0);
}

static void
test_import_refused_file (Fixture       *f,
                          gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1000, 700);
  g_autofree char *bin = g_build_filename (f->dir, "photo.csv", NULL);

  g_assert_true (g_file_set_contents (bin, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  pairings_window_import_file (window, bin);
  g_assert_null (find_import_dialog ());
  settle (f->window);
  screenshot (f->window, "import-refused", NULL);
}

static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autofree char *out = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *apps = g_build_filename (f->dir, "applications.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  PairingsExportDialog *dialog;

  load_demo (window);
  dialog = pairings_export_dialog_new (GTK_WINDOW (window), pairings_window_get_store (window),
                                       pairings_window_get_cohort (window));
  gtk_window_present (GTK_WINDOW (dialog));

  pairings_export_dialog_set_options (dialog, PAIRINGS_EXPORT_ROSTER, FALSE, FALSE);
  g_assert_true (pairings_export_dialog_write (dialog, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "mentor_name,mentor_email,mentee_name,mentee_email,stage,"
                                             "agreement_status\r\n"));

  /* Asking for confidential answers shows the warning. */
  pairings_export_dialog_set_options (dialog, PAIRINGS_EXPORT_APPLICATIONS, TRUE, TRUE);
  screenshot (GTK_WIDGET (dialog), "export-confidential", NULL);
  g_assert_true (pairings_export_dialog_write (dialog, apps, &error));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (apps, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFname,email,role,"));
  g_assert_nonnull (strstr (contents, ",pronouns,identity_groups\r\n"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static int
store_int (PairingsWindow *window,
           const char     *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
  g_autoptr(GPtrArray) stats = pairings_stats_collect (store, pairings_window_get_cohort (window), &error);
  PairingsCohortStats *s;

  g_assert_no_error (error);
  s = g_ptr_array_index (stats, 0);
  if (g_str_equal (what, "accepted-mentees"))
    return (int) s->applications[PAIRINGS_ROLE_MENTEE][PAIRINGS_STATUS_ACCEPTED];
  return -1;
}

typedef struct
{
  GListModel *model;
  guint       count;
} SearchWait;

static gboolean
has_count (gpointer data)
{
  SearchWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->count;
}

/* The review page: mentees only, a score, two accepted at once, one undo;
 * the database says so at each step. */
/* How many mapped text cells of the list below @root say exactly @text. */
static guint
count_cells (GtkWidget  *root,
             const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_INSCRIPTION (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (child)), text) == 0)
        n++;
      n += count_cells (child, text);
    }
  return n;
}

static void
test_applications_page (Fixture       *f,
                        gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1280, 800);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PairingsApplicationsPage *page;
  GListModel *model;
  g_autoptr(PairingsApplication) first = NULL;
  g_autoptr(PairingsApplication) second = NULL;
  g_autoptr(GError) error = NULL;
  int accepted_before;
  double mean, spread;
  guint count;

  g_settings_set_string (settings, "reviewer-name", "Dr. Test Reviewer");
  load_demo (window);
  page = PAIRINGS_APPLICATIONS_PAGE (find_widget (f->window, PAIRINGS_TYPE_APPLICATIONS_PAGE));
  g_assert_nonnull (page);

  /* The rows on screen are kept across a filter and show their new
   * applications: the list opens on mentees; with mentors only, no cell
   * still says "Mentee", and back with mentees, none says "Mentor". */
  settle (f->window);
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Mentee"), >, 10);
  pairings_applications_page_set_role_filter (page, PAIRINGS_ROLE_MENTOR);
  settle (f->window);
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Mentor"), >, 10);
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Mentee"), ==, 0);
  pairings_applications_page_set_role_filter (page, PAIRINGS_ROLE_MENTEE);
  settle (f->window);
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Mentee"), >, 10);
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Mentor"), ==, 0);
  model = pairings_applications_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
      g_assert_cmpint (pairings_application_get_role (app), ==, PAIRINGS_ROLE_MENTEE);
    }

  /* Find two mentees not yet accepted. */
  for (guint i = 0; i < g_list_model_get_n_items (model) && second == NULL; i++)
    {
      g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
      if (pairings_application_get_status (app) == PAIRINGS_STATUS_ACCEPTED)
        continue;
      pairings_applications_page_select (page, i, first != NULL);
      if (first == NULL)
        first = g_object_ref (app);
      else
        second = g_object_ref (app);
      if (second == NULL)
        {
          pairings_applications_page_review (page, 4, "Strong motivation");
          g_assert_true (pairings_review_summary (pairings_window_get_store (window),
                                                  pairings_application_get_id (first), &mean, &spread, &count));
          g_assert_cmpuint (count, >=, 1);
          /* Reselect: the review reloaded the list. */
          for (guint k = 0; k < g_list_model_get_n_items (model); k++)
            {
              g_autoptr(PairingsApplication) again = g_list_model_get_item (model, k);
              if (pairings_application_get_id (again) == pairings_application_get_id (first))
                {
                  pairings_applications_page_select (page, k, FALSE);
                  i = k;
                }
            }
        }
    }
  g_assert_nonnull (second);
  screenshot (f->window, "applications-page", NULL);

  /* "Not yet reviewed by me" hides the one just scored, and only it
   * among those the new reviewer has seen. */
  {
    guint all = g_list_model_get_n_items (model);
    pairings_applications_page_set_unreviewed_only (page, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, all - 1);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
        g_assert_cmpint (pairings_application_get_id (app), !=, pairings_application_get_id (first));
      }
    pairings_applications_page_set_unreviewed_only (page, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);
    /* The selection went with the filter: choose the two again. */
    for (guint i = 0; i < all; i++)
      {
        g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
        if (pairings_application_get_id (app) == pairings_application_get_id (first))
          pairings_applications_page_select (page, i, TRUE);
        if (pairings_application_get_id (app) == pairings_application_get_id (second))
          pairings_applications_page_select (page, i, TRUE);
      }
  }

  accepted_before = store_int (window, "accepted-mentees");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "applications.status", "s", "accepted"));
  g_assert_cmpint (store_int (window, "accepted-mentees"), ==, accepted_before + 2);

  /* One undo takes back the whole decision, not one mentee. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (store_int (window, "accepted-mentees"), ==, accepted_before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (store_int (window, "accepted-mentees"), ==, accepted_before + 2);
  screenshot (f->window, "applications-accepted", NULL);

  /* Undone from another page: this page is read again only when it comes
   * back to the front, and then shows the two as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (store_int (window, "accepted-mentees"), ==, accepted_before);
  {
    guint seen = 0;

    for (int shown = 0; shown < 2; shown++)
      {
        if (shown)
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "applications"));
        model = pairings_applications_page_get_model (page);
        seen = 0;
        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(PairingsApplication) app = g_list_model_get_item (model, i);
            gint64 id = pairings_application_get_id (app);

            if (id != pairings_application_get_id (first) && id != pairings_application_get_id (second))
              continue;
            seen++;
            /* Not in front: as it was before the undo; in front: read again. */
            g_assert_cmpint (pairings_application_get_status (app) == PAIRINGS_STATUS_ACCEPTED, ==, !shown);
          }
        g_assert_cmpuint (seen, ==, 2);
      }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (store_int (window, "accepted-mentees"), ==, accepted_before + 2);

  /* Clicking the Name header sorts by name, case and accents aside
   * (“Álvaro” with the a's, not after “Zoe”), both ways. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
    g_autoptr(GtkColumnViewColumn) name_column = NULL;

    g_assert_nonnull (view);
    name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
    for (int direction = GTK_SORT_ASCENDING; direction <= GTK_SORT_DESCENDING; direction++)
      {
        gtk_column_view_sort_by_column (view, name_column, direction);
        for (guint i = 1; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(PairingsApplication) a = g_list_model_get_item (model, i - 1);
            g_autoptr(PairingsApplication) b = g_list_model_get_item (model, i);
            g_autofree char *ka = pairings_sort_key (pairings_application_get_name (a));
            g_autofree char *kb = pairings_sort_key (pairings_application_get_name (b));
            int order = strcmp (ka, kb);

            g_assert_cmpint (direction == GTK_SORT_ASCENDING ? order : -order, <=, 0);
          }
      }
  }

  /* Typing in the search keeps exactly the mentees whose name, e-mail,
   * institution or motivation holds the text, whatever its case. */
  {
    GtkEditable *entry = GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
    g_autoptr(PairingsApplication) probe = g_list_model_get_item (model, 0);
    g_autofree char *text = g_utf8_strup (pairings_application_get_institution (probe), -1);
    g_autofree char *needle = g_utf8_casefold (text, -1);
    guint all = g_list_model_get_n_items (model), expected = 0;
    SearchWait wait = { model, 0 };

    g_assert_nonnull (entry);
    for (guint i = 0; i < all; i++)
      {
        g_autoptr(PairingsApplication) item = g_list_model_get_item (model, i);
        /* The list's items are summaries; the whole application has the
         * e-mail and the motivation. */
        g_autoptr(PairingsApplication) app = pairings_store_get_application (pairings_window_get_store (window),
                                                                             pairings_application_get_id (item), NULL);
        const char *fields[] = { pairings_application_get_name (app), pairings_application_get_email (app),
                                 pairings_application_get_institution (app),
                                 pairings_application_get_motivation (app) };
        gboolean hit = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (fields) && !hit; k++)
          {
            g_autofree char *folded = g_utf8_casefold (fields[k], -1);
            hit = strstr (folded, needle) != NULL;
          }
        expected += hit;
      }
    g_assert_cmpuint (expected, >=, 1);
    g_assert_cmpuint (expected, <, all);
    wait.count = expected;
    gtk_editable_set_text (entry, text);
    wait_until (has_count, &wait, 5);
    gtk_editable_set_text (entry, "");
    wait.count = all;
    wait_until (has_count, &wait, 5);
  }

  /* Meeting mode: the confidential answers go and cannot come back until
   * it is off; the toggle is unticked again afterwards. */
  {
    GtkCheckButton *check = NULL;
    GtkWidget *confidential;
    gboolean meeting = FALSE;

    pairings_applications_page_select (page, 0, FALSE);
    check = GTK_CHECK_BUTTON (find_label_prefix (GTK_WIDGET (page), "Show _confidential"));
    g_assert_nonnull (check);
    gtk_check_button_set_active (check, TRUE);
    confidential = find_label_prefix (GTK_WIDGET (page), "Pronouns:");
    g_assert_nonnull (confidential);
    g_assert_true (gtk_widget_get_visible (confidential));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL));
    g_object_get (window, "meeting-mode", &meeting, NULL);
    g_assert_true (meeting);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (check)));
    g_assert_false (gtk_check_button_get_active (check));
    g_assert_false (gtk_widget_get_visible (confidential));
    /* Even ticked behind its back, nothing confidential is shown. */
    gtk_check_button_set_active (check, TRUE);
    g_assert_false (gtk_widget_get_visible (confidential));
    /* Nor are the reviewers' notes: the application scored above shows its
     * score without "Strong motivation" (which it shows again after). */
    select_application (page, model, pairings_application_get_id (first));
    g_assert_nonnull (find_label_containing (GTK_WIDGET (page), "Dr. Test Reviewer: 4"));
    g_assert_null (find_label_containing (GTK_WIDGET (page), "Strong motivation"));
    screenshot (f->window, "applications-meeting-mode", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL));
    g_object_get (window, "meeting-mode", &meeting, NULL);
    g_assert_false (meeting);
    g_assert_nonnull (find_label_containing (GTK_WIDGET (page), "Dr. Test Reviewer: 4 — Strong motivation"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (check)));
    gtk_check_button_set_active (check, FALSE);
  }

  /* Wide, list and detail side by side; narrow, they take turns: a row
   * activated shows its detail, Back the list again. */
  {
    AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
    GtkWidget *list_pane;
    g_autoptr(PairingsApplication) third = g_list_model_get_item (model, 2);

    g_assert_nonnull (leaflet);
    g_assert_false (adw_leaflet_get_folded (leaflet));
    gtk_window_set_default_size (GTK_WINDOW (window), 560, 760);
    settle (f->window);
    g_assert_true (adw_leaflet_get_folded (leaflet));
    list_pane = adw_leaflet_get_visible_child (leaflet);
    g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (view), list_pane));
    screenshot (f->window, "applications-narrow-list", NULL);
    g_signal_emit_by_name (view, "activate", 2);
    settle (f->window);
    g_assert_true (adw_leaflet_get_visible_child (leaflet) != list_pane);
    /* The detail shows the activated application, on screen. */
    g_assert_nonnull (find_label (GTK_WIDGET (page), pairings_application_get_name (third)));
    screenshot (f->window, "applications-narrow-detail", NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "applications.back", NULL));
    settle (f->window);
    g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  }
  g_settings_reset (settings, "reviewer-name");
  (void) error;
}

/* A fresh look at the database, as another program would have. */
static char *
pair_state (PairingsWindow *window,
            gint64          pair_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
  g_autofree char *sql = g_strdup_printf ("SELECT stage || ':' || position || ':' || locked FROM pairs WHERE id = %"
                                          G_GINT64_FORMAT, pair_id);
  char *state;

  g_assert_no_error (error);
  state = query_text (store, sql);
  return state != NULL ? state : g_strdup ("none");
}

/* The board's columns are card lists ("board-list") that hold their
 * cards in chunks; these walk the cards in order. */
static GtkWidget *
board_card_first (GtkWidget *list)
{
  for (GtkWidget *chunk = gtk_widget_get_first_child (list); chunk != NULL; chunk = gtk_widget_get_next_sibling (chunk))
    if (gtk_widget_get_first_child (chunk) != NULL)
      return gtk_widget_get_first_child (chunk);
  return NULL;
}

static GtkWidget *
board_card_next (GtkWidget *card)
{
  if (gtk_widget_get_next_sibling (card) != NULL)
    return gtk_widget_get_next_sibling (card);
  for (GtkWidget *chunk = gtk_widget_get_next_sibling (gtk_widget_get_parent (card)); chunk != NULL;
       chunk = gtk_widget_get_next_sibling (chunk))
    if (gtk_widget_get_first_child (chunk) != NULL)
      return gtk_widget_get_first_child (chunk);
  return NULL;
}

static GtkWidget *
board_card_at (GtkWidget *list,
               int        index)
{
  GtkWidget *card = board_card_first (list);

  while (card != NULL && index-- > 0)
    card = board_card_next (card);
  return card;
}

/* The card (the focusable row that carries a drag's payload) of a widget
 * inside it. */
static GtkWidget *
board_card_of (GtkWidget *widget)
{
  while (widget != NULL && g_object_get_data (G_OBJECT (widget), "payload") == NULL)
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* Gathers the board's card lists below a widget, for find_first(). */
static gboolean
collect_list_boxes (GtkWidget     *widget,
                    gconstpointer  data)
{
  if (gtk_widget_has_css_class (widget, "board-list"))
    g_ptr_array_add ((GPtrArray *) data, widget);
  return FALSE;
}

/* Every stage column shows the cohort's pairs of that stage in the
 * database's order, and the mentees' column the mentees without one. */
static void
assert_board_matches_database (PairingsBoardPage *page,
                               PairingsWindow    *window)
{
  const char *stages[] = { "suggested", "discussion", "approved", "announced", "set_aside" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
  gint64 cohort = pairings_cohort_get_id (pairings_window_get_cohort (window));
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget **lists;
  guint n;

  g_assert_no_error (error);
  find_first (GTK_WIDGET (page), collect_list_boxes, found);
  lists = (GtkWidget **) found->pdata;
  n = found->len;
  g_assert_cmpuint (n, ==, 7);
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    {
      g_autoptr(GString) shown = g_string_new (NULL);
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce(group_concat('pair:' || id, ' '), '') FROM"
                                              " (SELECT id FROM pairs WHERE cohort_id = %" G_GINT64_FORMAT
                                              " AND stage = '%s' ORDER BY position)", cohort, stages[s]);
      g_autofree char *expected = query_text (store, sql);

      for (GtkWidget *row = board_card_first (lists[2 + s]); row != NULL; row = board_card_next (row))
        g_string_append_printf (shown, "%s%s", shown->len ? " " : "", (char *) g_object_get_data (G_OBJECT (row), "payload"));
      g_assert_cmpstr (shown->str, ==, expected);
    }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* The board's actions, as the drags, the keyboard and the card menus use
 * them, each checked in the database; a broken rule asks first. */
static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1400, 860);
  PairingsBoardPage *page;
  PairingsBoard *board;
  PairingsBoardPerson *mentee = NULL, *mentor = NULL, *full = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *state = NULL;
  gint64 pair_id;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  page = PAIRINGS_BOARD_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE));
  g_assert_nonnull (page);
  screenshot (f->window, "board-en", NULL);

  board = pairings_board_load (pairings_window_get_store (window),
                               pairings_cohort_get_id (pairings_window_get_cohort (window)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (board->mentees->len, >, 0);
  mentee = g_ptr_array_index (board->mentees, 0);
  for (guint i = 0; i < board->mentors->len; i++)
    {
      PairingsBoardPerson *m = g_ptr_array_index (board->mentors, i);
      if (mentor == NULL && m->used < m->capacity)
        mentor = m;
      if (full == NULL && m->used >= m->capacity)
        full = m;
    }
  g_assert_nonnull (mentor);
  g_assert_nonnull (full);

  /* An application changed behind the board (as a new import of the
   * form's export does): its pair's card shows the change once the board
   * is read again, and so does the person's card. */
  {
    PairingsBoardPair *pair = g_ptr_array_index (board->pairs, 0);
    PairingsStore *store = pairings_window_get_store (window);
    g_autofree char *before = g_strdup_printf ("%s · %s", pair->mentor->institution, pair->mentee->institution);
    g_autofree char *after = g_strdup_printf ("Institut Renommé · %s", pair->mentee->institution);
    g_autofree char *rename = g_strdup_printf ("UPDATE applications SET institution = 'Institut Renommé'"
                                               " WHERE id = %" G_GINT64_FORMAT, pair->mentor->application_id);
    g_autofree char *restore = g_strdup_printf ("UPDATE applications SET institution = '%s' WHERE id = %" G_GINT64_FORMAT,
                                                pair->mentor->institution, pair->mentor->application_id);

    g_assert_nonnull (find_label (GTK_WIDGET (page), before));
    g_assert_null (strchr (pair->mentor->institution, '\''));
    g_assert_cmpint (sqlite3_exec (_pairings_store_get_db (store), rename, NULL, NULL, NULL), ==, SQLITE_OK);
    pairings_board_page_reload (page);
    g_assert_nonnull (find_label (GTK_WIDGET (page), after));
    /* The mentor's card: "career stage · institution". */
    g_assert_cmpint (pair->mentor->career_stage, !=, PAIRINGS_CAREER_UNKNOWN);
    g_assert_nonnull (find_label_containing (GTK_WIDGET (page), "· Institut Renommé"));
    g_assert_cmpint (sqlite3_exec (_pairings_store_get_db (store), restore, NULL, NULL, NULL), ==, SQLITE_OK);
    pairings_board_page_reload (page);
    g_assert_nonnull (find_label (GTK_WIDGET (page), before));
  }

  /* A mentee card dropped on a mentor card: a pair under discussion. */
  payload = g_strdup_printf ("person:%" G_GINT64_FORMAT, mentee->application_id);
  {
    g_autofree char *target = g_strdup_printf ("person:%" G_GINT64_FORMAT, mentor->application_id);
    g_assert_true (pairings_board_page_drop (page, payload, "mentors", -1, target));
  }
  pair_id = query_int (pairings_window_get_store (window), "SELECT max(id) FROM pairs");
  state = pair_state (window, pair_id);
  {
    g_autofree char *expected = g_strdup_printf ("discussion:%u:0",
                                                 pairings_board_count_stage (board, PAIRINGS_STAGE_DISCUSSION));
    g_assert_cmpstr (state, ==, expected);
  }
  g_clear_pointer (&state, g_free);
  {
    g_autofree char *name = g_strdup_printf ("%s and %s", mentor->name, mentee->name);
    g_assert_nonnull (find_label (GTK_WIDGET (page), name));
  }

  /* The card's menu: to the top of Approved; pin it. The card moves with
   * the pair: the same widget, in the Approved column now, not chosen. */
  {
    g_autofree char *name = g_strdup_printf ("%s and %s", mentor->name, mentee->name);
    GtkWidget *card = board_card_of (GTK_WIDGET (find_label (GTK_WIDGET (page), name)));

    g_assert_nonnull (card);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.move", "(xsi)", pair_id, "approved", 0));
    g_assert_true (board_card_of (GTK_WIDGET (find_label (GTK_WIDGET (page), name))) == card);
    g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (card), "column")), ==,
                     2 + PAIRINGS_STAGE_APPROVED);
    g_assert_false (gtk_widget_get_state_flags (card) & GTK_STATE_FLAG_SELECTED);
  }
  state = pair_state (window, pair_id);
  g_assert_cmpstr (state, ==, "approved:0:0");
  g_clear_pointer (&state, g_free);
  assert_board_matches_database (page, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.pin", "x", pair_id));
  state = pair_state (window, pair_id);
  g_assert_cmpstr (state, ==, "approved:0:1");
  g_clear_pointer (&state, g_free);

  /* Why this pair: the engine's score, criterion by criterion, in a
   * popover on the card; nothing changes. */
  {
    GtkWidget *explanation;
    g_autofree char *before = pair_state (window, pair_id);
    g_autofree char *after = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.explain", "x", pair_id));
    settle (f->window);
    explanation = find_label_prefix (GTK_WIDGET (page), "Score ");
    if (explanation == NULL)
      explanation = find_label_prefix (GTK_WIDGET (page), "The engine ");
    g_assert_nonnull (explanation);
    g_assert_true (gtk_widget_get_mapped (explanation));
    screenshot (f->window, "board-explain", NULL);
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (explanation, GTK_TYPE_POPOVER)));
    settle (f->window);
    after = pair_state (window, pair_id);
    g_assert_cmpstr (before, ==, after);
  }

  /* Dragged back to the mentees: dissolved; one undo brings it back. */
  {
    g_autofree char *pair_payload = g_strdup_printf ("pair:%" G_GINT64_FORMAT, pair_id);
    g_assert_true (pairings_board_page_drop (page, pair_payload, "mentees", -1, NULL));
  }
  state = pair_state (window, pair_id);
  g_assert_cmpstr (state, ==, "none");
  g_clear_pointer (&state, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  state = pair_state (window, pair_id);
  g_assert_cmpstr (state, ==, "approved:0:1");
  g_clear_pointer (&state, g_free);

  /* Several selected pairs dragged together to Announced, in their order. */
  {
    g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
    gint64 cohort = pairings_cohort_get_id (pairings_window_get_cohort (window));
    g_autofree char *first = g_strdup_printf ("SELECT id FROM pairs WHERE stage = 'suggested' AND cohort_id = %"
                                              G_GINT64_FORMAT " ORDER BY position LIMIT 1", cohort);
    g_autofree char *second = g_strdup_printf ("%s OFFSET 1", first);
    g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM pairs WHERE stage = 'announced' AND cohort_id = %"
                                              G_GINT64_FORMAT, cohort);
    gint64 a = query_int (store, first);
    gint64 b = query_int (store, second);
    int announced = query_int (store, count);
    g_autofree char *pairs = g_strdup_printf ("pairs:%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b);
    g_autofree char *sa = NULL;
    g_autofree char *sb = NULL;

    g_assert_cmpint (a, >, 0);
    g_assert_cmpint (b, >, 0);
    g_assert_true (pairings_board_page_drop (page, pairs, "announced", -1, NULL));
    sa = pair_state (window, a);
    sb = pair_state (window, b);
    {
      g_autofree char *ea = g_strdup_printf ("announced:%d:0", announced);
      g_autofree char *eb = g_strdup_printf ("announced:%d:0", announced + 1);
      g_assert_cmpstr (sa, ==, ea);
      g_assert_cmpstr (sb, ==, eb);
    }
    /* One undo puts both back. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_clear_pointer (&sa, g_free);
    sa = pair_state (window, a);
    g_assert_true (g_str_has_prefix (sa, "suggested:0:"));
  }

  /* A mentor with no place left: the board asks, naming the rule; Cancel
   * changes nothing, Pair Anyway pairs. */
  {
    int before = query_int (pairings_window_get_store (window), "SELECT count(*) FROM pairs");
    PairingsBoardPerson *other;
    AdwMessageDialog *dialog;

    g_assert_cmpuint (board->mentees->len, >, 1);
    other = g_ptr_array_index (board->mentees, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.pair", "(xx)", full->application_id,
                                               other->application_id));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), full->name));
    screenshot (GTK_WIDGET (dialog), "board-rule", NULL);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    settle (f->window);
    g_assert_cmpint (query_int (pairings_window_get_store (window), "SELECT count(*) FROM pairs"), ==, before);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.pair", "(xx)", full->application_id,
                                               other->application_id));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "pair");
    gtk_window_destroy (GTK_WINDOW (dialog));
    settle (f->window);
    g_assert_cmpint (query_int (pairings_window_get_store (window), "SELECT count(*) FROM pairs"), ==, before + 1);
  }

  /* After all that, every card is where the database says. */
  assert_board_matches_database (page, window);

  /* Meeting mode: larger cards, the whole screen, no confidential data. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page), "meeting"));
  screenshot (f->window, "board-meeting", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-mode", NULL));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (page), "meeting"));

  pairings_board_free (board);
}

/* "Pair with…" on a mentee card: the mentors the rules allow, best first,
 * searchable; choosing one pairs them. */
static void
test_board_pair_with (Fixture       *f,
                      gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1400, 860);
  PairingsBoardPage *page;
  PairingsBoard *board;
  PairingsBoardPerson *mentee;
  GtkWidget *popover = NULL, *list, *entry, *first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *prefix = NULL;
  gint64 chosen;
  guint visible = 0, shown = 0;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  page = PAIRINGS_BOARD_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE));
  board = pairings_board_load (pairings_window_get_store (window),
                               pairings_cohort_get_id (pairings_window_get_cohort (window)), &error);
  g_assert_no_error (error);
  mentee = g_ptr_array_index (board->mentees, board->mentees->len - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.pair-with", "x", mentee->application_id));
  settle (f->window);
  for (GtkWidget *row = board_card_of (find_label (GTK_WIDGET (page), mentee->name)),
       *child = row ? gtk_widget_get_first_child (row) : NULL; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  list = find_widget (popover, GTK_TYPE_LIST_BOX);
  entry = find_widget (popover, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (list);
  g_assert_nonnull (entry);

  /* Best first: the scores never go up down the list. */
  {
    int last = G_MAXINT;
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        const char *text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
        int score = atoi (strrchr (text, ' ') + 1);

        g_assert_cmpint (score, <=, last);
        last = score;
        shown++;
        if (first == NULL)
          first = row;
      }
  }
  g_assert_cmpuint (shown, >, 1);
  first_name = g_strdup (g_object_get_data (G_OBJECT (first), "name"));
  chosen = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (first), "application"));

  /* A search keeps only the names that hold it. */
  prefix = g_utf8_substring (first_name, 0, 4);
  gtk_editable_set_text (GTK_EDITABLE (entry), prefix);
  g_signal_emit_by_name (entry, "search-changed");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row))
      {
        g_autofree char *name = g_utf8_casefold (g_object_get_data (G_OBJECT (row), "name"), -1);
        g_autofree char *needle = g_utf8_casefold (prefix, -1);
        g_assert_nonnull (strstr (name, needle));
        visible++;
      }
  g_assert_cmpuint (visible, >=, 1);
  g_assert_cmpuint (visible, <, shown);

  g_signal_emit_by_name (list, "row-activated", first);
  settle (f->window);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pairs WHERE mentor_application_id = %" G_GINT64_FORMAT
                                            " AND mentee_application_id = %" G_GINT64_FORMAT " AND stage = 'discussion'",
                                            chosen, mentee->application_id);
    g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (store, sql), ==, 1);
  }

  /* The other free mentee dropped on a suggested pair takes its mentee's
   * place; the one replaced is free again. */
  {
    PairingsBoardPerson *other = g_ptr_array_index (board->mentees, 0);
    g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
    g_autofree char *first_pair = g_strdup_printf ("SELECT id FROM pairs WHERE stage = 'suggested' AND cohort_id = %"
                                                   G_GINT64_FORMAT " ORDER BY position LIMIT 1",
                                                   pairings_cohort_get_id (pairings_window_get_cohort (window)));
    gint64 pair = query_int (store, first_pair);
    g_autofree char *before_sql = g_strdup_printf ("SELECT mentee_application_id FROM pairs WHERE id = %" G_GINT64_FORMAT, pair);
    gint64 replaced = query_int (store, before_sql);
    g_autofree char *payload = g_strdup_printf ("person:%" G_GINT64_FORMAT, other->application_id);
    g_autofree char *target = g_strdup_printf ("pair:%" G_GINT64_FORMAT, pair);

    g_assert_cmpint (other->application_id, !=, mentee->application_id);
    g_assert_true (pairings_board_page_drop (page, payload, "suggested", -1, target));
    g_assert_cmpint (query_int (store, before_sql), ==, other->application_id);
    {
      g_autofree char *free_sql = g_strdup_printf ("SELECT count(*) FROM pairs WHERE mentee_application_id = %"
                                                   G_GINT64_FORMAT " AND stage <> 'set_aside'", replaced);
      g_assert_cmpint (query_int (store, free_sql), ==, 0);
    }
    /* Back among the mentees to pair, on screen. */
    for (guint i = 0; i < board->people->len; i++)
      {
        PairingsBoardPerson *person = g_ptr_array_index (board->people, i);
        if (person->application_id == replaced)
          g_assert_nonnull (find_label (GTK_WIDGET (page), person->name));
      }
  }
  pairings_board_free (board);
}

/* Where @widget's centre is on the X screen. */
static void
screen_point (GtkWidget *widget,
              int       *x,
              int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t in_native;
  double sx, sy;
  int rx = 0, ry = 0;
  Window child;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &centre, &in_native));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)),
                         gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface))),
                         0, 0, &rx, &ry, &child);
  *x = rx + (int) (sx + in_native.x);
  *y = ry + (int) (sy + in_native.y);
}

static gboolean
child_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_child_exit (GPid     pid,
               int      status,
               gpointer data)
{
  *(gboolean *) data = TRUE;
  g_spawn_close_pid (pid);
}

/* Runs an xdotool script (words separated by spaces) to its end. */
static void
run_xdotool (Fixture    *f,
             const char *script)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_auto(GStrv) args = g_strsplit (script, " ", -1);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) full = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  GPid pid;

  g_assert_nonnull (xdotool);   /* build-aux/setup-debian.sh installs it */
  g_strv_builder_add (argv, xdotool);
  g_strv_builder_addv (argv, (const char **) args);
  full = g_strv_builder_end (argv);
  g_assert_true (g_spawn_async (NULL, full, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, on_child_exit, &done);
  wait_until (child_done, &done, 30);
  settle (f->window);
}

/* How many different grey levels the window shows inside @widget's
 * bounds (its upper left part, clear of a scroll bar), from a fresh rendering: a drawn card
 * (text, chips) has many, a card left undrawn only the plain background of
 * its column. */
static guint
region_stats (PairingsWindow *window,
              GtkWidget      *widget,
              const char     *name,
              double         *mean)
{
  double sum = 0;
  guint count = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  graphene_rect_t bounds;
  gboolean seen[256] = { FALSE, };
  guint levels = 0;
  int width, height;

  settle (GTK_WIDGET (window));
  g_assert_true (pairings_screenshot_widget (GTK_WIDGET (window), path, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_unlink (path);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  /* Not the right edge, where an overlay scroll bar may be drawn. */
  bounds.size.width *= 0.7;
  bounds.size.height *= 0.6;
  for (int y = MAX (0, (int) bounds.origin.y); y < MIN (height, (int) (bounds.origin.y + bounds.size.height)); y++)
    for (int x = MAX (0, (int) bounds.origin.x); x < MIN (width, (int) (bounds.origin.x + bounds.size.width)); x++)
      {
        const guchar *p = pixels + ((gsize) y * width + x) * 4;
        guint luma = (p[2] * 3 + p[1] * 6 + p[0]) / 10;

        if (!seen[luma])
          levels++;
        seen[luma] = TRUE;
        sum += luma;
        count++;
      }
  if (mean != NULL)
    *mean = count > 0 ? sum / count : 0;
  return levels;
}

/* How many grey levels the window shows inside @widget's area: a drawn
 * card has text, an undrawn one a flat background. */
static guint
grey_levels (PairingsWindow *window,
             GtkWidget      *widget,
             const char     *name)
{
  return region_stats (window, widget, name, NULL);
}

/* The mean brightness (0–255) of the window inside @widget's area. */
static double
mean_luma (PairingsWindow *window,
           GtkWidget      *widget,
           const char     *name)
{
  double mean = 0;

  region_stats (window, widget, name, &mean);
  return mean;
}

static gboolean
has_rows (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "board-list") && board_card_at (widget, *(const int *) data) != NULL;
}

/* The board draws only the cards in view (a large board would otherwise
 * cost every card's text on each frame): cards scrolled into view, or
 * brought into view by a change above them, are drawn. */
static void
test_board_cards_in_view (Fixture       *f,
                          gconstpointer  data)
{
  /* Wide, so that the toasts (centred) are clear of the first columns. */
  PairingsWindow *window = open_window (f, 1400, 480);
  GtkWidget *page, *list, *last;
  GtkAdjustment *adjustment;
  int many = 8, n = 0;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  page = find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE);
  /* The first column with more cards than the window shows. */
  list = find_first (page, has_rows, &many);
  g_assert_nonnull (list);
  while (board_card_at (list, n) != NULL)
    n++;
  last = board_card_at (list, n - 1);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)));
  settle (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) * 1.5);

  /* The first card is drawn; scrolled to the end, the last one is. */
  g_assert_cmpuint (grey_levels (window, board_card_at (list, 0), "first.png"), >, 8);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpuint (grey_levels (window, last, "last.png"), >, 8);
  screenshot (f->window, "board-scrolled-en", NULL);

  /* Back at the top, the cards below the view come up as the cards above
   * them leave the column: each is drawn where it lands. */
  gtk_adjustment_set_value (adjustment, 0);
  settle (GTK_WIDGET (window));
  {
    g_autofree double *before = g_new (double, n);
    double page_size = gtk_adjustment_get_page_size (adjustment);
    gboolean checked = FALSE;

    for (int i = 0; i < n; i++)
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (board_card_at (list, i),
                                                  gtk_widget_get_parent (list), &bounds));
        before[i] = bounds.origin.y;
      }
    for (int i = 0; i < 3; i++)
      gtk_widget_set_visible (board_card_at (list, i), FALSE);
    settle (GTK_WIDGET (window));
    for (int i = 3; i < n && !checked; i++)
      {
        GtkWidget *row = board_card_at (list, i);
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (row, gtk_widget_get_parent (list), &bounds));
        /* Far below the view before (not drawn), wholly in view now. */
        if (before[i] > page_size + 100 && bounds.origin.y + bounds.size.height < page_size)
          {
            g_assert_cmpuint (grey_levels (window, row, "moved.png"), >, 8);
            checked = TRUE;
          }
      }
    g_assert_true (checked);
  }
}

/* The Agreements page, driven through its actions on the demo's 2025
 * cohort as it stood in mid-June 2025: an agreement signed, a check-in
 * recorded (by the action and through the page's dialog), a goal reached,
 * each checked in the database, the attention count against the core's,
 * undo; in English, French, narrow and dark. */
static void
test_agreements (Fixture       *f,
                 gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1300, 860);
  PairingsAgreementsPage *page;
  PairingsStore *store;
  AdwMessageDialog *dialog;
  g_autofree char *sql = NULL;
  g_autofree char *state = NULL;
  gint64 pair, cohort;
  int check_ins, goal;

  load_demo (window);
  store = pairings_window_get_store (window);
  cohort = pairings_cohort_get_id (pairings_window_get_cohort (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "agreements"));
  page = PAIRINGS_AGREEMENTS_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_AGREEMENTS_PAGE));
  g_assert_nonnull (page);
  pairings_agreements_page_set_today (page, "2025-06-15");
  g_assert_cmpuint (pairings_agreements_page_get_attention (page), ==,
                    pairings_followup_count_attention (store, cohort, "2025-06-15", NULL));
  screenshot (f->window, "agreements-en", NULL);

  /* An announced pair whose agreement is not signed by both yet. */
  sql = g_strdup_printf ("SELECT p.id FROM pairs p LEFT JOIN agreements a ON a.pair_id = p.id"
                         " WHERE p.cohort_id = %" G_GINT64_FORMAT " AND p.stage = 'announced'"
                         " AND coalesce(a.status, 'not_sent') <> 'signed' ORDER BY p.id LIMIT 1", cohort);
  pair = query_int (store, sql);
  g_assert_cmpint (pair, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.select", "x", pair));
  g_assert_cmpint (pairings_agreements_page_get_selected (page), ==, pair);
  screenshot (f->window, "agreements-detail-en", NULL);

  /* Signed by both: today's date is the signing date. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.set-status", "(xs)", pair, "signed"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT status || ' ' || signed_on FROM agreements WHERE pair_id = %" G_GINT64_FORMAT, pair);
  state = query_text (store, sql);
  g_assert_cmpstr (state, ==, "signed 2025-06-15");

  /* A check-in through the action: the mentee says it needs attention;
   * the pair is now at risk, and counted so in the page's badge. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM check_ins WHERE pair_id = %" G_GINT64_FORMAT, pair);
  check_ins = query_int (store, sql);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.add-check-in", "(xssss)", pair,
                                             "2025-06-10", "mentee", "needs_attention", "Hard to find time"));
  g_assert_cmpint (query_int (store, sql), ==, check_ins + 1);
  {
    g_autofree char *last = NULL;
    g_autofree char *q = g_strdup_printf ("SELECT date || ' ' || reporter || ' ' || status || ' ' || note FROM check_ins"
                                          " WHERE pair_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", pair);
    last = query_text (store, q);
    g_assert_cmpstr (last, ==, "2025-06-10 mentee needs_attention Hard to find time");
  }
  {
    g_autoptr(PairingsFollowUp) fu = pairings_followup_get (store, pair, "2025-06-15", NULL);
    g_assert_nonnull (fu);
    g_assert_true (fu->at_risk);
  }
  g_assert_cmpuint (pairings_agreements_page_get_attention (page), ==,
                    pairings_followup_count_attention (store, cohort, "2025-06-15", NULL));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "At risk"));

  /* Through the page's dialog: the committee, today, on track. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.record-check-in", "x", pair));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  screenshot (GTK_WIDGET (dialog), "agreements-check-in-dialog", NULL);
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "record");
  gtk_window_close (GTK_WINDOW (dialog));
  settle (GTK_WIDGET (window));
  g_assert_cmpint (query_int (store, sql), ==, check_ins + 2);
  {
    g_autofree char *last = NULL;
    g_autofree char *q = g_strdup_printf ("SELECT date || ' ' || reporter || ' ' || status FROM check_ins"
                                          " WHERE pair_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", pair);
    last = query_text (store, q);
    g_assert_cmpstr (last, ==, "2025-06-15 committee on_track");
  }

  /* Undo takes the last check-in back, in the database and on the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (query_int (store, sql), ==, check_ins + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (query_int (store, sql), ==, check_ins + 2);

  /* A goal, then reached. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.add-goal", "(xss)", pair,
                                             "Submit a first paper", "2025-11-30"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id FROM goals WHERE pair_id = %" G_GINT64_FORMAT " AND text = 'Submit a first paper'", pair);
  goal = query_int (store, sql);
  g_assert_cmpint (goal, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.set-goal-status", "(xs)",
                                             (gint64) goal, "reached"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT status FROM goals WHERE id = %d", goal);
  g_clear_pointer (&state, g_free);
  state = query_text (store, sql);
  g_assert_cmpstr (state, ==, "reached");
  screenshot (f->window, "agreements-after-en", NULL);

  /* A check-in survey's export: one row for the pair's mentee, one for
   * someone unknown, which the report names by its line. */
  {
    g_autofree char *q = g_strdup_printf ("SELECT pp.email FROM pairs p JOIN applications a ON a.id = p.mentee_application_id"
                                          " JOIN people pp ON pp.id = a.person_id WHERE p.id = %" G_GINT64_FORMAT, pair);
    g_autofree char *email = query_text (store, q);
    g_autofree char *csv = g_strdup_printf ("Timestamp,Email Address,How is it going?,Comments\n"
                                            "2025/06/14 9:05:00 AM GMT+2,%s,On track,Met twice\n"
                                            "2025/06/14 9:07:00 AM GMT+2,nobody@example.org,No contact,\n", email);
    g_autofree char *path = g_build_filename (f->dir, "check-ins.csv", NULL);
    g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM check_ins WHERE pair_id = %" G_GINT64_FORMAT, pair);
    int before = query_int (store, count);

    g_assert_true (g_file_set_contents (path, csv, -1, NULL));
    pairings_agreements_page_import (page, "check-ins", path);
    g_assert_cmpint (query_int (store, count), ==, before + 1);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    screenshot (GTK_WIDGET (dialog), "agreements-import-report", NULL);
    g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "nobody@example.org"));
    adw_message_dialog_response (dialog, "close");
    gtk_window_close (GTK_WINDOW (dialog));
    settle (GTK_WIDGET (window));
    /* One step in the history. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (query_int (store, count), ==, before);
  }

  /* Only the pairs that need attention. */
  {
    GtkToggleButton *filter = GTK_TOGGLE_BUTTON (find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON));
    g_assert_nonnull (filter);
    gtk_toggle_button_set_active (filter, TRUE);
    screenshot (f->window, "agreements-attention-en", NULL);
    gtk_toggle_button_set_active (filter, FALSE);
  }

  /* Narrow, dark: the list, then the pair. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  screenshot (f->window, "agreements-narrow-dark", NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_agreements_french (Fixture       *f,
                        gconstpointer  data)
{
  PairingsWindow *window;
  PairingsAgreementsPage *page;
  gint64 pair;

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  window = open_window (f, 1300, 860);
  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "agreements"));
  page = PAIRINGS_AGREEMENTS_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_AGREEMENTS_PAGE));
  pairings_agreements_page_set_today (page, "2025-06-15");
  pair = query_int (pairings_window_get_store (window),
                    "SELECT p.id FROM pairs p JOIN cohorts c ON c.id = p.cohort_id"
                    " WHERE c.name = '2025' AND p.stage = 'announced' ORDER BY p.id LIMIT 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agreements.select", "x", pair));
  screenshot (f->window, "agreements-fr", NULL);
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (page), "Semaine "));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
charts_idle (gpointer data)
{
  return !pairings_charts_page_is_busy (data);
}

/* The Charts page: each chart counted (in a thread) and drawn, its exact
 * numbers in the tooltip under the pointer and in the table, exported as
 * PNG, SVG and PDF at a chosen size; English, French, dark. */
static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1300, 860);
  PairingsChartsPage *page;
  PairingsChartView *view;
  const PairingsChartData *chart;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "charts"));
  page = PAIRINGS_CHARTS_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_CHARTS_PAGE));
  g_assert_nonnull (page);
  view = pairings_charts_page_get_view (page);
  pairings_charts_page_set_today (page, "2025-10-15");

  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("charts-%s-en", pairings_chart_kind_to_string (k));
      g_autofree char *expected = NULL;
      g_autofree char *found = NULL;
      guint best_c = 0, best_b = 0, best_s = 0;
      double best = -1;

      pairings_charts_page_select (page, k);
      wait_until (charts_idle, page, 30);
      chart = pairings_chart_view_get_data (view);
      g_assert_nonnull (chart);
      g_assert_cmpint (chart->kind, ==, k);
      screenshot (f->window, name, NULL);

      /* The largest part of the chart says its number under the pointer. */
      for (guint c = 0; c < chart->categories->len; c++)
        for (guint b = 0; b < chart->bars->len; b++)
          for (guint s = 0; s < chart->series->len; s++)
            if (pairings_chart_data_get (chart, c, b, s) > best)
              {
                best = pairings_chart_data_get (chart, c, b, s);
                best_c = c, best_b = b, best_s = s;
              }
      if (best <= 0)
        continue;
      expected = pairings_chart_data_format (chart, best_c, best_b, best_s);
      for (int y = 0; y < gtk_widget_get_height (GTK_WIDGET (view)) && found == NULL; y += 3)
        for (int x = 0; x < gtk_widget_get_width (GTK_WIDGET (view)) && found == NULL; x += 3)
          {
            g_autofree char *text = pairings_chart_view_describe_at (view, x, y);

            if (text != NULL && strstr (text, g_ptr_array_index (chart->categories, best_c)) != NULL &&
                g_str_has_suffix (text, expected))
              found = g_steal_pointer (&text);
          }
      g_assert_nonnull (found);
    }

  /* The participants, as a table: every number is there. */
  pairings_charts_page_select (page, PAIRINGS_CHART_PARTICIPANTS);
  wait_until (charts_idle, page, 30);
  chart = pairings_chart_view_get_data (view);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_first (GTK_WIDGET (page), is_toggle_labelled, "_Table")), TRUE);
  screenshot (f->window, "charts-table-en", NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (page), g_ptr_array_index (chart->categories, 0)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_first (GTK_WIDGET (page), is_toggle_labelled, "_Table")), FALSE);

  /* Exported in the three formats, at the size asked for. */
  {
    const char *formats[] = { "png", "svg", "pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *file = g_strdup_printf ("chart.%s", formats[i]);
        g_autofree char *path = g_build_filename (f->dir, file, NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_true (pairings_charts_page_export (page, path, 1600, 900, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_cmpuint (length, >, 500);
        if (i == 0)
          {
            g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
            g_assert_no_error (error);
            g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
            g_assert_cmpint (gdk_texture_get_height (texture), ==, 900);
          }
        else if (i == 1)
          g_assert_nonnull (strstr (contents, "<svg"));
        else
          g_assert_true (g_str_has_prefix (contents, "%PDF"));
      }
  }

  /* The end-of-cycle survey of 2025, from its CSV export: one person's
   * answers, a rating and a comment, counted at once; one undo step. */
  {
    PairingsStore *store = pairings_window_get_store (window);
    g_autofree char *email = query_text (store, "SELECT p.email FROM applications a JOIN people p ON p.id = a.person_id"
                                                " JOIN cohorts c ON c.id = a.cohort_id WHERE c.name = '2025'"
                                                " AND a.status = 'accepted' AND a.role = 'mentee' ORDER BY a.id LIMIT 1");
    g_autofree char *csv = g_strdup_printf ("Timestamp,Email Address,How useful were the meetings?,Anything else?\n"
                                            "2025/10/01 9:00:00 AM GMT+2,%s,4 - Useful,More time please\n", email);
    g_autofree char *path = g_build_filename (f->dir, "survey.csv", NULL);
    const char *count = "SELECT count(*) FROM evaluations e JOIN cohorts c ON c.id = e.cohort_id WHERE c.name = '2025'";
    int before = query_int (store, count);

    g_assert_true (g_file_set_contents (path, csv, -1, NULL));
    pairings_charts_page_import_survey (page, "end", path);
    g_assert_cmpint (query_int (store, count), ==, before + 2);
    wait_until (charts_idle, page, 30);
    chart = pairings_chart_view_get_data (view);
    g_assert_cmpint (chart->kind, ==, PAIRINGS_CHART_RATINGS);
    g_assert_cmpuint (chart->categories->len, ==, 1);
    /* One answer: under the threshold, so not shown as a number. */
    g_assert_true (pairings_chart_data_is_suppressed (chart, 0, 0, 3));
    screenshot (f->window, "charts-ratings-2025-one-answer-en", NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (query_int (store, count), ==, before);
  }

  /* A finished cohort has its survey: 2024's ratings. */
  {
    GtkDropDown *cohorts = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
    GListModel *model = gtk_drop_down_get_model (cohorts);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(PairingsCohort) cohort = g_list_model_get_item (model, i);
        if (g_str_equal (pairings_cohort_get_name (cohort), "2024"))
          gtk_drop_down_set_selected (cohorts, i);
      }
    g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2024");
    pairings_charts_page_select (page, PAIRINGS_CHART_RATINGS);
    wait_until (charts_idle, page, 30);
    chart = pairings_chart_view_get_data (view);
    g_assert_cmpuint (chart->categories->len, >, 0);
    screenshot (f->window, "charts-ratings-2024-en", NULL);
    pairings_charts_page_select (page, PAIRINGS_CHART_CHECK_INS);
    wait_until (charts_idle, page, 30);
    screenshot (f->window, "charts-check-ins-2024-en", NULL);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  pairings_charts_page_select (page, PAIRINGS_CHART_PARTICIPANTS);
  wait_until (charts_idle, page, 30);
  screenshot (f->window, "charts-participants-dark", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  screenshot (f->window, "charts-narrow-dark", NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_charts_french (Fixture       *f,
                    gconstpointer  data)
{
  PairingsWindow *window;
  PairingsChartsPage *page;

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  window = open_window (f, 1300, 860);
  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "charts"));
  page = PAIRINGS_CHARTS_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_CHARTS_PAGE));
  pairings_charts_page_set_today (page, "2025-10-15");
  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("charts-%s-fr", pairings_chart_kind_to_string (k));

      pairings_charts_page_select (page, k);
      wait_until (charts_idle, page, 30);
      screenshot (f->window, name, NULL);
    }
  /* The sidebar and the header are French. */
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (page), "Masquer les effectifs"));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* A real drag with the pointer, through the X server (xdotool), while the
 * window runs: a mentee card dragged onto a mentor card pairs them. */
static void
test_board_pointer_drag (Fixture       *f,
                         gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1400, 860);
  PairingsBoardPage *page;
  PairingsBoard *board;
  PairingsBoardPerson *mentee, *mentor = NULL;
  GtkWidget *from, *to;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  int x1, y1, x2, y2;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  page = PAIRINGS_BOARD_PAGE (find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE));
  settle (f->window);

  board = pairings_board_load (pairings_window_get_store (window),
                               pairings_cohort_get_id (pairings_window_get_cohort (window)), &error);
  g_assert_no_error (error);
  mentee = g_ptr_array_index (board->mentees, 0);
  for (guint i = 0; i < board->mentors->len && mentor == NULL; i++)
    {
      PairingsBoardPerson *m = g_ptr_array_index (board->mentors, i);
      if (m->used < m->capacity)
        mentor = m;
    }
  if (mentor == NULL)
    g_error ("the demo has no mentor with a place left");
  from = board_card_of (find_label (GTK_WIDGET (page), mentee->name));
  to = board_card_of (find_label (GTK_WIDGET (page), mentor->name));
  g_assert_nonnull (from);
  g_assert_nonnull (to);
  screen_point (from, &x1, &y1);
  screen_point (to, &x2, &y2);

  script = g_strdup_printf ("mousemove %d %d sleep 0.3 mousedown 1 sleep 0.3 mousemove %d %d sleep 0.2"
                            " mousemove %d %d sleep 0.2 mousemove %d %d sleep 0.2 mousemove %d %d sleep 0.5"
                            " mouseup 1 sleep 0.3",
                            x1, y1, x1 + 12, y1 + 6, (x1 + x2) / 2, (y1 + y2) / 2, x2 - 4, y2 - 2, x2, y2);
  run_xdotool (f, script);

  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pairs WHERE mentor_application_id = %" G_GINT64_FORMAT
                                            " AND mentee_application_id = %" G_GINT64_FORMAT " AND stage = 'discussion'",
                                            mentor->application_id, mentee->application_id);
    g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (store, sql), ==, 1);
  }
  screenshot (f->window, "board-after-drag", NULL);
  pairings_board_free (board);
}

static int
count_suggested (PairingsWindow *window)
{
  int n;
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
  g_autoptr(GPtrArray) stats = pairings_stats_collect (store, pairings_window_get_cohort (window), &error);

  g_assert_no_error (error);
  n = (int) ((PairingsCohortStats *) g_ptr_array_index (stats, 0))->pairs[PAIRINGS_STAGE_SUGGESTED];
  return n;
}

/* The cohort's settings window writes each change; "Suggest Pairs" fills
 * the board in a thread and can be taken back. */
static void
test_suggest_pairs (Fixture       *f,
                    gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autoptr(GError) error = NULL;
  PairingsCohortSettings *settings_window;
  PairingsMatchSettings wanted, saved;
  int before;

  load_demo (window);
  g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2025");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));

  settings_window = pairings_cohort_settings_new (GTK_WINDOW (window), pairings_window_get_store (window),
                                                  pairings_window_get_cohort (window), &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (settings_window));
  pairings_match_settings_init (&wanted);
  wanted.weights[PAIRINGS_CRITERION_LANGUAGE] = 8;
  wanted.mentor_more_senior = TRUE;
  wanted.mode = PAIRINGS_MODE_FAIRNESS;
  pairings_cohort_settings_set (settings_window, &wanted);
  g_assert_true (pairings_match_settings_load (pairings_window_get_store (window),
                                               pairings_cohort_get_id (pairings_window_get_cohort (window)),
                                               &saved, &error));
  g_assert_cmpmem (&wanted, sizeof wanted, &saved, sizeof saved);
  screenshot (GTK_WIDGET (settings_window), "cohort-settings", NULL);
  gtk_window_destroy (GTK_WINDOW (settings_window));

  before = count_suggested (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.suggest-pairs", NULL));
  wait_until (is_idle, window, 60);
  g_assert_cmpint (pairings_window_get_last_match_event (window), >, 0);
  g_assert_cmpint (count_suggested (window), >, 0);
  screenshot (f->window, "board-suggested", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-match", "x",
                                             pairings_window_get_last_match_event (window)));
  g_assert_cmpint (count_suggested (window), ==, before);
}

static gboolean
is_titled_row (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The cohort's cycle in its settings: a date saved when applied, a date
 * that does not exist refused with nothing saved, the grace period. */
static void
test_cohort_cycle (Fixture       *f,
                   gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autoptr(GError) error = NULL;
  PairingsCohortSettings *settings_window;
  PairingsFollowUpSettings saved;
  PairingsStore *store;
  GtkWidget *row;
  gint64 cohort;
  g_autofree char *sql = NULL;
  g_autofree char *dates = NULL;

  load_demo (window);
  store = pairings_window_get_store (window);
  cohort = pairings_cohort_get_id (pairings_window_get_cohort (window));
  settings_window = pairings_cohort_settings_new (GTK_WINDOW (window), store, pairings_window_get_cohort (window),
                                                  &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (settings_window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (settings_window), "cycle");
  sql = g_strdup_printf ("SELECT kick_off || ' ' || ends FROM cohorts WHERE id = %" G_GINT64_FORMAT, cohort);

  row = find_first (GTK_WIDGET (settings_window), is_titled_row, "Kick-off");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-04-14");
  g_signal_emit_by_name (row, "apply");
  dates = query_text (store, sql);
  g_assert_cmpstr (dates, ==, "2025-04-14 2025-12-12");

  row = find_first (GTK_WIDGET (settings_window), is_titled_row, "End of the cycle");
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-02-30");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&dates, g_free);
  dates = query_text (store, sql);
  g_assert_cmpstr (dates, ==, "2025-04-14 2025-12-12");
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-12-12");

  row = find_first (GTK_WIDGET (settings_window), is_titled_row, "Grace period, in days");
  g_assert_nonnull (row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (row, GTK_TYPE_SPIN_BUTTON)), 10);
  g_assert_true (pairings_followup_settings_load (store, cohort, &saved, &error));
  g_assert_cmpint (saved.grace_days, ==, 10);
  screenshot (GTK_WIDGET (settings_window), "cohort-cycle", NULL);
  gtk_window_destroy (GTK_WINDOW (settings_window));
}

static void
clipboard_read (GObject      *clipboard,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_emails (Fixture       *f,
                  gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1180, 760);
  g_autofree char *text = NULL;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-emails", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (f->window), NULL, clipboard_read, &text);
  wait_until (is_set, &text, 10);
  g_assert_nonnull (strstr (text, "@"));
  g_assert_nonnull (strstr (text, ">, "));
}

/* Privacy -------------------------------------------------------------------------- */

/* The cells of every text column of every table that contain @needle. */
static int
count_everywhere (PairingsStore *store,
                  const char    *needle)
{
  sqlite3 *db = _pairings_store_get_db (store);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int total = 0;

  /* One query per column, named by the schema itself. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT t.name, c.name FROM sqlite_schema t,"
                                           " pragma_table_info(t.name) c WHERE t.type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (cells, g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE"
                                             " instr(lower(CAST(\"%s\" AS TEXT)), lower(?)) > 0",
                                             sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (cells->len, >, 50);
  for (guint i = 0; i < cells->len; i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, cells->pdata[i], -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      total += sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return total;
}

static void
answer_dialog (Fixture    *f,
               const char *response,
               const char *body_part,
               const char *shot)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), body_part));
  g_assert_true (g_str_equal (response, "cancel") ||
                 adw_message_dialog_get_response_appearance (dialog, response) == ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  screenshot (GTK_WIDGET (dialog), shot, NULL);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  settle (f->window);
}

/* A data-protection request from the Applications page: the dialog names
 * the person, and afterwards nothing in the file mentions them. */
static void
test_delete_person (Fixture       *f,
                    gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1280, 800);
  PairingsApplicationsPage *page;
  PairingsStore *store;
  g_autoptr(PairingsApplication) app = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  guint before;

  load_demo (window);
  store = pairings_window_get_store (window);
  page = PAIRINGS_APPLICATIONS_PAGE (find_widget (f->window, PAIRINGS_TYPE_APPLICATIONS_PAGE));
  g_assert_nonnull (page);
  before = g_list_model_get_n_items (pairings_applications_page_get_model (page));
  pairings_applications_page_select (page, 0, FALSE);
  settle (f->window);
  app = g_list_model_get_item (pairings_applications_page_get_model (page), 0);
  /* The list's items are summaries, without the address. */
  sql = g_strdup_printf ("SELECT p.email FROM people p JOIN applications a ON a.person_id = p.id"
                         " WHERE a.id = %" G_GINT64_FORMAT, pairings_application_get_id (app));
  email = query_text (store, sql);
  g_clear_pointer (&sql, g_free);
  g_assert_nonnull (email);
  name = g_strdup (pairings_application_get_name (app));
  g_assert_cmpint (count_everywhere (store, email), >, 0);

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "applications.delete-person", NULL));
  answer_dialog (f, "cancel", name, "delete-person");
  g_assert_cmpint (count_everywhere (store, email), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "applications.delete-person", NULL));
  answer_dialog (f, "delete", email, "delete-person");

  g_assert_cmpint (count_everywhere (store, email), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM applications WHERE name = '%s'", name);
  if (query_int (store, sql) == 0)
    g_assert_cmpint (count_everywhere (store, name), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM events WHERE action = 'delete_person'"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pairings_applications_page_get_model (page)), ==, before - 1);
  g_assert_cmpstr (pairings_window_get_state (window), ==, "programme");
}

static char *
charts_text (PairingsStore *store,
             gint64         cohort_id)
{
  GString *text = g_string_new (NULL);

  for (guint kind = 0; kind < PAIRINGS_N_CHART_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PairingsChartData) chart = NULL;
      g_autofree char *csv = NULL;

      /* Returning people are told by their identity, which goes. */
      if (kind == PAIRINGS_CHART_CONTINUATION)
        continue;
      chart = pairings_charts_collect (store, kind, cohort_id, "2026-01-15", &error);
      g_assert_no_error (error);
      csv = pairings_chart_data_to_csv (chart);
      g_string_append (text, csv);
    }
  return g_string_free (text, FALSE);
}

/* Anonymising 2023 from the main menu: the names go, the numbers stay. */
static void
test_anonymise_cohort (Fixture       *f,
                       gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1280, 800);
  PairingsStore *store;
  GtkDropDown *dropdown;
  g_autoptr(GError) error = NULL;
  g_autofree char *charts_before = NULL;
  g_autofree char *charts_after = NULL;
  g_autofree char *email = NULL;

  load_demo (window);
  store = pairings_window_get_store (window);
  g_assert_true (pairings_charts_set_threshold (store, 1, 1, &error));
  g_assert_no_error (error);
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (dropdown, 0);
  settle (f->window);
  g_assert_cmpstr (pairings_cohort_get_name (pairings_window_get_cohort (window)), ==, "2023");
  charts_before = charts_text (store, pairings_cohort_get_id (pairings_window_get_cohort (window)));
  email = query_text (store, "SELECT p.email FROM people p JOIN applications a ON a.person_id = p.id"
                             " JOIN cohorts c ON c.id = a.cohort_id WHERE c.name = '2023' AND NOT EXISTS"
                             " (SELECT 1 FROM applications b WHERE b.person_id = p.id AND b.cohort_id <> c.id)"
                             " ORDER BY p.id LIMIT 1");
  g_assert_nonnull (email);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.anonymise-cohort", NULL));
  answer_dialog (f, "anonymise", "cannot be undone", "anonymise-cohort");

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                     " WHERE c.name = '2023' AND a.name NOT LIKE 'Mentee %'"
                                     " AND a.name NOT LIKE 'Mentor %'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                     " WHERE c.name = '2024' AND a.name LIKE 'Mentee %'"), ==, 0);
  g_assert_cmpint (count_everywhere (store, email), ==, 0);
  charts_after = charts_text (store, pairings_cohort_get_id (pairings_window_get_cohort (window)));
  g_assert_cmpstr (charts_before, ==, charts_after);
  screenshot (f->window, "anonymised-2023", NULL);

  /* The cohort that has not ended (2025 ends in December) is refused. */
  ptest_exec (store, "UPDATE cohorts SET ends = date('now', '+1 month') WHERE name = '2025'");
  gtk_drop_down_set_selected (dropdown, 2);
  settle (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.anonymise-cohort", NULL));
  settle (f->window);
  g_assert_null (find_message_dialog ());
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications a JOIN cohorts c ON c.id = a.cohort_id"
                                     " WHERE c.name = '2025' AND a.name LIKE 'Mentee %'"), ==, 0);
}

/* The file chooser of "Restore from Backup…", as GTK shows it without a
 * portal. */
static GtkFileChooser *
find_file_chooser (void)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static void
choose_backup (Fixture    *f,
               const char *path)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (f->window, "win.restore-database", NULL));
  settle (f->window);
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  gtk_file_chooser_set_file (chooser, file, &error);
  g_assert_no_error (error);
  /* The chooser selects the file once its folder is loaded. */
  settle (f->window);
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
    g_assert_nonnull (chosen);
    g_assert_true (g_file_equal (chosen, file));
  }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  settle (f->window);
}

/* Restore from Backup… in the main menu: a file that is not a backup is
 * refused before anything is asked; Cancel keeps the data; Restore puts
 * the backup's data back, after a copy of the current state. */
static void
test_restore_backup (Fixture       *f,
                     gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1280, 800);
  PairingsStore *store;
  AdwMessageDialog *dialog;
  g_autofree char *backup = g_build_filename (f->dir, "saved.db", NULL);
  g_autofree char *not_backup = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *backups_dir = NULL;
  g_autofree char *saved_name = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) before = NULL;
  g_autoptr(GDir) dir = NULL;
  GStatBuf info;
  const char *name;
  int applications;

  load_demo (window);
  store = pairings_window_get_store (window);
  applications = query_int (store, "SELECT count(*) FROM applications");
  g_assert_cmpint (applications, >, 0);
  g_assert_true (pairings_store_backup (store, backup, &error));
  g_assert_no_error (error);

  /* Work done after the backup. */
  g_assert_cmpint (sqlite3_exec (_pairings_store_get_db (store),
                                 "DELETE FROM applications WHERE role = 'mentor'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), <, applications);

  /* Not a backup: refused with a message, nothing asked, nothing changed. */
  g_assert_true (g_file_set_contents (not_backup, "Timestamp,Email\n", -1, &error));
  choose_backup (f, not_backup);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Restore the Backup");
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  screenshot (GTK_WIDGET (dialog), "restore-refused", NULL);
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  settle (f->window);
  g_assert_true (pairings_window_get_store (window) == store);

  /* Cancel: the question names the backup, and nothing happens. */
  choose_backup (f, backup);
  answer_dialog (f, "cancel", "saved.db", "restore-question");
  g_assert_true (pairings_window_get_store (window) == store);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), <, applications);

  /* Restore. */
  choose_backup (f, backup);
  answer_dialog (f, "restore", "saved.db", "restore-question");
  store = pairings_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM applications"), ==, applications);
  g_assert_cmpstr (pairings_window_get_state (window), ==, "programme");
  g_assert_null (find_message_dialog ());

  /* The state before the restore was kept, owner-readable only. */
  backups_dir = pairings_store_backups_dir (f->path);
  dir = g_dir_open (backups_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, "before-restore") != NULL)
      saved_name = g_strdup (name);
  g_assert_nonnull (saved_name);
  saved = g_build_filename (backups_dir, saved_name, NULL);
  g_assert_cmpint (g_stat (saved, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  before = pairings_store_open (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (before, "SELECT count(*) FROM applications"), <, applications);
  g_clear_object (&before);

  /* Left for the fixture to remove: its folder holds plain files only. */
  g_dir_rewind (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (backups_dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (backups_dir);
}

static void
click_card (Fixture    *f,
            GtkWidget  *card,
            const char *modifier)
{
  g_autofree char *script = NULL;
  int x, y;

  screen_point (card, &x, &y);
  if (modifier == NULL)
    script = g_strdup_printf ("mousemove %d %d sleep 0.2 click 1 sleep 0.2", x, y);
  else
    script = g_strdup_printf ("mousemove %d %d sleep 0.2 keydown %s click 1 keyup %s sleep 0.2",
                              x, y, modifier, modifier);
  run_xdotool (f, script);
}

static gboolean
card_selected (GtkWidget *card)
{
  return (gtk_widget_get_state_flags (card) & GTK_STATE_FLAG_SELECTED) != 0;
}

/* "0 1 0 …": which cards of a column are selected. */
static char *
selection_text (GtkWidget *list)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *card = board_card_first (list); card != NULL; card = board_card_next (card))
    g_string_append_printf (text, "%s%d", text->len ? " " : "", card_selected (card));
  return g_string_free (text, FALSE);
}

static char *
pair_stage (PairingsWindow *window,
            const char     *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
  g_autofree char *sql = g_strdup_printf ("SELECT stage FROM pairs WHERE id = %s", payload + strlen ("pair:"));

  g_assert_no_error (error);
  return query_text (store, sql);
}

/* Choosing cards as in a list, with the real pointer and keyboard (through
 * the X server): a click chooses one card, Ctrl+click adds one, Shift+click
 * takes the cards in between; the arrows move along the column; Ctrl+→
 * moves the chosen pairs to the next stage, in the database. */
static void
test_board_selection (Fixture       *f,
                      gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1400, 860);
  GtkWidget *page, *suggested, *discussion, *cards[3];
  char *payloads[3];
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *stage = NULL;

  load_demo (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  settle (f->window);
  page = find_widget (GTK_WIDGET (window), PAIRINGS_TYPE_BOARD_PAGE);
  find_first (page, collect_list_boxes, lists);
  g_assert_cmpuint (lists->len, ==, 7);
  suggested = g_ptr_array_index (lists, 2);
  discussion = g_ptr_array_index (lists, 3);
  for (int i = 0; i < 3; i++)
    {
      cards[i] = board_card_at (suggested, i);
      g_assert_nonnull (cards[i]);
      /* The cards that move are made again in their new column. */
      payloads[i] = g_strdup (g_object_get_data (G_OBJECT (cards[i]), "payload"));
    }

  click_card (f, cards[0], NULL);
  text = selection_text (suggested);
  g_assert_true (g_str_has_prefix (text, "1 0 0"));
  g_assert_true (gtk_widget_has_focus (cards[0]));
  g_clear_pointer (&text, g_free);

  click_card (f, cards[2], "ctrl");
  text = selection_text (suggested);
  g_assert_true (g_str_has_prefix (text, "1 0 1"));
  g_clear_pointer (&text, g_free);

  /* From the last card chosen (the third) to the second. */
  click_card (f, cards[1], "shift");
  text = selection_text (suggested);
  g_assert_true (g_str_has_prefix (text, "0 1 1"));
  g_clear_pointer (&text, g_free);
  screenshot (f->window, "board-selection", NULL);

  /* The keyboard: Up goes to the first card and chooses it alone. */
  run_xdotool (f, "key Up");
  text = selection_text (suggested);
  g_assert_true (g_str_has_prefix (text, "1 0 0"));
  g_assert_true (gtk_widget_has_focus (cards[0]));
  g_clear_pointer (&text, g_free);
  run_xdotool (f, "key shift+Down");
  text = selection_text (suggested);
  g_assert_true (g_str_has_prefix (text, "1 1 0"));
  g_assert_true (gtk_widget_has_focus (cards[1]));
  g_clear_pointer (&text, g_free);

  /* Ctrl+→ moves both chosen pairs on to Under discussion. */
  run_xdotool (f, "key ctrl+Right");
  stage = pair_stage (window, payloads[0]);
  g_assert_cmpstr (stage, ==, "discussion");
  g_clear_pointer (&stage, g_free);
  stage = pair_stage (window, payloads[1]);
  g_assert_cmpstr (stage, ==, "discussion");
  g_clear_pointer (&stage, g_free);
  stage = pair_stage (window, payloads[2]);
  g_assert_cmpstr (stage, ==, "suggested");
  g_clear_pointer (&stage, g_free);
  /* The focus followed the card to its new column (to its end): Ctrl+↑
   * moves it up. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (focus), "payload"), ==, payloads[1]);
    g_assert_true (gtk_widget_is_ancestor (focus, discussion));
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT position FROM pairs WHERE id = %s", payloads[1] + strlen ("pair:"));
    g_autoptr(GError) error = NULL;
    g_autoptr(PairingsStore) store = pairings_store_open (pairings_window_get_database_path (window), &error);
    int before = query_int (store, sql);

    g_assert_cmpint (before, >, 0);
    run_xdotool (f, "key ctrl+Up");
    g_assert_cmpint (query_int (store, sql), ==, before - 1);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (gtk_root_get_focus (GTK_ROOT (f->window))), "payload"), ==,
                     payloads[1]);
  }
  /* In the dark, the cards are drawn again (each is kept as a picture). */
  {
    GtkWidget *card = board_card_first (suggested);
    double light = mean_luma (window, card, "card-light.png");
    double dark;

    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    settle (f->window);
    dark = mean_luma (window, card, "card-dark.png");
    screenshot (f->window, "board-dark", NULL);
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
    settle (f->window);
    g_test_message ("mean brightness of a card: %.0f light, %.0f dark", light, dark);
    g_assert_cmpfloat (light, >, 180);
    g_assert_cmpfloat (dark, <, 100);
  }

  /* Tab leaves the column: one stop per column, not one per card. */
  run_xdotool (f, "key Tab");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_false (gtk_widget_is_ancestor (focus, discussion));
  }
  assert_board_matches_database (PAIRINGS_BOARD_PAGE (page), window);
  g_assert_nonnull (board_card_first (discussion));
  for (int i = 0; i < 3; i++)
    g_free (payloads[i]);
}

/* The keyboard shortcuts window (Ctrl+?, set up by the application from
 * the resources) lists the board's and the Applications page's keys too. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  PairingsWindow *window = open_window (f, 1280, 800);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GtkWidget *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  gtk_window_set_transient_for (GTK_WINDOW (shortcuts), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (shortcuts));
  settle (f->window);
  g_assert_nonnull (find_label (shortcuts, "Move the pair up or down its column"));
  g_assert_nonnull (find_label (shortcuts, "Accept"));
  g_assert_nonnull (find_label (shortcuts, "Undo"));
  screenshot (shortcuts, "shortcuts", NULL);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PAIRINGS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GLib decides once, at the first lookup of a library's message
   * (g_dgettext), whether to translate library messages at all, from the
   * language then: here it must decide as a French user's app does, or the
   * French test would show the core's words in English. English stays
   * English for the other tests, whose language is unset. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  (void) g_dgettext (GETTEXT_PACKAGE, "Approved");
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");

  /* A widget test without a display tests nothing: fail, do not skip. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("test-window needs a display: run it under xvfb-run\n");
      return 1;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What GtkApplication does for the app: icons from its resources. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");
  /* And its style sheet, which AdwApplication loads for the app. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/welcome-and-demo", test_welcome_and_demo);
  ADD ("/window/pages", test_pages);
  ADD ("/window/cohort-choice", test_cohort_choice);
  ADD ("/window/foreign-file", test_foreign_file);
  ADD ("/window/narrow-and-dark", test_narrow_and_dark);
  ADD ("/window/french", test_french);
  ADD ("/window/import-assistant", test_import_assistant);
  ADD ("/window/import-refused-file", test_import_refused_file);
  ADD ("/window/export-dialog", test_export_dialog);
  ADD ("/window/copy-emails", test_copy_emails);
  ADD ("/window/suggest-pairs", test_suggest_pairs);
  ADD ("/window/applications-page", test_applications_page);
  ADD ("/window/board", test_board);
  ADD ("/window/board-pointer-drag", test_board_pointer_drag);
  ADD ("/window/board-pair-with", test_board_pair_with);
  ADD ("/window/board-cards-in-view", test_board_cards_in_view);
  ADD ("/window/board-selection", test_board_selection);
  ADD ("/window/agreements", test_agreements);
  ADD ("/window/charts", test_charts);
  ADD ("/window/charts-french", test_charts_french);
  ADD ("/window/cohort-cycle", test_cohort_cycle);
  ADD ("/window/agreements-french", test_agreements_french);
  ADD ("/window/delete-person", test_delete_person);
  ADD ("/window/anonymise-cohort", test_anonymise_cohort);
  ADD ("/window/restore-backup", test_restore_backup);
  ADD ("/window/shortcuts", test_shortcuts_window);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/card-text", test_card_text);

  return g_test_run ();
}

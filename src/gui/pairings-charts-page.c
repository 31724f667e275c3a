/* pairings-charts-page.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The six charts a committee reports every year, chosen in a sidebar. The
 * numbers are counted in a thread, on a connection of its own, so a long
 * history never blocks the window; each chart can be read as a table (for
 * screen readers and for copying) and exported as PNG, SVG or PDF at the
 * size a slide wants. Counts under the programme's threshold are shown as
 * "< 5".
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-evaluation-import.h"
#include "pairings-charts-page.h"
#include "pairings-report-dialog.h"

struct _PairingsChartsPage
{
  GtkWidget          parent_instance;

  PairingsStore     *store;
  PairingsCohort    *cohort;
  char              *today;
  PairingsChartKind  kind;
  GCancellable      *cancellable;
  gboolean           syncing;

  GtkWidget         *leaflet;
  GtkListBox        *sidebar;
  GtkLabel          *title;
  GtkSpinButton     *threshold_spin;
  GtkToggleButton   *table_button;
  GtkStack          *stack;
  PairingsChartView *view;
  GtkWidget         *table_box;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (PairingsChartsPage, pairings_charts_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
today_or_now (PairingsChartsPage *self)
{
  if (self->today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      self->today = g_date_time_format (now, "%Y-%m-%d");
    }
  return self->today;
}

static void
report (PairingsChartsPage *self,
        const char         *title,
        GError             *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The table -------------------------------------------------------------------- */

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_table (PairingsChartsPage      *self,
            const PairingsChartData *data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *child;
  guint n_bars, n_series, row = 1;
  gboolean notes = FALSE;

  while ((child = gtk_widget_get_first_child (self->table_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->table_box), child);
  if (data == NULL)
    return;

  n_bars = data->bars->len;
  n_series = data->series->len;
  for (guint c = 0; c < data->notes->len; c++)
    notes |= *(const char *) g_ptr_array_index (data->notes, c) != '\0';

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, data->title, -1);
  gtk_grid_attach (GTK_GRID (grid), cell (data->x_label, TRUE, 0), 0, 0, 1, 1);
  if (n_bars > 1)
    gtk_grid_attach (GTK_GRID (grid), cell ("", TRUE, 0), 1, 0, 1, 1);
  for (guint s = 0; s < n_series; s++)
    gtk_grid_attach (GTK_GRID (grid), cell (g_ptr_array_index (data->series, s), TRUE, 1), 2 + s, 0, 1, 1);
  if (notes)
    gtk_grid_attach (GTK_GRID (grid), cell (_("Note"), TRUE, 0), 2 + n_series, 0, 1, 1);

  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < n_bars; b++, row++)
      {
        gtk_grid_attach (GTK_GRID (grid), cell (b == 0 ? g_ptr_array_index (data->categories, c) : "", b == 0, 0),
                         0, row, 1, 1);
        if (n_bars > 1)
          gtk_grid_attach (GTK_GRID (grid), cell (g_ptr_array_index (data->bars, b), FALSE, 0), 1, row, 1, 1);
        for (guint s = 0; s < n_series; s++)
          {
            g_autofree char *text = pairings_chart_data_format (data, c, b, s);
            gtk_grid_attach (GTK_GRID (grid), cell (text, FALSE, 1), 2 + s, row, 1, 1);
          }
        if (notes && b == 0)
          gtk_grid_attach (GTK_GRID (grid), cell (g_ptr_array_index (data->notes, c), FALSE, 0), 2 + n_series, row, 1, 1);
      }
  if (data->categories->len == 0)
    gtk_grid_attach (GTK_GRID (grid), cell (_("No data for this chart yet"), FALSE, 0), 0, 1, 3, 1);
  gtk_box_append (GTK_BOX (self->table_box), grid);
}

/* Counting, in a thread ----------------------------------------------------------- */

typedef struct
{
  char              *path;
  PairingsChartKind  kind;
  gint64             cohort_id;
  char              *today;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->today);
  g_free (request);
}

static void
collect_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsStore) store = pairings_store_open (request->path, &error);
  PairingsChartData *data;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = pairings_charts_collect (store, request->kind, request->cohort_id, request->today, &error);
  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) pairings_chart_data_free);
}

static void
on_collected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PairingsChartData *data = g_task_propagate_pointer (G_TASK (result), &error);
  PairingsChartsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PAIRINGS_CHARTS_PAGE (source);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (data == NULL)
    {
      report (self, _("Cannot Count the Chart’s Numbers"), error);
      return;
    }
  gtk_label_set_text (self->title, data->title);
  fill_table (self, data);
  pairings_chart_view_set_data (self->view, data);
}

void
pairings_charts_page_reload (PairingsChartsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (PAIRINGS_IS_CHARTS_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || self->cohort == NULL)
    {
      pairings_chart_view_set_data (self->view, NULL);
      fill_table (self, NULL);
      return;
    }

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->threshold_spin,
                             pairings_charts_get_threshold (self->store,
                                                            pairings_cohort_get_programme_id (self->cohort), NULL));
  self->syncing = FALSE;

  request = g_new0 (Request, 1);
  request->path = g_strdup (pairings_store_get_path (self->store));
  request->kind = self->kind;
  request->cohort_id = pairings_cohort_get_id (self->cohort);
  request->today = g_strdup (today_or_now (self));
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_collected, NULL);
  g_task_set_source_tag (task, pairings_charts_page_reload);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, collect_in_thread);
}

gboolean
pairings_charts_page_is_busy (PairingsChartsPage *self)
{
  g_return_val_if_fail (PAIRINGS_IS_CHARTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* Choosing --------------------------------------------------------------------- */

static void
on_sidebar_selected (GtkListBox         *list,
                     GtkListBoxRow      *row,
                     PairingsChartsPage *self)
{
  if (row == NULL || self->syncing)
    return;
  self->kind = gtk_list_box_row_get_index (row);
  pairings_charts_page_reload (self);
}

static void
on_sidebar_activated (GtkListBox         *list,
                      GtkListBoxRow      *row,
                      PairingsChartsPage *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
pairings_charts_page_select (PairingsChartsPage *self,
                             PairingsChartKind   kind)
{
  g_return_if_fail (PAIRINGS_IS_CHARTS_PAGE (self));
  g_return_if_fail (kind < PAIRINGS_N_CHART_KINDS);

  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, kind));
  if (self->kind != kind)
    {
      self->kind = kind;
      pairings_charts_page_reload (self);
    }
}

static void
on_threshold_changed (PairingsChartsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->store == NULL || self->cohort == NULL)
    return;
  if (!pairings_charts_set_threshold (self->store, pairings_cohort_get_programme_id (self->cohort),
                                      gtk_spin_button_get_value_as_int (self->threshold_spin), &error))
    {
      report (self, _("Cannot Change the Threshold"), error);
      return;
    }
  pairings_charts_page_reload (self);
}

static void
on_table_toggled (PairingsChartsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, gtk_toggle_button_get_active (self->table_button) ? "table" : "chart");
}

/* Exporting ---------------------------------------------------------------------- */

gboolean
pairings_charts_page_export (PairingsChartsPage  *self,
                             const char          *path,
                             int                  width,
                             int                  height,
                             GError             **error)
{
  const PairingsChartData *data;
  PairingsChartTheme theme;

  g_return_val_if_fail (PAIRINGS_IS_CHARTS_PAGE (self), FALSE);

  data = pairings_chart_view_get_data (self->view);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no chart to export yet"));
      return FALSE;
    }
  /* As on screen, on an opaque background: a slide has its own. */
  pairings_chart_view_get_theme (self->view, &theme);
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    {
      PairingsChartTheme dark;

      pairings_chart_theme_init_dark (&dark);
      theme.background = dark.background;
    }
  else
    {
      PairingsChartTheme light;

      pairings_chart_theme_init_light (&light);
      theme.background = light.background;
    }
  return pairings_chart_export (data, &theme, path, width, height, error);
}

typedef struct
{
  PairingsChartsPage *page;
  char               *format;
  GtkSpinButton      *width;
  GtkSpinButton      *height;
} ExportForm;

static void
export_form_free (gpointer  data,
                  GClosure *closure)
{
  ExportForm *form = data;

  g_object_unref (form->page);
  g_free (form->format);
  g_free (form);
}

typedef struct
{
  PairingsChartsPage *page;
  int                 width;
  int                 height;
} ExportSize;

static void
on_export_file (GtkNativeDialog *dialog,
                int              response,
                ExportSize      *size)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !pairings_charts_page_export (size->page, path, size->width, size->height, &error))
        {
          if (error == NULL)
            g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Charts are saved to local files only"));
          report (size->page, _("The Chart Was Not Exported"), error);
        }
      else
        gtk_widget_activate_action (GTK_WIDGET (size->page), "win.show-toast", "s", _("Chart exported"));
    }
  g_object_unref (size->page);
  g_free (size);
  g_object_unref (dialog);
}

static void
on_export_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportForm       *form)
{
  PairingsChartsPage *self = form->page;
  const PairingsChartData *data = pairings_chart_view_get_data (self->view);
  GtkFileChooserNative *chooser;
  ExportSize *size;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export") || data == NULL)
    return;
  size = g_new0 (ExportSize, 1);
  size->page = g_object_ref (self);
  size->width = gtk_spin_button_get_value_as_int (form->width);
  size->height = gtk_spin_button_get_value_as_int (form->height);
  chooser = gtk_file_chooser_native_new (_("Export the Chart"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s-%s.%s", pairings_chart_kind_to_string (data->kind),
                          pairings_cohort_get_name (self->cohort), form->format);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), size);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkSpinButton *
size_row (GtkWidget  *list,
          const char *title,
          int         value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (100, 10000, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return GTK_SPIN_BUTTON (spin);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsChartsPage *self = PAIRINGS_CHARTS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean pixels = g_str_equal (format, "png");
  ExportForm *form;
  GtkWidget *dialog, *list;
  g_autofree char *heading = NULL;

  if (pairings_chart_view_get_data (self->view) == NULL)
    return;
  form = g_new0 (ExportForm, 1);
  form->page = g_object_ref (self);
  form->format = g_strdup (format);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* A 16:9 slide: full HD in pixels, or 10 × 5.6 inches in points. */
  form->width = size_row (list, pixels ? _("Width, in pixels") : _("Width, in points"), pixels ? 1920 : 720);
  form->height = size_row (list, pixels ? _("Height, in pixels") : _("Height, in points"), pixels ? 1080 : 405);

  /* TRANSLATORS: %s is a file format: PNG, SVG or PDF */
  heading = g_strdup_printf (_("Export as %s"), g_ascii_strup (format, -1));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The chart at the size your slides or report need."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_export_response), form, export_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsChartsPage *self = PAIRINGS_CHARTS_PAGE (widget);
  const PairingsChartData *data = pairings_chart_view_get_data (self->view);
  g_autofree char *csv = NULL;

  if (data == NULL)
    return;
  csv = pairings_chart_data_to_csv (data);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), csv);
  gtk_widget_activate_action (widget, "win.show-toast", "s", _("The chart’s numbers are copied, as CSV"));
}

/* Survey answers ------------------------------------------------------------------ */

void
pairings_charts_page_import_survey (PairingsChartsPage *self,
                                    const char         *survey,
                                    const char         *path)
{
  g_autoptr(GError) error = NULL;
  PairingsEvaluationImportReport *report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_if_fail (PAIRINGS_IS_CHARTS_PAGE (self));

  if (self->store == NULL || self->cohort == NULL)
    return;
  if (!pairings_evaluation_import (self->store, pairings_cohort_get_id (self->cohort), survey, path,
                                   PAIRINGS_EVALUATION_IMPORT_FLAGS_NONE, today, NULL, &report, &error))
    {
      pairings_show_import_report (GTK_WIDGET (self), _("Survey Answers Not Imported"), report, error);
      g_clear_pointer (&report, pairings_form_import_report_free);
      return;
    }
  if (report->skipped->len > 0 || report->applied == 0)
    pairings_show_import_report (GTK_WIDGET (self), _("Survey Answers Imported"), report, NULL);
  if (report->event_id != 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Answers of %u person imported",
                                                            "Answers of %u people imported", report->applied),
                                                  report->applied);
      /* The window's toast, with Undo; the charts count again. */
      g_signal_emit (self, signals[CHANGED], 0, message);
      pairings_charts_page_select (self, PAIRINGS_CHART_RATINGS);
      pairings_charts_page_reload (self);
    }
  pairings_form_import_report_free (report);
}

static void
on_csv_chosen (GtkWidget  *page,
               const char *survey,
               const char *path)
{
  pairings_charts_page_import_survey (PAIRINGS_CHARTS_PAGE (page), survey, path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsChartsPage *self = PAIRINGS_CHARTS_PAGE (widget);
  gboolean mid = g_str_equal (g_variant_get_string (parameter, NULL), "mid");

  if (self->store == NULL || self->cohort == NULL)
    return;
  pairings_choose_csv_file (widget, mid ? _("Import Mid-cycle Survey Answers") : _("Import End-of-cycle Survey Answers"),
                            mid ? "mid" : "end", on_csv_chosen);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (ADW_LEAFLET (PAIRINGS_CHARTS_PAGE (widget)->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

/* Public ------------------------------------------------------------------------ */

void
pairings_charts_page_show (PairingsChartsPage *self,
                           PairingsStore      *store,
                           PairingsCohort     *cohort)
{
  g_return_if_fail (PAIRINGS_IS_CHARTS_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->cohort, cohort);
  pairings_charts_page_reload (self);
}

void
pairings_charts_page_set_today (PairingsChartsPage *self,
                                const char         *today)
{
  g_return_if_fail (PAIRINGS_IS_CHARTS_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  pairings_charts_page_reload (self);
}

PairingsChartView *
pairings_charts_page_get_view (PairingsChartsPage *self)
{
  g_return_val_if_fail (PAIRINGS_IS_CHARTS_PAGE (self), NULL);

  return self->view;
}

/* GObject -------------------------------------------------------------------------- */

static void
pairings_charts_page_dispose (GObject *object)
{
  PairingsChartsPage *self = PAIRINGS_CHARTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->leaflet, gtk_widget_unparent);
  g_clear_pointer (&self->today, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (pairings_charts_page_parent_class)->dispose (object);
}

static void
pairings_charts_page_class_init (PairingsChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_charts_page_dispose;

  /**
   * PairingsChartsPage::changed:
   * @message: what was done (survey answers imported), for a toast that
   *   offers to undo it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "charts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "charts.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "charts.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "charts.import", "s", import_action);
}

static void
pairings_charts_page_init (PairingsChartsPage *self)
{
  GtkWidget *sidebar_scroller = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *controls = gtk_flow_box_new ();
  GtkWidget *threshold_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *view_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *threshold_label = gtk_label_new_with_mnemonic (_("_Hide counts under"));
  GtkWidget *export = gtk_menu_button_new ();
  GtkWidget *table_scroller = gtk_scrolled_window_new ();
  GtkWidget *table_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy as CSV"));
  g_autoptr(GMenu) menu = g_menu_new ();

  self->leaflet = adw_leaflet_new ();
  gtk_widget_set_parent (self->leaflet, GTK_WIDGET (self));

  /* The charts, by name. */
  self->sidebar = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->sidebar), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Charts"), -1);
  for (guint k = 0; k < PAIRINGS_N_CHART_KINDS; k++)
    {
      GtkWidget *label = gtk_label_new (pairings_chart_kind_get_title (k));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->sidebar, label);
    }
  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, 0));
  g_signal_connect (self->sidebar, "row-selected", G_CALLBACK (on_sidebar_selected), self);
  g_signal_connect (self->sidebar, "row-activated", G_CALLBACK (on_sidebar_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sidebar_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sidebar_scroller), GTK_WIDGET (self->sidebar));
  gtk_widget_set_size_request (sidebar_scroller, 220, -1);
  adw_leaflet_append (ADW_LEAFLET (self->leaflet), sidebar_scroller);
  adw_leaflet_page_set_navigatable (adw_leaflet_append (ADW_LEAFLET (self->leaflet),
                                                        gtk_separator_new (GTK_ORIENTATION_VERTICAL)),
                                    FALSE);

  /* The chart's header: its title, the threshold, table or chart, export. */
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 8);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "charts.back");
  gtk_widget_set_tooltip_text (back, _("Back to the charts"));
  g_object_bind_property (self->leaflet, "folded", back, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (header), back);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-4");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 100, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->threshold_spin), GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->threshold_spin), 3);
  gtk_label_set_mnemonic_widget (GTK_LABEL (threshold_label), GTK_WIDGET (self->threshold_spin));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->threshold_spin),
                               _("Smaller groups are shown as “< N”, so that a chart shown outside the committee cannot single anyone out"));
  g_signal_connect_swapped (self->threshold_spin, "value-changed", G_CALLBACK (on_threshold_changed), self);
  /* Under the title; on a narrow window the threshold and the view's
   * buttons go on two lines. */
  gtk_widget_set_margin_start (controls, 12);
  gtk_widget_set_margin_end (controls, 12);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (controls), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (controls), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (controls), 6);
  gtk_box_append (GTK_BOX (threshold_box), threshold_label);
  gtk_box_append (GTK_BOX (threshold_box), GTK_WIDGET (self->threshold_spin));
  self->table_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Table")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button), _("The same numbers as a table"));
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (on_table_toggled), self);
  gtk_box_append (GTK_BOX (view_box), GTK_WIDGET (self->table_button));
  {
    g_autoptr(GMenu) formats = g_menu_new ();
    g_autoptr(GMenu) imports = g_menu_new ();

    g_menu_append (formats, _("Export as _PNG…"), "charts.export::png");
    g_menu_append (formats, _("Export as _SVG…"), "charts.export::svg");
    g_menu_append (formats, _("Export as P_DF…"), "charts.export::pdf");
    g_menu_append (imports, _("Import _End-of-cycle Survey Answers…"), "charts.import::end");
    g_menu_append (imports, _("Import _Mid-cycle Survey Answers…"), "charts.import::mid");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (formats));
    g_menu_append_section (menu, NULL, G_MENU_MODEL (imports));
  }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (export), _("_Export"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (export), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export), G_MENU_MODEL (menu));
  gtk_box_append (GTK_BOX (view_box), export);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), threshold_box);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), view_box);
  for (GtkWidget *child = gtk_widget_get_first_child (controls); child; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), controls);

  /* The chart, or its table. */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->view = PAIRINGS_CHART_VIEW (pairings_chart_view_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->view), 12);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "chart");
  self->table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "charts.copy");
  gtk_widget_set_halign (copy, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (table_page), self->table_box);
  gtk_box_append (GTK_BOX (table_page), copy);
  gtk_widget_set_margin_start (table_page, 18);
  gtk_widget_set_margin_end (table_page, 18);
  gtk_widget_set_margin_top (table_page, 12);
  gtk_widget_set_margin_bottom (table_page, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller), table_page);
  gtk_stack_add_named (self->stack, table_scroller, "table");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  gtk_widget_set_hexpand (content, TRUE);
  adw_leaflet_append (ADW_LEAFLET (self->leaflet), content);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), content);
  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (self->leaflet), TRUE);
}

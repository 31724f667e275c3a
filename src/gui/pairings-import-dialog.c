/* pairings-import-dialog.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source (cohort, role, a preview of the file) → columns (which column is
 * which field, presets) → values (career stages, multi-select options) →
 * the import itself in a thread, with progress and a stop button → the
 * report. The dialog emits "imported" so that the window can offer undo.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-cohort.h"
#include "pairings-import-dialog.h"

#define SAMPLE_ROWS  2000
#define PREVIEW_ROWS 5
#define PREVIEW_COLUMNS 12

struct _PairingsImportDialog
{
  AdwWindow             parent_instance;

  PairingsStore        *store;
  char                 *csv_path;
  char                 *file_name;
  GListModel           *cohorts;
  PairingsMapping      *mapping;
  GPtrArray            *headers;     /* char * */
  GPtrArray            *sample;      /* GPtrArray of char * per record */
  PairingsCsvEncoding   encoding;
  char                  delimiter;
  AdwComboRow          *field_rows[PAIRINGS_N_FIELDS];
  GPtrArray            *value_rows;  /* rows of the values page, rebuilt */
  GCancellable         *cancellable;
  PairingsImportReport *report;
  gboolean              running;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkButton            *back_button;
  GtkButton            *next_button;
  AdwComboRow          *cohort_row;
  AdwEntryRow          *new_cohort_row;
  AdwComboRow          *role_row;
  AdwActionRow         *format_row;
  GtkGrid              *preview_grid;
  AdwPreferencesGroup  *columns_group;
  AdwPreferencesGroup  *stages_group;
  AdwPreferencesGroup  *options_group;
  AdwEntryRow          *option_entry;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *report_status;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesGroup  *notes_group;
};

G_DEFINE_FINAL_TYPE (PairingsImportDialog, pairings_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PairingsImportDialog *self,
       const char           *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Reading a sample ------------------------------------------------------------- */

static gboolean
read_sample (PairingsImportDialog  *self,
             GError               **error)
{
  g_autoptr(PairingsCsvReader) reader = pairings_csv_reader_new_for_path (self->csv_path, error);
  GPtrArray *fields = NULL;
  gboolean oversized = FALSE;

  if (reader == NULL)
    return FALSE;

  self->encoding = pairings_csv_reader_get_encoding (reader);
  self->delimiter = pairings_csv_reader_get_delimiter (reader);
  if (!pairings_csv_reader_next (reader, &fields, NULL, &oversized, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY,
                     _("%s is empty"), self->file_name);
      return FALSE;
    }
  for (guint i = 0; i < fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL))
      {
        g_ptr_array_unref (fields);
        g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_ENCODING,
                     _("%s, line 1: the header is not valid UTF-8 text"), self->file_name);
        return FALSE;
      }
  g_ptr_array_add (fields, NULL);
  self->headers = fields;

  /* The preview and the values come from the first rows; the import
   * itself reads everything and reports every row. */
  while (self->sample->len < SAMPLE_ROWS)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pairings_csv_reader_next (reader, &fields, NULL, &oversized, &local_error))
        break;
      if (oversized || fields->len + 1 != self->headers->len)
        {
          g_ptr_array_unref (fields);
          continue;
        }
      g_ptr_array_add (self->sample, fields);
    }

  return TRUE;
}

static guint
n_headers (PairingsImportDialog *self)
{
  return self->headers->len - 1;
}

static const char *
sample_value (PairingsImportDialog *self,
              guint                 row,
              int                   column)
{
  GPtrArray *fields;
  const char *value;

  if (column < 0 || row >= self->sample->len)
    return NULL;
  fields = g_ptr_array_index (self->sample, row);
  value = g_ptr_array_index (fields, (guint) column);
  return g_utf8_validate (value, -1, NULL) ? value : NULL;
}

static int
column_of (PairingsImportDialog *self,
           PairingsField         field)
{
  const char *header = pairings_mapping_get_column (self->mapping, field);

  for (guint i = 0; header != NULL && i < n_headers (self); i++)
    if (g_str_equal (g_ptr_array_index (self->headers, i), header))
      return (int) i;
  return -1;
}

/* The source page -------------------------------------------------------------- */

static GtkWidget *
preview_label (const char *text,
               gboolean    heading)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  GtkWidget *label;

  g_strdelimit (flat, "\r\n", ' ');
  label = gtk_label_new (flat);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
fill_preview (PairingsImportDialog *self)
{
  g_autofree char *format = NULL;
  const char *delimiter = self->delimiter == ',' ? _("commas")
                        : self->delimiter == ';' ? _("semicolons") : _("tabs");
  guint columns = MIN (n_headers (self), PREVIEW_COLUMNS);

  /* TRANSLATORS: e.g. "UTF-8, fields separated by semicolons, 120 rows read for the preview" */
  format = g_strdup_printf (_("%s, fields separated by %s"),
                            pairings_csv_encoding_get_label (self->encoding), delimiter);
  adw_action_row_set_subtitle (self->format_row, format);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), self->file_name);

  for (guint c = 0; c < columns; c++)
    {
      gtk_grid_attach (self->preview_grid, preview_label (g_ptr_array_index (self->headers, c), TRUE),
                       (int) c, 0, 1, 1);
      for (guint r = 0; r < MIN (self->sample->len, PREVIEW_ROWS); r++)
        {
          PairingsField field;
          const char *value = sample_value (self, r, (int) c);
          gboolean confidential = FALSE;

          /* Demographic answers are not shown, even here. */
          for (field = 0; field < PAIRINGS_N_FIELDS; field++)
            if (pairings_field_is_confidential (field) && column_of (self, field) == (int) c)
              confidential = TRUE;
          gtk_grid_attach (self->preview_grid,
                           preview_label (confidential ? _("(confidential)") : value, FALSE),
                           (int) c, (int) r + 1, 1, 1);
        }
    }
}

static void
setup_cohorts (PairingsImportDialog *self,
               gint64                cohort_id)
{
  g_autoptr(GError) error = NULL;
  guint n;

  self->cohorts = pairings_store_list_cohorts (self->store, &error);
  n = self->cohorts != NULL ? g_list_model_get_n_items (self->cohorts) : 0;

  if (n == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *year = g_date_time_format (now, "%Y");

      gtk_widget_set_visible (GTK_WIDGET (self->cohort_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->new_cohort_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->new_cohort_row), year);
      return;
    }

  adw_combo_row_set_expression (self->cohort_row,
                                gtk_property_expression_new (PAIRINGS_TYPE_COHORT, NULL, "name"));
  adw_combo_row_set_model (self->cohort_row, self->cohorts);
  adw_combo_row_set_selected (self->cohort_row, n - 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PairingsCohort) cohort = g_list_model_get_item (self->cohorts, i);
      if (pairings_cohort_get_id (cohort) == cohort_id)
        adw_combo_row_set_selected (self->cohort_row, i);
    }
}

/* The columns page -------------------------------------------------------------- */

static void
update_field_subtitle (PairingsImportDialog *self,
                       PairingsField         field)
{
  AdwComboRow *row = self->field_rows[field];
  int column = column_of (self, field);
  const char *value = NULL;
  g_autofree char *flat = NULL;

  if (column < 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      return;
    }
  if (pairings_field_is_confidential (field))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Confidential: answers are not shown"));
      return;
    }

  for (guint r = 0; r < self->sample->len && (value == NULL || *value == '\0'); r++)
    value = sample_value (self, r, column);
  flat = g_markup_escape_text (value != NULL ? value : "", -1);
  g_strdelimit (flat, "\r\n", ' ');
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), flat);
}

static void
on_field_selected (AdwComboRow          *row,
                   GParamSpec           *pspec,
                   PairingsImportDialog *self)
{
  PairingsField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "field"));
  guint selected = adw_combo_row_get_selected (row);

  pairings_mapping_set_column (self->mapping, field,
                               selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                 ? NULL : g_ptr_array_index (self->headers, selected - 1));
  update_field_subtitle (self, field);
}

static void
sync_field_rows (PairingsImportDialog *self)
{
  for (guint f = 0; f < PAIRINGS_N_FIELDS; f++)
    {
      int column = column_of (self, f);

      g_signal_handlers_block_by_func (self->field_rows[f], on_field_selected, self);
      adw_combo_row_set_selected (self->field_rows[f], column < 0 ? 0 : (guint) column + 1);
      g_signal_handlers_unblock_by_func (self->field_rows[f], on_field_selected, self);
      update_field_subtitle (self, f);
    }
}

static void
build_field_rows (PairingsImportDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not in the file"));
  for (guint i = 0; i < n_headers (self); i++)
    gtk_string_list_append (choices, g_ptr_array_index (self->headers, i));

  for (guint f = 0; f < PAIRINGS_N_FIELDS; f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pairings_field_get_label (f));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (choices));
      g_object_set_data (G_OBJECT (row), "field", GINT_TO_POINTER (f));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_selected), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      self->field_rows[f] = row;
    }
  sync_field_rows (self);
}

/* The values page ---------------------------------------------------------------- */

static void
clear_value_rows (PairingsImportDialog *self)
{
  for (guint i = 0; i < self->value_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->value_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->value_rows, 0);
}

static void
on_stage_selected (AdwComboRow          *row,
                   GParamSpec           *pspec,
                   PairingsImportDialog *self)
{
  const char *label = g_object_get_data (G_OBJECT (row), "label");
  guint selected = adw_combo_row_get_selected (row);

  /* 0 keeps the label as written: an unknown stage, reported. */
  pairings_mapping_set_career_stage (self->mapping, label,
                                     selected == GTK_INVALID_LIST_POSITION ? PAIRINGS_CAREER_UNKNOWN
                                                                           : (PairingsCareerStage) selected);
}

static GHashTable *
count_values (PairingsImportDialog *self,
              PairingsField         field,
              gboolean              split)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int column = column_of (self, field);

  for (guint r = 0; column >= 0 && r < self->sample->len; r++)
    {
      g_autofree char *value = g_strstrip (g_strdup (sample_value (self, r, column) ?: ""));
      g_auto(GStrv) parts = NULL;

      if (*value == '\0')
        continue;
      parts = split ? pairings_mapping_split_options (self->mapping, value) : g_strsplit (value, "\x1f", 1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, parts[i]));
          g_hash_table_insert (counts, g_strdup (parts[i]), GUINT_TO_POINTER (n + 1));
        }
    }
  return counts;
}

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_utf8_collate);
}

static void
build_stage_rows (PairingsImportDialog *self)
{
  g_autoptr(GHashTable) counts = count_values (self, PAIRINGS_FIELD_CAREER_STAGE, FALSE);
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  g_autoptr(GList) keys = sorted_keys (counts);
  guint unknown = 0;

  gtk_string_list_append (stages, _("Keep as written"));
  for (guint s = 1; s < PAIRINGS_N_CAREER_STAGES; s++)
    gtk_string_list_append (stages, pairings_career_stage_get_label (s));

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *label = l->data;
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label));
      PairingsCareerStage stage;
      AdwComboRow *row;
      g_autofree char *subtitle = NULL;

      if (pairings_mapping_career_stage (self->mapping, label, &stage))
        continue;

      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application in the first rows",
                                               "%u applications in the first rows", n), n);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (stages));
      g_object_set_data_full (G_OBJECT (row), "label", g_strdup (label), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_stage_selected), self);
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (row));
      g_ptr_array_add (self->value_rows, row);
      unknown++;
    }

  adw_preferences_group_set_description (self->stages_group,
                                         unknown > 0
                                         ? _("Answers that Pairings does not recognise. Choose the stage each one means, or keep it as written.")
                                         : _("Every career stage in the file is recognised."));
}

static void
build_option_rows (PairingsImportDialog *self)
{
  g_autoptr(GHashTable) counts = count_values (self, PAIRINGS_FIELD_MENTORING_TYPES, TRUE);
  g_autoptr(GList) keys = sorted_keys (counts);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count;
      g_autofree char *n = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), l->data);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      count = gtk_label_new (n);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      adw_preferences_group_add (self->options_group, row);
      g_ptr_array_add (self->value_rows, row);
    }
}

static void
build_value_rows (PairingsImportDialog *self)
{
  clear_value_rows (self);
  build_stage_rows (self);
  build_option_rows (self);
}

static void
on_option_apply (AdwEntryRow          *entry,
                 PairingsImportDialog *self)
{
  g_autofree char *option = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*option == '\0')
    return;
  pairings_mapping_add_option (self->mapping, option);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  build_value_rows (self);
}

/* Navigation ---------------------------------------------------------------------- */

static void
update_buttons (PairingsImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean first = g_str_equal (page, "source");
  gboolean last = g_str_equal (page, "report");

  gtk_button_set_label (self->back_button, first ? _("_Cancel") : _("_Back"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !last && !self->running);
  gtk_button_set_label (self->next_button,
                        last ? _("_Done") : g_str_equal (page, "values") ? _("_Import") : _("_Next"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !self->running);
}

static void
show_page (PairingsImportDialog *self,
           const char           *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_buttons (self);
}

static gboolean
check_columns (PairingsImportDialog *self)
{
  int columns[PAIRINGS_N_FIELDS];
  g_autoptr(GError) error = NULL;

  if (pairings_mapping_resolve (self->mapping, (const char * const *) self->headers->pdata,
                                self->file_name, columns, &error))
    return TRUE;
  toast (self, error->message);
  return FALSE;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "columns"))
    show_page (self, "source");
  else if (g_str_equal (page, "values"))
    show_page (self, "columns");
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void start_import (PairingsImportDialog *self);

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "source"))
    show_page (self, "columns");
  else if (g_str_equal (page, "columns"))
    {
      if (check_columns (self))
        {
          build_value_rows (self);
          show_page (self, "values");
        }
    }
  else if (g_str_equal (page, "values"))
    start_import (self);
  else if (g_str_equal (page, "report"))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Presets --------------------------------------------------------------------------- */

static void
preset_loaded (GtkNativeDialog      *dialog,
               int                   response,
               PairingsImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(PairingsMapping) mapping = pairings_mapping_new_from_file (path, &error);

      if (mapping == NULL)
        toast (self, error->message);
      else
        {
          g_set_object (&self->mapping, mapping);
          pairings_mapping_guess (self->mapping, (const char * const *) self->headers->pdata);
          sync_field_rows (self);
          toast (self, _("Preset loaded"));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
preset_saved (GtkNativeDialog      *dialog,
              int                   response,
              PairingsImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!pairings_mapping_save (self->mapping, path, &error))
        toast (self, error->message);
      else
        toast (self, _("Preset saved"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (widget);
  gboolean save = g_str_equal (action_name, "import.save-preset");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (save ? _("Save Preset") : _("Load Preset"), GTK_WINDOW (self),
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Mapping presets"));
  gtk_file_filter_add_pattern (filter, "*.ini");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("mapping.ini"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save ? preset_saved : preset_loaded), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Importing --------------------------------------------------------------------------- */

typedef struct
{
  char                  *database;
  char                  *path;
  PairingsImportOptions  options;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database);
  g_free (job->path);
  g_clear_object (&job->options.mapping);
  g_free (job);
}

typedef struct
{
  GWeakRef dialog;
  double   fraction;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *progress = data;
  g_autoptr(PairingsImportDialog) self = g_weak_ref_get (&progress->dialog);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, progress->fraction);
  g_weak_ref_clear (&progress->dialog);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
report_progress (double   fraction,
                 gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->dialog, g_task_get_source_object (user_data));
  progress->fraction = fraction;
  g_main_context_invoke (NULL, progress_idle, progress);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PairingsImportReport *report = NULL;

  /* Its own connection: the window keeps reading while the file goes in. */
  store = pairings_store_open (job->database, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pairings_store_set_actor (store, g_object_get_data (G_OBJECT (task), "actor"));

  if (!pairings_import_file (store, job->path, &job->options, report_progress, task, cancellable,
                             &report, &error))
    {
      /* A report of a refused file still lists its rows. */
      g_object_set_data_full (G_OBJECT (task), "report", report,
                              (GDestroyNotify) pairings_import_report_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) pairings_import_report_free);
}

static void
add_problem_rows (AdwPreferencesGroup *group,
                  GArray              *problems)
{
  guint shown = MIN (problems->len, 200);

  gtk_widget_set_visible (GTK_WIDGET (group), problems->len > 0);
  for (guint i = 0; i < shown; i++)
    {
      PairingsImportProblem *problem = &g_array_index (problems, PairingsImportProblem, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_group_add (group, row);
    }
  if (problems->len > shown)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more; the command line lists them all."),
                                               problems->len - shown);
      adw_preferences_group_set_description (group, more);
    }
}

static void
show_report (PairingsImportDialog *self,
             const GError         *error)
{
  PairingsImportReport *report = self->report;

  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->report_status, "dialog-error-symbolic");
      adw_status_page_set_title (self->report_status,
                                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                 ? _("Import Stopped") : _("Nothing Was Imported"));
      adw_status_page_set_description (self->report_status,
                                       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                       ? _("The database is as it was before.") : error->message);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Application Imported",
                                                             "%u Applications Imported",
                                                             report->imported + report->updated),
                                                report->imported + report->updated);
      g_autofree char *description =
        g_strdup_printf (_("New: %u · Replaced by a later submission: %u · Unchanged: %u\n"
                           "Returning participants: %u · Rows left out: %u"),
                         report->imported, report->updated, report->unchanged, report->returning,
                         report->skipped->len);

      adw_status_page_set_title (self->report_status, title);
      adw_status_page_set_description (self->report_status, description);
    }

  if (report != NULL)
    {
      add_problem_rows (self->problems_group, report->skipped);
      add_problem_rows (self->notes_group, report->notes);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->notes_group), FALSE);
    }

  show_page (self, "report");
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  self->report = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->report == NULL)
    self->report = g_object_steal_data (G_OBJECT (result), "report");

  show_report (self, error);
  if (error == NULL && self->report->event_id > 0)
    g_signal_emit (self, signals[IMPORTED], 0, self->report->event_id,
                   self->report->imported + self->report->updated);
}

static gint64
chosen_cohort (PairingsImportDialog  *self,
               GError               **error)
{
  g_autoptr(PairingsCohort) cohort = NULL;
  const char *name;
  gint64 programme;

  if (gtk_widget_get_visible (GTK_WIDGET (self->cohort_row)))
    {
      PairingsCohort *selected = adw_combo_row_get_selected_item (self->cohort_row);
      return selected != NULL ? pairings_cohort_get_id (selected) : 0;
    }

  /* An empty database: the programme and its first cohort come with the
   * first import. */
  name = gtk_editable_get_text (GTK_EDITABLE (self->new_cohort_row));
  programme = pairings_store_ensure_programme (self->store, _("Mentoring programme"), error);
  if (programme == 0)
    return 0;
  cohort = pairings_store_add_cohort (self->store, programme, name, NULL, -1, error);
  return cohort != NULL ? pairings_cohort_get_id (cohort) : 0;
}

static void
start_import (PairingsImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;
  gint64 cohort_id;

  if (!check_columns (self))
    return;
  cohort_id = chosen_cohort (self, &error);
  if (cohort_id == 0)
    {
      toast (self, error != NULL ? error->message : _("Choose a cohort"));
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->database = g_strdup (pairings_store_get_path (self->store));
  job->path = g_strdup (self->csv_path);
  job->options.cohort_id = cohort_id;
  job->options.role = adw_combo_row_get_selected (self->role_row) == 1 ? PAIRINGS_ROLE_MENTOR
                                                                      : PAIRINGS_ROLE_MENTEE;
  job->options.mapping = g_object_ref (self->mapping);

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_page (self, "progress");

  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_object_set_data_full (G_OBJECT (task), "actor",
                          g_strdup (pairings_store_get_actor (self->store)), g_free);
  g_task_run_in_thread (task, import_thread);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Nothing half-done: closing while importing stops the import first. */
static gboolean
pairings_import_dialog_close_request (GtkWindow *window)
{
  PairingsImportDialog *self = PAIRINGS_IMPORT_DIALOG (window);

  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pairings_import_dialog_parent_class)->close_request (window);
}

/* GObject ------------------------------------------------------------------------------- */

static void
pairings_import_dialog_dispose (GObject *object)
{
  PairingsImportDialog *self = (PairingsImportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->cohorts);
  g_clear_object (&self->mapping);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pairings_import_dialog_parent_class)->dispose (object);
}

static void
pairings_import_dialog_finalize (GObject *object)
{
  PairingsImportDialog *self = (PairingsImportDialog *)object;

  g_free (self->csv_path);
  g_free (self->file_name);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->sample, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report, pairings_import_report_free);

  G_OBJECT_CLASS (pairings_import_dialog_parent_class)->finalize (object);
}

static void
pairings_import_dialog_class_init (PairingsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pairings_import_dialog_dispose;
  object_class->finalize = pairings_import_dialog_finalize;
  window_class->close_request = pairings_import_dialog_close_request;

  /**
   * PairingsImportDialog::imported:
   * @event_id: the event that undoes the import
   * @count: the applications added or replaced
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pairings-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, cohort_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, new_cohort_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, stages_group);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, option_entry);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, report_status);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, PairingsImportDialog, notes_group);

  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "import.load-preset", NULL, preset_action);
  gtk_widget_class_install_action (widget_class, "import.save-preset", NULL, preset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.back", NULL);
}

static void
pairings_import_dialog_init (PairingsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sample = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->value_rows = g_ptr_array_new ();
  self->mapping = pairings_mapping_new ();
  g_signal_connect (self->option_entry, "apply", G_CALLBACK (on_option_apply), self);
}

PairingsImportDialog *
pairings_import_dialog_new (GtkWindow      *parent,
                            PairingsStore  *store,
                            gint64          cohort_id,
                            const char     *csv_path,
                            GError        **error)
{
  g_autoptr(PairingsImportDialog) self = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  self = g_object_ref_sink (g_object_new (PAIRINGS_TYPE_IMPORT_DIALOG,
                                          "transient-for", parent, NULL));
  self->store = g_object_ref (store);
  self->csv_path = g_strdup (csv_path);
  self->file_name = g_filename_display_basename (csv_path);
  adw_window_title_set_subtitle (self->window_title, self->file_name);

  if (!read_sample (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  pairings_mapping_guess (self->mapping, (const char * const *) self->headers->pdata);
  setup_cohorts (self, cohort_id);
  fill_preview (self);
  build_field_rows (self);
  update_buttons (self);

  return g_steal_pointer (&self);
}

PairingsMapping *
pairings_import_dialog_get_mapping (PairingsImportDialog *self)
{
  g_return_val_if_fail (PAIRINGS_IS_IMPORT_DIALOG (self), NULL);
  return self->mapping;
}

const char *
pairings_import_dialog_get_page (PairingsImportDialog *self)
{
  g_return_val_if_fail (PAIRINGS_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

PairingsImportReport *
pairings_import_dialog_get_report (PairingsImportDialog *self)
{
  g_return_val_if_fail (PAIRINGS_IS_IMPORT_DIALOG (self), NULL);
  return self->report;
}

void
pairings_import_dialog_set_role (PairingsImportDialog *self,
                                 PairingsRole          role)
{
  g_return_if_fail (PAIRINGS_IS_IMPORT_DIALOG (self));
  adw_combo_row_set_selected (self->role_row, role == PAIRINGS_ROLE_MENTOR ? 1 : 0);
}

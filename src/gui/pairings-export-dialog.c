/* pairings-export-dialog.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-export-dialog.h"

struct _PairingsExportDialog
{
  AdwWindow       parent_instance;

  PairingsStore  *store;
  PairingsCohort *cohort;

  AdwWindowTitle *window_title;
  AdwComboRow    *kind_row;
  AdwComboRow    *cohort_row;
  GListModel     *cohorts;
  GtkSwitch      *bom_switch;
  GtkSwitch      *confidential_switch;
  AdwActionRow   *confidential_row;
  GtkLabel       *warning_label;
};

G_DEFINE_FINAL_TYPE (PairingsExportDialog, pairings_export_dialog, ADW_TYPE_WINDOW)

static PairingsExportFlags
chosen_flags (PairingsExportDialog *self)
{
  PairingsExportFlags flags = PAIRINGS_EXPORT_FLAGS_NONE;

  if (gtk_switch_get_active (self->bom_switch))
    flags |= PAIRINGS_EXPORT_BOM;
  if (gtk_switch_get_active (self->confidential_switch) &&
      adw_combo_row_get_selected (self->kind_row) == PAIRINGS_EXPORT_APPLICATIONS)
    flags |= PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL;
  return flags;
}

/* Confidential answers exist only in the applications export, and asking
 * for them shows what that means. */
static void
update_confidential (PairingsExportDialog *self)
{
  gboolean applications = adw_combo_row_get_selected (self->kind_row) == PAIRINGS_EXPORT_APPLICATIONS;

  gtk_widget_set_sensitive (GTK_WIDGET (self->confidential_row), applications);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label),
                          applications && gtk_switch_get_active (self->confidential_switch));
}

static PairingsCohort *
chosen_cohort (PairingsExportDialog *self)
{
  PairingsCohort *cohort = adw_combo_row_get_selected_item (self->cohort_row);

  return cohort != NULL ? cohort : self->cohort;
}

gboolean
pairings_export_dialog_write (PairingsExportDialog  *self,
                              const char            *path,
                              GError               **error)
{
  g_return_val_if_fail (PAIRINGS_IS_EXPORT_DIALOG (self), FALSE);

  return pairings_export_to_file (self->store, adw_combo_row_get_selected (self->kind_row),
                                  pairings_cohort_get_id (chosen_cohort (self)), chosen_flags (self),
                                  path, NULL, error);
}

static void
file_chosen (GtkNativeDialog      *chooser,
             int                   response,
             PairingsExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (path == NULL || !pairings_export_dialog_write (self, path, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Export"),
                                                      error ? error->message : NULL);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

          if (parent != NULL)
            gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", message);
          gtk_window_destroy (GTK_WINDOW (self));
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsExportDialog *self = PAIRINGS_EXPORT_DIALOG (widget);
  PairingsExportKind kind = adw_combo_row_get_selected (self->kind_row);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  /* TRANSLATORS: a file name: the kind of export, then the cohort */
  name = g_strdup_printf (_("%s-%s.csv"), pairings_export_kind_to_string (kind),
                          pairings_cohort_get_name (chosen_cohort (self)));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pairings_export_dialog_dispose (GObject *object)
{
  PairingsExportDialog *self = (PairingsExportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);
  g_clear_object (&self->cohorts);

  G_OBJECT_CLASS (pairings_export_dialog_parent_class)->dispose (object);
}

static void
pairings_export_dialog_class_init (PairingsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pairings-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, cohort_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, confidential_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsExportDialog, warning_label);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pairings_export_dialog_init (PairingsExportDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (PairingsExportKind k = PAIRINGS_EXPORT_APPLICATIONS; k <= PAIRINGS_EXPORT_AGREEMENTS; k++)
    gtk_string_list_append (kinds, pairings_export_kind_get_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (update_confidential), self);
  g_signal_connect_swapped (self->confidential_switch, "notify::active",
                            G_CALLBACK (update_confidential), self);
  update_confidential (self);
}

PairingsExportDialog *
pairings_export_dialog_new (GtkWindow      *parent,
                            PairingsStore  *store,
                            PairingsCohort *cohort)
{
  PairingsExportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);
  g_return_val_if_fail (PAIRINGS_IS_COHORT (cohort), NULL);

  self = g_object_new (PAIRINGS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cohort = g_object_ref (cohort);
  subtitle = g_strdup (pairings_cohort_get_programme_name (cohort));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* The window's cohort first, any other one of the database on request. */
  self->cohorts = pairings_store_list_cohorts (store, NULL);
  if (self->cohorts != NULL)
    {
      adw_combo_row_set_expression (self->cohort_row,
                                    gtk_property_expression_new (PAIRINGS_TYPE_COHORT, NULL, "name"));
      adw_combo_row_set_model (self->cohort_row, self->cohorts);
      for (guint i = 0; i < g_list_model_get_n_items (self->cohorts); i++)
        {
          g_autoptr(PairingsCohort) item = g_list_model_get_item (self->cohorts, i);
          if (pairings_cohort_get_id (item) == pairings_cohort_get_id (cohort))
            adw_combo_row_set_selected (self->cohort_row, i);
        }
    }
  return self;
}

void
pairings_export_dialog_set_options (PairingsExportDialog *self,
                                    PairingsExportKind    kind,
                                    gboolean              bom,
                                    gboolean              confidential)
{
  g_return_if_fail (PAIRINGS_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->kind_row, kind);
  gtk_switch_set_active (self->bom_switch, bom);
  gtk_switch_set_active (self->confidential_switch, confidential);
}

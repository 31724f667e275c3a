/* pairings-report-dialog.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-report-dialog.h"

void
pairings_show_import_report (GtkWidget                *parent,
                             const char               *title,
                             PairingsFormImportReport *report,
                             GError                   *error)
{
  g_autofree char *text = report != NULL ? pairings_form_import_report_to_text (report) : NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *label, *scroller;

  if (error != NULL)
    body = text != NULL ? g_strdup_printf ("%s\n\n%s", error->message, text) : g_strdup (error->message);
  else
    body = g_steal_pointer (&text);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), title, NULL);
  label = gtk_label_new (body);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget         *page;
  char              *what;
  PairingsCsvChosen  chosen;
} CsvChoice;

static void
on_csv_chosen (GtkNativeDialog *dialog,
               int              response,
               CsvChoice       *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        choice->chosen (choice->page, choice->what, path);
    }
  g_object_unref (choice->page);
  g_free (choice->what);
  g_free (choice);
  g_object_unref (dialog);
}

void
pairings_choose_csv_file (GtkWidget         *page,
                          const char        *title,
                          const char        *what,
                          PairingsCsvChosen  chosen)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  CsvChoice *choice = g_new0 (CsvChoice, 1);

  choice->page = g_object_ref (page);
  choice->what = g_strdup (what);
  choice->chosen = chosen;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (page)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_csv_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

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

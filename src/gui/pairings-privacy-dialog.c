/* pairings-privacy-dialog.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Neither operation can be undone, so each question names the person or
 * the cohort and counts what goes, and the destructive answer is never
 * the default one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-cohort.h"
#include "pairings-privacy.h"
#include "pairings-privacy-dialog.h"

typedef struct
{
  GtkWindow     *parent;
  PairingsStore *store;
  char          *email;
  gint64         cohort_id;
  char          *cohort_name;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->parent);
  g_clear_object (&request->store);
  g_free (request->email);
  g_free (request->cohort_name);
  g_free (request);
}

static void
done (GtkWindow  *parent,
      const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.privacy-done", "s", message);
}

/* The list of what goes, one line each. */
static char *
describe (const PairingsPrivacySummary *summary)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• %u application", "• %u applications",
                                             summary->applications),
                          summary->applications);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " in %u cohort\n", " in %u cohorts\n",
                                             summary->cohorts),
                          summary->cohorts);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• %u pair\n", "• %u pairs\n", summary->pairs),
                          summary->pairs);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• %u review\n", "• %u reviews\n",
                                             summary->reviews),
                          summary->reviews);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• %u survey answer\n", "• %u survey answers\n",
                                             summary->evaluations),
                          summary->evaluations);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• %u entry of the history",
                                             "• %u entries of the history", summary->events),
                          summary->events);
  return g_string_free (text, FALSE);
}

static GtkWidget *
ask (GtkWindow  *parent,
     const char *heading,
     const char *body,
     const char *response,
     const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Request          *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!pairings_privacy_delete_person (request->store, request->email, &error))
    done (request->parent, error->message);
  else
    {
      message = g_strdup_printf (_("Deleted every trace of %s"), request->email);
      done (request->parent, message);
    }
}

GtkWidget *
pairings_privacy_dialog_delete_person (GtkWindow     *parent,
                                       PairingsStore *store,
                                       const char    *email)
{
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  Request *request;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  summary = pairings_privacy_describe_person (store, email, &error);
  if (summary == NULL)
    {
      done (parent, error->message);
      return NULL;
    }
  heading = g_strdup_printf (_("Delete %s?"), summary->name);
  list = describe (summary);
  body = g_strdup_printf (_("Every trace of %s <%s> will be deleted, for a data-protection request:\n%s\n"
                            "Their partners stay, without a pair. This cannot be undone."),
                          summary->name, summary->email, list);
  dialog = ask (parent, heading, body, "delete", _("_Delete"));

  request = g_new0 (Request, 1);
  request->parent = g_object_ref (parent);
  request->store = g_object_ref (store);
  request->email = g_strdup (summary->email);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), request,
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  return dialog;
}

static void
on_anonymise_response (AdwMessageDialog *dialog,
                       const char       *response,
                       Request          *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "anonymise"))
    return;
  if (!pairings_privacy_anonymise_cohort (request->store, request->cohort_id, &error))
    done (request->parent, error->message);
  else
    {
      message = g_strdup_printf (_("Anonymised the cohort “%s”"), request->cohort_name);
      done (request->parent, message);
    }
}

GtkWidget *
pairings_privacy_dialog_anonymise_cohort (GtkWindow      *parent,
                                          PairingsStore  *store,
                                          PairingsCohort *cohort)
{
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  Request *request;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PAIRINGS_IS_STORE (store), NULL);

  summary = pairings_privacy_describe_cohort (store, pairings_cohort_get_id (cohort), &error);
  if (summary == NULL)
    {
      done (parent, error->message);
      return NULL;
    }
  heading = g_strdup_printf (_("Anonymise %s?"), pairings_cohort_get_name (cohort));
  list = describe (summary);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The name and e-mail address of %u person will be replaced, and the free text"
                                       " removed, from:\n%s\nRoles, career stages, decisions, pairs and ratings stay. This cannot be undone.",
                                       "The names and e-mail addresses of %u people will be replaced, and the free"
                                       " text removed, from:\n%s\nRoles, career stages, decisions, pairs and ratings stay. This cannot be undone.",
                                       summary->people),
                          summary->people, list);
  dialog = ask (parent, heading, body, "anonymise", _("_Anonymise"));

  request = g_new0 (Request, 1);
  request->parent = g_object_ref (parent);
  request->store = g_object_ref (store);
  request->cohort_id = pairings_cohort_get_id (cohort);
  request->cohort_name = g_strdup (pairings_cohort_get_name (cohort));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_anonymise_response), request,
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  return dialog;
}

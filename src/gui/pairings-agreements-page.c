/* pairings-agreements-page.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The announced pairs of a cohort, one row each (agreement, goals, last
 * check-in, whether the pair needs attention), and beside them the chosen
 * pair: its agreement's terms, goals, check-ins, how it ends, and its
 * timeline. Every change goes through a core follow-up function (saved,
 * with its undo step, before the page shows it). The page folds on a
 * narrow window: the list, then the pair.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pairings-followup.h"
#include "pairings-followup-import.h"
#include "pairings-agreements-page.h"
#include "pairings-report-dialog.h"

struct _PairingsAgreementsPage
{
  GtkWidget         parent_instance;

  PairingsStore    *store;
  PairingsCohort   *cohort;
  char             *today;        /* NULL: the real today */
  GPtrArray        *followups;    /* PairingsFollowUp */
  gint64            selected;
  guint             attention;
  gboolean          syncing;

  GtkWidget        *leaflet;
  GtkLabel         *cycle_label;
  GtkProgressBar   *cycle_bar;
  GtkToggleButton  *filter_button;
  GtkStack         *list_stack;
  GtkListBox       *list;
  GtkStack         *detail_stack;
  GtkWidget        *detail_box;
  GtkLabel         *detail_title;
  GtkLabel         *detail_subtitle;
  GtkWidget        *timeline_group;

  /* The chosen pair's agreement. */
  AdwComboRow      *status_row;
  AdwEntryRow      *sent_row;
  AdwEntryRow      *signed_row;
  AdwComboRow      *frequency_row;
  AdwComboRow      *mode_row;
  AdwEntryRow      *contact_row;
  AdwEntryRow      *expectations_row;
  GtkSwitch        *confidentiality_switch;
  GArray           *frequencies;  /* int days, as frequency_row lists them */
};

G_DEFINE_FINAL_TYPE (PairingsAgreementsPage, pairings_agreements_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_detail (PairingsAgreementsPage *self);
static void refresh_list (PairingsAgreementsPage *self);

/* Helpers --------------------------------------------------------------------- */

static char *
real_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

const char *
pairings_agreements_page_get_today (PairingsAgreementsPage *self)
{
  g_return_val_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self), NULL);

  if (self->today == NULL)
    self->today = real_today ();
  return self->today;
}

/* "12 April 2025" for an ISO date, in the user's language; the ISO text
 * when it is not a date. */
static char *
long_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *midnight = NULL;

  if (iso == NULL)
    return g_strdup ("");
  midnight = g_strconcat (iso, "T00:00:00Z", NULL);
  time = g_date_time_new_from_iso8601 (midnight, NULL);
  if (time == NULL)
    return g_strdup (iso);
  /* TRANSLATORS: a date as strftime() writes it: "12 April 2025" */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static char *
short_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *midnight = NULL;

  if (iso == NULL)
    return g_strdup ("");
  midnight = g_strconcat (iso, "T00:00:00Z", NULL);
  time = g_date_time_new_from_iso8601 (midnight, NULL);
  if (time == NULL)
    return g_strdup (iso);
  /* TRANSLATORS: a short date as strftime() writes it: "12 Apr" */
  return g_date_time_format (time, _("%-d %b"));
}

static GDate *
parse_date (const char *iso)
{
  GDate *date;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  date = g_date_new_dmy (d, m, y);
  return date;
}

static void
changed (PairingsAgreementsPage *self,
         const char             *message)
{
  g_signal_emit (self, signals[CHANGED], 0, message);
}

static void
report (PairingsAgreementsPage *self,
        GError                 *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("The Change Was Not Saved"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static PairingsFollowUp *
find_followup (PairingsAgreementsPage *self,
               gint64                  pair_id)
{
  for (guint i = 0; self->followups != NULL && i < self->followups->len; i++)
    {
      PairingsFollowUp *f = g_ptr_array_index (self->followups, i);

      if (f->pair_id == pair_id)
        return f;
    }
  return NULL;
}

static char *
pair_names (PairingsFollowUp *f)
{
  /* TRANSLATORS: a pair: the mentor's name, then the mentee's */
  return g_strdup_printf (_("%s and %s"), f->mentor_name, f->mentee_name);
}

/* After a change: the list again, and the chosen pair's detail. */
static void
done (PairingsAgreementsPage *self,
      const char             *message,
      gboolean                detail)
{
  refresh_list (self);
  if (detail)
    rebuild_detail (self);
  changed (self, message);
}

/* The cycle ------------------------------------------------------------------ */

static void
update_cycle (PairingsAgreementsPage *self)
{
  const char *start_iso = self->cohort ? pairings_cohort_get_kick_off (self->cohort) : NULL;
  const char *end_iso = self->cohort ? pairings_cohort_get_ends (self->cohort) : NULL;
  g_autoptr(GDate) start = parse_date (start_iso);
  g_autoptr(GDate) end = parse_date (end_iso);
  g_autoptr(GDate) today = parse_date (pairings_agreements_page_get_today (self));
  g_autofree char *text = NULL;
  double fraction = 0;

  if (start == NULL || end == NULL || today == NULL || g_date_compare (start, end) >= 0)
    {
      text = g_strdup (_("Set the kick-off and end dates in the cohort settings to follow the cycle"));
    }
  else if (g_date_compare (today, start) < 0)
    {
      int days = g_date_days_between (today, start);
      g_autofree char *when = long_date (start_iso);

      text = g_strdup_printf (ngettext ("The cycle starts in %d day, on %s", "The cycle starts in %d days, on %s",
                                        days),
                              days, when);
    }
  else if (g_date_compare (today, end) > 0)
    {
      g_autofree char *when = long_date (end_iso);

      text = g_strdup_printf (_("The cycle ended on %s"), when);
      fraction = 1;
    }
  else
    {
      int total = g_date_days_between (start, end);
      int done_days = g_date_days_between (start, today);
      int week = done_days / 7 + 1, weeks = (total + 6) / 7;
      g_autofree char *ends = long_date (end_iso);

      /* TRANSLATORS: the cycle's week: "Week 9 of 35 · ends 12 December 2025" */
      text = g_strdup_printf (_("Week %d of %d · ends %s"), week, MAX (weeks, week), ends);
      fraction = (double) done_days / total;
    }
  gtk_label_set_text (self->cycle_label, text);
  gtk_progress_bar_set_fraction (self->cycle_bar, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_bar), start != NULL && end != NULL);
}

/* The list ------------------------------------------------------------------- */

static GtkWidget *
badge (const char *text,
       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "followup-badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static char *
agreement_line (PairingsFollowUp *f)
{
  GString *line = g_string_new (pairings_agreement_status_get_label (f->agreement.status));

  if (f->agreement.status == PAIRINGS_AGREEMENT_SIGNED && f->agreement.signed_on != NULL)
    {
      g_autofree char *when = short_date (f->agreement.signed_on);
      g_string_append_printf (line, " · %s", when);
    }
  if (f->agreement.frequency_days > 0)
    {
      g_autofree char *frequency = pairings_frequency_get_label (f->agreement.frequency_days);
      g_string_append_printf (line, " · %s", frequency);
    }
  if (f->agreement.mode != PAIRINGS_MEETING_UNSET)
    g_string_append_printf (line, " · %s", pairings_meeting_mode_get_label (f->agreement.mode));
  return g_string_free (line, FALSE);
}

static char *
progress_line (PairingsFollowUp *f)
{
  GString *line = g_string_new (NULL);

  if (f->n_goals == 0)
    g_string_append (line, _("No goals yet"));
  else
    g_string_append_printf (line, ngettext ("%u of %u goal reached", "%u of %u goals reached", f->n_goals),
                            f->n_goals_reached, f->n_goals);
  g_string_append (line, " · ");
  if (f->last_check_in == NULL)
    g_string_append (line, _("no check-in yet"));
  else
    {
      g_autofree char *when = short_date (f->last_check_in);

      /* TRANSLATORS: "last check-in 2 May (on track)" */
      g_string_append_printf (line, _("last check-in %s (%s)"), when,
                              pairings_check_in_status_get_label (f->last_status));
    }
  if (f->outcome != PAIRINGS_OUTCOME_ACTIVE)
    g_string_append_printf (line, " · %s", pairings_outcome_get_label (f->outcome));
  return g_string_free (line, FALSE);
}

static GtkWidget *
followup_row (PairingsAgreementsPage *self,
              PairingsFollowUp       *f)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *names = pair_names (f);
  g_autofree char *agreement = agreement_line (f);
  g_autofree char *progress = progress_line (f);
  g_autofree char *accessible = NULL;
  GtkWidget *title = gtk_label_new (names);
  GtkWidget *label;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  if (f->overdue)
    gtk_box_append (GTK_BOX (top), badge (_("Overdue"), "error"));
  if (f->at_risk)
    gtk_box_append (GTK_BOX (top), badge (_("At risk"), "warning"));
  gtk_box_append (GTK_BOX (box), top);

  label = gtk_label_new (agreement);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (f->agreement.status != PAIRINGS_AGREEMENT_SIGNED)
    gtk_widget_add_css_class (label, "accent");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (progress);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "pair-id", g_memdup2 (&f->pair_id, sizeof f->pair_id), g_free);

  accessible = g_strdup_printf ("%s. %s%s%s. %s", names,
                                f->overdue ? _("Overdue. ") : "", f->at_risk ? _("At risk. ") : "",
                                agreement, progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static gint64
row_pair (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "pair-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
refresh_list (PairingsAgreementsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean only_attention = gtk_toggle_button_get_active (self->filter_button);
  GtkWidget *child;
  guint shown = 0;

  g_clear_pointer (&self->followups, g_ptr_array_unref);
  self->attention = 0;
  if (self->store != NULL && self->cohort != NULL)
    {
      self->followups = pairings_followup_list (self->store, pairings_cohort_get_id (self->cohort),
                                                pairings_agreements_page_get_today (self), &error);
      if (self->followups == NULL)
        report (self, error);
    }

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; self->followups != NULL && i < self->followups->len; i++)
    {
      PairingsFollowUp *f = g_ptr_array_index (self->followups, i);
      gboolean attention = f->overdue || f->at_risk;
      GtkWidget *row;

      self->attention += attention;
      if (only_attention && !attention)
        continue;
      row = followup_row (self, f);
      gtk_list_box_append (self->list, row);
      shown++;
      if (f->pair_id == self->selected)
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
    }
  self->syncing = FALSE;

  {
    g_autofree char *label = g_strdup_printf (_("Needs Attention (%u)"), self->attention);
    gtk_button_set_label (GTK_BUTTON (self->filter_button), label);
  }
  if (self->followups == NULL || self->followups->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "all-well");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  update_cycle (self);
  g_object_notify (G_OBJECT (self), "attention");
}

static void
on_row_selected (GtkListBox             *list,
                 GtkListBoxRow          *row,
                 PairingsAgreementsPage *self)
{
  if (self->syncing || row == NULL)
    return;
  self->selected = row_pair (row);
  rebuild_detail (self);
}

static void
on_row_activated (GtkListBox             *list,
                  GtkListBoxRow          *row,
                  PairingsAgreementsPage *self)
{
  self->selected = row_pair (row);
  rebuild_detail (self);
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The agreement -------------------------------------------------------------- */

static const int standard_frequencies[] = { 0, 7, 14, 21, 30, 42, 60, 90 };

/* The terms as the detail's rows show them. FALSE (with a message on the
 * row) when a date is not one. */
static gboolean
read_terms (PairingsAgreementsPage *self,
            PairingsAgreement      *terms)
{
  const char *sent = gtk_editable_get_text (GTK_EDITABLE (self->sent_row));
  const char *signed_on = gtk_editable_get_text (GTK_EDITABLE (self->signed_row));
  guint frequency = adw_combo_row_get_selected (self->frequency_row);
  gboolean ok = TRUE;

  memset (terms, 0, sizeof *terms);
  terms->status = adw_combo_row_get_selected (self->status_row);
  terms->mode = adw_combo_row_get_selected (self->mode_row);
  terms->frequency_days = frequency < self->frequencies->len ? g_array_index (self->frequencies, int, frequency) : 0;
  terms->contact = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  terms->expectations = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->expectations_row)));
  terms->confidentiality = gtk_switch_get_active (self->confidentiality_switch);
  terms->sent_on = *sent ? g_strdup (sent) : NULL;
  terms->signed_on = *signed_on ? g_strdup (signed_on) : NULL;

  for (guint i = 0; i < 2; i++)
    {
      AdwEntryRow *row = i == 0 ? self->sent_row : self->signed_row;
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      if (*text && !pairings_date_is_valid (text))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          ok = FALSE;
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  return ok;
}

static void
save_terms (PairingsAgreementsPage *self)
{
  g_autoptr(GError) error = NULL;
  PairingsAgreement terms;

  if (self->syncing || self->selected == 0)
    return;
  if (!read_terms (self, &terms))
    {
      pairings_agreement_clear (&terms);
      return;
    }
  /* Signing by both without a date: today's. */
  if (terms.status == PAIRINGS_AGREEMENT_SIGNED && terms.signed_on == NULL)
    {
      terms.signed_on = g_strdup (pairings_agreements_page_get_today (self));
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->signed_row), terms.signed_on);
      self->syncing = FALSE;
    }
  if (terms.status == PAIRINGS_AGREEMENT_SENT && terms.sent_on == NULL)
    {
      terms.sent_on = g_strdup (pairings_agreements_page_get_today (self));
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->sent_row), terms.sent_on);
      self->syncing = FALSE;
    }
  if (!pairings_followup_set_agreement (self->store, self->selected, &terms, &error))
    {
      pairings_agreement_clear (&terms);
      report (self, error);
      rebuild_detail (self);
      return;
    }
  pairings_agreement_clear (&terms);
  done (self, _("Agreement saved"), FALSE);
  /* The timeline follows the agreement's dates. */
  rebuild_detail (self);
}

static void
on_term_changed (PairingsAgreementsPage *self)
{
  save_terms (self);
}

static AdwComboRow *
combo_row (const char  *title,
           const char **labels,
           guint        n)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_object_unref (list);
  return row;
}

static AdwEntryRow *
entry_row (const char *title,
           const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (row, TRUE);
  return row;
}

static GtkWidget *
agreement_group (PairingsAgreementsPage *self,
                 PairingsFollowUp       *f)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *statuses[PAIRINGS_N_AGREEMENT_STATUSES];
  const char *modes[PAIRINGS_N_MEETING_MODES];
  g_autoptr(GPtrArray) frequency_labels = g_ptr_array_new_with_free_func (g_free);
  guint frequency_index = 0;
  GtkWidget *row, *buttons, *button;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Agreement"));
  for (guint i = 0; i < PAIRINGS_N_AGREEMENT_STATUSES; i++)
    statuses[i] = pairings_agreement_status_get_label (i);
  for (guint i = 0; i < PAIRINGS_N_MEETING_MODES; i++)
    modes[i] = i == PAIRINGS_MEETING_UNSET ? _("Not agreed") : pairings_meeting_mode_get_label (i);

  g_array_set_size (self->frequencies, 0);
  for (guint i = 0; i < G_N_ELEMENTS (standard_frequencies); i++)
    g_array_append_val (self->frequencies, standard_frequencies[i]);
  if (f->agreement.frequency_days > 0)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < self->frequencies->len; i++)
        known |= g_array_index (self->frequencies, int, i) == f->agreement.frequency_days;
      if (!known)
        g_array_append_val (self->frequencies, f->agreement.frequency_days);
    }
  for (guint i = 0; i < self->frequencies->len; i++)
    {
      int days = g_array_index (self->frequencies, int, i);

      g_ptr_array_add (frequency_labels, pairings_frequency_get_label (days));
      if (days == f->agreement.frequency_days)
        frequency_index = i;
    }

  self->status_row = combo_row (_("Status"), statuses, PAIRINGS_N_AGREEMENT_STATUSES);
  adw_combo_row_set_selected (self->status_row, f->agreement.status);
  self->sent_row = entry_row (_("Sent on (YYYY-MM-DD)"), f->agreement.sent_on);
  self->signed_row = entry_row (_("Signed by both on (YYYY-MM-DD)"), f->agreement.signed_on);
  self->frequency_row = combo_row (_("Meetings"), (const char **) frequency_labels->pdata, frequency_labels->len);
  adw_combo_row_set_selected (self->frequency_row, frequency_index);
  self->mode_row = combo_row (_("Mode"), modes, PAIRINGS_N_MEETING_MODES);
  adw_combo_row_set_selected (self->mode_row, f->agreement.mode);
  self->contact_row = entry_row (_("Preferred contact"), f->agreement.contact);
  self->expectations_row = entry_row (_("Expectations"), f->agreement.expectations);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Confidentiality acknowledged"));
  self->confidentiality_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->confidentiality_switch, f->agreement.confidentiality);
  gtk_widget_set_valign (GTK_WIDGET (self->confidentiality_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->confidentiality_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->confidentiality_switch));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->sent_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->signed_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->frequency_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->mode_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->contact_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->expectations_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->frequency_row, "notify::selected", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->confidentiality_switch, "notify::active", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->sent_row, "apply", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->signed_row, "apply", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->contact_row, "apply", G_CALLBACK (on_term_changed), self);
  g_signal_connect_swapped (self->expectations_row, "apply", G_CALLBACK (on_term_changed), self);

  /* The text to send for signature. */
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Agreement _Text"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenu) copy = g_menu_new ();
    g_autoptr(GMenu) save = g_menu_new ();
    g_autoptr(GMenuItem) item = NULL;

    for (guint i = 0; i < 2; i++)
      {
        const char *language = i == 0 ? "en" : "fr";

        item = g_menu_item_new (i == 0 ? _("Copy in English") : _("Copy in French"), NULL);
        g_menu_item_set_action_and_target (item, "agreements.copy-text", "(xs)", f->pair_id, language);
        g_menu_append_item (copy, item);
        g_clear_object (&item);
        item = g_menu_item_new (i == 0 ? _("Save in English…") : _("Save in French…"), NULL);
        g_menu_item_set_action_and_target (item, "agreements.save-text", "(xs)", f->pair_id, language);
        g_menu_append_item (save, item);
        g_clear_object (&item);
      }
    g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
    g_menu_append_section (menu, NULL, G_MENU_MODEL (save));
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  }
  gtk_widget_set_tooltip_text (button, _("The agreement filled in with this pair’s names and terms, to send for signature"));
  gtk_box_append (GTK_BOX (buttons), button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  return group;
}

/* Goals ------------------------------------------------------------------------ */

static void
on_goal_status (AdwComboRow            *row,
                GParamSpec             *pspec,
                PairingsAgreementsPage *self)
{
  gint64 *goal = g_object_get_data (G_OBJECT (row), "goal-id");

  if (self->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "agreements.set-goal-status", "(xs)", *goal,
                              pairings_goal_status_to_string (adw_combo_row_get_selected (row)));
}

static void
on_add_goal (AdwEntryRow            *row,
             PairingsAgreementsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  AdwEntryRow *target_row = g_object_get_data (G_OBJECT (row), "target-row");
  const char *target = gtk_editable_get_text (GTK_EDITABLE (target_row));

  if (*text == '\0')
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "agreements.add-goal", "(xss)", self->selected, text, target);
}

static void
on_target_activated (AdwEntryRow            *target,
                     PairingsAgreementsPage *self)
{
  on_add_goal (g_object_get_data (G_OBJECT (target), "add-row"), self);
}

static GtkWidget *
goals_group (PairingsAgreementsPage *self,
             PairingsFollowUp       *f)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = pairings_followup_list_goals (self->store, f->pair_id, &error);
  const char *statuses[PAIRINGS_N_GOAL_STATUSES];
  AdwEntryRow *add, *target;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Goals"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the mentee wants to reach this year"));
  for (guint i = 0; i < PAIRINGS_N_GOAL_STATUSES; i++)
    statuses[i] = pairings_goal_status_get_label (i);
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      PairingsGoal *goal = g_ptr_array_index (goals, i);
      AdwComboRow *row = combo_row (goal->text, statuses, PAIRINGS_N_GOAL_STATUSES);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      if (goal->target_date != NULL)
        {
          g_autofree char *when = long_date (goal->target_date);
          g_autofree char *subtitle = g_strdup_printf (_("By %s"), when);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_combo_row_set_selected (row, goal->status);
      g_object_set_data_full (G_OBJECT (row), "goal-id", g_memdup2 (&goal->id, sizeof goal->id), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_goal_status), self);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this goal"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this goal"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "agreements.remove-goal");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", goal->id);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
    }
  if (goals == NULL)
    report (self, error);

  add = entry_row (_("New goal"), NULL);
  target = entry_row (_("Its target date (YYYY-MM-DD, optional)"), NULL);
  adw_entry_row_set_show_apply_button (target, FALSE);
  g_object_set_data (G_OBJECT (add), "target-row", target);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_goal), self);
  g_object_set_data (G_OBJECT (target), "add-row", add);
  g_signal_connect (target, "entry-activated", G_CALLBACK (on_target_activated), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (add));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (target));
  return group;
}

/* Check-ins ------------------------------------------------------------------- */

static GtkWidget *
check_ins_group (PairingsAgreementsPage *self,
                 PairingsFollowUp       *f)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) check_ins = pairings_followup_list_check_ins (self->store, f->pair_id, &error);
  GtkWidget *record = gtk_button_new_with_mnemonic (_("_Record Check-in…"));
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Check-ins"));
  if (f->due != NULL)
    {
      g_autofree char *when = long_date (f->due);

      description = f->overdue ? g_strdup_printf (_("Overdue: a check-in was due by %s"), when)
                               : g_strdup_printf (_("Next check-in due by %s"), when);
    }
  else if (f->agreement.frequency_days == 0 && f->outcome == PAIRINGS_OUTCOME_ACTIVE)
    description = g_strdup (_("No meeting frequency agreed, so no check-in is due"));
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (record), "agreements.record-check-in");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (record), "x", f->pair_id);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), record);

  for (guint i = 0; check_ins != NULL && i < check_ins->len; i++)
    {
      PairingsCheckIn *c = g_ptr_array_index (check_ins, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *when = long_date (c->date);
      g_autofree char *title = g_strdup_printf ("%s · %s · %s", when, pairings_check_in_status_get_label (c->status),
                                                pairings_reporter_get_label (c->reporter));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (*c->note)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->note);
      if (c->status != PAIRINGS_CHECK_IN_ON_TRACK)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this check-in"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this check-in"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "agreements.remove-check-in");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", c->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (check_ins == NULL)
    report (self, error);
  else if (check_ins->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No check-in recorded yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* The end, and the timeline ---------------------------------------------------- */

static GtkWidget *
end_group (PairingsAgreementsPage *self,
           PairingsFollowUp       *f)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("End of the Pair"));
  if (f->outcome == PAIRINGS_OUTCOME_ENDED_EARLY && *f->end_reason)
    description = g_strdup_printf (_("Ended early: %s"), f->end_reason);
  else
    description = g_strdup (pairings_outcome_get_label (f->outcome));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  if (f->outcome == PAIRINGS_OUTCOME_ACTIVE)
    {
      button = gtk_button_new_with_mnemonic (_("_Completed"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agreements.end");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xss)", f->pair_id, "completed", "");
      gtk_widget_set_tooltip_text (button, _("The pair went through the cycle"));
      gtk_box_append (GTK_BOX (box), button);
      button = gtk_button_new_with_mnemonic (_("_Ended Early…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agreements.end-early");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", f->pair_id);
      gtk_box_append (GTK_BOX (box), button);
      button = gtk_button_new_with_mnemonic (_("Continues _Next Cohort"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agreements.continue");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", f->pair_id);
      gtk_widget_set_tooltip_text (button, _("Both people return, and the pair is proposed, pinned, in the next cohort"));
      gtk_box_append (GTK_BOX (box), button);
    }
  else if (f->outcome != PAIRINGS_OUTCOME_CONTINUES)
    {
      button = gtk_button_new_with_mnemonic (_("_Reopen"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agreements.end");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xss)", f->pair_id, "active", "");
      gtk_widget_set_tooltip_text (button, _("The pair is active again"));
      gtk_box_append (GTK_BOX (box), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

static GtkWidget *
timeline_group (PairingsAgreementsPage *self,
                PairingsFollowUp       *f)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pairings_followup_timeline (self->store, f->pair_id, &error);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Timeline"));
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      PairingsTimelineEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = long_date (entry->date);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (entries == NULL)
    report (self, error);
  return group;
}

/* The detail ------------------------------------------------------------------- */

static void
rebuild_detail (PairingsAgreementsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsFollowUp) f = NULL;
  GtkWidget *child;
  g_autofree char *names = NULL;
  g_autofree char *emails = NULL;

  while ((child = gtk_widget_get_first_child (self->detail_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->detail_box), child);
  self->status_row = NULL;

  if (self->selected != 0 && find_followup (self, self->selected) != NULL)
    f = pairings_followup_get (self->store, self->selected, pairings_agreements_page_get_today (self), &error);
  if (f == NULL)
    {
      self->selected = 0;
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  self->syncing = TRUE;
  names = pair_names (f);
  /* TRANSLATORS: the pair's e-mail addresses, mentor's then mentee's */
  emails = g_strdup_printf (_("%s · %s"), f->mentor_email, f->mentee_email);
  gtk_label_set_text (self->detail_title, names);
  gtk_label_set_text (self->detail_subtitle, emails);
  gtk_box_append (GTK_BOX (self->detail_box), agreement_group (self, f));
  gtk_box_append (GTK_BOX (self->detail_box), check_ins_group (self, f));
  gtk_box_append (GTK_BOX (self->detail_box), goals_group (self, f));
  gtk_box_append (GTK_BOX (self->detail_box), end_group (self, f));
  self->timeline_group = timeline_group (self, f);
  gtk_box_append (GTK_BOX (self->detail_box), self->timeline_group);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  self->syncing = FALSE;
}

/* Actions -------------------------------------------------------------------- */

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);

  self->selected = g_variant_get_int64 (parameter);
  refresh_list (self);
  rebuild_detail (self);
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);

  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  PairingsAgreement terms = { 0, };
  PairingsAgreementStatus status;
  const char *name;
  gint64 pair;

  g_variant_get (parameter, "(x&s)", &pair, &name);
  if (!pairings_agreement_status_from_string (name, &status))
    return;
  if (!pairings_followup_get_agreement (self->store, pair, &terms, &error))
    {
      report (self, error);
      return;
    }
  terms.status = status;
  if (status == PAIRINGS_AGREEMENT_SIGNED && terms.signed_on == NULL)
    terms.signed_on = g_strdup (pairings_agreements_page_get_today (self));
  if (status >= PAIRINGS_AGREEMENT_SENT && terms.sent_on == NULL)
    terms.sent_on = g_strdup (pairings_agreements_page_get_today (self));
  if (!pairings_followup_set_agreement (self->store, pair, &terms, &error))
    report (self, error);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Agreement: %s"), pairings_agreement_status_get_label (status));
      done (self, message, TRUE);
    }
  pairings_agreement_clear (&terms);
}

static void
add_check_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *date, *reporter_name, *status_name, *note;
  PairingsReporter reporter;
  PairingsCheckInStatus status;
  gint64 pair;

  g_variant_get (parameter, "(x&s&s&s&s)", &pair, &date, &reporter_name, &status_name, &note);
  if (!pairings_reporter_from_string (reporter_name, &reporter) ||
      !pairings_check_in_status_from_string (status_name, &status))
    return;
  if (pairings_followup_add_check_in (self->store, pair, date, reporter, status, note,
                                      pairings_agreements_page_get_today (self), &error) == 0)
    report (self, error);
  else
    done (self, _("Check-in recorded"), TRUE);
}

typedef struct
{
  PairingsAgreementsPage *page;
  gint64                  pair;
  GtkEditable            *date;
  AdwComboRow            *reporter;
  AdwComboRow            *status;
  GtkEditable            *note;
} CheckInForm;

static void
on_check_in_response (AdwMessageDialog *dialog,
                      const char       *response,
                      CheckInForm      *form)
{
  if (g_str_equal (response, "record"))
    gtk_widget_activate_action (GTK_WIDGET (form->page), "agreements.add-check-in", "(xssss)", form->pair,
                                gtk_editable_get_text (form->date),
                                pairings_reporter_to_string (adw_combo_row_get_selected (form->reporter)),
                                pairings_check_in_status_to_string (adw_combo_row_get_selected (form->status)),
                                gtk_editable_get_text (form->note));
}

static void
check_in_form_free (gpointer  data,
                    GClosure *closure)
{
  CheckInForm *form = data;

  g_object_unref (form->page);
  g_free (form);
}

static void
record_check_in_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  PairingsFollowUp *f = find_followup (self, g_variant_get_int64 (parameter));
  CheckInForm *form;
  GtkWidget *dialog, *list;
  const char *reporters[PAIRINGS_N_REPORTERS], *statuses[PAIRINGS_N_CHECK_IN_STATUSES];
  g_autofree char *names = NULL;
  AdwEntryRow *date, *note;

  if (f == NULL)
    return;
  names = pair_names (f);
  for (guint i = 0; i < PAIRINGS_N_REPORTERS; i++)
    reporters[i] = pairings_reporter_get_label (i);
  for (guint i = 0; i < PAIRINGS_N_CHECK_IN_STATUSES; i++)
    statuses[i] = pairings_check_in_status_get_label (i);

  form = g_new0 (CheckInForm, 1);
  form->page = g_object_ref (self);
  form->pair = f->pair_id;
  date = entry_row (_("Date (YYYY-MM-DD)"), pairings_agreements_page_get_today (self));
  adw_entry_row_set_show_apply_button (date, FALSE);
  note = entry_row (_("Note"), NULL);
  adw_entry_row_set_show_apply_button (note, FALSE);
  form->date = GTK_EDITABLE (date);
  form->note = GTK_EDITABLE (note);
  form->reporter = combo_row (_("Reported by"), reporters, PAIRINGS_N_REPORTERS);
  adw_combo_row_set_selected (form->reporter, PAIRINGS_REPORTER_COMMITTEE);
  form->status = combo_row (_("How it is going"), statuses, PAIRINGS_N_CHECK_IN_STATUSES);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (date));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->reporter));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->status));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (note));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Record a Check-in"), names);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_check_in_response), form, check_in_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_check_in_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!pairings_followup_remove_check_in (self->store, g_variant_get_int64 (parameter), &error))
    report (self, error);
  else
    done (self, _("Check-in removed"), TRUE);
}

static void
add_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *text, *target;
  gint64 pair;

  g_variant_get (parameter, "(x&s&s)", &pair, &text, &target);
  if (pairings_followup_add_goal (self->store, pair, text, *target ? target : NULL, &error) == 0)
    report (self, error);
  else
    done (self, _("Goal added"), TRUE);
}

static void
set_goal_status_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  PairingsGoalStatus status;
  const char *name;
  gint64 goal_id;

  g_variant_get (parameter, "(x&s)", &goal_id, &name);
  if (!pairings_goal_status_from_string (name, &status))
    return;
  goals = pairings_followup_list_goals (self->store, self->selected, NULL);
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      PairingsGoal *goal = g_ptr_array_index (goals, i);

      if (goal->id != goal_id)
        continue;
      if (!pairings_followup_update_goal (self->store, goal_id, goal->text, goal->target_date, status, &error))
        report (self, error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Goal: %s"), pairings_goal_status_get_label (status));
          /* The row shows the status already: the detail stays as it is,
           * so the keyboard focus does too. */
          refresh_list (self);
          changed (self, message);
        }
      return;
    }
}

static void
remove_goal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!pairings_followup_remove_goal (self->store, g_variant_get_int64 (parameter), &error))
    report (self, error);
  else
    done (self, _("Goal removed"), TRUE);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *reason;
  PairingsOutcome outcome;
  gint64 pair;

  g_variant_get (parameter, "(x&s&s)", &pair, &name, &reason);
  if (!pairings_outcome_from_string (name, &outcome))
    return;
  if (!pairings_followup_end (self->store, pair, outcome, reason, &error))
    report (self, error);
  else
    done (self, pairings_outcome_get_label (outcome), TRUE);
}

typedef struct
{
  PairingsAgreementsPage *page;
  gint64                  pair;
  GtkEditable            *reason;
} EndForm;

static void
on_end_response (AdwMessageDialog *dialog,
                 const char       *response,
                 EndForm          *form)
{
  if (g_str_equal (response, "end"))
    gtk_widget_activate_action (GTK_WIDGET (form->page), "agreements.end", "(xss)", form->pair, "ended_early",
                                gtk_editable_get_text (form->reason));
}

static void
end_form_free (gpointer  data,
               GClosure *closure)
{
  EndForm *form = data;

  g_object_unref (form->page);
  g_free (form);
}

static void
on_reason_changed (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "end", *text != '\0');
}

static void
end_early_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  PairingsFollowUp *f = find_followup (self, g_variant_get_int64 (parameter));
  g_autofree char *names = NULL;
  EndForm *form;
  GtkWidget *dialog, *entry;

  if (f == NULL)
    return;
  names = pair_names (f);
  form = g_new0 (EndForm, 1);
  form->page = g_object_ref (self);
  form->pair = f->pair_id;
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: the mentee changed jobs"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  form->reason = GTK_EDITABLE (entry);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("End the Pair Early?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Why did %s stop before the end of the cycle? The reason stays with the pair, for the committee."),
                                  names);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "end", _("_End Early"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "end", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "end");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_end_response), form, end_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (pairings_followup_continue (self->store, g_variant_get_int64 (parameter), &error) == 0)
    report (self, error);
  else
    done (self, _("The pair continues: it is proposed, pinned, in the next cohort"), TRUE);
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *language;
  gint64 pair;

  g_variant_get (parameter, "(x&s)", &pair, &language);
  text = pairings_followup_agreement_text (self->store, pair, language, &error);
  if (text == NULL)
    {
      report (self, error);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_widget_activate_action (widget, "win.show-toast", "s", _("Agreement text copied"));
}

typedef struct
{
  PairingsAgreementsPage *page;
  char                   *text;
} SaveText;

static void
on_save_text_response (GtkNativeDialog *dialog,
                       int              response,
                       SaveText        *save)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      /* The agreement names people: readable by the owner only. */
      if (!g_file_replace_contents (file, save->text, strlen (save->text), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        report (save->page, error);
      else
        gtk_widget_activate_action (GTK_WIDGET (save->page), "win.show-toast", "s", _("Agreement text saved"));
    }
  g_object_unref (save->page);
  g_free (save->text);
  g_free (save);
  g_object_unref (dialog);
}

static void
save_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  PairingsFollowUp *f;
  GtkFileChooserNative *chooser;
  SaveText *save;
  const char *language;
  gint64 pair;

  g_variant_get (parameter, "(x&s)", &pair, &language);
  f = find_followup (self, pair);
  save = g_new0 (SaveText, 1);
  save->text = pairings_followup_agreement_text (self->store, pair, language, &error);
  if (save->text == NULL || f == NULL)
    {
      if (error != NULL)
        report (self, error);
      g_free (save->text);
      g_free (save);
      return;
    }
  save->page = g_object_ref (self);
  chooser = gtk_file_chooser_native_new (_("Save the Agreement"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  {
    /* TRANSLATORS: the file name offered for a pair's agreement */
    g_autofree char *name = g_strdup_printf (_("Agreement %s and %s.txt"), f->mentor_name, f->mentee_name);
    g_strdelimit (name, "/\\", '-');
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_text_response), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  PairingsAgreementsPage *page;
  gint64                  programme;
  char                   *language;
  GtkTextBuffer          *buffer;
} TemplateForm;

static void
on_template_response (AdwMessageDialog *dialog,
                      const char       *response,
                      TemplateForm     *form)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") || g_str_equal (response, "reset"))
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (form->buffer, &start, &end);
      text = g_str_equal (response, "save") ? gtk_text_buffer_get_text (form->buffer, &start, &end, FALSE) : NULL;
      if (!pairings_followup_set_template (form->page->store, form->programme, form->language, text, &error))
        report (form->page, error);
      else
        gtk_widget_activate_action (GTK_WIDGET (form->page), "win.show-toast", "s",
                                    text != NULL ? _("Agreement template saved") : _("Agreement template reset"));
    }
}

static void
template_form_free (gpointer  data,
                    GClosure *closure)
{
  TemplateForm *form = data;

  g_object_unref (form->page);
  g_free (form->language);
  g_free (form);
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  const char *language = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TemplateForm *form;
  GtkWidget *dialog, *scroller, *view;

  if (self->store == NULL || self->cohort == NULL)
    return;
  text = pairings_followup_get_template (self->store, pairings_cohort_get_programme_id (self->cohort), language, &error);
  if (text == NULL)
    {
      report (self, error);
      return;
    }
  form = g_new0 (TemplateForm, 1);
  form->page = g_object_ref (self);
  form->programme = pairings_cohort_get_programme_id (self->cohort);
  form->language = g_strdup (language);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agreement template"), -1);
  form->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (form->buffer, text, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_widget_add_css_class (scroller, "card");

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   g_str_equal (language, "fr") ? _("Agreement Template in French")
                                                                : _("Agreement Template in English"),
                                   _("For every pair of the programme. {mentor}, {mentee}, {mentor_email}, "
                                     "{mentee_email}, {programme}, {cohort}, {frequency}, {mode}, {contact}, "
                                     "{expectations}, {start} and {end} are filled in."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "reset", _("_Built-in Text"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_template_response), form, template_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Imports -------------------------------------------------------------------- */

/* Imports @path now: a survey's export holds a row per person, so it takes
 * milliseconds; the report says what was applied and what was skipped,
 * line by line. */
static void
import_file (PairingsAgreementsPage     *self,
             PairingsFollowUpImportKind  kind,
             const char                 *path)
{
  g_autoptr(GError) error = NULL;
  PairingsFollowUpImportReport *report = NULL;
  gboolean agreements = kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS;

  if (self->store == NULL || self->cohort == NULL)
    return;
  if (!pairings_followup_import (self->store, pairings_cohort_get_id (self->cohort), kind, path,
                                 PAIRINGS_FOLLOWUP_IMPORT_FLAGS_NONE, pairings_agreements_page_get_today (self),
                                 NULL, &report, &error))
    {
      pairings_show_import_report (GTK_WIDGET (self),
                                   agreements ? _("Agreement Statuses Not Imported") : _("Check-ins Not Imported"),
                                   report, error);
      g_clear_pointer (&report, pairings_followup_import_report_free);
      return;
    }
  if (report->skipped->len > 0 || report->applied == 0)
    pairings_show_import_report (GTK_WIDGET (self),
                                 agreements ? _("Agreement Statuses Imported") : _("Check-ins Imported"), report, NULL);
  if (report->event_id != 0)
    {
      g_autofree char *message = agreements
        ? g_strdup_printf (ngettext ("%u agreement updated", "%u agreements updated", report->applied), report->applied)
        : g_strdup_printf (ngettext ("%u check-in imported", "%u check-ins imported", report->applied), report->applied);
      done (self, message, TRUE);
    }
  pairings_followup_import_report_free (report);
}

static void
on_csv_chosen (GtkWidget  *page,
               const char *kind,
               const char *path)
{
  pairings_agreements_page_import (PAIRINGS_AGREEMENTS_PAGE (page), kind, path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);

  if (self->store == NULL || self->cohort == NULL)
    return;
  pairings_choose_csv_file (widget, g_str_equal (kind, "agreements") ? _("Import Agreement Statuses")
                                                                     : _("Import Check-ins"),
                            kind, on_csv_chosen);
}

/* Public ------------------------------------------------------------------------ */

void
pairings_agreements_page_import (PairingsAgreementsPage *self,
                                 const char             *kind,
                                 const char             *path)
{
  g_return_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self));

  import_file (self, g_str_equal (kind, "agreements") ? PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS
                                                      : PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, path);
}


void
pairings_agreements_page_reload (PairingsAgreementsPage *self)
{
  g_return_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self));

  refresh_list (self);
  rebuild_detail (self);
}

void
pairings_agreements_page_show (PairingsAgreementsPage *self,
                               PairingsStore          *store,
                               PairingsCohort         *cohort)
{
  g_return_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self));

  if (self->store != store ||
      (self->cohort != NULL && cohort != NULL && pairings_cohort_get_id (self->cohort) != pairings_cohort_get_id (cohort)))
    self->selected = 0;
  g_set_object (&self->store, store);
  g_set_object (&self->cohort, cohort);
  pairings_agreements_page_reload (self);
}

void
pairings_agreements_page_set_today (PairingsAgreementsPage *self,
                                    const char             *today)
{
  g_return_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  pairings_agreements_page_reload (self);
}

guint
pairings_agreements_page_get_attention (PairingsAgreementsPage *self)
{
  g_return_val_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self), 0);

  return self->attention;
}

gint64
pairings_agreements_page_get_selected (PairingsAgreementsPage *self)
{
  g_return_val_if_fail (PAIRINGS_IS_AGREEMENTS_PAGE (self), 0);

  return self->selected;
}

/* GObject -------------------------------------------------------------------------- */

enum {
  PROP_0,
  PROP_ATTENTION,
  N_PROPS
};

static void
pairings_agreements_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTENTION:
      g_value_set_uint (value, self->attention);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pairings_agreements_page_dispose (GObject *object)
{
  PairingsAgreementsPage *self = PAIRINGS_AGREEMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_AGREEMENTS_PAGE);
  g_clear_pointer (&self->followups, g_ptr_array_unref);
  g_clear_pointer (&self->frequencies, g_array_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (pairings_agreements_page_parent_class)->dispose (object);
}

static void
pairings_agreements_page_class_init (PairingsAgreementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_agreements_page_dispose;
  object_class->get_property = pairings_agreements_page_get_property;

  /**
   * PairingsAgreementsPage:attention:
   * How many pairs are overdue or at risk.
   */
  g_object_class_install_property (object_class, PROP_ATTENTION,
                                   g_param_spec_uint ("attention", NULL, NULL, 0, G_MAXUINT, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * PairingsAgreementsPage::changed:
   * @message: what was done, for a toast that offers to undo it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pairings-agreements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, cycle_label);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, cycle_bar);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, list);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PairingsAgreementsPage, detail_subtitle);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, refresh_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "agreements.select", "x", select_action);
  gtk_widget_class_install_action (widget_class, "agreements.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "agreements.set-status", "(xs)", set_status_action);
  gtk_widget_class_install_action (widget_class, "agreements.add-check-in", "(xssss)", add_check_in_action);
  gtk_widget_class_install_action (widget_class, "agreements.record-check-in", "x", record_check_in_action);
  gtk_widget_class_install_action (widget_class, "agreements.remove-check-in", "x", remove_check_in_action);
  gtk_widget_class_install_action (widget_class, "agreements.add-goal", "(xss)", add_goal_action);
  gtk_widget_class_install_action (widget_class, "agreements.set-goal-status", "(xs)", set_goal_status_action);
  gtk_widget_class_install_action (widget_class, "agreements.remove-goal", "x", remove_goal_action);
  gtk_widget_class_install_action (widget_class, "agreements.end", "(xss)", end_action);
  gtk_widget_class_install_action (widget_class, "agreements.end-early", "x", end_early_action);
  gtk_widget_class_install_action (widget_class, "agreements.continue", "x", continue_action);
  gtk_widget_class_install_action (widget_class, "agreements.copy-text", "(xs)", copy_text_action);
  gtk_widget_class_install_action (widget_class, "agreements.save-text", "(xs)", save_text_action);
  gtk_widget_class_install_action (widget_class, "agreements.edit-template", "s", edit_template_action);
  gtk_widget_class_install_action (widget_class, "agreements.import", "s", import_action);
}

static void
pairings_agreements_page_init (PairingsAgreementsPage *self)
{
  self->frequencies = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_init_template (GTK_WIDGET (self));
}

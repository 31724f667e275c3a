/* pairings-cohort-settings.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is written at once, like the rest of Pairings: there is no
 * Apply button to forget before the committee meeting.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-cohort-settings.h"
#include "pairings-followup.h"

struct _PairingsCohortSettings
{
  AdwPreferencesWindow  parent_instance;

  PairingsStore        *store;
  PairingsCohort       *cohort;
  PairingsMatchSettings settings;
  GtkSpinButton        *weight_spins[PAIRINGS_N_CRITERIA];
  gboolean              syncing;

  AdwPreferencesGroup  *weights_group;
  AdwComboRow          *institution_row;
  GtkSwitch            *experiment_switch;
  GtkSwitch            *senior_switch;
  GtkSwitch            *exclusions_switch;
  GtkSwitch            *capacity_switch;
  AdwComboRow          *mode_row;
  AdwActionRow         *threshold_row;
  GtkSpinButton        *threshold_spin;

  /* The cycle: dates, pair limit, follow-up rules. */
  AdwEntryRow          *date_rows[5];
  GtkSpinButton        *limit_spin;
  GtkSpinButton        *grace_spin;
  GtkSpinButton        *unsigned_spin;
  PairingsFollowUpSettings followup;
};

G_DEFINE_FINAL_TYPE (PairingsCohortSettings, pairings_cohort_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void
save (PairingsCohortSettings *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;

  for (guint c = 0; c < PAIRINGS_N_CRITERIA; c++)
    self->settings.weights[c] = gtk_spin_button_get_value_as_int (self->weight_spins[c]);
  self->settings.institution = adw_combo_row_get_selected (self->institution_row);
  self->settings.experiment_differ = gtk_switch_get_active (self->experiment_switch);
  self->settings.mentor_more_senior = gtk_switch_get_active (self->senior_switch);
  self->settings.exclusions = gtk_switch_get_active (self->exclusions_switch);
  self->settings.capacity = gtk_switch_get_active (self->capacity_switch);
  self->settings.mode = adw_combo_row_get_selected (self->mode_row);
  self->settings.threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_row), self->settings.mode == PAIRINGS_MODE_THRESHOLD);

  if (!pairings_match_settings_save (self->store, pairings_cohort_get_id (self->cohort),
                                     &self->settings, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
sync_widgets (PairingsCohortSettings *self)
{
  self->syncing = TRUE;
  for (guint c = 0; c < PAIRINGS_N_CRITERIA; c++)
    gtk_spin_button_set_value (self->weight_spins[c], self->settings.weights[c]);
  adw_combo_row_set_selected (self->institution_row, self->settings.institution);
  gtk_switch_set_active (self->experiment_switch, self->settings.experiment_differ);
  gtk_switch_set_active (self->senior_switch, self->settings.mentor_more_senior);
  gtk_switch_set_active (self->exclusions_switch, self->settings.exclusions);
  gtk_switch_set_active (self->capacity_switch, self->settings.capacity);
  adw_combo_row_set_selected (self->mode_row, self->settings.mode);
  gtk_spin_button_set_value (self->threshold_spin, self->settings.threshold);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_row), self->settings.mode == PAIRINGS_MODE_THRESHOLD);
  self->syncing = FALSE;
}

static void
build_weight_rows (PairingsCohortSettings *self)
{
  for (guint c = 0; c < PAIRINGS_N_CRITERIA; c++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 10, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pairings_criterion_get_label (c));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pairings_criterion_get_label (c), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->weights_group, row);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (save), self);
      self->weight_spins[c] = GTK_SPIN_BUTTON (spin);
    }
}

/* The cycle ---------------------------------------------------------------------- */

static void
save_cycle (PairingsCohortSettings *self)
{
  g_autoptr(GError) error = NULL;
  const char *texts[5];
  PairingsCohortDates dates;
  int limit;

  if (self->syncing)
    return;
  for (guint i = 0; i < 5; i++)
    {
      texts[i] = gtk_editable_get_text (GTK_EDITABLE (self->date_rows[i]));
      if (*texts[i] == '\0')
        texts[i] = NULL;
    }
  dates.call_opens = texts[0];
  dates.deadline = texts[1];
  dates.announcement = texts[2];
  dates.kick_off = texts[3];
  dates.ends = texts[4];
  limit = gtk_spin_button_get_value_as_int (self->limit_spin);
  self->followup.grace_days = gtk_spin_button_get_value_as_int (self->grace_spin);
  self->followup.unsigned_days = gtk_spin_button_get_value_as_int (self->unsigned_spin);
  if (!pairings_followup_set_cohort_dates (self->store, pairings_cohort_get_id (self->cohort), &dates,
                                           limit > 0 ? limit : -1, &error) ||
      !pairings_followup_settings_save (self->store, pairings_cohort_get_id (self->cohort), &self->followup, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Cycle saved")));
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               max,
          double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_cycle_page (PairingsCohortSettings *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *dates = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *pairs = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *followup = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *titles[5] = {
    _("Call opens"), _("Application deadline"), _("Announcement"), _("Kick-off"), _("End of the cycle"),
  };
  const char *values[5] = {
    pairings_cohort_get_call_opens (self->cohort), pairings_cohort_get_deadline (self->cohort),
    pairings_cohort_get_announcement (self->cohort), pairings_cohort_get_kick_off (self->cohort),
    pairings_cohort_get_ends (self->cohort),
  };
  int limit = pairings_cohort_get_pair_limit (self->cohort);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Cycle"));
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "cycle");
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-calendar-symbolic");

  adw_preferences_group_set_title (dates, _("Dates"));
  adw_preferences_group_set_description (dates, _("As YYYY-MM-DD, each on or after the one before. The kick-off "
                                                  "and the end frame the cycle that check-ins follow."));
  for (guint i = 0; i < 5; i++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      gtk_editable_set_text (GTK_EDITABLE (row), values[i] != NULL ? values[i] : "");
      adw_entry_row_set_show_apply_button (row, TRUE);
      g_signal_connect_swapped (row, "apply", G_CALLBACK (save_cycle), self);
      adw_preferences_group_add (dates, GTK_WIDGET (row));
      self->date_rows[i] = row;
    }

  adw_preferences_group_set_title (pairs, _("Pairs"));
  self->limit_spin = spin_row (pairs, _("Pair limit"), _("How many pairs the programme can take; 0: no limit"),
                               100000, limit > 0 ? limit : 0);
  adw_preferences_group_set_title (followup, _("Follow-up"));
  self->grace_spin = spin_row (followup, _("Grace period, in days"),
                               _("Added to the agreed meeting frequency before a pair is overdue for a check-in"),
                               90, self->followup.grace_days);
  self->unsigned_spin = spin_row (followup, _("Days to sign the agreement"),
                                  _("After the announcement; a pair whose agreement is not signed by both by then is at risk"),
                                  180, self->followup.unsigned_days);
  g_signal_connect_swapped (self->limit_spin, "value-changed", G_CALLBACK (save_cycle), self);
  g_signal_connect_swapped (self->grace_spin, "value-changed", G_CALLBACK (save_cycle), self);
  g_signal_connect_swapped (self->unsigned_spin, "value-changed", G_CALLBACK (save_cycle), self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), dates);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), pairs);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), followup);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

static void
pairings_cohort_settings_dispose (GObject *object)
{
  PairingsCohortSettings *self = (PairingsCohortSettings *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_COHORT_SETTINGS);
  g_clear_object (&self->store);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (pairings_cohort_settings_parent_class)->dispose (object);
}

static void
pairings_cohort_settings_class_init (PairingsCohortSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_cohort_settings_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pairings-cohort-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, weights_group);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, institution_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, experiment_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, senior_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, exclusions_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, capacity_switch);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, PairingsCohortSettings, threshold_spin);
}

static void
pairings_cohort_settings_init (PairingsCohortSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_weight_rows (self);

  g_signal_connect_swapped (self->institution_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->experiment_switch, "notify::active", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->senior_switch, "notify::active", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->exclusions_switch, "notify::active", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->capacity_switch, "notify::active", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->threshold_spin, "value-changed", G_CALLBACK (save), self);
}

PairingsCohortSettings *
pairings_cohort_settings_new (GtkWindow       *parent,
                              PairingsStore   *store,
                              PairingsCohort  *cohort,
                              GError         **error)
{
  PairingsCohortSettings *self;
  PairingsMatchSettings settings;
  g_autofree char *title = NULL;

  PairingsFollowUpSettings followup;

  if (!pairings_match_settings_load (store, pairings_cohort_get_id (cohort), &settings, error) ||
      !pairings_followup_settings_load (store, pairings_cohort_get_id (cohort), &followup, error))
    return NULL;

  self = g_object_new (PAIRINGS_TYPE_COHORT_SETTINGS, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cohort = g_object_ref (cohort);
  self->settings = settings;
  self->followup = followup;
  /* TRANSLATORS: the title of the settings window; %s is a cohort name */
  title = g_strdup_printf (_("Settings of Cohort %s"), pairings_cohort_get_name (cohort));
  gtk_window_set_title (GTK_WINDOW (self), title);
  sync_widgets (self);
  self->syncing = TRUE;
  build_cycle_page (self);
  self->syncing = FALSE;
  return self;
}

void
pairings_cohort_settings_set (PairingsCohortSettings      *self,
                              const PairingsMatchSettings *settings)
{
  g_return_if_fail (PAIRINGS_IS_COHORT_SETTINGS (self));

  /* Through the widgets, each change saved as when the user makes it. */
  for (guint c = 0; c < PAIRINGS_N_CRITERIA; c++)
    gtk_spin_button_set_value (self->weight_spins[c], settings->weights[c]);
  adw_combo_row_set_selected (self->institution_row, settings->institution);
  gtk_switch_set_active (self->experiment_switch, settings->experiment_differ);
  gtk_switch_set_active (self->senior_switch, settings->mentor_more_senior);
  gtk_switch_set_active (self->exclusions_switch, settings->exclusions);
  gtk_switch_set_active (self->capacity_switch, settings->capacity);
  adw_combo_row_set_selected (self->mode_row, settings->mode);
  gtk_spin_button_set_value (self->threshold_spin, settings->threshold);
}

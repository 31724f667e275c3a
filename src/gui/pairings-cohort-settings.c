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

  if (!pairings_match_settings_load (store, pairings_cohort_get_id (cohort), &settings, error))
    return NULL;

  self = g_object_new (PAIRINGS_TYPE_COHORT_SETTINGS, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cohort = g_object_ref (cohort);
  self->settings = settings;
  /* TRANSLATORS: the title of the settings window; %s is a cohort name */
  title = g_strdup_printf (_("Settings of Cohort %s"), pairings_cohort_get_name (cohort));
  gtk_window_set_title (GTK_WINDOW (self), title);
  sync_widgets (self);
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

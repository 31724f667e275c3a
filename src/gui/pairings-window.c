/* pairings-window.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pairings-applications-page.h"
#include "pairings-agreements-page.h"
#include "pairings-charts-page.h"
#include "pairings-board-page.h"
#include "pairings-cohort-settings.h"
#include "pairings-review.h"
#include "pairings-demo.h"
#include "pairings-matcher.h"
#include "pairings-export-dialog.h"
#include "pairings-import-dialog.h"
#include "pairings-privacy-dialog.h"
#include "pairings-stats.h"
#include "pairings-window.h"

struct _PairingsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PairingsStore        *store;
  char                 *database_path;
  GListModel           *cohorts;
  gboolean              busy;
  gint64                last_match_event;
  gboolean              meeting_mode;
  guint                 summaries_idle;
  AdwToast             *undo_toast;      /* the change toast on screen, or NULL */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkOverlay           *overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkDropDown          *cohort_dropdown;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *welcome_page;
  GtkProgressBar       *demo_progress;
  AdwViewStack         *stack;
  PairingsApplicationsPage *applications_view;
  AdwStatusPage        *board_page;
  GtkStack             *board_stack;
  PairingsBoardPage    *board_view;
  PairingsAgreementsPage *agreements_view;
  AdwViewStackPage     *agreements_stack_page;
  PairingsChartsPage   *charts_view;
  GtkSpinner           *match_spinner;

  /* After an undo or a redo, the Applications page, when it is not in
   * front, is read again only when it comes to the front (see
   * update_pages()). */
  gboolean              defer_hidden_pages;
  gboolean              applications_stale;
};

G_DEFINE_FINAL_TYPE (PairingsWindow, pairings_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (PairingsWindow *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error (PairingsWindow *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (PairingsWindow *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup-database", has_store && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-database", has_store && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 has_store && !self->busy && pairings_store_is_empty (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-cohort",
                                 self->cohorts != NULL && g_list_model_get_n_items (self->cohorts) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_store && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 has_store && pairings_window_get_cohort (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-emails",
                                 has_store && pairings_window_get_cohort (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.suggest-pairs",
                                 has_store && !self->busy && pairings_window_get_cohort (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cohort-settings",
                                 has_store && pairings_window_get_cohort (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.anonymise-cohort",
                                 has_store && !self->busy && pairings_window_get_cohort (self) != NULL);
}

/* Summaries ---------------------------------------------------------------- */

static void
fill_pages (PairingsWindow            *self,
            const PairingsCohortStats *s)
{
  guint pairs = pairings_cohort_stats_pair_total (s);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_clear_pointer (&title, g_free);
  g_clear_pointer (&description, g_free);
  title = g_strdup_printf (ngettext ("%u Pair", "%u Pairs", pairs), pairs);
  description = g_strdup_printf (_("Suggested: %u · Under discussion: %u · Approved: %u\n"
                                   "Announced: %u · Set aside: %u"),
                                 s->pairs[PAIRINGS_STAGE_SUGGESTED],
                                 s->pairs[PAIRINGS_STAGE_DISCUSSION],
                                 s->pairs[PAIRINGS_STAGE_APPROVED],
                                 s->pairs[PAIRINGS_STAGE_ANNOUNCED],
                                 s->pairs[PAIRINGS_STAGE_SET_ASIDE]);
  adw_status_page_set_title (self->board_page, title);
  adw_status_page_set_description (self->board_page, description);
}

static gboolean
refresh_summaries (gpointer data)
{
  PairingsWindow *self = data;
  PairingsCohort *cohort = pairings_window_get_cohort (self);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;

  self->summaries_idle = 0;
  if (cohort == NULL || self->store == NULL)
    return G_SOURCE_REMOVE;
  stats = pairings_stats_collect (self->store, cohort, &error);
  if (stats == NULL)
    show_toast (self, error->message);
  else if (stats->len > 0)
    fill_pages (self, g_ptr_array_index (stats, 0));
  return G_SOURCE_REMOVE;
}

static void
update_pages (PairingsWindow *self)
{
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  if (cohort == NULL)
    return;

  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        pairings_cohort_get_programme_name (cohort));

  /* The other pages' summaries are counted once the window has drawn the
   * page in front: on a large cohort the count takes longer than the list. */
  if (self->summaries_idle == 0)
    self->summaries_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_summaries, self, NULL);

  {
    g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");
    pairings_applications_page_set_reviewer (self->applications_view, reviewer);
  }
  /* Reading a cohort's applications again took 0.2-0.3 s of every undo
   * on a board of 1,000 people. The other pages are read every time: the
   * Agreements page's count is on the page switcher, and the board and
   * the charts cost little. */
  if (self->defer_hidden_pages &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "applications") != 0)
    self->applications_stale = TRUE;
  else
    {
      self->applications_stale = FALSE;
      pairings_applications_page_show (self->applications_view, self->store, cohort);
    }
  pairings_board_page_show (self->board_view, self->store, cohort);
  pairings_agreements_page_show (self->agreements_view, self->store, cohort);
  pairings_charts_page_show (self->charts_view, self->store, cohort);
  gtk_stack_set_visible_child_name (self->board_stack,
                                    pairings_board_page_is_empty (self->board_view) ? "empty" : "board");
}

static void update_actions (PairingsWindow *self);
static void start_daily_backup (PairingsWindow *self);

static void
on_cohort_selected (PairingsWindow *self)
{
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  if (cohort != NULL)
    g_settings_set_int64 (self->settings, "last-cohort", pairings_cohort_get_id (cohort));
  update_pages (self);
  update_actions (self);
}

static void
select_remembered_cohort (PairingsWindow *self)
{
  gint64 last = g_settings_get_int64 (self->settings, "last-cohort");
  guint n = g_list_model_get_n_items (self->cohorts);
  guint position = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PairingsCohort) cohort = g_list_model_get_item (self->cohorts, i);
      if (pairings_cohort_get_id (cohort) == last)
        position = i;
    }
  gtk_drop_down_set_selected (self->cohort_dropdown, position);
}

/* The bottom switcher stands in for the header's on a narrow window, and
 * only when there are pages to switch between. */
static void
update_switcher_bar (PairingsWindow *self)
{
  gboolean pages = adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    pages && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* Re-reads the cohorts and shows what fits: the welcome page for an empty
 * database, the programme otherwise. */
static void
reload (PairingsWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean has_cohorts;

  g_signal_handlers_block_by_func (self->cohort_dropdown, on_cohort_selected, self);
  g_clear_object (&self->cohorts);
  if (self->store != NULL)
    {
      self->cohorts = pairings_store_list_cohorts (self->store, &error);
      if (self->cohorts == NULL)
        show_toast (self, error->message);
    }
  gtk_drop_down_set_model (self->cohort_dropdown, self->cohorts);
  g_signal_handlers_unblock_by_func (self->cohort_dropdown, on_cohort_selected, self);

  has_cohorts = self->cohorts != NULL && g_list_model_get_n_items (self->cohorts) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->cohort_dropdown), has_cohorts);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, has_cohorts);
  update_switcher_bar (self);

  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "no-database");
  else if (!has_cohorts)
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  else
    {
      select_remembered_cohort (self);
      /* The selection may not have changed, but the data has. */
      update_pages (self);
      gtk_stack_set_visible_child_name (self->main_stack, "programme");
    }

  update_actions (self);
}

gboolean
pairings_window_open_database (PairingsWindow  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = pairings_store_open (path, error);
  if (store == NULL)
    return FALSE;

  {
    g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");
    pairings_store_set_actor (store, reviewer);
  }

  g_set_object (&self->store, store);
  g_free (self->database_path);
  self->database_path = g_strdup (path);

  basename = g_path_get_basename (path);
  adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
  reload (self);
  start_daily_backup (self);
  return TRUE;
}

static void
open_or_report (PairingsWindow *self,
                const char     *path)
{
  g_autoptr(GError) error = NULL;

  if (!pairings_window_open_database (self, path, &error))
    {
      show_error (self, _("Cannot Open the Database"), error->message);
      return;
    }
  g_settings_set_string (self->settings, "last-database", path);
}

/* Actions ------------------------------------------------------------------ */

static void
file_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  PairingsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          /* A new database must not silently take over an existing file. */
          if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE &&
              g_file_test (path, G_FILE_TEST_EXISTS) && !g_str_has_suffix (path, ".db"))
            show_error (self, _("Cannot Create the Database"),
                        _("Give the new database a name ending in “.db”."));
          else
            open_or_report (self, path);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_database_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pairings databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (chooser, filter);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_database_filter (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  /* TRANSLATORS: the suggested file name of a new database */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("programme.db"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_chosen (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  PairingsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !pairings_store_backup (self->store, path, &error))
        show_error (self, _("Cannot Back Up the Database"), error->message);
      else if (path != NULL)
        show_toast (self, _("Backup written"));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
backup_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: the suggested name of a backup; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("pairings-backup-%s.db"), date);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Back Up Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (backup_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Backups and restores ------------------------------------------------------ */

typedef struct
{
  char *path;
  guint keep;
} DailyBackup;

static void
daily_backup_free (gpointer data)
{
  DailyBackup *job = data;

  g_free (job->path);
  g_free (job);
}

/* On its own connection, so the window's stays free; an empty database is
 * not worth a copy. */
static void
daily_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  DailyBackup *job = task_data;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *dir = pairings_store_backups_dir (job->path);
  GError *error = NULL;

  store = pairings_store_open (job->path, &error);
  if (store != NULL && !pairings_store_is_empty (store))
    pairings_store_rotate_backups (store, dir, job->keep, today, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
daily_backup_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PairingsWindow *self = PAIRINGS_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"), error->message);
      show_toast (self, message);
    }
}

/* Once a day per database, when it is opened; 0 kept turns this off. */
static void
start_daily_backup (PairingsWindow *self)
{
  g_autoptr(GTask) task = NULL;
  DailyBackup *job;
  int keep = g_settings_get_int (self->settings, "backups-kept");

  if (keep <= 0 || self->database_path == NULL)
    return;

  job = g_new0 (DailyBackup, 1);
  job->path = g_strdup (self->database_path);
  job->keep = keep;
  task = g_task_new (self, NULL, daily_backup_done, NULL);
  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, job, daily_backup_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

/* The current state is copied aside before it is replaced, so that a
 * restore can be undone by restoring that copy. */
static void
restore_confirmed (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  PairingsWindow *self = user_data;
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "restore") || self->store == NULL || self->busy)
    return;

  path = g_strdup (self->database_path);
  saved = pairings_store_backup_before_restore (self->store, now, &error);
  if (saved == NULL || !pairings_store_restore (self->store, backup, &error) ||
      !pairings_window_open_database (self, path, &error))
    {
      show_error (self, _("Cannot Restore the Backup"), error->message);
      return;
    }

  message = g_strdup_printf (_("Backup restored; the previous state was saved in “%s”"), saved);
  show_toast (self, message);
}

static void
ask_restore (PairingsWindow *self,
             const char     *backup)
{
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *database = g_path_get_basename (self->database_path);
  g_autofree char *dir = pairings_store_backups_dir (self->database_path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("All the data in “%s” will be replaced by the backup “%s”. "
                            "A backup of the current state is made first, in “%s”."),
                          database, name, dir);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Current Data?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (backup), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  PairingsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      /* Refused before the question, so that nothing is asked in vain. */
      if (path != NULL && !pairings_store_check_backup (path, &error))
        show_error (self, _("Cannot Restore the Backup"), error->message);
      else if (path != NULL)
        ask_restore (self, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
restore_database_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  g_autofree char *dir = pairings_store_backups_dir (self->database_path);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"), _("_Cancel"));
  add_database_filter (GTK_FILE_CHOOSER (chooser));
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

static void
choose_cohort_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->cohort_dropdown));
}

/* The demo is written by a worker thread with its own connection, so the
 * window keeps drawing; the progress bar follows it. */
typedef struct
{
  GWeakRef window;
  double   fraction;
} DemoProgress;

static gboolean
demo_progress_idle (gpointer data)
{
  DemoProgress *progress = data;
  g_autoptr(PairingsWindow) self = g_weak_ref_get (&progress->window);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->demo_progress, progress->fraction);
  g_weak_ref_clear (&progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
demo_report_progress (double   fraction,
                      gpointer user_data)
{
  GTask *task = user_data;
  DemoProgress *progress = g_new0 (DemoProgress, 1);

  g_weak_ref_init (&progress->window, g_task_get_source_object (task));
  progress->fraction = fraction;
  g_main_context_invoke (NULL, demo_progress_idle, progress);
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = task_data;

  store = pairings_store_open (path, &error);
  if (store == NULL || !pairings_demo_fill (store, demo_report_progress, task, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PairingsWindow *self = PAIRINGS_WINDOW (object);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, _("Cannot Add the Demo Programme"), error->message);
  else
    show_toast (self, _("Demo programme added"));

  reload (self);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->busy)
    return;

  self->busy = TRUE;
  update_actions (self);
  gtk_progress_bar_set_fraction (self->demo_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);

  task = g_task_new (self, NULL, demo_done, NULL);
  g_task_set_source_tag (task, load_demo_action);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, demo_thread);
}

/* History -------------------------------------------------------------------- */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  gboolean redo = g_str_equal (action_name, "win.redo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (self->store == NULL)
    return;
  if (!(redo ? pairings_history_can_redo (self->store, &label)
             : pairings_history_can_undo (self->store, &label)))
    {
      show_toast (self, redo ? _("Nothing to redo") : _("Nothing to undo"));
      return;
    }
  if (!(redo ? pairings_history_redo (self->store, &error) : pairings_history_undo (self->store, &error)))
    show_error (self, redo ? _("Cannot Redo") : _("Cannot Undo"), error->message);
  else
    show_toast (self, label);
  self->defer_hidden_pages = TRUE;
  reload (self);
  self->defer_hidden_pages = FALSE;
}

/* The Applications page comes to the front: read again if it missed a
 * change (see update_pages()). */
static void
on_visible_page (PairingsWindow *self)
{
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  if (!self->applications_stale || cohort == NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "applications") != 0)
    return;
  self->applications_stale = FALSE;
  pairings_applications_page_show (self->applications_view, self->store, cohort);
}


/* The toasts' layer takes only the place of the toast it shows, at the
 * bottom of the window: nothing when there is none, so that it never
 * stands between the pointer and the window. */
static gboolean
place_toasts (GtkOverlay    *overlay,
              GtkWidget     *widget,
              GtkAllocation *allocation,
              gpointer       user_data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  int min, natural_width = 0, natural_height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &natural_width, NULL, NULL);
  natural_width = MIN (natural_width, width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, natural_width, &min, &natural_height, NULL, NULL);
  natural_height = MIN (natural_height, height);
  allocation->width = natural_width;
  allocation->height = natural_height;
  allocation->x = (width - natural_width) / 2;
  allocation->y = height - natural_height;
  return TRUE;
}

static void
on_undo_toast_dismissed (AdwToast       *toast,
                         PairingsWindow *self)
{
  if (self->undo_toast == toast)
    g_clear_weak_pointer (&self->undo_toast);
}

static void
on_page_changed (PairingsWindow *self,
                         const char     *message)
{
  /* A change while the last one's toast is still on screen says so in that
   * toast (its Undo takes back the latest step either way): a new toast
   * each time cost the frame that shows a move on the board. */
  if (self->undo_toast != NULL)
    adw_toast_set_title (self->undo_toast, message);
  else
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      g_set_weak_pointer (&self->undo_toast, toast);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  /* The other pages count what the change did, once the window has drawn
   * it: a recount of a large cohort would otherwise delay the frame. */
  if (self->summaries_idle == 0)
    self->summaries_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_summaries, self, NULL);
}

/* The Agreements page's badge: how many pairs need attention. */
static void
on_attention_changed (PairingsWindow *self)
{
  guint attention = pairings_agreements_page_get_attention (self->agreements_view);

  adw_view_stack_page_set_badge_number (self->agreements_stack_page, attention);
  adw_view_stack_page_set_needs_attention (self->agreements_stack_page, attention > 0);
}

/* Matching ------------------------------------------------------------------- */

static void
cohort_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  PairingsCohort *cohort = pairings_window_get_cohort (self);
  g_autoptr(GError) error = NULL;
  PairingsCohortSettings *settings;

  if (self->store == NULL || cohort == NULL)
    return;
  settings = pairings_cohort_settings_new (GTK_WINDOW (self), self->store, cohort, &error);
  if (settings == NULL)
    show_error (self, _("Cannot Open the Cohort Settings"), error->message);
  else
    {
      /* The cycle's dates may change there: the pages read them again. */
      g_signal_connect_object (settings, "destroy", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (settings));
    }
}

static void
anonymise_cohort_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  if (self->store != NULL && cohort != NULL)
    pairings_privacy_dialog_anonymise_cohort (GTK_WINDOW (self), self->store, cohort);
}

/* After a deletion or an anonymisation, which no page can refresh alone. */
static void
privacy_done_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);

  show_toast (self, g_variant_get_string (parameter, NULL));
  reload (self);
}

typedef struct
{
  char   *database;
  char   *actor;
  gint64  cohort_id;
  gint64  event_id;
  guint   suggested;
  guint   unmatched;
} MatchJob;

static void
match_job_free (MatchJob *job)
{
  g_free (job->database);
  g_free (job->actor);
  g_free (job);
}

/* Matching and the board change happen on a connection of their own in a
 * thread: a large cohort never freezes the projected window. */
static void
match_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MatchJob *job = task_data;
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = pairings_store_open (job->database, &error);
  if (store != NULL)
    {
      pairings_store_set_actor (store, job->actor);
      result = pairings_matcher_run (store, job->cohort_id, NULL, cancellable, &error);
    }
  if (result == NULL || !pairings_matcher_apply (store, job->cohort_id, result, &job->event_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->suggested = result->pairs->len - result->pinned;
  job->unmatched = result->unmatched->len;
  g_task_return_boolean (task, TRUE);
}

static void
match_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PairingsWindow *self = PAIRINGS_WINDOW (object);
  MatchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  gtk_spinner_stop (self->match_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->match_spinner), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, _("Cannot Suggest Pairs"), error->message);
  else
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      if (job->unmatched > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pair suggested; %u mentees left unpaired",
                                              "%u pairs suggested; %u mentees left unpaired", job->suggested),
                                 job->suggested, job->unmatched);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pair suggested", "%u pairs suggested",
                                              job->suggested),
                                 job->suggested);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-match");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (job->event_id));
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      self->last_match_event = job->event_id;
    }
  reload (self);
}

static void
suggest_pairs_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  PairingsCohort *cohort = pairings_window_get_cohort (self);
  g_autoptr(GTask) task = NULL;
  MatchJob *job;

  if (self->store == NULL || cohort == NULL || self->busy)
    return;

  job = g_new0 (MatchJob, 1);
  job->database = g_strdup (self->database_path);
  job->actor = g_strdup (pairings_store_get_actor (self->store));
  job->cohort_id = pairings_cohort_get_id (cohort);

  self->busy = TRUE;
  update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->match_spinner), TRUE);
  gtk_spinner_start (self->match_spinner);

  task = g_task_new (self, NULL, match_done, NULL);
  g_task_set_source_tag (task, suggest_pairs_action);
  g_task_set_task_data (task, job, (GDestroyNotify) match_job_free);
  g_task_run_in_thread (task, match_thread);
}

typedef gboolean (*UndoEventFunc) (PairingsStore *store,
                                    gint64         event_id,
                                    GError       **error);

/* The Undo of a toast: takes back the one event it names. */
static void
undo_event (PairingsWindow *self,
            GVariant       *parameter,
            UndoEventFunc   undo,
            const char     *failure_title,
            const char     *done)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!undo (self->store, g_variant_get_int64 (parameter), &error))
    show_error (self, failure_title, error->message);
  else
    show_toast (self, done);
  reload (self);
}

static void
undo_match_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  undo_event (PAIRINGS_WINDOW (widget), parameter, pairings_matcher_undo,
              _("Cannot Take the Suggestions Back"), _("Suggestions taken back"));
}

/* Import, export ------------------------------------------------------------- */

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_toast (PAIRINGS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_event (PAIRINGS_WINDOW (widget), parameter, pairings_import_undo,
              _("Cannot Undo the Import"), _("Import undone"));
}

static void
on_imported (PairingsImportDialog *dialog,
             gint64                event_id,
             guint                 count,
             PairingsWindow       *self)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application imported",
                                                         "%u applications imported", count), count);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (event_id));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  reload (self);
}

void
pairings_window_import_file (PairingsWindow *self,
                             const char     *path)
{
  g_autoptr(PairingsImportDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  g_return_if_fail (PAIRINGS_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  dialog = pairings_import_dialog_new (GTK_WINDOW (self), self->store,
                                       cohort ? pairings_cohort_get_id (cohort) : 0, path, &error);
  if (dialog == NULL)
    {
      show_error (self, _("Cannot Import This File"), error->message);
      return;
    }
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file_chosen (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  PairingsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pairings_window_import_file (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Applications"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  PairingsCohort *cohort = pairings_window_get_cohort (self);

  if (self->store == NULL || cohort == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pairings_export_dialog_new (GTK_WINDOW (self), self->store, cohort)));
}

static void
copy_emails_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PairingsWindow *self = PAIRINGS_WINDOW (widget);
  PairingsCohort *cohort = pairings_window_get_cohort (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  if (self->store == NULL || cohort == NULL)
    return;

  list = pairings_export_email_list (self->store, pairings_cohort_get_id (cohort), &error);
  if (list == NULL)
    {
      show_error (self, _("Cannot Copy the Addresses"), error->message);
      return;
    }
  if (*list == '\0')
    {
      show_toast (self, _("No pairs in this cohort yet: there are no addresses to copy"));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), list);
  show_toast (self, _("E-mail addresses of the pairs copied, ready for the Bcc field"));
}

/* GObject ------------------------------------------------------------------ */

enum {
  PROP_0,
  PROP_MEETING_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pairings_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PairingsWindow *self = PAIRINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MEETING_MODE:
      g_value_set_boolean (value, self->meeting_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Meeting mode is for a window projected to a committee: nothing
 * confidential can be shown. It is off at every start. */
static void
pairings_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PairingsWindow *self = PAIRINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MEETING_MODE:
      if (self->meeting_mode == g_value_get_boolean (value))
        return;
      self->meeting_mode = g_value_get_boolean (value);
      pairings_applications_page_set_meeting_mode (self->applications_view, self->meeting_mode);
      pairings_board_page_set_meeting_mode (self->board_view, self->meeting_mode);
      /* For a projector: the whole screen, larger type on the board. */
      if (self->meeting_mode)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self), "meeting-mode");
          gtk_window_fullscreen (GTK_WINDOW (self));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self), "meeting-mode");
          gtk_window_unfullscreen (GTK_WINDOW (self));
        }
      show_toast (self, self->meeting_mode ? _("Meeting mode: confidential answers are hidden")
                                           : _("Meeting mode is off"));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pairings_window_dispose (GObject *object)
{
  PairingsWindow *self = (PairingsWindow *)object;

  g_clear_handle_id (&self->summaries_idle, g_source_remove);
  g_clear_weak_pointer (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAIRINGS_TYPE_WINDOW);
  g_clear_object (&self->cohorts);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pairings_window_parent_class)->dispose (object);
}

static void
pairings_window_finalize (GObject *object)
{
  PairingsWindow *self = (PairingsWindow *)object;

  g_free (self->database_path);

  G_OBJECT_CLASS (pairings_window_parent_class)->finalize (object);
}

static void
pairings_window_class_init (PairingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pairings_window_dispose;
  object_class->finalize = pairings_window_finalize;
  object_class->get_property = pairings_window_get_property;
  object_class->set_property = pairings_window_set_property;

  properties[PROP_MEETING_MODE] =
    g_param_spec_boolean ("meeting-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's cohort list looks its items' names up by type. */
  g_type_ensure (PAIRINGS_TYPE_COHORT);
  g_type_ensure (PAIRINGS_TYPE_APPLICATIONS_PAGE);
  g_type_ensure (PAIRINGS_TYPE_BOARD_PAGE);
  g_type_ensure (PAIRINGS_TYPE_AGREEMENTS_PAGE);
  g_type_ensure (PAIRINGS_TYPE_CHARTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/pairings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, cohort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, applications_view);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, board_stack);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, board_view);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, agreements_view);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, agreements_stack_page);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, charts_view);
  gtk_widget_class_bind_template_child (widget_class, PairingsWindow, match_spinner);

  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.backup-database", NULL, backup_database_action);
  gtk_widget_class_install_action (widget_class, "win.restore-database", NULL, restore_database_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.choose-cohort", NULL, choose_cohort_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-emails", NULL, copy_emails_action);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", undo_import_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.suggest-pairs", NULL, suggest_pairs_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.undo-match", "x", undo_match_action);
  gtk_widget_class_install_action (widget_class, "win.cohort-settings", NULL, cohort_settings_action);
  gtk_widget_class_install_action (widget_class, "win.anonymise-cohort", NULL, anonymise_cohort_action);
  gtk_widget_class_install_action (widget_class, "win.privacy-done", "s", privacy_done_action);
  gtk_widget_class_install_property_action (widget_class, "win.meeting-mode", "meeting-mode");
}

static void
pairings_window_init (PairingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->overlay, "get-child-position", G_CALLBACK (place_toasts), NULL);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (on_visible_page), self);
  g_signal_connect_swapped (self->cohort_dropdown, "notify::selected",
                            G_CALLBACK (on_cohort_selected), self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_switcher_bar), self);
  g_signal_connect_swapped (self->applications_view, "changed",
                            G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->board_view, "changed",
                            G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->agreements_view, "changed",
                            G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->charts_view, "changed",
                            G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->agreements_view, "notify::attention",
                            G_CALLBACK (on_attention_changed), self);
  update_actions (self);
}

PairingsWindow *
pairings_window_new (PairingsApp *app,
                     const char  *database_path)
{
  PairingsWindow *self = g_object_new (PAIRINGS_TYPE_WINDOW, "application", app, NULL);

  if (database_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!pairings_window_open_database (self, database_path, &error))
        {
          adw_status_page_set_description (self->error_page, error->message);
          reload (self);
        }
    }
  else
    reload (self);

  return self;
}

const char *
pairings_window_get_database_path (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), NULL);
  return self->database_path;
}

PairingsStore *
pairings_window_get_store (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), NULL);
  return self->store;
}

PairingsCohort *
pairings_window_get_cohort (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), NULL);
  return gtk_drop_down_get_selected_item (self->cohort_dropdown);
}

const char *
pairings_window_get_state (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
pairings_window_get_page (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

gint64
pairings_window_get_last_match_event (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), 0);
  return self->last_match_event;
}

gboolean
pairings_window_is_busy (PairingsWindow *self)
{
  g_return_val_if_fail (PAIRINGS_IS_WINDOW (self), FALSE);
  return self->busy;
}

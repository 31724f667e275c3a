/* pairings-cli.c: Pairings without a display
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pairings-chart-render.h"
#include "pairings-charts.h"
#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-evaluation-import.h"
#include "pairings-export.h"
#include "pairings-followup-import.h"
#include "pairings-import.h"
#include "pairings-matcher.h"
#include "pairings-privacy.h"
#include "pairings-solver.h"
#include "pairings-json.h"
#include "pairings-stats.h"
#include "pairings-store.h"

/* Exit status, as DESIGN.md promises scripts. */
enum {
  EXIT_DONE = 0,
  EXIT_USAGE = 1,
  EXIT_BAD_INPUT = 2,
  EXIT_DATABASE = 3,
};

typedef struct
{
  const char *database;
} Globals;

typedef int (*CommandFunc) (Globals *globals,
                            int      argc,
                            char   **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static int
usage_error (const char *message)
{
  g_printerr ("pairings-cli: %s\n", message);
  g_printerr (_("Try “pairings-cli --help” for the commands and their options.\n"));
  return EXIT_USAGE;
}

static int
report_error (const GError *error)
{
  g_printerr ("pairings-cli: %s\n", error->message);

  if (error->domain == PAIRINGS_CSV_ERROR || error->domain == PAIRINGS_MAPPING_ERROR ||
      error->domain == PAIRINGS_IMPORT_ERROR || error->domain == PAIRINGS_FORM_IMPORT_ERROR)
    return EXIT_BAD_INPUT;

  if (error->domain == PAIRINGS_STORE_ERROR &&
      (error->code == PAIRINGS_STORE_ERROR_INVALID ||
       error->code == PAIRINGS_STORE_ERROR_NOT_FOUND ||
       error->code == PAIRINGS_STORE_ERROR_EXISTS))
    return EXIT_BAD_INPUT;

  return EXIT_DATABASE;
}

static PairingsStore *
open_store (Globals  *globals,
            GError  **error)
{
  g_autofree char *path = NULL;

  path = globals->database ? g_strdup (globals->database) : pairings_store_default_path ();
  return pairings_store_open (path, error);
}

/* Parses the options of one command; on a usage error returns FALSE with
 * the message already printed. */
static gboolean
parse_command (const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (error->message);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_init (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *programme = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_STRING, &programme,
      N_("Also create a programme with this name"), N_("NAME") },
    { NULL }
  };

  if (!parse_command ("", _("Create an empty Pairings database, or check an existing one."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("init takes no arguments"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  if (programme != NULL && pairings_store_add_programme (store, programme, &error) == 0)
    return report_error (error);

  /* TRANSLATORS: %s is a file name, %d the schema version */
  g_printerr (_("“%s” is a Pairings database (version %d).\n"),
              pairings_store_get_path (store), pairings_store_get_schema_version (store));
  return EXIT_DONE;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  gboolean *tty = user_data;

  if (*tty)
    g_printerr ("\r%s %3.0f %%", _("Writing the demo programme…"), fraction * 100.0);
}

static int
cmd_demo (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tty = isatty (fileno (stderr));
  guint applications = 0;
  guint pairs = 0;

  if (!parse_command ("", _("Fill the database with a realistic demo programme of three cohorts."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("demo takes no arguments"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  if (!pairings_demo_fill (store, print_progress, &tty, &error))
    {
      if (tty)
        g_printerr ("\n");
      return report_error (error);
    }
  if (tty)
    g_printerr ("\n");

  stats = pairings_stats_collect (store, NULL, &error);
  if (stats == NULL)
    return report_error (error);
  for (guint i = 0; i < stats->len; i++)
    {
      PairingsCohortStats *s = g_ptr_array_index (stats, i);
      applications += pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTEE) +
                      pairings_cohort_stats_role_total (s, PAIRINGS_ROLE_MENTOR);
      pairs += pairings_cohort_stats_pair_total (s);
    }

  /* TRANSLATORS: the totals after `demo`: cohorts, applications, pairs */
  g_printerr (_("Added the demo programme “%s” to “%s”: %u cohorts, %u applications, %u pairs.\n"),
              PAIRINGS_DEMO_PROGRAMME, pairings_store_get_path (store), stats->len,
              applications, pairs);
  return EXIT_DONE;
}

static int
cohort_add (PairingsStore *store,
            int            argc,
            char         **argv)
{
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *programme = NULL;
  PairingsCohortDates dates = { NULL, };
  char *call_opens = NULL, *deadline = NULL, *announcement = NULL, *kick_off = NULL, *ends = NULL;
  int pair_limit = -1;
  gint64 programme_id;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_STRING, &programme,
      N_("The programme the cohort belongs to (created if needed)"), N_("NAME") },
    { "pair-limit", 0, 0, G_OPTION_ARG_INT, &pair_limit,
      N_("How many pairs the cohort can take"), N_("N") },
    { "call-opens", 0, 0, G_OPTION_ARG_STRING, &call_opens,
      N_("The day the call for applications opens"), N_("YYYY-MM-DD") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline,
      N_("The application deadline"), N_("YYYY-MM-DD") },
    { "announcement", 0, 0, G_OPTION_ARG_STRING, &announcement,
      N_("The day the pairs are announced"), N_("YYYY-MM-DD") },
    { "kick-off", 0, 0, G_OPTION_ARG_STRING, &kick_off,
      N_("The kick-off meeting"), N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &ends,
      N_("The end of the mentoring cycle"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!parse_command (_("NAME"), _("Add a cohort (a year’s round) to a programme."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("cohort add takes the name of the new cohort"));
  if (pair_limit < -1)
    return usage_error (_("--pair-limit must be zero or more"));

  dates = (PairingsCohortDates) { call_opens, deadline, announcement, kick_off, ends };

  if (programme == NULL)
    {
      g_autoptr(GListModel) cohorts = pairings_store_list_cohorts (store, &error);
      if (cohorts == NULL)
        return report_error (error);
      if (g_list_model_get_n_items (cohorts) > 0)
        {
          g_autoptr(PairingsCohort) first = g_list_model_get_item (cohorts, 0);
          programme = g_strdup (pairings_cohort_get_programme_name (first));
        }
      else
        programme = g_strdup (_("Mentoring programme"));
    }

  programme_id = pairings_store_ensure_programme (store, programme, &error);
  if (programme_id != 0)
    cohort = pairings_store_add_cohort (store, programme_id, argv[1], &dates, pair_limit, &error);

  g_free (call_opens);
  g_free (deadline);
  g_free (announcement);
  g_free (kick_off);
  g_free (ends);

  if (cohort == NULL)
    return report_error (error);

  g_printerr (_("Added the cohort “%s” to “%s”.\n"), pairings_cohort_get_name (cohort),
              pairings_cohort_get_programme_name (cohort));
  return EXIT_DONE;
}

static void
print_date_json (GString    *out,
                 const char *key,
                 const char *value)
{
  g_string_append_printf (out, ",\"%s\":", key);
  pairings_json_append_string (out, value);
}

static int
cohort_list (PairingsStore *store,
             int            argc,
             char         **argv)
{
  g_autoptr(GListModel) cohorts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  guint n;

  if (!parse_command ("", _("List the cohorts of the database."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("cohort list takes no arguments"));

  cohorts = pairings_store_list_cohorts (store, &error);
  if (cohorts == NULL)
    return report_error (error);

  n = g_list_model_get_n_items (cohorts);
  if (json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PairingsCohort) c = g_list_model_get_item (cohorts, i);

      if (json)
        {
          g_string_append (out, i ? ",{\"name\":" : "{\"name\":");
          pairings_json_append_string (out, pairings_cohort_get_name (c));
          g_string_append (out, ",\"programme\":");
          pairings_json_append_string (out, pairings_cohort_get_programme_name (c));
          print_date_json (out, "call_opens", pairings_cohort_get_call_opens (c));
          print_date_json (out, "deadline", pairings_cohort_get_deadline (c));
          print_date_json (out, "announcement", pairings_cohort_get_announcement (c));
          print_date_json (out, "kick_off", pairings_cohort_get_kick_off (c));
          print_date_json (out, "end", pairings_cohort_get_ends (c));
          if (pairings_cohort_get_pair_limit (c) >= 0)
            g_string_append_printf (out, ",\"pair_limit\":%d}", pairings_cohort_get_pair_limit (c));
          else
            g_string_append (out, ",\"pair_limit\":null}");
        }
      else
        {
          g_string_append_printf (out, "%s\t%s\t%s\t%s\n",
                                  pairings_cohort_get_name (c),
                                  pairings_cohort_get_programme_name (c),
                                  pairings_cohort_get_kick_off (c) ? pairings_cohort_get_kick_off (c) : "-",
                                  pairings_cohort_get_ends (c) ? pairings_cohort_get_ends (c) : "-");
        }
    }
  if (json)
    g_string_append (out, "]\n");

  fputs (out->str, stdout);
  if (!json && n == 0)
    g_printerr (_("No cohorts yet. Add one with “pairings-cli cohort add NAME”.\n"));
  return EXIT_DONE;
}

static int
cmd_cohort (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      if (argc >= 2)
        {
          g_print (_("Usage: pairings-cli cohort add|list [OPTION…]\n"));
          return EXIT_DONE;
        }
      return usage_error (_("cohort needs a subcommand: add or list"));
    }
  if (!g_str_equal (argv[1], "add") && !g_str_equal (argv[1], "list"))
    return usage_error (_("cohort needs a subcommand: add or list"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  if (g_str_equal (argv[1], "add"))
    return cohort_add (store, argc - 1, argv + 1);
  return cohort_list (store, argc - 1, argv + 1);
}

static int
cmd_stats (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *out = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name,
      N_("Only this cohort (default: every cohort)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command ("", _("Count applications per role and status, and pairs per stage."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("stats takes no arguments"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  if (cohort_name != NULL)
    {
      cohort = pairings_store_find_cohort (store, cohort_name, &error);
      if (cohort == NULL)
        return report_error (error);
    }

  stats = pairings_stats_collect (store, cohort, &error);
  if (stats == NULL)
    return report_error (error);

  out = json ? pairings_stats_to_json (stats) : pairings_stats_to_text (stats);
  fputs (out, stdout);
  return EXIT_DONE;
}

/* The current state is copied to the backups folder first, so a restore
 * can itself be undone. */
static int
cmd_restore (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *saved = NULL;

  if (!parse_command (_("FILE"), _("Replace the database with a backup of it."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("restore takes the name of the backup to restore"));

  if (!pairings_store_check_backup (argv[1], &error))
    {
      g_printerr ("pairings-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  saved = pairings_store_backup_before_restore (store, now, &error);
  if (saved == NULL || !pairings_store_restore (store, argv[1], &error))
    return report_error (error);

  g_printerr (_("Restored “%s” from “%s”; the previous state is in “%s”.\n"),
              pairings_store_get_path (store), argv[1], saved);
  return EXIT_DONE;
}

static int
cmd_backup (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_command (_("FILE"), _("Copy the database, safely even while it is in use."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("backup takes the name of the copy to write"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);

  if (!pairings_store_backup (store, argv[1], &error))
    return report_error (error);

  g_printerr (_("Wrote a copy of “%s” to “%s”.\n"), pairings_store_get_path (store), argv[1]);
  return EXIT_DONE;
}

/* What a deletion or an anonymisation touches, for the user to confirm. */
static void
print_summary (const PairingsPrivacySummary *summary)
{
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u application", "  %u applications", summary->applications),
              summary->applications);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, " in %u cohort\n", " in %u cohorts\n", summary->cohorts),
              summary->cohorts);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u pair\n", "  %u pairs\n", summary->pairs), summary->pairs);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u review\n", "  %u reviews\n", summary->reviews),
              summary->reviews);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u survey answer\n", "  %u survey answers\n",
                           summary->evaluations),
              summary->evaluations);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u entry of the history\n", "  %u entries of the history\n",
                           summary->events),
              summary->events);
}

static int
cmd_delete_person (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Delete without asking"), NULL },
    { NULL }
  };

  if (!parse_command (_("EMAIL"), _("Delete every trace of a person, for a data-protection request."
                                    " This cannot be undone."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("delete-person takes the person’s e-mail address"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  summary = pairings_privacy_describe_person (store, argv[1], &error);
  if (summary == NULL)
    return report_error (error);

  if (!yes)
    {
      g_printerr (_("This would delete %s <%s> for good, with:\n"), summary->name, summary->email);
      print_summary (summary);
      g_printerr (_("Nothing was changed. Add --yes to delete.\n"));
      return EXIT_USAGE;
    }
  if (!pairings_privacy_delete_person (store, argv[1], &error))
    return report_error (error);
  /* Not the address again: this message may end in a script's log. */
  g_printerr (_("Deleted for good:\n"));
  print_summary (summary);
  return EXIT_DONE;
}

static int
cmd_anonymise (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsPrivacySummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort, which must have ended"), N_("NAME") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Anonymise without asking"), NULL },
    { NULL }
  };

  if (!parse_command ("", _("Replace the names, e-mail addresses and free text of a cohort that has ended,"
                            " keeping its numbers. This cannot be undone."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("anonymise takes no arguments"));
  if (cohort_name == NULL)
    return usage_error (_("Name the cohort with --cohort"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);
  summary = pairings_privacy_describe_cohort (store, pairings_cohort_get_id (cohort), &error);
  if (summary == NULL)
    return report_error (error);

  if (!yes)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "This would remove for good the names of %u person of “%s”, with:\n",
                               "This would remove for good the names of %u people of “%s”, with:\n",
                               summary->people),
                  summary->people, cohort_name);
      print_summary (summary);
      g_printerr (_("Nothing was changed. Add --yes to anonymise.\n"));
      return EXIT_USAGE;
    }
  if (!pairings_privacy_anonymise_cohort (store, pairings_cohort_get_id (cohort), &error))
    return report_error (error);
  g_printerr (_("Anonymised the cohort “%s”.\n"), cohort_name);
  return EXIT_DONE;
}

/* GUnixOutputStream lives in gio-unix-2.0, which the build does not use;
 * the export only needs a stream that writes to standard output. */
#define CLI_TYPE_STDOUT_STREAM (cli_stdout_stream_get_type ())

G_DECLARE_FINAL_TYPE (CliStdoutStream, cli_stdout_stream, CLI, STDOUT_STREAM, GOutputStream)

struct _CliStdoutStream
{
  GOutputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (CliStdoutStream, cli_stdout_stream, G_TYPE_OUTPUT_STREAM)

static gssize
cli_stdout_stream_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  gssize written;

  do
    written = write (STDOUT_FILENO, buffer, count);
  while (written < 0 && errno == EINTR);

  if (written < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to standard output: %s"), g_strerror (saved_errno));
    }
  return written;
}

static void
cli_stdout_stream_class_init (CliStdoutStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = cli_stdout_stream_write;
}

static void
cli_stdout_stream_init (CliStdoutStream *self)
{
}

static int
export_to_stdout (PairingsStore       *store,
                  PairingsExportKind   kind,
                  gint64               cohort_id,
                  PairingsExportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_object_new (CLI_TYPE_STDOUT_STREAM, NULL);
  g_autoptr(GError) error = NULL;

  if (!pairings_export_write (store, kind, cohort_id, flags, out, NULL, &error))
    return report_error (error);
  return EXIT_DONE;
}

static int
cmd_export (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *output = NULL;
  gboolean confidential = FALSE;
  gboolean bom = FALSE;
  PairingsExportFlags flags = PAIRINGS_EXPORT_FLAGS_NONE;
  PairingsExportKind kind;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort to export"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "include-confidential", 0, 0, G_OPTION_ARG_NONE, &confidential,
      N_("Add the confidential answers (pronouns, identity groups) to the applications"), NULL },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start with the byte order mark that Excel wants"), NULL },
    { NULL }
  };

  if (!parse_command ("applications|roster|pairs|agreements",
                      _("Write a cohort’s applications, roster, pairs or agreements as CSV."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("export takes what to export: applications, roster, pairs or agreements"));
  if (!pairings_export_kind_from_string (argv[1], &kind))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown export “%s”: choose applications, roster, pairs or agreements"),
                         argv[1]);
      return usage_error (message);
    }
  if (cohort_name == NULL)
    return usage_error (_("export needs --cohort NAME"));
  if (output != NULL && *output == '\0')
    return usage_error (_("--output needs a file name"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);

  if (bom)
    flags |= PAIRINGS_EXPORT_BOM;
  if (confidential)
    {
      flags |= PAIRINGS_EXPORT_INCLUDE_CONFIDENTIAL;
      if (kind == PAIRINGS_EXPORT_APPLICATIONS)
        g_printerr (_("Warning: this export holds confidential answers (pronouns, identity "
                      "groups). Share it only with those who may read them.\n"));
      else
        g_printerr (_("Warning: --include-confidential only applies to the applications "
                      "export; this one holds no confidential answers.\n"));
    }

  if (output == NULL)
    return export_to_stdout (store, kind, pairings_cohort_get_id (cohort), flags);

  if (!pairings_export_to_file (store, kind, pairings_cohort_get_id (cohort), flags, output,
                                NULL, &error))
    return report_error (error);

  /* TRANSLATORS: %s is a file name */
  g_printerr (_("Wrote “%s”.\n"), output);
  return EXIT_DONE;
}

/* Prints an import's report, @out (JSON on stdout, or for people on
 * stderr), and says how the import went. */
static int
import_done (gboolean      ok,
             const char   *out,
             gboolean      json,
             gboolean      dry_run,
             const GError *error)
{
  if (out != NULL && json)
    fputs (out, stdout);
  else if (out != NULL)
    g_printerr ("%s", out);

  if (!ok)
    {
      /* A file that cannot be read is bad input; nothing was changed. */
      if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
        {
          g_printerr ("pairings-cli: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
      return report_error (error);
    }

  if (dry_run)
    g_printerr (_("Dry run: nothing was written.\n"));
  return EXIT_DONE;
}

static int
cmd_import (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsMapping) mapping = NULL;
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *out = NULL;
  PairingsImportOptions options = { 0, };
  gboolean json = FALSE;
  gboolean ok;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort the applications are for"),
      N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("mentee or mentor"), N_("ROLE") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("A mapping preset: which column holds which field"), N_("FILE.ini") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &options.strict,
      N_("Refuse the whole file if any row has a problem"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &options.dry_run,
      N_("Check and report, but change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("FILE.csv"), _("Import the applications that a web form collected."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("import takes the CSV file to read"));
  if (cohort_name == NULL)
    return usage_error (_("import needs --cohort NAME"));
  if (role_name == NULL || !pairings_role_from_string (role_name, &options.role))
    return usage_error (_("import needs --role mentee or --role mentor"));

  if (mapping_path != NULL)
    {
      mapping = pairings_mapping_new_from_file (mapping_path, &error);
      if (mapping == NULL)
        {
          g_printerr ("pairings-cli: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
    }

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);

  options.cohort_id = pairings_cohort_get_id (cohort);
  options.mapping = mapping;
  ok = pairings_import_file (store, argv[1], &options, NULL, NULL, NULL, &report, &error);
  if (report != NULL)
    out = json ? pairings_import_report_to_json (report) : pairings_import_report_to_text (report);
  return import_done (ok, out, json, options.dry_run, error);
}

/* The local calendar day: the one the coordinator sees. */
static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static int
form_import_done (gboolean                  ok,
                  PairingsFormImportReport *report,
                  const GError             *error,
                  gboolean                  json,
                  gboolean                  dry_run)
{
  g_autofree char *out = NULL;

  if (report != NULL)
    out = json ? pairings_form_import_report_to_json (report)
               : pairings_form_import_report_to_text (report);
  return import_done (ok, out, json, dry_run, error);
}

static int
import_followup (Globals                    *globals,
                 PairingsFollowUpImportKind  kind,
                 int                         argc,
                 char                      **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *today = today_string ();
  gboolean agreements = kind == PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS;
  gboolean strict = FALSE, dry_run = FALSE, json = FALSE;
  PairingsFollowUpImportFlags flags = PAIRINGS_FOLLOWUP_IMPORT_FLAGS_NONE;
  gboolean ok;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort of the pairs"), N_("NAME") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Refuse the whole file if any row has a problem"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check and report, but change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("FILE.csv"),
                      agreements
                      ? _("Import who signed the mentoring agreement, from an e-signature form’s "
                          "CSV export.")
                      : _("Import the answers to a check-in survey, from a form’s CSV export."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (agreements ? _("import-agreements takes the CSV file to read")
                                   : _("import-check-ins takes the CSV file to read"));
  if (cohort_name == NULL)
    return usage_error (agreements ? _("import-agreements needs --cohort NAME")
                                   : _("import-check-ins needs --cohort NAME"));
  if (strict)
    flags |= PAIRINGS_FOLLOWUP_IMPORT_STRICT;
  if (dry_run)
    flags |= PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN;

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);

  ok = pairings_followup_import (store, pairings_cohort_get_id (cohort), kind, argv[1], flags,
                                 today, NULL, &report, &error);
  return form_import_done (ok, report, error, json, dry_run);
}

static int
cmd_import_agreements (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  return import_followup (globals, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS, argc, argv);
}

static int
cmd_import_check_ins (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  return import_followup (globals, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS, argc, argv);
}

static int
cmd_import_evaluations (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *survey = NULL;
  g_autofree char *today = today_string ();
  gboolean strict = FALSE, dry_run = FALSE, json = FALSE;
  PairingsEvaluationImportFlags flags = PAIRINGS_EVALUATION_IMPORT_FLAGS_NONE;
  gboolean ok;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort that answered"),
      N_("NAME") },
    { "survey", 0, 0, G_OPTION_ARG_STRING, &survey,
      N_("The mid-cycle (mid) or end-of-cycle (end) survey"), N_("mid|end") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Refuse the whole file if any row has a problem"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check and report, but change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("FILE.csv"),
                      _("Import the answers to a mid-cycle or end-of-cycle survey, from a form’s "
                        "CSV export: ratings from 1 to 5 and free text."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("import-evaluations takes the CSV file to read"));
  if (cohort_name == NULL)
    return usage_error (_("import-evaluations needs --cohort NAME"));
  if (g_strcmp0 (survey, "mid") != 0 && g_strcmp0 (survey, "end") != 0)
    return usage_error (_("import-evaluations needs --survey mid or --survey end"));
  if (strict)
    flags |= PAIRINGS_EVALUATION_IMPORT_STRICT;
  if (dry_run)
    flags |= PAIRINGS_EVALUATION_IMPORT_DRY_RUN;

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);

  ok = pairings_evaluation_import (store, pairings_cohort_get_id (cohort), survey, argv[1], flags,
                                   today, NULL, &report, &error);
  return form_import_done (ok, report, error, json, dry_run);
}

static int
cmd_match (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *out = NULL;
  gboolean apply = FALSE, json = FALSE;
  int threshold = G_MININT;
  PairingsMatchSettings settings;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort to pair"), N_("NAME") },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply,
      N_("Put the suggestions on the board, in place of the unlocked suggestions there"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "dump-scores", 0, 0, G_OPTION_ARG_FILENAME, &dump,
      N_("Write the score matrix in the form “solve” reads"), N_("FILE") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
      N_("participation (the default), threshold or fairness"), N_("MODE") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("The lowest score a pair may have, in threshold mode"), N_("SCORE") },
    { NULL }
  };

  if (!parse_command ("", _("Suggest the best pairs for a cohort, each explained."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("match takes no arguments"));
  if (cohort_name == NULL)
    return usage_error (_("match needs --cohort NAME"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL || !pairings_match_settings_load (store, pairings_cohort_get_id (cohort), &settings, &error))
    return report_error (error);

  if (mode != NULL)
    {
      if (g_str_equal (mode, "participation"))
        settings.mode = PAIRINGS_MODE_PARTICIPATION;
      else if (g_str_equal (mode, "threshold"))
        settings.mode = PAIRINGS_MODE_THRESHOLD;
      else if (g_str_equal (mode, "fairness"))
        settings.mode = PAIRINGS_MODE_FAIRNESS;
      else
        return usage_error (_("--mode is participation, threshold or fairness"));
    }
  if (threshold != G_MININT)
    settings.threshold = threshold;

  if (dump != NULL &&
      !pairings_matcher_dump_scores (store, pairings_cohort_get_id (cohort), &settings, dump, &error))
    return report_error (error);

  result = pairings_matcher_run (store, pairings_cohort_get_id (cohort), &settings, NULL, &error);
  if (result == NULL)
    return report_error (error);

  out = json ? pairings_match_result_to_json (result) : pairings_match_result_to_text (result);
  fputs (out, stdout);

  if (apply)
    {
      if (!pairings_matcher_apply (store, pairings_cohort_get_id (cohort), result, NULL, &error))
        return report_error (error);
      g_printerr (_("The suggestions are on the board of cohort %s.\n"), cohort_name);
    }
  return EXIT_DONE;
}

static int
cmd_exclude (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *mentee = NULL;
  g_autofree char *mentor = NULL;
  g_autofree char *reason = NULL;
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort"), N_("NAME") },
    { "mentee", 0, 0, G_OPTION_ARG_STRING, &mentee, N_("The mentee’s e-mail address"), N_("EMAIL") },
    { "mentor", 0, 0, G_OPTION_ARG_STRING, &mentor, N_("The mentor’s e-mail address"), N_("EMAIL") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the committee’s record"), N_("TEXT") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Allow the pair again"), NULL },
    { NULL }
  };

  if (!parse_command ("", _("Never pair a mentee with a mentor (a conflict of interest, a request)."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("exclude takes no arguments"));
  if (cohort_name == NULL || mentee == NULL || mentor == NULL)
    return usage_error (_("exclude needs --cohort NAME, --mentee EMAIL and --mentor EMAIL"));

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL ||
      !pairings_matcher_exclude (store, pairings_cohort_get_id (cohort), mentee, mentor, reason, remove, &error))
    return report_error (error);

  g_printerr (remove ? _("%s and %s may be paired again.\n") : _("%s and %s will never be paired.\n"),
              mentee, mentor);
  return EXIT_DONE;
}

static void
print_score (GString *out,
             gint64   value,
             gint64   scale)
{
  int decimals = 0;

  for (gint64 s = scale; s > 1; s /= 10)
    decimals++;
  if (decimals == 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                            value < 0 ? "-" : "", ABS (value) / scale, decimals, ABS (value) % scale);
}

static int
cmd_solve (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(PairingsSolver) solver = NULL;
  g_autoptr(PairingsSolution) solution = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean json = FALSE;
  gint64 scale = 1;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("MATRIX.csv"),
                      _("Pair the most rows with the columns for the largest total score. The "
                        "matrix has a row per mentee and a column per mentor place; an empty "
                        "cell forbids the pair. A file whose header is “row,column,score” lists "
                        "the allowed pairs instead."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("solve takes the matrix file to read"));

  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_basename (file);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("pairings-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  solver = pairings_solver_new_from_csv (G_INPUT_STREAM (stream), name, &scale, &error);
  if (solver == NULL)
    {
      g_printerr ("pairings-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  solution = pairings_solver_solve (solver, NULL, &error);
  if (solution == NULL)
    return report_error (error);

  if (json)
    {
      gboolean first = TRUE;

      g_string_append (out, "{\"total\": ");
      print_score (out, solution->total, scale);
      g_string_append_printf (out, ", \"matched\": %u, \"pairs\": [", solution->matched);
      for (guint r = 0; r < solution->n_rows; r++)
        if (solution->column_of[r] >= 0)
          {
            g_string_append_printf (out, "%s[%u, %d]", first ? "" : ", ", r, solution->column_of[r]);
            first = FALSE;
          }
      g_string_append_printf (out, "], \"solve_seconds\": %.6f, \"certificate\": %s}\n",
                              solution->seconds, solution->certificate ? "true" : "false");
    }
  else
    {
      g_string_append (out, "total ");
      print_score (out, solution->total, scale);
      g_string_append_c (out, '\n');
      for (guint r = 0; r < solution->n_rows; r++)
        if (solution->column_of[r] >= 0)
          g_string_append_printf (out, "%u,%d\n", r, solution->column_of[r]);
      /* TRANSLATORS: after solving: pairs made, rows, solver rounds */
      g_printerr (_("%u of %u rows paired; optimality certificate checked after %u round(s).\n"),
                  solution->matched, solution->n_rows, solution->rounds);
    }

  fputs (out->str, stdout);
  return EXIT_DONE;
}

/* An unwritable output, a bad extension or size: bad input, nothing written. */
static int
chart_error (const GError *error)
{
  g_printerr ("pairings-cli: %s\n", error->message);
  return EXIT_BAD_INPUT;
}

static int
cmd_chart (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(PairingsStore) store = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  g_autoptr(PairingsChartData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cohort_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *today = today_string ();
  int width = 1200, height = 800;
  PairingsChartTheme theme;
  PairingsChartKind kind;
  GOptionEntry entries[] = {
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_name, N_("The cohort to chart"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the chart to FILE: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (default 1200)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (default 800)"), N_("PX") },
    { NULL }
  };

  if (!parse_command ("participants|mentoring-types|funnel|check-ins|ratings|continuation",
                      _("Draw one of a cohort’s charts as PNG, SVG or PDF."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("chart takes the chart to draw: participants, mentoring-types, funnel, "
                          "check-ins, ratings or continuation"));
  if (!pairings_chart_kind_from_string (argv[1], &kind))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown chart “%s”: choose participants, mentoring-types, funnel, "
                           "check-ins, ratings or continuation"), argv[1]);
      return usage_error (message);
    }
  if (cohort_name == NULL)
    return usage_error (_("chart needs --cohort NAME"));
  if (output == NULL || *output == '\0')
    return usage_error (_("chart needs --output FILE"));
  if (!pairings_chart_export_check (output, width, height, &error))
    return chart_error (error);

  store = open_store (globals, &error);
  if (store == NULL)
    return report_error (error);
  cohort = pairings_store_find_cohort (store, cohort_name, &error);
  if (cohort == NULL)
    return report_error (error);
  data = pairings_charts_collect (store, kind, pairings_cohort_get_id (cohort), today, &error);
  if (data == NULL)
    return report_error (error);

  pairings_chart_theme_init_light (&theme);
  if (!pairings_chart_export (data, &theme, output, width, height, &error))
    return chart_error (error);

  /* TRANSLATORS: %s is a file name */
  g_printerr (_("Wrote “%s”.\n"), output);
  return EXIT_DONE;
}

static const Command commands[] = {
  { "init", cmd_init, N_("Create an empty database, or check an existing one") },
  { "demo", cmd_demo, N_("Fill the database with a demo programme") },
  { "cohort", cmd_cohort, N_("Add or list cohorts (add NAME, list)") },
  { "stats", cmd_stats, N_("Count applications and pairs per cohort") },
  { "chart", cmd_chart, N_("Draw a cohort’s chart as PNG, SVG or PDF") },
  { "import", cmd_import, N_("Import applications from a form’s CSV export") },
  { "import-agreements", cmd_import_agreements,
    N_("Import signed agreements from an e-signature form’s CSV export") },
  { "import-check-ins", cmd_import_check_ins,
    N_("Import check-ins from a survey’s CSV export") },
  { "import-evaluations", cmd_import_evaluations,
    N_("Import the answers to a mid-cycle or end-of-cycle survey from its CSV export") },
  { "export", cmd_export, N_("Write a cohort’s applications, roster, pairs or agreements as CSV") },
  { "match", cmd_match, N_("Suggest the best pairs for a cohort, each explained") },
  { "exclude", cmd_exclude, N_("Never pair a mentee with a mentor") },
  { "solve", cmd_solve, N_("Solve a score matrix exactly (for scripts and benchmarks)") },
  { "backup", cmd_backup, N_("Copy the database to FILE") },
  { "delete-person", cmd_delete_person, N_("Delete every trace of a person (EMAIL)") },
  { "anonymise", cmd_anonymise, N_("Remove the names and free text of a cohort that has ended") },
  { "restore", cmd_restore, N_("Replace the database with the backup FILE (a copy of it is kept)") },
};

static void
print_help (void)
{
  g_autofree char *path = pairings_store_default_path ();
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  g_print (_("Usage: pairings-cli [--database FILE] COMMAND [OPTION…]\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
  g_print (_("\nThe default database is “%s”.\n"), path);
  g_print (_("“pairings-cli COMMAND --help” describes the options of a command.\n"));
  g_print (_("Exit status: 0 done, 1 usage error, 2 bad input (nothing was changed), "
             "3 database error.\n"));
}

static void
setup_i18n (void)
{
  const char *localedir = g_getenv ("PAIRINGS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int    argc,
      char **argv)
{
  Globals globals = { NULL, };
  int i = 1;

  setup_i18n ();

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help ();
          return EXIT_DONE;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("pairings-cli %s\n", PACKAGE_VERSION);
          return EXIT_DONE;
        }
      else if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        globals.database = argv[++i];
      else if (g_str_has_prefix (argv[i], "--database="))
        globals.database = argv[i] + strlen ("--database=");
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”"), argv[i]);
          return usage_error (message);
        }
    }

  if (globals.database != NULL && *globals.database == '\0')
    return usage_error (_("--database needs a file name"));

  if (i >= argc)
    return usage_error (_("No command given"));

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        return commands[c].func (&globals, argc - i, argv + i);
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[i]);
    return usage_error (message);
  }
}

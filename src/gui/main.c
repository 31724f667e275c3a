/* main.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "pairings-app.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PairingsApp) app = NULL;
  const char *localedir = g_getenv ("PAIRINGS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Pairings"));

  app = pairings_app_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

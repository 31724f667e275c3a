/* test-cli.c: pairings-cli as scripts see it: output, messages, exit status
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pairings-store.h"
#include "pairings-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pairings-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "cli.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  GStatBuf st;

  g_autofree char *version = g_strdup_printf ("version %d", PAIRINGS_STORE_SCHEMA_VERSION);

  ptest_run_cli (&run, NULL, "--database", f->db, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, version));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_default_database (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *env = g_strconcat ("XDG_DATA_HOME=", f->dir, NULL);
  g_autofree char *expected = g_build_filename (f->dir, "pairings", "pairings.db", NULL);
  g_autofree char *folder = g_path_get_dirname (expected);

  ptest_run_cli (&run, env, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  /* Tidy the nested folder that the fixture does not know about. */
  {
    g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (folder, name, NULL);
        g_unlink (child);
      }
    g_rmdir (folder);
  }
}

static void
test_demo_and_stats (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) demo = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) stats = { 0, };
  g_auto(Run) one = { 0, };
  g_auto(Run) text = { 0, };

  ptest_run_cli (&demo, NULL, "--database", f->db, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.err, "3 cohorts"));

  ptest_run_cli (&stats, NULL, "--database", f->db, "stats", "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_true (g_str_has_prefix (stats.out, "{\"cohorts\":["));
  g_assert_cmpuint (count_occurrences (stats.out, "\"programme\":"), ==, 3);
  g_assert_nonnull (strstr (stats.out, "\"name\":\"2023\""));
  g_assert_nonnull (strstr (stats.out, "\"name\":\"2024\""));
  g_assert_nonnull (strstr (stats.out, "\"name\":\"2025\""));

  ptest_run_cli (&one, NULL, "--database", f->db, "stats", "--cohort", "2024", "--json", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpuint (count_occurrences (one.out, "\"programme\":"), ==, 1);

  ptest_run_cli (&text, NULL, "--database", f->db, "stats", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "cohort 2025"));

  /* A second demo is refused as bad input, and changes nothing. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_auto(Run) checkpoint = { 0, };

    ptest_run_cli (&checkpoint, NULL, "--database", f->db, "stats", "--json", NULL);
    before = g_strdup (checkpoint.out);
    ptest_run_cli (&again, NULL, "--database", f->db, "demo", NULL);
    g_assert_cmpint (again.status, ==, 2);
    g_assert_cmpstr (again.out, ==, "");
    g_assert_cmpstr (again.err, !=, "");
    run_clear (&checkpoint);
    ptest_run_cli (&checkpoint, NULL, "--database", f->db, "stats", "--json", NULL);
    after = g_strdup (checkpoint.out);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_cohorts (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) add = { 0, };
  g_auto(Run) dup = { 0, };
  g_auto(Run) bad = { 0, };
  g_auto(Run) list = { 0, };
  g_auto(Run) missing = { 0, };

  ptest_run_cli (&add, NULL, "--database", f->db, "cohort", "add", "2026", "--programme", "Women in Tech",
           "--pair-limit", "12", "--call-opens", "2026-01-05", "--deadline", "2026-02-01",
           "--announcement", "2026-03-01", "--kick-off", "2026-03-15", "--end", "2026-11-30", NULL);
  g_assert_cmpint (add.status, ==, 0);

  ptest_run_cli (&dup, NULL, "--database", f->db, "cohort", "add", "2026", NULL);
  g_assert_cmpint (dup.status, ==, 2);
  g_assert_nonnull (strstr (dup.err, "2026"));

  ptest_run_cli (&bad, NULL, "--database", f->db, "cohort", "add", "2027", "--deadline", "2027-02-31", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "2027-02-31"));

  ptest_run_cli (&list, NULL, "--database", f->db, "cohort", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.out, ==,
                   "[{\"name\":\"2026\",\"programme\":\"Women in Tech\",\"call_opens\":\"2026-01-05\","
                   "\"deadline\":\"2026-02-01\",\"announcement\":\"2026-03-01\",\"kick_off\":\"2026-03-15\","
                   "\"end\":\"2026-11-30\",\"pair_limit\":12}]\n");

  ptest_run_cli (&missing, NULL, "--database", f->db, "stats", "--cohort", "1999", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "1999"));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *cases[][4] = {
    { "frobnicate", NULL },
    { "--no-such-option", "init", NULL },
    { "cohort", NULL },
    { "cohort", "rename", NULL },
    { "cohort", "add", NULL },
    { "stats", "--cohort", NULL },
    { "stats", "extra", NULL },
    { "backup", NULL },
    { "init", "--what", NULL },
    { "import-check-ins", NULL },
    { "import-agreements", "--cohort", NULL },
  };

  {
    g_auto(Run) none = { 0, };
    ptest_run_cli (&none, NULL, NULL);
    g_assert_cmpint (none.status, ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0, };

      ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2], NULL);
      g_test_message ("case %u: %s", i, cases[i][0]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "pairings-cli"));
    }

  {
    g_auto(Run) help = { 0, };
    ptest_run_cli (&help, NULL, "--help", NULL);
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "backup"));
    g_assert_nonnull (strstr (help.out, "  import-agreements "));
    g_assert_nonnull (strstr (help.out, "  import-check-ins "));
  }
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "mentees.csv", NULL);
  g_autofree char *wal = g_strconcat (csv, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0, };

  g_assert_true (g_file_set_contents (csv, "Name,Email\nAna,ana@cern.ch\n", -1, NULL));
  before = file_digest (csv);

  ptest_run_cli (&run, NULL, "--database", csv, "stats", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "mentees.csv"));
  g_assert_cmpstr (run.out, ==, "");

  after = file_digest (csv);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_auto(Run) init = { 0, };
  g_auto(Run) backup = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) check = { 0, };
  GStatBuf st;

  ptest_run_cli (&init, NULL, "--database", f->db, "cohort", "add", "2025", NULL);
  g_assert_cmpint (init.status, ==, 0);

  ptest_run_cli (&backup, NULL, "--database", f->db, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  ptest_run_cli (&again, NULL, "--database", f->db, "backup", copy, NULL);
  g_assert_cmpint (again.status, ==, 2);

  ptest_run_cli (&check, NULL, "--database", copy, "cohort", "list", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_true (g_str_has_prefix (check.out, "2025\t"));
}

static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  /* LANGUAGE only applies under a real locale; C.UTF-8 is always there. */
  g_setenv ("LANG", "C.UTF-8", TRUE);
  ptest_run_cli (&run, "LANGUAGE=fr", "--database", f->db, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Commande inconnue"));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "mentees.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "binary.csv", NULL);
  g_autofree char *preset = g_build_filename (f->dir, "preset.ini", NULL);
  g_auto(Run) add = { 0, };
  g_auto(Run) dry = { 0, };
  g_auto(Run) strict = { 0, };
  g_auto(Run) real = { 0, };
  g_auto(Run) binary = { 0, };
  g_auto(Run) usage = { 0, };
  g_auto(Run) missing = { 0, };
  g_auto(Run) mapped = { 0, };
  g_auto(Run) stats = { 0, };

  g_assert_true (g_file_set_contents (csv,
    "Horodateur;Courriel;Nom complet\r\n"
    "14/02/2025 10:00;ana@usp.example;Ana Lima\r\n"
    "14/02/2025 11:00;oops;Bad Address\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "\x7f" "ELF\0\0\0", 7, NULL));
  g_assert_true (g_file_set_contents (preset, "[mapping]\nemail=Adresse\n", -1, NULL));

  ptest_run_cli (&add, NULL, "--database", f->db, "cohort", "add", "2025", NULL);
  g_assert_cmpint (add.status, ==, 0);

  ptest_run_cli (&dry, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentee",
           "--dry-run", "--json", csv, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "{\"imported\":1,\"updated\":0,"));
  g_assert_nonnull (strstr (dry.out, "\"skipped\":[{\"line\":3,\"field\":\"email\",\"reason\":"));

  ptest_run_cli (&strict, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentee",
           "--strict", csv, NULL);
  g_assert_cmpint (strict.status, ==, 2);
  g_assert_nonnull (strstr (strict.err, "mentees.csv, line 3"));

  ptest_run_cli (&binary, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentee", bad, NULL);
  g_assert_cmpint (binary.status, ==, 2);
  g_assert_nonnull (strstr (binary.err, "binary.csv"));

  ptest_run_cli (&usage, NULL, "--database", f->db, "import", "--cohort", "2025", csv, NULL);
  g_assert_cmpint (usage.status, ==, 1);

  ptest_run_cli (&missing, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentor",
           "/nonexistent/file.csv", NULL);
  g_assert_cmpint (missing.status, ==, 2);

  ptest_run_cli (&mapped, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentee",
           "--mapping", preset, csv, NULL);
  g_assert_cmpint (mapped.status, ==, 2);
  g_assert_nonnull (strstr (mapped.err, "Adresse"));

  /* Nothing above wrote anything. */
  ptest_run_cli (&stats, NULL, "--database", f->db, "stats", "--json", NULL);
  g_assert_nonnull (strstr (stats.out, "\"mentees\":{\"total\":0,"));

  ptest_run_cli (&real, NULL, "--database", f->db, "import", "--cohort", "2025", "--role", "mentee",
           "--json", csv, NULL);
  g_assert_cmpint (real.status, ==, 0);
  run_clear (&stats);
  ptest_run_cli (&stats, NULL, "--database", f->db, "stats", "--json", NULL);
  g_assert_nonnull (strstr (stats.out, "\"mentees\":{\"total\":1,"));
}

static void
test_match_and_solve (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *matrix = g_build_filename (f->dir, "m.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *dump = g_build_filename (f->dir, "scores.csv", NULL);
  g_auto(Run) demo = { 0, };
  g_auto(Run) match = { 0, };
  g_auto(Run) usage = { 0, };
  g_auto(Run) solve = { 0, };
  g_auto(Run) json = { 0, };
  g_auto(Run) broken = { 0, };
  g_auto(Run) stranger = { 0, };
  g_auto(Run) dumped = { 0, };

  ptest_run_cli (&demo, NULL, "--database", f->db, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  ptest_run_cli (&match, NULL, "--database", f->db, "match", "--cohort", "2025", "--json",
                 "--dump-scores", dump, NULL);
  g_assert_cmpint (match.status, ==, 0);
  g_assert_true (g_str_has_prefix (match.out, "{\"total\":"));
  g_assert_nonnull (strstr (match.out, "\"certificate\":true"));
  g_assert_true (g_file_test (dump, G_FILE_TEST_IS_REGULAR));

  ptest_run_cli (&dumped, NULL, "solve", dump, NULL);
  g_assert_cmpint (dumped.status, ==, 0);
  g_assert_true (g_str_has_prefix (dumped.out, "total "));

  ptest_run_cli (&usage, NULL, "--database", f->db, "match", NULL);
  g_assert_cmpint (usage.status, ==, 1);

  ptest_run_cli (&stranger, NULL, "--database", f->db, "exclude", "--cohort", "2025",
                 "--mentee", "nobody@example.org", "--mentor", "nobody@example.org", NULL);
  g_assert_cmpint (stranger.status, ==, 2);

  g_assert_true (g_file_set_contents (matrix, "5,,1\n4,3,\n,2,9\n", -1, NULL));
  ptest_run_cli (&solve, NULL, "solve", matrix, NULL);
  g_assert_cmpint (solve.status, ==, 0);
  g_assert_cmpstr (solve.out, ==, "total 17\n0,0\n1,1\n2,2\n");
  ptest_run_cli (&json, NULL, "solve", "--json", matrix, NULL);
  g_assert_true (g_str_has_prefix (json.out, "{\"total\": 17, \"matched\": 3, \"pairs\": [[0, 0], [1, 1], [2, 2]], \"solve_seconds\": "));

  g_assert_true (g_file_set_contents (bad, "1,x\n", -1, NULL));
  ptest_run_cli (&broken, NULL, "solve", bad, NULL);
  g_assert_cmpint (broken.status, ==, 2);
  g_assert_nonnull (strstr (broken.err, "bad.csv, line 1, column 2"));
}

/* The demo's first announced pair of 2025 reports a check-in; the
 * agreements export shows how each pair is doing. */
static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "check-ins.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *mentee = NULL;
  g_auto(Run) demo = { 0, };
  g_auto(Run) dry = { 0, };
  g_auto(Run) real = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) export = { 0, };

  ptest_run_cli (&demo, NULL, "--database", f->db, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  ptest_run_cli (&export, NULL, "--database", f->db, "export", "agreements", "--cohort", "2025", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_str_has_prefix (export.out,
                                   "mentor_name,mentor_email,mentee_name,mentee_email,agreement_status,"
                                   "sent_on,signed_on,meeting_every_days,mode,contact,"
                                   "confidentiality_acknowledged,goals,goals_reached,check_ins,"
                                   "last_check_in,outcome,overdue,at_risk\r\n"));

  /* The first data row's mentee e-mail (the demo writes no quoted e-mails). */
  {
    g_auto(GStrv) lines = g_strsplit (export.out, "\r\n", 3);
    const char *p = lines[1];

    g_assert_nonnull (p);
    for (guint comma = 0; comma < 3; comma++)
      {
        p = strchr (p, ',');
        g_assert_nonnull (p);
        p++;
      }
    mentee = g_strndup (p, strcspn (p, ","));
    g_assert_nonnull (strchr (mentee, '@'));
  }

  contents = g_strdup_printf ("Horodateur;Adresse e-mail;Comment ça se passe ?;Commentaires\r\n"
                              "02/05/2025 09:00:00;%s;En bonne voie;RAS\r\n"
                              "02/05/2025 09:00:00;personne@example.org;En bonne voie;\r\n", mentee);
  g_assert_true (g_file_set_contents (csv, contents, -1, NULL));

  ptest_run_cli (&dry, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025",
                 "--dry-run", "--json", csv, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "{\"applied\":1,\"unchanged\":0,\"skipped\":[{\"line\":3,"
                                            "\"field\":\"Adresse e-mail\",\"reason\":"));

  ptest_run_cli (&real, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025", "--json",
                 csv, NULL);
  g_assert_cmpint (real.status, ==, 0);
  g_assert_cmpstr (real.out, ==, dry.out);

  ptest_run_cli (&again, NULL, "--database", f->db, "import-check-ins", "--cohort", "2025", "--json",
                 csv, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.out, "{\"applied\":0,\"unchanged\":1,"));
}

/* The first bytes of an exported chart, and a PNG's size from its header. */
static void
assert_chart_file (const char *path,
                   int         width,
                   int         height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (g_str_has_suffix (path, ".png"))
    {
      g_assert_cmpuint (length, >, 24);
      g_assert_cmpint (memcmp (contents, "\x89PNG\r\n\x1a\n", 8), ==, 0);
      g_assert_cmpint (memcmp (contents + 12, "IHDR", 4), ==, 0);
      g_assert_cmpint (GUINT32_FROM_BE (*(guint32 *) (contents + 16)), ==, width);
      g_assert_cmpint (GUINT32_FROM_BE (*(guint32 *) (contents + 20)), ==, height);
    }
  else if (g_str_has_suffix (path, ".pdf"))
    {
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_assert_nonnull (g_strrstr (contents + length - 32, "%%EOF"));
    }
  else
    {
      g_assert_true (g_str_has_prefix (contents, "<?xml"));
      g_assert_nonnull (strstr (contents, "<svg"));
      g_assert_nonnull (strstr (contents, "</svg>"));
    }
}

static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  static const char *kinds[] = {
    "participants", "mentoring-types", "funnel", "check-ins", "ratings", "continuation",
  };
  g_autofree char *svg = g_build_filename (f->dir, "funnel.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "ratings.PDF", NULL);
  g_autofree char *small = g_build_filename (f->dir, "small.png", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "chart.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);
  g_auto(Run) demo = { 0, };

  ptest_run_cli (&demo, NULL, "--database", f->db, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".png", NULL);
      g_autofree char *png = g_build_filename (f->dir, name, NULL);
      g_auto(Run) run = { 0, };

      ptest_run_cli (&run, NULL, "--database", f->db, "chart", kinds[i], "--cohort", "2025",
                     "--output", png, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "");
      assert_chart_file (png, 1200, 800);
    }

  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "chart", "funnel", "--cohort", "2025",
                   "--output", svg, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_chart_file (svg, 0, 0);
  }
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "chart", "ratings", "--cohort", "2024",
                   "--output", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) run = { 0, };
    ptest_run_cli (&run, NULL, "--database", f->db, "chart", "participants", "--cohort", "2025",
                   "--output", small, "--width", "300", "--height", "200", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_chart_file (small, 300, 200);
  }

  /* Usage errors: 1. */
  {
    const char *cases[][7] = {
      { "chart", "pie", "--cohort", "2025", "--output", missing, NULL },
      { "chart", "funnel", "--cohort", "2025", NULL },
      { "chart", "funnel", "--output", missing, NULL },
      { "chart", "--cohort", "2025", "--output", missing, NULL },
      { "chart", "funnel", "--cohort", "2025", "--output", missing, "--width=wide" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };
        g_test_message ("usage case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2],
                       cases[i][3], cases[i][4], cases[i][5], cases[i][6], NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_nonnull (strstr (run.err, "pairings-cli"));
      }
  }

  /* Bad input: 2, and nothing written. */
  {
    const char *cases[][9] = {
      { "chart", "funnel", "--cohort", "1999", "--output", missing, NULL },
      { "chart", "funnel", "--cohort", "2025", "--output", txt, NULL },
      { "chart", "funnel", "--cohort", "2025", "--output", missing, "--width", "99" },
      { "chart", "funnel", "--cohort", "2025", "--output", missing, "--height", "10001" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0, };
        g_test_message ("bad input case %u", i);
        ptest_run_cli (&run, NULL, "--database", f->db, cases[i][0], cases[i][1], cases[i][2],
                       cases[i][3], cases[i][4], cases[i][5], cases[i][6], cases[i][7], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, "pairings-cli"));
      }
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/init", test_init);
  ADD ("/cli/default-database", test_default_database);
  ADD ("/cli/demo-and-stats", test_demo_and_stats);
  ADD ("/cli/cohorts", test_cohorts);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/foreign-file", test_foreign_file);
  ADD ("/cli/backup", test_backup);
  ADD ("/cli/import", test_import);
  ADD ("/cli/match-and-solve", test_match_and_solve);
  ADD ("/cli/french", test_french);
  ADD ("/cli/follow-up", test_follow_up);
  ADD ("/cli/chart", test_chart);

  return g_test_run ();
}

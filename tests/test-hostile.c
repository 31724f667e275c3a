/* test-hostile.c: broken and hostile files fed to the applications import
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case runs in a child (g_test_trap_subprocess) with a time limit, so
 * a crash or a hang fails that case by name. The import must either refuse
 * the file with a message that names it, leaving every table as it was, or
 * import it cleanly.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-export.h"
#include "pairings-import.h"
#include "pairings-test-utils.h"

#define CASE_TIMEOUT_USEC (60 * G_USEC_PER_SEC)
#define HEADER "Timestamp,Email,Name,Motivation\n"

typedef enum
{
  REFUSED,
  IMPORTED,
  EITHER,    /* a race decides; either is clean */
} Outcome;

typedef struct
{
  char           *dir;
  char           *db;
  char           *path;    /* the file to import: <dir>/<case>.csv */
  PairingsStore  *store;
  PairingsCohort *cohort;
} Env;

typedef struct
{
  const char *name;
  void      (*make) (Env *env);
  const char *preset;        /* a preset's text, or NULL */
  Outcome     outcome;
  const char *says;          /* refused: part of the message */
  int         rows;          /* imported: applications; -1 any */
  void      (*check) (Env *env);
  gboolean    cli;           /* also through pairings-cli: exit 2 or 0 */
} HostileCase;

static void
put (Env        *env,
     const char *contents,
     gssize      length)
{
  g_assert_true (g_file_set_contents (env->path, contents, length, NULL));
}

/* Makers ----------------------------------------------------------------- */

static void
make_unterminated_quote (Env *env)
{
  put (env, HEADER "2025-01-01,a@x.example,Ana,\"never closed\nb@x.example,Ben,x\n", -1);
}

static void
make_nul_header (Env *env)
{
  put (env, "Email,Na\0me\na@x.example,Ana\n", 27);
}

static void
make_nul_late (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER);

  /* Past the first chunk that the reader sniffs. */
  for (guint i = 0; s->len < 100 * 1024; i++)
    g_string_append_printf (s, "2025-01-01,p%u@x.example,Person %u,Why not\n", i, i);
  g_string_append (s, "2025-01-01,nul@x.example,Nu");
  g_string_append_c (s, '\0');
  g_string_append (s, "ll,cut\n");
  put (env, s->str, (gssize) s->len);
}

static void
make_invalid_utf8 (Env *env)
{
  put (env, HEADER "2025-01-01,a@x.example,Ana \xC3\x28 \xFF,Motivated\n"
                   "2025-01-01,b@x.example,Ben,Fine\n", -1);
}

static void
make_utf16_no_bom (Env *env)
{
  const char *text = "Email,Name\na@x.example,Ana\n";
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      g_string_append_c (s, *p);
      g_string_append_c (s, '\0');
    }
  put (env, s->str, (gssize) s->len);
}

static void
make_huge_field (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER "2025-01-01,a@x.example,Ana,");

  g_string_set_size (s, s->len + 10 * 1024 * 1024);
  memset (s->str + s->len - 10 * 1024 * 1024, 'm', 10 * 1024 * 1024);
  g_string_append (s, "\n2025-01-01,b@x.example,Ben,Short\n");
  put (env, s->str, (gssize) s->len);
}

static void
make_many_columns (Env *env)
{
  g_autoptr(GString) s = g_string_new ("Email,Name");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, ",Q%u", i);
  g_string_append (s, "\na@x.example,Ana\n");
  put (env, s->str, (gssize) s->len);
}

static void
make_only_bom (Env *env)
{
  put (env, "\xEF\xBB\xBF", 3);
}

static void
make_only_header (Env *env)
{
  put (env, HEADER, -1);
}

static void
make_empty (Env *env)
{
  put (env, "", 0);
}

static void
make_directory (Env *env)
{
  g_assert_cmpint (g_mkdir (env->path, 0700), ==, 0);
}

/* Root reads a chmod 000 file all the same (CI runs as root): then the
 * import is clean, which is also what root would get from any tool. */
static void
make_unreadable (Env *env)
{
  put (env, HEADER "2025-01-01,a@x.example,Ana,Hi\n", -1);
  g_assert_cmpint (g_chmod (env->path, 0), ==, 0);
}

static void
make_dangling_link (Env *env)
{
  g_assert_cmpint (symlink ("nowhere.csv", env->path), ==, 0);
}

static void
make_fifo (Env *env)
{
  g_assert_cmpint (mkfifo (env->path, 0600), ==, 0);
}

static void
make_symlink_loop (Env *env)
{
  g_autofree char *other = g_build_filename (env->dir, "other.csv", NULL);
  g_autofree char *base = g_path_get_basename (env->path);

  g_assert_cmpint (symlink ("other.csv", env->path), ==, 0);
  g_assert_cmpint (symlink (base, other), ==, 0);
}

static void
make_lookalike (Env *env)
{
  /* The second address has a Cyrillic а (U+0430) for the Latin a. */
  put (env, HEADER "2025-01-01,ana@x.example,Ana Latin,One\n"
                   "2025-01-02,\xD0\xB0na@x.example,Ana Cyrillic,Two\n", -1);
}

static void
make_formulas (Env *env)
{
  put (env, "Timestamp,Email,Name,Motivation,Home institution\n"
            "2025-01-01,f1@x.example,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",+cmd|' /C calc'!A0,@SUM(1+1)\n"
            "2025-01-01,f2@x.example,-1+1,=1+1,+41 22 767\n", -1);
}

static void
make_rtl_override (Env *env)
{
  put (env, HEADER "2025-01-01,r@x.example,\xE2\x80\xAEnamuH\xE2\x80\xAC Eve,Reads fine\n", -1);
}

static void
make_sparse_1g (Env *env)
{
  int fd = g_open (env->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1024 * 1024 * 1024), ==, 0);
  close (fd);
}

/* A good start, then 200 MB of hole: the NUL bytes come after the sample. */
static void
make_sparse_after_rows (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER);
  int fd;

  while (s->len < 100 * 1024)
    g_string_append (s, "2025-01-01,same@x.example,Same,Again\n");
  g_assert_true (g_file_set_contents (env->path, s->str, (gssize) s->len, NULL));
  fd = g_open (env->path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 200 * 1024 * 1024), ==, 0);
  close (fd);
}

/* 40 MB without one line end: the reader must not hold it all, nor scan
 * it again for every chunk. */
static void
make_endless_line (Env *env)
{
  gsize size = 40 * 1024 * 1024;
  g_autofree char *data = g_malloc (size);

  memset (data, 'x', size);
  memcpy (data, "Email,Name", 10);
  put (env, data, (gssize) size);
}

static void
make_unclosed_quote_large (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER "2025-01-01,a@x.example,Ana,\"opened\n");

  while (s->len < 20 * 1024 * 1024)
    g_string_append (s, "2025-01-01,b@x.example,Ben,inside the quote all along\n");
  put (env, s->str, (gssize) s->len);
}

static void
make_cr_only (Env *env)
{
  put (env, "Timestamp,Email,Name,Motivation\r2025-01-01,a@x.example,Ana,One\r"
            "2025-01-01,b@x.example,Ben,Two\r", -1);
}

static void
make_mixed_delimiters (Env *env)
{
  put (env, HEADER "2025-01-01;m1@x.example;Ana;semicolons\n"
                   "2025-01-01,m2@x.example,Ben,commas\n"
                   "2025-01-01\tm3@x.example\tCy\ttabs\n", -1);
}

static void
make_duplicate_headers (Env *env)
{
  put (env, "Email,Name,Name,Email\na@x.example,Ana,Other,b@x.example\n", -1);
}

static void
make_zero_width_headers (Env *env)
{
  put (env, "E\xE2\x80\x8Bmail,\xE2\x80\x8BName\xE2\x80\x8B\na@x.example,Ana\n", -1);
}

static void
make_long_headers (Env *env)
{
  g_autoptr(GString) s = g_string_new ("Email,Name");

  for (guint i = 0; i < 20; i++)
    {
      g_string_append_printf (s, ",Question %u ", i);
      for (guint k = 0; k < 5000; k++)
        g_string_append (s, "very ");
      g_string_append (s, "long");
    }
  g_string_append (s, "\na@x.example,Ana");
  for (guint i = 0; i < 20; i++)
    g_string_append (s, ",answer");
  g_string_append_c (s, '\n');
  put (env, s->str, (gssize) s->len);
}

static void
make_wide_row (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER "2025-01-01,w1@x.example,Wide");

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, ",x");
  g_string_append (s, "\n2025-01-01,w2@x.example,Narrow,Fine\n");
  put (env, s->str, (gssize) s->len);
}

static void
make_png (Env *env)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
  };

  put (env, (const char *) png, sizeof png);
}

static void
make_elf (Env *env)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (g_getenv ("PAIRINGS_CLI"), &contents, &length, NULL));
  put (env, contents, (gssize) MIN (length, 256 * 1024));
}

static void
make_gzip (Env *env)
{
  static const guint8 gz[] = {
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x73, 0xCD, 0x4D, 0xCC,
    0xCC, 0xD1, 0xE1, 0x02, 0x00, 0x5A, 0x1C, 0x8E, 0x2E, 0x07, 0x00, 0x00, 0x00,
  };

  put (env, (const char *) gz, sizeof gz);
}

static void
make_good (Env *env)
{
  put (env, HEADER "2025-01-01,a@x.example,Ana,One\n2025-01-01,b@x.example,Ben,Two\n", -1);
}

static void
make_cp1252_controls (Env *env)
{
  put (env, HEADER "2025-01-01,c@x.example,Caf\xE9 \x81\x8D\x9D,Bell \x07 and esc \x1B\n", -1);
}

static void
make_bad_email (Env *env)
{
  put (env, HEADER "2025-01-01,not an address,Ana,One\n2025-01-01,,Ben,Two\n"
                   "2025-01-01,\"a@x.example\nb@x.example\",Cy,Three\n", -1);
}

static void
make_blank_lines (Env *env)
{
  put (env, "\n\n\r\n" HEADER "\n\n2025-01-01,a@x.example,Ana,One\n\n\n", -1);
}

static void
make_quote_in_plain (Env *env)
{
  put (env, HEADER "2025-01-01,q@x.example,Ana \"the\" Great,5'11\" tall\n", -1);
}

/* Grows and shrinks from another thread while the import reads it. */
static gpointer
churn (gpointer data)
{
  Env *env = data;

  for (guint i = 0; i < 200; i++)
    {
      int fd = g_open (env->path, O_WRONLY | O_APPEND, 0);

      if (fd < 0)
        break;
      if (i % 3 == 2)
        g_assert_cmpint (ftruncate (fd, 4096), ==, 0);
      else
        g_assert_cmpint (write (fd, "2025-02-01,late@x.example,Late,Appended\n", 40), ==, 40);
      close (fd);
      g_usleep (200);
    }
  return NULL;
}

static void
make_changing (Env *env)
{
  g_autoptr(GString) s = g_string_new (HEADER);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "2025-01-01,c%u@x.example,Changing %u,Why\n", i, i);
  put (env, s->str, (gssize) s->len);
}

/* Checks ------------------------------------------------------------------ */

static void
check_lookalike (Env *env)
{
  /* Never merged: the Cyrillic address is a person of its own, or left out. */
  int latin = query_int (env->store, "SELECT count(*) FROM people WHERE email = 'ana@x.example'");
  int cyrillic = query_int (env->store, "SELECT count(*) FROM people WHERE email = '\xD0\xB0na@x.example'");
  g_autofree char *latin_name = query_text (env->store, "SELECT a.name FROM applications a JOIN people p"
                                                        " ON p.id = a.person_id WHERE p.email = 'ana@x.example'");

  g_assert_cmpint (latin, ==, 1);
  g_assert_cmpstr (latin_name, ==, "Ana Latin");
  g_assert_cmpint (cyrillic, <=, 1);
  g_printerr ("  look-alike: the Cyrillic address is %s\n", cyrillic ? "a person of its own" : "left out");
}

static char *
export_applications (Env *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (env->dir, "export.csv", NULL);
  char *contents = NULL;

  g_assert_true (pairings_export_to_file (env->store, PAIRINGS_EXPORT_APPLICATIONS,
                                          pairings_cohort_get_id (env->cohort), 0, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  return contents;
}

static void
check_formulas (Env *env)
{
  g_autofree char *name = query_text (env->store, "SELECT name FROM applications WHERE motivation LIKE '+cmd%'");
  g_autofree char *minus = query_text (env->store, "SELECT name FROM applications WHERE motivation = '=1+1'");
  g_autofree char *exported = export_applications (env);

  /* Stored as the text it was. */
  g_assert_cmpstr (name, ==, "=HYPERLINK(\"http://evil.example\",\"Click\")");
  g_assert_cmpstr (minus, ==, "-1+1");
  /* Exported with the prefix that keeps a spreadsheet from running it. */
  g_assert_nonnull (strstr (exported, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""));
  g_assert_nonnull (strstr (exported, "'-1+1,"));
  g_assert_nonnull (strstr (exported, "'+cmd|' /C calc'!A0"));
  g_assert_nonnull (strstr (exported, "'=1+1"));
  g_assert_null (strstr (exported, ",=1+1"));
  g_assert_null (strstr (exported, ",+cmd"));
}

static void
check_rtl (Env *env)
{
  g_autofree char *name = query_text (env->store, "SELECT name FROM applications WHERE name <> 'Old Timer'");
  g_autofree char *exported = export_applications (env);

  g_assert_cmpstr (name, ==, "\xE2\x80\xAEnamuH\xE2\x80\xAC Eve");
  /* The export keeps the name as given (it is data, not a formula). */
  g_assert_nonnull (strstr (exported, "\xE2\x80\xAEnamuH\xE2\x80\xAC Eve"));
}

static void
check_invalid_utf8 (Env *env)
{
  g_assert_cmpint (query_int (env->store, "SELECT count(*) FROM applications WHERE name = 'Ben'"), ==, 1);
}

/* The table ------------------------------------------------------------------ */

static const HostileCase cases[] = {
  { "unterminated-quote", make_unterminated_quote, NULL, REFUSED, "never closed", 0, NULL, TRUE },
  { "nul-in-header", make_nul_header, NULL, REFUSED, "NUL", 0, NULL, TRUE },
  { "nul-after-sample", make_nul_late, NULL, REFUSED, "line 2", 0, NULL, FALSE },
  { "invalid-utf8", make_invalid_utf8, NULL, IMPORTED, NULL, -1, check_invalid_utf8, FALSE },
  { "utf16-without-bom", make_utf16_no_bom, NULL, REFUSED, "NUL", 0, NULL, FALSE },
  { "field-10mb", make_huge_field, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "columns-100000", make_many_columns, NULL, REFUSED, "line 1", 0, NULL, TRUE },
  { "only-bom", make_only_bom, NULL, REFUSED, "empty", 0, NULL, FALSE },
  { "only-header", make_only_header, NULL, REFUSED, NULL, 0, NULL, FALSE },
  { "empty", make_empty, NULL, REFUSED, "empty", 0, NULL, FALSE },
  { "blank-lines-only", NULL, NULL, REFUSED, "empty", 0, NULL, FALSE },
  { "directory", make_directory, NULL, REFUSED, "folder", 0, NULL, TRUE },
  { "unreadable", make_unreadable, NULL, EITHER, "ermission", -1, NULL, FALSE },
  { "dangling-symlink", make_dangling_link, NULL, REFUSED, "Cannot read", 0, NULL, FALSE },
  { "fifo", make_fifo, NULL, REFUSED, "not a regular file", 0, NULL, TRUE },
  { "symlink-loop", make_symlink_loop, NULL, REFUSED, "Cannot read", 0, NULL, FALSE },
  { "changing-while-read", make_changing, NULL, EITHER, NULL, -1, NULL, FALSE },
  { "lookalike-email", make_lookalike, NULL, IMPORTED, NULL, -1, check_lookalike, FALSE },
  { "formula-injection", make_formulas, NULL, IMPORTED, NULL, 2, check_formulas, FALSE },
  { "rtl-override", make_rtl_override, NULL, IMPORTED, NULL, 1, check_rtl, FALSE },
  { "sparse-1gb", make_sparse_1g, NULL, REFUSED, "NUL", 0, NULL, FALSE },
  { "sparse-after-rows", make_sparse_after_rows, NULL, REFUSED, "NUL", 0, NULL, FALSE },
  { "endless-line-40mb", make_endless_line, NULL, REFUSED, "longer than", 0, NULL, FALSE },
  { "unclosed-quote-20mb", make_unclosed_quote_large, NULL, REFUSED, "longer than", 0, NULL, FALSE },
  { "cr-only", make_cr_only, NULL, IMPORTED, NULL, 2, NULL, FALSE },
  { "mixed-delimiters", make_mixed_delimiters, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "duplicate-headers", make_duplicate_headers, NULL, EITHER, NULL, -1, NULL, FALSE },
  { "zero-width-headers", make_zero_width_headers, NULL, EITHER, NULL, -1, NULL, FALSE },
  { "long-headers", make_long_headers, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "row-10000-fields", make_wide_row, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "png", make_png, NULL, REFUSED, NULL, 0, NULL, TRUE },
  { "elf", make_elf, NULL, REFUSED, "NUL", 0, NULL, FALSE },
  { "gzip", make_gzip, NULL, REFUSED, NULL, 0, NULL, FALSE },
  { "cp1252-controls", make_cp1252_controls, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "bad-emails", make_bad_email, NULL, EITHER, NULL, -1, NULL, FALSE },
  { "blank-lines-around", make_blank_lines, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "stray-quotes", make_quote_in_plain, NULL, IMPORTED, NULL, 1, NULL, FALSE },
  { "preset-bad-syntax", make_good, "[mapping\nemail=Email\n", REFUSED, "preset.ini", 0, NULL, TRUE },
  { "preset-unknown-field", make_good, "[mapping]\nshoe_size=Email\n", REFUSED, "shoe_size", 0, NULL, FALSE },
  { "preset-unknown-group", make_good, "[mapping]\nemail=Email\n[weather]\nrain=yes\n", EITHER, NULL, -1, NULL, FALSE },
  { "preset-binary", make_good, "\x89PNG\r\n\x1A\n\xFF\xFE", REFUSED, "preset.ini", 0, NULL, FALSE },
  { "preset-huge-value", make_good, NULL, REFUSED, "preset.ini", 0, NULL, FALSE },
  { "preset-fifo", make_good, NULL, REFUSED, "not a regular file", 0, NULL, FALSE },
  { "preset-missing-column", make_good, "[mapping]\nemail=Courriel\n", REFUSED, "Courriel", 0, NULL, FALSE },
};

/* Running one ----------------------------------------------------------------- */

static char *
digest_all (PairingsStore *store)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store),
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (queries, g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (queries, NULL);
  return ptest_digest (store, (const char * const *) queries->pdata);
}

static char *
write_preset (Env               *env,
              const HostileCase *c)
{
  g_autofree char *path = g_build_filename (env->dir, "preset.ini", NULL);

  if (g_str_equal (c->name, "preset-huge-value"))
    {
      g_autoptr(GString) s = g_string_new ("[mapping]\nemail=");

      g_string_set_size (s, s->len + 4 * 1024 * 1024);
      memset (s->str + 16, 'E', 4 * 1024 * 1024);
      g_string_append_c (s, '\n');
      g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
    }
  else if (g_str_equal (c->name, "preset-fifo"))
    g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  else
    g_assert_true (g_file_set_contents (path, c->preset, -1, NULL));
  return g_steal_pointer (&path);
}

static gboolean
run_import (Env               *env,
            const HostileCase *c,
            const char        *preset,
            GError           **error)
{
  g_autoptr(PairingsMapping) mapping = NULL;
  g_autoptr(PairingsImportReport) report = NULL;
  PairingsImportOptions options = { pairings_cohort_get_id (env->cohort), PAIRINGS_ROLE_MENTEE, NULL, FALSE, FALSE };
  GThread *churner = NULL;
  gboolean ok;

  if (preset != NULL)
    {
      mapping = pairings_mapping_new_from_file (preset, error);
      if (mapping == NULL)
        return FALSE;
      options.mapping = mapping;
    }
  if (c->make == make_changing)
    churner = g_thread_new ("churn", churn, env);
  ok = pairings_import_file (env->store, env->path, &options, NULL, NULL, NULL, &report, error);
  if (churner != NULL)
    g_thread_join (churner);
  if (report != NULL && report->skipped->len > 0)
    g_printerr ("  %u row(s) left out, first: %s\n", report->skipped->len,
                g_array_index (report->skipped, PairingsImportProblem, 0).message);
  return ok;
}

static void
run_cli (Env               *env,
         const HostileCase *c,
         const char        *preset,
         gboolean           ok)
{
  g_auto(Run) run = { 0, };
  g_autofree char *before = digest_all (env->store);
  g_autofree char *after = NULL;
  g_autofree char *mapping_arg = preset ? g_strdup_printf ("--mapping=%s", preset) : NULL;

  /* The core import already ran: a refused file is refused again, a
   * clean one changes nothing more than "unchanged" rows. */
  if (preset != NULL && g_str_equal (c->name, "preset-fifo"))
    return;
  ptest_run_cli (&run, NULL, "--database", env->db, "import", "--cohort", "2025", "--role", "mentee",
                 mapping_arg ? mapping_arg : env->path, mapping_arg ? env->path : NULL, NULL);
  g_printerr ("  cli: exit %d: %s", run.status, run.err);
  g_assert_cmpint (run.status, ==, ok ? 0 : 2);
  after = digest_all (env->store);
  if (!ok)
    g_assert_cmpstr (before, ==, after);
}

static void
run_case (const HostileCase *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *check = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *base = g_strdup_printf ("%s.csv", c->name);
  Env env = { 0, };
  gint64 programme;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  env.dir = g_dir_make_tmp ("pairings-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  env.db = g_build_filename (env.dir, "hostile.db", NULL);
  env.path = g_build_filename (env.dir, base, NULL);
  env.store = pairings_store_open (env.db, &error);
  g_assert_no_error (error);
  programme = pairings_store_add_programme (env.store, "Hostile", &error);
  env.cohort = pairings_store_add_cohort (env.store, programme, "2025", NULL, 20, &error);
  g_assert_no_error (error);
  /* Someone already there, so "nothing changed" means something. */
  ptest_add_application (env.store, pairings_cohort_get_id (env.cohort), "Old Timer", "old@x.example",
                         PAIRINGS_ROLE_MENTOR, PAIRINGS_STATUS_ACCEPTED);

  if (c->make != NULL)
    c->make (&env);
  else
    put (&env, "\n\r\n\n", -1);
  if (c->preset != NULL || g_str_has_prefix (c->name, "preset-"))
    preset = write_preset (&env, c);

  before = digest_all (env.store);
  ok = run_import (&env, c, preset, &error);
  after = digest_all (env.store);
  check = query_text (env.store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  if (ok)
    {
      int rows = query_int (env.store, "SELECT count(*) FROM applications") - 1;

      g_printerr ("# %s: imported %d application(s) in %.2f s\n", c->name, rows,
                  (g_get_monotonic_time () - start) / 1e6);
      g_assert_cmpint (c->outcome, !=, REFUSED);
      /* Only root reads a chmod 000 file. */
      if (c->make == make_unreadable)
        g_assert_cmpint (getuid (), ==, 0);
      if (c->rows >= 0)
        g_assert_cmpint (rows, ==, c->rows);
    }
  else
    {
      g_printerr ("# %s: refused in %.2f s: %s\n", c->name, (g_get_monotonic_time () - start) / 1e6,
                  error->message);
      if (c->make == make_unreadable)
        g_assert_cmpint (getuid (), !=, 0);
      g_assert_cmpint (c->outcome, !=, IMPORTED);
      g_assert_cmpstr (before, ==, after);
      /* The message names the file (or the preset) and says why. */
      g_assert_true (strstr (error->message, base) != NULL ||
                     (preset != NULL && strstr (error->message, "preset.ini") != NULL));
      if (c->says != NULL)
        g_assert_nonnull (strstr (error->message, c->says));
    }
  if (ok && c->check != NULL)
    c->check (&env);
  if (c->cli)
    run_cli (&env, c, preset, ok);

  g_clear_object (&env.cohort);
  g_clear_object (&env.store);
  g_chmod (env.path, 0600);
  remove_tree (env.dir);
  g_free (env.dir);
  g_free (env.db);
  g_free (env.path);
}

static void
test_case (gconstpointer data)
{
  const HostileCase *c = data;

  if (g_test_subprocess ())
    {
      run_case (c);
      return;
    }
  g_test_trap_subprocess (NULL, CASE_TIMEOUT_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 30);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}

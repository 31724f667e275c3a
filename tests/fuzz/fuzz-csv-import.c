/* fuzz-csv-import.c: any bytes as a form's CSV export, through every import
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is read as a file a coordinator picked: the applications import
 * (encoding and delimiter detection, decoding, parsing, header recognition,
 * validation, writing) into a fresh database, then the agreement, check-in
 * and survey imports against the demo programme. Each run happens inside an
 * outer transaction that is rolled back afterwards, so every input meets
 * the same databases and a crash replays from its input alone.
 *
 * Built by build-aux/run-fuzz.sh with clang -fsanitize=fuzzer.
 */

#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-evaluation-import.h"
#include "pairings-followup-import.h"
#include "pairings-import.h"
#include "pairings-store-private.h"

/* A fixed day, so that "after today" means the same in every run. */
#define TODAY "2026-06-30"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char          *scratch_dir;
static PairingsStore *fresh_store;
static gint64         fresh_cohort_id;
static PairingsStore *demo_store;
static gint64         demo_cohort_id;
/* A preset naming some columns, as a coordinator's saved mapping would: the
 * other columns are then guessed around the ones it names (the path where
 * repeated headers once overflowed the guesser). */
static PairingsMapping *preset;

/* Criticals are bugs whatever the input: abort so libFuzzer keeps the
 * input. Everything else the importers may say is expected and noisy. */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch_dir, 0, NULL);
  const char *name;

  g_clear_object (&fresh_store);
  g_clear_object (&demo_store);
  g_clear_object (&preset);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (scratch_dir);
}

static PairingsStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (scratch_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  PairingsStore *store = pairings_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
query_id (PairingsStore *store,
          const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_pairings_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PairingsCohort) cohort = NULL;
  gint64 programme;

  g_log_set_writer_func (quiet_writer, NULL, NULL);

  /* tmpfs keeps the databases off the disk; /tmp when there is none. */
  scratch_dir = g_build_filename (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                                : g_get_tmp_dir (),
                                  "pairings-fuzz-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (scratch_dir));
  atexit (remove_scratch);

  fresh_store = open_store ("fresh.db");
  programme = pairings_store_add_programme (fresh_store, "Fuzzing", &error);
  g_assert_no_error (error);
  cohort = pairings_store_add_cohort (fresh_store, programme, "2026", NULL, 20, &error);
  g_assert_no_error (error);
  fresh_cohort_id = pairings_cohort_get_id (cohort);

  demo_store = open_store ("demo.db");
  g_assert_true (pairings_demo_fill (demo_store, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The cohort with the most announced pairs: the one whose e-mail
   * addresses the agreement, check-in and survey forms can match. */
  demo_cohort_id = query_id (demo_store,
                             "SELECT cohort_id FROM pairs WHERE stage = 'announced'"
                             " GROUP BY cohort_id"
                             " ORDER BY count(*) DESC, cohort_id DESC LIMIT 1");

  preset = pairings_mapping_new ();
  pairings_mapping_set_column (preset, PAIRINGS_FIELD_EMAIL, "Email Address");
  pairings_mapping_set_column (preset, PAIRINGS_FIELD_NAME, "Full name");
  pairings_mapping_set_column (preset, PAIRINGS_FIELD_INSTITUTION, "Home institution");
  return 0;
}

static void
import_applications (GBytes          *bytes,
                     PairingsRole     role,
                     PairingsMapping *mapping,
                     gboolean         strict)
{
  PairingsImportOptions options = { fresh_cohort_id, role, mapping, strict, FALSE };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PairingsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (pairings_import_stream (fresh_store, stream, "fuzz.csv", g_bytes_get_size (bytes),
                              &options, NULL, NULL, NULL, &report, &error))
    g_assert_nonnull (report);
  else
    g_assert_nonnull (error);

  if (report != NULL)
    {
      g_free (pairings_import_report_to_text (report));
      g_free (pairings_import_report_to_json (report));
    }
}

static void
import_followup (GBytes                     *bytes,
                 PairingsFollowUpImportKind  kind)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PairingsFollowUpImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (pairings_followup_import_stream (demo_store, demo_cohort_id, kind, stream, "fuzz.csv",
                                       PAIRINGS_FOLLOWUP_IMPORT_FLAGS_NONE, TODAY, NULL,
                                       &report, &error))
    g_assert_nonnull (report);
  else
    g_assert_nonnull (error);

  if (report != NULL)
    {
      g_free (pairings_followup_import_report_to_text (report));
      g_free (pairings_followup_import_report_to_json (report));
    }
}

static void
import_evaluations (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PairingsEvaluationImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (pairings_evaluation_import_stream (demo_store, demo_cohort_id, "mid", stream, "fuzz.csv",
                                         PAIRINGS_EVALUATION_IMPORT_FLAGS_NONE, TODAY, NULL,
                                         &report, &error))
    g_assert_nonnull (report);
  else
    g_assert_nonnull (error);

  if (report != NULL)
    g_free (pairings_form_import_report_to_json (report));
}

/* Makes @call inside a transaction of @store that is then rolled back: the
 * import's own transaction becomes a savepoint in it. */
#define WITH_ROLLBACK(store, call)                         \
  G_STMT_START {                                           \
    g_autoptr(GError) begin_error = NULL;                  \
    g_assert_true (_pairings_store_begin ((store), &begin_error)); \
    call;                                                  \
    _pairings_store_rollback (store);                      \
  } G_STMT_END

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  /* The size picks the options, so that the input stays a plain file
   * that any coordinator could have exported. */
  WITH_ROLLBACK (fresh_store,
                 import_applications (bytes,
                                      size % 2 ? PAIRINGS_ROLE_MENTOR : PAIRINGS_ROLE_MENTEE,
                                      NULL, size % 7 == 3));
  WITH_ROLLBACK (fresh_store, import_applications (bytes, PAIRINGS_ROLE_MENTEE, preset, FALSE));

  WITH_ROLLBACK (demo_store, import_followup (bytes, PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS));
  WITH_ROLLBACK (demo_store, import_followup (bytes, PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS));
  WITH_ROLLBACK (demo_store, import_evaluations (bytes));
  return 0;
}

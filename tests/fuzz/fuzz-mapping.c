/* fuzz-mapping.c: any bytes as a mapping preset
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preset is a GKeyFile that coordinators write by hand or share. Whatever
 * it holds, loading it either fails with an error or gives a mapping that
 * saves and loads back to the same text, and that can resolve headers,
 * split multi-select answers and map career stages.
 *
 * Built by build-aux/run-fuzz.sh with clang -fsanitize=fuzzer.
 */

#include "config.h"

#include <stdint.h>

#include "pairings-mapping.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (quiet_writer, NULL, NULL);
  return 0;
}

/* The headers of a Google Forms export, then every column the preset
 * names, so that resolving can succeed as well as fail. */
static GPtrArray *
headers_for (PairingsMapping *mapping)
{
  static const char * const form[] = {
    "Timestamp", "Email Address", "Full name", "Institution", "Career stage",
    "Which kinds of mentoring are you interested in?", "Adresse e-mail", "Nom", NULL,
  };
  GPtrArray *headers = g_ptr_array_new ();

  for (guint i = 0; form[i] != NULL; i++)
    g_ptr_array_add (headers, (gpointer) form[i]);
  for (int field = 0; field < PAIRINGS_N_FIELDS; field++)
    {
      const char *column = pairings_mapping_get_column (mapping, field);

      if (column != NULL)
        g_ptr_array_add (headers, (gpointer) column);
    }
  g_ptr_array_add (headers, NULL);
  return headers;
}

static void
use_mapping (PairingsMapping *mapping,
             GKeyFile        *key_file)
{
  g_autoptr(GPtrArray) headers = headers_for (mapping);
  const char * const *options = pairings_mapping_get_options (mapping);
  g_auto(GStrv) labels = g_key_file_get_keys (key_file, "career_stage", NULL, NULL);
  int columns[PAIRINGS_N_FIELDS];
  g_autoptr(GError) error = NULL;

  if (!pairings_mapping_resolve (mapping, (const char * const *) headers->pdata, "fuzz.csv",
                                 columns, &error))
    g_assert_nonnull (error);
  else
    for (int field = 0; field < PAIRINGS_N_FIELDS; field++)
      g_assert_cmpint (columns[field], <, (int) headers->len - 1);

  /* A multi-select answer as Google Forms and Microsoft Forms write it. */
  if (options != NULL && options[0] != NULL)
    {
      g_autofree char *google = g_strjoinv (", ", (char **) options);
      g_autofree char *microsoft = g_strjoinv (";", (char **) options);
      char **split = pairings_mapping_split_options (mapping, google);

      g_assert_nonnull (split);
      g_strfreev (split);
      split = pairings_mapping_split_options (mapping, microsoft);
      g_assert_nonnull (split);
      g_strfreev (split);
    }

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      PairingsCareerStage stage;

      if (pairings_mapping_career_stage (mapping, labels[i], &stage))
        g_assert_cmpint (stage, <, PAIRINGS_N_CAREER_STAGES);
    }

  pairings_mapping_guess (mapping, (const char * const *) headers->pdata);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PairingsMapping) mapping = NULL;
  g_autoptr(PairingsMapping) again = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;

  mapping = pairings_mapping_new_from_data ((const char *) data, size, "fuzz.ini", &error);
  if (mapping == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  /* What is saved loads back, and says the same. */
  saved = pairings_mapping_to_data (mapping);
  again = pairings_mapping_new_from_data (saved, -1, "saved.ini", &error);
  g_assert_no_error (error);
  saved_again = pairings_mapping_to_data (again);
  g_assert_cmpstr (saved, ==, saved_again);

  g_key_file_load_from_data (key_file, (const char *) data, size, G_KEY_FILE_NONE, NULL);
  use_mapping (mapping, key_file);
  return 0;
}

/* test-types.c: the words of the domain, dates and e-mail keys
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-json.h"
#include "pairings-types.h"

static void
test_enum_round_trip (void)
{
  PairingsRole role;
  PairingsStatus status;
  PairingsStage stage;
  PairingsCareerStage career;

  for (guint i = 0; i < PAIRINGS_N_ROLES; i++)
    {
      g_assert_true (pairings_role_from_string (pairings_role_to_string (i), &role));
      g_assert_cmpint (role, ==, i);
      g_assert_nonnull (pairings_role_get_label (i));
    }
  for (guint i = 0; i < PAIRINGS_N_STATUSES; i++)
    {
      g_assert_true (pairings_status_from_string (pairings_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  for (guint i = 0; i < PAIRINGS_N_STAGES; i++)
    {
      g_assert_true (pairings_stage_from_string (pairings_stage_to_string (i), &stage));
      g_assert_cmpint (stage, ==, i);
    }
  for (guint i = 0; i < PAIRINGS_N_CAREER_STAGES; i++)
    {
      g_assert_true (pairings_career_stage_from_string (pairings_career_stage_to_string (i), &career));
      g_assert_cmpint (career, ==, i);
    }
}

static void
test_enum_bad_input (void)
{
  PairingsRole role = PAIRINGS_ROLE_MENTOR;
  PairingsStage stage = PAIRINGS_STAGE_APPROVED;

  g_assert_false (pairings_role_from_string (NULL, &role));
  g_assert_false (pairings_role_from_string ("Mentor", &role));
  g_assert_false (pairings_role_from_string ("mentor ", &role));
  g_assert_false (pairings_role_from_string ("", &role));
  g_assert_cmpint (role, ==, PAIRINGS_ROLE_MENTOR);
  g_assert_false (pairings_stage_from_string ("approved'; DROP TABLE pairs;--", &stage));
  g_assert_cmpint (stage, ==, PAIRINGS_STAGE_APPROVED);
}

static void
test_dates (void)
{
  g_assert_true (pairings_date_is_valid ("2025-03-31"));
  g_assert_true (pairings_date_is_valid ("2024-02-29"));
  g_assert_false (pairings_date_is_valid ("2025-02-29"));
  g_assert_false (pairings_date_is_valid ("2025-02-30"));
  g_assert_false (pairings_date_is_valid ("2025-13-01"));
  g_assert_false (pairings_date_is_valid ("2025-3-1"));
  g_assert_false (pairings_date_is_valid ("31/03/2025"));
  g_assert_false (pairings_date_is_valid ("2025-03-31T00:00:00Z"));
  g_assert_false (pairings_date_is_valid (""));
  g_assert_false (pairings_date_is_valid (NULL));
  g_assert_false (pairings_date_is_valid ("２０２５-03-31"));
}

static void
test_email_key (void)
{
  g_autofree char *a = pairings_email_key ("  Zoe.Angstrom@CERN.ch ");
  g_autofree char *b = pairings_email_key ("zoe.angstrom@cern.ch");
  g_autofree char *c = pairings_email_key ("ÉLODIE@EXAMPLE.ORG");
  g_autofree char *d = pairings_email_key ("élodie@example.org");
  g_autofree char *e = pairings_email_key ("   ");
  g_autofree char *f = pairings_email_key ("\xff\xfe@bad");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_null (e);
  g_assert_null (f);
  g_assert_null (pairings_email_key (NULL));
}

static void
test_email_plausible (void)
{
  g_assert_true (pairings_email_is_plausible ("ana@cern.ch"));
  g_assert_true (pairings_email_is_plausible ("o'brien@example.ie"));
  g_assert_false (pairings_email_is_plausible ("ana"));
  g_assert_false (pairings_email_is_plausible ("@cern.ch"));
  g_assert_false (pairings_email_is_plausible ("ana@cern"));
  g_assert_false (pairings_email_is_plausible ("ana@@cern.ch"));
  g_assert_false (pairings_email_is_plausible ("ana @cern.ch"));
  g_assert_false (pairings_email_is_plausible ("ana@.ch"));
  g_assert_false (pairings_email_is_plausible ("ana\n@cern.ch"));
  g_assert_false (pairings_email_is_plausible (""));
  g_assert_false (pairings_email_is_plausible (NULL));
}

/* Every gint64, as printf writes it: the edges, zero, and powers of ten. */
static void
test_json_int (void)
{
  gint64 values[] = { 0, 1, -1, 9, 10, -10, 99999, 100000, G_MAXINT32, G_MININT32,
                      G_MAXINT64, G_MININT64, G_MININT64 + 1 };
  g_autoptr(GString) out = g_string_new ("x");

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *expected = g_strdup_printf ("x%" G_GINT64_FORMAT, values[i]);

      g_string_truncate (out, 1);
      pairings_json_append_int (out, values[i]);
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static void
test_json (void)
{
  const char *values[] = { "plain", "with \"quotes\"", "line\nbreak", "tab\t\\", "\x01", NULL };
  g_autofree char *json = pairings_json_strv (values);
  g_autofree char *empty = pairings_json_strv (NULL);

  g_assert_cmpstr (json, ==,
                   "[\"plain\",\"with \\\"quotes\\\"\",\"line\\nbreak\",\"tab\\t\\\\\",\"\\u0001\"]");
  g_assert_cmpstr (empty, ==, "[]");

  /* What we write reads back as it was. */
  {
    g_auto(GStrv) back = pairings_json_parse_strv (json);
    g_auto(GStrv) nothing = pairings_json_parse_strv (empty);

    g_assert_nonnull (back);
    g_assert_true (g_strv_equal ((const char * const *) back, values));
    g_assert_nonnull (nothing);
    g_assert_cmpuint (g_strv_length (nothing), ==, 0);
  }
}

static void
test_json_parse (void)
{
  const struct { const char *in; const char *joined; } good[] = {
    { NULL, "" },
    { "", "" },
    { " [ ] ", "" },
    { "[\"English\"]", "English" },
    { " [ \"a\" , \"b, c\" ]\n", "a|b, c" },
    { "[\"\\u00e9t\\u00E9\", \"\\/\\b\\f\"]", "été|/\b\f" },
    { "[\"\\ud83d\\ude00\"]", "\xf0\x9f\x98\x80" },
    { "[\"Fran\xc3\xa7" "ais\"]", "Français" },
    { "[\"\"]", "" },
  };
  const char *bad[] = {
    "{}", "[1]", "[\"a\",]", "[\"a\" \"b\"]", "[\"a\"", "[\"a]", "[\"a\"] x", "\"a\"",
    "[\"\\u0000\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\x\"]", "[\"\\u12\"]",
    "[\"tab\there\"]", "[null]", "[", "]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_auto(GStrv) list = pairings_json_parse_strv (good[i].in);
      g_autofree char *joined = NULL;

      g_test_message ("good %u", i);
      g_assert_nonnull (list);
      joined = g_strjoinv ("|", list);
      g_assert_cmpstr (joined, ==, good[i].joined);
    }
  {
    g_auto(GStrv) one_empty = pairings_json_parse_strv ("[\"\"]");
    g_assert_cmpuint (g_strv_length (one_empty), ==, 1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GStrv) list = pairings_json_parse_strv (bad[i]);

      g_test_message ("bad %s", bad[i]);
      g_assert_null (list);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/enum-round-trip", test_enum_round_trip);
  g_test_add_func ("/types/enum-bad-input", test_enum_bad_input);
  g_test_add_func ("/types/dates", test_dates);
  g_test_add_func ("/types/email-key", test_email_key);
  g_test_add_func ("/types/email-plausible", test_email_plausible);
  g_test_add_func ("/types/json", test_json);
  g_test_add_func ("/types/json-int", test_json_int);
  g_test_add_func ("/types/json-parse", test_json_parse);

  return g_test_run ();
}

/* pairings-json.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-json.h"

/* Writes @str as a JSON string; NULL becomes null. Control characters are
 * escaped, everything else is passed through as UTF-8. */
void
pairings_json_append_string (GString    *out,
                             const char *str)
{
  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p;)
    {
      const guchar *run = p;

      /* Plain text goes in runs; only what JSON escapes is looked at. */
      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, (const char *) run, p - run);
      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", *p);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

char *
pairings_json_strv (const char * const *strv)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      pairings_json_append_string (out, strv[i]);
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/* The store hands lists over as one string joined by a separator that
 * cannot occur in user text (the ASCII unit separator, 0x1F). */
char **
pairings_strv_from_joined (const char *joined,
                           char        separator)
{
  char sep[2] = { separator, '\0' };

  if (joined == NULL || *joined == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (joined, sep, -1);
}

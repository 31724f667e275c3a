/* pairings-json.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pairings-json.h"

/* Writes @value in decimal, by hand: an import's undo record lists every
 * application it made, and a board move every pair it renumbered, so
 * printf would be most of the time spent writing them. */
void
pairings_json_append_int (GString *out,
                          gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    digits[n++] = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

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

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Four hex digits after "\u", or -1. */
static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (p[i]);
      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

/* One JSON string starting at its opening quote, appended to @out as UTF-8;
 * the position after its closing quote, or NULL when it is not one (or
 * holds U+0000, which a C string cannot). */
static const char *
parse_string (const char *p,
              GString    *out)
{
  if (*p++ != '"')
    return NULL;

  for (;;)
    {
      const char *run = p;

      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '"')
        return p + 1;
      if (*p != '\\')
        return NULL;  /* the end of the text, or a raw control character */

      p++;
      switch (*p)
        {
        case '"':  g_string_append_c (out, '"'); p++; break;
        case '\\': g_string_append_c (out, '\\'); p++; break;
        case '/':  g_string_append_c (out, '/'); p++; break;
        case 'b':  g_string_append_c (out, '\b'); p++; break;
        case 'f':  g_string_append_c (out, '\f'); p++; break;
        case 'n':  g_string_append_c (out, '\n'); p++; break;
        case 'r':  g_string_append_c (out, '\r'); p++; break;
        case 't':  g_string_append_c (out, '\t'); p++; break;
        case 'u':
          {
            int unit = hex4 (p + 1);
            gunichar c;

            if (unit <= 0)
              return NULL;
            p += 5;
            c = (gunichar) unit;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = p[0] == '\\' && p[1] == 'u' ? hex4 (p + 2) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return NULL;
                c = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
                p += 6;
              }
            else if (unit >= 0xdc00 && unit <= 0xdfff)
              return NULL;
            g_string_append_unichar (out, c);
            break;
          }
        default:
          return NULL;
        }
    }
}

/* The strings of a JSON array of strings, such as pairings_json_strv()
 * writes and the store keeps (languages, mentoring types): parsed here
 * because SQLite's json_each() took half of the time of loading a large
 * cohort. NULL when @json is not such an array (other values, bad syntax,
 * text after it); an empty text or SQL NULL is an empty list. */
char **
pairings_json_parse_strv (const char *json)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) item = NULL;
  const char *p;

  if (json == NULL || *(p = skip_blanks (json)) == '\0')
    return g_new0 (char *, 1);
  if (*p++ != '[')
    return NULL;

  items = g_ptr_array_new_with_free_func (g_free);
  item = g_string_new (NULL);
  p = skip_blanks (p);
  if (*p == ']')
    p++;
  else
    for (;;)
      {
        g_string_truncate (item, 0);
        p = parse_string (skip_blanks (p), item);
        if (p == NULL)
          return NULL;
        g_ptr_array_add (items, g_strndup (item->str, item->len));
        p = skip_blanks (p);
        if (*p == ']')
          {
            p++;
            break;
          }
        if (*p++ != ',')
          return NULL;
      }
  if (*skip_blanks (p) != '\0')
    return NULL;

  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

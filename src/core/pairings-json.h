/* pairings-json.h: the little JSON that the store and the CLI write
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    pairings_json_append_string (GString            *out,
                                     const char         *str);
void    pairings_json_append_int    (GString            *out,
                                     gint64              value);
char   *pairings_json_strv          (const char * const *strv);
char  **pairings_json_parse_strv    (const char         *json);

G_END_DECLS

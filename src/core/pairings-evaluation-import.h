/* pairings-evaluation-import.h: mid-cycle and end-of-cycle survey answers from a form's CSV
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinators send a survey (Google Forms, Microsoft Forms, LimeSurvey)
 * half-way through the cycle and at its end, and download the answers as
 * CSV: a row per person who answered. The file is read as the follow-up
 * import reads its forms (UTF-8 with or without a byte order mark,
 * UTF-16, Windows-1252; comma, semicolon or tab), and its first row names
 * the columns:
 *
 * - the respondent's e-mail (required), recognised as the follow-up import
 *   recognises it: "Email", "Email Address", "Adresse e-mail", "Courriel"…;
 * - the time of the answer (optional): "Timestamp", "Horodateur",
 *   "Completion time", "Heure de fin", "Submitted at", "Date"…, in any of
 *   the follow-up import's date forms; a date alone is kept as an ISO
 *   date, a date and time as UTC ISO 8601, as application imports keep
 *   theirs;
 * - the respondent's role (optional: "Role", "Rôle", "I am a", "Je
 *   suis"…), only used to choose between the two applications of a person
 *   who is both a mentor and a mentee in the cohort;
 * - every other column is a question, stored with its header exactly as
 *   the survey wrote it (trimmed); a column without a header is left out,
 *   and two columns with one header refuse the file.
 *
 * A question is a rating question when every answer given to it is a
 * rating: a whole number from 1 to 5 ("4"), such a number followed by a
 * label ("4 - Agree", "5 – Très satisfait", "2 (Disagree)", "4/5"), or a
 * five-point label in English or French: "Strongly disagree", "Disagree",
 * "Neutral", "Agree", "Strongly agree"; "Pas du tout d'accord", "Pas
 * d'accord", "Neutre", "D'accord", "Tout à fait d'accord"; "Very
 * dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"; "Très
 * insatisfait(e)", "Insatisfait(e)", "Satisfait(e)", "Très satisfait(e)"
 * (1 to 5, whatever the case and accents). "3.5", "10" or "2 meetings" is
 * no rating. Every row with the header's number of fields counts, also one
 * skipped for its e-mail or date: the kind of a question is the survey's.
 * A rating is stored as the number (the answer text empty); otherwise the
 * question is a free-text one, and its answers are kept as written (rating
 * NULL). Empty answers, and "N/A", "Not applicable", "Sans objet", are not
 * stored.
 *
 * A row's e-mail must be that of an accepted application of the cohort;
 * its answers are linked to that application and to its announced pair in
 * the cohort (none when a mentor has several, whose answers are about the
 * programme rather than one pair).
 *
 * Importing again replaces: a person's answer to a question of that
 * survey is the one in the file (an empty answer removes the one stored);
 * a row whose answers are all stored already is unchanged, so importing a
 * file twice changes nothing. Questions the file does not have are left
 * alone, and so is the stored time when the row has none. A person with
 * two rows keeps the later one; the earlier is skipped and reported.
 */

#pragma once

#include <gio/gio.h>

#include "pairings-form-import.h"
#include "pairings-store.h"

G_BEGIN_DECLS

/* Survey files are small (a row per person): a larger one is refused. */
#define PAIRINGS_EVALUATION_IMPORT_MAX_BYTES (20 * 1024 * 1024)

typedef enum
{
  PAIRINGS_EVALUATION_IMPORT_FLAGS_NONE = 0,
  PAIRINGS_EVALUATION_IMPORT_STRICT     = 1 << 0,  /* refuse the whole file for one bad row */
  PAIRINGS_EVALUATION_IMPORT_DRY_RUN    = 1 << 1,  /* report, write nothing */
} PairingsEvaluationImportFlags;

/* rows: after the header; applied: rows that changed some answer;
 * updated: of those, rows that replaced or removed a stored answer;
 * unchanged: rows whose answers were all stored already. */
typedef PairingsFormImportReport PairingsEvaluationImportReport;

/* Imports the answers to @survey ("mid" or "end") in one transaction, as
 * one step in the history (action "evaluations": pairings_history_undo()
 * takes it back whole, pairings_history_redo() makes it again). On any
 * error, cancellation or strict refusal the database is as it was;
 * nothing is logged when nothing changed. @today is an ISO date: a later
 * answer time skips its row. Errors are PAIRINGS_FORM_IMPORT_ERROR's,
 * PAIRINGS_CSV_ERROR's (PAIRINGS_CSV_ERROR_TOO_LARGE past
 * PAIRINGS_EVALUATION_IMPORT_MAX_BYTES) or the store's. @report is set
 * whenever the file could be read, also when FALSE is returned for a
 * strict refusal; free it with pairings_form_import_report_free(). */
gboolean pairings_evaluation_import_stream (PairingsStore                    *store,
                                            gint64                            cohort_id,
                                            const char                       *survey,
                                            GInputStream                     *stream,
                                            const char                       *display_name,
                                            PairingsEvaluationImportFlags     flags,
                                            const char                       *today,
                                            GCancellable                     *cancellable,
                                            PairingsEvaluationImportReport  **report,
                                            GError                          **error);
gboolean pairings_evaluation_import        (PairingsStore                    *store,
                                            gint64                            cohort_id,
                                            const char                       *survey,
                                            const char                       *path,
                                            PairingsEvaluationImportFlags     flags,
                                            const char                       *today,
                                            GCancellable                     *cancellable,
                                            PairingsEvaluationImportReport  **report,
                                            GError                          **error);

/* Replays an "evaluations" event's rows (@to) over the current ones
 * (@from), inside the caller's transaction, for the history. */
gboolean _pairings_evaluation_import_replay (PairingsStore                   *store,
                                             const char                      *to,
                                             const char                      *from,
                                             GError                         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsEvaluationImportReport, pairings_form_import_report_free)

G_END_DECLS

/* pairings-followup-import.h: agreement statuses and check-ins from a form's CSV
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinators send an e-signature form and a check-in survey (Google
 * Forms, Microsoft Forms) and download the answers as CSV. Each answer row
 * is matched by the respondent's e-mail address to an announced pair of
 * the cohort, where that person is the mentor or the mentee.
 *
 * The file is read with the CSV reader (UTF-8 with or without a byte order
 * mark, UTF-16, Windows-1252; comma, semicolon or tab). Its first row names
 * the columns; they are recognised by their header, in English or French,
 * whatever the case and accents:
 *
 * - the respondent's e-mail (required): "Email", "Email Address", "E-mail",
 *   "Your email", "Adresse e-mail", "Courriel", "Votre adresse e-mail"…
 * - the partner's e-mail (optional): "Mentor email", "Mentee email",
 *   "Your mentor's email", "E-mail du mentor", "E-mail du mentoré"…; needed
 *   to choose among the pairs of a mentor who has several;
 * - the date: "Date", "Timestamp", "Horodateur", "Signed on", "Date de
 *   signature", "Completion time", "Heure de fin"… (required for check-ins);
 * - for check-ins, the status (required): "How is it going?", "Status",
 *   "État", "Comment ça se passe ?"…, whose answers may be "On track", "En
 *   bonne voie", "Tout va bien" (on_track); "Needs attention", "À
 *   surveiller", "Besoin d'aide" (needs_attention); "No contact", "Pas de
 *   contact", "Aucun contact" (no_contact); the database's words; or an
 *   answer that starts with one of these ("On track – we meet weekly");
 * - for check-ins, a note (optional): "Comments", "Note", "Notes",
 *   "Commentaires", "Remarques"…;
 * - for agreements, the status (optional): "Status", "Agreement status",
 *   "Statut", "État"…, whose answers are the database's words (not_sent,
 *   sent, signed_mentee, signed_mentor, signed) or labels: "Not sent", "Sent",
 *   "Envoyé", "Signed", "Signé", "Completed", "Signed by the mentee", "Signé
 *   par le mentoré", "Signed by the mentor", "Signé par le mentor"…
 *   Without a status column, each row means "this person signed": a
 *   mentee's signature takes not_sent or sent to signed_mentee, and
 *   signed_mentor to signed; a mentor's likewise.
 *
 * Dates: "2025-04-12", "2025-04-12T10:31:02" (any time or zone after it),
 * Google's "2025/04/12 10:31:02 AM GMT+2", and "12/04/2025", "12.04.2025",
 * "12-04-25" (perhaps with a time) as day, month, year; only when the day
 * cannot be first ("4/25/2025") as month, day, year. The date is the one
 * written, whatever the zone. A date that is none of these, or after
 * @today, skips the row.
 *
 * The agreement's dates: a status of "sent" sets sent_on, and "signed"
 * (also reached by signatures) sets signed_on, to the row's date when they
 * are unset (signed_on: the latest signature of the pair in the file). A
 * status taken back below "signed" or "sent" clears the date that no longer
 * holds.
 *
 * A check-in that is already there (same pair, date and reporter) with the
 * same status, and the same note or none in the file, is unchanged;
 * otherwise it is replaced (counted as updated). Importing a file twice
 * adds nothing.
 */

#pragma once

#include <gio/gio.h>

#include "pairings-form-import.h"
#include "pairings-store.h"

G_BEGIN_DECLS

/* The errors are PAIRINGS_FORM_IMPORT_ERROR's. */
#define PAIRINGS_FOLLOWUP_IMPORT_ERROR                PAIRINGS_FORM_IMPORT_ERROR
#define PAIRINGS_FOLLOWUP_IMPORT_ERROR_MISSING_COLUMN PAIRINGS_FORM_IMPORT_ERROR_MISSING_COLUMN
#define PAIRINGS_FOLLOWUP_IMPORT_ERROR_NO_ROWS        PAIRINGS_FORM_IMPORT_ERROR_NO_ROWS
#define PAIRINGS_FOLLOWUP_IMPORT_ERROR_REJECTED       PAIRINGS_FORM_IMPORT_ERROR_REJECTED

typedef enum
{
  PAIRINGS_FOLLOWUP_IMPORT_AGREEMENTS,
  PAIRINGS_FOLLOWUP_IMPORT_CHECK_INS,
} PairingsFollowUpImportKind;

typedef enum
{
  PAIRINGS_FOLLOWUP_IMPORT_FLAGS_NONE = 0,
  PAIRINGS_FOLLOWUP_IMPORT_STRICT     = 1 << 0,  /* refuse the whole file for one bad row */
  PAIRINGS_FOLLOWUP_IMPORT_DRY_RUN    = 1 << 1,  /* report, write nothing */
} PairingsFollowUpImportFlags;

typedef PairingsFormImportProblem PairingsFollowUpImportProblem;
typedef PairingsFormImportReport  PairingsFollowUpImportReport;

void     pairings_followup_import_report_free    (PairingsFollowUpImportReport *report);
/* {"applied":N,"unchanged":N,"skipped":[{"line":L,"field":"…","reason":"…"},…]} */
char    *pairings_followup_import_report_to_json (PairingsFollowUpImportReport *report);
/* A few translated lines for people. */
char    *pairings_followup_import_report_to_text (PairingsFollowUpImportReport *report);

/* Imports the whole file in one transaction, as one step in the history
 * (action "followup": pairings_history_undo() takes it back whole). On any
 * error, cancellation or strict refusal the database is as it was; nothing
 * is logged when nothing changed. @today is an ISO date. @report is set
 * whenever the file could be read, also when FALSE is returned for a
 * strict refusal. */
gboolean pairings_followup_import_stream         (PairingsStore                 *store,
                                                  gint64                         cohort_id,
                                                  PairingsFollowUpImportKind     kind,
                                                  GInputStream                  *stream,
                                                  const char                    *display_name,
                                                  PairingsFollowUpImportFlags    flags,
                                                  const char                    *today,
                                                  GCancellable                  *cancellable,
                                                  PairingsFollowUpImportReport **report,
                                                  GError                       **error);
gboolean pairings_followup_import                (PairingsStore                 *store,
                                                  gint64                         cohort_id,
                                                  PairingsFollowUpImportKind     kind,
                                                  const char                    *path,
                                                  PairingsFollowUpImportFlags    flags,
                                                  const char                    *today,
                                                  GCancellable                  *cancellable,
                                                  PairingsFollowUpImportReport **report,
                                                  GError                       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsFollowUpImportReport, pairings_followup_import_report_free)

G_END_DECLS

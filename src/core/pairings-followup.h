/* pairings-followup.h: following each pair through the cycle
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After the pairs are announced: the signed agreement and its terms, the
 * mentee's goals, the check-ins, how the pair ended. Every change is one
 * transaction and one step in the event log (action "followup", the
 * pair's follow-up state before and after), so it can be undone and redone
 * with pairings_history_undo()/redo(), also after a restart.
 *
 * Dates are ISO 8601 calendar dates ("2025-03-01"); "today" is always
 * passed in, so that the rules can be tested on any day.
 */

#pragma once

#include "pairings-store.h"

G_BEGIN_DECLS

typedef enum
{
  PAIRINGS_AGREEMENT_NOT_SENT,
  PAIRINGS_AGREEMENT_SENT,
  PAIRINGS_AGREEMENT_SIGNED_MENTEE,
  PAIRINGS_AGREEMENT_SIGNED_MENTOR,
  PAIRINGS_AGREEMENT_SIGNED,
} PairingsAgreementStatus;
#define PAIRINGS_N_AGREEMENT_STATUSES 5

typedef enum
{
  PAIRINGS_MEETING_UNSET,
  PAIRINGS_MEETING_VIRTUAL,
  PAIRINGS_MEETING_IN_PERSON,
  PAIRINGS_MEETING_MIXED,
} PairingsMeetingMode;
#define PAIRINGS_N_MEETING_MODES 4

typedef enum
{
  PAIRINGS_GOAL_OPEN,
  PAIRINGS_GOAL_IN_PROGRESS,
  PAIRINGS_GOAL_REACHED,
  PAIRINGS_GOAL_DROPPED,
} PairingsGoalStatus;
#define PAIRINGS_N_GOAL_STATUSES 4

typedef enum
{
  PAIRINGS_CHECK_IN_ON_TRACK,
  PAIRINGS_CHECK_IN_NEEDS_ATTENTION,
  PAIRINGS_CHECK_IN_NO_CONTACT,
} PairingsCheckInStatus;
#define PAIRINGS_N_CHECK_IN_STATUSES 3

typedef enum
{
  PAIRINGS_REPORTER_MENTOR,
  PAIRINGS_REPORTER_MENTEE,
  PAIRINGS_REPORTER_COMMITTEE,
} PairingsReporter;
#define PAIRINGS_N_REPORTERS 3

typedef enum
{
  PAIRINGS_OUTCOME_ACTIVE,
  PAIRINGS_OUTCOME_COMPLETED,
  PAIRINGS_OUTCOME_ENDED_EARLY,
  PAIRINGS_OUTCOME_CONTINUES,
} PairingsOutcome;
#define PAIRINGS_N_OUTCOMES 4

/* The database's words for them ("signed_mentee", "in_person", …), and
 * back; from_string returns FALSE for anything else. Labels are
 * translated, for people. */
const char *pairings_agreement_status_to_string (PairingsAgreementStatus status);
gboolean    pairings_agreement_status_from_string (const char *str, PairingsAgreementStatus *status);
const char *pairings_agreement_status_get_label (PairingsAgreementStatus status);
const char *pairings_meeting_mode_to_string     (PairingsMeetingMode mode);   /* NULL for UNSET */
gboolean    pairings_meeting_mode_from_string   (const char *str, PairingsMeetingMode *mode);  /* NULL → UNSET */
const char *pairings_meeting_mode_get_label     (PairingsMeetingMode mode);
const char *pairings_goal_status_to_string      (PairingsGoalStatus status);
gboolean    pairings_goal_status_from_string    (const char *str, PairingsGoalStatus *status);
const char *pairings_goal_status_get_label      (PairingsGoalStatus status);
const char *pairings_check_in_status_to_string  (PairingsCheckInStatus status);
gboolean    pairings_check_in_status_from_string (const char *str, PairingsCheckInStatus *status);
const char *pairings_check_in_status_get_label  (PairingsCheckInStatus status);
const char *pairings_reporter_to_string         (PairingsReporter reporter);
gboolean    pairings_reporter_from_string       (const char *str, PairingsReporter *reporter);
const char *pairings_reporter_get_label         (PairingsReporter reporter);
const char *pairings_outcome_to_string          (PairingsOutcome outcome);
gboolean    pairings_outcome_from_string        (const char *str, PairingsOutcome *outcome);
const char *pairings_outcome_get_label          (PairingsOutcome outcome);

/* "every 2 weeks", "monthly", "every 10 days"… for a number of days
 * (translated); "not agreed" for 0. */
char       *pairings_frequency_get_label        (int days);

/* The agreement's terms. Strings are never NULL once read. */
typedef struct
{
  PairingsAgreementStatus  status;
  char                    *sent_on;          /* or NULL */
  char                    *signed_on;        /* or NULL */
  int                      frequency_days;   /* 0: not agreed */
  PairingsMeetingMode      mode;
  char                    *contact;          /* preferred contact, free text */
  char                    *expectations;
  gboolean                 confidentiality;  /* acknowledged */
} PairingsAgreement;

void        pairings_agreement_clear            (PairingsAgreement *agreement);

typedef struct
{
  gint64              id;
  char               *text;
  char               *target_date;  /* or NULL */
  PairingsGoalStatus  status;
} PairingsGoal;

typedef struct
{
  gint64                 id;
  char                  *date;
  PairingsReporter       reporter;
  PairingsCheckInStatus  status;
  char                  *note;
} PairingsCheckIn;

/* One row of the Agreements page: an announced pair of the cohort. */
typedef struct
{
  gint64                   pair_id;
  gint64                   mentor_application_id;
  gint64                   mentee_application_id;
  char                    *mentor_name;
  char                    *mentor_email;
  char                    *mentee_name;
  char                    *mentee_email;
  PairingsAgreement        agreement;     /* the defaults when none is recorded */
  guint                    n_goals;       /* dropped goals not counted */
  guint                    n_goals_reached;
  char                    *last_check_in; /* date, or NULL */
  PairingsCheckInStatus    last_status;   /* when last_check_in is set */
  PairingsOutcome          outcome;
  char                    *end_reason;
  /* Filled by pairings_followup_list() from the rules below. */
  char                    *due;           /* next check-in due by, or NULL */
  gboolean                 overdue;
  gboolean                 at_risk;
} PairingsFollowUp;

void        pairings_followup_free              (PairingsFollowUp *followup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PairingsFollowUp, pairings_followup_free)

/* The cohort's follow-up settings (in the cohort's settings). */
typedef struct
{
  int grace_days;        /* added to the agreed frequency; default 7 */
  int unsigned_days;     /* agreement unsigned this long after the
                          * announcement: at risk; default 21 */
} PairingsFollowUpSettings;

void        pairings_followup_settings_init     (PairingsFollowUpSettings *settings);
gboolean    pairings_followup_settings_load     (PairingsStore            *store,
                                                 gint64                    cohort_id,
                                                 PairingsFollowUpSettings *settings,
                                                 GError                  **error);
/* Refuses negative or absurd values (over 365 days) with a message. */
gboolean    pairings_followup_settings_save     (PairingsStore                  *store,
                                                 gint64                          cohort_id,
                                                 const PairingsFollowUpSettings *settings,
                                                 GError                        **error);

/* The cohort's dates (call, deadline, announcement, kick-off, end) and its
 * pair limit (-1: none). Each date NULL or a valid ISO date; refuses dates
 * out of order (call ≤ deadline ≤ announcement ≤ kick-off ≤ end, unset
 * dates skipped) with a message naming them. One event ("update",
 * "cohort"). */
gboolean    pairings_followup_set_cohort_dates  (PairingsStore             *store,
                                                 gint64                     cohort_id,
                                                 const PairingsCohortDates *dates,
                                                 int                        pair_limit,
                                                 GError                   **error);

/* The rules, pure (no database): @followup's agreement, last check-in and
 * outcome, the cohort's @announcement, @kick_off and @ends dates (each may
 * be NULL), the @settings and @today.
 * - Next check-in due: the last check-in's date (or, without one, the
 *   later of the kick-off and the agreement's signing date, or the
 *   announcement) plus the agreed frequency plus the grace period. No
 *   agreed frequency: nothing is due. A pair that has ended (outcome not
 *   active) or a cohort past its end: nothing is due.
 * - Overdue: today is after the due date (on the due day itself, not yet).
 * - At risk: the last check-in said "needs attention" or "no contact", or
 *   the agreement is not signed by both @settings->unsigned_days or more
 *   after the announcement (only while the pair is active).
 * Sets followup->due (or NULL), ->overdue and ->at_risk. */
void        pairings_followup_assess            (PairingsFollowUp               *followup,
                                                 const char                     *announcement,
                                                 const char                     *kick_off,
                                                 const char                     *ends,
                                                 const PairingsFollowUpSettings *settings,
                                                 const char                     *today);

/* The announced pairs of the cohort (stage "announced"), by mentor then
 * mentee name, each assessed for @today. A GPtrArray of PairingsFollowUp. */
GPtrArray  *pairings_followup_list              (PairingsStore  *store,
                                                 gint64          cohort_id,
                                                 const char     *today,
                                                 GError        **error);
/* One pair, assessed for @today; NULL with an error when it is unknown. */
PairingsFollowUp *pairings_followup_get         (PairingsStore  *store,
                                                 gint64          pair_id,
                                                 const char     *today,
                                                 GError        **error);

/* How many of the cohort's announced pairs are overdue or at risk. */
guint       pairings_followup_count_attention   (PairingsStore  *store,
                                                 gint64          cohort_id,
                                                 const char     *today,
                                                 GError        **error);

/* Reading a pair's details. */
gboolean    pairings_followup_get_agreement     (PairingsStore      *store,
                                                 gint64              pair_id,
                                                 PairingsAgreement  *agreement,
                                                 GError            **error);
GPtrArray  *pairings_followup_list_goals        (PairingsStore  *store,     /* PairingsGoal, by position */
                                                 gint64          pair_id,
                                                 GError        **error);
GPtrArray  *pairings_followup_list_check_ins    (PairingsStore  *store,     /* PairingsCheckIn, newest first */
                                                 gint64          pair_id,
                                                 GError        **error);
void        pairings_goal_free                  (PairingsGoal    *goal);
void        pairings_check_in_free              (PairingsCheckIn *check_in);

/* The pair's timeline, oldest first: paired, announced, agreement sent,
 * signed, each check-in, goals reached, end, evaluations; each entry a
 * PairingsTimelineEntry. */
typedef struct
{
  char *date;   /* ISO date */
  char *text;   /* translated: "Agreement signed by both", … */
} PairingsTimelineEntry;

GPtrArray  *pairings_followup_timeline          (PairingsStore  *store,
                                                 gint64          pair_id,
                                                 GError        **error);
void        pairings_timeline_entry_free        (PairingsTimelineEntry *entry);

/* Changes. Each refuses a pair that is not announced, invalid dates (not a
 * real calendar date), empty goal texts and out-of-range enums with a
 * PAIRINGS_STORE_ERROR_INVALID message naming the field; on any error the
 * database is as before. */
gboolean    pairings_followup_set_agreement     (PairingsStore            *store,
                                                 gint64                    pair_id,
                                                 const PairingsAgreement  *agreement,
                                                 GError                  **error);
/* Returns the new goal's id, 0 on error. */
gint64      pairings_followup_add_goal          (PairingsStore       *store,
                                                 gint64               pair_id,
                                                 const char          *text,
                                                 const char          *target_date,
                                                 GError             **error);
gboolean    pairings_followup_update_goal       (PairingsStore       *store,
                                                 gint64               goal_id,
                                                 const char          *text,
                                                 const char          *target_date,
                                                 PairingsGoalStatus   status,
                                                 GError             **error);
gboolean    pairings_followup_remove_goal       (PairingsStore       *store,
                                                 gint64               goal_id,
                                                 GError             **error);
/* Returns the new check-in's id, 0 on error. A date after @today is
 * refused (a check-in reports what happened). */
gint64      pairings_followup_add_check_in      (PairingsStore         *store,
                                                 gint64                 pair_id,
                                                 const char            *date,
                                                 PairingsReporter       reporter,
                                                 PairingsCheckInStatus  status,
                                                 const char            *note,
                                                 const char            *today,
                                                 GError               **error);
gboolean    pairings_followup_remove_check_in   (PairingsStore         *store,
                                                 gint64                 check_in_id,
                                                 GError               **error);
/* Ends a pair: COMPLETED, or ENDED_EARLY with a reason (required), or back
 * to ACTIVE (reason cleared). CONTINUES is pairings_followup_continue(). */
gboolean    pairings_followup_end               (PairingsStore    *store,
                                                 gint64            pair_id,
                                                 PairingsOutcome   outcome,
                                                 const char       *reason,
                                                 GError          **error);
/* The pair continues in the next cohort of the programme (the first one
 * whose call opens after this one's, or, without dates, created after
 * it): the pair's outcome becomes CONTINUES; both people get an accepted
 * application in that cohort (copied from this one) unless they have one,
 * which makes them returning participants; and the pair is proposed there
 * as a pinned pair in "suggested", continuing this one. Without a next
 * cohort, refuses with a message that says to create it first. Returns
 * the new pair's id, 0 on error. One step in the history. */
gint64      pairings_followup_continue          (PairingsStore  *store,
                                                 gint64          pair_id,
                                                 GError        **error);

/* Replays a "followup" event's state (@to) over the current one (@from),
 * for the history. */
gboolean    _pairings_followup_replay           (PairingsStore  *store,
                                                 const char     *to,
                                                 const char     *from,
                                                 GError        **error);

/* The agreement to send for signature: the programme's template for
 * @language ("en" or "fr"; the built-in one when the programme has none)
 * with {mentor}, {mentee}, {mentor_email}, {mentee_email}, {programme},
 * {cohort}, {frequency}, {mode}, {contact}, {expectations}, {start},
 * {end} filled in from the pair (an unset term: "to be agreed" in that
 * language). Unknown {names} stay as they are. */
char       *pairings_followup_agreement_text    (PairingsStore  *store,
                                                 gint64          pair_id,
                                                 const char     *language,
                                                 GError        **error);
/* The programme's template for @language, or the built-in one. Another
 * language than "en" or "fr": PAIRINGS_STORE_ERROR_INVALID. */
char       *pairings_followup_get_template      (PairingsStore  *store,
                                                 gint64          programme_id,
                                                 const char     *language,
                                                 GError        **error);
/* Saves it (NULL or "": back to the built-in one). */
gboolean    pairings_followup_set_template      (PairingsStore  *store,
                                                 gint64          programme_id,
                                                 const char     *language,
                                                 const char     *text,
                                                 GError        **error);
/* The built-in template, NULL for another language than "en" or "fr". */
const char *pairings_followup_default_template  (const char     *language);

G_END_DECLS

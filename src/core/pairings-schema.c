/* pairings-schema.c: every version of the database schema
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration takes a database from version N-1 to N and runs inside
 * the one transaction that also sets PRAGMA user_version. Never edit a
 * released migration: add the next one, and a fixture of the old schema
 * under tests/migrations/ so that the upgrade stays tested.
 */

#include "config.h"

#include "pairings-store-private.h"

/* Lists of allowed values are written as OR chains, not IN (…): SQLite 3.40
 * builds a temporary table for an IN list in a CHECK on every row written,
 * a third of the time of a large import. */
static const char schema_v1[] =
  "CREATE TABLE programmes ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE cohorts ("
  "  id INTEGER PRIMARY KEY,"
  "  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  call_opens TEXT, deadline TEXT, announcement TEXT, kick_off TEXT, ends TEXT,"
  "  pair_limit INTEGER CHECK (pair_limit IS NULL OR pair_limit >= 0),"
  "  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (programme_id, name)"
  ");"
  /* email_key is the case-folded address, computed in C for every script. */
  "CREATE TABLE people ("
  "  id INTEGER PRIMARY KEY,"
  "  email TEXT NOT NULL,"
  "  email_key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE applications ("
  "  id INTEGER PRIMARY KEY,"
  "  cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK ((role = 'mentee' OR role = 'mentor')),"
  "  status TEXT NOT NULL DEFAULT 'submitted' CHECK ((status = 'submitted' OR status = 'accepted' OR status = 'waitlisted' OR status = 'declined' OR status = 'withdrawn')),"
  "  name TEXT NOT NULL,"
  "  institution TEXT NOT NULL DEFAULT '',"
  "  experiment TEXT NOT NULL DEFAULT '',"
  "  department TEXT NOT NULL DEFAULT '',"
  "  location TEXT NOT NULL DEFAULT '',"
  "  timezone TEXT NOT NULL DEFAULT '',"
  "  languages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),"
  "  career_stage TEXT NOT NULL DEFAULT '',"
  "  career_stage_raw TEXT NOT NULL DEFAULT '',"
  "  mentoring_types TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mentoring_types)),"
  "  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),"
  "  motivation TEXT NOT NULL DEFAULT '',"
  "  submitted_at TEXT,"
  "  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (cohort_id, person_id, role)"
  ");"
  "CREATE INDEX applications_person ON applications(person_id);"
  /* Demographic answers live apart so that no join for a list, an export
   * or the board reaches them by accident. */
  "CREATE TABLE confidential_answers ("
  "  application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,"
  "  pronouns TEXT NOT NULL DEFAULT '',"
  "  gender TEXT NOT NULL DEFAULT '',"
  "  identity_groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(identity_groups)),"
  "  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers))"
  ");"
  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY,"
  "  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  reviewer TEXT NOT NULL,"
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 5),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  recused INTEGER NOT NULL DEFAULT 0 CHECK ((recused = 0 OR recused = 1)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (application_id, reviewer)"
  ");"
  "CREATE TABLE pairs ("
  "  id INTEGER PRIMARY KEY,"
  "  cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,"
  "  mentor_application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  mentee_application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL DEFAULT 'suggested' CHECK ((stage = 'suggested' OR stage = 'discussion' OR stage = 'approved' OR stage = 'announced' OR stage = 'set_aside')),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  score REAL,"
  "  locked INTEGER NOT NULL DEFAULT 0 CHECK ((locked = 0 OR locked = 1)),"
  "  outcome TEXT NOT NULL DEFAULT 'active' CHECK ((outcome = 'active' OR outcome = 'completed' OR outcome = 'ended_early' OR outcome = 'continues')),"
  "  end_reason TEXT NOT NULL DEFAULT '',"
  "  continues_from INTEGER REFERENCES pairs(id) ON DELETE SET NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (mentor_application_id, mentee_application_id)"
  ");"
  /* A mentee is in one live pair at most; set-aside pairs do not count. */
  "CREATE UNIQUE INDEX pairs_one_per_mentee ON pairs(mentee_application_id)"
  "  WHERE stage <> 'set_aside';"
  "CREATE INDEX pairs_cohort_stage ON pairs(cohort_id, stage, position);"
  "CREATE TABLE exclusions ("
  "  id INTEGER PRIMARY KEY,"
  "  mentor_application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  mentee_application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (mentor_application_id, mentee_application_id)"
  ");"
  "CREATE TABLE agreements ("
  "  pair_id INTEGER PRIMARY KEY REFERENCES pairs(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL DEFAULT 'not_sent' CHECK ((status = 'not_sent' OR status = 'sent' OR status = 'signed_mentee' OR status = 'signed_mentor' OR status = 'signed')),"
  "  sent_on TEXT,"
  "  signed_on TEXT,"
  "  frequency_days INTEGER CHECK (frequency_days IS NULL OR frequency_days > 0),"
  "  mode TEXT CHECK (mode IS NULL OR (mode = 'virtual' OR mode = 'in_person' OR mode = 'mixed')),"
  "  contact TEXT NOT NULL DEFAULT '',"
  "  expectations TEXT NOT NULL DEFAULT '',"
  "  confidentiality INTEGER NOT NULL DEFAULT 0 CHECK ((confidentiality = 0 OR confidentiality = 1))"
  ");"
  "CREATE TABLE goals ("
  "  id INTEGER PRIMARY KEY,"
  "  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  target_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK ((status = 'open' OR status = 'in_progress' OR status = 'reached' OR status = 'dropped')),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE check_ins ("
  "  id INTEGER PRIMARY KEY,"
  "  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  reporter TEXT NOT NULL CHECK ((reporter = 'mentor' OR reporter = 'mentee' OR reporter = 'committee')),"
  "  status TEXT NOT NULL CHECK ((status = 'on_track' OR status = 'needs_attention' OR status = 'no_contact')),"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX check_ins_pair ON check_ins(pair_id, date);"
  "CREATE TABLE evaluations ("
  "  id INTEGER PRIMARY KEY,"
  "  cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,"
  "  application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,"
  "  pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL,"
  "  survey TEXT NOT NULL CHECK ((survey = 'mid' OR survey = 'end')),"
  "  question TEXT NOT NULL,"
  "  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),"
  "  answer TEXT NOT NULL DEFAULT '',"
  "  submitted_at TEXT"
  ");"
  "CREATE INDEX evaluations_cohort ON evaluations(cohort_id, survey, question);"
  /* The audit trail, and later the undo history: before and after are the
   * entity's JSON, NULL for a creation or a deletion. */
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  before TEXT CHECK (before IS NULL OR json_valid(before)),"
  "  after TEXT CHECK (after IS NULL OR json_valid(after)),"
  "  undone INTEGER NOT NULL DEFAULT 0 CHECK ((undone = 0 OR undone = 1))"
  ");";

/* Version 2: an import that replaces resubmitted applications keeps the
 * confidential answers it overwrote here, not in the event log (which every
 * committee member reads), so that undoing the import can restore them. */
static const char schema_v2[] =
  "CREATE TABLE confidential_before ("
  "  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
  "  pronouns TEXT NOT NULL DEFAULT '',"
  "  gender TEXT NOT NULL DEFAULT '',"
  "  identity_groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(identity_groups)),"
  "  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),"
  "  PRIMARY KEY (event_id, application_id)"
  ");"
  "CREATE INDEX events_action ON events(action, undone);";

/* Version 3: the people's unique address key is a named index instead of a
 * UNIQUE constraint, so that a large import can drop it and build it again
 * at the end, in order, which is much quicker than inserting each new
 * address at a random place in it (the transaction keeps the change atomic;
 * pairings-import.c). SQLite cannot drop a constraint, so the table is made
 * again, as SQLite documents for such changes: its rows and ids are copied
 * and nothing that refers to people changes. The store runs migrations with
 * foreign keys off, and checks them before it commits. */
static const char schema_v3[] =
  "CREATE TABLE people_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  email TEXT NOT NULL,"
  "  email_key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "INSERT INTO people_v3 (id, email, email_key, name, created_at)"
  "  SELECT id, email, email_key, name, created_at FROM people;"
  "DROP TABLE people;"
  "ALTER TABLE people_v3 RENAME TO people;"
  "CREATE UNIQUE INDEX people_email_key ON people(email_key);";

static const PairingsMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PAIRINGS_STORE_SCHEMA_VERSION);

const PairingsMigration *
_pairings_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

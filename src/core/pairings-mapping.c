/* pairings-mapping.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pairings-mapping.h"

struct _PairingsMapping
{
  GObject     parent_instance;

  char       *columns[PAIRINGS_N_FIELDS];
  GPtrArray  *options;        /* the labels of the multi-select question */
  GPtrArray  *longest_first; /* the same labels, longest first; NULL when stale */
  GHashTable *career_stages;  /* normalized label → PairingsCareerStage + 1 */
};

G_DEFINE_FINAL_TYPE (PairingsMapping, pairings_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (pairings-mapping-error-quark, pairings_mapping_error)

static const char * const field_ids[] = {
  "name", "email", "institution", "experiment", "department", "location", "timezone",
  "languages", "career_stage", "mentoring_types", "capacity", "motivation", "submitted_at",
  "pronouns", "identity_groups", "role", "status",
};

static const char * const field_labels[] = {
  N_("Name"), N_("E-mail address"), N_("Institution"), N_("Experiment"), N_("Department"),
  N_("Location"), N_("Time zone"), N_("Languages"), N_("Career stage"), N_("Mentoring types"),
  N_("Capacity (mentees per mentor)"), N_("Motivation"), N_("Submitted at"),
  N_("Pronouns (confidential)"), N_("Identity groups (confidential)"), N_("Role"), N_("Status"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_ids) == PAIRINGS_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (field_labels) == PAIRINGS_N_FIELDS);

/* Headers seen in Google Forms, Microsoft Forms, Indico and spreadsheets,
 * normalized. A header that is exactly one of these wins; otherwise a
 * header containing one of the longer phrases does. */
static const struct
{
  PairingsField  field;
  const char    *synonyms[16];
} known_headers[] = {
  { PAIRINGS_FIELD_EMAIL, { "email", "e mail", "email address", "e mail address", "adresse e mail",
      "adresse email", "adresse electronique", "courriel", "mail", "your email", "work email",
      "adresse de courriel", "adresse mail", NULL } },
  { PAIRINGS_FIELD_NAME, { "name", "full name", "your name", "nom", "nom complet", "nom et prenom",
      "prenom et nom", "nom prenom", "first and last name", "applicant name", "participant name",
      "votre nom", NULL } },
  { PAIRINGS_FIELD_INSTITUTION, { "institution", "home institution", "affiliation", "university",
      "organisation", "organization", "etablissement", "institut", "universite", "employer",
      "home institute", "laboratoire", NULL } },
  { PAIRINGS_FIELD_EXPERIMENT, { "experiment", "collaboration", "experience", "your experiment",
      NULL } },
  { PAIRINGS_FIELD_DEPARTMENT, { "department", "departement", "division", "group", "groupe",
      "service", "unit", NULL } },
  { PAIRINGS_FIELD_LOCATION, { "location", "where are you based", "city", "lieu", "ville",
      "localisation", "based at", "site", "current location", "country", "pays", NULL } },
  { PAIRINGS_FIELD_TIMEZONE, { "time zone", "timezone", "fuseau horaire", NULL } },
  { PAIRINGS_FIELD_LANGUAGES, { "languages", "language", "langues", "langue", "languages spoken",
      "langues parlees", NULL } },
  { PAIRINGS_FIELD_CAREER_STAGE, { "career stage", "career level", "current position", "position",
      "stade de carriere", "poste", "poste actuel", "niveau de carriere", "seniority", NULL } },
  { PAIRINGS_FIELD_MENTORING_TYPES, { "mentoring types", "type of mentoring", "types of mentoring",
      "kinds of mentoring", "kind of mentoring", "types de mentorat", "type de mentorat",
      "mentorat souhaite", "mentoring sought", "mentoring offered", NULL } },
  { PAIRINGS_FIELD_CAPACITY, { "capacity", "number of mentees", "how many mentees",
      "nombre de mentores", "nombre de mentes", "capacite", NULL } },
  { PAIRINGS_FIELD_MOTIVATION, { "motivation", "motivation statement", "why do you want",
      "lettre de motivation", "pourquoi souhaitez vous", "your motivation", NULL } },
  { PAIRINGS_FIELD_SUBMITTED_AT, { "timestamp", "horodateur", "submitted", "submitted at",
      "submission date", "completion time", "registration date", "date de soumission",
      "heure de fin", "date", NULL } },
  { PAIRINGS_FIELD_PRONOUNS, { "pronouns", "pronoms", "your pronouns", NULL } },
  { PAIRINGS_FIELD_IDENTITY_GROUPS, { "identity groups", "identity group", "groupes identitaires",
      "do you identify", "minority", NULL } },
  { PAIRINGS_FIELD_ROLE, { "role", NULL } },
  { PAIRINGS_FIELD_STATUS, { "status", NULL } },
};

/* Career stage labels in English and French, normalized. */
static const struct
{
  PairingsCareerStage  stage;
  const char          *labels[14];
} known_stages[] = {
  { PAIRINGS_CAREER_UNDERGRADUATE, { "undergraduate", "undergraduate student", "bachelor",
      "bachelor student", "bsc student", "licence", "etudiant de licence", "etudiante de licence",
      "etudiant en licence", "etudiant e en licence", NULL } },
  { PAIRINGS_CAREER_GRADUATE, { "graduate", "graduate student", "phd student", "doctoral student",
      "phd candidate", "master student", "masters student", "doctorant", "doctorante",
      "doctorant e", "etudiant de master", "etudiant en master", "master", NULL } },
  { PAIRINGS_CAREER_POSTDOC, { "postdoc", "post doc", "postdoctoral researcher", "postdoctoral fellow",
      "research fellow", "postdoctorant", "postdoctorante", "post doctorant", "postdoctorant e",
      "fellow", NULL } },
  { PAIRINGS_CAREER_ENGINEER, { "engineer", "applied physicist", "technician", "staff engineer",
      "software engineer", "ingenieur", "ingenieure", "ingenieur e", "technicien", NULL } },
  { PAIRINGS_CAREER_JUNIOR_FACULTY, { "junior faculty", "junior faculty or scientist",
      "assistant professor", "junior scientist", "staff scientist", "maitre de conferences",
      "charge de recherche", "chargee de recherche", "chercheur junior", "lecturer", NULL } },
  { PAIRINGS_CAREER_SENIOR_FACULTY, { "senior faculty", "senior faculty or scientist", "professor",
      "associate professor", "full professor", "senior scientist", "senior staff",
      "directeur de recherche", "directrice de recherche", "professeur", "professeure",
      "chercheur senior", NULL } },
};

/* The option labels of the mentoring-type questions programmes use. */
static const char * const default_options[] = {
  "Career advancement",
  "Relocation to CERN / life at CERN",
  "Allyship for minority identity groups, incl. LGBTQ+",
  "A new connection",
  "Work-life balance",
};

const char *
pairings_field_to_string (PairingsField field)
{
  g_return_val_if_fail ((guint) field < PAIRINGS_N_FIELDS, NULL);
  return field_ids[field];
}

gboolean
pairings_field_from_string (const char    *str,
                            PairingsField *field)
{
  for (guint i = 0; str != NULL && i < PAIRINGS_N_FIELDS; i++)
    {
      if (g_str_equal (str, field_ids[i]))
        {
          *field = (PairingsField) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pairings_field_get_label (PairingsField field)
{
  g_return_val_if_fail ((guint) field < PAIRINGS_N_FIELDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, field_labels[field]);
}

gboolean
pairings_field_is_confidential (PairingsField field)
{
  return field == PAIRINGS_FIELD_PRONOUNS || field == PAIRINGS_FIELD_IDENTITY_GROUPS;
}

char *
pairings_normalize_label (const char *label)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (label == NULL || !g_utf8_validate (label, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (label, -1, G_NORMALIZE_NFKD);
  out = g_string_new (NULL);
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_tolower (c));
          space = FALSE;
        }
      else
        space = TRUE;
    }

  return g_string_free (out, FALSE);
}

static void
pairings_mapping_finalize (GObject *object)
{
  PairingsMapping *self = (PairingsMapping *)object;

  for (guint i = 0; i < PAIRINGS_N_FIELDS; i++)
    g_free (self->columns[i]);
  g_ptr_array_unref (self->options);
  g_clear_pointer (&self->longest_first, g_ptr_array_unref);
  g_hash_table_unref (self->career_stages);

  G_OBJECT_CLASS (pairings_mapping_parent_class)->finalize (object);
}

static void
pairings_mapping_class_init (PairingsMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pairings_mapping_finalize;
}

static void
pairings_mapping_init (PairingsMapping *self)
{
  self->options = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->career_stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_stages); i++)
    for (guint k = 0; known_stages[i].labels[k] != NULL; k++)
      g_hash_table_insert (self->career_stages, g_strdup (known_stages[i].labels[k]),
                           GINT_TO_POINTER (known_stages[i].stage + 1));
  for (guint i = 0; i < G_N_ELEMENTS (default_options); i++)
    pairings_mapping_add_option (self, default_options[i]);
}

PairingsMapping *
pairings_mapping_new (void)
{
  return g_object_new (PAIRINGS_TYPE_MAPPING, NULL);
}

static gboolean
load_keyfile (PairingsMapping  *self,
              GKeyFile         *keyfile,
              const char       *name,
              GError          **error)
{
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) options = NULL;

  keys = g_key_file_get_keys (keyfile, "mapping", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *header = g_key_file_get_string (keyfile, "mapping", keys[i], NULL);
      PairingsField field;

      if (!pairings_field_from_string (keys[i], &field))
        {
          g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID,
                       _("%s, section [mapping]: “%s” is not a field; the fields are %s"),
                       name, keys[i],
                       "name, email, institution, experiment, department, location, timezone, "
                       "languages, career_stage, mentoring_types, capacity, motivation, "
                       "submitted_at, pronouns, identity_groups, role, status");
          return FALSE;
        }
      pairings_mapping_set_column (self, field, header);
    }
  g_clear_pointer (&keys, g_strfreev);

  options = g_key_file_get_string_list (keyfile, "mentoring_types", "options", NULL, NULL);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    pairings_mapping_add_option (self, g_strstrip (options[i]));

  keys = g_key_file_get_keys (keyfile, "career_stage", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, "career_stage", keys[i], NULL);
      PairingsCareerStage stage;

      if (value == NULL || !pairings_career_stage_from_string (g_strstrip (value), &stage) ||
          stage == PAIRINGS_CAREER_UNKNOWN)
        {
          g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID,
                       _("%s, section [career_stage]: “%s” is not a career stage; the stages are "
                         "undergraduate, graduate, postdoc, engineer, junior_faculty and "
                         "senior_faculty"),
                       name, value ? value : "");
          return FALSE;
        }
      pairings_mapping_set_career_stage (self, keys[i], stage);
    }

  return TRUE;
}

PairingsMapping *
pairings_mapping_new_from_data (const char  *data,
                                gssize       length,
                                const char  *display_name,
                                GError     **error)
{
  g_autoptr(PairingsMapping) self = pairings_mapping_new ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  const char *name = display_name ? display_name : _("the mapping");

  if (length < 0)
    length = (gssize) strlen (data);

  if (!g_key_file_load_from_data (keyfile, data, (gsize) length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID,
                   _("%s is not a mapping preset: %s"), name, local_error->message);
      return NULL;
    }
  if (!g_key_file_has_group (keyfile, "mapping"))
    {
      g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID,
                   _("%s is not a mapping preset: it has no [mapping] section"), name);
      return NULL;
    }
  if (!load_keyfile (self, keyfile, name, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define MAX_PRESET_SIZE (1024 * 1024)

PairingsMapping *
pairings_mapping_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gsize length = 0;
  GStatBuf st;

  /* A FIFO would block the read for ever, a huge file fill the memory; a
   * preset is a few lines. */
  if (g_stat (path, &st) == 0 && (!S_ISREG (st.st_mode) || st.st_size > MAX_PRESET_SIZE))
    {
      g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_INVALID,
                   S_ISREG (st.st_mode) ? _("%s is too large for a mapping preset")
                                        : _("%s is not a regular file, not a mapping preset"),
                   name);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return pairings_mapping_new_from_data (contents, (gssize) length, name, error);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
pairings_mapping_to_data (PairingsMapping *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PAIRINGS_IS_MAPPING (self), NULL);

  for (guint i = 0; i < PAIRINGS_N_FIELDS; i++)
    if (self->columns[i] != NULL)
      g_key_file_set_string (keyfile, "mapping", field_ids[i], self->columns[i]);
  if (!g_key_file_has_group (keyfile, "mapping"))
    g_key_file_set_comment (keyfile, NULL, NULL, " Pairings column mapping", NULL);
  g_key_file_set_string_list (keyfile, "mentoring_types", "options",
                              (const char * const *) self->options->pdata, self->options->len);

  /* Only the labels the defaults do not know, sorted for stable files. */
  g_hash_table_iter_init (&iter, self->career_stages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (labels, key);
  g_ptr_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      PairingsCareerStage stage = GPOINTER_TO_INT (g_hash_table_lookup (self->career_stages, label)) - 1;
      gboolean builtin = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (known_stages) && !builtin; s++)
        for (guint k = 0; known_stages[s].labels[k] != NULL && !builtin; k++)
          builtin = g_str_equal (known_stages[s].labels[k], label) && known_stages[s].stage == stage;
      if (!builtin)
        g_key_file_set_string (keyfile, "career_stage", label, pairings_career_stage_to_string (stage));
    }

  if (!g_key_file_has_group (keyfile, "mapping"))
    g_key_file_set_string (keyfile, "mapping", "email", "");

  return g_key_file_to_data (keyfile, NULL, NULL);
}

gboolean
pairings_mapping_save (PairingsMapping  *self,
                       const char       *path,
                       GError          **error)
{
  g_autofree char *data = pairings_mapping_to_data (self);

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

const char *
pairings_mapping_get_column (PairingsMapping *self,
                             PairingsField    field)
{
  g_return_val_if_fail (PAIRINGS_IS_MAPPING (self), NULL);
  g_return_val_if_fail ((guint) field < PAIRINGS_N_FIELDS, NULL);
  return self->columns[field];
}

void
pairings_mapping_set_column (PairingsMapping *self,
                             PairingsField    field,
                             const char      *header)
{
  g_return_if_fail (PAIRINGS_IS_MAPPING (self));
  g_return_if_fail ((guint) field < PAIRINGS_N_FIELDS);

  g_free (self->columns[field]);
  self->columns[field] = header != NULL && *header != '\0' ? g_strdup (header) : NULL;
}

const char * const *
pairings_mapping_get_options (PairingsMapping *self)
{
  g_return_val_if_fail (PAIRINGS_IS_MAPPING (self), NULL);
  return (const char * const *) self->options->pdata;
}

void
pairings_mapping_add_option (PairingsMapping *self,
                             const char      *option)
{
  g_return_if_fail (PAIRINGS_IS_MAPPING (self));

  if (option == NULL || *option == '\0')
    return;
  for (guint i = 0; i < self->options->len; i++)
    if (g_str_equal (g_ptr_array_index (self->options, i), option))
      return;
  g_ptr_array_add (self->options, g_strdup (option));
  g_clear_pointer (&self->longest_first, g_ptr_array_unref);
}

void
pairings_mapping_set_career_stage (PairingsMapping     *self,
                                   const char          *label,
                                   PairingsCareerStage  stage)
{
  char *key;

  g_return_if_fail (PAIRINGS_IS_MAPPING (self));

  /* A label with no letter or digit (or not UTF-8) normalises to "", which
   * pairings_mapping_career_stage() never looks up and which a key file
   * cannot hold as a key: keeping it would only break saving. */
  key = pairings_normalize_label (label);
  if (*key == '\0')
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (self->career_stages, key, GINT_TO_POINTER (stage + 1));
}

gboolean
pairings_mapping_career_stage (PairingsMapping     *self,
                               const char          *label,
                               PairingsCareerStage *stage)
{
  g_autofree char *key = pairings_normalize_label (label);
  gpointer value;

  if (*key == '\0')
    {
      *stage = PAIRINGS_CAREER_UNKNOWN;
      return TRUE;
    }

  value = g_hash_table_lookup (self->career_stages, key);
  if (value == NULL)
    {
      /* The canonical ids themselves, as an export writes them. */
      if (pairings_career_stage_from_string (label, stage))
        return TRUE;
      *stage = PAIRINGS_CAREER_UNKNOWN;
      return FALSE;
    }

  *stage = GPOINTER_TO_INT (value) - 1;
  return TRUE;
}

static gboolean
field_is_taken (int           *taken,
                guint          n,
                int            column)
{
  for (guint i = 0; i < n; i++)
    if (taken[i] == column)
      return TRUE;
  return FALSE;
}

void
pairings_mapping_guess (PairingsMapping    *self,
                        const char * const *headers)
{
  g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func (g_free);
  int taken[PAIRINGS_N_FIELDS];
  guint n_taken = 0;

  g_return_if_fail (PAIRINGS_IS_MAPPING (self));

  /* No headers (an empty array's pdata): nothing to guess from. */
  if (headers == NULL)
    return;
  for (guint i = 0; headers[i] != NULL; i++)
    g_ptr_array_add (normal, pairings_normalize_label (headers[i]));

  /* Columns the preset names are not guessed again. */
  for (guint f = 0; f < PAIRINGS_N_FIELDS; f++)
    for (guint i = 0; self->columns[f] != NULL && headers[i] != NULL; i++)
      if (g_str_equal (headers[i], self->columns[f]))
        {
          /* A field takes one column, even when the file repeats its
           * header: taken[] holds one entry per field at most. */
          taken[n_taken++] = (int) i;
          break;
        }

  /* Two passes: exact headers first, then questions containing a phrase. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < G_N_ELEMENTS (known_headers); k++)
      {
        PairingsField field = known_headers[k].field;

        if (self->columns[field] != NULL)
          continue;
        for (guint s = 0; known_headers[k].synonyms[s] != NULL && self->columns[field] == NULL; s++)
          {
            const char *synonym = known_headers[k].synonyms[s];

            if (pass == 1 && strchr (synonym, ' ') == NULL)
              continue;
            for (guint i = 0; i < normal->len; i++)
              {
                const char *header = g_ptr_array_index (normal, i);
                gboolean match = pass == 0 ? g_str_equal (header, synonym)
                                           : strstr (header, synonym) != NULL;

                if (match && !field_is_taken (taken, n_taken, (int) i))
                  {
                    pairings_mapping_set_column (self, field, headers[i]);
                    taken[n_taken++] = (int) i;
                    break;
                  }
              }
          }
      }
}

gboolean
pairings_mapping_resolve (PairingsMapping    *self,
                          const char * const *headers,
                          const char         *file_name,
                          int                 columns[PAIRINGS_N_FIELDS],
                          GError            **error)
{
  g_return_val_if_fail (PAIRINGS_IS_MAPPING (self), FALSE);

  for (guint f = 0; f < PAIRINGS_N_FIELDS; f++)
    {
      columns[f] = -1;
      if (self->columns[f] == NULL)
        continue;

      for (guint i = 0; headers[i] != NULL; i++)
        {
          g_autofree char *a = g_strstrip (g_strdup (headers[i]));
          g_autofree char *b = g_strstrip (g_strdup (self->columns[f]));

          if (g_str_equal (a, b))
            {
              columns[f] = (int) i;
              break;
            }
        }

      if (columns[f] < 0)
        {
          g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_MISSING_COLUMN,
                       _("%s, line 1: there is no column “%s” for the field “%s”"),
                       file_name, self->columns[f], pairings_field_get_label (f));
          return FALSE;
        }
    }

  for (guint f = PAIRINGS_FIELD_NAME; f <= PAIRINGS_FIELD_EMAIL; f++)
    if (columns[f] < 0)
      {
        g_set_error (error, PAIRINGS_MAPPING_ERROR, PAIRINGS_MAPPING_ERROR_MISSING_COLUMN,
                     _("%s, line 1: no column holds the field “%s”; name it in a mapping preset"),
                     file_name, pairings_field_get_label (f));
        return FALSE;
      }

  return TRUE;
}

typedef struct
{
  gsize  position;
  char  *text;
} Piece;

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const Piece *pa = a;
  const Piece *pb = b;

  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

static gboolean
is_separator (char c)
{
  return c == ',' || c == ';' || c == '\x1f';
}

/* Known options are taken out whole, longest first, wherever they stand
 * between separators (they may hold commas themselves); what is left is
 * split on ";" and ",". The options come out in the order of the answer. */
GStrv
pairings_mapping_split_options (PairingsMapping *self,
                                const char      *answer)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(GArray) pieces = NULL;
  GPtrArray *options;
  gsize start = 0;

  /* Most answers to an optional question are empty. */
  if (answer == NULL || *answer == '\0')
    return g_new0 (char *, 1);

  /* A view of the labels, which stay the mapping's, sorted once. */
  if (self->longest_first == NULL)
    {
      self->longest_first = g_ptr_array_sized_new (self->options->len);
      for (guint i = 0; i < self->options->len; i++)
        g_ptr_array_add (self->longest_first, g_ptr_array_index (self->options, i));
      g_ptr_array_sort (self->longest_first, compare_length_desc);
    }
  options = self->longest_first;

  builder = g_strv_builder_new ();
  rest = g_strdup (answer);
  pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);
      gsize length = strlen (option);
      char *at = rest;

      while ((at = strstr (at, option)) != NULL)
        {
          const char *before = at;
          const char *after = at + length;

          while (before > rest && before[-1] == ' ')
            before--;
          while (*after == ' ')
            after++;
          if ((before == rest || is_separator (before[-1])) && (*after == '\0' || is_separator (*after)))
            {
              Piece piece = { (gsize) (at - rest), (char *) option };
              g_array_append_val (pieces, piece);
              memset (at, '\x1f', length);
            }
          at += length;
        }
    }

  for (gsize i = 0;; i++)
    {
      if (rest[i] == '\0' || is_separator (rest[i]))
        {
          g_autofree char *token = g_strstrip (g_strndup (rest + start, i - start));

          if (*token != '\0')
            {
              Piece piece = { start, g_steal_pointer (&token) };
              g_array_append_val (pieces, piece);
            }
          start = i + 1;
        }
      if (rest[i] == '\0')
        break;
    }

  g_array_sort (pieces, compare_position);
  for (guint i = 0; i < pieces->len; i++)
    g_strv_builder_add (builder, g_array_index (pieces, Piece, i).text);

  /* Tokens were allocated here; options belong to the mapping. */
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = &g_array_index (pieces, Piece, i);
      gboolean owned = TRUE;

      for (guint k = 0; k < options->len && owned; k++)
        owned = piece->text != g_ptr_array_index (options, k);
      if (owned)
        g_free (piece->text);
    }

  return g_strv_builder_end (builder);
}

/* pairings-demo.c: a realistic programme to try Pairings with
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three yearly cohorts of a physics collaboration's mentorship programme:
 * applications, reviews, a board of pairs, and the follow-up of the pairs
 * (agreements, goals, check-ins, surveys). Everything comes from the tables
 * below and from one GRand with a fixed seed, with dates written out rather
 * than taken from the clock, so every run writes the same content: tests
 * compare digests, and bug reports and screenshots can refer to "the demo".
 *
 * Each cohort is first planned in memory (who applies, how reviewers score
 * them, who is accepted, who is paired with whom) and then written, because
 * the statuses depend on the reviews and the board on the statuses.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-cohort.h"
#include "pairings-demo.h"
#include "pairings-json.h"
#include "pairings-store-private.h"

#define DEMO_SEED 20230116u

/* The data ------------------------------------------------------------------ */

enum
{
  TYPE_CAREER,
  TYPE_RELOCATION,
  TYPE_ALLYSHIP,
  TYPE_CONNECTION,
  TYPE_BALANCE,
  N_TYPES
};

#define HAS_TYPE(mask, type) (((mask) & (1u << (type))) != 0)

/* The option labels of the form's multi-select question, commas included. */
static const char * const mentoring_types[N_TYPES] = {
  "Career advancement",
  "Relocation to CERN / life at CERN",
  "Allyship for minority identity groups, incl. LGBTQ+",
  "A new connection",
  "Work-life balance",
};

static const char * const identity_groups[] = {
  "Woman or gender minority",
  "LGBTQ+",
  "Racial or ethnic minority",
  "First-generation academic",
  "Disability or chronic illness",
  "Parent or carer",
};

typedef struct
{
  const char *name;
  const char *domain;
  const char *location;
  const char *timezone;
  const char *department;
  const char *experiments[4];  /* NULL after the last one */
  guint       weight;          /* how many applicants come from there */
} DemoInstitution;

#define CERN 0

/* The domains are under .example (RFC 2606) so that nobody trying the
 * roster export with a mail merge writes to a real address. */
static const DemoInstitution institutions[] = {
  { "CERN", "cern.example", "CERN / Geneva", "Europe/Zurich", "EP department",
    { "ATLAS", "CMS", "LHCb", "ALICE" }, 5 },
  { "Fermilab", "fnal.example", "Fermilab / Batavia", "America/Chicago", "Neutrino Division",
    { "DUNE", "CMS", "Mu2e" }, 3 },
  { "DESY", "desy.example", "Hamburg", "Europe/Berlin", "FH division",
    { "ATLAS", "CMS", "Belle II" }, 2 },
  { "University of Michigan", "umich.example", "Ann Arbor, MI", "America/Detroit",
    "Department of Physics", { "ATLAS", "DUNE" }, 1 },
  { "University of Wisconsin–Madison", "wisc.example", "Madison, WI", "America/Chicago",
    "Department of Physics", { "CMS", "IceCube" }, 1 },
  { "Brookhaven National Laboratory", "bnl.example", "Upton, NY", "America/New_York",
    "Physics Department", { "ATLAS", "sPHENIX", "DUNE" }, 1 },
  { "University of California, Santa Cruz", "ucsc.example", "Santa Cruz, CA",
    "America/Los_Angeles", "SCIPP", { "ATLAS" }, 1 },
  { "University of Oxford", "ox.example", "Oxford", "Europe/London", "Department of Physics",
    { "ATLAS", "LHCb", "DUNE" }, 1 },
  { "LPNHE, Sorbonne Université", "lpnhe.example", "Paris", "Europe/Paris", "LPNHE",
    { "ATLAS", "LHCb" }, 1 },
  { "Universität Bonn", "uni-bonn.example", "Bonn", "Europe/Berlin", "Physikalisches Institut",
    { "ATLAS", "Belle II" }, 1 },
  { "INFN Sezione di Pisa", "pi.infn.example", "Pisa", "Europe/Rome", "Gruppo I",
    { "CMS", "Belle II" }, 1 },
  { "IFIC (CSIC – Universitat de València)", "ific.example", "València", "Europe/Madrid",
    "Experimental High Energy Physics", { "ATLAS", "LHCb" }, 1 },
  { "Niels Bohr Institute", "nbi.example", "Copenhagen", "Europe/Copenhagen",
    "Experimental Particle Physics", { "ATLAS", "ALICE" }, 1 },
  { "AGH University of Kraków", "agh.example", "Kraków", "Europe/Warsaw", "Faculty of Physics",
    { "ATLAS", "LHCb", "ALICE" }, 1 },
  { "Tata Institute of Fundamental Research", "tifr.example", "Mumbai", "Asia/Kolkata",
    "Department of High Energy Physics", { "CMS" }, 1 },
  { "The University of Tokyo", "u-tokyo.example", "Tokyo", "Asia/Tokyo", "ICEPP",
    { "ATLAS" }, 1 },
};

typedef struct
{
  const char *name;
  const char *ascii;   /* for the e-mail address */
  char        gender;  /* 'f', 'm' or 'x': the form of the family name, the pronouns */
} DemoGiven;

typedef struct
{
  const char *name;
  const char *ascii;
  const char *feminine;        /* NULL when the name has one form */
  const char *feminine_ascii;
} DemoFamily;

typedef struct
{
  const char       *languages[3];  /* spoken besides English */
  gboolean          family_first;
  const DemoGiven  *given;
  const DemoFamily *family;
} DemoCulture;

#define N_NAMES 6

/* The first name of each list goes with the first family name: the first
 * five people of the demo are these combinations, so that the names the
 * documentation shows are always there. */
static const DemoGiven swedish_given[N_NAMES] = {
  { "Zoë", "zoe", 'f' }, { "Björn", "bjorn", 'm' }, { "Linnéa", "linnea", 'f' },
  { "Göran", "goran", 'm' }, { "Märta", "marta", 'f' }, { "Åsa", "asa", 'f' },
};
static const DemoFamily swedish_family[N_NAMES] = {
  { "Ångström", "angstrom" }, { "Lindqvist", "lindqvist" }, { "Sjöberg", "sjoberg" },
  { "Öberg", "oberg" }, { "Hållén", "hallen" }, { "Bergström", "bergstrom" },
};
static const DemoGiven polish_given[N_NAMES] = {
  { "Łukasz", "lukasz", 'm' }, { "Agnieszka", "agnieszka", 'f' },
  { "Małgorzata", "malgorzata", 'f' }, { "Wojciech", "wojciech", 'm' },
  { "Zofia", "zofia", 'f' }, { "Paweł", "pawel", 'm' },
};
static const DemoFamily polish_family[N_NAMES] = {
  { "Wróbel", "wrobel" }, { "Nowak", "nowak" }, { "Kaczmarek", "kaczmarek" },
  { "Wójcik", "wojcik" }, { "Zieliński", "zielinski", "Zielińska", "zielinska" },
  { "Mazur", "mazur" },
};
static const DemoGiven spanish_given[N_NAMES] = {
  { "José", "jose", 'm' }, { "Inés", "ines", 'f' }, { "Álvaro", "alvaro", 'm' },
  { "Lucía", "lucia", 'f' }, { "Begoña", "begona", 'f' }, { "Sebastián", "sebastian", 'm' },
};
static const DemoFamily spanish_family[N_NAMES] = {
  { "Núñez", "nunez" }, { "Ibáñez", "ibanez" }, { "García", "garcia" },
  { "Peña", "pena" }, { "Muñoz", "munoz" }, { "Fernández", "fernandez" },
};
static const DemoGiven vietnamese_given[N_NAMES] = {
  { "Thị Hương", "huong", 'f' }, { "Văn Minh", "minh", 'm' }, { "Thu Thảo", "thao", 'f' },
  { "Đức Anh", "ducanh", 'm' }, { "Ngọc Lan", "lan", 'f' }, { "Quang Huy", "huy", 'm' },
};
static const DemoFamily vietnamese_family[N_NAMES] = {
  { "Nguyễn", "nguyen" }, { "Trần", "tran" }, { "Lê", "le" },
  { "Phạm", "pham" }, { "Hoàng", "hoang" }, { "Đặng", "dang" },
};
static const DemoGiven danish_given[N_NAMES] = {
  { "Søren", "soren", 'm' }, { "Mette", "mette", 'f' }, { "Astrid", "astrid", 'f' },
  { "Mads", "mads", 'm' }, { "Freja", "freja", 'f' }, { "Jørgen", "jorgen", 'm' },
};
static const DemoFamily danish_family[N_NAMES] = {
  { "Kierkegård", "kierkegard" }, { "Østergaard", "ostergaard" }, { "Brøndum", "brondum" },
  { "Holm", "holm" }, { "Mørch", "morch" }, { "Dalsgaard", "dalsgaard" },
};
static const DemoGiven french_given[N_NAMES] = {
  { "Amélie", "amelie", 'f' }, { "Benoît", "benoit", 'm' }, { "Chloé", "chloe", 'f' },
  { "Jérôme", "jerome", 'm' }, { "Maëlle", "maelle", 'f' }, { "Théo", "theo", 'm' },
};
static const DemoFamily french_family[N_NAMES] = {
  { "Lefèvre", "lefevre" }, { "Bénard", "benard" }, { "Rousseau", "rousseau" },
  { "Lemaître", "lemaitre" }, { "Girard", "girard" }, { "Faure", "faure" },
};
static const DemoGiven german_given[N_NAMES] = {
  { "Jürgen", "juergen", 'm' }, { "Käthe", "kaethe", 'f' }, { "Jörg", "joerg", 'm' },
  { "Anneliese", "anneliese", 'f' }, { "Lukas", "lukas", 'm' }, { "Mareike", "mareike", 'f' },
};
static const DemoFamily german_family[N_NAMES] = {
  { "Müller", "mueller" }, { "Schröder", "schroeder" }, { "Groß", "gross" },
  { "Weiß", "weiss" }, { "Köhler", "koehler" }, { "Bäumer", "baeumer" },
};
static const DemoGiven turkish_given[N_NAMES] = {
  { "Çağla", "cagla", 'f' }, { "Gökhan", "gokhan", 'm' }, { "Şule", "sule", 'f' },
  { "Ömer", "omer", 'm' }, { "İlkay", "ilkay", 'x' }, { "Elif", "elif", 'f' },
};
static const DemoFamily turkish_family[N_NAMES] = {
  { "Yılmaz", "yilmaz" }, { "Öztürk", "ozturk" }, { "Çelik", "celik" },
  { "Şahin", "sahin" }, { "Doğan", "dogan" }, { "Aydın", "aydin" },
};
static const DemoGiven greek_given[N_NAMES] = {
  { "Γιώργος", "giorgos", 'm' }, { "Ελένη", "eleni", 'f' }, { "Δημήτρης", "dimitris", 'm' },
  { "Κατερίνα", "katerina", 'f' }, { "Νίκος", "nikos", 'm' }, { "Σοφία", "sofia", 'f' },
};
static const DemoFamily greek_family[N_NAMES] = {
  { "Παπαδόπουλος", "papadopoulos", "Παπαδοπούλου", "papadopoulou" },
  { "Νικολάου", "nikolaou" }, { "Οικονόμου", "oikonomou" }, { "Γεωργίου", "georgiou" },
  { "Καραγιάννης", "karagiannis", "Καραγιάννη", "karagianni" }, { "Βασιλείου", "vasileiou" },
};
static const DemoGiven russian_given[N_NAMES] = {
  { "Анна", "anna", 'f' }, { "Дмитрий", "dmitry", 'm' }, { "Екатерина", "ekaterina", 'f' },
  { "Алексей", "alexey", 'm' }, { "Ольга", "olga", 'f' }, { "Иван", "ivan", 'm' },
};
static const DemoFamily russian_family[N_NAMES] = {
  { "Смирнов", "smirnov", "Смирнова", "smirnova" },
  { "Кузнецов", "kuznetsov", "Кузнецова", "kuznetsova" },
  { "Попов", "popov", "Попова", "popova" },
  { "Соколов", "sokolov", "Соколова", "sokolova" },
  { "Лебедев", "lebedev", "Лебедева", "lebedeva" },
  { "Фёдоров", "fedorov", "Фёдорова", "fedorova" },
};
static const DemoGiven japanese_given[N_NAMES] = {
  { "花子", "hanako", 'f' }, { "健太", "kenta", 'm' }, { "美咲", "misaki", 'f' },
  { "翔", "sho", 'm' }, { "由美", "yumi", 'f' }, { "大輔", "daisuke", 'm' },
};
static const DemoFamily japanese_family[N_NAMES] = {
  { "佐藤", "sato" }, { "鈴木", "suzuki" }, { "高橋", "takahashi" },
  { "田中", "tanaka" }, { "渡辺", "watanabe" }, { "伊藤", "ito" },
};
static const DemoGiven chinese_given[N_NAMES] = {
  { "Yuxuan", "yuxuan", 'x' }, { "Xiaoling", "xiaoling", 'f' }, { "Haoran", "haoran", 'm' },
  { "Jingyi", "jingyi", 'f' }, { "Zhiwei", "zhiwei", 'm' }, { "Meiling", "meiling", 'f' },
};
static const DemoFamily chinese_family[N_NAMES] = {
  { "Chen", "chen" }, { "Wang", "wang" }, { "Liu", "liu" },
  { "Zhang", "zhang" }, { "Li", "li" }, { "Zhou", "zhou" },
};
static const DemoGiven indian_given[N_NAMES] = {
  { "Priya", "priya", 'f' }, { "Arjun", "arjun", 'm' }, { "Aditi", "aditi", 'f' },
  { "Saurabh", "saurabh", 'm' }, { "Lakshmi", "lakshmi", 'f' }, { "Rohan", "rohan", 'm' },
};
static const DemoFamily indian_family[N_NAMES] = {
  { "Raghunathan", "raghunathan" }, { "Iyer", "iyer" }, { "Chatterjee", "chatterjee" },
  { "Deshpande", "deshpande" }, { "Venkataraman", "venkataraman" }, { "Banerjee", "banerjee" },
};
static const DemoGiven west_african_given[N_NAMES] = {
  { "Chiamaka", "chiamaka", 'f' }, { "Oluwaseun", "oluwaseun", 'x' }, { "Kwame", "kwame", 'm' },
  { "Adaeze", "adaeze", 'f' }, { "Tèmítọ́pẹ́", "temitope", 'x' }, { "Emeka", "emeka", 'm' },
};
static const DemoFamily west_african_family[N_NAMES] = {
  { "Okonkwo", "okonkwo" }, { "Adébáyọ̀", "adebayo" }, { "Mensah", "mensah" },
  { "Eze", "eze" }, { "Okafor", "okafor" }, { "Adéyẹmí", "adeyemi" },
};
static const DemoGiven maghrebi_given[N_NAMES] = {
  { "Youssef", "youssef", 'm' }, { "Leïla", "leila", 'f' }, { "Karim", "karim", 'm' },
  { "Fatima-Zahra", "fatima-zahra", 'f' }, { "Nour", "nour", 'x' }, { "Mehdi", "mehdi", 'm' },
};
static const DemoFamily maghrebi_family[N_NAMES] = {
  { "El Amrani", "elamrani" }, { "Benali", "benali" }, { "Haddad", "haddad" },
  { "Mansour", "mansour" }, { "Bouzid", "bouzid" }, { "Cherkaoui", "cherkaoui" },
};
static const DemoGiven irish_given[N_NAMES] = {
  { "Aoife", "aoife", 'f' }, { "Siobhán", "siobhan", 'f' }, { "Ciarán", "ciaran", 'm' },
  { "Niamh", "niamh", 'f' }, { "Eoin", "eoin", 'm' }, { "Pádraig", "padraig", 'm' },
};
static const DemoFamily irish_family[N_NAMES] = {
  { "O'Connor", "oconnor" }, { "Ó Briain", "obriain", "Ní Bhriain", "nibhriain" },
  { "Murphy", "murphy" }, { "Fitzgerald", "fitzgerald" }, { "Byrne", "byrne" },
  { "Kavanagh", "kavanagh" },
};
static const DemoGiven hungarian_given[N_NAMES] = {
  { "Réka", "reka", 'f' }, { "Zsófia", "zsofia", 'f' }, { "Bálint", "balint", 'm' },
  { "Gergő", "gergo", 'm' }, { "Dóra", "dora", 'f' }, { "Ádám", "adam", 'm' },
};
static const DemoFamily hungarian_family[N_NAMES] = {
  { "Kovács", "kovacs" }, { "Szabó", "szabo" }, { "Tóth", "toth" },
  { "Horváth", "horvath" }, { "Nagy", "nagy" }, { "Varga", "varga" },
};
static const DemoGiven portuguese_given[N_NAMES] = {
  { "João", "joao", 'm' }, { "Conceição", "conceicao", 'f' }, { "Inês", "ines", 'f' },
  { "Gonçalo", "goncalo", 'm' }, { "Thaís", "thais", 'f' }, { "Vinícius", "vinicius", 'm' },
};
static const DemoFamily portuguese_family[N_NAMES] = {
  { "Gonçalves", "goncalves" }, { "Simões", "simoes" }, { "Araújo", "araujo" },
  { "Magalhães", "magalhaes" }, { "Brandão", "brandao" }, { "Conceição", "conceicao" },
};
static const DemoGiven italian_given[N_NAMES] = {
  { "Niccolò", "niccolo", 'm' }, { "Beatrice", "beatrice", 'f' }, { "Chiara", "chiara", 'f' },
  { "Gianluca", "gianluca", 'm' }, { "Ilaria", "ilaria", 'f' }, { "Federico", "federico", 'm' },
};
static const DemoFamily italian_family[N_NAMES] = {
  { "D'Angelo", "dangelo" }, { "Esposito", "esposito" }, { "Bianchi", "bianchi" },
  { "Lo Presti", "lopresti" }, { "Ferrara", "ferrara" }, { "De Luca", "deluca" },
};
static const DemoGiven korean_given[N_NAMES] = {
  { "Min-ji", "minji", 'f' }, { "Seo-yeon", "seoyeon", 'f' }, { "Ji-hoon", "jihoon", 'm' },
  { "Hyun-woo", "hyunwoo", 'm' }, { "Su-bin", "subin", 'x' }, { "Jae-won", "jaewon", 'm' },
};
static const DemoFamily korean_family[N_NAMES] = {
  { "Kim", "kim" }, { "Park", "park" }, { "Lee", "lee" },
  { "Choi", "choi" }, { "Jung", "jung" }, { "Kang", "kang" },
};
static const DemoGiven american_given[N_NAMES] = {
  { "Emily", "emily", 'f' }, { "Jacob", "jacob", 'm' }, { "Madison", "madison", 'f' },
  { "Tyler", "tyler", 'm' }, { "Hannah", "hannah", 'f' }, { "Marcus", "marcus", 'm' },
};
static const DemoFamily american_family[N_NAMES] = {
  { "Johnson", "johnson" }, { "Whitfield", "whitfield" }, { "Carter", "carter" },
  { "Rosenberg", "rosenberg" }, { "Washington", "washington" }, { "McAllister", "mcallister" },
};

static const DemoCulture cultures[] = {
  { { "Swedish" }, FALSE, swedish_given, swedish_family },
  { { "Polish" }, FALSE, polish_given, polish_family },
  { { "Spanish", "Catalan" }, FALSE, spanish_given, spanish_family },
  { { "Vietnamese" }, TRUE, vietnamese_given, vietnamese_family },
  { { "Danish" }, FALSE, danish_given, danish_family },
  { { "French" }, FALSE, french_given, french_family },
  { { "German" }, FALSE, german_given, german_family },
  { { "Turkish" }, FALSE, turkish_given, turkish_family },
  { { "Greek" }, FALSE, greek_given, greek_family },
  { { "Russian" }, FALSE, russian_given, russian_family },
  { { "Japanese" }, TRUE, japanese_given, japanese_family },
  { { "Mandarin" }, FALSE, chinese_given, chinese_family },
  { { "Hindi", "Marathi" }, FALSE, indian_given, indian_family },
  { { "Yoruba", "Igbo" }, FALSE, west_african_given, west_african_family },
  { { "Arabic", "French" }, FALSE, maghrebi_given, maghrebi_family },
  { { "Irish" }, FALSE, irish_given, irish_family },
  { { "Hungarian" }, FALSE, hungarian_given, hungarian_family },
  { { "Portuguese" }, FALSE, portuguese_given, portuguese_family },
  { { "Italian" }, FALSE, italian_given, italian_family },
  { { "Korean" }, FALSE, korean_given, korean_family },
  { { NULL }, FALSE, american_given, american_family },
};

#define N_FEATURED 5

typedef struct
{
  const char *label;         /* as the form's drop-down said */
  const char *with_article;  /* for the motivations */
} DemoStageLabel;

static const DemoStageLabel stage_labels[PAIRINGS_N_CAREER_STAGES][2] = {
  [PAIRINGS_CAREER_UNDERGRADUATE] = {
    { "Bachelor student", "a bachelor student" },
    { "Summer student", "a summer student" } },
  [PAIRINGS_CAREER_GRADUATE] = {
    { "PhD student", "a PhD student" },
    { "Master's student", "a master's student" } },
  [PAIRINGS_CAREER_POSTDOC] = {
    { "Postdoctoral researcher", "a postdoctoral researcher" },
    { "Research fellow", "a research fellow" } },
  [PAIRINGS_CAREER_ENGINEER] = {
    { "Staff engineer", "a staff engineer" },
    { "Software engineer", "a software engineer" } },
  [PAIRINGS_CAREER_JUNIOR_FACULTY] = {
    { "Assistant professor", "an assistant professor" },
    { "Staff scientist (junior)", "a junior staff scientist" } },
  [PAIRINGS_CAREER_SENIOR_FACULTY] = {
    { "Full professor", "a full professor" },
    { "Senior research physicist", "a senior research physicist" } },
};

/* Shares in percent; mentors are more senior on the whole. */
static const guint mentee_stage_weights[PAIRINGS_N_CAREER_STAGES] = { 0, 14, 40, 28, 10, 8, 0 };
static const guint mentor_stage_weights[PAIRINGS_N_CAREER_STAGES] = { 0, 0, 0, 12, 18, 34, 36 };

/* Where a career goes in a year, when it moves at all. */
static const PairingsCareerStage next_stage[PAIRINGS_N_CAREER_STAGES] = {
  PAIRINGS_CAREER_UNKNOWN, PAIRINGS_CAREER_GRADUATE, PAIRINGS_CAREER_POSTDOC,
  PAIRINGS_CAREER_JUNIOR_FACULTY, PAIRINGS_CAREER_ENGINEER, PAIRINGS_CAREER_SENIOR_FACULTY,
  PAIRINGS_CAREER_SENIOR_FACULTY,
};
static const double promotion_odds[PAIRINGS_N_CAREER_STAGES] = { 0, 0.6, 0.3, 0.25, 0, 0.12, 0 };

typedef struct
{
  guint       type;  /* the mentoring type that the text is about */
  const char *text;
} DemoTemplate;

/* Placeholders: {a_stage}, {institution}, {experiment}, {capacity}, {years}. */
static const DemoTemplate mentee_motivations[] = {
  { TYPE_CAREER,
    "I am {a_stage} at {institution}, working on {experiment}. I would like to talk to someone "
    "outside my group about \"what comes next\": a second postdoc, a staff position, or "
    "industry.\nI can meet in the evenings, Geneva time." },
  { TYPE_CAREER,
    "My supervisor suggested the programme. I'd like feedback on my CV, on fellowship "
    "applications (e.g. \"Marie Skłodowska-Curie\"), and on preparing for interviews." },
  { TYPE_RELOCATION,
    "I will move to CERN in the spring, with my partner and two children, and I know nobody "
    "in the area.\nAdvice on housing, schools, \"the French side or the Swiss side\", and on "
    "how things work at CERN would help a lot." },
  { TYPE_ALLYSHIP,
    "Honestly, I am not sure I belong in physics. Some days, \"imposter syndrome\" is an "
    "understatement.\n\nI would like a mentor who has been through it, ideally someone from "
    "a minority group, who can tell me how they found their place." },
  { TYPE_CONNECTION,
    "I'm {a_stage} in {experiment} and I want to grow my network beyond my institute. I "
    "enjoy my analysis, but I have never talked to anyone outside {institution} about "
    "careers, conferences, or how to get a talk." },
  { TYPE_BALANCE,
    "Balancing shifts, teaching, and a newborn has been hard this year.\nI'd appreciate "
    "advice on saying \"no\" to tasks, on planning my week, and on keeping time for research." },
};

static const DemoTemplate mentor_motivations[] = {
  { TYPE_CAREER,
    "I was mentored informally as a student, and it made all the difference. I'm happy to "
    "share what I learned about applications, collaboration politics, and \"the unwritten "
    "rules\"." },
  { TYPE_CAREER,
    "As {a_stage} at {institution}, I sit on hiring committees, so I can give honest feedback "
    "on CVs, research statements, and interviews.\nI'd like my mentee to come with concrete "
    "questions." },
  { TYPE_RELOCATION,
    "I have lived in the Pays de Gex for {years} years, with a family. I can help with the "
    "practical side of moving to CERN: housing, schools, permits, and finding a community.\n"
    "Virtual or in person, both fine." },
  { TYPE_ALLYSHIP,
    "I'm an ally, and active in our LGBTQ+ network. I'd like to support someone who feels "
    "isolated, in whatever way helps: listening, advice, or \"just a coffee\" now and then." },
  { TYPE_CONNECTION,
    "I'd like to give back. I've worked on {experiment} for {years} years, and on two other "
    "experiments before, so I can talk about changing fields, \"soft money\", and long-term "
    "planning.\nUp to {capacity} mentees, meeting monthly." },
  { TYPE_BALANCE,
    "Two children, a partner in another country for three years, and a full teaching load: "
    "I have made most of the mistakes, and I'm glad to talk about them, honestly." },
};

typedef struct
{
  const char *name;
  const char *institution;
  const char *experiment;
} DemoReviewer;

/* The committee; a member recuses from applicants of their own group. */
static const DemoReviewer committee[] = {
  { "Ingrid Halvorsen", "CERN", "ATLAS" },
  { "Marco Bellini", "INFN Sezione di Pisa", "CMS" },
  { "Aïcha Diallo", "LPNHE, Sorbonne Université", "LHCb" },
  { "Hiroshi Tanaka", "The University of Tokyo", "ATLAS" },
  { "Rebecca Goldberg", "Fermilab", "DUNE" },
};

/* Review notes by score; an empty note is a score without comment. */
static const char * const review_notes[6][3] = {
  { "Same group as the applicant; recused.", "Conflict of interest (same institute).", "" },
  { "Does not fit the programme's aims.", "Mostly asks for a job reference.", "" },
  { "Goals are unclear; suggest reapplying next year.", "Seems to want a supervisor, not a mentor.", "" },
  { "Reasonable, but a bit generic.", "OK. Relocation questions could go to the Users' Office too.", "" },
  { "Good motivation, concrete questions.", "Would benefit a lot; accept.", "" },
  { "Clear goals and a convincing motivation.", "Excellent; a good fit for an experienced mentor.", "" },
};

static const char * const end_reasons[] = {
  "The mentee left physics for a data-science job in industry; both agreed to close the pair.",
  "The mentor moved to another institute and could no longer make time.",
  "No contact after the summer, despite two reminders from the committee.",
  "Meetings across time zones did not work out.",
};

static const char * const remote_contacts[] = {
  "Zoom, first Monday of the month at 16:00 CET",
  "Mattermost for quick questions, a call every other week",
  "E-mail to set each meeting; Teams for the calls",
  "Phone or Signal, in the evening",
};

/* For pairs in the same place. */
static const char * const local_contacts[] = {
  "Coffee on site every other week, or Zoom when travelling",
  "Lunch on Thursdays",
  "Walks around the site, weather permitting",
};

static const char * const expectations[] = {
  "We meet {frequency} for about an hour. The mentee sets the agenda and sends it a day "
  "before; the mentor gives honest, constructive feedback.\nWhat we discuss stays between "
  "us. Either of us can end the mentorship at any time, after telling the committee.",
  "Meetings {frequency}, \"no agenda needed\" for the first two. We review the goals at "
  "mid-term, in September.\nConfidential, as in the programme's code of conduct.",
};

static const char * const goals[N_TYPES][3] = {
  [TYPE_CAREER] = {
    "Draft a research statement and get feedback on it",
    "Apply for a CERN fellowship, before the September deadline",
    "Map out the options after the contract ends, in and outside academia" },
  [TYPE_RELOCATION] = {
    "Find housing in Geneva or the Pays de Gex before the move",
    "Sort out the legitimation card, health insurance and schools",
    "Join two CERN clubs to meet people outside work" },
  [TYPE_ALLYSHIP] = {
    "Find a support network on site, e.g. the LGBTQ+ network",
    "Prepare for difficult conversations in the group",
    "Take part in an outreach event as a role model" },
  [TYPE_CONNECTION] = {
    "Meet three people from another experiment",
    "Present a poster at a conference, with a practice run first",
    "Get introduced to the conveners of a physics group" },
  [TYPE_BALANCE] = {
    "Keep two evenings a week free of meetings",
    "Plan shifts and teaching a term ahead",
    "Take the full summer holiday, without e-mail" },
};

static const char * const check_in_notes[3][4] = {
  { "Met twice this month; working on the fellowship application.",
    "Good discussion about the next job; CV updated.",
    "All fine, meeting as planned.", "" },
  { "Meetings keep getting cancelled; will try a fixed slot.",
    "The mentee would like more concrete help with applications.",
    "The mentor is travelling a lot this term.", "" },
  { "No reply to the last two messages.",
    "Could not reach either of them; reminder sent.", "", "" },
};

static const char * const check_in_statuses[] = { "on_track", "needs_attention", "no_contact" };

static const char * const end_questions[] = {
  "Overall, how satisfied are you with the programme?",
  "How well did the pairing match what you were looking for?",
  "How useful were the meetings?",
  "How likely are you to recommend the programme to a colleague?",
};

static const char end_free_question[] = "What should we change for next year?";

static const char * const end_free_answers[] = {
  "More social events for all pairs, not only the kick-off.",
  "A mid-term meeting of all mentees, to share experiences.",
  "Clearer guidance on the agreement; we did not know what to write in it.",
  "Please keep the \"no agenda\" first meeting, it made things easy.",
  "Pair across experiments more often, it helped a lot.\nThank you!",
};

static const char * const mid_questions[] = {
  "Are you meeting as often as agreed?",
  "How much progress have you made on your goals?",
};

typedef struct
{
  const char          *name;
  PairingsCohortDates  dates;
  int                  pair_limit;
  guint                n_mentees;
  guint                n_mentors;
  guint                n_accepted;    /* mentees offered a place */
  guint                n_waitlisted;
  guint                n_late;        /* mentees still under review */
  gboolean             finished;      /* the cycle is over: announced, followed up, evaluated */
  guint                reviewers[3];  /* the committee of that year */
} DemoPlan;

/* The demo is seen at the start of April 2025: 2023 and 2024 are over; in
 * 2025 the first pairs are announced, and the rest of the board is half-way
 * through the committee's meetings. */
static const DemoPlan plans[] = {
  { "2023", { "2023-01-16", "2023-02-17", "2023-03-17", "2023-04-13", "2023-12-15" },
    24, 42, 28, 24, 6, 0, TRUE, { 0, 1, 2 } },
  { "2024", { "2024-01-15", "2024-02-16", "2024-03-15", "2024-04-11", "2024-12-13" },
    28, 48, 32, 27, 7, 0, TRUE, { 0, 2, 3 } },
  { "2025", { "2025-01-13", "2025-02-14", "2025-03-21", "2025-04-10", "2025-12-12" },
    30, 55, 37, 26, 8, 9, FALSE, { 2, 3, 4 } },
};

#define N_COHORTS G_N_ELEMENTS (plans)

/* The model ------------------------------------------------------------------- */

typedef struct _DemoApp DemoApp;

typedef struct
{
  const char          *name;
  const char          *email;
  char                 gender;
  const DemoCulture   *culture;
  guint                institution;
  const char          *experiment;
  gboolean             at_cern;       /* based at CERN, whoever employs them */
  gboolean             moving;        /* asked about relocating: at CERN the next year */
  gboolean             french;        /* picked up French at CERN */
  PairingsCareerStage  stage;
  int                  cohort;        /* the latest cohort applied to, -1 before */
  DemoApp             *apps[PAIRINGS_N_ROLES];  /* in that cohort */
} DemoPerson;

struct _DemoApp
{
  DemoPerson           *person;
  const char           *email;         /* as typed this time */
  PairingsRole          role;
  PairingsStatus        status;
  PairingsCareerStage   stage;
  const DemoStageLabel *label;
  guint                 types;         /* bit mask over mentoring_types */
  int                   capacity;
  const char           *motivation;
  char                  submitted_at[24];
  const char           *pronouns;
  const char           *groups[G_N_ELEMENTS (identity_groups) + 1];
  double                quality;       /* how convincing the motivation is, 1 to 5 */
  gboolean              keep;          /* continues a pair: accepted whatever the reviews */
  gboolean              late;          /* in after the reviews were done */
  guint                 n_reviews;
  guint                 reviewers[3];
  int                   scores[3];     /* 0 for a recusal */
  double                mean;          /* of the scores, 0 without any */
  int                   load;          /* live pairs */
  gint64                id;
};

typedef struct _DemoPair DemoPair;

struct _DemoPair
{
  DemoApp       *mentor;
  DemoApp       *mentee;
  PairingsStage  stage;
  int            position;
  double         score;
  gboolean       locked;
  const char    *outcome;
  const char    *end_reason;
  DemoPair      *continues_from;
  gint64         id;
};

typedef struct
{
  const DemoPlan *plan;
  guint           index;
  gint64          id;
  GPtrArray      *apps;   /* DemoApp */
  GPtrArray      *pairs;  /* DemoPair */
} DemoCohort;

typedef struct
{
  PairingsStore *store;
  GRand         *rand;
  GStringChunk  *strings;  /* every string the demo composes */
  GPtrArray     *people;   /* DemoPerson */
  GHashTable    *emails;   /* addresses taken, case-folded */
  GHashTable    *names;    /* names taken */
  guint          n_featured;
  gint64         programme_id;
  DemoCohort     cohorts[N_COHORTS];
} Demo;

static Demo *
demo_new (PairingsStore *store)
{
  Demo *demo = g_new0 (Demo, 1);

  demo->store = store;
  demo->rand = g_rand_new_with_seed (DEMO_SEED);
  demo->strings = g_string_chunk_new (4096);
  demo->people = g_ptr_array_new_with_free_func (g_free);
  demo->emails = g_hash_table_new (g_str_hash, g_str_equal);
  demo->names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_COHORTS; i++)
    {
      demo->cohorts[i].plan = &plans[i];
      demo->cohorts[i].index = i;
      demo->cohorts[i].apps = g_ptr_array_new_with_free_func (g_free);
      demo->cohorts[i].pairs = g_ptr_array_new_with_free_func (g_free);
    }

  return demo;
}

static void
demo_free (Demo *demo)
{
  for (guint i = 0; i < N_COHORTS; i++)
    {
      g_ptr_array_unref (demo->cohorts[i].apps);
      g_ptr_array_unref (demo->cohorts[i].pairs);
    }
  g_hash_table_unref (demo->names);
  g_hash_table_unref (demo->emails);
  g_ptr_array_unref (demo->people);
  g_string_chunk_free (demo->strings);
  g_rand_free (demo->rand);
  g_free (demo);
}

/* Chance and dates -------------------------------------------------------------- */

static gboolean
chance (Demo   *demo,
        double  odds)
{
  return g_rand_double (demo->rand) < odds;
}

static guint
pick (Demo  *demo,
      guint  n)
{
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

static guint
pick_weighted (Demo        *demo,
               const guint *weights,
               guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = pick (demo, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static void
parse_date (const char *iso,
            GDate      *date)
{
  int year = 0;
  int month = 0;
  int day = 0;

  sscanf (iso, "%d-%d-%d", &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
format_date (const GDate *date,
             char        *out,
             gsize        size)
{
  g_snprintf (out, size, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
}

/* The ISO date @days after @iso, kept in the demo's string chunk. */
static const char *
date_after (Demo       *demo,
            const char *iso,
            int         days)
{
  char buffer[16];
  GDate date;

  parse_date (iso, &date);
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  format_date (&date, buffer, sizeof buffer);

  return g_string_chunk_insert_const (demo->strings, buffer);
}

/* A time of day when people fill in forms: mornings to late evenings. */
static void
time_after (Demo       *demo,
            const char *iso,
            int         days,
            char        out[24])
{
  const char *date = date_after (demo, iso, days);

  g_snprintf (out, 24, "%sT%02u:%02u:%02uZ", date, 7 + pick (demo, 16), pick (demo, 60),
              pick (demo, 60));
}

static int
days_between (const char *first,
              const char *last)
{
  GDate a;
  GDate b;

  parse_date (first, &a);
  parse_date (last, &b);
  return g_date_days_between (&a, &b);
}

static const char *
intern (Demo       *demo,
        const char *text)
{
  return g_string_chunk_insert_const (demo->strings, text);
}

/* People ----------------------------------------------------------------------- */

static const char *
person_location (const DemoPerson *person)
{
  return person->at_cern ? institutions[CERN].location : institutions[person->institution].location;
}

static const char *
person_timezone (const DemoPerson *person)
{
  return person->at_cern ? institutions[CERN].timezone : institutions[person->institution].timezone;
}

static char *
compose_name (const DemoCulture *culture,
              const DemoGiven   *given,
              const DemoFamily  *family)
{
  const char *family_name = family->name;

  if (given->gender == 'f' && family->feminine != NULL)
    family_name = family->feminine;

  if (culture->family_first)
    return g_strconcat (family_name, " ", given->name, NULL);
  return g_strconcat (given->name, " ", family_name, NULL);
}

/* Unique, ASCII, and at the home institution for most people. */
static const char *
compose_email (Demo             *demo,
               const DemoGiven  *given,
               const DemoFamily *family,
               const char       *domain)
{
  const char *family_ascii = family->ascii;

  if (given->gender == 'f' && family->feminine_ascii != NULL)
    family_ascii = family->feminine_ascii;

  for (guint n = 1; ; n++)
    {
      g_autofree char *email = NULL;

      if (n == 1)
        email = g_strdup_printf ("%s.%s@%s", given->ascii, family_ascii, domain);
      else
        email = g_strdup_printf ("%s.%s%u@%s", given->ascii, family_ascii, n, domain);

      if (!g_hash_table_contains (demo->emails, email))
        {
          const char *kept = intern (demo, email);
          g_hash_table_add (demo->emails, (gpointer) kept);
          return kept;
        }
    }
}

static void
pick_name (Demo              *demo,
           DemoPerson        *person,
           const DemoGiven  **given,
           const DemoFamily **family)
{
  for (;;)
    {
      g_autofree char *name = NULL;
      const DemoCulture *culture;

      if (demo->n_featured < N_FEATURED)
        {
          culture = &cultures[demo->n_featured++];
          *given = &culture->given[0];
          *family = &culture->family[0];
        }
      else
        {
          culture = &cultures[pick (demo, G_N_ELEMENTS (cultures))];
          *given = &culture->given[pick (demo, N_NAMES)];
          *family = &culture->family[pick (demo, N_NAMES)];
        }

      name = compose_name (culture, *given, *family);
      if (!g_hash_table_contains (demo->names, name))
        {
          person->name = intern (demo, name);
          person->culture = culture;
          person->gender = (*given)->gender;
          g_hash_table_add (demo->names, (gpointer) person->name);
          return;
        }
    }
}

static DemoPerson *
new_person (Demo         *demo,
            PairingsRole  role)
{
  DemoPerson *person = g_new0 (DemoPerson, 1);
  guint weights[G_N_ELEMENTS (institutions)];
  const DemoInstitution *institution;
  const DemoGiven *given;
  const DemoFamily *family;
  guint n_experiments = 0;

  pick_name (demo, person, &given, &family);

  for (guint i = 0; i < G_N_ELEMENTS (institutions); i++)
    weights[i] = institutions[i].weight;
  person->institution = pick_weighted (demo, weights, G_N_ELEMENTS (institutions));
  institution = &institutions[person->institution];
  while (n_experiments < G_N_ELEMENTS (institution->experiments) &&
         institution->experiments[n_experiments] != NULL)
    n_experiments++;
  person->experiment = institution->experiments[pick (demo, n_experiments)];

  /* Many university people are stationed at CERN, and want to live well there. */
  person->at_cern = person->institution == CERN || chance (demo, 0.2);
  person->french = person->at_cern && chance (demo, 0.35);
  person->email = compose_email (demo, given, family,
                                 chance (demo, 0.15) ? "mail.example" : institution->domain);
  person->stage = pick_weighted (demo,
                                 role == PAIRINGS_ROLE_MENTOR ? mentor_stage_weights
                                                              : mentee_stage_weights,
                                 PAIRINGS_N_CAREER_STAGES);
  person->cohort = -1;

  g_ptr_array_add (demo->people, person);
  return person;
}

/* People type their address differently from one year to the next; the
 * store links them all the same. */
static const char *
retyped_email (Demo             *demo,
               const DemoPerson *person)
{
  g_autofree char *email = g_strdup (person->email);
  gboolean word_start = TRUE;

  for (char *p = email; *p != '\0' && *p != '@'; p++)
    {
      if (word_start)
        *p = g_ascii_toupper (*p);
      word_start = (*p == '.' || *p == '-');
    }
  return intern (demo, email);
}

/* Applications ------------------------------------------------------------------ */

static guint
mentee_types (Demo             *demo,
              const DemoPerson *person)
{
  static const double odds[N_TYPES] = { 0.75, 0.0, 0.2, 0.45, 0.35 };
  guint types = 0;

  for (guint t = 0; t < N_TYPES; t++)
    {
      double p = odds[t];
      if (t == TYPE_RELOCATION)
        p = person->at_cern ? 0.25 : 0.35;
      if (chance (demo, p))
        types |= 1u << t;
    }
  return types != 0 ? types : 1u << TYPE_CAREER;
}

static guint
mentor_types (Demo             *demo,
              const DemoPerson *person)
{
  static const double odds[N_TYPES] = { 0.85, 0.0, 0.3, 0.6, 0.5 };
  guint types = 0;

  for (guint t = 0; t < N_TYPES; t++)
    {
      double p = odds[t];
      if (t == TYPE_RELOCATION)
        p = person->at_cern ? 0.55 : 0.05;
      if (chance (demo, p))
        types |= 1u << t;
    }
  return types != 0 ? types : 1u << TYPE_CONNECTION;
}

static const char *
compose_motivation (Demo          *demo,
                    const DemoApp *app)
{
  const DemoTemplate *templates = app->role == PAIRINGS_ROLE_MENTEE ? mentee_motivations
                                                                    : mentor_motivations;
  const DemoTemplate *candidates[G_N_ELEMENTS (mentee_motivations)];
  const DemoInstitution *institution = &institutions[app->person->institution];
  g_autoptr(GString) text = NULL;
  g_autofree char *capacity = g_strdup_printf ("%d", app->capacity);
  g_autofree char *years = g_strdup_printf ("%u", 3 + pick (demo, 15));
  guint n = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (mentee_motivations) == G_N_ELEMENTS (mentor_motivations));

  /* The text is about one of the kinds of mentoring ticked in the form. */
  for (guint i = 0; i < G_N_ELEMENTS (mentee_motivations); i++)
    if (HAS_TYPE (app->types, templates[i].type))
      candidates[n++] = &templates[i];
  if (n == 0)
    candidates[n++] = &templates[0];

  text = g_string_new (candidates[pick (demo, n)]->text);
  g_string_replace (text, "{a_stage}", app->label->with_article, 0);
  g_string_replace (text, "{institution}", institution->name, 0);
  g_string_replace (text, "{experiment}", app->person->experiment, 0);
  g_string_replace (text, "{capacity}", capacity, 0);
  g_string_replace (text, "{years}", years, 0);

  return intern (demo, text->str);
}

static const char *
pick_pronouns (Demo *demo,
               char  gender)
{
  switch (gender)
    {
    case 'f':
      return chance (demo, 0.85) ? "she/her" : "she/they";
    case 'm':
      return chance (demo, 0.85) ? "he/him" : "he/they";
    default:
      return "they/them";
    }
}

/* Demographic answers are optional: about a third answer, more often
 * among those who ask for allyship. */
static void
answer_confidential (Demo    *demo,
                     DemoApp *app)
{
  gboolean ally = HAS_TYPE (app->types, TYPE_ALLYSHIP);
  guint n = 0;

  if (!chance (demo, ally ? 0.8 : 0.3))
    return;

  if (chance (demo, 0.85))
    app->pronouns = pick_pronouns (demo, app->person->gender);
  if (app->person->gender != 'm' && chance (demo, 0.6))
    app->groups[n++] = identity_groups[0];
  if (chance (demo, ally ? 0.5 : 0.08))
    app->groups[n++] = identity_groups[1];
  for (guint i = 2; i < G_N_ELEMENTS (identity_groups); i++)
    if (chance (demo, 0.1))
      app->groups[n++] = identity_groups[i];
}

static DemoApp *
new_app (Demo         *demo,
         DemoCohort   *cohort,
         DemoPerson   *person,
         PairingsRole  role)
{
  DemoApp *app = g_new0 (DemoApp, 1);
  const PairingsCohortDates *dates = &cohort->plan->dates;
  static const guint capacity_weights[] = { 45, 40, 15 };

  app->person = person;
  app->role = role;
  app->stage = person->stage;
  app->label = &stage_labels[person->stage][pick (demo, 2)];
  app->email = person->cohort >= 0 && chance (demo, 0.25) ? retyped_email (demo, person)
                                                          : person->email;
  if (role == PAIRINGS_ROLE_MENTEE)
    {
      app->types = mentee_types (demo, person);
      app->capacity = 1;
    }
  else
    {
      app->types = mentor_types (demo, person);
      app->capacity = 1 + (int) pick_weighted (demo, capacity_weights, 3);
    }
  app->motivation = compose_motivation (demo, app);
  time_after (demo, dates->call_opens,
              (int) pick (demo, (guint) days_between (dates->call_opens, dates->deadline) + 1),
              app->submitted_at);
  answer_confidential (demo, app);
  app->quality = g_rand_double_range (demo->rand, 1.4, 5.0);

  if (role == PAIRINGS_ROLE_MENTEE && HAS_TYPE (app->types, TYPE_RELOCATION) && !person->at_cern)
    person->moving = TRUE;
  person->cohort = (int) cohort->index;
  person->apps[PAIRINGS_ROLE_MENTEE] = NULL;
  person->apps[PAIRINGS_ROLE_MENTOR] = NULL;
  person->apps[role] = app;

  g_ptr_array_add (cohort->apps, app);
  return app;
}

static guint
count_role (const DemoCohort *cohort,
            PairingsRole      role)
{
  guint n = 0;

  for (guint i = 0; i < cohort->apps->len; i++)
    n += ((DemoApp *) g_ptr_array_index (cohort->apps, i))->role == role;
  return n;
}

/* Where a career stands @years on: some are promoted every year. */
static PairingsCareerStage
later_stage (Demo                *demo,
             PairingsCareerStage  stage,
             guint                years)
{
  for (guint y = 0; y < years; y++)
    if (chance (demo, promotion_odds[stage]))
      stage = next_stage[stage];
  return stage;
}

/* Back a year or more later: promoted, perhaps, and at CERN if they asked
 * for help with relocating. */
static void
come_back (DemoPerson          *person,
           PairingsCareerStage  stage)
{
  person->stage = stage;
  if (person->moving)
    {
      person->at_cern = TRUE;
      person->moving = FALSE;
    }
}

/* Both people of a pair that goes on apply again, in the same roles. */
static void
add_continuing (Demo       *demo,
                DemoCohort *cohort,
                DemoCohort *previous)
{
  for (guint i = 0; i < previous->pairs->len; i++)
    {
      DemoPair *pair = g_ptr_array_index (previous->pairs, i);
      DemoPerson *mentee = pair->mentee->person;
      DemoPerson *mentor = pair->mentor->person;

      if (g_strcmp0 (pair->outcome, "continues") != 0)
        continue;

      come_back (mentee, later_stage (demo, mentee->stage, 1));
      new_app (demo, cohort, mentee, PAIRINGS_ROLE_MENTEE)->keep = TRUE;
      if (mentor->cohort != (int) cohort->index)
        {
          come_back (mentor, later_stage (demo, mentor->stage, 1));
          new_app (demo, cohort, mentor, PAIRINGS_ROLE_MENTOR);
        }
      mentor->apps[PAIRINGS_ROLE_MENTOR]->keep = TRUE;
    }
}

/* Who comes back, and in which role: waitlisted mentees try again, mentors
 * like to stay, and mentees who have become postdocs turn into mentors. */
static gboolean
decide_return (Demo                *demo,
               const DemoApp       *old,
               PairingsCareerStage  stage,
               guint                years,
               PairingsRole        *role)
{
  double fade = years == 1 ? 1.0 : 0.4;
  double odds;

  if (old->role == PAIRINGS_ROLE_MENTOR)
    {
      *role = PAIRINGS_ROLE_MENTOR;
      return chance (demo, fade * (old->status == PAIRINGS_STATUS_ACCEPTED ? 0.45 : 0.2));
    }

  if (old->status == PAIRINGS_STATUS_ACCEPTED && stage >= PAIRINGS_CAREER_POSTDOC &&
      chance (demo, fade * 0.4))
    {
      *role = PAIRINGS_ROLE_MENTOR;
      return TRUE;
    }

  *role = PAIRINGS_ROLE_MENTEE;
  switch (old->status)
    {
    case PAIRINGS_STATUS_ACCEPTED:
      odds = 0.1;
      break;
    case PAIRINGS_STATUS_WAITLISTED:
      odds = 0.55;
      break;
    case PAIRINGS_STATUS_DECLINED:
      odds = 0.35;
      break;
    default:
      odds = 0.2;
    }
  return chance (demo, fade * odds);
}

static void
add_returning (Demo       *demo,
               DemoCohort *cohort,
               DemoCohort *from)
{
  guint years = cohort->index - from->index;
  /* Enough room is left for newcomers: they are most of every cohort. */
  guint room[PAIRINGS_N_ROLES] = {
    cohort->plan->n_mentees * 2 / 5, cohort->plan->n_mentors / 2
  };

  for (guint i = 0; i < from->apps->len; i++)
    {
      DemoApp *old = g_ptr_array_index (from->apps, i);
      DemoPerson *person = old->person;
      PairingsCareerStage stage;
      PairingsRole role;

      /* Only people whose latest application is in @from. */
      if (person->cohort != (int) from->index || person->apps[old->role] != old)
        continue;

      stage = later_stage (demo, person->stage, years);
      if (!decide_return (demo, old, stage, years, &role) ||
          count_role (cohort, role) >= room[role])
        continue;

      come_back (person, stage);
      new_app (demo, cohort, person, role);
    }
}

static void
add_newcomers (Demo       *demo,
               DemoCohort *cohort)
{
  while (count_role (cohort, PAIRINGS_ROLE_MENTEE) < cohort->plan->n_mentees)
    new_app (demo, cohort, new_person (demo, PAIRINGS_ROLE_MENTEE), PAIRINGS_ROLE_MENTEE);
  while (count_role (cohort, PAIRINGS_ROLE_MENTOR) < cohort->plan->n_mentors)
    new_app (demo, cohort, new_person (demo, PAIRINGS_ROLE_MENTOR), PAIRINGS_ROLE_MENTOR);
}

/* The order of the form's export: by role, then by time of submission. */
static int
compare_submitted (gconstpointer a,
                   gconstpointer b)
{
  const DemoApp *x = *(DemoApp * const *) a;
  const DemoApp *y = *(DemoApp * const *) b;
  int cmp;

  if (x->role != y->role)
    return x->role < y->role ? -1 : 1;
  cmp = strcmp (x->submitted_at, y->submitted_at);
  return cmp != 0 ? cmp : strcmp (x->person->email, y->person->email);
}

static void
plan_applications (Demo       *demo,
                   DemoCohort *cohort)
{
  if (cohort->index > 0)
    {
      add_continuing (demo, cohort, &demo->cohorts[cohort->index - 1]);
      add_returning (demo, cohort, &demo->cohorts[cohort->index - 1]);
    }
  if (cohort->index > 1)
    add_returning (demo, cohort, &demo->cohorts[cohort->index - 2]);
  add_newcomers (demo, cohort);

  g_ptr_array_sort (cohort->apps, compare_submitted);
}

/* Reviews and decisions ---------------------------------------------------------- */

static int
review_score (Demo          *demo,
              const DemoApp *app)
{
  double noise = g_rand_double_range (demo->rand, -0.8, 0.8) +
                 g_rand_double_range (demo->rand, -0.5, 0.5);
  int score = (int) (app->quality + noise + 0.5);

  return CLAMP (score, 1, 5);
}

static void
plan_reviews (Demo       *demo,
              DemoCohort *cohort)
{
  guint n_mentees = count_role (cohort, PAIRINGS_ROLE_MENTEE);
  guint seen = 0;

  for (guint i = 0; i < cohort->apps->len; i++)
    {
      DemoApp *app = g_ptr_array_index (cohort->apps, i);
      guint skip;
      int sum = 0;
      guint n_scored = 0;

      if (app->role != PAIRINGS_ROLE_MENTEE)
        continue;

      /* The latest applications arrived after the committee's review round. */
      app->late = ++seen > n_mentees - cohort->plan->n_late && !app->keep;
      if (app->late)
        app->n_reviews = pick (demo, 2);
      else
        app->n_reviews = chance (demo, 0.04) ? 0 : chance (demo, 0.6) ? 3 : 2;

      skip = pick (demo, 3);
      for (guint r = 0, k = 0; r < 3 && k < app->n_reviews; r++)
        {
          const DemoReviewer *reviewer = &committee[cohort->plan->reviewers[r]];

          if (app->n_reviews < 3 && r == skip)
            continue;
          app->reviewers[k] = cohort->plan->reviewers[r];
          if (g_str_equal (reviewer->institution, institutions[app->person->institution].name) &&
              g_str_equal (reviewer->experiment, app->person->experiment))
            app->scores[k] = 0;
          else
            app->scores[k] = review_score (demo, app);
          if (app->scores[k] > 0)
            {
              sum += app->scores[k];
              n_scored++;
            }
          k++;
        }
      app->mean = n_scored > 0 ? (double) sum / n_scored : 0.0;
    }
}

/* Continuing pairs first, then by review scores: mentees are chosen for
 * their motivation. */
static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const DemoApp *x = *(DemoApp * const *) a;
  const DemoApp *y = *(DemoApp * const *) b;

  if (x->keep != y->keep)
    return x->keep ? -1 : 1;
  if (x->mean != y->mean)
    return x->mean > y->mean ? -1 : 1;
  if (x->quality != y->quality)
    return x->quality > y->quality ? -1 : 1;
  return strcmp (x->person->email, y->person->email);
}

static GPtrArray *
ranked_mentees (DemoCohort *cohort,
                gboolean    accepted_only)
{
  GPtrArray *ranked = g_ptr_array_new ();

  for (guint i = 0; i < cohort->apps->len; i++)
    {
      DemoApp *app = g_ptr_array_index (cohort->apps, i);

      if (app->role == PAIRINGS_ROLE_MENTEE &&
          (!accepted_only || app->status == PAIRINGS_STATUS_ACCEPTED))
        g_ptr_array_add (ranked, app);
    }
  g_ptr_array_sort (ranked, compare_rank);
  return ranked;
}

static void
decide_mentees (Demo       *demo,
                DemoCohort *cohort)
{
  g_autoptr(GPtrArray) ranked = ranked_mentees (cohort, FALSE);
  guint accepted = 0;
  guint waitlisted = 0;
  guint withdrawn = 0;

  for (guint i = 0; i < ranked->len; i++)
    {
      DemoApp *app = g_ptr_array_index (ranked, i);

      if (app->keep)
        {
          app->status = PAIRINGS_STATUS_ACCEPTED;
          accepted++;
        }
      else if (app->late)
        app->status = PAIRINGS_STATUS_SUBMITTED;
      else if (app->n_reviews == 0)
        app->status = PAIRINGS_STATUS_WITHDRAWN;  /* gone before anyone read it */
      else if (accepted < cohort->plan->n_accepted)
        {
          /* Some withdraw after the offer: a new job, a move, no time. */
          if (withdrawn < 2 && chance (demo, 0.08))
            {
              app->status = PAIRINGS_STATUS_WITHDRAWN;
              withdrawn++;
            }
          else
            {
              app->status = PAIRINGS_STATUS_ACCEPTED;
              accepted++;
            }
        }
      else if (waitlisted < cohort->plan->n_waitlisted)
        {
          app->status = PAIRINGS_STATUS_WAITLISTED;
          waitlisted++;
        }
      else
        app->status = PAIRINGS_STATUS_DECLINED;
    }
}

/* Takes one of @candidates at random, or NULL when none is left. */
static gpointer
take_one (Demo      *demo,
          GPtrArray *candidates)
{
  if (candidates->len == 0)
    return NULL;
  return g_ptr_array_remove_index_fast (candidates, pick (demo, candidates->len));
}

/* Most mentors are welcome; a few are not taken this year, and in the open
 * year some are still to be looked at. */
static void
decide_mentors (Demo       *demo,
                DemoCohort *cohort)
{
  static const guint finished[PAIRINGS_N_STATUSES] = {
    [PAIRINGS_STATUS_WAITLISTED] = 2, [PAIRINGS_STATUS_DECLINED] = 2,
    [PAIRINGS_STATUS_WITHDRAWN] = 1,
  };
  static const guint open[PAIRINGS_N_STATUSES] = {
    [PAIRINGS_STATUS_SUBMITTED] = 5, [PAIRINGS_STATUS_WAITLISTED] = 3,
    [PAIRINGS_STATUS_DECLINED] = 2, [PAIRINGS_STATUS_WITHDRAWN] = 2,
  };
  const guint *quota = cohort->plan->finished ? finished : open;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < cohort->apps->len; i++)
    {
      DemoApp *app = g_ptr_array_index (cohort->apps, i);

      if (app->role != PAIRINGS_ROLE_MENTOR)
        continue;
      app->status = PAIRINGS_STATUS_ACCEPTED;
      if (!app->keep)
        g_ptr_array_add (candidates, app);
    }

  for (guint s = 0; s < PAIRINGS_N_STATUSES; s++)
    for (guint k = 0; k < quota[s]; k++)
      {
        DemoApp *app = take_one (demo, candidates);
        if (app != NULL)
          app->status = s;
      }
}

/* Pairs --------------------------------------------------------------------------- */

static guint
count_bits (guint mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

/* What the committee looks for: across institutions and experiments, the
 * kinds of mentoring sought and offered, and a more senior mentor. */
static double
pair_score (const DemoApp *mentor,
            const DemoApp *mentee)
{
  int gap = (int) mentor->stage - (int) mentee->stage;
  double score = 30.0;

  if (mentor->person->institution != mentee->person->institution)
    score += 15.0;
  if (!g_str_equal (mentor->person->experiment, mentee->person->experiment))
    score += 8.0;
  score += 8.0 * count_bits (mentor->types & mentee->types);
  if (HAS_TYPE (mentee->types, TYPE_RELOCATION) && mentor->person->at_cern)
    score += 8.0;
  if (gap >= 2)
    score += 10.0;
  else if (gap == 1)
    score += 5.0;
  else
    score -= gap == 0 ? 10.0 : 25.0;
  if (mentor->person->culture == mentee->person->culture &&
      mentor->person->culture->languages[0] != NULL)
    score += 4.0;

  return CLAMP (score, 0.0, 100.0);
}

static DemoApp *
best_mentor (DemoCohort    *cohort,
             const DemoApp *mentee,
             const DemoApp *other_than,
             gboolean       any_capacity)
{
  DemoApp *best = NULL;
  double best_score = -1.0;

  for (guint i = 0; i < cohort->apps->len; i++)
    {
      DemoApp *mentor = g_ptr_array_index (cohort->apps, i);
      double score;

      if (mentor->role != PAIRINGS_ROLE_MENTOR || mentor->status != PAIRINGS_STATUS_ACCEPTED ||
          mentor == other_than || (!any_capacity && mentor->load >= mentor->capacity) ||
          mentor->person == mentee->person)
        continue;

      score = pair_score (mentor, mentee);
      if (score > best_score)
        {
          best = mentor;
          best_score = score;
        }
    }

  return best;
}

static DemoPair *
add_pair (Demo          *demo,
          DemoCohort    *cohort,
          DemoApp       *mentor,
          DemoApp       *mentee,
          PairingsStage  stage)
{
  DemoPair *pair = g_new0 (DemoPair, 1);
  double score = pair_score (mentor, mentee) + g_rand_double_range (demo->rand, -4.0, 4.0);

  pair->mentor = mentor;
  pair->mentee = mentee;
  pair->stage = stage;
  pair->score = (int) (CLAMP (score, 0.0, 100.0) * 10.0 + 0.5) / 10.0;
  pair->outcome = "active";
  pair->end_reason = "";
  if (stage != PAIRINGS_STAGE_SET_ASIDE)
    {
      mentor->load++;
      mentee->load++;
    }

  g_ptr_array_add (cohort->pairs, pair);
  return pair;
}

static void
continue_pairs (Demo       *demo,
                DemoCohort *cohort,
                DemoCohort *previous)
{
  for (guint i = 0; i < previous->pairs->len; i++)
    {
      DemoPair *old = g_ptr_array_index (previous->pairs, i);
      DemoApp *mentee;
      DemoApp *mentor;
      DemoPair *pair;

      if (g_strcmp0 (old->outcome, "continues") != 0)
        continue;

      mentee = old->mentee->person->apps[PAIRINGS_ROLE_MENTEE];
      mentor = old->mentor->person->apps[PAIRINGS_ROLE_MENTOR];
      g_assert (mentee != NULL && mentor != NULL);

      /* A mentor who goes on with two mentees offers two places at least. */
      mentor->capacity = MAX (mentor->capacity, mentor->load + 1);
      pair = add_pair (demo, cohort, mentor, mentee, PAIRINGS_STAGE_ANNOUNCED);
      pair->continues_from = old;
      pair->locked = !cohort->plan->finished;
    }
}

/* The board as the committee leaves it: the best candidates first, each
 * mentee with the best mentor who still has a place; in the open cohort a
 * couple of mentees wait for the next meeting. */
static void
match_greedily (Demo       *demo,
                DemoCohort *cohort)
{
  g_autoptr(GPtrArray) ranked = ranked_mentees (cohort, TRUE);
  guint n = ranked->len;

  if (!cohort->plan->finished)
    n = n > 2 ? n - 2 : 0;

  for (guint i = 0; i < n; i++)
    {
      DemoApp *mentee = g_ptr_array_index (ranked, i);
      DemoApp *mentor;

      if (mentee->load > 0)
        continue;
      mentor = best_mentor (cohort, mentee, NULL, FALSE);
      if (mentor != NULL)
        add_pair (demo, cohort, mentor, mentee, PAIRINGS_STAGE_ANNOUNCED);
    }
}

/* A finished year: most pairs completed, two ended early, and three go on
 * into the next year, with mentees early enough in their careers. */
static void
decide_outcomes (Demo       *demo,
                 DemoCohort *cohort)
{
  g_autoptr(GPtrArray) early_career = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  DemoPair *pair;

  for (guint i = 0; i < cohort->pairs->len; i++)
    {
      pair = g_ptr_array_index (cohort->pairs, i);
      pair->outcome = "completed";
      g_ptr_array_add (pair->mentee->stage <= PAIRINGS_CAREER_POSTDOC ? early_career : others,
                       pair);
    }

  for (guint k = 0; k < 3 && (pair = take_one (demo, early_career)) != NULL; k++)
    pair->outcome = "continues";

  g_ptr_array_extend_and_steal (others, g_steal_pointer (&early_career));
  for (guint k = 0; k < 2 && (pair = take_one (demo, others)) != NULL; k++)
    {
      pair->outcome = "ended_early";
      pair->end_reason = end_reasons[pick (demo, G_N_ELEMENTS (end_reasons))];
    }
}

/* The open year's board: continuing pairs announced and locked, then from
 * the best-ranked mentees down: announced, approved, under discussion,
 * suggested; and a few suggestions the committee set aside. */
static void
decide_stages (Demo       *demo,
               DemoCohort *cohort)
{
  static const guint quota[] = { 5, 6, 6 };
  static const PairingsStage stages[] = {
    PAIRINGS_STAGE_ANNOUNCED, PAIRINGS_STAGE_APPROVED, PAIRINGS_STAGE_DISCUSSION,
  };
  guint n_pairs = cohort->pairs->len;
  guint step = 0;
  guint used = 0;
  guint set_aside = 0;

  for (guint i = 0; i < n_pairs; i++)
    {
      DemoPair *pair = g_ptr_array_index (cohort->pairs, i);

      if (pair->continues_from != NULL)
        continue;
      while (step < G_N_ELEMENTS (quota) && used == quota[step])
        {
          step++;
          used = 0;
        }
      pair->stage = step < G_N_ELEMENTS (stages) ? stages[step] : PAIRINGS_STAGE_SUGGESTED;
      pair->locked = pair->stage == PAIRINGS_STAGE_APPROVED && used == 0;
      used++;

      if ((pair->stage == PAIRINGS_STAGE_DISCUSSION || pair->stage == PAIRINGS_STAGE_SUGGESTED) &&
          set_aside < 4 && chance (demo, 0.5))
        {
          DemoApp *other = best_mentor (cohort, pair->mentee, pair->mentor, TRUE);
          if (other != NULL)
            {
              add_pair (demo, cohort, other, pair->mentee, PAIRINGS_STAGE_SET_ASIDE);
              set_aside++;
            }
        }
    }
}

static void
number_positions (DemoCohort *cohort)
{
  int next[PAIRINGS_N_STAGES] = { 0, };

  for (guint i = 0; i < cohort->pairs->len; i++)
    {
      DemoPair *pair = g_ptr_array_index (cohort->pairs, i);
      pair->position = next[pair->stage]++;
    }
}

static void
plan_pairs (Demo       *demo,
            DemoCohort *cohort)
{
  if (cohort->index > 0)
    continue_pairs (demo, cohort, &demo->cohorts[cohort->index - 1]);
  match_greedily (demo, cohort);
  if (cohort->plan->finished)
    decide_outcomes (demo, cohort);
  else
    decide_stages (demo, cohort);
  number_positions (cohort);
}

/* Writing: applications and reviews ----------------------------------------------- */

static void
fill_languages (const DemoPerson  *person,
                const char       **languages)
{
  guint n = 0;
  gboolean french = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (person->culture->languages); i++)
    {
      const char *language = person->culture->languages[i];
      if (language == NULL)
        break;
      languages[n++] = language;
      french |= g_str_equal (language, "French");
    }
  languages[n++] = "English";
  if (person->french && !french)
    languages[n++] = "French";
  languages[n] = NULL;
}

static gboolean
write_application (Demo        *demo,
                   DemoCohort  *cohort,
                   DemoApp     *app,
                   GError     **error)
{
  const DemoInstitution *institution = &institutions[app->person->institution];
  const char *languages[G_N_ELEMENTS (app->person->culture->languages) + 3];
  const char *types[N_TYPES + 1];
  guint n = 0;
  PairingsApplicationData data = {
    .name = app->person->name,
    .email = app->email,
    .role = app->role,
    .status = app->status,
    .institution = institution->name,
    .experiment = app->person->experiment,
    .department = institution->department,
    .location = person_location (app->person),
    .timezone = person_timezone (app->person),
    .languages = languages,
    .career_stage = app->stage,
    .career_stage_raw = app->label->label,
    .mentoring_types = types,
    .capacity = app->capacity,
    .motivation = app->motivation,
    .submitted_at = app->submitted_at,
    .pronouns = app->pronouns,
    .identity_groups = app->groups,
  };

  fill_languages (app->person, languages);
  for (guint t = 0; t < N_TYPES; t++)
    if (HAS_TYPE (app->types, t))
      types[n++] = mentoring_types[t];
  types[n] = NULL;

  app->id = pairings_store_add_application (demo->store, cohort->id, &data, error);
  return app->id != 0;
}

static gboolean
write_reviews (Demo     *demo,
               DemoApp  *app,
               GError  **error)
{
  static const char sql[] =
    "INSERT INTO reviews (application_id, reviewer, score, note, recused)"
    " VALUES (?, ?, ?, ?, ?)";

  for (guint i = 0; i < app->n_reviews; i++)
    {
      sqlite3_stmt *stmt = _pairings_store_prepare (demo->store, sql, error);
      int score = app->scores[i];

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, app->id);
      _pairings_store_bind_text (stmt, 2, committee[app->reviewers[i]].name);
      if (score > 0)
        sqlite3_bind_int (stmt, 3, score);
      _pairings_store_bind_text (stmt, 4, review_notes[score][pick (demo, 3)]);
      sqlite3_bind_int (stmt, 5, score == 0);
      if (!_pairings_store_step_done (demo->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_applications (Demo        *demo,
                    DemoCohort  *cohort,
                    GError     **error)
{
  for (guint i = 0; i < cohort->apps->len; i++)
    {
      DemoApp *app = g_ptr_array_index (cohort->apps, i);

      if (!write_application (demo, cohort, app, error) ||
          !write_reviews (demo, app, error))
        return FALSE;
    }
  return TRUE;
}

/* Writing: pairs and their follow-up --------------------------------------------- */

static gboolean
write_pair (Demo        *demo,
            DemoCohort  *cohort,
            DemoPair    *pair,
            GError     **error)
{
  static const char sql[] =
    "INSERT INTO pairs (cohort_id, mentor_application_id, mentee_application_id, stage,"
    " position, score, locked, outcome, end_reason, continues_from)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = _pairings_store_prepare (demo->store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cohort->id);
  sqlite3_bind_int64 (stmt, 2, pair->mentor->id);
  sqlite3_bind_int64 (stmt, 3, pair->mentee->id);
  _pairings_store_bind_text (stmt, 4, pairings_stage_to_string (pair->stage));
  sqlite3_bind_int (stmt, 5, pair->position);
  sqlite3_bind_double (stmt, 6, pair->score);
  sqlite3_bind_int (stmt, 7, pair->locked);
  _pairings_store_bind_text (stmt, 8, pair->outcome);
  _pairings_store_bind_text (stmt, 9, pair->end_reason);
  if (pair->continues_from != NULL)
    sqlite3_bind_int64 (stmt, 10, pair->continues_from->id);
  if (!_pairings_store_step_done (demo->store, stmt, error))
    return FALSE;

  pair->id = sqlite3_last_insert_rowid (_pairings_store_get_db (demo->store));
  return TRUE;
}

static const char *
agreement_status (Demo             *demo,
                  const DemoCohort *cohort,
                  const DemoPair   *pair)
{
  /* From the first announced (the continuing pairs) to the latest. */
  static const char * const in_turn[] = {
    "signed", "signed_mentor", "signed_mentee", "sent", "not_sent"
  };
  double r;

  /* In the open year the signatures are still coming in, so every status
   * shows; a finished year has most agreements signed. */
  if (!cohort->plan->finished)
    return in_turn[(guint) pair->position % G_N_ELEMENTS (in_turn)];

  r = g_rand_double (demo->rand);
  return r < 0.85 ? "signed" : r < 0.92 ? "signed_mentee" : r < 0.96 ? "signed_mentor" : "sent";
}

static char *
compose_expectations (Demo *demo,
                      int   frequency_days)
{
  g_autoptr(GString) text = g_string_new (expectations[pick (demo, G_N_ELEMENTS (expectations))]);

  g_string_replace (text, "{frequency}", frequency_days == 14 ? "every two weeks" : "once a month", 0);
  return g_strdup (text->str);
}

static gboolean
write_agreement (Demo              *demo,
                 const DemoCohort  *cohort,
                 const DemoPair    *pair,
                 GError           **error)
{
  static const char sql[] =
    "INSERT INTO agreements (pair_id, status, sent_on, signed_on, frequency_days, mode,"
    " contact, expectations, confidentiality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)";
  const char *status = agreement_status (demo, cohort, pair);
  gboolean together = g_str_equal (person_location (pair->mentor->person),
                                   person_location (pair->mentee->person));
  int frequency = chance (demo, 0.55) ? 14 : 30;
  g_autofree char *text = compose_expectations (demo, frequency);
  const char *sent_on = date_after (demo, cohort->plan->dates.announcement, 3 + (int) pick (demo, 8));
  const char *mode;
  sqlite3_stmt *stmt;

  if (together)
    mode = chance (demo, 0.4) ? "in_person" : chance (demo, 0.6) ? "mixed" : "virtual";
  else
    mode = chance (demo, 0.8) ? "virtual" : "mixed";

  stmt = _pairings_store_prepare (demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pair->id);
  _pairings_store_bind_text (stmt, 2, status);
  if (!g_str_equal (status, "not_sent"))
    {
      _pairings_store_bind_text (stmt, 3, sent_on);
      if (g_str_equal (status, "signed"))
        _pairings_store_bind_text (stmt, 4, date_after (demo, sent_on, 2 + (int) pick (demo, 18)));
      sqlite3_bind_int (stmt, 5, frequency);
      _pairings_store_bind_text (stmt, 6, mode);
      _pairings_store_bind_text (stmt, 7,
                                 together && !g_str_equal (mode, "virtual")
                                 ? local_contacts[pick (demo, G_N_ELEMENTS (local_contacts))]
                                 : remote_contacts[pick (demo, G_N_ELEMENTS (remote_contacts))]);
      _pairings_store_bind_text (stmt, 8, text);
    }
  else
    {
      _pairings_store_bind_text (stmt, 7, "");
      _pairings_store_bind_text (stmt, 8, "");
    }

  return _pairings_store_step_done (demo->store, stmt, error);
}

static const char *
goal_status (Demo           *demo,
             const DemoPair *pair)
{
  double r = g_rand_double (demo->rand);

  if (g_str_equal (pair->outcome, "active"))
    return r < 0.7 ? "open" : "in_progress";
  if (g_str_equal (pair->outcome, "ended_early"))
    return r < 0.4 ? "dropped" : r < 0.8 ? "in_progress" : "open";
  return r < 0.65 ? "reached" : r < 0.8 ? "in_progress" : r < 0.9 ? "dropped" : "open";
}

/* Two or three goals about what the mentee asked for. */
static gboolean
write_goals (Demo             *demo,
             const DemoCohort *cohort,
             const DemoPair   *pair,
             GError          **error)
{
  static const char sql[] =
    "INSERT INTO goals (pair_id, text, target_date, status, position) VALUES (?, ?, ?, ?, ?)";
  const char *candidates[N_TYPES * 3];
  guint n_candidates = 0;
  guint n_goals = 2 + pick (demo, 2);
  guint mask = pair->mentee->types | (1u << TYPE_CAREER);

  for (guint t = 0; t < N_TYPES; t++)
    if (HAS_TYPE (mask, t))
      for (guint g = 0; g < 3; g++)
        candidates[n_candidates++] = goals[t][g];

  for (guint i = 0; i < n_goals && n_candidates > 0; i++)
    {
      guint k = pick (demo, n_candidates);
      sqlite3_stmt *stmt = _pairings_store_prepare (demo->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pair->id);
      _pairings_store_bind_text (stmt, 2, candidates[k]);
      _pairings_store_bind_text (stmt, 3, date_after (demo, cohort->plan->dates.kick_off,
                                                      60 + (int) pick (demo, 150)));
      _pairings_store_bind_text (stmt, 4, goal_status (demo, pair));
      sqlite3_bind_int (stmt, 5, (int) i);
      if (!_pairings_store_step_done (demo->store, stmt, error))
        return FALSE;
      candidates[k] = candidates[--n_candidates];
    }

  return TRUE;
}

static guint
check_in_status (Demo           *demo,
                 const DemoPair *pair,
                 gboolean        last)
{
  double r = g_rand_double (demo->rand);

  /* A pair that ended early went quiet before it ended. */
  if (last && g_str_equal (pair->outcome, "ended_early"))
    return r < 0.5 ? 1 : 2;
  return r < 0.84 ? 0 : r < 0.95 ? 1 : 2;
}

/* About monthly over the cycle, reported by either side or the committee. */
static gboolean
write_check_ins (Demo             *demo,
                 const DemoCohort *cohort,
                 const DemoPair   *pair,
                 GError          **error)
{
  static const char sql[] =
    "INSERT INTO check_ins (pair_id, date, reporter, status, note) VALUES (?, ?, ?, ?, ?)";
  static const char * const reporters[] = { "mentee", "mentor", "committee" };
  static const guint reporter_weights[] = { 45, 35, 20 };
  gboolean early = g_str_equal (pair->outcome, "ended_early");
  guint n = early ? 2 + pick (demo, 2) : 4 + pick (demo, 4);

  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = _pairings_store_prepare (demo->store, sql, error);
      guint status = check_in_status (demo, pair, i == n - 1);
      int day = 28 * (int) (i + 1) + (int) pick (demo, 11) - 5;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pair->id);
      _pairings_store_bind_text (stmt, 2, date_after (demo, cohort->plan->dates.kick_off, day));
      _pairings_store_bind_text (stmt, 3, reporters[pick_weighted (demo, reporter_weights, 3)]);
      _pairings_store_bind_text (stmt, 4, check_in_statuses[status]);
      _pairings_store_bind_text (stmt, 5, check_in_notes[status][pick (demo, 4)]);
      if (!_pairings_store_step_done (demo->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_evaluation (Demo          *demo,
                  gint64         cohort_id,
                  const DemoApp *respondent,
                  gint64         pair_id,
                  const char    *survey,
                  const char    *question,
                  int            rating,
                  const char    *answer,
                  const char    *submitted_at,
                  GError       **error)
{
  static const char sql[] =
    "INSERT INTO evaluations (cohort_id, application_id, pair_id, survey, question, rating,"
    " answer, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = _pairings_store_prepare (demo->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  sqlite3_bind_int64 (stmt, 2, respondent->id);
  sqlite3_bind_int64 (stmt, 3, pair_id);
  _pairings_store_bind_text (stmt, 4, survey);
  _pairings_store_bind_text (stmt, 5, question);
  if (rating > 0)
    sqlite3_bind_int (stmt, 6, rating);
  _pairings_store_bind_text (stmt, 7, answer);
  _pairings_store_bind_text (stmt, 8, submitted_at);
  return _pairings_store_step_done (demo->store, stmt, error);
}

static int
survey_rating (Demo           *demo,
               const DemoPair *pair)
{
  double base = g_str_equal (pair->outcome, "ended_early") ? 2.4
              : g_str_equal (pair->outcome, "continues") ? 4.6 : 4.2;
  int value = (int) (base + g_rand_double_range (demo->rand, -1.2, 1.0) + 0.5);

  return CLAMP (value, 1, 5);
}

/* The end-of-cycle survey of one side of a pair, if they answered it. */
static gboolean
write_end_survey (Demo             *demo,
                  const DemoCohort *cohort,
                  const DemoPair   *pair,
                  const DemoApp    *respondent,
                  GError          **error)
{
  double odds = respondent->role == PAIRINGS_ROLE_MENTEE ? 0.75 : 0.6;
  char submitted_at[24];

  if (g_str_equal (pair->outcome, "ended_early"))
    odds /= 2;
  if (!chance (demo, odds))
    return TRUE;

  time_after (demo, cohort->plan->dates.ends, 1 + (int) pick (demo, 20), submitted_at);
  for (guint q = 0; q < G_N_ELEMENTS (end_questions); q++)
    if (!write_evaluation (demo, cohort->id, respondent, pair->id, "end", end_questions[q],
                           survey_rating (demo, pair), "", submitted_at, error))
      return FALSE;

  if (chance (demo, 0.3) &&
      !write_evaluation (demo, cohort->id, respondent, pair->id, "end", end_free_question, 0,
                         end_free_answers[pick (demo, G_N_ELEMENTS (end_free_answers))],
                         submitted_at, error))
    return FALSE;

  return TRUE;
}

/* The mid-term survey went to mentees only. */
static gboolean
write_mid_survey (Demo             *demo,
                  const DemoCohort *cohort,
                  const DemoPair   *pair,
                  GError          **error)
{
  char submitted_at[24];

  if (!chance (demo, 0.5))
    return TRUE;

  time_after (demo, cohort->plan->dates.kick_off, 120 + (int) pick (demo, 20), submitted_at);
  for (guint q = 0; q < G_N_ELEMENTS (mid_questions); q++)
    if (!write_evaluation (demo, cohort->id, pair->mentee, pair->id, "mid", mid_questions[q],
                           survey_rating (demo, pair), "", submitted_at, error))
      return FALSE;

  return TRUE;
}

static gboolean
write_follow_up (Demo        *demo,
                 DemoCohort  *cohort,
                 DemoPair    *pair,
                 GError     **error)
{
  if (pair->stage != PAIRINGS_STAGE_ANNOUNCED)
    return TRUE;

  if (!write_agreement (demo, cohort, pair, error) ||
      !write_goals (demo, cohort, pair, error))
    return FALSE;

  /* The open year has not started yet: nothing to check or evaluate. */
  if (!cohort->plan->finished)
    return TRUE;

  return write_check_ins (demo, cohort, pair, error) &&
         write_mid_survey (demo, cohort, pair, error) &&
         write_end_survey (demo, cohort, pair, pair->mentee, error) &&
         write_end_survey (demo, cohort, pair, pair->mentor, error);
}

static gboolean
write_pairs (Demo        *demo,
             DemoCohort  *cohort,
             GError     **error)
{
  for (guint i = 0; i < cohort->pairs->len; i++)
    {
      DemoPair *pair = g_ptr_array_index (cohort->pairs, i);

      if (!write_pair (demo, cohort, pair, error) ||
          !write_follow_up (demo, cohort, pair, error))
        return FALSE;
    }
  return TRUE;
}

/* The whole demo ------------------------------------------------------------------ */

static gboolean
fill_cohort (Demo        *demo,
             DemoCohort  *cohort,
             GError     **error)
{
  g_autoptr(PairingsCohort) added = NULL;

  added = pairings_store_add_cohort (demo->store, demo->programme_id, cohort->plan->name,
                                     &cohort->plan->dates, cohort->plan->pair_limit, error);
  if (added == NULL)
    return FALSE;
  cohort->id = pairings_cohort_get_id (added);

  plan_applications (demo, cohort);
  plan_reviews (demo, cohort);
  decide_mentees (demo, cohort);
  decide_mentors (demo, cohort);
  plan_pairs (demo, cohort);

  return write_applications (demo, cohort, error) &&
         write_pairs (demo, cohort, error);
}

/* The description is data, like every name in the demo, so it is not
 * translated: the demo is the same in every language. */
static gboolean
add_programme (Demo    *demo,
               GError **error)
{
  static const char sql[] = "UPDATE programmes SET description = ? WHERE id = ?";
  sqlite3_stmt *stmt;

  demo->programme_id = pairings_store_add_programme (demo->store, PAIRINGS_DEMO_PROGRAMME, error);
  if (demo->programme_id == 0)
    return FALSE;

  stmt = _pairings_store_prepare (demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _pairings_store_bind_text (stmt, 1,
                             "Demo data to try Pairings with: three yearly rounds of a physics "
                             "collaboration's mentorship programme. Every person in it is "
                             "invented.");
  sqlite3_bind_int64 (stmt, 2, demo->programme_id);
  return _pairings_store_step_done (demo->store, stmt, error);
}

/* One event for the whole demo, on top of those of the programme, the
 * cohorts and the applications, so that the log says where they came from. */
static gboolean
log_demo (Demo    *demo,
          GError **error)
{
  g_autoptr(GString) json = g_string_new ("{\"name\":");
  guint n_applications = 0;
  guint n_pairs = 0;

  for (guint i = 0; i < N_COHORTS; i++)
    {
      n_applications += demo->cohorts[i].apps->len;
      n_pairs += demo->cohorts[i].pairs->len;
    }

  pairings_json_append_string (json, PAIRINGS_DEMO_PROGRAMME);
  g_string_append_printf (json, ",\"cohorts\":%u,\"applications\":%u,\"pairs\":%u,\"seed\":%u}",
                          (guint) N_COHORTS, n_applications, n_pairs, DEMO_SEED);

  return _pairings_store_log_event (demo->store, "demo", "programme", demo->programme_id,
                                    NULL, json->str, error);
}

static gboolean
fill (Demo                  *demo,
      PairingsProgressFunc   progress,
      gpointer               user_data,
      GError               **error)
{
  if (!add_programme (demo, error))
    return FALSE;

  for (guint i = 0; i < N_COHORTS; i++)
    {
      if (!fill_cohort (demo, &demo->cohorts[i], error))
        return FALSE;
      if (progress != NULL)
        progress (0.95 * (i + 1) / N_COHORTS, user_data);
    }

  return log_demo (demo, error);
}

gboolean
pairings_demo_fill (PairingsStore         *store,
                    PairingsProgressFunc   progress,
                    gpointer               user_data,
                    GError               **error)
{
  Demo *demo;
  gboolean filled;

  g_return_val_if_fail (PAIRINGS_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (progress != NULL)
    progress (0.0, user_data);

  /* The check is inside the transaction, so that no other writer can add
   * the programme in between. */
  if (!_pairings_store_begin (store, error))
    return FALSE;

  if (pairings_store_find_programme (store, PAIRINGS_DEMO_PROGRAMME) != 0)
    {
      _pairings_store_rollback (store);
      g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_EXISTS,
                   _("The demo programme “%s” is already in this database"),
                   PAIRINGS_DEMO_PROGRAMME);
      return FALSE;
    }

  demo = demo_new (store);
  filled = fill (demo, progress, user_data, error);
  demo_free (demo);
  if (!filled)
    {
      _pairings_store_rollback (store);
      return FALSE;
    }

  if (!_pairings_store_commit (store, error))
    {
      _pairings_store_rollback (store);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

#!/usr/bin/env python3
# generate-applications.py: writes a large, Google-Forms-like CSV export of
# mentee applications for the import benchmark.
#
# Copyright 2026 The Pairings developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: generate-applications.py OUTPUT.csv [ROWS]     (ROWS: 100000)
#
# Standard library only; the same arguments always give the same bytes.
# The file is UTF-8 (no byte order mark), comma-delimited, CRLF between
# records, quoted as RFC 4180 says (a field is quoted when it holds a comma,
# a quote or a line break; quotes inside are doubled). Motivations span 2 to
# 4 lines: the line breaks inside them are LF, as Google Forms writes them.
#
# One row in a hundred (ROWS // 100 of them) is a resubmission: a person
# who already answered answers again, later, with the e-mail address in
# other letter case. So the file holds ROWS - ROWS // 100 distinct people,
# and an importer that de-duplicates keeps that many applications. A summary
# goes to standard error.

import csv
import datetime
import random
import sys
import unicodedata

SEED = 20250214

HEADERS = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Pronouns",
    "Home institution",
    "Experiment",
    "Department",
    "Location",
    "Time zone",
    "Languages",
    "Career stage",
    "What kind of mentoring are you looking for?",
    "Number of mentees",
    "Motivation",
    "How did you hear about the programme?",
    "Availability",
    "Preferred way of meeting",
    "Anything else the committee should know? (Comments)",
    "I agree that the committee keeps my answers until the end of the programme",
    "Newsletter",
]

FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Emma", "Felix", "Giulia", "Hannah", "Ivan", "Julia",
    "Karim", "Laura", "Marco", "Nadia", "Oliver", "Paula", "Rafael", "Sara", "Tomás", "Ursula",
    "Viktor", "Wei", "Yusuf", "Zoë", "José", "Élodie", "Søren", "Łukasz", "Małgorzata", "Jürgen",
    "François", "Chloé", "Åsa", "Núria", "Ahmet", "Priya", "Kenji", "Amara", "Lucas", "Mia",
    "Noah", "Olga", "Pedro", "Rania", "Stefan", "Tanja", "Andrea", "Bruno", "Céline", "Dmitri",
]

LAST_NAMES = [
    "Smith", "García", "Müller", "Rossi", "Dubois", "Nowak", "Kowalski", "Chen", "Nakamura",
    "Silva", "Ferreira", "Öztürk", "Ólafsdóttir", "Andersen", "Janssen", "Novák", "Papadopoulos",
    "Ivanova", "Schmidt", "Martin", "Bernard", "Moreau", "Fischer", "Weber", "Wagner", "Becker",
    "Hoffmann", "Romano", "Colombo", "Ricci", "Fernández", "López", "Martínez", "Sánchez",
    "Pérez", "Gómez", "Lefèvre", "Żukowski", "Brown", "Taylor", "Wilson", "Khan", "Singh",
    "Okafor", "Mensah", "Haddad", "Costa", "Santos", "Lindqvist", "Dvořák",
]

DOMAINS = [
    "cern.ch", "gmail.com", "unige.ch", "epfl.ch", "ox.ac.uk", "lip.pt", "infn.it", "desy.de",
    "in2p3.fr", "fnal.gov", "bnl.gov", "kek.jp", "uni-bonn.de", "manchester.ac.uk", "ific.uv.es",
]

INSTITUTIONS = [
    "CERN", "University of Geneva", "EPFL", "University of Oxford", "LIP Lisbon", "INFN Pisa",
    "DESY", "IJCLab (CNRS/IN2P3)", "Fermilab", "Brookhaven National Laboratory", "KEK",
    "Universität Bonn", "University of Manchester", "IFIC Valencia", "Université Paris-Saclay",
    "Jagiellonian University", "Niels Bohr Institute", "Universidad de Buenos Aires",
    "Tata Institute of Fundamental Research", "University of Tokyo",
]

EXPERIMENTS = ["ATLAS", "CMS", "LHCb", "ALICE", "NA62", "AMBER", "ISOLDE", "n_TOF", "AEgIS",
               "FASER", "Theory", "Accelerator"]

DEPARTMENTS = ["EP", "TH", "BE", "SY", "IT", "EN", "HSE", "ATS", "PH", "Physics"]

LOCATIONS = [
    ("Geneva", "CET"), ("Meyrin (CERN)", "CET"), ("Prévessin", "CET"), ("Lisbon", "WET"),
    ("Pisa", "CET"), ("Hamburg", "CET"), ("Orsay", "CET"), ("Chicago", "UTC-6"),
    ("New York", "UTC-5"), ("Tsukuba", "UTC+9"), ("Manchester", "GMT"), ("València", "CET"),
    ("Kraków", "CET"), ("Copenhagen", "CET"), ("Buenos Aires", "UTC-3"), ("Mumbai", "UTC+5:30"),
]

LANGUAGES = ["English", "French", "German", "Italian", "Spanish", "Portuguese", "Polish",
             "Japanese", "Mandarin", "Hindi", "Turkish", "Danish", "Greek", "Arabic"]

CAREER_STAGES = ["PhD student", "PhD student", "PhD student", "Postdoc", "Postdoc",
                 "Undergraduate student", "Engineer", "Assistant professor", "Senior scientist",
                 "Master student"]

MENTORING_TYPES = [
    "Career advancement",
    "Relocation to CERN / life at CERN",
    "Allyship for minority identity groups, incl. LGBTQ+",
    "A new connection",
    "Work-life balance",
]

PRONOUNS = ["she/her", "he/him", "they/them", "", "", "she/they", "he/they"]

HEARD_FROM = ["CERN Bulletin", "A colleague", "My supervisor", "Mailing list", "Indico event",
              "The early-career committee", "Social media", "Last year's mentee"]

AVAILABILITY = ["Weekday mornings", "Weekday lunchtimes", "Weekday evenings", "Weekends",
                "Flexible"]

MEETING = ["In person", "Online", "Either"]

COMMENTS = [
    "", "", "", "", "", "", "", "", "", "", "", "",
    "I will be on a conference trip in April.",
    "Happy to be matched with someone outside my experiment.",
    "I would prefer a mentor who is not in my direct line of supervision.",
    "Thank you for organising this, it is much needed!",
    "Could we meet in French, if possible?",
    "I am moving to CERN in the summer, so relocation advice is welcome.",
]

NEWSLETTER = ["Yes", "No", ""]

# The motivation: several sentences with commas and "double quotes",
# on 2 to 4 lines.
OPENINGS = [
    "I am in the second year of my PhD, working on the trigger, and I would like some guidance.",
    "I joined the collaboration last autumn, after a master's degree abroad.",
    "Since moving to Geneva, I have found it hard to build a network outside my group.",
    "I recently started a postdoc, and the next steps of my career are not clear to me yet.",
    "As an engineer in a physics group, I often feel that my work is \"invisible\".",
    "I have been at CERN for three years, first as a technical student, now as a fellow.",
]
MIDDLES = [
    "A colleague told me that the programme \"changed the way she plans her career\", which convinced me.",
    "I would like to talk about applying for fellowships, writing proposals, and giving talks.",
    "Balancing shifts, analysis work and family life is a challenge, and I would value advice.",
    "I am also curious how others handled the move to a new country, the language, the housing.",
    "My supervisor is supportive, but a view from outside the group would help me, I think.",
    "I identify as LGBTQ+ and would appreciate a mentor who understands what \"coming out at work\" means.",
    "I want to learn how to say \"no\" to extra tasks without hurting my chances of a permanent post.",
    "Teaching, outreach and research all compete for time, and I do not know what to prioritise.",
]
CLOSINGS = [
    "Thank you for considering my application.",
    "I am happy to meet online or in person, once or twice a month.",
    "I hope to give back as a mentor myself in a few years.",
    "I look forward to hearing from the committee.",
]

ASCII_FOLD = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i"}


def ascii_fold(text):
    text = "".join(ASCII_FOLD.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if "a" <= c <= "z")


def pick_some(rng, items, low, high):
    """Between LOW and HIGH distinct items, in the order of ITEMS (as a form lists them)."""
    count = rng.randint(low, high)
    chosen = set(rng.sample(range(len(items)), count))
    return [items[i] for i in range(len(items)) if i in chosen]


def motivation(rng):
    """225 to 330 bytes (270 on average): an opening, what the person hopes for, a closing."""
    opening = rng.choice(OPENINGS)
    closing = rng.choice(CLOSINGS)
    sentences = [opening]
    length = len(opening) + len(closing)
    for sentence in rng.sample(MIDDLES, len(MIDDLES)):
        if length + len(sentence) > 330:
            continue
        sentences.append(sentence)
        length += len(sentence) + 1
        if length >= 225:
            break
    sentences.append(closing)
    # 1 to 3 line breaks, each between two sentences.
    gaps = len(sentences) - 1
    breaks = set(rng.sample(range(gaps), min(gaps, rng.randint(1, 3))))
    text = sentences[0]
    for i in range(1, len(sentences)):
        text += ("\n" if (i - 1) in breaks else " ") + sentences[i]
    return text


def google_timestamp(moment):
    # "2025/02/14 10:31:05 AM GMT+1": a Google Sheet in the Zurich time zone.
    return moment.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+1"


def vary_case(email):
    """The same address, as the person typed it the second time."""
    local, domain = email.split("@", 1)
    local = ".".join(part[:1].upper() + part[1:] for part in local.split("."))
    return local + "@" + domain.upper()


def person(rng, serial):
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    email = "%s.%s.%d@%s" % (ascii_fold(first), ascii_fold(last), serial, rng.choice(DOMAINS))
    location, timezone = rng.choice(LOCATIONS)
    return {
        "name": first + " " + last,
        "email": email,
        "pronouns": rng.choice(PRONOUNS),
        "institution": rng.choice(INSTITUTIONS),
        "experiment": rng.choice(EXPERIMENTS),
        "department": rng.choice(DEPARTMENTS),
        "location": location,
        "timezone": timezone,
        "languages": ", ".join(pick_some(rng, LANGUAGES, 1, 2)),
        "stage": rng.choice(CAREER_STAGES),
    }


def answers(rng, who, email, moment):
    return [
        google_timestamp(moment),
        email,
        who["name"],
        who["pronouns"],
        who["institution"],
        who["experiment"],
        who["department"],
        who["location"],
        who["timezone"],
        who["languages"],
        who["stage"],
        ", ".join(pick_some(rng, MENTORING_TYPES, 1, 2)),
        str(rng.randint(1, 3)),
        motivation(rng),
        rng.choice(HEARD_FROM),
        rng.choice(AVAILABILITY),
        rng.choice(MEETING),
        rng.choice(COMMENTS),
        "Yes",
        rng.choice(NEWSLETTER),
    ]


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        sys.stderr.write("Usage: %s OUTPUT.csv [ROWS]\n" % argv[0])
        return 1
    path = argv[1]
    try:
        rows = int(argv[2]) if len(argv) == 3 else 100000
    except ValueError:
        rows = 0
    if rows < 1:
        sys.stderr.write("%s: ROWS must be a positive whole number\n" % argv[0])
        return 1

    rng = random.Random(SEED)
    resubmissions = rows // 100
    # Resubmissions come after the first tenth of the file, so there is
    # always an earlier answer to repeat.
    resubmit_at = set(rng.sample(range(rows // 10, rows), resubmissions)) if resubmissions else set()

    moment = datetime.datetime(2025, 2, 1, 9, 0, 0)
    people = []         # everyone who answered once, in order
    repeated = set()    # indexes into people already resubmitted
    size = 0

    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                            lineterminator="\r\n")
        writer.writerow(HEADERS)
        for index in range(rows):
            # Strictly later than the row before: a resubmission is later
            # than the answer it replaces.
            moment += datetime.timedelta(seconds=rng.randint(1, 40))
            if index in resubmit_at:
                while True:
                    earlier = rng.randrange(len(people))
                    if earlier not in repeated:
                        break
                repeated.add(earlier)
                who = people[earlier]
                writer.writerow(answers(rng, who, vary_case(who["email"]), moment))
            else:
                who = person(rng, len(people) + 1)
                people.append(who)
                writer.writerow(answers(rng, who, who["email"], moment))
        size = out.tell()

    sys.stderr.write("%s: %d rows (%d people, %d resubmissions), %d columns, %.1f MB\n"
                     % (path, rows, len(people), resubmissions, len(HEADERS), size / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

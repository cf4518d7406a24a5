"""Real-length news articles for the benchmarks, generated (no real article is copied).

Each article is a wire-style report of 4,000-8,000 characters: a headline, a dateline, a dozen
or more paragraphs of reported facts with numbers and dates, several direct quotations in
curly quotes attributed in the ways news writes them (before and after the quote, split
quotes, anonymous sources, organizations), background and reactions. Deterministic per index.
"""

from __future__ import annotations

import random

_CITIES = (
    "Maple Falls", "Port Ellis", "Carden", "New Hollis", "Brayton", "Ostrava Bay", "Lindenport",
    "Kessler", "San Aurelio", "Northgate", "Wexmoor", "Haldane",
)  # fmt: skip
_FIRST = (
    "Ana", "Tom", "Lena", "Marcus", "Priya", "Jonas", "Claire", "Omar", "Nadia", "Felix", "Grace",
    "Tariq", "Ingrid", "Samuel", "Mei", "Rafael", "Hannah", "Kwame", "Elena", "David",
)  # fmt: skip
_LAST = (
    "Ruiz", "Berg", "Holt", "Okafor", "Marsh", "Lindqvist", "Duarte", "Keane", "Sato", "Novak",
    "Abernathy", "Castillo", "Fischer", "Mensah", "Kowalski", "Reyes", "Whitfield", "Haddad",
)  # fmt: skip
_ROLES = (
    "the city's finance director", "a council member", "the head of the transport authority",
    "a local business owner", "the regional governor", "an economist at Carden University",
    "the union's spokesperson", "the opposition leader", "a senior engineer", "the mayor",
)  # fmt: skip
_ORGS = (
    "the Chamber of Commerce", "the Transport Workers Union", "the Ministry of Infrastructure",
    "the Audit Office", "the Residents' Association", "Carden University",
)  # fmt: skip
_TOPICS = (
    ("bridge repairs", "bridges", "repair"),
    ("a new tram line", "tram stops", "build"),
    ("flood defences", "barriers", "raise"),
    ("school renovations", "schools", "renovate"),
    ("a hospital expansion", "wards", "open"),
    ("water mains", "pipelines", "replace"),
)
_MONTHS = ("January", "March", "April", "June", "September", "October", "November")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

_CLAIMS = (
    "This is the most important investment we will make this decade",
    "We cannot keep patching problems that should have been fixed years ago",
    "The numbers do not add up, and everyone in this building knows it",
    "Residents have waited long enough, and they deserve a clear timetable",
    "We will not sign anything until we have seen the full cost estimates",
    "Nobody has explained where the remaining money is supposed to come from",
    "If the grants arrive on time, work can start before the end of the year",
    "We are spending money we may never receive",
    "Our members will not accept longer hours without a fair agreement",
    "The plan is ambitious, but it is achievable if we keep to the schedule",
    "I have been asking for this for six years and I am glad it is finally happening",
    "Every delay adds millions to the final bill",
)
_FACTS = (
    "The council voted {a} to {b} after a debate that lasted more than {h} hours.",
    "Officials estimate the work will cost {m} million dollars over {y} years.",
    "About {k},000 residents use the affected {things} every day, according to city figures.",
    "The last major works on the {things} were completed in {year}, records show.",
    "A report published in {month} found that {p} percent of the {things} needed urgent work.",
    "The {org_cap} said it had not been consulted on the final version of the plan.",
    "Contractors will be chosen through an open tender that closes on {day} {d} {month}.",
    "Traffic will be diverted while the work is carried out, the city said.",
    "The regional government has promised to cover {p} percent of the cost.",
    "Critics pointed to a similar project in {city2} that ran {p} percent over budget.",
    "Public hearings on the proposal drew more than {k}00 people in {month}.",
    "The plan still requires approval from the national regulator, which meets in {month}.",
)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _fact(rng: random.Random, things: str, city: str) -> str:
    org = rng.choice(_ORGS)
    return rng.choice(_FACTS).format(
        a=rng.randint(7, 12),
        b=rng.randint(1, 6),
        h=rng.randint(2, 9),
        m=rng.randint(12, 480),
        y=rng.randint(2, 8),
        k=rng.randint(2, 90),
        things=things,
        year=rng.randint(1968, 2012),
        month=rng.choice(_MONTHS),
        p=rng.randint(11, 64),
        org_cap=org[0].upper() + org[1:],
        day=rng.choice(_DAYS),
        d=rng.randint(2, 28),
        city2=rng.choice([c for c in _CITIES if c != city]),
    )


def _quote(rng: random.Random, speaker: str, role: str) -> str:
    claim = rng.choice(_CLAIMS)
    style = rng.randrange(5)
    if style == 0:
        return f"“{claim},” said {speaker}, {role}."
    if style == 1:
        return f"{speaker}, {role}, said: “{claim}.”"
    if style == 2:
        first, _, rest = claim.partition(",")
        if rest:
            return f"“{first},” {speaker} said. “{rest.strip().capitalize()}.”"
        return f"“{claim},” {speaker} told reporters on {rng.choice(_DAYS)}."
    if style == 3:
        return (
            f"An official who asked not to be named because the talks were private said the "
            f"plan was “{claim.lower()}”."
        )
    org = rng.choice(_ORGS)
    return f"In a statement, {org} said: “{claim}.”"


def long_article(i: int) -> str:
    """A news article of 4,000-8,000 characters, different for each ``i``."""
    rng = random.Random(i)
    city = rng.choice(_CITIES)
    topic, things, verb = rng.choice(_TOPICS)
    mayor = _name(rng)
    people = [(_name(rng), rng.choice(_ROLES)) for _ in range(6)]
    m = rng.randint(12, 480)
    paragraphs = [
        f"{city} approves {m}-million plan for {topic} after long debate",
        f"{city.upper()}, {rng.choice(_MONTHS)} {rng.randint(1, 28)} - The city council of {city} "
        f"on {rng.choice(_DAYS)} approved a {m}-million dollar plan to {verb} {things}, ending "
        f"months of debate over costs, timing and who should pay (report {i}).",
        f"“{rng.choice(_CLAIMS)},” Mayor {mayor} said after the vote, adding that the first "
        f"contracts could be signed within weeks.",
    ]
    target = rng.randint(4000, 7600)
    while sum(len(p) + 2 for p in paragraphs) < target:
        roll = rng.random()
        if roll < 0.35:
            speaker, role = rng.choice(people)
            paragraphs.append(f"{_quote(rng, speaker, role)} {_fact(rng, things, city)}")
        elif roll < 0.8:
            paragraphs.append(" ".join(_fact(rng, things, city) for _ in range(rng.randint(2, 4))))
        else:
            speaker, role = rng.choice(people)
            paragraphs.append(
                f"{speaker}, {role}, has criticised the plan in the past. "
                f"{_fact(rng, things, city)} {speaker.split()[1]} argued that the {things} "
                "could be maintained for less."
            )
    paragraphs.append(
        f"The council is expected to publish the full timetable for the {topic} in "
        f"{rng.choice(_MONTHS)}."
    )
    return "\n\n".join(paragraphs) + "\n"

"""Is every name, number and date of a generated text supported by the article? Code decides.

``check_support(text, article)`` lists the terms of ``text`` (a headline, a summary, a key
point...) that the article does not support, each with its kind, its offsets in ``text`` and
the reason. It is deliberately a precision tool: a term is reported only when nothing in the
article can account for it, so a correct paraphrase is left alone. The rules:

- **numbers**, amounts, percentages and ages are compared as values: ``two`` and ``2``,
  ``5m``, ``5 million`` and ``5,000,000``, ``1.5bn``, ``12%`` and ``12 per cent`` are the same;
  a rounded figure is supported by the exact one within half a unit of its last significant
  digit (at most 5%): ``about 300`` by ``297``, ``£1.5bn`` by ``£1.46bn``. ``one`` is not
  checked (a pronoun as often as a number);
- **dates**: a year must be in the article (or be the publication year, or the one before or
  after it when known); a month must be named in the article, or be the publication month;
  a weekday must be named in the article, or follow from a full date in it or from the
  publication date (with ``yesterday``/``tomorrow`` when the article uses them);
- **names**: capitalised spans whose head word (the last one, titles such as ``President``
  ignored) is not a word of the article; demonyms count as their places (``Ukrainian`` /
  ``Ukraine``, ``Scottish`` / ``Scotland``), an acronym counts as its expansion
  (``UN`` / ``United Nations``), and a first name is allowed when the surname is there. In a
  text written all in lower case (or in Title Case) capitals say nothing: there names after
  a title, given names and well-known places are checked, and in a sentence with no capital
  at all a word that is neither the article's nor a common English word (``english_words``,
  with inflections, contractions and compounds derived here) is a name the article lacks;
- **people** introduced by a role (``a pensioner``, ``the striker``) the article never
  mentions, singular or plural; ``man``/``woman``/``boy``/``girl`` by any word of their gender;
- **scores** (``2-1``) the article does not give in either order;
- **ranks** only by a rank (``third`` by ``third`` or ``3rd``; ``first``/``second`` before a
  noun), **counts** of things (``six people``) by the article's count of those things a few
  words on, **rankings** (``the world's biggest``, ``one of the most``) by the same or a like
  superlative;
- **a role before a name** (``manager sam allardyce``): the article must give it, or a word
  for it, in or next to a sentence naming that person (capitalised titles are not checked);
- **a name set against itself** in one sentence (``a bid from barcelona`` by Barcelona);
- **quotes**: a passage in quotation marks must be locatable in the article (exactly, after
  normalising typography, or by the bounded fuzzy match of ``summarizer.text.grounding``).

Standard library only, no I/O; one ``ArticleSupport`` per article answers many texts quickly:
it reads nothing when made, finds a text, a word or a number as written in the article with
a substring search first, and reads the article's vocabulary, figures and dates only when
that fails; each text's answer is remembered.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

from summarizer.text import lexicon
from summarizer.text.grounding import WORD_EDGES, Article, normalize, strip_marks

Kind = Literal["number", "date", "name", "quote"]


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A term of the generated text that the article does not support: ``text[start:end]``."""

    kind: Kind
    term: str
    start: int
    end: int
    reason: str

    def message(self) -> str:
        """One line for a re-ask or a warning."""
        return f"'{self.term}' {self.reason}: remove it or use the article's words"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Small data
# ---------------------------------------------------------------------------------------------

_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        3,
    )
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "dozen": 12,
}
# Scale suffixes that are also units of measure ("100m" sprint, "5k" run): the bare value
# stands too.
_AMBIGUOUS_SCALES = {"m", "k", "b"}

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# Month names that are also common words: read as months only when capitalised mid-sentence
# or next to a day or a year.
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "apr", "jun", "jul", "aug", "sep", "oct"}
_MONTH_WORDS = {k for k in _MONTHS if len(k) > 3 or k in {"may"}}

_TITLES = _words(
    """
    mr mrs ms miss dr sir dame lord lady king queen prince princess pope president vice
    prime minister secretary chancellor senator sen rep representative congressman
    congresswoman governor gov mayor general gen colonel col captain capt sergeant sgt
    lieutenant lt major officer detective judge justice coach manager boss chairman
    chairwoman chief executive ceo professor prof rev reverend father bishop archbishop
    ambassador deputy former foreign defence defense home health interior finance leader
    speaker spokesman spokeswoman spokesperson striker midfielder defender goalkeeper
    forward winger star actor actress singer st saint the
    """
)
# Words after which a lower-case text names someone: "manager jim smith", "mr smith".
_NAMING_TITLES = _words(
    """
    mr mrs ms dr sir president senator sen governor mayor chancellor minister secretary
    manager boss coach chairman striker midfielder defender goalkeeper winger captain judge
    professor spokesman spokeswoman
    """
)

# Places and the words made from them; each group supports itself as a whole.
_PLACE_GROUPS_TEXT = """
afghanistan afghan afghans
africa african africans
albania albanian
algeria algerian
america american americans us usa u.s united_states
argentina argentine argentinian
asia asian asians
australia australian australians aussie
austria austrian
bangladesh bangladeshi
belgium belgian
bosnia bosnian
brazil brazilian brazilians
britain british brit brits uk u.k united_kingdom
bulgaria bulgarian
canada canadian canadians
catalonia catalan
chile chilean
china chinese
colombia colombian
croatia croatian
cuba cuban
czech czechia
denmark danish dane danes
egypt egyptian egyptians
england english
ethiopia ethiopian
europe european europeans eu european_union
finland finnish finn
france french frenchman
germany german germans
greece greek greeks
holland netherlands dutch
hungary hungarian
india indian indians
indonesia indonesian
iran iranian iranians
iraq iraqi iraqis
ireland irish
israel israeli israelis
italy italian italians
japan japanese
jordan jordanian
kenya kenyan
korea korean koreans
kurdistan kurdish kurds kurd
lebanon lebanese
libya libyan
malaysia malaysian
mexico mexican mexicans
morocco moroccan
nepal nepalese nepali
nigeria nigerian
norway norwegian
pakistan pakistani pakistanis
palestine palestinian palestinians
peru peruvian
philippines filipino philippine
poland polish pole poles
portugal portuguese
qatar qatari
romania romanian
russia russian russians
saudi saudis saudi_arabia
scotland scottish scot scots
serbia serbian serb serbs
somalia somali
spain spanish spaniard
sudan sudanese
sweden swedish swede
switzerland swiss
syria syrian syrians
taiwan taiwanese
thailand thai
tunisia tunisian
turkey turkish turk turks
ukraine ukrainian ukrainians
venezuela venezuelan
vietnam vietnamese
wales welsh
yemen yemeni
"""
_PLACE_GROUPS: dict[str, frozenset[str]] = {}
for _line in _PLACE_GROUPS_TEXT.strip().splitlines():
    _group = frozenset(w.replace("_", " ") for w in _line.split())
    for _w in _group:
        _PLACE_GROUPS[_w] = _group

# Places whose names are also common words: in a lower-case text they say nothing.
_AMBIGUOUS_PLACES = {"us", "turkey", "china", "jordan", "polish", "pole", "poles", "chile", "brit"}

# Short forms of given names: the same person either way.
_NICKNAME_GROUPS = [
    frozenset(line.split())
    for line in """
    james jim jimmy jamie
    robert rob robbie bob bobby bert
    william will bill billy liam
    michael mike mick mickey
    david dave davey
    thomas tom tommy
    christopher chris kit
    andrew andy drew
    anthony tony
    stephen steven steve stevie
    joseph joe joey
    daniel dan danny
    matthew matt
    nicholas nick nicky
    alexander alex sandy
    samuel sam sammy
    benjamin ben benny
    peter pete
    philip phillip phil
    edward ed eddie ted teddy ned
    elizabeth liz lizzie beth betty eliza
    katherine catherine kate katie kathy cathy kat
    jennifer jenny jen
    susan sue susie
    patrick pat paddy
    patricia pat patty trish
    jonathan jon jonny
    john johnny jack
    henry harry hal
    charles charlie chuck
    frederick fred freddie
    gregory greg
    jeffrey jeff geoffrey geoff
    kenneth ken kenny
    ronald ron ronnie
    donald don donny
    timothy tim timmy
    victoria vicky vicki tori
    nicola nicky nikki
    margaret maggie meg peggy
    rebecca becky
    deborah debbie deb
    """.strip().splitlines()
]
_NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAME_GROUPS:
    for _name in _group:
        _NICKNAMES[_name] = _NICKNAMES.get(_name, frozenset()) | _group

# Well-known places whose names are not common words: in a lower-case text, where capitals
# cannot say what is a name, these are names (countries come from the groups above).
_PLACES = _words(
    """
    london manchester birmingham liverpool leeds glasgow edinburgh cardiff belfast bristol
    newcastle sheffield nottingham leicester brighton southampton portsmouth plymouth aberdeen
    dundee swansea oxford cambridge coventry norwich bradford sunderland middlesbrough
    wolverhampton ipswich exeter preston blackpool bolton wigan burnley blackburn inverness kent
    essex surrey sussex yorkshire lancashire cornwall devon dorset somerset norfolk suffolk
    cumbria northumberland hampshire berkshire oxfordshire hertfordshire derbyshire cheshire
    londonderry antrim armagh tyrone fermanagh dublin galway paris berlin madrid barcelona rome
    milan munich amsterdam brussels vienna zurich geneva moscow kiev kyiv warsaw prague budapest
    athens istanbul cairo dubai tehran baghdad kabul delhi mumbai beijing shanghai tokyo seoul
    sydney melbourne toronto vancouver montreal chicago boston houston dallas miami atlanta
    seattle denver phoenix detroit philadelphia ohio texas california florida virginia michigan
    illinois pennsylvania arizona colorado oregon nevada utah alabama louisiana kentucky
    tennessee missouri minnesota wisconsin iowa kansas oklahoma arkansas mississippi indiana
    massachusetts connecticut maryland
    """
)

# Common given names: in a lower-case text, one followed by a word the article lacks is a
# person the article does not name ("peter simpson" where the article has no Simpson).
_GIVEN_NAMES = _words(
    """
    aaron abdul adam adrian ahmed alan albert alex alexander alfie ali alice alison amanda
    amir amy andrea andrew andy angela angelo ann anna anne anthony antonio archie arthur
    ashley barbara barry ben benjamin beth bethany billy bob bobby boris bradley brian bruce
    bruno callum carl carla carlos carol caroline catherine cesar charles charlie chloe
    chris christina christine christopher claire clara colin connor courtney craig daisy dan
    daniel daniela danielle danny darren david deborah declan dennis derek diana diego
    dimitri donald donna doug douglas duncan dylan edward elizabeth ellie emily emma enrique
    eric ewan fatima felipe fernando fiona francesca francesco franco fred freddie gabriel
    gareth gary gavin gemma george georgia giorgio giuseppe glenn gordon graham greg hannah
    hans harriet harry harvey hassan hayley heather hector helen henry holly hugh hugo ian
    ibrahim igor imogen isabel ivan jackie jacques jade james jamie jane janet jasmine jason
    javier jean jeff jennifer jeremy jessica jim jimmy joan joanne joe john johnny jon
    jonathan jordan jorge jose joseph josh juan julia julie julien justin karen karim karl
    kate katherine kathy katie kayleigh keith kelly ken kevin kieran kirsty klaus lars laura
    lauren laurent leah leanne lee liam lily linda lindsay lisa lorraine louise luca lucas
    lucy luigi luis luke manuel marco marcus margaret maria marie mario martin mary matt
    matthew mauricio megan melanie michael michel michelle miguel mike mohamed mohammed
    molly muhammad nadia nancy natalia natalie nathan neil nicholas nick nicola nicole nigel
    nikolai olga oliver omar owen pablo pamela paolo patricia patrick paul paula pedro peter
    phil philip pierre rachel rafael raul rebecca rhian rhys ricardo richard rick robert
    roberto robin rodrigo roger ron ronald ruth ryan salman sam samantha sandra sarah scott
    sean sebastian sergei sergio shane shirley simon sophia sophie stacey stefan stephen
    steve steven stuart susan thierry thomas tim timothy tom tommy tony tracey tyler vicky
    victoria vladimir wayne wendy william wolfgang yusuf yvonne zach zoe
    """
)

# Words that make their neighbour a place or club name in a lower-case text: "county down",
# "isle of wight" (after "of"), "torquay united".
_PLACE_MARKERS_BEFORE = {"county", "isle", "lake", "mount", "fort"}
# Places after a marker whose names are also common words: "county down", "isle of man".
_MARKED_PLACES = {"down", "man", "wight", "antrim", "durham", "fort"}
_PLACE_MARKERS_AFTER = {"united", "rovers", "wanderers", "athletic", "albion", "fc", "university"}
_COMMON_BEFORE_MARKERS = _words(
    """
    city town county local state national royal district borough council court director
    officials side team club the of open
    """
)

# Sentence-initial words that are never the start of a name.
_FUNCTION_WORDS = _words(
    """
    a an the and but or so yet in on at as of for with from by to after before when while if
    since then now he she it they we i you his her its their our this that these those there
    here some many most all both one two former new last next meanwhile however also
    according yesterday today tomorrow
    """
)

# One pass over a text gives its tokens: initialisms (U.S.), words with inner apostrophes
# (O'Neill, Trump's), numbers' digit runs.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile(r"'(?<!\w')")  # after no word character (searched by the mark)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(  # matched where a digit run starts that no word, dot or comma precedes
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<suffix>bn|mn|mln|tn|m|k|b)\b|(?:st|nd|rd|th|s)\b)?"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)s?\b)?",
    re.IGNORECASE,
)
# The same where no word, dot or comma precedes; a digit first, so that the search is quick.
_NUMBER_AT = re.compile(
    r"(?P<num>\d(?<![\w.,]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
    + _NUMBER.pattern.split(r"|\d+(?:\.\d+)?)", 1)[1],
    re.IGNORECASE,
)
_NUMBER_RUN = re.compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)*")
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_SEARCHES = 8  # occurrences of a number looked at before the article's runs are read
_WORD_OF = {value: word for word, value in (_UNITS | _TENS).items()}
_NUMBER_WORDS = frozenset(
    [*_UNITS, *_TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen"]
)
# A number that counts what a text compares ("two different figures", "three conflicting
# accounts") speaks of the article's own statements, not of the world: not checked.
_COMPARED = re.compile(r"\s+(?:different|differing|conflicting|contradictory|inconsistent)\b")
_NUMBER_WORD_GAP = re.compile(r"[\s-]+(?:and\s+)?")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,}?)[”\"]|(?<!\w)[‘']([^‘’']{3,}?)[’'](?!\w)")
_RELATIVE_DAY = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_ALPHA = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"\w+(?:'\w+)*")  # as grounding's Article.vocabulary
_NOT_WORD = re.compile(r"[^\w\s]")
_ASCII_WORD = re.compile(r"[A-Za-z]+")  # several times faster than any letter
# Every byte but an ASCII letter made a space: the ASCII words of a text are then the words of
# its bytes between spaces (a character beyond ASCII, encoded as "?", is no letter either).
_ASCII_LETTERS_ONLY = bytes(b if chr(b).isascii() and chr(b).isalpha() else 32 for b in range(256))


def _ascii_words(text: str) -> set[str]:
    """``set(_ASCII_WORD.findall(text))``, a third of its CPU: the runs of ASCII letters."""
    ascii_text = text.encode("ascii", "replace").translate(_ASCII_LETTERS_ONLY)
    return set(ascii_text.decode("ascii").split())


_INITIALISM = re.compile(r"[A-Z]\.[A-Z]\.(?:[A-Z]\.)*")
_NUMBER_WORD_RUN = re.compile(  # on lower-cased text
    r"\b(?:(?:a|an)\s+)?(?:{w})(?:[\s-]+(?:and\s+)?(?:{w}))*\b".format(
        w="|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    )
)
_MONTH_ALT = "|".join(sorted((k for k in _MONTHS if len(k) >= 3), key=len, reverse=True))
_DATE = re.compile(  # on lower-cased text: 12 march 2025, the 3rd of may, march 12, 2025
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH_ALT})\b\.?(?:,?\s+(\d{{4}})\b)?"
    rf"|\b({_MONTH_ALT})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
)
_CAPITAL_MONTH = re.compile(
    r"\b(?:" + "|".join(sorted((k.title() for k in _MONTHS), key=len, reverse=True)) + r")\b"
)
_ORDINAL_RE = re.compile(r"\b(?:" + "|".join(_ORDINALS) + r")\b")  # on lower-cased text
# Things a text may count ("six people", "17 goals"): the article must count them with that
# number, within a few words ("six of the people"). Not units of time or measure (paraphrased:
# "two years ago" for a year), nor "times".
_COUNTED_STEMS = {
    noun: stem
    for stem, nouns in {
        "goal": "goal goals",
        "point": "point points",
        "game": "game games",
        "match": "match matches",
        "appearance": "appearance appearances",
        "(?:people|person)": "people persons",
        "child": "child children",
        "m[ae]n": "man men",
        "wom[ae]n": "woman women",
        "season": "season seasons",
        "win": "win wins",
        "medal": "medal medals",
        "title": "title titles",
        "wicket": "wicket wickets",
        "tr(?:y|ies)": "try tries",
        "vote": "vote votes",
        "seat": "seat seats",
        "victim": "victim victims",
        "death": "death deaths",
        "son": "son sons",
        "daughter": "daughter daughters",
        "player": "player players",
        "fan": "fan fans",
        "pupil": "pupil pupils",
        "student": "student students",
        "officer": "officer officers",
        "job": "job jobs",
        "home": "home homes",
        "house": "house houses",
        "car": "car cars",
        "passenger": "passenger passengers",
    }.items()
    for noun in nouns.split()
}
# after the number in the article: a few words (no other figure), then the thing counted
_COUNTED_AFTER = {
    noun: re.compile(rf"(?:[^\W\d]|[\s,'’-]){{0,30}}?\b{stem}")
    for noun, stem in _COUNTED_STEMS.items()
}
_COUNTED = re.compile(r" (" + "|".join(sorted(_COUNTED_STEMS, key=len, reverse=True)) + r")\b")
_PLAIN_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)?")
# Words that set one side against another: the same name on both sides is an error.
_SELF_RELATIONS = _words("against beat beats beating defeated from over versus vs v")
_SELF_RELATION_WORDS = 15  # how far from its subject the relation may be
_TEXT_SENTENCE = re.compile(r"[^.!?]+")
_RANK_OF = _ORDINALS | {"first": 1, "second": 2}
_RANK_WORDS = {  # rank -> the words of _RANK_OF that give it
    rank: tuple(w for w, r in _RANK_OF.items() if r == rank) for rank in set(_RANK_OF.values())
}
_FIRST_SECOND = frozenset({"first", "second"})
# "first" and "second" as a rank before a noun ("her second gold"); not "first time", "the
# first half", "first minister", "first-degree", "at first" or a second of time.
_FIRST_SECOND_RE = re.compile(
    r"(?<!\bat )\b(first|second) (?!(?:time|times|half|minister|lady|class|hand|tier|leg|"
    r"of|and|or|to|in|on|at|for|with|by|from|as|is|was|he|she|they|it|we|i)\b)[a-z]"
)
_COUNT_WORDS = (_NUMBER_WORDS | _ORDINALS.keys()) - {"one"}  # "one" alone is not checked
_CALENDAR_RE = re.compile(  # on lower-cased text
    r"\b(?:" + "|".join(sorted([*_WEEKDAYS, *_MONTH_WORDS], key=len, reverse=True)) + r")\b"
)
# A capitalised word or an initialism (U.S.), written to begin with its capital: a pattern
# that starts with a set of letters is searched several times faster.
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*(?:['’][^\W_]+)*)"
_CAP_RUN = re.compile(rf"(?:{_CAP_WORD})(?:(?:[ \t]+|-)(?:{_CAP_WORD}))*")  # no \b: slow
_CAP_WORD_RE = re.compile(_CAP_WORD)


def _key(word: str) -> str:
    return word.lower().replace("’", "'").strip(".")


Token = tuple[str, int, int]


def _tokens(text: str) -> list[Token]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Common words (to tell them from names in a lower-case text)
# ---------------------------------------------------------------------------------------------

_SUFFIXES = (  # (suffix, what replaces it): walked -> walk, studies -> study, baked -> bake
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("est", ""),
    ("est", "e"),
    ("ly", ""),
    ("ily", "y"),
    ("ness", ""),
    ("ment", ""),
    ("al", ""),  # fantastical, national
)
_DOUBLING = {"ed", "ing", "er", "ers", "est"}  # stopped -> stop


def word_bases(word: str) -> list[str]:
    """The words ``word`` may be an inflection of, by regular English endings (at least three
    letters left): ``stopped`` -> ``stopp``, ``stop``."""
    out: list[str] = []
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + replacement
            out.append(base)
            if suffix in _DOUBLING and base[-1] == base[-2]:
                out.append(base[:-1])
    return out


# Prefixes a compound may carry in front of a known word: co-founder, para-athletics.
_PREFIXES = _words(
    """
    anti co counter cross ex half inter mid multi non para post pre pro re self semi sub
    super ultra under over well vice
    """
)
# Short forms everyone writes in lower case too; never reported as names.
_COMMON_ABBREVIATIONS = _words(
    """
    tv uk usa eu un mp mps pm am gmt bst mph km kg cm mm ft lb lbs oz hiv dna ok pc id
    can't won't shan't ain't
    """
)
_CONTRACTIONS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'")


def _lexicon() -> frozenset[str]:
    from summarizer.text.dictionary import english_words  # 29,000 words: only when needed

    return english_words()  # (one set for the support check and the offline engine)


@lru_cache(maxsize=1 << 15)
def is_common_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a common English word, inflected or not, or a
    compound or contraction of them: ``tumbled``, ``isn't``, ``co-founder``. (Answers are
    remembered: the same words come back in every text.)"""
    lexicon = _lexicon()
    if word in lexicon or word in _COMMON_ABBREVIATIONS:
        return True
    for ending in _CONTRACTIONS:
        if word.endswith(ending) and len(word) > len(ending):
            return is_common_word(word[: -len(ending)])
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        return bool(parts) and (
            all(p in _PREFIXES or is_common_word(p) for p in parts)
            or is_common_word("".join(parts))  # post-mortem: postmortem
        )
    if any(b in lexicon for b in word_bases(word)):
        return True
    return (
        len(word) >= 7
        and any(  # a compound of two words: seafront, warplane
            word[:i] in lexicon and is_common_word(word[i:]) for i in range(3, len(word) - 2)
        )
    )


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


class _Figure(NamedTuple):  # a tuple: many are made, and a frozen dataclass is slow to build
    start: int
    end: int
    values: tuple[float, ...]  # every reading (5m: 5,000,000 and 5)
    unit: float  # the place of the last significant digit as written
    is_year: bool = False
    bare: float | None = None  # the digits without their scale: 1.5 of "1.5bn"
    digits: str = ""  # as written, when read without a scale: "1,500" (not "5m")


def _digits_value(num: str) -> tuple[float, float]:
    """(value, unit of the last significant digit) of '1,500', '1.46', '300'."""
    plain = num.replace(",", "")
    value = float(plain)
    if "." in plain:
        unit = 10.0 ** -len(plain.split(".")[1])
    else:
        stripped = plain.rstrip("0")
        unit = 10.0 ** (len(plain) - len(stripped)) if stripped else 1.0
    return value, unit


def _words_value(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            continue
        seen = True
    return total + current if seen else None


@lru_cache(maxsize=4096)
def _read_number(
    num: str, suffix: str | None, scale_word: str | None
) -> tuple[tuple[float, ...], float, bool, float] | None:
    """(readings, unit of the last digit, is a year, bare value) of a number as written."""
    if num.count(".") > 1:
        return None
    value, unit = _digits_value(num)
    values: tuple[float, ...] = (value,)
    if scale_word:
        factor = _SCALES[scale_word.lower()]
        values = (value * factor,)
        unit *= factor
    elif suffix:
        factor = _SCALES[suffix.lower()]
        values = (
            (value * factor, value) if suffix.lower() in _AMBIGUOUS_SCALES else (value * factor,)
        )
        unit *= factor
    is_year = (
        not scale_word
        and not suffix
        and "," not in num
        and "." not in num
        and len(num) == 4
        and 1800 <= value <= 2099
    )
    return values, unit, is_year, value


def _figures(
    text: str, words: set[str] | frozenset[str] | None, lower: str | None = None
) -> list[_Figure]:
    """The figures of ``text``: digits, and number words when ``words`` (the text's
    lower-cased words; ``lower``: the text lower-cased, when at hand) has any."""
    found: list[_Figure] = []
    if _DIGIT.search(text):
        for m in _NUMBER_AT.finditer(text):  # a number that no word, dot or comma precedes
            num, suffix, scale_word = m.group("num", "suffix", "scale")
            read = _read_number(num, suffix, scale_word)
            if read is None:
                continue
            values, unit, is_year, value = read
            plain = "" if scale_word or suffix else num
            found.append(_Figure(m.start(), m.end(), values, unit, is_year, value, plain))
    if words is None or not words & _COUNT_WORDS:
        return found
    taken = [(f.start, f.end) for f in found]
    if lower is None:
        lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lower case is longer: keep offsets
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # a run holds a number word between non-letters: one of the text's ASCII words (no run
    # without one; "first" alone, an ordinal, is a count word too, read below)
    for m in _NUMBER_WORD_RUN.finditer(lower) if words & _NUMBER_WORDS else ():
        run = [w for w in _ALPHA.findall(m.group()) if w != "and"]
        counted = run[0] in ("a", "an")
        run = run[1:] if counted else run
        if run == ["one"] or (len(run) == 1 and run[0] in _SCALES and not counted):
            continue  # "one of them"; "thousands" / "millions" of people are not figures
        start = m.start() + (m.group().index(run[0]) if counted else 0)
        worded = _words_value(run)
        if worded is None or any(s < m.end() and start < e for s, e in taken):
            continue
        found.append(_Figure(start, m.end(), (worded,), 1.0))
    if words & _ORDINALS.keys():
        for m in _ORDINAL_RE.finditer(lower):
            found.append(_Figure(m.start(), m.end(), (float(_ORDINALS[m.group()]),), 1.0))
    return found


# ---------------------------------------------------------------------------------------------
# The article's side
# ---------------------------------------------------------------------------------------------


_EDGE_MARKS = WORD_EDGES


def _add_words(tokens: list[str], vocab: set[str], capitalized: set[str], lower: set[str]) -> None:
    """The words of tokens with marks inside (O'Neill's, two-year, U.S., 12%): each token's
    first initialism, and the words of all of them read at once (joined, a newline ends a
    word: the same words as token by token)."""
    for token in tokens:
        if "." in token and (initialism := _INITIALISM.search(token)):
            vocab.add(initialism.group().replace(".", "").lower())
    for word in _WORDS.findall("\n".join(tokens).replace("’", "'")):
        key = word.lower()
        vocab.add(key)
        if key.endswith("'s"):
            vocab.add(key[:-2])
        if word[0].isalpha():
            (lower if word[0].islower() else capitalized).add(key.removesuffix("'s"))


def _is_token_at(text: str, word: str) -> bool:
    """Whether ``word`` is one of ``text``'s tokens between spaces once the marks around it
    (:data:`WORD_EDGES`) are stripped."""
    n = len(text)
    i = text.find(word)
    while i >= 0:
        start, end = i, i + len(word)
        while start and text[start - 1] in WORD_EDGES:
            start -= 1
        while end < n and text[end] in WORD_EDGES:
            end += 1
        if (not start or text[start - 1].isspace()) and (end == n or text[end].isspace()):
            return True
        i = text.find(word, i + 1)
    return False


class ArticleSupport:
    """One article, indexed once: what it names, counts and dates. ``check`` answers a text."""

    def __init__(self, article: str | Article, published: date | None = None) -> None:
        self.article = article if isinstance(article, Article) else Article(article)
        self.published = published

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def _index(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(every word of the article lower-cased, also without a possessive 's and without
        the dots of an initialism (U.S. -> us); the words it writes with a capital; those it
        writes in lower case). One split of the text and a pass over its distinct tokens:
        several times cheaper than a regular expression over the whole article."""
        vocab: set[str] = set()
        capitalized: set[str] = set()
        lower: set[str] = set()
        plain, rest = self.article.plain_tokens  # most tokens: a plain word, perhaps with
        _add_words(rest, vocab, capitalized, lower)  # a comma or a stop; the rest: marks inside
        plain_lower = [token for token in plain if token[0].islower()]
        plain_capital = [token for token in plain if not token[0].islower()]
        # lower-cased joined, in one call: the same as word by word (a newline ends a word,
        # and final sigma looks no further than the word's end)
        for plain, kind in ((plain_lower, lower), (plain_capital, capitalized)):
            if plain:
                keys = "\n".join(plain).lower().split("\n")
                vocab.update(keys)
                kind.update(keys)
        if "vocabulary" in vars(self.article):  # grounding's speaker check built it already
            vocab |= self.article.vocabulary
        return frozenset(vocab), frozenset(capitalized), frozenset(lower)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the article, lower-cased; also without a possessive 's and without
        the dots of an initialism (U.S. -> us)."""
        return self._index[0]

    @property
    def capitalized(self) -> frozenset[str]:
        """The article's words that it writes with a capital somewhere (its names), lower-cased."""
        return self._index[1]

    @cached_property
    def _lower(self) -> str:
        return self.text.lower()

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """Initials of the article's capitalised spans (United Nations -> un)."""
        out: set[str] = set()
        for m in re.finditer(
            r"[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w'’-]*)+", self.text
        ):
            words = [w for w in m.group().split() if w[0].isupper()]
            out.add("".join(w[0] for w in words).lower())
        return frozenset(out)

    @cached_property
    def _values(self) -> tuple[list[float], set[float]]:
        values: set[float] = set()
        for fig in _figures(self.text, None):  # digits
            values.update(fig.values)
            if fig.bare is not None:
                values.add(fig.bare)
        if self.vocabulary & _NUMBER_WORDS:
            for run in _NUMBER_WORD_RUN.findall(self._lower):
                words = [w for w in _ALPHA.findall(run) if w not in ("a", "an", "and")]
                worded = _words_value(words)
                if worded is not None:
                    values.add(worded)
                values.update(v for w in words if (v := _words_value([w])) is not None)
        values.update(float(_ORDINALS[w]) for w in self.vocabulary & _ORDINALS.keys())
        for word in ("first", "second", "a", "an", "one", "single", "once"):
            if word in self.vocabulary:
                values.add(1.0)
        if {"second", "twice", "both", "pair", "couple", "double"} & self.vocabulary:
            values.add(2.0)
        if {"half"} & self.vocabulary:
            values.add(0.5)
            values.add(50.0)
        return sorted(values), values

    @cached_property
    def years(self) -> frozenset[int]:
        years = {int(v) for v in self._values[1] if v.is_integer() and 1800 <= v <= 2099}
        if self.published is not None:
            years |= {self.published.year - 1, self.published.year, self.published.year + 1}
        return frozenset(years)

    @cached_property
    def months(self) -> frozenset[int]:
        months = {_MONTHS[w] for w in self.vocabulary & _MONTH_WORDS}
        months -= {_MONTHS[w] for w in _AMBIGUOUS_MONTHS}  # "may", "march": only as below
        if self.vocabulary & _MONTHS.keys():
            months |= {_MONTHS[m.lower()] for m in _CAPITAL_MONTH.findall(self.text)}
        for d in self.dates:
            months.add(d.month)
        if self.published is not None:
            months.add(self.published.month)
            months.add((self.published.month - 2) % 12 + 1)  # "last month"
        return frozenset(months)

    @cached_property
    def dates(self) -> list[date]:
        """Full dates the article states (12 March 2025, March 12, 2025, the 3rd of May; the
        year assumed from the publication date when it is not written)."""
        out: list[date] = []
        if not self.vocabulary & _MONTHS.keys():
            return out
        for d1, m1, y1, m2, d2, y2 in _DATE.findall(self._lower):
            month, day, year_text = (m1, d1, y1) if m1 else (m2, d2, y2)
            if year_text:
                year = int(year_text)
            elif self.published is not None:
                year = self.published.year
            else:
                continue
            try:
                out.append(date(year, _MONTHS[month], int(day)))
            except ValueError:
                continue
        return out

    @cached_property
    def weekdays(self) -> frozenset[int]:
        days = {_WEEKDAYS[w] for w in self.vocabulary & _WEEKDAYS.keys()}
        days |= {d.weekday() for d in self.dates}
        if self.published is not None:
            days.add(self.published.weekday())
            for word, offset in _RELATIVE_DAY.items():
                if word in self.vocabulary:
                    days.add((self.published + timedelta(days=offset)).weekday())
            if "night" in self.vocabulary:  # "last night"
                days.add((self.published - timedelta(days=1)).weekday())
        return frozenset(days)

    # -- checks -----------------------------------------------------------------------------

    def has_number(self, digits: str) -> bool:
        """Whether the article writes the number ``digits`` ("1,500", "12", "5 million") as a
        number of its own: not inside another ("2" in "2015", "500" in "1,500"). A search of
        the text: the article's figures are read only when this fails. (Also finds a word:
        "March" as a word of its own.)"""
        if digits.isdigit() or (digits[:1].isdecimal() and _PLAIN_NUMBER.fullmatch(digits)):
            written = self.__dict__.get("_numbers_written")
            if written is None:
                found = self._number_run(digits)
                if found is not None:
                    return found
                written = self._numbers_written
            return digits in written
        text, n = self.text, len(digits)
        word = digits[-1].isalpha()  # then no letter may follow either
        i = text.find(digits)
        while i >= 0:
            before = text[i - 1] if i else " "
            after = text[i + n : i + n + 2]
            if not (before.isalnum() or before in "_.,") and not (
                after[:1].isdigit()
                or (after[:1] in ",." and after[1:2].isdigit())
                or (word and after[:1].isalpha())
            ):
                return True
            i = text.find(digits, i + 1)
        return False

    def _number_run(self, digits: str) -> bool | None:
        """``digits in self._numbers_written``, by a search of the text for the few numbers a
        text gives (the pattern over the whole article costs more than a search for each);
        None after a few occurrences that are not one (then read the figures: "2" in a
        text full of 2025)."""
        if not _PLAIN_NUMBER.fullmatch(digits):  # "²": a digit, but no run of the pattern
            return False
        text, n = self.text, len(digits)
        i = text.find(digits)
        for _ in range(_NUMBER_SEARCHES):
            if i < 0:
                return False
            before = text[i - 1] if i else " "
            after = text[i + n : i + n + 2]
            if not (before.isalnum() or before in "_.,") and not (
                after[:1].isdecimal() or (after[:1] in ",." and after[1:2].isdecimal())
            ):
                return True
            i = text.find(digits, i + 1)
        return None

    @cached_property
    def _numbers_written(self) -> frozenset[str]:
        """The article's numbers as written ("1,500", "12", "3.5"), each a whole run of digits
        that no word, dot or comma precedes: one pattern over the text."""
        return frozenset(_NUMBER_RUN.findall(self.text))

    def supports_value(self, fig: _Figure, written: str = "") -> bool:
        """Whether the article gives the value of ``fig`` (``written``: the figure as the text
        writes it, "369 million", found as such in the article before anything is read)."""
        if fig.digits and self.has_number(fig.digits):
            return True
        if written and written != fig.digits and self.has_number(written):
            return True
        value = fig.values[0]
        if (
            len(fig.values) == 1
            and value.is_integer()
            and (  # "two" for "2", "3" for "three"
                self.has_number(str(int(value)))
                or ((word := _WORD_OF.get(int(value))) is not None and self.has_number(word))
            )
        ):
            return True
        ordered, values = self._values
        for v in fig.values:
            if v in values:
                return True
            tolerance = min(fig.unit / 2, abs(v) * 0.05)
            if tolerance <= 0:
                continue
            i = bisect_left(ordered, v - tolerance)
            if i < len(ordered) and ordered[i] <= v + tolerance:
                return True
        return False

    @cached_property
    def scores(self) -> frozenset[tuple[int, int]]:
        """The pairs the article writes as a score or a tally (2-1, 5–3), in either order."""
        pairs = {(int(a), int(b)) for a, b in _SCORE_PAIR.findall(self.text)}
        pairs |= {(int(a), int(b)) for a, b in _SCORE_LINE.findall(self.text)}
        return frozenset(pairs | {(b, a) for a, b in pairs})

    def has_score(self, m: re.Match[str]) -> bool:
        return (int(m.group(1)), int(m.group(2))) in self.scores

    def counts(self, term: str, count: re.Match[str]) -> bool:
        """Whether the article counts what ``count`` names with the number ``term`` ("six
        people": six or 6, then within a few words people or a person)."""
        key = term.lower()
        if self._in_lower(f"{key} {count.group(1)}"):
            return True  # counted as written: "12 goals"
        if not _PLAIN_COUNT.fullmatch(key):
            return True  # "5m people", "3.5 points": left to the value check
        if key.isalpha():
            value = _words_value(key.replace("-", " ").split())
        else:
            value = float(key.replace(",", ""))
        if value is None or not value.is_integer() or value < 2 or 1800 <= value <= 2099:
            return True  # not a count, or a year ("the 2009 vote")
        number = int(value)
        forms = {key, str(number), f"{number:,}"}
        if (word := _WORD_OF.get(number)) is not None:
            forms.add(word)
        after = _COUNTED_AFTER[count.group(1)]
        article = self._lower
        for form in forms:
            at = article.find(form)
            while at >= 0:
                end = at + len(form)
                if (
                    (at == 0 or not (article[at - 1].isalnum() or article[at - 1] in ",._"))
                    and (end == len(article) or not article[end].isalnum())
                    and after.match(article, end)
                ):
                    return True
                at = article.find(form, at + 1)
        return False

    def has_rank(self, rank: int) -> bool:
        """Whether the article gives this rank: "third", "3rd" ("round three" is not one)."""
        words = _RANK_WORDS.get(rank, ())
        if any(self._plain_token(w) for w in words):
            return True  # found as written: the vocabulary (built for the whole article) unread
        if any(_RANK_OF.get(w) == rank for w in self.vocabulary & _RANK_OF.keys()):
            return True
        return re.search(rf"\b{rank}(?:st|nd|rd|th)\b", self._lower) is not None

    def _plain_token(self, word: str) -> bool:
        """Whether the lower-case ``word`` is, lower-cased, one of the article's tokens between
        spaces once the marks around it (:data:`WORD_EDGES`) are stripped: then it is in the
        vocabulary (a search of the text, sufficient but not necessary). Looked for as
        written first (lower case, capitalised, in capitals: the same token of the vocabulary),
        so that the article is lowered, about 300,000 instructions beyond ASCII, only when none
        is there."""
        text = self.text
        if any(_is_token_at(text, form) for form in (word, word.capitalize(), word.upper())):
            return True
        lower = self._lower
        if len(lower) != len(text):  # a letter whose lower case is longer: offsets differ
            return False
        return _is_token_at(lower, word)

    def _in_lower(self, part: str) -> bool:
        """``part in self._lower`` for a lower-case ``part``: found in the text as written, it
        is in the lower-cased text too (lowering leaves lower-case letters as they are), so
        the article is lowered only when it is not."""
        return (part.lower() == part and part in self.text) or part in self._lower

    def has_word(self, word: str) -> bool:
        """Whether the article has ``word``: as written (a search of the text, remembered), or
        lower-cased, without a plural or possessive ending, or as its place's other names."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = (
                self.has_number(word)
                or (word.islower() and self.has_number(word.capitalize()))  # at a sentence start
                or self._has_word(word)
            )
        return known

    @cached_property
    def _known(self) -> dict[str, bool]:
        return {}

    def _has_word(self, word: str) -> bool:
        key = _key(word)
        if not key or key == "unk":  # a sequence-to-sequence model's unknown-word token
            return True
        vocab = self.vocabulary
        candidates = {key, key.replace(".", ""), key.removesuffix("'s"), key.removesuffix("'")}
        for c in list(candidates):
            if c.endswith("s") and len(c) > 3:
                candidates.add(c[:-1])
            if c.endswith("es") and len(c) > 4:
                candidates.add(c[:-2])
        if candidates & vocab:
            return True
        if "-" in key and all(self.has_word(part) for part in key.split("-") if part):
            return True
        for c in candidates:
            group = _PLACE_GROUPS.get(c)
            if group and any(self._has_phrase(g) for g in group):
                return True
        return False

    def _has_phrase(self, phrase: str) -> bool:
        words = phrase.split()
        if len(words) == 1:
            return phrase in self.vocabulary or phrase.replace(".", "") in self.vocabulary
        return all(w in self.vocabulary for w in words)

    def check(self, text: str) -> list[Unsupported]:
        """The terms of ``text`` that the article does not support, in text order. (Answers
        are remembered: a text checked again, as an unchanged field of a re-asked answer is,
        costs a look-up.)"""
        return list(self.terms(text))

    def terms(self, text: str) -> tuple[Unsupported, ...]:
        """:meth:`check`'s answer as the tuple it remembers (not copied)."""
        done = self._checked.get(text)
        if done is None:
            if len(text) > 3 and self.has_number(text.strip()):
                done = ()  # word for word in the article: every term of it is the article's
            else:
                done = tuple(self._check(text))
            self._checked[text] = done
        return done

    @cached_property
    def _checked(self) -> dict[str, tuple[Unsupported, ...]]:
        return {}

    def _check(self, text: str) -> list[Unsupported]:
        lower = text.lower()
        words = _ascii_words(lower)  # for the word tests below
        cased = _capitals_inform_in(text)
        found: list[Unsupported] = []
        quoted: list[tuple[int, int]] = []
        if '"' in text or "“" in text or "‘" in text or ("'" in text and _QUOTE_MARK.search(text)):
            passages = list(_QUOTED.finditer(text))  # read once, for both uses
            found += self._check_quotes(text, passages)
            quoted = [(q.start(), q.end()) for q in passages]

        def inside_quote(s: int, e: int) -> bool:
            return any(qs <= s and e <= qe for qs, qe in quoted)

        for fig in _figures(text, words, lower):
            if quoted and inside_quote(fig.start, fig.end):
                continue
            term = text[fig.start : fig.end]
            if _COMPARED.match(lower, fig.end):
                continue  # "two different figures": counts the article's own statements
            if fig.is_year:
                if not self.has_number(fig.digits) and int(fig.values[0]) not in self.years:
                    reason = "is a year the article does not mention"
                    found.append(Unsupported("date", term, fig.start, fig.end, reason))
            elif not fig.digits and (rank := _ORDINALS.get(lower[fig.start : fig.end])):
                if not self.has_rank(rank):
                    reason = "is a rank the article does not give"
                    found.append(Unsupported("number", term, fig.start, fig.end, reason))
            elif not self.supports_value(fig, term):
                reason = "is a number the article does not give"
                found.append(Unsupported("number", term, fig.start, fig.end, reason))
            elif (count := _COUNTED.match(lower, fig.end)) and not self.counts(term, count):
                end = count.end()
                reason = "is a count the article does not give"
                found.append(Unsupported("number", text[fig.start : end], fig.start, end, reason))
        claims = words & _CLAIM_WORDS  # one look for the rules below (most texts have none)
        if claims & _FIRST_SECOND:
            for m in _FIRST_SECOND_RE.finditer(lower):
                if not inside_quote(m.start(), m.end()) and not self.has_rank(
                    1 if m.group(1) == "first" else 2
                ):
                    reason = "is a rank the article does not give"
                    found.append(
                        Unsupported(
                            "number", text[m.start() : m.end(1)], m.start(), m.end(1), reason
                        )
                    )
        if "-" in text or "–" in text:
            flagged = {(u.start, u.end) for u in found}
            for m in _SCORE.finditer(text):
                if not inside_quote(m.start(), m.end()) and not self.has_score(m):
                    if any(s < m.end() and m.start() < e for s, e in flagged):
                        continue  # one of its numbers is reported already
                    reason = "is a score the article does not give"
                    found.append(Unsupported("number", m.group(), m.start(), m.end(), reason))
        if words & _CALENDAR_WORDS:
            found += [
                u for u in self._check_calendar(text, lower) if not inside_quote(u.start, u.end)
            ]
        taken = [(u.start, u.end) for u in found]
        if cased:
            names = self._check_names(text)
        else:
            names = self._check_lowercase_names(text) if words & _LOWER_CASE_TRIGGERS else []
            if not _CAPITALISED_WORD.search(text) and len(words) >= _SENTENCE_WORDS:
                names += self._check_unknown_words(text)  # a sentence written in lower case
        if words & _PERSON_WORDS:
            names += self._check_people(text, words)
        if claims & _NAMED_ROLES:
            names += self._check_named_roles(text, lower)
        if (relations := claims & _SELF_RELATIONS) and _names_again(lower, relations):
            names += self._check_self_relations(text)
        if claims & _SUPERLATIVE_WORDS and ("'s " in lower or "’s " in lower or "one of" in lower):
            found += [
                u for u in self._check_rankings(text, lower) if not inside_quote(u.start, u.end)
            ]
        names.sort(key=lambda u: (u.start, -u.end))
        for u in names:
            if not inside_quote(u.start, u.end) and not any(
                s < u.end and u.start < e for s, e in taken
            ):
                found.append(u)
                taken.append((u.start, u.end))
        found.sort(key=lambda u: u.start)
        return found

    def _check_quotes(
        self, text: str, passages: list[re.Match[str]] | None = None
    ) -> list[Unsupported]:
        """The quoted passages of ``text`` (``passages``: its matches of ``_QUOTED``, when
        read already) that are not passages of the article."""
        out: list[Unsupported] = []
        for m in _QUOTED.finditer(text) if passages is None else passages:
            inner = strip_marks(m.group(1) or m.group(2) or "")
            if len(inner.split()) < 2:
                continue
            if (
                inner not in self.text  # word for word: no need to locate it
                and self.article.locate(inner) is None
                and not self._has_passage(inner)
            ):
                reason = "is not a passage of the article"
                out.append(Unsupported("quote", m.group(), m.start(), m.end(), reason))
        return out

    @cached_property
    def _folded(self) -> str:
        return _fold(self.text)

    def _has_passage(self, passage: str) -> bool:
        """Found ignoring case and punctuation (a summary written in lower case)."""
        folded = _fold(passage)
        return bool(folded) and folded in self._folded

    def _check_calendar(self, text: str, lower: str) -> list[Unsupported]:
        out: list[Unsupported] = []
        for m in _CALENDAR_RE.finditer(lower):
            key, start, end = m.group(), m.start(), m.end()
            word = text[start:end]
            if key in _WEEKDAYS:
                if not self.has_word(key.title()) and _WEEKDAYS[key] not in self.weekdays:
                    reason = "is a day the article does not name or date"
                    out.append(Unsupported("date", word, start, end, reason))
            else:
                if key in _AMBIGUOUS_MONTHS and not _is_calendar_use(text, start, end):
                    continue
                if key in _MONTH_WORDS and (
                    self.has_number(key.title())
                    if key in _AMBIGUOUS_MONTHS
                    else self.has_word(key.title())
                ):
                    continue  # named in the article (the quick answer)
                if _MONTHS[key] not in self.months:
                    reason = "is a month the article does not name"
                    out.append(Unsupported("date", word, start, end, reason))
        return out

    def _check_names(self, text: str) -> list[Unsupported]:
        out: list[Unsupported] = []
        for span in _name_spans(text, self.has_word):
            words = [(w, s, e) for w, s, e in span if _key(w) not in _TITLES]
            if not words:
                continue
            head = words[-1][0]
            s, e = words[0][1], words[-1][2]
            if head.endswith(("'s", "’s")):
                e -= 2  # the name, not its possessive
            supported = self._name_word_supported(head, span)
            other = None
            if supported and len(words) == 2:
                other = self.other_first_name(words[0][0], head)
            if (not supported or other) and (
                len(words) > 1 and "".join(w[0] for w, _, _ in words).lower() in self.vocabulary
            ):
                continue  # an acronym of the article's ("United Nations" for "UN")
            if not supported:
                out.append(Unsupported("name", text[s:e], s, e, "does not appear in the article"))
            elif other:
                out.append(
                    Unsupported(
                        "name", text[s:e], s, e, f"is not named so: the article has {other}"
                    )
                )
        return out

    @cached_property
    def _full_names(self) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
        """Adjacent (first, last) pairs of the article's capitalised spans, and for each last
        word the given names the article puts before it."""
        lower = self._index[2]
        pairs: set[tuple[str, str]] = set()
        given: dict[str, set[str]] = {}
        for m in re.finditer(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+", self.text):
            words = [_key(w) for w in m.group().split()]
            words = [w for w in words if w not in _TITLES and w not in _FUNCTION_WORDS]
            for first, last in pairwise(words):
                pairs.add((first, last))
                if first in _GIVEN_NAMES and first not in lower:
                    given.setdefault(last, set()).add(first)
        return pairs, given

    def other_first_name(self, first: str, last: str) -> str | None:
        """When the article gives ``last`` another given name and never ``first``: that name
        ("James Vaughan" where the article has only Michael Vaughan)."""
        if f"{first} {last}" in self.text:
            return None  # the article writes the pair as the text does
        first, last = _key(first), _key(last)
        if first not in _GIVEN_NAMES or self._in_lower(f"{first} {last}"):
            return None  # not a given name, or the article writes the pair
        pairs, given = self._full_names
        others = given.get(last)
        same = _NICKNAMES.get(first, frozenset({first}))
        if not others or any((f, last) in pairs for f in same) or same & others:
            return None
        return " or ".join(f"{o.title()} {last.title()}" for o in sorted(others))

    def _name_word_supported(self, head: str, span: list[tuple[str, int, int]]) -> bool:
        if head in {"UNK"} or not any(c.isalpha() for c in head):
            return True
        if _key(head) in _WEEKDAYS or _key(head) in _MONTHS:
            return True  # the calendar check answers for these
        if self.has_word(head):
            return True
        bare = head.replace(".", "")
        if bare.isupper() and len(bare) >= 2 and bare.lower() in self.acronyms:
            return True
        whole = " ".join(_key(w) for w, _, _ in span if _key(w) not in _TITLES)
        group = _PLACE_GROUPS.get(whole)
        return bool(group and any(self._has_phrase(g) for g in group))

    def _unknown(self, word: str) -> bool:
        """A word of a lower-case text that is neither the article's nor a common English word
        (nor a number, a date, a title or a place the other rules answer for)."""
        key = _key(word).removesuffix("'s")
        return not (
            len(key) < 2
            or key in _NOT_UNKNOWN
            or key in _PREFIXES
            or not key.replace("-", "").replace("'", "").isalpha()
            or is_common_word(key)  # a set look-up first, the article's text after
            or self.has_word(key)
        )

    def _check_people(self, text: str, words: set[str]) -> list[Unsupported]:
        """People the text introduces by role or kind ("a pensioner", "the striker", "a
        woman") whom the article never mentions so."""
        out: list[Unsupported] = []
        lower = text.lower()
        for word in words & _PERSON_WORDS:
            singular = _IRREGULAR_PLURALS.get(word, word)
            gendered = _GENDERED.get(singular) or _GENDERED.get(singular.removesuffix("s"))
            if gendered is not None:
                if gendered & self.vocabulary:
                    continue
            elif any(self.has_word(w) for w in _ROLE_ALSO.get(singular, ())) or any(
                self.has_word(form)
                for form in (
                    word,
                    singular,
                    singular + "s",
                    singular + "es",
                    *_PLURALS_OF.get(singular, ()),
                )
            ):
                continue  # in the singular or the plural
            for m in re.finditer(rf"\b{word}\b", lower):
                if word in _TITLES and text[m.start()].isupper():
                    continue  # a title: "President Mann" (titles are not checked)
                reason = "is a person the article does not mention"
                out.append(
                    Unsupported("name", text[m.start() : m.end()], m.start(), m.end(), reason)
                )
        return out

    def _check_rankings(self, text: str, lower: str) -> list[Unsupported]:
        """A ranking claimed of something ("one of the most ...", "the world's biggest ...")
        with a superlative the article never uses, nor one of like meaning."""
        out: list[Unsupported] = []
        for m in _RANKING.finditer(lower):
            word = m.group(1)
            if not any(w in self.vocabulary for w in _SUPERLATIVE_LIKE.get(word, (word,))):
                reason = "is a ranking the article does not make"
                out.append(
                    Unsupported("number", text[m.start() : m.end()], m.start(), m.end(), reason)
                )
        return out

    @cached_property
    def _sentences(self) -> list[str]:
        """The article's sentences, lower-cased."""
        return [s for s in _SENTENCE_SPLIT.split(self._lower) if s]

    def _check_named_roles(self, text: str, lower: str) -> list[Unsupported]:
        """A role put before a name of the article ("chairman gavin foxall") that the article
        never gives (nor in other words), or has, but never in or next to a sentence naming
        that person: it gives them another."""
        out: list[Unsupported] = []
        for m in _NAMED_ROLE.finditer(lower):
            role, first, second = m.group(1, 2, 3)
            if m.start() and lower[m.start() - 1].isalnum():
                continue  # inside a word
            if text[m.start()].isupper():
                continue  # a title ("President Mann"): titles are not checked
            if self._in_lower(m.group()):
                continue  # the article writes it so
            keys = [_key(w).removesuffix("'s").removesuffix("’s") for w in (first, second or "")]
            is_name = [k in self.capitalized and k not in _NOT_A_NAME for k in keys]
            if is_name[1] and (is_name[0] or keys[0] in _GIVEN_NAMES):
                surname, end = keys[1], m.end(3)  # "chairman (gavin) foxall"
            elif is_name[0]:
                surname, end = keys[0], m.end(2)
            else:
                continue  # not a name of the article: other rules answer for it
            if text[end - 2 : end] in ("'s", "’s"):
                end -= 2
            if self._in_lower(lower[m.start() : end]):
                continue  # the article writes it so
            if not self.has_word(role):
                if role not in _VAGUE_ROLES and not any(
                    self.has_word(w) for w in _ROLE_LIKE.get(role, ())
                ):
                    reason = "is a role the article never gives"
                    out.append(Unsupported("name", text[m.start() : end], m.start(), end, reason))
                continue
            naming = re.compile(rf"\b{re.escape(surname)}\b")
            has_role = re.compile(rf"\b{role}")
            sentences = self._sentences
            near = {
                j
                for i, sentence in enumerate(sentences)
                if naming.search(sentence)
                for j in (i - 1, i, i + 1)
                if 0 <= j < len(sentences)
            }
            if near and not any(has_role.search(sentences[j]) for j in near):
                reason = "is not what the article calls this person"
                out.append(Unsupported("name", text[m.start() : end], m.start(), end, reason))
        return out

    def _name_run(self, tokens: list[Token], i: int) -> tuple[str, ...]:
        """The article's name that starts at ``tokens[i]`` ("manchester city"), lower-cased."""
        run: list[str] = []
        while i < len(tokens):
            key = _key(tokens[i][0]).removesuffix("'s").removesuffix("’s")
            if key not in self.capitalized or key in _NOT_A_NAME or is_common_word(key):
                break
            run.append(key)
            i += 1
        return tuple(run)

    def _check_self_relations(self, text: str) -> list[Unsupported]:
        """A name set against itself in one sentence ("barcelona have rejected a bid from
        barcelona", "colchester beat colchester"): one side is not the article's."""
        out: list[Unsupported] = []
        for sentence in _TEXT_SENTENCE.finditer(text):
            tokens = [
                (w, s + sentence.start(), e + sentence.start())
                for w, s, e in _tokens(sentence.group())
            ]
            keys = [t[0].lower() for t in tokens]
            if not any(  # a word after a relation that the sentence has before it (cheap)
                key in _SELF_RELATIONS
                and j + 1 < len(keys)
                and keys[j + (2 if keys[j + 1] == "the" and j + 2 < len(keys) else 1)] in keys[:j]
                for j, key in enumerate(keys)
            ):
                continue
            for i in range(len(tokens)):
                if i and self._name_run(tokens, i - 1):
                    continue  # inside a name
                subject = self._name_run(tokens, i)
                if not subject or tokens[i + len(subject) - 1][0].lower().endswith(("'s", "’s")):
                    continue  # no name, or its owner: "barcelona's coach ... from barcelona"
                for j in range(i + len(subject), min(len(tokens) - 1, i + _SELF_RELATION_WORDS)):
                    if keys[j] not in _SELF_RELATIONS:
                        continue
                    k = j + 2 if keys[j + 1] == "the" else j + 1
                    if self._name_run(tokens, k) == subject:
                        start, end = tokens[j][1], tokens[k + len(subject) - 1][2]
                        reason = "sets a name against itself: one side is not the article's"
                        out.append(Unsupported("name", text[start:end], start, end, reason))
        return out

    def _check_unknown_words(self, text: str) -> list[Unsupported]:
        """In a text without informative capitals, a run of words that are neither the
        article's nor common English words is a name the article lacks ("montrose have
        appointed..."), unless it is a first name before a name of the article ("alex salmond"
        for Mr Salmond)."""
        out: list[Unsupported] = []
        tokens = _tokens(text)
        i = 0
        while i < len(tokens):
            word, start, end = tokens[i]
            if word[0].isdigit() or not self._unknown(word) or _in_compound(text, start, end):
                i += 1
                continue
            j = i
            while (
                j + 1 < len(tokens)
                and text[tokens[j][2] : tokens[j + 1][1]] == " "
                and (
                    self._unknown(tokens[j + 1][0])
                    or (tokens[j + 1][0][0].isupper() and not self.has_word(tokens[j + 1][0]))
                )
            ):  # the rest of the name: "Emmanuel Macron" (a macron is a common word too)
                j += 1
            end = tokens[j][2]
            after = tokens[j + 1] if j + 1 < len(tokens) else None
            if not (
                after is not None
                and text[end : after[1]] == " "
                and _key(after[0]).removesuffix("'s") in self.capitalized
            ):
                if text[end - 2 : end] in ("'s", "’s"):
                    end -= 2  # the name, not its possessive
                reason = "is neither a word of the article nor a common word"
                out.append(Unsupported("name", text[start:end], start, end, reason))
            i = j + 1
        return out

    def _check_lowercase_names(self, text: str) -> list[Unsupported]:
        """Without capitals, only names after a title, given names before a surname and
        well-known places are taken for names."""
        out: list[Unsupported] = []
        tokens = [_Tok(t) for t in _tokens(text) if not t[0][0].isdigit()]
        keys = [_key(t.group()) for t in tokens]
        for i in range(1, len(tokens)):
            if keys[i - 1] not in _NAMING_TITLES:
                continue
            prev, tok = tokens[i - 1], tokens[i]
            if text[prev.end() : tok.start()].strip():
                continue
            word = tok.group()
            key = _key(word)
            if key in _FUNCTION_WORDS or key in _TITLES or key in _STOP_AFTER_TITLE:
                continue
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                following is not None
                and not text[tok.end() : following.start()].strip()
                and _key(following.group()) not in _STOP_AFTER_TITLE
                and self.has_word(following.group())
            ):
                continue  # a first name before a surname the article has
            if key in _GIVEN_NAMES:
                continue  # a first name and its surname: checked below
            if not self.has_word(word):
                out.append(
                    Unsupported(
                        "name", word, tok.start(), tok.end(), "does not appear in the article"
                    )
                )
        for i, tok in enumerate(tokens):
            key = keys[i]
            if key not in _LOWER_CASE_TRIGGERS:
                continue
            if (key in _PLACE_GROUPS and key not in _AMBIGUOUS_PLACES) or key in _PLACES:
                if not self.has_word(tok.group()):
                    out.append(
                        Unsupported(
                            "name",
                            tok.group(),
                            tok.start(),
                            tok.end(),
                            "does not appear in the article",
                        )
                    )
            elif key in _PLACE_MARKERS_BEFORE and i + 1 < len(tokens):
                place = tokens[i + 1]
                pkey = _key(place.group())
                if (
                    not text[tok.end() : place.start()].strip()
                    and pkey not in _FUNCTION_WORDS
                    and pkey not in _COMMON_BEFORE_MARKERS
                    and (pkey in _MARKED_PLACES or not is_common_word(pkey))  # not "county won"
                    and not self.has_word(place.group())
                ):
                    out.append(
                        Unsupported(
                            "name",
                            text[tok.start() : place.end()],
                            tok.start(),
                            place.end(),
                            "does not appear in the article",
                        )
                    )
            elif key in _PLACE_MARKERS_AFTER and i > 0:
                place = tokens[i - 1]
                pkey = _key(place.group())
                if (
                    not text[place.end() : tok.start()].strip()
                    and pkey not in _FUNCTION_WORDS
                    and pkey not in _COMMON_BEFORE_MARKERS
                    and pkey not in _PLACE_MARKERS_AFTER
                    and not self.has_word(place.group())
                ):
                    out.append(
                        Unsupported(
                            "name",
                            text[place.start() : tok.end()],
                            place.start(),
                            tok.end(),
                            "does not appear in the article",
                        )
                    )
            elif key in _GIVEN_NAMES and i + 1 < len(tokens):
                surname = tokens[i + 1]
                skey = _key(surname.group())
                if (
                    not text[tok.end() : surname.start()].strip()
                    and skey not in _FUNCTION_WORDS
                    and skey not in _STOP_AFTER_TITLE
                    and skey not in _TITLES
                    and skey != "unk"
                ):
                    reason = None
                    if not self.has_word(surname.group()):
                        reason = "does not appear in the article"
                    elif other := self.other_first_name(key, skey):
                        reason = f"is not named so: the article has {other}"
                    if reason:
                        span = text[tok.start() : surname.end()]
                        out.append(Unsupported("name", span, tok.start(), surname.end(), reason))
        return out


_CALENDAR_WORDS = _WEEKDAYS.keys() | _MONTH_WORDS
# Words of four letters or more, as ``_capitals_inform`` counts them: capitalised (not UNK, not
# NATO: all capitals say nothing) and lower case.
_UPPER_WORD = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[a-z]{3,}(?![A-Za-z])")
_LOWER_WORD = re.compile(r"[a-z](?<![A-Za-z][a-z])[A-Za-z]{3,}")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")  # not UNK, not NATO
# a lower-case word of two letters or more, not inside a word ('met', 'called'; not 'cKey')
_ANY_LOWER_WORD = re.compile(r"(?<![A-Za-z’'-])[a-z]{2,}(?![A-Za-z])")
_TITLE_SMALL = lexicon.TITLE_SMALL_WORDS | frozenset(("vs", "via", "per", "as", "but", "nor", "so"))
# A text of fewer different words is a phrase (a stance's role or topic: "union spokesperson"),
# not a sentence whose writer left out its capitals.
_SENTENCE_WORDS = 6
# A score or a vote in a text: "won 2-1", "a 5–3 vote"; not a range with its unit ("10-12ft",
# "3-4 years"), a date (1-2 March) or part of a longer figure.
_SCORE = re.compile(
    r"(\d(?<![\w.,/–-]\d)\d?) ?[-–] ?(\d{1,2})(?![\w,/%–-]|\.\d| ?(?:"
    + "|".join(_MONTH_ALT.split("|"))
    + r"|per|years?|months?|weeks?|days?|hours?|minutes?|times|feet|ft|metres?|miles?|km|kg|"
    r"inches|yards?|pounds?|lbs?|points)\b)",
    re.IGNORECASE,
)
_SCORE_PAIR = re.compile(r"(?<![\w.,/])(\d{1,2}) ?[-–] ?(\d{1,2})(?![\w,/]|\.\d)")
_SCORE_LINE = re.compile(r"(?<=[A-Za-z] )(\d{1,2}), [A-Z][^\d\n,.;:]{0,40}? (\d{1,2})\b")  # Hull 1
# People a text may introduce by what they are: "a pensioner", "the striker". One the article
# never mentions (in any inflection) is an entity it does not support. Man, woman, boy, girl are
# supported by any word of their gender (the article's "he" is the summary's "a man").
_ROLE_NOUNS = _words(
    """
    child baby toddler teenager pensioner schoolboy schoolgirl actress actor singer rapper
    striker midfielder defender goalkeeper winger teacher doctor nurse surgeon
    soldier student pupil tourist mother father son daughter wife husband brother sister
    grandmother grandfather uncle aunt nephew niece widow widower girlfriend boyfriend priest
    bishop judge lawyer prosecutor detective policeman policewoman firefighter pilot jockey
    chef farmer businessman businesswoman artist author novelist journalist presenter comedian
    footballer cricketer golfer boxer cyclist swimmer athlete banker accountant solicitor
    barrister engineer scientist professor lecturer dentist optician optometrist paramedic
    pharmacist architect plumber electrician mechanic waiter waitress millionaire billionaire
    diplomat ambassador musician guitarist drummer dancer photographer president minister
    inspector campaigner activist protester landlord tenant trainer officer
    chancellor governor senator mayor councillor chairman chairwoman king queen prince princess
    duke duchess pope captain referee
    """
)
_IRREGULAR_PLURALS = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "wives": "wife",
    "policemen": "policeman",
    "policewomen": "policewoman",
    "businessmen": "businessman",
    "businesswomen": "businesswoman",
}
# Other words of the article that stand for a role: a police officer is any of the police.
_ROLE_ALSO = {
    "officer": _words("police policeman policewoman constable pc detective sergeant inspector"),
    # kin follow from each other: "his wife" makes him a husband
    "husband": _words("wife married marriage spouse widow"),
    "wife": _words("husband married marriage spouse widower"),
    "mother": _words("parent parents mum mom"),
    "father": _words("parent parents dad"),
    "son": _words("child children parent parents"),
    "daughter": _words("child children parent parents"),
    "brother": _words("sibling siblings"),
    "sister": _words("sibling siblings"),
    "grandmother": _words("grandparent grandparents grandchild grandchildren"),
    "grandfather": _words("grandparent grandparents grandchild grandchildren"),
    "girlfriend": _words("partner boyfriend"),
    "boyfriend": _words("partner girlfriend"),
    "widow": _words("husband died"),
    "widower": _words("wife died"),
}
# Roles a text may put before a person's name ("chairman gavin foxall", "Chelsea manager Jose
# Mourinho"); the article must give the person that role, in or next to a sentence naming them.
_NAMED_ROLES = _words(
    """
    manager boss chairman chairwoman captain skipper coach president director striker
    midfielder defender goalkeeper keeper winger forward minister secretary leader owner founder
    governor mayor senator spokesman spokeswoman actor actress singer chancellor trainer jockey
    champion executive star legend referee commissioner judge prosecutor lawyer footballer
    boxer
    """
)
# Words of the article that give a role in other words ("boss" for the manager); praise such
# as "star" is no role the article must give.
_ROLE_LIKE = {
    role: _words(like)
    for role, like in {
        "boss": "manager coach chief head owner chairman chairwoman director",
        "manager": "boss coach head",
        "coach": "manager boss trainer",
        "trainer": "coach",
        "captain": "skipper",
        "skipper": "captain",
        "keeper": "goalkeeper",
        "goalkeeper": "keeper",
        "striker": "forward",
        "forward": "striker",
        "chairman": "chair chairwoman",
        "chairwoman": "chair chairman",
        "leader": "head leads led chief",
        "champion": "title winner won",
        "executive": "chief ceo",
        "founder": "founded co-founder",
        "owner": "owns owned",
        "spokesman": "spokesperson spokeswoman",
        "spokeswoman": "spokesperson spokesman",
        "lawyer": "solicitor barrister attorney",
        "footballer": "player",
    }.items()
}
_VAGUE_ROLES = _words("star legend")
_NAMED_ROLE = re.compile(  # no leading \b: searched by its first letters (the caller checks)
    r"(" + "|".join(sorted(_NAMED_ROLES)) + r")\s+([a-z][\w'’-]*)(?:\s+([a-z][\w'’-]*))?"
)
# Superlatives a text may claim; each is supported by itself or a word of like meaning.
_SUPERLATIVE_LIKE = {
    word: _words(f"{word} {like}")
    for word, like in {
        "most": "",
        "least": "fewest",
        "biggest": "largest greatest most",
        "largest": "biggest greatest most",
        "greatest": "biggest largest best most",
        "best": "finest greatest top",
        "finest": "best greatest",
        "worst": "deadliest",
        "highest": "most top tallest",
        "lowest": "least fewest",
        "oldest": "longest",
        "youngest": "",
        "richest": "wealthiest",
        "wealthiest": "richest",
        "fastest": "quickest",
        "longest": "oldest",
        "deadliest": "worst",
        "busiest": "",
        "strongest": "",
        "smallest": "least",
        "tallest": "highest",
    }.items()
}
_SUPERLATIVE_WORDS = frozenset(_SUPERLATIVE_LIKE)
# "one of the most ...", "the world's biggest ...", "britain's oldest ..." ("its" is no owner)
_RANKING = re.compile(
    r"(?:\bone of the |\b(?!it['’]s)[a-z]+['’]s )(" + "|".join(sorted(_SUPERLATIVE_WORDS)) + r")\b"
)
_NOT_A_NAME = _FUNCTION_WORDS | _TITLES | _NAMED_ROLES | _WEEKDAYS.keys() | _MONTHS.keys() | {"unk"}
_CLAIM_WORDS = _FIRST_SECOND | _NAMED_ROLES | _SELF_RELATIONS | _SUPERLATIVE_WORDS
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_PLURALS_OF = {singular: (plural,) for plural, singular in _IRREGULAR_PLURALS.items()}
_MASCULINE = _words(
    """
    he him his himself man men boy boys mr father son husband brother king prince duke sir
    lord uncle nephew grandfather boyfriend businessman chairman spokesman gentleman widower
    """
)
_FEMININE = _words(
    """
    she her hers herself woman women girl girls mrs ms miss mother daughter wife sister queen
    princess duchess dame lady aunt niece grandmother girlfriend actress businesswoman
    chairwoman spokeswoman widow
    """
)
_GENDERED = {"man": _MASCULINE, "boy": _MASCULINE, "woman": _FEMININE, "girl": _FEMININE}
_PERSON_WORDS = (
    _ROLE_NOUNS
    | _GENDERED.keys()
    | _IRREGULAR_PLURALS.keys()
    | {w + "s" for w in _ROLE_NOUNS | _GENDERED.keys()}
    | {w + "es" for w in _ROLE_NOUNS}
)
# Words a lower-case text may hold that other rules answer for, or that say nothing.
_NOT_UNKNOWN = (
    _FUNCTION_WORDS
    | _TITLES
    | _NUMBER_WORDS
    | _ORDINALS.keys()
    | _WEEKDAYS.keys()
    | _MONTHS.keys()
    | _PLACE_GROUPS.keys()
    | _PLACES
    | {"unk"}
)
_LOWER_CASE_TRIGGERS = (
    _NAMING_TITLES
    | _PLACE_GROUPS.keys()
    | _PLACES
    | _GIVEN_NAMES
    | _PLACE_MARKERS_BEFORE
    | _PLACE_MARKERS_AFTER
)


class _Tok:
    """A token with the accessors of a regex match."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, token: Token) -> None:
        self._word, self._start, self._end = token

    def group(self) -> str:
        return self._word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_STOP_AFTER_TITLE = _words(
    """
    says believes thinks told added admits admitted insists insisted claims claimed warned
    wants wanted hopes hoped plans planned urged called denied revealed announced agreed
    accused appears appeared scored won lost beat joined left signed died became made took
    gave got went came faces faced can could should may might must did does do are were
    been being be also not now then just still
    said says is was has had will would and who of for in at on
    """
)


def _names_again(lower: str, relations: set[str]) -> bool:
    """Whether a word after one of ``relations`` ("from", "beat") is one that ``lower`` has
    before it: rarely so, and only then are the text's names read."""
    for relation in relations:
        at = lower.find(relation + " ")
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                after = lower[at + len(relation) + 1 :].split(" ", 2)
                word = after[1] if after[0] == "the" and len(after) > 1 else after[0]
                word = word.strip(_EDGE_MARKS)
                if len(word) > 2 and word not in _FUNCTION_WORDS and word in lower[:at]:
                    return True
            at = lower.find(relation + " ", at + 1)
    return False


def _in_compound(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a hyphenated compound that is a common word
    written with or without its hyphen (post-mortem / postmortem, festival-goers)."""
    if text[end : end + 1] != "-" and text[start - 1 : start] != "-":
        return False
    left = start
    while left > 0 and (text[left - 1] == "-" or text[left - 1].isalpha()):
        left -= 1
    right = end
    while right < len(text) and (text[right] == "-" or text[right].isalpha()):
        right += 1
    return is_common_word(text[left:right].strip("-").lower())


def _known_place(word: str) -> bool:
    key = _key(word).removesuffix("'s")
    return key in _PLACES or (key in _PLACE_GROUPS and key not in _AMBIGUOUS_PLACES)


def _fold(text: str) -> str:
    """Lower case, no punctuation, single spaces."""
    return " ".join(_NOT_WORD.sub("", normalize(text).lower()).split())


# a day before a month's name ('12 May', 'the 3rd of May'), a day or a year after it: not an
# amount ('£85 may', '40% may', '3.5 may')
_DAY_BEFORE = re.compile(r"(?<![\d£$€.,%])\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+$")
_DAY_OR_YEAR_AFTER = re.compile(r"\s+\d{1,4}(?![\d%.,]\d)(?:st|nd|rd|th)?\b(?!\s*%)")


def _is_calendar_use(text: str, start: int, end: int) -> bool:
    """'May' / 'March' as a month: capitalised mid-sentence, or next to a day or year."""
    word = text[start:end]
    if _DAY_BEFORE.search(text, max(0, start - 8), start) or _DAY_OR_YEAR_AFTER.match(
        text, end, end + 8
    ):
        return True  # '12 May', 'May 12', 'May 2025' (not '£85 may not …')
    if not word[0].isupper():
        return False
    return not _sentence_start(text, start) and _is_cased(text)


def _sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence (or the text, or a line)."""
    before = text[max(0, start - 12) : start].rstrip(" \t\"'“‘(")
    if not before and start > 12:  # a long run of spaces or marks: look further back
        before = text[:start].rstrip(" \t\"'“‘(")[-12:]
    if not before or before.endswith((":", "\n")):
        return True
    if not _SENTENCE_END.search(before):
        return False
    last = before.rstrip(".!?\"'”’)").rsplit(None, 1)[-1:] or [""]
    return _key(last[0]) not in _TITLES  # "Mr. Smith" does not start a sentence


def _is_cased(text: str) -> bool:
    """Whether capitals carry information: some words lower case, not Title Case throughout."""
    return _capitals_inform(_ALPHA.findall(text))


def _capitals_inform_in(text: str) -> bool:
    """``_capitals_inform`` of the words of ``text``, counting lower-case words only as far as
    the answer needs (at least 2 for every 3 capitalised ones); and (rules-15) whenever a word
    other than a title's small ones is in lower case: Title Case capitalises every content word,
    so a short sentence of names and a lower-case verb ('Putin met Macron.', 'Trump called
    Smithers on Friday.') is in sentence case, its capitals names."""
    upper = len(_UPPER_WORD.findall(text))
    if not upper:
        return False
    if any(
        w.group().lower() not in _TITLE_SMALL for w in _ANY_LOWER_WORD.finditer(text)
    ) and _CAPITALISED_WORD.search(text):
        return True
    needed = upper * 2 / 3
    return any(lower >= needed for lower, _ in enumerate(_LOWER_WORD.finditer(text), 1))


def _capitals_inform(words: list[str]) -> bool:
    lower = upper = 0
    for w in words:
        if len(w) < 4:
            continue
        if w[0].islower():
            lower += 1
        elif w[1:].islower():  # not UNK, NATO: all capitals say nothing
            upper += 1
    return upper > 0 and lower > 0 and upper <= 0.6 * (upper + lower)


def _name_spans(text: str, known: Callable[[str], bool] = lambda word: False) -> list[list[Token]]:
    """Runs of capitalised words; a sentence's first word only when a name follows it or it
    is neither a common word nor the article's (a name the article lacks). A
    lone word that is ``known`` (and no title) is left out: nothing to check."""
    spans: list[list[Token]] = []
    for run in _CAP_RUN.finditer(text):
        if run.start() and (text[run.start() - 1].isalnum() or text[run.start() - 1] in "'’"):
            continue  # inside a word (iPhone)
        word = run.group()
        if word in _KNOWN_LONE:
            continue
        if " " not in word and "-" not in word and _key(word) not in _TITLES:
            if (
                _sentence_start(text, run.start())
                and not _known_place(word)
                and (is_common_word(_key(word)) or known(word))
            ):
                continue  # a lone sentence-initial word says nothing, unless a name
            if known(word):
                continue  # the usual case: one capitalised word the article has
        span = [
            (m.group(), run.start() + m.start(), run.start() + m.end())
            for m in _CAP_WORD_RE.finditer(run.group())
        ]
        courtesy = next((i for i, t in enumerate(span) if i and _key(t[0]) in _COURTESY), 0)
        if courtesy:  # 'Will Mrs. Clinton …?': a courtesy title opens the name
            spans.append(span[:courtesy])
            span = span[courtesy:]
        if (
            spans
            and text[spans[-1][-1][2] : run.start()] == ". "
            and _key(spans[-1][-1][0]) in _TITLES
        ):
            spans[-1] += span  # "Mr. Smith"
        else:
            spans.append(span)
    out: list[list[Token]] = []
    for span in spans:
        first_start = span[0][1]
        if _sentence_start(text, first_start):
            while span and _key(span[0][0]) in _FUNCTION_WORDS:
                span = span[1:]
            if (
                len(span) == 1
                and span[0][1] == first_start
                and not _known_place(span[0][0])
                and (is_common_word(_key(span[0][0])) or known(span[0][0]))
            ):
                continue  # a lone sentence-initial word says nothing, unless a name
        if span:
            out.append(span)
    return out


_COURTESY = frozenset(t.rstrip(".") for t in lexicon.COURTESY_TITLES)
_KNOWN_LONE = frozenset(w.title() for w in _FUNCTION_WORDS - _TITLES)  # The, But, He...


def support_for(article: Article) -> ArticleSupport:
    """The support index of ``article``: keep it while checking many texts against it. (Not
    cached here: a global map from articles to indexes that refer back to their article kept
    every article of a batch alive, about 50 KB each.)"""
    return ArticleSupport(article)


def check_support(
    text: str, article: str | Article | ArticleSupport, published: date | None = None
) -> list[Unsupported]:
    """The terms of ``text`` (names, numbers, dates, quotes) that ``article`` does not support.

    ``published``, the article's publication date when known, supports relative dates (the
    weekday of "yesterday", this year). Pass an ``ArticleSupport`` to check many texts
    against one article without indexing it again.
    """
    support = article if isinstance(article, ArticleSupport) else ArticleSupport(article, published)
    return support.check(text)

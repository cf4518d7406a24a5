"""Rule-based quote attribution: who said each quoted passage of a news article.

Pure Python, deterministic, no model. It runs in passes:

1. **context** (:class:`Context`): paragraphs, sentences, quoted passages, the people named;
2. **rules** (:data:`RULES`): for each quoted passage, the named rules are tried in order and the
   first that finds a speech cue and its subject wins, in the usual orders of news prose::

       “…,” Trump said.   /   “…,” said Trump.   /   Trump said: “…”   /   according to X, “…”
       She said the plan was “dead on arrival”.   (a partial quote inside reported speech)

3. **continuation**: a passage with no cue continues the previous speaker's quote (the quote
   paragraphs of a long statement) or resumes after a cue clause;
4. **speaker resolution**: a surname to the full name used earlier (a courtesy title only to a
   name of the same gender), a pronoun or a role noun ("the senator") to the most recent
   compatible person, an unnamed source kept as the article describes it (anonymous), a body
   as an organization; mentions that name nobody (adverbs, phrases, fragments) are dropped.

Every quote records the rule that attributed it (``RuleQuote.rule``), so that the evaluation can
score the rules one by one. The word lists live in :mod:`summarizer.text.lexicon`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, islice, pairwise
from operator import itemgetter

from summarizer.engines.offline.agents import plural
from summarizer.schema import SpeakerKind
from summarizer.text import lexicon as lex
from summarizer.text.quotemarks import QuotedSpan, find_quoted_spans
from summarizer.text.sentences import paragraphs, sentences
from summarizer.text.support import is_common_word
from summarizer.text.words import Words, vocabulary

_CUES = lex.trie_pattern(sorted(lex.SPEECH_CUES))
_CUE_FIRST = "[" + "".join(sorted({re.escape(w[0]) for w in lex.SPEECH_CUES})) + "]"
# the lookahead for a cue's first letter comes before the lookbehinds: the engine then tests
# them only where a cue can start (three times faster over an article; the same matches)
_CUE_RE = re.compile(
    rf"\b(?={_CUE_FIRST})(?<!-)(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?:{_CUES})\b"
)
_CUE_AT_START = re.compile(rf"^(?:(?:has|had|have|would|will|later|also|then|once)\s+)*({_CUES})\b")
_ACCORDING_TO = re.compile(
    r"\b(?P<cue>according to|in the words of)\s+(?P<np>[^,;:“”\"]{2,80}?)\s*[,:]?\s*$", re.I
)
_ACCORDING_TO_NAMED = re.compile(  # 'In the words of its lawyer, Mark Hale, QC, “…”'
    r"\b(?P<cue>[Aa]ccording to|[Ii]n the words of)\s+(?:[^,;:“”\"]{2,60}?),\s+"
    r"(?P<np>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?:,\s+[A-Z][\w.]{1,4})?\s*[,:]\s*$"
)
# the clause of a source that asks not to be named, between its subject and its verb: 'An
# official who asked not to be named because the talks were private [said]', 'A senior aide,
# who spoke on condition of anonymity, [said]'
ANONYMITY_CLAUSE = re.compile(
    r"(?P<lead>.*?[^\s,])\s*,?\s+who\s+(?:had\s+|was\s+|were\s+)?(?:asked|requested|declined|"
    r"refused|spoke|speaks|talked|demanded|insisted|granted|agreed\s+to\s+(?:speak|talk))\b"
    r"[^“”\"]{0,40}?\b(?:named|identified|quoted|anonymity|anonymously)\b"
    r"(?:\s+(?:because|as|since|so|to|in\s+order\s+to)\b[^“”\"]*)?\s*,?\s*"
)
# what a source asks when it asks not to be named ('[asked] not to be named', '[requested]
# anonymity', '[declined] to be identified'): no statement of theirs
ANONYMITY_REQUEST = re.compile(
    r"(?:not\s+to\s+be\s+|to\s+be\s+)(?:named|identified|quoted)\b|anonymity\b|"
    r"for\s+anonymity\b|to\s+remain\s+anonymous\b"
)


def without_anonymity_clause(head: str) -> str:
    """A subject without the clause of a source that asks not to be named ('An official who
    asked not to be named because …' -> 'An official'); ``head`` as it is otherwise."""
    if "who " in head and (anonymous := ANONYMITY_CLAUSE.fullmatch(head)) is not None:
        return anonymous["lead"]
    return head


_ACCORDING_TO_LEAD = re.compile(
    r"^(?:[^,“”\"]{0,40}\s)?(?P<cue>[Aa]ccording to)\s+(?P<np>[^,;:“”\"]{2,80}?),"
)
_ACCORDING_TO_TAIL = re.compile(
    r"^(?:[^“”\"]{0,80}?,)?\s*(?P<cue>according to)\s+(?P<np>[^,;:“”\"]{2,80}?)"
    r"(?:,\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?=[.,;]))?[.,;]"
)  # (rules-15: '…, according to the head of the port authority, Ilse Okafor.': the name)
_WHAT_X_CALLED = re.compile(
    r"\b(?:what|that|which)\s+(?P<np>he|she|they|it|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
    r"|(?:[\w’'.-]+\s+){0,5}[A-Z][\w’'.-]*|(?:(?:the|some|several|many|multiple|other)\s+)?"
    r"(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*s)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?P<cue>called|calls|call|described as|describes as|termed|terms)"
    r"\s+(?:[^\s“”\"]+\s+){0,3}$"
)
_TRAILING_CUE = re.compile(
    r",\s+(?P<np>[^,;:“”\"]{1,60}?)\s+(?P<cue>said|says|added|adds|told reporters|wrote|writes)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today"
    r"|yesterday|later|afterward|then))?\.$"
)
_TRAILING_PARENS = re.compile(r"\s*\((?:[^)]*)\)\s*$")
_TOKENS = re.compile(r"\([^)]*\)|[^\s]+")
_TITLE_LEAD = re.compile(
    r"(?:[’']s|\bon|\bof|\bin|\bto|\btitled|\bcalled|\bshow|\bbook"
    # a name given: 'the bill, known as the “Justice for Families Act”', 'nicknamed “The Wall”'
    r"|\bknown as(?: the)?|\bdubbed(?: the)?|\bnicknamed|\bnamed|\bso-called)$"
)
_DASH_SPEAKER = re.compile(
    r"\s*(?P<dash>[—–―]+)\s*(?P<np>[A-Z](?:[^,.;:!?\n]|(?<=\b[A-Z])\.){1,60})"  # 'Edwin G. Monroy'
)
_AFTER_PUNCTUATION = re.compile(r"\s*[,.!?…]?\s*(?:[—–-]\s*)?(?P<rest>.*)", re.S)
_ANONYMOUS_HEADS = re.compile(rf"\b(?:{lex.trie_pattern(lex.ANONYMOUS_HEADS, any_dot=True)})\b")
_ABBREV = re.compile(
    r"^(?:[A-Z]\.)+[A-Z]?\.?$|^(?:"
    + "|".join(sorted(w.capitalize() for w in lex.TITLE_ABBREVIATIONS))
    + r")\.$"
)
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*+|de|del|van|von|bin|al|la|le)"
# (one look-behind for the particles of each length rather than one a particle: the same test,
# tried at the end of every run)
_NO_TRAILING_PARTICLE = "(?<! de| al| la| le)(?<! del| van| von| bin)"
# '[A-Z](?<!\w[A-Z])' is '\b[A-Z]' written so that the engine can skip to a capital letter
# ('*+', '++': possessive, the same matches, since a run only ever gives back a whole particle)
_NAME_RUN = re.compile(
    rf"[A-Z](?<!\w[A-Z])[\w’'.-]*+(?:[ \u00a0]++{_NAME_TOKEN})*{_NO_TRAILING_PARTICLE}"
)
_SUBJECT = re.compile(
    r"^(?:[^,“”\"]{0,120},\s+)?(?!(?:With|In|For|After|Before|As|At|On|By|From|Despite|Amid|"
    r"During|Under|Since|While|When|If|Although|Though|Unlike|Like)\s)"
    r"(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*|He|She|They)"
    # an appositive: 'Dean, a medical doctor, then …'
    r"(?:,\s+(?:a|an|the|who|whose|his|her|their|its)\s[^,“”\"]{1,60},)?"
    r"\s+(?:(?:has|had|have|also|later|then|once|repeatedly|often)\s+)*(?P<verb>[a-z]+(?:ed|s))\b"
)
_PEOPLE_PLURALS = ("ers", "ors", "ists", "ants", "ents")
_PLURAL_ENDINGS = ("ies", "ers", "ors", "ists", "ants", "ents", "ans", "ean", "ian", "ing")
_TRAILING_NAME = re.compile(
    r"(?<=\s)[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}$|(?<=\bof\s)[A-Z][\w’'.-]+$"
)  # 'footage of Clinton asking': a name, or one word after 'of'

_DESCRIPTORS = (
    lex.ROLE_WORDS
    | lex.TITLES
    | lex.PERSON_DESCRIPTORS
    | {"campaign", "press", "party", "team", "news"}
)
_ROLE_BEFORE_SURNAME = _DESCRIPTORS | {"member"}
_NOT_ALONE = lex.DETERMINERS | lex.QUANTIFIERS | lex.PRONOUNS  # 'Many', 'Most' open sentences
_NAME_AHEAD = re.compile(r"\s+(?:[a-z]+\s+){0,2}[A-Z][\w’'.-]*\s+[A-Z]")
_INDEFINITE = {"a", "an", "one", "another", "two", "three", "several", "some", "many", "other"}
# groups named by their kind: 'human rights groups', 'both candidates', 'the unions'
_GROUPS = frozenset(
    plural(w) for w in lex.ORG_WORDS | lex.ROLE_WORDS | lex.PEOPLE_NOUNS if w.isalpha()
)

PRONOUN_SPEAKERS = lex.SPEAKER_PRONOUNS
_SKIP_FIRST = PRONOUN_SPEAKERS | lex.CONNECTORS | lex.NOT_NAME_STARTS
_LEADING_DROPS = lex.CONNECTORS | lex.SUBORDINATORS | (lex.NOT_SPEAKERS - lex.DETERMINERS)
# capitalized words opening a sentence before a name, never part of it (not 'In', 'From': a
# place may follow those)
_BEFORE_A_NAME = frozenset(["for", "with", "but", "and", "like", "as", "unlike"])
_PLACE_PREPOSITIONS = (" in ", " from ", " across ", " near ", "\nin ", " In ")
# a name followed by a kind of work is that work's title: 'Good Morning Ulster programme'
_WORK_AFTER = re.compile(
    r"\s(?:programme|program|show|podcast|series|documentary|film|album|newspaper|magazine)\b"
)
_OFFICE_TITLES = lex.TITLES | lex.ROLE_WORDS
_NON_SPACE = re.compile(r"\S+")
_PERSON_TITLES = (
    lex.ROLE_WORDS
    | lex.COURTESY_FEMININE
    | lex.COURTESY_MASCULINE
    | {f"{w}." for w in lex.TITLE_ABBREVIATIONS}
    | {"dr", "prof"}  # written without the period too ('Dr Venter', 'Prof Ruiz')
    | {"king", "queen", "prince", "pope", "lady", "rev", "rev."}
)
_INNER_PRONOUNS = lex.PRONOUNS - {"her", "his", "their", "its", "one", "us"}


@dataclass(frozen=True)
class RuleQuote:
    """A quoted passage, its speaker, the cue that attributes it and the rule that found it."""

    start: int
    end: int
    speaker: str
    speaker_kind: SpeakerKind
    cue: str
    mention: str  # the speaker as written at the cue (a pronoun, a role noun, a surname...)
    rule: str = ""


@dataclass
class Candidate:
    """What a rule found for one passage, before the speaker is resolved."""

    mention: str
    cue: str
    rule: str = ""
    inherit: int | None = None  # index of the passage whose speaker this one shares


# ---------------------------------------------------------------------------------------------
# Pass 1: context
# ---------------------------------------------------------------------------------------------


def first_name_gender(name: str) -> str | None:
    """'f' or 'm' from a full name's first name ('Melania Trump' -> 'f'), else None."""
    parts = name.split(maxsplit=1)
    first = parts[0].lower() if parts else ""
    if first in lex.FEMININE_FIRST_NAMES:
        return "f"
    if first in lex.MASCULINE_FIRST_NAMES:
        return "m"
    return None


def name_after_description(words: list[str]) -> list[str]:
    """A person's name without the description in capitals before it, one that ends in
    initials or a role word: 'Browns DL Sheldon Richardson', 'Labour MSP Duncan McNeil' -> the
    name of two words or more after it. Other runs are one name ('Cornell William Brooks')."""
    if len(words) < 3:
        return words
    for j in range(len(words) - 3, -1, -1):
        w = words[j]
        if (len(w) >= 2 and w.isalpha() and w.isupper()) or w.lower() in _ROLES_BEFORE_NAME:
            name = words[j + 1 :]
            if all(x[:1].isupper() and x.isalpha() for x in name):
                return name
            break
    return words


_AND_OTHERS = re.compile(r"\band (?:his|her|its|their|other)\b")
_ANONYMOUS_PLURALS = frozenset(w for w in lex.ANONYMOUS_HEADS if w.endswith("s")) | {"people"}
_COURTESY = lex.COURTESY_TITLES | {"dr", "dr."}
_PersonRun = tuple[str, tuple[str, tuple[str, ...], bool] | None]


@lru_cache(maxsize=8192)
def _person_run(run: str) -> _PersonRun | None:
    """What :attr:`Context.people` makes of a name run, whatever its place: None when it
    cannot open a name ('He', 'But', 'On Monday'); else the name as a place (after 'in') and
    the person, None when it names none, or (name, title words, whether it is one word)."""
    words = run.split()
    # a run ends at a sentence end ('Monday. She'), not at 'Sen.' or 'G.K.'
    if "." in run:
        for k, w in enumerate(words[:-1]):
            if w.endswith(".") and not _ABBREV.match(w):
                words = words[: k + 1]
                break
    first = words[0].lower() if words else ""
    if len(words) > 2 and first in _BEFORE_A_NAME:
        words = words[1:]  # 'For Kevin Allton, …', 'As President Obama said': the name after
        first = words[0].lower()
    if words and first in _SKIP_FIRST:
        return None  # 'He', 'But', 'On Monday', 'The Republican'
    while len(words) > 1 and first in _LEADING_DROPS:
        words = words[1:]  # 'Even China'
        first = words[0].lower()
    # (each word is a piece of the run: a mark or an ending is in a word only if in the run)
    marked = "." in run or "," in run
    place = " ".join([w.rstrip(".,") for w in words] if marked else words)
    if len(words) > 2:  # (else no word is between the first and the last)
        courtesy = [k for k, w in enumerate(words[1:-1], 1) if w.lower() in _COURTESY]
        if courtesy:  # 'Undersecretary for Education Mr. Toccafondi': the name opens at 'Mr.'
            words = words[courtesy[-1] :]
    titles: list[str] = []
    while words and words[0].lower().strip(",") in lex.TITLES:
        titles.append(words.pop(0).lower())
    # drop a trailing possessive and punctuation (not an initial's period: 'Leonard E. Burman')
    # (an initial holds a period: only then is the test worth a call)
    if marked:
        words = [
            w.rstrip(",") if "." in w and _is_initial(w.rstrip(",")) else w.rstrip(".,")
            for w in words
        ]
    owned = "’s" in run or "'s" in run
    if owned and words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    if not words or not lex.ORG_WORDS.isdisjoint(map(str.lower, words)):
        return place, None
    if not _TITLE_PRONOUNS.isdisjoint(words):
        return place, None  # a title in title case: 'Promise Me You Will Shoot Yourself'
    if owned:
        owner = max((k for k, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), default=-1)
        if owner >= 0:  # 'NBC's Lester Holt': the person after the possessive
            words = words[owner + 1 :]
    last = words[-1]
    if last.lower() in lex.EVENT_HEADS and len(words) + len(titles) > 1:
        # a holiday or an event: 'Labor Day', 'Christmas Eve', 'World Cup', 'General Election'
        return place, None
    if len(last) == 2 and _is_initial(last):
        return place, None  # cut short: 'Rep. Robert C. “Bobby” Scott' is no 'Robert C.'
    if len(words) > 1:
        words = name_after_description(tidy_name(" ".join(words)).split())
    if len(words) == 1 and (not titles or _PERSON_TITLES.isdisjoint(titles)):
        return place, None  # a lone capitalized word: a surname seen later, or a sentence start
    return place, (" ".join(words), tuple(titles), len(words) == 1)


_INITIAL = re.compile(r"[A-Z]\.")


# a name of two words or more after a lowercase role word at the end of a description:
# "the party's nominee Donald Trump", "The AAM's music director Richard Egarr"
_NAME_AFTER_ROLE = re.compile(
    r"\s(?P<role>[a-z][a-z-]+)\s(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|al|bin)){1,3})$"
)
_ROLES_BEFORE_NAME = lex.ROLE_WORDS | lex.TITLES | lex.PEOPLE_NOUNS | lex.FAMILY_WORDS
# a capitalized word alone opening a sentence (after 'But', 'However,') with its verb: 'But
# Evans is desperate …', 'Evans noted'
# (tried at each sentence's start: matched there, not searched for)
_SURNAME_SUBJECT = re.compile(
    r"[\"“]?(?:(?:But|And|Yet|So)\s+|[A-Z][a-z]++(?:\s[a-z]++){0,3}+,\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?:\s+(?:is|was|has|had|said|told|wrote|thought|felt|knew|saw|[a-z]+(?:ed|s))\b"
    r"|,\s+(?:who|the|a|an)\s)"  # 'Berg, who played for …, has', 'Berg, the captain, said'
)
# a sentence opening with an unnamed person of a known sex, then a verb of speech: 'The boy's
# mother told …', 'A spokeswoman for the council said …' (the head noun gives the sex)
_DESCRIBED_SUBJECT = re.compile(
    r"(?:(?:But|And)\s+)?(?P<np>(?:The|A|An|His|Her|Their)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?P<head>[a-z]+)(?:\s+(?:for|of|at|in|from|with|on)\s+[^,.;:“”\"]{1,60}?)?"
    r"(?:\s+who\s+[^.,;“”\"]{1,60}?)?)"  # 'A man who works at the mill, who …, said'
    r"(?:,\s+who\s+[^.,;“”\"]{1,60},)?"
    r",?\s+(?:also\s+)?(?:said|says|told|tells|added|wrote|explained|insisted|warned)\b"
)


# the cues of a lead-in that introduces an excerpt of writing rather than speech
_WRITING_CUES = frozenset(("reports", "reported", "writes", "wrote", "reads"))


_ROLE_HEADS = lex.ROLE_WORDS | lex.ANONYMOUS_HEADS  # 'a head teacher', 'an official'
# the nouns of a person in a role of either sex, as a trie (``\b`` first, so that only a
# word's start enters it): a tenth of the cost of their alternation. (The nouns of a sex are
# few: :data:`_SEX_NOUNS`, looked for by ``str.find``.)
_EITHER_SEX = _ROLE_HEADS - lex.FEMININE_NOUNS - lex.MASCULINE_NOUNS
_ROLE_NOUN = re.compile(rf"\b(?:{lex.trie_pattern(_EITHER_SEX, any_dot=True)})\b")


# the nouns of each sex, as words of lowercase letters, looked for by ``str.find``
_SEX_NOUNS = {"f": tuple(sorted(lex.FEMININE_NOUNS)), "m": tuple(sorted(lex.MASCULINE_NOUNS))}


def _has_sexed_noun(text: str, lo: int, hi: int, want: str) -> bool:
    """Whether ``text[lo:hi]`` holds a noun of a person in a role of sex ``want`` ('f', 'm'; '':
    of either sex) as a whole word: for a sex, by ``str.find`` of each of its few nouns (no
    letter, digit or '_' beside it, or ``hi`` after it), rather than an expression tried at each
    word of the span."""
    nouns = _SEX_NOUNS.get(want)
    if nouns is None:
        return _ROLE_NOUN.search(text, lo, hi) is not None
    for noun in nouns:
        at = text.find(noun, lo, hi)
        while at >= 0:
            end = at + len(noun)
            if (at == 0 or not _is_word(text[at - 1])) and (end == hi or not _is_word(text[end])):
                return True
            at = text.find(noun, at + 1, hi)
    return False


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches."""
    return ch.isalnum() or ch == "_"


#: the nouns of each sex as :class:`Words` looks them up (a word index holding them serves
#: :class:`SexedNouns`)
SEX_VOCABULARY = vocabulary(lex.FEMININE_NOUNS | lex.MASCULINE_NOUNS)
_SEX_OF_RUN = {noun.encode(): sex for sex, nouns in _SEX_NOUNS.items() for noun in nouns}


class SexedNouns:
    """Where the nouns of each sex are, from an article's word index (:class:`Words`, read once
    for every pass): :meth:`between` answers what :func:`_has_sexed_noun` does without a
    search of the text a noun."""

    def __init__(self, words: Words) -> None:
        if not words.vocabulary >= SEX_VOCABULARY:
            raise ValueError("the words were not looked up for the sexed nouns")
        self._words = words
        self._starts: dict[str, list[int]] = {"f": [], "m": []}
        self._ends: dict[str, list[int]] = {"f": [], "m": []}
        for at, run in words.found:
            sex = _SEX_OF_RUN.get(run)
            if sex is not None:
                self._starts[sex].append(at)
                self._ends[sex].append(at + len(run))

    def between(self, lo: int, hi: int, want: str) -> bool:
        """``_has_sexed_noun(text, lo, hi, want)`` for a sex ('f' or 'm'). A noun it finds is a
        run of letters that the index holds whole, or one that ``hi`` cuts from the rest of its
        word ('mother' of 'mothers'): one with anything but a letter before it ends no run and
        starts none, and a run's own neighbours are tested as ``\\w`` is."""
        text, starts, ends = self._words.text, self._starts[want], self._ends[want]
        for k in range(bisect_left(starts, lo), len(starts)):
            at, end = starts[k], ends[k]
            if end > hi:
                break  # (the runs do not overlap: each later one ends later)
            if (at == 0 or not _is_word(text[at - 1])) and (end == hi or not _is_word(text[end])):
                return True
        cut = self._words.cut_at(lo, hi)  # a word that goes on after ``hi``
        return (
            cut is not None
            and _SEX_OF_RUN.get(cut[1]) == want
            and (cut[0] == 0 or not _is_word(text[cut[0] - 1]))
        )


def _head_noun(description: str) -> str:
    """The head noun of a description, lowercased: 'a spokeswoman for the council' -> the
    last word before its 'for', 'of' or 'at' ('spokeswoman'); "" for none."""
    words = description.split(" for ")[0].split(" of ")[0].split(" at ")[0].split()
    return words[-1].lower() if words else ""


def _is_person(description: str) -> bool:
    """Whether an unnamed speaker is one person ('the head teacher', 'a spokeswoman for the
    council'), not a body or a group ('the ministry', 'officials')."""
    return _head_noun(description) in _PERSON_HEADS


def _introduces(description: str) -> bool:
    """Whether a description brings in someone new ('A spokeswoman for the council', 'The
    boy's mother', 'His wife') rather than refers back to someone named ('The father', 'The
    young woman'): only such a one is nearer than a name before it."""
    words = description.split()
    return words[0] in ("A", "An", "His", "Her", "Their") or any(
        w.endswith(("’s", "'s")) or w in ("for", "of", "at") for w in words[1:]
    )


_SEX_OF_NOUN = {
    **dict.fromkeys(lex.FEMININE_NOUNS, "f"),
    **dict.fromkeys(lex.MASCULINE_NOUNS, "m"),
}
_PERSON_HEADS = _ROLE_HEADS | lex.FEMININE_NOUNS | lex.MASCULINE_NOUNS
_OFFICE_JOINTS = frozenset(("of", "to", "for"))
_JOINT_WORDS = _OFFICE_JOINTS | {"the"}
# an office before a name run: 'Governor of ', 'Ambassador to the ' (its title word in group 1)
_OFFICE_BEFORE = re.compile(r"\b([A-Za-z.]+) (?:of|to|for) (?:the )?$")
# how a match of ``_OFFICE_BEFORE`` ends (right before a run that a space precedes: ``$`` there
# is the end of the text searched)
_OFFICE_ENDS = (" of ", " to ", " for ", " the ")


def name_after_office(words: list[str]) -> list[str]:
    """The person's name that ends the capitalized words after an office, which open with the
    place or body of the office ('[Ambassador to the] United Nations Samantha Power',
    '[Director of] National Intelligence James R. Clapper'): from the last known first name,
    else the last two words (three with a middle initial)."""
    first = [i for i, w in enumerate(words) if first_name_gender(w)]
    if first:
        return words[first[-1] :]
    return words[-3:] if len(words) >= 4 and _is_initial(words[-2]) else words[-2:]


def _is_initial(word: str) -> bool:
    """``_INITIAL.fullmatch(word)``, by string tests: a capital (A to Z) and a period."""
    return len(word) == 2 and word[1] == "." and "A" <= word[0] <= "Z"


def _is_title_case(paragraph: str) -> bool:
    """Whether a paragraph is written in title case: four words or more, seven in ten of them
    or more capitalized (their first character a capital).

    Counted on bytes, at C speed, rather than word by word: in a copy of the paragraph where
    each ASCII space is a space, each ASCII capital 'U' and any other byte 'x'
    (:data:`_CAPITALS`), a word opens at each space before another byte. Of ASCII text that is
    every word and its first character. Else (a space beyond ASCII may part words too, a
    capital beyond ASCII open one), with each lowercase ASCII letter 'l'
    (:data:`_WORD_INITIALS`), the words that open with a lowercase letter after an ASCII space
    are some of the words not capitalized: when they are too many, no count of the capitals is
    needed."""
    if paragraph.isascii():
        initials = b" " + paragraph.encode("ascii").translate(_CAPITALS)
        capitalized = initials.count(b" U")
        n = capitalized + initials.count(b" x")
        return n >= 4 and capitalized >= 0.7 * n
    words = paragraph.split()
    if len(words) < 4:
        return False
    encoded = paragraph.encode("utf-8", "surrogatepass")  # (ASCII bytes: ASCII characters only)
    lowercase = (b" " + encoded.translate(_WORD_INITIALS)).count(b" l")
    if len(words) - lowercase < 0.7 * len(words):
        return False  # (at most the others are capitalized)
    return sum(map(str.isupper, map(itemgetter(0), words))) >= 0.7 * len(words)


# each byte as :func:`_is_title_case` counts it: an ASCII space (one ``str.split`` parts words
# at) a space, a lowercase ASCII letter 'l', an ASCII capital 'U', any other byte 'x'
_WORD_INITIALS = bytes(
    32 if b < 128 and chr(b).isspace() else 108 if 97 <= b <= 122 else 85 if 65 <= b <= 90 else 120
    for b in range(256)
)
_CAPITALS = _WORD_INITIALS.replace(b"l", b"x")  # (the same, a lowercase letter an 'x')


# words of a film's or a book's title, never of a name
_TITLE_PRONOUNS = frozenset(
    ["I", "Me", "My", "Myself", "We", "Us", "Our", "You", "Your", "Yourself"]
)


class Context:
    """What the rules need to know about the article as a whole."""

    def __init__(self, text: str, spans: Sequence[QuotedSpan] | None = None) -> None:
        self.text = text
        self.spans = find_quoted_spans(text) if spans is None else list(spans)
        quoted = [(q.start, q.end) for q in self.spans]
        self.paragraphs = paragraphs(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.sentences = sentences(text, quoted, self.paragraphs)
        self.sentence_starts = [s for s, _ in self.sentences]
        self._no_person: dict[str, bool] = {}

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.sentence_starts, pos) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    @cached_property
    def people(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(position, full name, title words before it) of every person-like name mention."""
        found = []
        sentence_starts = set(self.sentence_starts)
        places: set[str] = set()
        quoted = [(q.start, q.end) for q in self.spans]
        for s, e in self.paragraphs:
            if e - s > 200:
                continue  # a headline is short
            if _is_title_case(self.text[s:e]):
                quoted.append((s, e))  # a title-case headline: its names are not introductions
        quoted.sort()
        quote_starts = [s for s, _ in quoted]
        text = self.text
        person_titles = _PERSON_TITLES
        n_quoted = len(quote_starts)
        for start, run in self.name_runs:
            if " " not in run and "\u00a0" not in run and run.lower() not in person_titles:
                continue  # one capitalized word, no title: not an introduction
            # (the expression only where the text before the run ends as its matches do)
            if run.count(" ") >= 2 and text.endswith(_OFFICE_ENDS, max(0, start - 40), start):
                office = _OFFICE_BEFORE.search(text, max(0, start - 40), start)
                if office and office.group(1).lower() in _OFFICE_TITLES:
                    # 'Ambassador to the United Nations Samantha Power': the name, not the body
                    parts = list(_NON_SPACE.finditer(run))
                    at = parts[len(parts) - len(name_after_office(run.split()))].start()
                    start, run = start + at, run[at:]
            q = bisect_right(quote_starts, start) - 1 if n_quoted else -1
            if q >= 0 and start < quoted[q][1]:
                continue  # a name inside a quotation is not someone the article introduces
            info = _person_run(run)
            if info is None:
                continue  # 'He', 'But', 'On Monday', 'The Republican'
            place, person = info
            if text.endswith(_PLACE_PREPOSITIONS, max(0, start - 7), start):
                places.add(place)
            if person is None or _WORK_AFTER.match(text, start + len(run)):
                continue  # ('the BBC's Good Morning Ulster programme': a show, nobody)
            name, titles, lone = person
            if lone and start in sentence_starts and _COURTESY.isdisjoint(titles):
                continue  # (but 'Mr Okafor used his speech to …' opening a sentence is one)
            found.append((start, name, titles))
        return [p for p in found if p[2] or p[1] not in places]  # 'in New York': a place

    @cached_property
    def name_runs(self) -> list[tuple[int, str]]:
        """(position, text) of every run of capitalized words (names, bodies, sentence starts)."""
        runs = list(_NAME_RUN.finditer(self.text))  # (read at C speed: a hundred an article)
        found = list(zip(map(re.Match.start, runs), map(re.Match.group, runs), strict=True))
        starts = self.sentence_starts
        out = []
        for start, run in found:
            if "." not in run:  # (a run that holds no full stop crosses no sentence's start)
                out.append((start, run))
                continue
            k = bisect_right(starts, start)
            if k < len(starts) and starts[k] < start + len(run):
                # rules-13: a run never crosses a sentence's start ('… on Monday. Ivan Petrov
                # spoke': the name opens the next sentence)
                cut = starts[k] - start
                head = run[:cut].rstrip()
                if head:
                    out.append((start, head))
                start, run = starts[k], run[cut:]
                first, _, rest = run.partition(" ")
                if rest and first.endswith(_DESCRIBING_SUFFIXES):
                    start, run = start + len(first) + 1, rest  # 'Perth-born Evans' -> Evans
            out.append((start, run))
        return out

    @cached_property
    def _people_index(self) -> _PeopleIndex:
        """What the names of :attr:`people` say, read in one pass over them: each name's words
        split once, and what holds for a name whatever its place (its first word's sex, its
        surname) worked out at its first mention only (a name comes back a few times)."""
        starts: list[int] = []
        words_of: dict[str, list[str]] = {}
        full: dict[str, str] = {}
        by_surname: dict[str, list[tuple[int, str]]] = {}
        names_by_surname: dict[str, list[str]] = {}
        gender: dict[str, str] = {}
        feminine, masculine = lex.FEMININE, lex.MASCULINE
        for pos, name, titles in self.people:
            starts.append(pos)
            parts = words_of.get(name)
            first = parts is None
            if parts is None:
                parts = words_of[name] = name.split()
            surname = parts[-1]
            found = by_surname.get(surname)
            if found is None:
                by_surname[surname] = [(pos, name)]
            else:
                found.append((pos, name))
            for t in titles:  # (a title of any mention: the first that gives a sex)
                if t in feminine:
                    gender.setdefault(name, "f")
                elif t in masculine:
                    gender.setdefault(name, "m")
            if not first:
                continue  # (the rest, of a name mentioned before, was done then)
            if len(parts) >= 2:
                full.setdefault(surname, name)
                full.setdefault(parts[0], name)
                names_by_surname.setdefault(surname, []).append(name)
                by_first = first_name_gender(name)
                if by_first:
                    gender.setdefault(name, by_first)
                    continue
            if (honour := _HONOURS.get(parts[0])) and " " in name:
                gender.setdefault(name, honour)  # 'Dame Barbara', 'Sir Peter Lampl'
        return _PeopleIndex(starts, frozenset(words_of), full, by_surname, names_by_surname, gender)

    @cached_property
    def full_name_sexes(self) -> dict[str, str]:
        """Full name -> 'f' or 'm' that a courtesy title of the surname alone gives it, where
        :attr:`gender` has none: 'Ms Okafor' after 'Adaeze Okafor' (a first name the lists
        lack); not before it ('Mr Okafor's mother, Adaeze Okafor'), nor when the text gives the
        surname to someone else."""
        found: dict[str, str] = {}
        gender = self.gender
        for name, sex in gender.items():
            named = self.names_by_surname.get(name) if " " not in name else None
            if named is None or len(named) != 1 or named[0] in gender:
                continue
            mentions = self.people_by_surname[name]
            first_full = next(p for p, n in mentions if n == named[0])
            titled = next(p for p, n in mentions if n == name)
            if titled > first_full and self._one_bearer(name, named[0]):
                found[named[0]] = sex
        return found

    def _one_bearer(self, surname: str, full: str) -> bool:
        """Whether the text gives ``surname`` to no one but ``full``: every capitalized word
        just before it is a word of that name or a title ('Barry Okafor' anywhere, even in a
        quotation, is another Okafor than 'Adaeze Okafor')."""
        own = set(full.split())
        text = self.text
        at = text.find(surname)
        while at >= 0:  # (found by ``str.find``: an expression tried at each position costs more)
            end = at + len(surname)
            if (at == 0 or text[at - 1].isspace()) and (
                end == len(text) or not text[end].isalnum()
            ):
                before = text[max(0, at - 80) : at].rstrip()  # (not the whole text before)
                word = before[before.rfind(" ") + 1 :].rpartition("\n")[2]
                if word != word.lower() and word not in own and word.lower() not in _PERSON_TITLES:
                    return False
            at = text.find(surname, at + 1)
        return True

    @cached_property
    def people_starts(self) -> list[int]:
        """The positions of :attr:`people`, in order (for bisecting)."""
        return self._people_index.starts

    def no_person(self, name: str) -> bool:
        """Whether a name names a body, a place or a people, never 'he' or 'she' ('the General
        Assembly', 'Cleveland Metroparks Zoo', 'New York', 'African Americans'); remembered per
        name."""
        known = self._no_person.get(name)
        if known is None:
            low = name.lower()
            last = low.rpartition(" ")[2]
            known = self._no_person[name] = (
                _is_body(name.split())
                or last in lex.PLACE_HEADS
                or last in lex.BODY_HEADS
                or last in lex.DEMONYMS  # 'African Americans'
                or low.removeprefix("the ") in lex.PLACE_NAMES  # 'New York', 'North Carolina'
            )
        return known

    @cached_property
    def people_names(self) -> frozenset[str]:
        """The full names of :attr:`people`."""
        return self._people_index.names

    def body_before(self, pos: int) -> str | None:
        """The last body the article names before ``pos`` ('the Justice Department'), looking
        back from ``pos`` rather than through the whole article."""
        runs = self.name_runs
        for i in range(bisect_left(runs, (pos,)) - 1, -1, -1):
            joined = self._joined_run(i, pos)
            body = _body_of_run(joined)
            if body is None and joined != runs[i][1]:
                body = _body_of_run(runs[i][1])  # 'Russia and China': neither is joined
            if body is not None:
                return body
        return None

    def _joined_run(self, i: int, pos: int) -> str:
        """Name run ``i`` with the runs that 'of', 'for' or 'and' join to it, before ``pos``:
        'Department for Education', 'Securities and Exchange Commission'."""
        runs, text = self.name_runs, self.text
        start, run = runs[i]
        end = start + len(run)
        j = i
        while j + 1 < len(runs) and j < i + 3:  # 'Court of Appeals for the Ninth Circuit of …'
            joint = _BODY_JOINT.match(text, end)
            if not joint or joint.end() != runs[j + 1][0] or runs[j + 1][0] >= pos:
                break
            if joint.group() == " and " and _body_of_run(text[start:end]) is not None:
                break  # 'Apple Inc and Alphabet Inc': two bodies
            j += 1
            end = runs[j][0] + len(runs[j][1])
        if i > 0:
            before, run_before = runs[i - 1]
            joint = _BODY_JOINT.match(text, before + len(run_before))
            if (
                joint
                and joint.end() == start
                and (joint.group() != " and " or _body_of_run(run_before) is None)
            ):
                start = before
        return text[start:end]

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The last word of every person-like name mention."""
        return frozenset(self._people_index.by_surname)

    @cached_property
    def _lowercase_words(self) -> dict[str, bool]:
        return {}

    def writes_lowercase(self, word: str) -> bool:
        """Whether the article writes ``word`` (lowercase) as a whole word somewhere."""
        known = self._lowercase_words.get(word)
        if known is None:
            known = self._lowercase_words[word] = self._writes_lowercase(word)
        return known

    def _writes_lowercase(self, word: str) -> bool:
        text = self.text
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                return True
            at = text.find(word, at + 1)
        return False

    @cached_property
    def full_names(self) -> dict[str, str]:
        """Surname (and first name) -> the first multi-word name the article gives them."""
        return self._people_index.full_names

    @cached_property
    def people_by_surname(self) -> dict[str, list[tuple[int, str]]]:
        """Surname (a name's last word) -> (position, name) of each of :attr:`people` with it,
        in order."""
        return self._people_index.by_surname

    @cached_property
    def names_by_surname(self) -> dict[str, list[str]]:
        """Surname -> every distinct multi-word name with that surname, in order."""
        return self._people_index.names_by_surname

    @cached_property
    def gender(self) -> dict[str, str]:
        """Name -> 'f' or 'm', from the honorifics and titles before it (Mrs., congressman),
        else from a common first name."""
        return self._people_index.gender


@dataclass(frozen=True)
class _PeopleIndex:
    """What :attr:`Context._people_index` reads from the names of :attr:`Context.people`."""

    starts: list[int]
    names: frozenset[str]
    full_names: dict[str, str]
    by_surname: dict[str, list[tuple[int, str]]]
    names_by_surname: dict[str, list[str]]
    gender: dict[str, str]


# ---------------------------------------------------------------------------------------------
# Noun phrases
# ---------------------------------------------------------------------------------------------


_DOUBLE_APOSTROPHES = re.compile(r"^(?:''|’’)\s*|\s*(?:''|’’)$")


def _without_double_apostrophes(text: str) -> str:
    """``text`` without double apostrophes (''…'' or ’’…’’) opening or closing it; the
    expression is tried only when the text holds a pair of them (else it cannot match)."""
    if "''" not in text and "’’" not in text:
        return text
    return _DOUBLE_APOSTROPHES.sub("", text)


# what :func:`_strip_np` strips from a phrase's ends besides spaces
_NP_END_MARKS = ",;:—–-)"


def _strip_np(np: str) -> str:
    np = _without_double_apostrophes(np.strip().strip(",;:—–-").strip())
    if np.rstrip().endswith(")"):  # (only then can the expression match)
        np = _TRAILING_PARENS.sub("", np)  # (R-Utah), (I-Vt.)
    return np.strip()


@lru_cache(maxsize=8192)
def is_adverb(word: str) -> bool:
    """'cynically', 'Previously'; not 'family', 'Italy' or 'ally'."""
    low = word.lower()
    return low.endswith("ly") and len(low) > 4 and low not in lex.LY_NOUNS


_NOT_LAST = lex.CONNECTORS | lex.FUNCTION_WORDS
_NO_ONE_ALONE = lex.POSSESSIVES | lex.QUANTIFIERS | lex.WEEKDAYS | lex.MONTHS
_TIMES = lex.TIME_WORDS | lex.MONTHS
_NOT_FIRST = lex.CONNECTORS | lex.PREPOSITIONS_LEADING
_PREPOSITION_FIRST = lex.FUNCTION_WORDS - {"a", "an", "the"}
# what opens a verb's object ('commissioned the research', 'included an abusive commenter')
_OBJECT_OPENERS = frozenset(["the", "a", "an", "his", "her", "its", "their", "this", "these"])
_DESCRIBING_SUFFIXES = ("-born", "-based", "-bred", "-raised", "-educated")
_LONE_MARKS = frozenset(["'", "‘", "’", "''", "’’"])
_PRONOUN_CONTRACTION = re.compile(r"^(?:i|we|you|they|he|she|it)[’']")


@lru_cache(maxsize=8192)
def looks_like_speaker(np: str) -> bool:
    """Whether a noun phrase at a cue can name a speaker (a person, a body, a description)."""
    if not np or len(np) > 120:
        return False
    words = np.split()
    if len(words) > 14 or words[0] in _LONE_MARKS:
        return False  # (rules-13: "' We'll say": a quotation's opening, not a subject)
    # (each word lowercased: the words of the phrase lowercased, since ``lower()`` keeps a space
    # a space and makes none; only a comma or a full stop in the phrase can end a word)
    low = np.lower().split()
    if "," in np or "." in np:
        low = [w.strip(",.") for w in low]
    if low[0] in PRONOUN_SPEAKERS:
        return len(words) == 1
    if low[-1].endswith(("’s", "'s")) or low[-1] in _NOT_LAST:
        return False  # 'Clinton says Trump’s “…”', 'sponsored by NBC News and said “…”'
    if low[0] in _NOT_FIRST or (
        not lex.NOT_IN_SPEAKERS.isdisjoint(low)  # (the test below, on the words in the set)
        and any(
            w in lex.NOT_IN_SPEAKERS
            and not (w == "to" and i and (low[i - 1] in _SPEAKER_HEADS or low[i - 1] == "close"))
            for i, w in enumerate(low)
        )
    ):
        return False  # but 'an aide to the governor', 'sources close to the mayor'
    if low[0] in _PREPOSITION_FIRST:
        return False  # a prepositional phrase: 'For TPP', 'by Republican lawmakers'
    if len(low) > 1 and low[0].endswith("ing") and words[0].islower() and low[1] in _DETERMINERS:
        return False  # a gerund and its object: 'meddling the California congressman'
    rest = low[1:]
    if len(low) > 2 and low[1] in _CLOSE:
        rest = rest[:2] + [w for w in rest[2:] if w not in _OBJECT_PRONOUNS]  # 'close to him'
    if not _INNER_PRONOUNS.isdisjoint(rest) or not lex.CLAUSE_VERBS.isdisjoint(rest):
        return False  # a clause fragment: 'by Republican lawmakers he', 'Every time you'
    if (
        _has_digit(np)
        and not _ANONYMOUS_HEADS.search(np)
        and (any(c.isdigit() for c in low[0]) or (np[0].isupper() and low[0] != "the"))
        and not (len(words) > 2 and words[-1][:1].isupper() and words[-2][:1].isupper())
        and not (low[0] in _INDEFINITE and _head_is_someone(low))  # 'One Year 3 student'
    ):
        return False  # 'Only 52 percent', 'PolitiFact rated 22%'
    if "--" in np or (
        ("'" in low[0] or "’" in low[0]) and _PRONOUN_CONTRACTION.match(low[0])
    ):  # (the expression needs an apostrophe)
        return False  # "I'll", 'election -- meddling'
    if len(words) == 1 and (low[0] in lex.NOT_SPEAKERS or is_adverb(low[0])):
        return False  # an adverb: 'Even', 'Previously'
    if "as" in low or "or" in low:  # (' as ' in the words joined: no word holds a space)
        return False  # 'the software as the company'; anyone at all: 'a man or woman who said'
    if (
        "ed" in np
        and any(  # (a word that ends in 'ed' needs one)
            w.endswith("ed") and w.islower() and nxt in _OBJECT_OPENERS
            for w, nxt in zip(words, low[1:], strict=False)
        )
    ):
        return False  # a verb and its object: 'commissioned the research after a survey'
    if not _is_person_or_body(np, words, low):
        return False
    if np[0].isupper() or any(w[:1].isupper() for w in words):
        return True
    # a lowercase description: 'officials', 'police', 'federal prosecutors', 'the report'
    return low[0] in lex.DETERMINERS or bool(_ANONYMOUS_HEADS.search(np)) or _head_is_someone(low)


_DETERMINERS = lex.DETERMINERS
_SPEAKER_HEADS = (
    lex.ANONYMOUS_HEADS
    | lex.PEOPLE_NOUNS
    | lex.ROLE_WORDS
    | lex.ORG_WORDS
    | lex.FAMILY_WORDS
    | lex.DOCUMENT_WORDS
    | lex.PUBLIC_BODIES
)
_CLAUSE_MARKS = lex.CLAUSE_MARKS
_QUOTATION_MARKS = frozenset('“”"«»')
_DASHES = frozenset(("-", "–", "—"))


def _has_digit(text: str) -> bool:
    """``any(map(str.isdigit, text))``: of ASCII text, by one search for 0-9 (the only ASCII
    characters ``isdigit`` holds), rather than a call for each character."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


_ASCII_DIGIT = re.compile("[0-9]")


def _is_person_or_body(np: str, words: list[str], low: list[str]) -> bool:
    """The checks that keep a speaker a person, a body or a document: not a quantity ('Fifty-one
    percent'), not a possessive before a non-person ('His repeated', "Ana Ruiz's recent"), not
    a clause ('Obama scrutinized', 'the report, which …'), not a description whose head is no
    one ('a minimal shift in the battleground'). ``words``: the words of ``np``; ``low``: each
    lowercased, without a comma or a full stop at either end.

    (A test of a mark or of letters in a word is made first of ``np``, where the mark or the
    letters must be for the words to hold them: no character lowercases to one of them.)"""
    # (marks are never spaces: in a word if in the words, and no pair of them spans a space;
    # only '"' and "''" of them are ASCII)
    if (
        ('"' in np or "''" in np)
        if np.isascii()
        else not _QUOTATION_MARKS.isdisjoint(np) or "''" in np or "’’" in np
    ):
        return False  # a quotation's mark: the words of a quote, not a name
    first = low[0]
    number = first in lex.NUMBER_WORDS or ("-" in first and first.split("-")[0] in lex.NUMBER_WORDS)
    if number and not _head_is_someone(low):
        return False  # 'Fifty-one percent', 'Nearly eight'; but 'two aides'
    if "percent" in low or ("%" in np and any(w.endswith("%") for w in low)):
        return False
    if len(low) == 1 and (low[0] in _NO_ONE_ALONE or words[0] == "i"):
        return False  # 'Her', 'Several', 'Tuesday'
    if not _CLAUSE_MARKS.isdisjoint(low) or not _DASHES.isdisjoint(words):
        return False  # 'the Tribune, which keeps …', 'Ohio and North Carolina - in areas'
    if "ed" in np:  # (a word that ends in 'ed' needs it)
        for i, w in enumerate(words[1:], 1):
            if not (w.endswith("ed") and w.islower()) or w in lex.TITLES:
                continue
            if low[i - 1] in lex.DETERMINERS:
                continue  # an adjective: 'a leaked letter', 'the retired general'
            after = low[i + 1] if i + 1 < len(low) else ""
            if words[i - 1][:1].isupper() or (
                after and after not in _HEAD_BREAKS and after not in _TIMES
            ):
                return False  # a clause: 'Obama scrutinized', 'the agency released two reports'
    if not lex.STANCE_VERBS.isdisjoint(low):  # (else the loop returns nothing)
        for i, w in enumerate(low[1:], 1):
            if w in _HEAD_BREAKS:
                break
            after = low[i + 1] if i + 1 < len(low) else ""
            if (
                w in lex.STANCE_VERBS
                and words[i].islower()
                and (after in lex.DETERMINERS or after in ("that", "to"))
            ):
                return False  # 'the truck story suggests the government'; not 'the appeals court'
    possessive = (
        next((i for i, w in enumerate(low) if w.endswith(("’s", "'s"))), -1)
        if "’" in np or "'" in np
        else -1
    )
    if low[0] in lex.POSSESSIVES or 0 <= possessive < len(low) - 1:
        rest = words[max(possessive, 0) + 1 :]
        if not (rest and rest[-1][:1].isupper()) and not _head_is_someone(low):
            return False  # 'His repeated', "Ana Ruiz's recent"; but 'His aides', "NBC's Ann Lee"
    if low[0] in ("a", "an", "the") and len(words) > 1 and words[1][:1].islower():
        k = len(words)
        while k > 1 and words[k - 1][:1].isupper():
            k -= 1
        named = (
            k < len(words)
            and _BEFORE_A_NAME_NOT_HEAD.isdisjoint(low[1:k])
            and all("-" in w or w.endswith(_ADJECTIVE_ENDINGS) for w in low[1:k])
        )  # (adjectives only: 'The plumber Ana Ruiz' is a role before a name, resolved so)
        if not named and not _head_is_someone(low[:k] if k < len(words) else low):
            return False  # 'a minimal shift in the battleground'; but 'a spokesman for X',
            # and (rules-15) a name after adjectives: 'the state-run Harbour News Agency'
    # 'a Donald Trump', 'A New York'
    return not (low[0] in ("a", "an") and all(w[:1].isupper() for w in words[1:]))


_ADJECTIVE_ENDINGS = ("ed", "ing", "al", "ic", "ive", "ous", "ful", "ish", "ese", "ian")
# what stands between a determiner and a name only when the name is not the head: 'a letter
# about Nansen School', 'a war against Islamic State'
_BEFORE_A_NAME_NOT_HEAD = (
    lex.FUNCTION_WORDS
    | lex.HEAD_BREAKS
    | frozenset(("about", "against", "over", "under", "into", "between", "among", "during"))
)


def _head_is_someone(low: list[str]) -> bool:
    """Whether the head of a description is a person, a group, a body or a document: the last
    word before a preposition or a relative ('a spokesman for the ministry' -> spokesman)."""
    head = ""
    for i, w in enumerate(low):
        if head in lex.QUANTITY_HEADS and w == "of":
            head = ""  # 'a number of members', 'many of them': the head follows
            continue
        if head and (
            w in _HEAD_BREAKS
            or (w in lex.TIME_WORDS and not _school_year(low, i))
            or w in lex.MONTHS
            or ((w.endswith("ed") or w in lex.PARTICIPLES) and head not in lex.DETERMINERS)
        ):
            break  # 'a spokesman for …', 'the poll released Friday', 'a letter seen by …'
        head = w.strip(",.")
    head = head.removesuffix("’s").removesuffix("'s")
    return (
        head in _SPEAKER_HEADS
        or head in _GROUPS
        or (head.endswith(_PEOPLE_PLURALS) and head not in lex.THING_PLURALS)
        or head.endswith("ians")
    )


_HEAD_BREAKS = lex.HEAD_BREAKS


def _school_year(low: list[str], i: int) -> bool:
    """Whether the time word ``low[i]`` is a school year before a noun: 'one Year 3 student'."""
    return i + 2 < len(low) and low[i + 1].isdigit()


def _trim_leading(words: list[str]) -> list[str]:
    """Drop leading connectors and adverbs: 'But Trump' -> 'Trump' (the words of a phrase)."""
    k = 0
    while len(words) - k > 1 and words[k].lower().strip(",") in _LEADING_DROPS:
        if words[k].lower() == "those" and words[k + 1] in _CLOSE:
            break  # 'Those close to the mayor', 'those familiar with the talks': people
        k += 1
    return words[k:] if k else words


_CLOSE = frozenset(["close", "familiar", "knowledgeable"])
_OBJECT_PRONOUNS = frozenset(["him", "them", "it"])


@lru_cache(maxsize=8192)
def np_after_cue(tail: str) -> str:
    """The speaker that follows a cue: 'Rep. A.B. Ruiz (D-Ore.), head of...' -> name."""
    tail = tail.strip()
    words: list[str] = []
    for raw in _TOKENS.findall(tail)[:14]:
        if raw.startswith("("):
            break  # (R-Utah)
        word = raw.rstrip(',;:!?”"')
        ends = raw != word or (word.endswith(".") and not _ABBREV.match(word))
        word = word.rstrip(".") if ends else word
        if (
            words
            and (
                words[0][:1].isupper()
                # or a bare role, then a name: 'spokesman John Smith on Tuesday'
                or (words[0].lower() not in lex.DETERMINERS and words[-1][:1].isupper())
            )
            and not (word[:1].isupper() or word in lex.NAME_PARTICLES)
            and not (word in _DESCRIPTORS and _NAME_AHEAD.match(tail, tail.find(raw) + len(raw)))
            and not (word in _OFFICE_JOINTS and words[-1].lower() in _OFFICE_TITLES)
            and not (
                word == "the"
                and words[-1] in _OFFICE_JOINTS
                and words[-2].lower() in _OFFICE_TITLES
            )
        ):
            break  # a name ends at the first lowercase word: 'Trump in a statement'
            # (but not 'MSNBC host Chris Matthews': a role before a name)
        if word:
            words.append(word)
        if ends or any(c in word for c in '“”"'):
            break
    while len(words) > 1 and (words[-1] in lex.NAME_PARTICLES or words[-1] in _JOINT_WORDS):
        words.pop()  # 'Del. Stacey Plaskett of the Virgin Islands' -> the name
    if words and words[0].lower() in lex.DETERMINERS:
        words = _description_only(words)
    return _strip_np(" ".join(words))


def _description_only(words: list[str]) -> list[str]:
    """A description after a cue without what follows it in the sentence: 'a spokesman for the
    ministry on Tuesday' -> 'a spokesman for the ministry'; also before 'in a statement', 'who
    asked not to be named', 'adding …', 'when contacted by …'."""
    for i, w in enumerate(words[1:], 1):
        low = w.lower().strip(",")
        nxt = words[i + 1].lower().strip(",.") if i + 1 < len(words) else ""
        if (
            low in lex.WEEKDAYS
            or low in ("who", "which", "that", "told", "said")
            or low in _WHEN_ASKED  # rules-13: '… said a spokesperson when contacted by …'
            or (low.endswith("ing") and w.islower() and len(low) > 4 and i >= 2)
            or (low in _TIME_LEADS and (nxt in _TIMES or nxt.isdigit()))
            or (
                low in ("in", "on")
                and nxt in ("a", "an")
                and i + 2 < len(words)
                and words[i + 2].lower().strip(",.") in _SAID_IN
            )
        ):
            return words[:i]
    return words


_LEAD_ROLES = _OFFICE_TITLES | lex.FAMILY_WORDS
_WHEN_ASKED = frozenset(["when", "while", "after", "before", "during"])
_TIME_LEADS = lex.TIME_LEADS
_SAYING_PLACES = lex.SAYING_PLACES
_SAID_IN = lex.DOCUMENT_WORDS | _SAYING_PLACES


_CUT_MARKS = (",", ";", ":", "“", "”", '"', "—", "―", "(", ")")
_CUT_MARKS_SET = frozenset(_CUT_MARKS)
# the text up to the last of the marks that cut a subject from what comes before it: where
# that mark is (``max(map(text.rfind, _CUT_MARKS))``) in one match
_LAST_CUT_MARK = re.compile(rf".*[{re.escape(''.join(_CUT_MARKS))}]", re.S)
_NOT_BEFORE_NAME = lex.FUNCTION_WORDS | lex.DETERMINERS | lex.PREPOSITIONS_ONLY


@lru_cache(maxsize=8192)
def np_before_cue(head: str) -> str:
    """The subject right before a cue: 'Speaking aboard Air Force One, Trump' -> 'Trump'."""
    if "who " in head:  # (what :func:`without_anonymity_clause` needs to find a clause)
        head = without_anonymity_clause(head)  # '“…,” a member who asked not to be named said'
    head = head.rstrip()
    if " -- " in head:
        head = head.replace(" -- ", " — ")  # 'WASHINGTON -- President Obama'
    if " – " in head:  # an en dash as a dash: 'Asked about it – and the rest – Ana Ruiz'
        head = head.replace(" – ", " — ")
    words = head.split()
    while words and (
        (last := words[-1]).lower() in lex.TRAILING_ADVERBS or (last.islower() and is_adverb(last))
    ):
        words.pop()  # 'Trump also', 'Gingrich cynically'
    head = " ".join(words)
    if head.endswith(","):
        # an appositive: 'Jim Smith, a spokesman for the agency,' -> 'Jim Smith'
        parts = head[:-1].split(",")
        while len(parts) > 2 and _is_description(parts[-1]) and _is_description(parts[-2]):
            parts.pop()  # 'Ana Ruiz, the minister, a member of the council,': two appositives
        appositive = parts[-1].split()
        if len(parts) >= 2 and appositive:
            candidate = np_before_cue(",".join(parts[:-1]))
            is_appositive = appositive[0][:1].islower() or appositive[0].lower() in lex.DETERMINERS
            is_name = all(w[:1].isupper() or w in lex.NAME_PARTICLES for w in candidate.split())
            if candidate and candidate[0].isupper() and (is_appositive or is_name):
                return candidate
            named = candidate.split()
            if (  # an age after a name that a role opens: 'harbour master Tom Bale, 54,'
                len(appositive) == 1
                and appositive[0].isdigit()
                and 0 < len(named) <= 6
                and named[-1][0].isupper()
                and named[-1][-1].isalpha()
            ):
                return candidate
            if (
                len(appositive) >= 2
                and all(w[:1].isupper() or w in lex.NAME_PARTICLES for w in appositive)
                and _is_description(parts[-2])
            ):
                return " ".join(appositive)  # 'Another critic, Ana Ruiz,' -> the name
    elif "," in head:
        # an appositive whose closing comma is missing: 'Ana Ruiz, a research analyst at the
        # Council on Energy, Environment and Water told': the name, not the description's tail
        first, _, rest = head.partition(",")
        if rest.startswith((" a ", " an ", " the ")):  # (cheap: most heads stop here)
            name, description = first.split(), rest.split()
            if (
                2 <= len(name) <= 4
                and all(w[:1].isupper() for w in name)
                and name[0].lower() not in _NOT_BEFORE_NAME  # 'In June, the senator …'
                and not _CUT_MARKS_SET.intersection(first)
                and any(w in _ROLE_HEADS for w in description[1:4])
            ):
                return first.strip()
    last_mark = _LAST_CUT_MARK.match(head)  # (one match, not a search for each mark)
    cut = last_mark.end() - 1 if last_mark else -1
    if cut >= 0 and head[cut] == ")":
        # keep a parenthetical belonging to a name: Sen. Ted Cruz (R-Texas)
        open_ = head.rfind("(")
        cut = max(head.rfind(c, 0, open_) for c in (",", ";", ":", "“", "”", '"', "—", "―"))
    every = head[cut + 1 :].split() if cut >= 0 else words  # (``head`` is the words joined)
    k = max(0, len(every) - 10)
    while k > 0 and every[k][:1].isupper() and every[k - 1][:1].isupper():
        k -= 1  # never inside a name: 'The Daily Ledger Weekly tally of votes cast over …'
    words = every[k:]
    if len(words) > 1 and words[-1].lower() in PRONOUN_SPEAKERS:
        return words[-1]  # 'in an interview with RT he [blasted]'
    np = " ".join(_trim_leading(words))
    if (
        np
        and np[0] not in _NP_END_MARKS
        and np[-1] not in _NP_END_MARKS
        and "''" not in np
        and "’’" not in np
    ):
        return np  # (words joined by spaces, no mark at either end: as :func:`_strip_np` leaves it)
    return _strip_np(np)


def _is_description(part: str) -> bool:
    """An appositive: 'the foreign minister of France', 'a member of the council'."""
    words = part.split()
    return bool(words) and (words[0][:1].islower() or words[0].lower() in lex.DETERMINERS)


@lru_cache(maxsize=4096)
def unnamed_description(speaker: str) -> bool:
    """'the researchers', 'The charity', "The victim's mother", 'his family': a description
    with a lowercase head and no name ('The Washington Post' is a name)."""
    words = speaker.split()
    return (
        len(words) >= 2
        and (words[0].lower() in ("the", "a", "an") or words[0].lower() in lex.POSSESSIVES)
        and words[-1].islower()
        and words[-1].isalpha()
    )


def crosses_sentence(text: str) -> bool:
    """Whether ``text`` holds a quote mark or a sentence end (abbreviations allowed)."""
    if any(ch in text for ch in '“”"'):
        return True
    return any(w.endswith((".", "!", "?")) and not _ABBREV.match(w) for w in text.split())


def _is_title(text: str, span: QuotedSpan) -> bool:
    """A show, book or film title: “Fox and Friends”, MSNBC's "Morning Joe"."""
    body = text[span.start : span.end].strip(" ,.")
    words = body.split(maxsplit=8)  # nine parts: more than eight words
    if not words or len(words) > 8:
        return False
    capitalized = sum(  # (a number too: ‘The 411’, “Apollo 13”)
        1 for w in words if w[:1].isupper() or w[:1].isdigit() or w.lower() in lex.TITLE_SMALL_WORDS
    )
    if capitalized < len(words) or (len(words) < 2 and not body[:1].isupper()):
        return False
    before = text[max(0, span.start - 16) : span.start - 1].rstrip()
    return bool(_TITLE_LEAD.search(before))


# a nickname between a first name and a surname: 'Marcia “Cia” Price', 'Dwayne "The Rock" Johnson'
_NAME_BEFORE = re.compile(r"(?<![\w’'.-])[A-Z][a-z]+\s$")
_NAME_AFTER = re.compile(r"\s[A-Z][\w’'-]*[a-z]")


def _is_nickname(text: str, span: QuotedSpan) -> bool:
    body = text[span.start : span.end]
    # (four parts at most: more than three words, whatever the passage's length)
    if not body[:1].isupper() or len(body.split(None, 3)) > 3:
        return False
    if not body.replace(" ", "").isalpha():
        return False
    return bool(
        _NAME_BEFORE.search(text, max(0, span.start - 21), span.start - 1)
        and _NAME_AFTER.match(text, span.end + 1)
    )


def may_be_quote(text: str, span: QuotedSpan) -> bool:
    """Whether the rules try to attribute ``span``: two characters or more, not a title, not
    a nickname inside a name."""
    return len(text[span.start : span.end].strip().rstrip(",").rstrip()) >= 2 and not (
        _is_title(text, span) or _is_nickname(text, span)
    )


def quote_bounds(text: str, span: QuotedSpan) -> tuple[int, int]:
    """The start and end of the quote ``span`` gives when attributed: its body without the
    surrounding spaces and a trailing comma."""
    raw = text[span.start : span.end]
    body = raw.strip()
    if body.endswith(","):
        body = body[:-1].rstrip()
    start = span.start + len(raw) - len(raw.lstrip())
    return start, start + len(body)


# ---------------------------------------------------------------------------------------------
# Pass 2: the rules, one construction each, tried in order
# ---------------------------------------------------------------------------------------------


@dataclass
class Passage:
    """One quoted passage and the text around it in its sentence."""

    span: QuotedSpan
    index: int
    s_start: int  # start of the sentence holding the passage
    after_start: int  # just past the closing mark
    before: str  # the sentence before the passage
    after: str  # the sentence after the passage
    rest: str  # ``after`` without the punctuation that closes the quote
    found: list[Candidate | None] = field(default_factory=list)
    _last_cue: list[re.Match[str] | None] = field(default_factory=list)
    _first_cue: re.Match[str] | None = None

    @property
    def last_cue(self) -> re.Match[str] | None:
        """The last speech cue in the sentence before the passage."""
        if not self._last_cue:
            last = None
            for c in _CUE_RE.finditer(self.before):
                if self._first_cue is None:
                    self._first_cue = c  # (what ``_CUE_RE.search(self.before)`` finds)
                if not _after_article(self.before, c.start()):
                    last = c  # not a noun: 'the states'
            self._last_cue.append(last)
        return self._last_cue[0]

    @property
    def first_cue(self) -> re.Match[str] | None:
        """``_CUE_RE.search(self.before)``: the first cue word of the sentence before the
        passage, a noun's too ('the states'), from the search :attr:`last_cue` makes."""
        self.last_cue  # noqa: B018  (looked for once, with the last)
        return self._first_cue


Rule = Callable[["Context", Passage], Candidate | None]
_NEW_CLAUSE = re.compile(r"(?:^|[,;])\s*(?:and|but|when|while)\s")


def _opens_clause(text: str) -> bool:
    """Whether ``_NEW_CLAUSE`` finds a new clause in ``text``; tried only when ``text`` holds
    one of its words ('and', 'but', 'when', 'while': 'wh' for the last two), since the
    expression, which can open at the start of the text, is tried at every position."""
    return ("and" in text or "but" in text or "wh" in text) and _NEW_CLAUSE.search(text) is not None


def _speaker(np: str, cue: str) -> Candidate | None:
    return Candidate(np, cue) if looks_like_speaker(np) else None


def dash_speaker(ctx: Context, p: Passage) -> Candidate | None:
    """“…” ― Carlos Raúl.  Also every passage of a paragraph that opens with a quote mark and
    ends so ('“As I said, “hell” is …” ― Ana Ruiz': the passage before the inner quote too)."""
    dash = _DASH_SPEAKER.match(ctx.text, p.after_start)
    if dash is None:
        p_start, p_end = ctx.paragraphs[ctx.paragraph_of(p.span.start)]
        if ctx.text[p_start : p_start + 1] in '“"':
            close = max(ctx.text.rfind("”", p_start, p_end), ctx.text.rfind('"', p_start, p_end))
            if close > p.span.start:
                dash = _DASH_SPEAKER.match(ctx.text, close + 1, p_end)
                if dash and ctx.text[dash.end() : p_end].strip(" .") != "":
                    dash = None  # the dash and name must end the paragraph
    if dash and _CITED_DATE.search(ctx.text, dash.end(), dash.end() + 30):
        return None  # '“Document found on street” — CBC.ca, August 1, 2008': a cited headline
    # (the cue is the article's own dash: '―', '—' or '–')
    return _speaker(_strip_np(dash.group("np")), dash.group("dash")) if dash else None


# a date after a source's name: a headline cited with where and when it appeared
_CITED_DATE = re.compile(
    rf",\s+(?:(?:{'|'.join(sorted(lex.MONTHS))})\.?\s+\d|\d{{1,2}}\s+(?:{'|'.join(sorted(lex.MONTHS))})|\d{{4}}\b)",
    re.I,
)


def cue_then_speaker_after(ctx: Context, p: Passage) -> Candidate | None:
    """“…,” said Trump."""
    cue = _CUE_AT_START.match(p.rest)
    return _speaker(np_after_cue(p.rest[cue.end() :]), cue.group(1)) if cue else None


# after a quotation ending its sentence: a name (not a pronoun) and a cue opening the next
_NAME_CUE_NEXT = re.compile(
    r"[ \t]+(?!(?:He|She|They|It|We|I|The|This|That|But|And)\b)(?:[A-Z][\w’'.-]*\s+){1,4}"
    r"(?:said|says|told|tells|added|adds|explained|wrote|insisted|continued|recalled)\b"
)


def _verb_cue(text: str) -> re.Match[str] | None:
    """The first cue of ``text`` that is a verb: not a noun after a determiner ('one of the
    states suing the agency, said': 'said', not 'states'), nor a request not to be named ('a
    council member who asked not to be named said': 'said')."""
    for c in _CUE_RE.finditer(text):
        if _after_article(text, c.start()):
            continue
        if text.endswith("who ", 0, c.start()) and ANONYMITY_REQUEST.match(text, c.end() + 1):
            continue
        return c
    return None


def _after_article(text: str, at: int) -> bool:
    """Whether the word before ``at`` is an article, a possessive or a demonstrative (the cue
    word there is a noun: 'the states'). Narrower than the reported-speech rules' test of a
    cue word (``reported._after_determiner``), which takes numbers too ('the five states
    would …'): before a quote's cue, 'the mother of three replied' is a speaker and a verb."""
    before = text[max(0, at - 12) : at].split()[-1:]
    return bool(before) and before[0].lower() in _NOUN_DETERMINERS


# determiners before a noun (not numbers: 'the mother of three replied')
_NOUN_DETERMINERS = lex.POSSESSIVES | {"the", "a", "an", "this", "these"}


def speaker_then_cue_after(ctx: Context, p: Passage) -> Candidate | None:
    """“…,” Trump said.  /  “…” she told reporters.  Not 'Kerry said they would take “robust
    steps,” and he urged …' nor 'Flynn said Trump was “right” when he said …': a cue after
    'and', 'but', 'when' or 'while' opens a new clause, and the cue before the passage
    attributes it."""
    named = _NAME_THEN_ROLE.match(p.rest)
    cue = _verb_cue(p.rest[: 220 if named else 110])
    new_clause = cue is not None and _opens_clause(p.rest[: cue.start()])
    if new_clause and p.last_cue is not None and speaker_cue_before(ctx, p) is not None:
        return None  # that rule, later, attributes it
    if cue and not crosses_sentence(p.rest[: cue.start()]):
        np = np_before_cue(p.rest[: cue.start()])
        if new_clause and np.lower() not in PRONOUN_SPEAKERS:
            # someone else's clause: 'Lee rejected the claims as “false,” and analysts told
            # …' (the analysts did not say “false”); '… “a con” and he called …' is Lee's
            return None
        if named and named.end() <= cue.start() and not new_clause:
            return _speaker(named["name"], cue.group())  # rules-15: '“…,” Anand Krishnamurthy,
            # a research analyst at the Institute for Rivers, Harbours and Canals think tank
            # told reporters': the name the description follows, however long or unclosed
        if len(np.split()) <= 12:
            return _speaker(np, cue.group())
    return None


# after a quotation, a name and the description that follows it: '”, Ana Ruiz, a research …'
_NAME_THEN_ROLE = re.compile(
    r"[,\s]*(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}),\s+(?:a|an|the)\s+[a-z]"
)


def according_to_before(ctx: Context, p: Passage) -> Candidate | None:
    """According to X, “…”  /  In the words of X, “…”"""
    if not _may_hold_according_to(p.before):
        return None
    m = _ACCORDING_TO.search(p.before) or _ACCORDING_TO_NAMED.search(p.before)
    return _speaker(_strip_np(m.group("np")), m.group("cue")) if m else None  # (as written)


def _may_hold_according_to(text: str) -> bool:
    """Whether ``_ACCORDING_TO`` or ``_ACCORDING_TO_NAMED`` can match in ``text``: a match
    holds 'according to' or 'in the words of', in any case, and so 'ccord' or 'word' once
    lowercased (no character beyond ASCII matches these letters ignoring case). Two C-speed
    tests spare most passages the expressions, which try their first character class at every
    position."""
    low = text.lower()
    return "ccord" in low or "word" in low


def _may_hold_what_called(text: str) -> bool:
    """Whether ``_WHAT_X_CALLED`` can match in ``text``: each of its cues holds 'call', 'term'
    or 'describe' (as written: the expression is case-sensitive)."""
    return "call" in text or "term" in text or "describe" in text


def according_to_around(ctx: Context, p: Passage) -> Candidate | None:
    """'According to X, the move reeks of “fear”' / '… “sexist language,” according to X.'"""
    # (each expression holds its 'ccording to': tried only where that is)
    lead = _ACCORDING_TO_LEAD.match(p.before) if "ccording to" in p.before else None
    if lead and p.last_cue is not None and p.last_cue.start() >= lead.end():
        lead = None  # 'According to X, Y said that …, “…”': Y's words (which X reports)
    tail = _ACCORDING_TO_TAIL.match(p.rest) if "according to" in p.rest else None
    for m in (lead, tail):
        if m:
            named = m.groupdict().get("name")
            found = _speaker(named or _strip_np(m.group("np")), m.group("cue"))
            if found:
                return found
    return None


def what_x_called(ctx: Context, p: Passage) -> Candidate | None:
    """'what he called Machado’s “sex tape”', 'what it calls “the biggest attack”'"""
    m = _WHAT_X_CALLED.search(p.before) if _may_hold_what_called(p.before) else None
    if not m or not looks_like_speaker(m.group("np")):
        return None
    np = m.group("np")
    if np.lower() in PRONOUN_SPEAKERS:
        subject = _SUBJECT.match(p.before) or _OWNED_SUBJECT.match(p.before)
        if subject and looks_like_speaker(subject["np"]):
            np = subject["np"]  # 'Ban Ki-moon condemned what he called …': he is Ban
    return Candidate(np, m.group("cue"))


# a sentence's subject that is someone's body or group: "Ruiz's campaign wants to
# set her plan against what they call …"
_OWNED_SUBJECT = re.compile(
    r"^(?P<np>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:’s|'s)\s+[a-z]+)"
    r"\s+(?:is|was|are|were|has|have|had|[a-z]+(?:ed|s))\b"
)


# ', with Boswell stating:' (after a comma: not the object of 'agreed with Boswell')
_WITH_SUBJECT = re.compile(
    r",\s+with\s+(?P<np>(?:(?:one|a|an|the)\s+)?[A-Za-z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+$"
)


def participle_cue(ctx: Context, p: Passage) -> Candidate | None:
    """'Trump attacked Clinton in Iraq, saying, “…”': the sentence's subject speaks; but 'It
    quoted critics, with Boswell stating: “…”': the subject of 'with' does."""
    cue = p.last_cue
    if cue is None or not cue.group().endswith("ing"):
        return None
    with_subject = _WITH_SUBJECT.search(p.before, 0, cue.start())
    if with_subject is not None and looks_like_speaker(with_subject.group("np")):
        return _speaker(with_subject.group("np"), cue.group())
    subject = _SUBJECT.match(p.before)
    return _speaker(subject.group("np"), cue.group()) if subject else None


def speaker_cue_before(ctx: Context, p: Passage) -> Candidate | None:
    """Trump said: “…”  /  She said the plan was “…”  /  footage of Clinton asking, “…”"""
    cue = p.last_cue
    if cue is None:
        return None
    np = _who_antecedent(p.before[: cue.start()]) or np_before_cue(p.before[: cue.start()])
    if cue.group().endswith("ing") and not looks_like_speaker(np):
        name = _TRAILING_NAME.search(np)  # the participle's subject is the name right before it
        if name:
            np = name.group()
    if np.lower() in ("he", "she"):
        np = _reporting_subject(ctx, p.before[: cue.start()], np) or np
    return _speaker(np, cue.group())


# a relative clause's subject before its cue: ', who said', ', who in 2010 said'
_WHO_BEFORE = re.compile(r",\s+who(?:\s+[^,“”\"]{0,20})?\s*$")


def _who_antecedent(head: str) -> str | None:
    """'… Mitch McConnell, now the majority leader, who in 2010 said “…”': the name the
    relative clause describes (past one appositive description), else None."""
    m = _WHO_BEFORE.search(head)
    if m is None:
        return None
    parts = head[: m.start()].split(",")
    if len(parts) >= 2 and _is_description(parts[-1].strip()):
        parts.pop()  # ', now the majority leader'
    name = _NAME_AT_END.search(parts[-1].rstrip())
    return name.group() if name else None


_NAME_AT_END = re.compile(r"(?<=\s)[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}$")


def _reporting_subject(ctx: Context, head: str, pronoun: str) -> str | None:
    """'Lynch said she recalled thinking, “…”': a pronoun just after a speech cue is the subject
    of that cue, when that subject is named and not of the other gender; else None."""
    for c in _CUE_RE.finditer(head):
        if not re.match(rf"\s+(?:that\s+)?{pronoun}\b", head[c.end() :], re.I):
            continue
        np = np_before_cue(head[: c.start()])
        if not np or np.lower() in PRONOUN_SPEAKERS or not looks_like_speaker(np):
            return None
        full = ctx.full_names.get(np.split()[-1], np)
        gender = ctx.gender.get(full) or first_name_gender(np)
        want = "f" if pronoun.lower() == "she" else "m"
        return np if gender in (None, want) else None
    return None


def cue_speaker_before(ctx: Context, p: Passage) -> Candidate | None:
    """said Trump, “…”"""
    cue = p.last_cue
    if cue is None:
        return None
    tail = p.before[cue.end() :]
    if ctx.text[p.span.start : p.span.start + 1].islower() and not tail.rstrip().endswith(
        (",", ":")
    ):
        return None  # 'said Damascus “had to take responsibility”': who is said to, not who says
    np = np_after_cue(tail)
    if np and np[0].isupper() and len(tail.strip(" ,:").split()) == len(np.split()):
        return _speaker(np, cue.group())
    return None


def first_cue_subject(ctx: Context, p: Passage) -> Candidate | None:
    """'Roberts said Friday that she thinks … but said “…”': the first cue's subject."""
    cue = p.last_cue
    first = p.first_cue if cue else None
    if first is None or cue is None or first.start() == cue.start():
        return None
    return _speaker(np_before_cue(p.before[: first.start()]), first.group())


def sentence_subject_with_cue(ctx: Context, p: Passage) -> Candidate | None:
    """'Graham, after a long pause, then said that “…”': the sentence's subject."""
    cue = p.last_cue
    subject = _SUBJECT.match(p.before) if cue else None
    return _speaker(subject["np"], cue.group()) if subject and cue else None


def shared_subject(ctx: Context, p: Passage) -> Candidate | None:
    """'He praised X as “…” and said Y was “…”': the previous passage's subject is shared."""
    cue = p.last_cue
    previous = p.found[p.index - 1] if p.index > 0 else None
    if cue is None or previous is None:
        return None
    if ctx.spans[p.index - 1].start < p.s_start:
        return None
    return Candidate(previous.mention, cue.group(), inherit=p.index - 1)


def lead_in_paragraph(ctx: Context, p: Passage) -> Candidate | None:
    """He said:\\n\\n“…”  /  'Berg stated,\\n\\n"…"'  (the lead-in is the last sentence of the
    paragraph before)"""
    if p.s_start != p.span.start - 1:
        return None
    para = ctx.paragraph_of(p.span.start)
    if para == 0:
        return None
    p_start, p_end = ctx.paragraphs[para - 1]
    if ctx.text[p_end - 1 : p_end] not in (":", ","):
        return None
    lead_in = ctx.text[max(p_start, ctx.sentence_of(p_end - 1)[0]) : p_end]
    cue = None
    for c in _CUE_RE.finditer(lead_in):
        cue = c
    if cue is None or (lead_in.endswith(",") and lead_in[cue.end() :] != ","):
        return None  # (a comma ends the lead-in only right after its cue: 'Berg stated,')
    return _speaker(np_before_cue(lead_in[: cue.start()]), cue.group())


def cue_in_previous_sentence(ctx: Context, p: Passage) -> Candidate | None:
    """'The plan is dead, Schiff said. “We will not vote for it.”' (same paragraph)"""
    if p.s_start < p.span.start - 1 or p.s_start == 0:
        return None
    prev_start, _ = ctx.sentence_of(p.s_start - 2)
    if ctx.paragraph_of(prev_start) != ctx.paragraph_of(p.span.start):
        return None
    previous = ctx.text[prev_start : p.s_start].rstrip()
    closing = _TRAILING_CUE.search(previous) if _may_end_with_cue(previous) else None
    if closing and not crosses_sentence(closing["np"]):
        return _speaker(np_before_cue(closing["np"] + " "), closing["cue"])
    return None


def _may_end_with_cue(sentence: str) -> bool:
    """Whether ``_TRAILING_CUE`` can match in ``sentence``: a comma, then one of its cues
    ('said', 'says', 'added', 'adds', 'told reporters', 'wrote', 'writes': each holds 'said',
    'says', 'add', 'told' or 'wr'), by C-speed tests rather than the expression tried at each
    comma of the sentence."""
    return "," in sentence and (
        "said" in sentence
        or "says" in sentence
        or "add" in sentence
        or "told" in sentence
        or "wr" in sentence
    )


def person_subject_no_cue(ctx: Context, p: Passage) -> Candidate | None:
    """'At a rally, Ruiz likened the plan to a “slow train”': no cue, a person's verb."""
    if p.span.start - 1 <= p.s_start:
        return None
    subject = _SUBJECT.match(p.before)
    if not subject:
        return None
    np = subject.group("np")
    known = (
        np.lower() in PRONOUN_SPEAKERS
        or np in ctx.full_names
        or np in ctx.people_names
        or (" " in np and np.rpartition(" ")[2] in ctx.surnames)  # ends with ' ' + a surname
    )
    if not known or not looks_like_speaker(np) or _in_title_case(ctx.text, p.span):
        return None  # (no cue, and a title: 'She starred in the film “Long Road Home”')
    return Candidate(np, subject.group("verb"))


def _in_title_case(text: str, span: QuotedSpan) -> bool:
    """Whether a quoted passage is the title of a work: every word capitalized but the small
    ones, at most eight, after a work's noun ('the film “Long Road Home”', 'the hit “Rain”') or
    ending in one ('“The Lawrence Welk Show”'); not a nickname ('as “Miss Piggy”')."""
    words = text[span.start : span.end].strip(" ,.!?").split()
    if not 0 < len(words) <= 8 or not all(
        w[:1].isupper() or (i and w in _TITLE_SMALL_WORDS) for i, w in enumerate(words)
    ):
        return False
    before = text[max(0, span.start - 20) : span.start].rstrip(" “\"'‘").split()
    return (bool(before) and before[-1].lower() in _WORKS) or words[-1].lower() in _WORKS


_TITLE_SMALL_WORDS = lex.TITLE_SMALL_WORDS
_WORKS = lex.WORK_NOUNS


#: The rules, in the order they are tried: cues after the passage first (the commonest order),
#: then cues before it, then the sentence or paragraph before, then no cue at all.
RULES: tuple[tuple[str, Rule], ...] = (
    ("dash_speaker", dash_speaker),
    ("cue_then_speaker_after", cue_then_speaker_after),
    ("speaker_then_cue_after", speaker_then_cue_after),
    ("according_to_before", according_to_before),
    ("according_to_around", according_to_around),
    ("what_x_called", what_x_called),
    ("participle_cue", participle_cue),
    ("speaker_cue_before", speaker_cue_before),
    ("cue_speaker_before", cue_speaker_before),
    ("first_cue_subject", first_cue_subject),
    ("sentence_subject_with_cue", sentence_subject_with_cue),
    ("shared_subject", shared_subject),
    ("lead_in_paragraph", lead_in_paragraph),
    ("cue_in_previous_sentence", cue_in_previous_sentence),
    ("person_subject_no_cue", person_subject_no_cue),
)
RULE_NAMES = (
    *(name for name, _ in RULES),
    "continuation",
    "resumed_after_cue",
    "reported_then_quote",
)


# ---------------------------------------------------------------------------------------------
# The passes together
# ---------------------------------------------------------------------------------------------


class Attributor:
    """Finds the quotes of one article and their speakers."""

    def __init__(
        self, text: str, spans: Sequence[QuotedSpan] | None = None, words: Words | None = None
    ) -> None:
        """``spans``: the text's :func:`find_quoted_spans`, when the caller has them; ``words``:
        the text's word index, when the caller has one (holding :data:`SEX_VOCABULARY`): the
        passes that read the article's words share it."""
        if words is not None and words.text is not text:
            raise ValueError("the word index is of another text")
        self.ctx = Context(text, spans)
        self.text = text
        self.words = words
        self._sexed = SexedNouns(words) if words is not None else None
        self._resolved: list[RuleQuote] = []  # resolved so far by rules, in article order
        self._quotes: list[RuleQuote] | None = None
        self._quote_index: tuple[list[RuleQuote], list[int], list[int]] | None = None
        self._resolved_mentions: dict[str, tuple[str, SpeakerKind]] = {}
        self._quotable: list[bool] = []  # may_be_quote of each passage the rules pass read
        self._used_position = False
        # the sex 'he' or 'she' gave a speaker of no known sex ('filmmaker Tam Ruiz … “…,” he
        # said'): a later 'she' is not him
        self._pronoun_sexes: dict[str, str] = {}

    def quotes(self) -> list[RuleQuote]:
        if self._quotes is None:
            found = self._rules_pass()
            self._continuation_pass(found)
            self._quotes = self._resolution_pass(found)
        return list(self._quotes)

    def quotes_among(self, wanted: Sequence[int]) -> list[RuleQuote]:
        """The quotes :meth:`quotes` gives of the passages ``wanted`` (ascending indexes into
        ``ctx.spans``), and perhaps of some before them. The passes read the passages in order
        and look only back, so no passage after the last wanted is read, and no speaker is
        resolved past the last wanted passage the rules attribute (none when they attribute
        none of them)."""
        if not wanted:
            return []
        found = self._rules_pass(wanted[-1] + 1)
        self._continuation_pass(found)
        last = max((i for i in wanted if found[i] is not None), default=-1)
        return self._resolution_pass(found[: last + 1])

    def _indexed_quotes(self) -> tuple[list[RuleQuote], list[int], list[int]]:
        """The quotes, their starts and the furthest end reached so far (for bisecting)."""
        if self._quote_index is None:
            quotes = self.quotes()
            reach = list(accumulate((q.end for q in quotes), max))
            self._quote_index = (quotes, [q.start for q in quotes], reach)
        return self._quote_index

    def quote_starts_in(self, start: int, end: int) -> bool:
        """Whether a quote begins in [start, end)."""
        _, starts, _ = self._indexed_quotes()
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def quotes_overlapping(self, start: int, end: int) -> list[RuleQuote]:
        """The quotes that overlap [start, end), in article order: by bisection on their
        starts and the furthest end reached so far, not a pass over them all."""
        quotes, starts, reach = self._indexed_quotes()
        first, last = bisect_right(reach, start), bisect_left(starts, end)
        return [q for q in quotes[first:last] if q.end > start and q.start < end]

    # -- pass 2 ----------------------------------------------------------------------------

    def _passage(self, span: QuotedSpan, index: int, found: list[Candidate | None]) -> Passage:
        text = self.text
        s_start, _s_end = self.ctx.sentence_of(span.start)
        _, e_end = self.ctx.sentence_of(min(span.end, len(text) - 1))
        after_start = span.end + 1 if span.end < len(text) else span.end
        if (
            e_end <= after_start
            and s_start >= span.start - 1
            and text[span.start : span.end].rstrip()[-1:] in "?!"
            and "\n" not in text[after_start : after_start + 2]
        ):
            # “Does anybody know?” Graham asked.  (the splitter ended the sentence at “?”)
            _, e_end = self.ctx.sentence_of(min(after_start + 1, len(text) - 1))
        elif (
            e_end <= after_start
            and s_start >= span.start - 1
            and text[span.start : span.end].rstrip()[-1:] == "."
            and _NAME_CUE_NEXT.match(text, after_start)
        ):
            # rules-15: “Tomas is the captain I wanted.” Okafor told the club's radio.
            # (a full stop where the comma belongs: a short sentence of a name and a
            # cue, and nothing more, attributes the quotation before it)
            _, next_end = self.ctx.sentence_of(min(after_start + 1, len(text) - 1))
            if len(text[after_start:next_end].split()) <= 8:
                e_end = next_end
        after = text[after_start : max(e_end, after_start)]
        m = _AFTER_PUNCTUATION.match(after)
        return Passage(
            span=span,
            index=index,
            s_start=s_start,
            after_start=after_start,
            before=text[s_start : max(s_start, span.start - 1)],
            after=after,
            rest=m.group("rest") if m else after,
            found=found,
        )

    def _rules_pass(self, limit: int | None = None) -> list[Candidate | None]:
        """The rules' candidate of each passage (of the first ``limit``). A rule sees the
        candidates of the passages before its own only, and so does the continuation pass:
        :meth:`quotes_among` relies on it."""
        found: list[Candidate | None] = []
        self._quotable = quotable = []  # (what may_be_quote says of each: the next pass's too)
        for i, span in enumerate(islice(self.ctx.spans, limit)):
            candidate = None
            quotable.append(may_be_quote(self.text, span))
            if quotable[-1]:
                passage = self._passage(span, i, found)
                for name, rule in RULES:
                    candidate = rule(self.ctx, passage)
                    if candidate is not None:
                        candidate.rule = name
                        break
            found.append(candidate)
        return found

    # -- pass 3 ----------------------------------------------------------------------------

    def _continuation_pass(self, found: list[Candidate | None]) -> None:
        """Passages with no cue: a continuation of the previous speaker's quote in the same or
        the next paragraph (the quote paragraphs of a long statement), or a quote resumed
        after its cue clause."""
        rules_found = list(found)  # continuations inherit only from passages the rules found
        quotable = self._quotable  # (the rules pass's, of these passages)
        assert len(quotable) == len(found), "the rules pass just before gives the passages"
        for i, span in enumerate(islice(self.ctx.spans, len(found))):
            if found[i] is not None or not quotable[i]:
                continue  # attributed already, or no quote: a title ('on CNN's “State of …”')
            if self._is_speech_like(span):
                j = self._previous_attributed(i, rules_found)
                rule = "continuation"
                speaker = self._reported_speaker_between(j, span) if j is not None else None
                if speaker is not None:  # 'Ana Ruiz called it a trap. “We will not sign.”'
                    found[i] = Candidate(speaker, "", "reported_then_quote")
                    continue
            else:
                j = self._resumed_after_cue(i, rules_found)
                rule = "resumed_after_cue"
            if j is not None:
                prev = found[j]
                assert prev is not None
                found[i] = Candidate(prev.mention, prev.cue, rule, inherit=j)

    def _reported_speaker_between(self, j: int, span: QuotedSpan) -> str | None:
        """A person who opens a sentence with a cue between quote ``j`` and ``span``, in the
        paragraph of ``span`` or the one before: the new speaker, not a continuation."""
        after = self.ctx.spans[j].end
        here = self.ctx.paragraph_of(span.start)
        found = None
        people = self.ctx.people
        for p_pos, name, _ in islice(people, bisect_right(self.ctx.people_starts, after), None):
            if p_pos >= span.start:
                break
            if here - self.ctx.paragraph_of(p_pos) > 1:
                continue
            s_start, s_end = self.ctx.sentence_of(p_pos)
            lead = self.text[s_start:p_pos]
            if not all(w[:1].isupper() for w in lead.split()) and not lead.endswith(", "):
                continue  # not the sentence's subject (or a name in apposition to it)
            if _CUE_RE.search(self.text, p_pos, min(s_end, span.start)):
                found = name  # (the mention starts at its titles: 'House Speaker Paul Ryan')
        return found

    def _is_speech_like(self, span: QuotedSpan) -> bool:
        """A passage long enough to be speech, not a title or a scare-quoted word."""
        # (six parts at most: the words past the sixth are not split apart)
        return len(self.text[span.start : span.end].split(None, 5)) >= 6

    def _resumed_after_cue(self, index: int, found: list[Candidate | None]) -> int | None:
        """“Here comes the boss,” she said, laughing. “The big man.”: the same speaker resumes.

        Only when the previous passage was attributed by the cue clause that sits between
        the two, in the same paragraph, with nothing else in between.
        """
        if index == 0 or found[index - 1] is None:
            return None
        lo, hi = self.ctx.spans[index - 1].end + 1, self.ctx.spans[index].start - 1
        gap = self.text[lo:hi]
        if "\n" in gap or len(gap) > 200:
            return None
        cue = _CUE_RE.search(gap)
        if cue is None:
            return None
        if len(gap) > 60 and (
            cue.start() > 30 or self.ctx.sentence_of(lo)[0] != self.ctx.sentence_of(hi - 2)[0]
        ):
            return None  # a long gap only when it is the cue clause, one sentence: '“…,” said
            # Ana Ruiz, a lawyer at Holt & Berg, who represents the county. “…”'
        return index - 1

    def _previous_attributed(self, index: int, found: list[Candidate | None]) -> int | None:
        here = self.ctx.paragraph_of(self.ctx.spans[index].start)
        for j in range(index - 1, -1, -1):
            if found[j] is None:
                continue
            if here - self.ctx.paragraph_of(self.ctx.spans[j].start) <= 1:
                return j
            return None
        return None

    # -- pass 4 ----------------------------------------------------------------------------

    def _resolution_pass(self, found: list[Candidate | None]) -> list[RuleQuote]:
        by_index: dict[int, RuleQuote] = {}
        self._resolved = []  # (this pass's own: a pass run before leaves nothing in it)
        self._pronoun_sexes = {}
        sexes = self._pronoun_sexes
        for i, candidate in enumerate(found):
            if candidate is None:
                continue
            span = self.ctx.spans[i]
            start, end = quote_bounds(self.text, span)
            if candidate.inherit is not None:
                parent = by_index.get(candidate.inherit)
                if parent is None:
                    continue
                quote = RuleQuote(
                    start,
                    end,
                    parent.speaker,
                    parent.speaker_kind,
                    candidate.cue,
                    candidate.mention,
                    candidate.rule,
                )
            else:
                speaker, kind = self.resolve(candidate.mention, span.start)
                if not speaker:
                    continue
                if kind == "named" and candidate.mention in _SEXED_PRONOUNS:
                    sexes.setdefault(speaker, _SEXED_PRONOUNS[candidate.mention])
                quote = RuleQuote(
                    start, end, speaker, kind, candidate.cue.strip(), candidate.mention,
                    candidate.rule,
                )  # fmt: skip
            by_index[i] = quote
            if candidate.rule not in ("continuation", "resumed_after_cue"):
                self._resolved.append(quote)
        return [by_index[i] for i in sorted(by_index)]

    # -- speakers ----------------------------------------------------------------------------

    def resolve(self, mention: str, pos: int) -> tuple[str, SpeakerKind]:
        """The speaker a mention at ``pos`` stands for, and its kind; ("", ...) for nobody."""
        known = self._resolved_mentions.get(mention)
        if known is not None:
            return known
        self._used_position = False
        # (rare: one search of the mention, which is then remembered)
        glued = _after_glued_word(mention.split()) if _GLUE.search(mention) else None
        speaker, kind = self._resolve(" ".join(glued) if glued else mention, pos)
        speaker = clean_speaker(speaker)
        if (
            speaker[:4] in ("The ", "the ")
            and speaker[4:5].isupper()
            and (kind == "organization" or _is_body(speaker[4:].split()))
        ):  # 'The Justice Department' is the 'Justice Department' that 'it' stands for
            speaker, kind = speaker[4:], "organization"
        found = (speaker, kind)
        if not self._used_position:  # a name means the same wherever it is: remembered
            self._resolved_mentions[mention] = found
        return found

    def _resolve(self, mention: str, pos: int) -> tuple[str, SpeakerKind]:
        words = mention.split()
        while len(words) > 1 and words[0].lower() in _LEADING_DROPS:
            if words[0].lower() == "those" and words[1] in _CLOSE:
                break  # 'Those close to the mayor'
            words.pop(0)  # 'Even China'
        mention = " ".join(words)
        low = mention.lower().split()  # (each word lowercased: ``lower()`` makes no space)
        if not words:
            return "", "named"
        if len(words) == 1 and low[0] in PRONOUN_SPEAKERS:
            return self._resolve_pronoun(low[0], pos)
        if low[0].endswith(("’s", "'s")) and len(words) > 1:
            if len(words) < 3 or not (words[-1][:1].isupper() and words[-2][:1].isupper()):
                # a description: 'Obama's former campaign strategist', "Clinton's campaign";
                # people it does not name: "Trump's aides", "Rudolph's supporters"
                if low[-1] in lex.ORG_WORDS:
                    return mention, "organization"
                return mention, "anonymous" if low[-1] in _ANONYMOUS_PLURALS else "named"
            # a name after the owner's description: "KTVB's Ana Ruiz", "Peru's
            # Ambassador to the United Nations Tom Abel" -> the person, as below
            words, low = words[1:], low[1:]
            mention = " ".join(words)
        # 'union leader Tom Berg', 'council member Claire Sato': descriptors before a name
        # ('spokeswoman Smith', 'council member Doe': a role right before a surname alone)
        k = (
            0
            if words[0][:1].isupper()
            else next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
        )
        if (
            k
            and (
                (
                    len(words) - k >= 2
                    and (low[0] not in lex.DETERMINERS or low[k - 1] in _DESCRIPTORS)
                )
                or (
                    len(words) - k == 1
                    and low[0] not in lex.DETERMINERS
                    and low[k - 1] in _ROLE_BEFORE_SURNAME
                )
            )
            and all(w[:1].isupper() or w in lex.NAME_PARTICLES for w in words[k:])
        ):
            words, low = words[k:], low[k:]
            mention = " ".join(words)
        if (
            low[0] in _INDEFINITE
            or (len(low) > 2 and low[1] == "of" and low[0] in lex.QUANTITY_HEADS)
            or (len(low) > 2 and low[1] in _CLOSE)  # 'Sources close to …', 'People familiar
            # with …', 'Those close to …': people the article does not name
            or (len(low) == 1 and low[0] in _ANONYMOUS_PLURALS)  # 'Officials', 'Critics'
            or (  # 'Aviation analysts', 'Iraqi officials', 'Human rights groups'
                len(low) > 1
                and words[-1].islower()
                and (low[-1] in _ANONYMOUS_PLURALS or low[-1] in _GROUPS)
                and low[0] not in ("the", "his", "her", "their", "its")
                and not low[0].endswith(("’s", "'s"))
                and not _AND_OTHERS.search(mention)  # 'Cruz and his aides': someone named
            )
        ) or (
            not mention[0].isupper()
            and (_ANONYMOUS_HEADS.search(mention) or (mention.islower() and low[-1] in _GROUPS))
            and low[0] != "the"
        ):
            return mention, "anonymous"  # 'officials', 'human rights groups'

        if low[0] == "the" or low[0] in {"his", "her", "their", "its"}:
            after_role = _NAME_AFTER_ROLE.search(mention)
            if after_role and after_role["role"] in _ROLES_BEFORE_NAME:
                # "The AAM's music director Richard Egarr" -> the person named
                return tidy_name(after_role["name"]), "named"
            head = low[-1].strip(".,")
            if head in lex.ORG_WORDS:
                return mention, "organization"  # 'the General Assembly': not a general
            # rules-16: 'the candidate’s former doctor' is no one found near the word 'doctor'
            # (that is the candidate, most often), only someone the article titled so (but 'the
            # zoo’s director' may be the name beside it)
            owned = any(w[:-2] in _PERSON_ROLES for w in low[1:-1] if w.endswith(("’s", "'s")))
            qualifiers = [
                w.lower() for w in words[1:-1] if w[:1].isupper() and w[-2:] not in ("’s", "'s")
            ]  # ('the California congressman': California, beside the name too)
            named = (
                None  # 'The Republican nominee and his aides': a group, no one person
                if "and" in low and _AND_OTHERS.search(mention)
                else self._resolve_role(low, pos, near=not owned, qualifiers=qualifiers)
            )
            if named:
                return named, "named"
            if (
                len(words) > 2
                and words[-1] in self.ctx.surnames
                and all(w.islower() or w[:1].isdigit() for w in words[1:-1])
            ):  # rules-12: 'the 14th-ranked Ruiz', 'the veteran Ruiz': the person so named
                return self._resolve(words[-1], pos)
            if any(w[:1].isupper() for w in words[1:]):
                return mention, "named"
            if _ANONYMOUS_HEADS.search(mention):
                return mention, "anonymous"
            return mention, "named"
        if len(words) == 1 and low[0].strip(".,") in _PERSON_TITLES:
            # a title alone ('CEO', 'Mayor'): the person with that role, else no one
            named = self._resolve_role(low, pos)
            return (named, "named") if named else ("", "named")
        # a body's name glued to a person's, its comma lost ('the editorial board of the
        # Daily Ledger Ruiz said'): the person the article names
        if len(words) >= 3 and words[-1] in self.ctx.full_names:
            org = max((i for i, w in enumerate(low[:-1]) if w in lex.ORG_WORDS), default=-1)
            if org >= 0 and len(words) - org <= 3:
                words, low = words[org + 1 :], low[org + 1 :]
                mention = " ".join(words)
        # a capitalized mention: a person or an organization, by its head
        if _is_body(words) or (len(words) == 1 and self._is_acronym(words[0])):
            return mention, "organization"
        # the name follows the last title word: 'Charlotte Mayor Jennifer Roberts' -> the name
        last_title = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(",") in lex.TITLES),
            default=-1,
        )  # a title is followed by a name: 'Charlie King' is not King Charlie
        core = words[last_title + 1 :] or [
            w for w in words if w.lower().strip(",") not in lex.TITLES
        ]
        if core and core[0] in _OFFICE_JOINTS and len(core) >= 3 and core[-2][:1].isupper():
            # 'Governor of Washington Chris Gregoire', 'Ambassador to the United Nations
            # Samantha Power' -> the name after the office
            core = name_after_office(core[2:] if core[1] == "the" else core[1:])
        if "of" in core[1:]:
            core = core[: core.index("of", 1)]  # 'Ana Ruiz of Maple County' -> 'Ana Ruiz'
        core = name_after_description(core)
        if (
            len(core) > 2
            and core[-2] in _ROLES_BEFORE_NAME
            and core[-1][:1].isupper()
            and core[-1] in self.ctx.full_names
        ):  # 'Ex-Killie and Hearts player Locke': the surname after the role, as named before
            core = core[-1:]
        if len(core) == 1 and last_title < 0 and low[0] in lex.DOCUMENT_WORDS:
            return mention, "named"  # a document: 'Video of the incident shows …', 'Data show'
        if not core:
            named = self._resolve_role(low, pos)
            return (named, "named") if named else (mention, "named")
        if len(core) == 1 and not self._names_someone(core[0], words):
            group = core[0].lower()
            if len(words) == 1 and (
                group.endswith(_PEOPLE_PLURALS) or group in lex.ANONYMOUS_HEADS
            ):
                return mention, "anonymous"  # a group: 'Demonstrators', 'Protesters'
            return "", "named"  # a lone common word: 'Securities'
        name = " ".join(core)
        if len(core) == 2 and core[0] in _HONOURS:
            # 'Sir Peter' after 'Sir Peter Lampl': an honour before a first name, the person
            # the article named in full
            longer = [n for n in self.ctx.people_names if n.startswith(name + " ")]
            if len(longer) == 1:
                name = longer[0]
        if len(core) == 1:
            courtesy = {w.lower() for w in words[: last_title + 1]}
            want = (
                "f"
                if courtesy & lex.COURTESY_FEMININE
                else "m"
                if courtesy & lex.COURTESY_MASCULINE
                else None
            )
            if want is None:
                # 'President Obama', 'Obama' where the article writes 'Mr. Obama': not
                # 'Michelle Obama'
                want = self.ctx.gender.get(core[0])
            full = self._full_name(core[0], want)
            if full:
                name = full
            elif want and last_title >= 0:
                name = " ".join(words[last_title:])  # 'Mrs. Trump', no woman of that name
        return tidy_name(name), "named"

    def _is_acronym(self, word: str) -> bool:
        """An agency's or a body's initials ('KCNA', 'NASA'): two to six capitals, in an
        article that never writes the word otherwise ('TRUMP' beside 'Trump' is a name)."""
        return (
            2 <= len(word) <= 6
            and word.isalpha()
            and word.isupper()
            and word not in self.ctx.full_names
            and word.lower() not in _PERSON_TITLES  # 'CEO'
            and word.capitalize() not in self.text
        )

    def _names_someone(self, word: str, words: list[str]) -> bool:
        """Whether a single capitalized word names someone: a surname or first name in the
        article, a titled mention ('Sen. Cruz'), an acronym ('NATO') or a word seen capitalized
        elsewhere mid-sentence."""
        if len(words) > 1 or word in self.ctx.full_names or word.isupper():
            return True
        low = word.lower()
        if low in lex.NOT_SPEAKERS or is_adverb(low):
            return False
        if word in self.ctx.surnames:
            return True
        if low.endswith(_PLURAL_ENDINGS) and low not in _FIRST_NAMES:
            return False  # a bare common noun: 'Securities', 'European'
        if low.endswith("s") and self.ctx.writes_lowercase(low[:-1]):
            return False  # 'Debates' where the article writes 'debate'
        return not self.ctx.writes_lowercase(low)  # a word the article never writes lowercase

    def _role_holder(self, name: str) -> str:
        """A person's full name for role resolution; a surname alone keeps to the gender the
        article gives it ('President Obama', elsewhere 'Mr. Obama', is not 'Michelle Obama')."""
        if " " in name or name not in self.ctx.gender:
            return self.ctx.full_names.get(name.split()[-1], name)
        return self._full_name(name, self.ctx.gender[name]) or name

    def _full_name(self, surname: str, want: str | None) -> str | None:
        """The full name for a surname; with a courtesy title, only one of that gender."""
        names = self.ctx.names_by_surname.get(surname, [])
        if want is None:
            full = self.ctx.full_names.get(surname)
            return full if full and full.split()[-1] == surname else None
        for name in names:
            if self.ctx.gender.get(name) == want:
                return name
        unknown = [n for n in names if n not in self.ctx.gender]
        return unknown[0] if len(unknown) == 1 and len(names) == 1 else None

    def _resolve_pronoun(self, pronoun: str, pos: int) -> tuple[str, SpeakerKind]:
        """The most recent compatible speaker, else named person, before ``pos``: first among
        the speakers just quoted, then people of the pronoun's gender (or with a title), then
        anyone named. 'it' and 'they' stand for the last body or group quoted."""
        self._used_position = True
        want = "f" if pronoun == "she" else "m" if pronoun == "he" else None
        here = self.ctx.paragraph_of(pos)
        resolved = self._resolved
        # an unnamed person of that sex opening a nearer sentence ('The boy's mother told …'),
        # looked for only when a candidate has to be weighed against it
        described: tuple[int, str] | None = None
        looked = False

        def nearer(at: int, introduced: bool = True) -> tuple[int, str] | None:
            nonlocal described, looked
            if not want:
                return None
            if not looked:
                described, looked = self._described_before(pos, want), True
            if described and described[0] > at and (not introduced or _introduces(described[1])):
                return described
            return None

        # resolving reported speech after the quotes: only those before (in article order)
        for k in range(bisect_left(resolved, pos, key=lambda q: q.start) - 1, -1, -1):
            q = resolved[k]
            if here - self.ctx.paragraph_of(q.start) > 2:
                break
            if pronoun in ("it", "they"):
                if pronoun == "it" and q.speaker_kind == "anonymous" and _is_person(q.speaker):
                    continue  # 'it' is never 'the head teacher'
                if q.speaker_kind in ("organization", "anonymous") or pronoun == "they":
                    return q.speaker, q.speaker_kind
                continue
            if (
                q.speaker_kind == "anonymous"
                and want
                and _SEX_OF_NOUN.get(_head_noun(q.speaker)) == want
            ):
                newer = self._subject_since(q.end, pos, want)
                if newer:
                    return newer, "named"
                if found := nearer(q.end):
                    return found[1], "anonymous"
                return q.speaker, "anonymous"  # 'a spokeswoman said. “…,” she added'
            if q.rule == "lead_in_paragraph" and q.cue in _WRITING_CUES and want:
                # an excerpt of someone's writing ('McCrummen reports:\n\n"Melanie thought …'):
                # narration, whose subjects are antecedents as the article's own are
                inside = self._surname_subjects(q.start, pos, want)
                if inside:
                    return inside[-1][1], "named"
            if q.speaker_kind != "named" or q.speaker.lower() in PRONOUN_SPEAKERS:
                continue
            gender = (
                self.ctx.gender.get(q.speaker)
                or self.ctx.full_name_sexes.get(q.speaker)
                or _title_sex(q.speaker)  # 'Ms Marwick', no woman of that name: not 'he'
                or self._pronoun_sexes.get(q.speaker)
            )
            if want and gender and gender != want:
                continue
            newer = self._subject_since(q.end, pos, want)
            if newer is None and (found := nearer(q.end)):
                return found[1], "anonymous"
            if newer and q.speaker.endswith((" " + newer, "-" + newer)):
                newer = q.speaker  # 'Mr Mekdad said …' after 'Faisal al-Mekdad': the same man
            return (newer or q.speaker), "named"
        if pronoun in ("it", "they"):
            body = self.ctx.body_before(pos)
            return (body, "organization") if body else ("", "organization")
        if pronoun in ("i", "we"):
            return "", "named"  # no one quoted near: the writer, not a name the article gives
        people = self.ctx.people
        fallback = subject = None
        fallback_at = subject_at = -1
        for k in range(bisect_left(self.ctx.people_starts, pos) - 1, -1, -1):
            _, name, titles = people[k]
            if want and self.ctx.no_person(name):
                continue  # 'the General Assembly', 'Cleveland Metroparks Zoo': not he or she
            full = self.ctx.full_names.get(name.split()[-1], name)
            if " " in name and full.split(None, 1)[0] != name.split(None, 1)[0]:
                full = name  # rules-15: 'Ilse Berg' is not 'Daniel Ruiz Berg', named first
            gender = (
                self.ctx.gender.get(full)
                or self.ctx.gender.get(name)
                or self.ctx.full_name_sexes.get(full)
                or self._pronoun_sexes.get(full)
            )
            if want and gender and gender != want:
                continue
            if found := nearer(people[k][0]):
                return found[1], "anonymous"
            if gender or titles or not want:
                # a first name or surname alone opening a later sentence is nearer ('Melanie
                # thought … “…,” she said': not the reporter named before her)
                lo = max(people[k][0], self.ctx.paragraphs[max(0, here - 2)][0])
                alone = [
                    (at, one)
                    for at, one in self._surname_subjects(lo, pos, want)
                    if (
                        " " not in one
                        and one not in name.split()
                        and one.lower() not in _NOT_ALONE
                        and not one.endswith("s")  # 'Blues', 'Democrats' (or 'Evans')
                        and self.text.count(one) >= 3
                    )
                    # or the surname of someone named before ('Ana Ruiz … the sacking of Tom
                    # Berg. Ruiz, who …, has not been asked. But she said: “…”')
                    # (or this very person, opening a later sentence: nearer than another)
                    or one == full
                    or (
                        " " in one
                        and one.split()[-1] != name.split()[-1]
                        and self._named_before(one, at)
                    )
                ]
                return (alone[-1][1] if alone else full), "named"
            if fallback is None:
                fallback, fallback_at = full, people[k][0]
            if subject is None and self._opens_sentence(people[k][0]):
                subject, subject_at = full, people[k][0]
        # a sentence's subject before the nearest name inside a sentence ('… in line with the
        # United States'), else a surname alone opening a sentence ('But Evans is desperate …')
        surname = None if subject else self._surname_subject_before(pos, want)
        chosen_at = subject_at if subject else surname[0] if surname else fallback_at
        fallback = subject or (surname[1] if surname else None) or fallback
        if not fallback and (found := nearer(-1, introduced=False)):
            return found[1], "anonymous"
        # no one of that sex is named: an unnamed person in a role who spoke nearer than any
        # name of unknown sex ('A head teacher at one of the schools said …' before 'she')
        role = self._described_before(pos, "") if want else None
        if role and role[0] > chosen_at:
            return role[1], "anonymous"
        return (fallback, "named") if fallback else (pronoun, "named")

    def _named_before(self, name: str, pos: int) -> bool:
        """Whether the article writes the full ``name`` before ``pos`` (in a quotation too)."""
        return self.text.find(name, 0, pos) >= 0

    def _described_before(self, pos: int, want: str) -> tuple[int, str] | None:
        """(where, description) of the latest unnamed person of the wanted sex ("": in a role
        that gives no sex) who opens a sentence with a verb of speech, in this paragraph or the
        two before ('The boy's mother told the BBC …'), outside quotations; else None."""
        here = self.ctx.paragraph_of(pos)
        lo = self.ctx.paragraphs[max(0, here - 2)][0]
        if not (
            self._sexed.between(lo, pos, want)
            if self._sexed is not None and want
            else _has_sexed_noun(self.text, lo, pos, want)
        ):
            return None  # (no such noun there: no sentence to try)
        starts = self.ctx.sentence_starts
        found = None
        for s in islice(starts, bisect_left(starts, lo), bisect_left(starts, pos)):
            m = _DESCRIBED_SUBJECT.match(self.text, s, pos)
            if m and (
                _SEX_OF_NOUN.get(m["head"]) == want
                if want
                else m["head"] in _ROLE_HEADS and m["head"] not in _SEX_OF_NOUN
            ):
                found = (m.start("np"), m["np"])
        return found

    def _surname_subject_before(self, pos: int, want: str | None) -> tuple[int, str] | None:
        """(where, full name) of the nearest surname alone that opens a sentence with its verb
        ('But Evans is desperate not to …', 'Evans noted'), in this paragraph or the two
        before: a word the article writes capitalized more than once and never in lowercase."""
        here = self.ctx.paragraph_of(pos)
        found = self._surname_subjects(self.ctx.paragraphs[max(0, here - 2)][0], pos, want)
        return found[-1] if found else None

    def _surname_subjects(self, lo: int, pos: int, want: str | None) -> list[tuple[int, str]]:
        """(where, full name) of each surname alone of the wanted gender that opens a sentence
        with its verb between ``lo`` and ``pos`` (see :meth:`_surname_subject_before`)."""
        found = []
        starts = self.ctx.sentence_starts
        at_starts = (
            _SURNAME_SUBJECT.match(self.text, s, pos)
            for s in islice(starts, bisect_left(starts, lo), bisect_left(starts, pos))
        )  # (a sentence's start: never inside a quotation, which a sentence keeps whole)
        for m in at_starts:
            if m is None:
                continue
            word = m["name"]
            if (
                word.lower() in _SKIP_FIRST
                or self.text.count(word) < 2
                or self.ctx.writes_lowercase(word.lower())
            ):
                continue
            full = self.ctx.full_names.get(word, word)
            gender = self.ctx.gender.get(full) or self.ctx.gender.get(word)
            if want and gender and gender != want:
                continue
            found.append((m.start("name"), full))
        return found

    def _opens_sentence(self, pos: int) -> bool:
        """Whether the name at ``pos`` is its sentence's subject: only capitalized words and
        roles before it in its sentence ('But', 'Environment Canada spokeswoman')."""
        s_start = self.ctx.sentence_of(pos)[0]
        return all(w[:1].isupper() or w in _OFFICE_TITLES for w in self.text[s_start:pos].split())

    def _subject_since(self, after: int, pos: int, want: str | None) -> str | None:
        """A person of the wanted gender who opens a sentence between ``after`` and ``pos``,
        in this paragraph or the one before ('Ana Ruiz, the chief, said X. “…,” she added': she
        is Ana Ruiz, not the speaker quoted before her), the latest; else None."""
        here = self.ctx.paragraph_of(pos)
        starts = self.ctx.sentence_starts
        found, found_at = None, after
        people = self.ctx.people
        for p_pos, name, _ in islice(people, bisect_right(self.ctx.people_starts, after), None):
            if p_pos >= pos:
                break
            if here - self.ctx.paragraph_of(p_pos) > 1:
                continue
            s_start = starts[max(0, bisect_right(starts, p_pos) - 1)]
            lead = self.text[s_start:p_pos].split()
            if not all(w[:1].isupper() or w.rstrip(",") in _LEAD_ROLES for w in lead) and not (
                _after_opening_phrase(lead)
            ):  # (rules-13: a role before the name: 'Transport councillor Ian Ward said …',
                # 'Barry's mother, Irene Pring, said …')
                continue  # not the sentence's subject ('… said of Ana Ruiz')
            then = self.text[p_pos + len(name) : p_pos + len(name) + 30].split(None, 1)
            if then and (then[0] in _ANONYMOUS_PLURALS or then[0] in _GROUPS):
                continue  # a modifier: 'Wall Street analysts', 'Democratic lawmakers'
            full = self.ctx.full_names.get(name.split()[-1], name)
            gender = self.ctx.gender.get(full) or self.ctx.gender.get(name)
            if want and gender and gender != want:
                continue
            found, found_at = full, p_pos
        # or the surname of a person named before, alone, opening a later sentence ('“…,” Ruiz
        # said. Berg said …, and he …')
        lo = max(after, self.ctx.paragraphs[max(0, here - 1)][0])
        named = [
            (at, full)
            for at, full in self._surname_subjects(max(lo, found_at), pos, want)
            if " " in full and self.text[at - 1] not in '“"'  # (not a quotation's subject)
        ]
        return named[-1][1] if named else found

    @staticmethod
    def _role_beside(context: str, role: str, at: int) -> bool:
        """Whether ``role`` is a word of ``context`` that may describe the name at ``at``:
        after it, or before it with no verb of speech nor capitalized word between ('the judge
        said Ana Ruiz had …': Ana Ruiz is no judge; 'nominee Ana Ruiz against Democrat Tom
        Berg': Tom Berg is no nominee)."""
        low = context.lower()
        for m in _whole_word(role).finditer(low):
            if m.end() > at:
                return True
            between = context[m.end() : at]
            if between == low[m.end() : at] and not _CUE_RE.search(low, m.end(), at):
                return True
        return False

    def _resolve_role(
        self, words: list[str], pos: int, near: bool = True, qualifiers: Sequence[str] = ()
    ) -> str | None:
        """'the senator' -> the most recent person introduced with that role (or, ``near``,
        named near the role's word, with the description's ``qualifiers`` beside it too: 'the
        Democratic nominee' is no one named 'Republican nominee')."""
        head = words[-1].strip(".,") if words else ""
        if head in lex.ROLE_WORDS:
            roles = {head}  # 'the Republican nominee': a nominee, not anyone titled Republican
        else:
            roles = {w.strip(".,") for w in words} & lex.ROLE_WORDS
        if not roles:
            return None
        self._used_position = True
        titled = near_name = None  # the last person with the role as a title; the last near it
        for p_pos, name, titles in self.ctx.people:
            if p_pos >= pos:
                break
            full = self._role_holder(name)
            if roles & set(titles) or roles & {_ROLE_OF_TITLE.get(t) for t in titles}:
                titled = full
            elif titles or self.ctx.gender.get(full):  # a person, not 'New York'
                # (not in a sentence before the name's: 'The judge ordered it closed. Ana
                # Ruiz, 43, …' is no judge)
                lo = max(self.ctx.sentence_of(p_pos)[0], p_pos - 60)
                context = self.text[lo : p_pos + len(name) + 60]
                low = context.lower()
                if any(
                    r in low and self._role_beside(context, r, p_pos - lo) for r in roles
                ) and all(_whole_word(q).search(low) for q in qualifiers):
                    near_name = full
        return titled or (near_name if near else None)


_PERSON_ROLES = lex.ROLE_WORDS | lex.TITLES
#: the role an abbreviated title stands for: 'Sen. Ana Ruiz' is 'the senator'
_ROLE_OF_TITLE = {
    f"{abbreviation}{dot}": role
    for abbreviation, role in (
        ("sen", "senator"),
        ("gov", "governor"),
        ("rep", "representative"),
        ("gen", "general"),
        ("prof", "professor"),
    )
    for dot in ("", ".")
    if role in lex.ROLE_WORDS
}
_FIRST_NAMES = lex.MASCULINE_FIRST_NAMES | lex.FEMININE_FIRST_NAMES
_LEADING_MARKS = "<>*•·#|-–—([{"
_TRAILING_NOT_NAME = lex.TRAILING_ADVERBS | frozenset(("almost", "too", "all", "both"))
_TRAILING_TIME = re.compile(
    r"\s+(?:(?:in|on|at|last|this|since)\s+(?:\d{4}|"
    + "|".join(sorted(w.capitalize() for w in lex.WEEKDAYS | lex.MONTHS))
    + r"|week|month|year|night|morning)(?:\s+(?:morning|afternoon|evening|night))?"
    + r"|last\s+\w+|all|both)$"
)


_TIME_BEFORE_LAST = frozenset(("in", "on", "at", "last", "this", "since"))


#: honours that are part of a name and give its sex
_HONOURS = {"Dame": "f", "Lady": "f", "Sir": "m", "Lord": "m"}


_SEXED_PRONOUNS = {"he": "m", "He": "m", "she": "f", "She": "f"}


def _title_sex(speaker: str) -> str | None:
    """'f' or 'm' that a speaker's courtesy title gives ('Ms Marwick', 'Mr. Tate'), else None."""
    first = speaker.partition(" ")[0].lower()
    if first in lex.COURTESY_FEMININE:
        return "f"
    return "m" if first in lex.COURTESY_MASCULINE else None


def _after_opening_phrase(lead: list[str]) -> bool:
    """Whether the words before a name are an opening phrase and its comma, then titles or
    roles: 'In a statement on Tuesday, presidential nominee [Ana Ruiz]', 'After the vote,
    [Ana Ruiz]' (the name is the clause's subject); not a list ('cited Lee, [Ana Ruiz]')."""
    commas = [i for i, w in enumerate(lead) if w.endswith(",")]
    if len(commas) != 1 or commas[0] > 12:
        return False
    first = lead[0].lower()
    if first not in _OPENING_WORDS and not (first.endswith("ing") and lead[0][:1].isupper()):
        return False
    lower = [w for w in lead[commas[0] + 1 :] if not w[:1].isupper()]
    # (lowercase words only as a role before the name: 'presidential nominee', 'council
    # candidate')
    return not lower or (len(lower) <= 3 and lower[-1] in lex.ROLE_WORDS)


_OPENING_WORDS = lex.PREPOSITIONS_LEADING | frozenset(
    ["in", "on", "at", "with", "when", "as", "while", "though", "asked", "earlier", "later"]
)


def _without_trailing_time(speaker: str) -> str:
    """``speaker`` without the time that ends it (:data:`_TRAILING_TIME`), the expression tried
    only when the last word or the one before it can be the one it starts with."""
    return _TRAILING_TIME.sub("", speaker) if _may_end_in_time(speaker.split()) else speaker


def _may_end_in_time(words: list[str]) -> bool:
    """Whether :data:`_TRAILING_TIME` can match at the end of the words ``words``: their last
    word or the one before it is one its match can start with."""
    return (
        words[-1:] in (["all"], ["both"])
        or (len(words) > 1 and words[-2] in _TIME_BEFORE_LAST)
        or (len(words) > 2 and words[-3] in _TIME_BEFORE_LAST and words[-1] in _PARTS_OF_DAY)
    )


_PARTS_OF_DAY = frozenset(("morning", "afternoon", "evening", "night"))


@lru_cache(maxsize=8192)
def clean_speaker(speaker: str) -> str:
    """A resolved speaker as the output shows it, or '' for nobody: without quotation marks
    or a time after it ('federal prosecutors in April' -> 'federal prosecutors'); nobody when
    it is an unresolved pronoun, a preposition's phrase ('from Texas'), a contraction ('That's
    Mexico'), a word with a dash inside ('Tribune–which …') or a label ('The Latest')."""
    speaker = _without_double_apostrophes(speaker).strip(" ,;:").lstrip(_LEADING_MARKS)
    if speaker[:2] in ("' ", "‘ "):
        speaker = speaker[2:]  # a quotation mark before the speaker, not an apostrophe
    speaker = _unglued(speaker)
    if not speaker:
        return ""
    words = speaker.split()
    if speaker.endswith(".") and not _ABBREV.match(words[-1]):
        speaker = speaker[:-1]  # 'Richard Pryor.' but 'John Roberts Jr.', 'the U.N.'
        words = speaker.split()
    if _may_end_in_time(words):  # (else :func:`_without_trailing_time` leaves it as it is)
        untimed = _TRAILING_TIME.sub("", speaker)
        untimed_words = untimed.split()
        if not untimed_words or not untimed_words[-1].endswith("ed"):
            # 'the Times on Saturday' -> 'the Times'; not 'a report released'
            speaker, words = untimed, untimed_words
    while len(words) > 1 and words[-1].lower() in _TRAILING_NOT_NAME:
        words.pop()  # 'World leaders and diplomats almost' -> 'World leaders and diplomats'
    speaker = " ".join(words)
    if not words:
        return ""
    # (the words lowercased: the speaker's words are joined by single spaces, which ``lower()``
    # keeps as they are, making no other)
    lowered = speaker.lower()
    low = lowered.split()
    if (
        low[0] in _PREPOSITION_FIRST
        or low[0] in lex.INDEFINITE_PRONOUNS
        or (  # a headline's verb before a name: 'Hold Melania Trump', 'Say Mexico'
            len(words) > 1
            and words[1][:1].isupper()
            and low[0] in lex.STANCE_VERBS
            and low[0] not in lex.TITLES
            and not first_name_gender(speaker)
        )
    ):
        return ""
    if (
        (len(words) == 1 and low[0] in lex.PRONOUNS)
        or low[0] in lex.CIRCUMSTANCE_STARTS
        or (words[0].islower() and is_adverb(low[0]))
        or low[-1] in lex.FUNCTION_WORDS
        or (  # (an apostrophe in the speaker: else no word ends in one)
            ("'" in speaker or "’" in speaker)
            and any(w.endswith(("'s", "’s")) and w[:-2] in ("that", "it", "there") for w in low)
        )
        or (  # (a dash in the speaker: else none inside a word)
            ("–" in speaker or "—" in speaker) and any(c in w[1:-1] for w in words for c in "–—")
        )
        or (
            (label := lowered.removeprefix("the ")) in lex.NOT_SPEAKER_LABELS
            and label not in lex.DOCUMENT_WORDS  # 'Video shows …'; 'Video: …' is no cue
        )
        or (len(words) == 1 and low[0] in lex.NOT_SPEAKERS)
        or (words[0].islower() and low[0] not in lex.DETERMINERS and not _head_is_someone(low))
        or (
            "to" in low  # (else no word is 'to')
            and any(
                w == "to"
                and i + 1 < len(low)
                and words[i + 1].islower()
                and low[i + 1] not in lex.DETERMINERS
                and not (low[i - 1] == "close" and low[i + 1] in _OBJECT_PRONOUNS)  # 'close to him'
                for i, w in enumerate(low[1:], 1)
            )
        )
    ):
        return ""  # 'crass behavior by Lee', 'voters to reject the plan after …'
    if (
        len(words) > 1
        and words[1][:1].isupper()
        and "-" in low[0]
        and (low[0].endswith(_DESCRIBING_SUFFIXES) or _KIN_OF.fullmatch(low[0]))
    ):
        return " ".join(words[1:])  # rules-15: 'Perth-born Evans' -> 'Evans', 'Mother-of-two
        # Ana Ruiz' -> 'Ana Ruiz': a description before the name
    return speaker


# 'mother-of-two', 'grandfather-of-five': a description by one's children
_KIN_OF = re.compile(r"(?:grand|great-grand)?(?:mother|father|mum|mom|dad|parent)-of-[a-z]+")


# a capitalized word inside a mention that starts a new sentence: the mention is two glued
_NEW_SENTENCE_FROM = frozenset(["The", "A", "An", "This", "These", "Those"])
_NEW_SENTENCE_AFTER = frozenset(["But", "And", "So", "Yet", "However", "Meanwhile", "Then"])
_CLAUSE_WORDS = frozenset(["Here", "There", "It", "He", "She", "They", "We", "I", "Now", "Last"])
_GLUED_SENTENCE = re.compile(r"^.*[a-z0-9,)][.!?](?=[A-Z][a-z])")  # '… in 2014.Trainer Oliver'
_GLUED_WORD = re.compile(r"^[a-z]{3,}(?=[A-Z][a-z])")  # 'linkResearchers', 'newsShe'
_AFTER_NAME = frozenset(["in", "on", "at"])
_FURNITURE_PREFIXES = tuple(furniture + " " for furniture in lex.PAGE_FURNITURE)
_SENTENCE_ENDS = frozenset(".!?")  # (what :data:`_GLUED_SENTENCE` needs one of)
_NEW_SENTENCE_WORDS = _NEW_SENTENCE_FROM | _NEW_SENTENCE_AFTER


def _unglued(speaker: str) -> str:
    """A mention without what a lost sentence break or a page's furniture glued to it: the
    part after the break ('… Gold Cup in 2014.Trainer Oliver Sherwood' -> 'Trainer Oliver
    Sherwood', 'China The researchers' -> 'The researchers', 'ESPNcricinfo But Stewart' ->
    'Stewart', 'Scroll down for video Gordon Brown' -> 'Gordon Brown'), without a sentence
    adverb before a name ('Certainly McHenry') or a place after a full name ('Selina Meyer in
    the hit comedy'); '' when what is left is a clause ('Maleficent Here', 'Luckily I') or
    shouted words ('PLAYERS HE LIKES'). (Not remembered: :func:`clean_speaker`, its one
    caller, is.)"""
    if speaker.startswith(_FURNITURE_PREFIXES):  # (else none of the loop's tests holds)
        for furniture in lex.PAGE_FURNITURE:
            if speaker.startswith(furniture + " "):
                speaker = speaker[len(furniture) + 1 :]
    if "." in speaker or "!" in speaker or "?" in speaker:  # (one of :data:`_SENTENCE_ENDS`)
        speaker = _GLUED_SENTENCE.sub("", speaker)
    words = speaker.split()
    # (the expression opens with a letter from a to z)
    if words and "a" <= words[0][0] <= "z" and _GLUED_WORD.match(words[0]):
        words[0] = _GLUED_WORD.sub("", words[0])
    # (a first word that opens with a letter and is not all capitals is a word of letters that
    # is not shouted: then no heading is)
    if not (words and words[0][:1].isalpha() and not words[0].isupper()):
        letters = [w for w in words if any(map(str.isalpha, w))]
        if (
            len(letters) >= 2
            and all(map(str.isupper, letters))
            and any(len(w.strip(".,’'")) >= 5 for w in letters)
        ):
            return ""  # a shouted heading, not a name
    if not _CLAUSE_WORDS.isdisjoint(words[1:]) or _verb_and_object(words):
        return ""
    if not _NEW_SENTENCE_WORDS.isdisjoint(words):  # (else the loop finds none)
        for i in range(len(words) - 1, 0, -1):
            w = words[i]
            if (w in _NEW_SENTENCE_FROM and words[i - 1][:1].isupper()) or w in _NEW_SENTENCE_AFTER:
                words = words[i:] if w in _NEW_SENTENCE_FROM else words[i + 1 :]
                break
    if (
        len(words) >= 2
        and _sentence_adverb(words[0])
        and not first_name_gender(" ".join(words[:2]))
    ):
        words = words[1:]  # 'Certainly McHenry', 'Luckily I' (then a pronoun: nobody)
    if len(words) >= 5 and words[0].lower() not in lex.DETERMINERS:  # (five: a word at 2..n-3)
        for j in range(2, len(words) - 2):
            if (
                words[j] in _AFTER_NAME
                and words[j + 1].islower()
                and all(w[:1].isupper() for w in words[:j])
            ):
                words = words[:j]  # 'Selina Meyer in the hit comedy' -> 'Selina Meyer'
                break
    return " ".join(words)


_OBJECT_STARTS = frozenset(["the", "a", "an", "both", "his", "her", "their", "its"])
# before a determiner in a noun phrase: 'officials at the agency', 'Jak and his family',
# 'observers in Virginia and around the country', 'Protesters marching through the streets'
_NOT_A_VERB = (
    lex.FUNCTION_WORDS
    | lex.PREPOSITIONS_LEADING
    | lex.PREPOSITIONS_ONLY
    | frozenset(["and", "or", "nor", "around", "throughout", "behind", "beyond", "inside"])
    | frozenset(["including", "excluding", "regarding", "concerning", "than", "as", "versus"])
)


def _verb_and_object(words: list[str]) -> bool:
    """A clause, not a noun phrase: a lowercase word other than a preposition or a function
    word right before a determiner ('The tourists kept both men calm', 'a survey included an
    abusive comment'); a noun phrase puts a preposition there ('officials at the agency')."""
    return (
        not _OBJECT_STARTS.isdisjoint(words)
        and any(  # (none: no word before one)
            nxt in _OBJECT_STARTS and w.islower() and w not in _NOT_A_VERB
            for w, nxt in pairwise(words[1:])
        )
    )


def _sentence_adverb(word: str) -> bool:
    """'Certainly', 'Luckily' at the head of a sentence; not a first name ('Reilly', 'Sally')."""
    if not word.endswith(_LY):  # (what a word needs whose lowercase ends in 'ly')
        return False
    low = word.lower()
    return word[:1].isupper() and len(low) >= 6 and is_adverb(low) and is_common_word(low)


# the endings of a word whose lowercase ends in 'ly' (no other letters lowercase to 'l' or 'y')
_LY = ("ly", "Ly", "lY", "LY")


_GLUED = re.compile(r"([a-z]{3,})([A-Z][\w’'-]*)")
_GLUE = re.compile(r"[a-z]{3}[A-Z]")  # (where :data:`_GLUED` may match)


def _after_glued_word(words: list[str]) -> list[str]:
    """The words from the last one glued to the word before it by a page's lost line break on
    ('other newsShe said' -> 'She', 'linkA review for …' -> 'A review for …'): what comes before
    belongs to another line. A name written so ('iPhone', 'deGrom') is left whole: the glue is
    a common word of three letters or more."""
    for i in range(len(words) - 1, -1, -1):
        glued = _GLUED.fullmatch(words[i])
        if glued and is_common_word(glued[1]):
            return [glued[2], *words[i + 1 :]]
    return words


@lru_cache(maxsize=8192)
def tidy_name(name: str) -> str:
    """A person's name without what a name run picks up around it: the title and descriptors
    before it ('Charlotte Mayor Jennifer Roberts', 'Wells Fargo CEO John Stumpf' -> the name),
    a headline's verb after it ('Chris Christie Calls Hillary Clinton' -> 'Chris Christie'),
    a weekday ('Netflix Friday' -> 'Netflix')."""
    words = name.split()
    for i, w in enumerate(words[1:], 1):
        if w[:1].isupper() and w.lower() in lex.HEADLINE_BREAKS:
            words = words[:i]
            break
    while len(words) > 1 and words[-1].lower() in lex.WEEKDAYS:
        words.pop()
    run = 0
    for w in reversed(words):
        low = w.lower().strip(".,")
        if not (w[:1].isupper() or w in lex.NAME_PARTICLES) or low in lex.TITLES:
            break
        if low in lex.ROLE_WORDS:
            break
        run += 1
    if 2 <= run < len(words):
        before = [w.lower().strip(".,") for w in words[: len(words) - run]]
        lowercase = [w for w in words[: len(words) - run] if w[:1].islower()]
        if not any(w in lex.FUNCTION_WORDS for w in lowercase) and (
            any(w in lex.TITLES or w in lex.ROLE_WORDS or not w[:1].isalpha() for w in before)
            or lowercase
        ):
            words = words[len(words) - run :]
    return " ".join(words)


@lru_cache(maxsize=8192)
def _body_of_run(run: str) -> str | None:
    """The body a run of capitalized words names ('The Justice Department' -> 'Justice
    Department'), else None (the same runs come back in every article: remembered)."""
    words = run.split()
    # (a full stop or a comma in a word is in the run; without a full stop :data:`_ABBREV`
    # matches no word, and without either ``rstrip`` leaves each as it is)
    dotted = "." in run
    ends = (
        [k + 1 for k, w in enumerate(words[:-1]) if w.endswith(".") and not _ABBREV.match(w)]
        if dotted
        else []
    )
    if ends:  # 'Monday. The Harbour Commission', 'the Court. It': the sentence of the head
        heads = [k for k, w in enumerate(words) if w.lower().strip(".,") in lex.ORG_WORDS]
        head = heads[-1] if heads else len(words) - 1
        first = max((e for e in ends if e <= head), default=0)
        words = words[first : min((e for e in ends if e > head), default=len(words))]
    if dotted or "," in run:
        words = [w if _ABBREV.match(w) else w.rstrip(".,") for w in words]  # 'U.S.' keeps its dots
    if words and words[0].lower() in lex.NOT_NAME_STARTS:
        words = words[1:]
    return " ".join(words) if words and _is_body(words) else None


# what joins the runs of one body's name: 'Bank of England', 'Department for Education',
# 'Securities and Exchange Commission'
_BODY_JOINT = re.compile(r" (?:(?:of|for) (?:the )?|and )(?=[A-Z])")


@lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


def _is_body(words: list[str]) -> bool:
    """A capitalized mention names a body when its head is a body's word: 'the White House',
    'Fox News', 'the Trump campaign', 'Department of Justice'; not 'campaign spokesman Brian
    Fallon' (a person whose title mentions a body)."""
    low = [w.strip(".,").lower() for w in words]
    if "of" in low or "for" in low:  # (else no joint)
        joint = next((i for i, w in enumerate(low[1:], 1) if w in ("of", "for")), None)
        if joint is not None:  # 'Department of Justice', 'Department for Education'
            low = low[:joint]
    if low[-1] in lex.ORG_WORDS:
        return True
    if len(words) >= 2 and first_name_gender(" ".join(words[-2:])):
        return False  # 'MSNBC host Chris Matthews'
    # a person's name after a title ('Clinton campaign spokesman Brian Fallon'), or a title or a
    # role at all (a body's name holds none): not a body
    if not _PERSON_ROLES.isdisjoint(low):
        return False
    return not lex.ORG_WORDS.isdisjoint(low)


def attribute_quotes(text: str) -> list[RuleQuote]:
    """The quotes of ``text`` with their speakers, in order of appearance."""
    return Attributor(text).quotes()

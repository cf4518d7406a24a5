"""Reported speech: who said what, with or without quote marks ("attributions").

A quote is only the words inside quote marks; most of what news reports people saying is
paraphrased: "Zelensky said in a message on Telegram that he and Trump had agreed to …",
"…, according to officials." Each attribution has a source (who), a cue (the reporting verb) and
a content span (what), all located by offsets, and a kind: ``indirect`` (no quote marks in the
content), ``mixed`` (a paraphrase holding a partial quote) or ``direct`` (a quotation; these
come from :mod:`summarizer.engines.offline.attribution`).

Rules, one construction each, run per sentence in the order of :data:`RULES`; the first that
matches a sentence wins. Speakers are resolved by the quote attributor's speaker pass, so a
pronoun or a surname means the same person in quotes and in reported speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import accumulate
from operator import attrgetter, or_
from typing import Literal

from summarizer.engines.offline import agents, coordinated, nounphrase
from summarizer.engines.offline.attribution import (
    ANONYMITY_REQUEST,
    SEX_VOCABULARY,
    Attributor,
    RuleQuote,
    _is_person,
    is_adverb,
    looks_like_speaker,
    may_be_quote,
    np_after_cue,
    np_before_cue,
    quote_bounds,
    without_anonymity_clause,
)
from summarizer.schema import SpeakerKind
from summarizer.text import lexicon as lex
from summarizer.text.quotemarks import occurrences
from summarizer.text.sentences import DATELINE
from summarizer.text.words import Lexicon, Words, vocabulary

AttributionKind = Literal["direct", "indirect", "mixed"]

_VERBS = "|".join(sorted(lex.REPORTING_VERBS, key=len, reverse=True))
_AUX = r"(?:(?:has|had|have|also|later|then|again|previously|repeatedly|would|will|did|does)\s+)*"
# the cue: a reporting verb, optionally with the person told and where it was said


class _Verbs:
    """Finds the words and phrases of a lexicon in a text, as one trie-shaped expression
    would, but only where one of the lexicon's words occurs (see :class:`Lexicon`)."""

    def __init__(self, phrases: frozenset[str] | tuple[str, ...]) -> None:
        self.pattern = re.compile(rf"(?<![\w’'-]){lex.trie_pattern(sorted(phrases))}(?![\w’'-])")
        self.lexicon = Lexicon(phrases, self.pattern)


_REPORTING = lex.REPORTING_VERBS | agents.MORE_REPORTING
Verbs = list[tuple[int, int, str]]  # (start, end, phrase) of the cue words in a sentence
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|reporters|journalists|"
    r"the \w+|an? \w+ \w+|him|her|them|us|me|you|supporters|voters|the crowd)(?=[\s,.:])"
)
# rules-15: the people told before 'that' whom _TOLD_OBJECT does not take ('told friends and
# family that …', 'told colleagues on the council that …'); not a thing told ('told a story
# that …', 'told lies that …': what follows is a relative clause)
_TOLD_THAT = re.compile(
    r"\s+(?!(?:a|an|this|it|lies|stories|jokes|tales)\s)(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+"
    r"(?=\s+that\s)"
)
_THAT = re.compile(r"\bthat\s+")
# a 'that' that opens no reported clause: 'so that everyone could leave', 'now that …'
_NOT_COMPLEMENT = re.compile(r"\b(?:so|such|now|given|except|provided)\s+$")
# 'many people Wikinews observed took …': a quantity of people, then a name: a clause, not a subject
_QUANTIFIED_NAME = re.compile(r"(?i:many|some|most|several|few|all)\s+[a-z][^A-Z]*\s[A-Z]")
# between a cue and a 'that' of another clause: 'said the plan was costly — and he noted that'
_ANOTHER_CLAUSE = re.compile(r"\s(?:[—–]|--|and|but)\s")
_CLOSING_CUE = re.compile(
    # the subject, or a name and its description between commas ('…,'' Ana Ruiz, director
    # of the board, said.')
    rf",(?:''|’’)?\s+(?P<np>[^,;:“”\"]{{1,70}}?|[A-Z][^,;:“”\"]{{0,40}}?,\s[^;:“”\"]{{1,160}}?,)"
    rf"\s+{_AUX}(?P<verb>said|says?|added|adds|noted|notes|"
    r"wrote|writes|argued|argues|explained|warned|insisted|claimed|told [\w’'. ]{1,40}|"
    r"reported|reports|acknowledged|believes|thinks|"
    # rules-16: what a study, a body or an observer found or made known, closing its finding
    # ('…, a Reuters analysis of the budgets shows.', '…, other studies have found.', '…, the
    # ministry announced on Monday.')
    r"found|finds|shows?|showed|shown|announced|estimated|estimates|concluded|maintains|"
    r"contends|predicted|confirmed|conceded|admitted|cautioned|stressed)(?P<tail>(?:\s+[^\s,.;“”\"]+){0,4})(?:[.!?]?[”\"]?$|,\s)"
)
_CLOSING_CUE_INVERTED = re.compile(
    r",(?:''|’’)?\s+(?P<verb>said|says|added|adds|noted|wrote|writes|argued|explained|warned|reported)"
    r"\s+(?P<np>[^,;:“”\"]{2,80}?)(?:,\s+(?:an?|the|who|[a-z]+)\b[^“”\"]*)?[.!?]?$"
)  # '…, said Ana Ruiz, an economist at the Harbor Institute.'
# 'study co-author Ana Ruiz': a lowercase role, then a name
_ROLE_THEN_NAME = re.compile(
    r"^[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3}\s+[A-Z][\w’'.-]*\s+[A-Z][\w’'-]+$"
)
_BODY_NAME_END = re.compile(r"^(?:the|a|an)\s.*[A-Z][\w’'.-]*\s+[A-Z][\w’'.-]*$")
_ACCORDING_TO_LEAD = re.compile(r"^(?P<cue>[Aa]ccording to)\s+(?P<np>[^,;:“”\"]{2,160}?),\s+")
_ACCORDING_TO_TAIL = re.compile(
    r",\s+(?P<cue>according to)\s+(?P<np>[^,;:“”\"]{2,80}?)(?:[.!?]?$|,\s+)"
)  # '…, according to the agency.'  /  '…, according to the agency, and …' / '…, according
# to the agency, twice what it had projected'  /  '…, according to Lee, head of …'

_APPOSED_NAME = re.compile(  # 'According to its lawyer, Mark Hale, the …'
    r"(?P<np>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?:,\s+[A-Z][\w.]{1,4})?,\s+(?=\S)"
)
_SOURCE_OF = re.compile(
    r"^(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:analysis|report|study|survey|poll|complaint|filing|"
    r"review|memo|statement|data|estimate|count)\s+(?:by|from|filed by|released by)\s+"
)
_AND_ANOTHER = re.compile(r"\s+and\s+(?:an?|the)\s+")
_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*")
# a place before a comma: 'in Greenbelt', 'from Kansas City' (then 'Maryland,' is its state)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|of)\s+(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*$")
_TRAILING_PARENS = re.compile(r"\s*\([^)]*\)$")
_QUOTE_MARKS = '“”"«»„'  # not ‘’: the apostrophe is ’
_QUOTE_MARK = re.compile(f"[{_QUOTE_MARKS}]")
_MIN_CONTENT_WORDS = 3


@dataclass(frozen=True)
class RuleAttribution:
    """Who said what, located: source, cue and content spans (start, end), and the rule."""

    kind: AttributionKind
    speaker: str
    speaker_kind: SpeakerKind
    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    rule: str


@dataclass(slots=True)
class _Found:
    """A rule's match in one sentence, before the speaker is resolved."""

    source: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]
    act: bool = False  # an act ('Lee vetoed the bill'), not words or a stance


def _with_content(
    found: RuleAttribution, content: tuple[int, int], kind: AttributionKind | None = None
) -> RuleAttribution:
    """``found`` with another content (and kind): ``dataclasses.replace`` written out."""
    return RuleAttribution(
        found.kind if kind is None else kind,
        found.speaker,
        found.speaker_kind,
        found.source,
        found.cue,
        content,
        found.rule,
    )


def _found_with(found: _Found, content: tuple[int, int]) -> _Found:
    """``found`` with another content: ``dataclasses.replace`` written out."""
    return _Found(found.source, found.cue, content, found.act)


class Covering:
    """Spans (start, end), which may overlap, asked whether one of them holds a range: by
    start, with the furthest end reached so far (a bisection, not a pass over them all)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether a span starts at or before ``start`` and ends at or after ``end``."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span starts before ``end`` and ends after ``start``."""
        j = bisect_left(self._starts, end)
        return j > 0 and self._reach[j - 1] > start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and closing punctuation."""
    if not 0 <= start < end <= len(text):  # (an empty span, or one a slice would not give)
        while start < end and text[start] in _TRIM_START:
            start += 1
        while end > start and text[end - 1] in _TRIM_END:
            end -= 1
        return start, end
    # (stripped as the loops above strip: the start first, then the end, not past the start)
    rest = text[start:end].lstrip(_TRIM_START)
    start = end - len(rest)
    return start, start + len(rest.rstrip(_TRIM_END))


_TRIM_START = " ,;:—–-\n"
_TRIM_END = " ,.;:!?\n"


_YEAR_OR_MONTH = re.compile(
    r"(?:1[89]|20)\d\d|January|February|March|April|June|July|August|September|October"
    r"|November|December"
)  # (not 'May', which may be a name)
_FIND = frozenset(["find", "finds", "found"])
# the person told and 'that' after a verb of telling: ' residents', ' the county board'
_SOMEONE_THAT = re.compile(r"\s+(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+(?=\s+that\s)")
# verbs of telling someone that …: the person told is not what was said
_TELLING = agents.words(
    "remind reminds reminded reminding inform informs informed informing notify notifies "
    "notified reassure reassures reassured reassuring convince convinces convinced persuade "
    "persuades persuaded assure assures assured promise promises promised warn warns warned"
)
_RELATIVE_WORDS = frozenset(["which", "who", "whom", "whose"])
_RELATIVE_NEXT = re.compile(r",?\s+(?:which|who|whom|whose)\b")
_REFLEXIVES = frozenset(["himself", "herself", "themselves", "itself", "myself", "ourselves"])
# rules-14: what one finds that is no finding: 'found inspiration in …', 'found a job at …'
_FOUND_NOT = re.compile(
    r"(?:inspiration|comfort|solace|refuge|shelter|fame|success|love|peace|happiness|work|"
    r"employment|(?:a|his|her|their|new)\s+(?:job|home|partner|place|voice))\b"
    r"(?!\s+(?:is|are|was|were|has|had|have|will|would|could|can|may|might)\b)"
)
_PERIODS = frozenset(["week", "month", "year", "spring", "summer", "fall", "autumn", "winter"])


def _without_auxiliaries(head: str) -> str:
    """'Trump has also' -> 'Trump': the words between a subject and its verb dropped."""
    words = head.split()
    while words and words[-1].lower() in lex.TRAILING_ADVERBS:
        words.pop()
    if len(words) > 2 and words[-1].lower() in lex.WEEKDAYS and words[-2] == "on":
        del words[-2:]  # 'Sanders on Tuesday said'
    elif len(words) > 2 and _time_after_subject(words):
        del words[-2:]  # 'An arbitration panel in 2001 found', 'Wells Fargo just this month'
        while words and (words[-1].lower() in lex.TRAILING_ADVERBS or words[-1] == "just"):
            words.pop()
    return head[: head.rfind(words[-1]) + len(words[-1])] if words else ""


def _time_after_subject(words: list[str]) -> bool:
    """Whether the last two words are a year, a month or a period between a subject and its
    verb ('Ana Ruiz in 2015', 'The court last year'), not the time of a participle before
    them ('A report published in June', 'an analysis released last month')."""
    if words[-2] == "in":
        time = _YEAR_OR_MONTH.fullmatch(words[-1]) is not None
    else:
        time = words[-2] in ("last", "this") and words[-1] in _PERIODS
    return time and not (words[-3].endswith("ed") and words[-3].islower())


def _without_trailing_parens(text: str) -> str:
    """``text`` without a parenthesis that ends it: 'Sen. Ann Lee (D-Ore.)' -> 'Sen. Ann Lee'."""
    # ('$' also matches before a final newline; the expression is tried only when it can match)
    return _TRAILING_PARENS.sub("", text) if text.endswith((")", ")\n")) else text


def _locate_np(text: str, lo: int, hi: int, np: str) -> tuple[int, int] | None:
    """The last occurrence of ``np`` in ``text[lo:hi]``."""
    at = text.rfind(np, lo, hi)
    return (at, at + len(np)) if at >= 0 and np else None


# rules-12: a verb of going on before the cue's infinitive: 'The mayor continues to insist that
# …', 'Ruiz went on to explain that …' (the subject is before it)
_ASPECT = re.compile(
    r"\s(?:continues|continued|continue|went\s+on|goes\s+on|go\s+on|began|begins|begin|"
    r"started|starts|start)\s+to\s*$"
)


def _after_aspect(text: str, at: int) -> bool:
    """Whether a cue at ``at`` is the infinitive of a verb of going on ('continues to insist'),
    a participle after 'by' ('by saying that …'), or the verb of a share of those polled
    ('19 percent said …')."""
    if text.startswith("by ", at - 3):
        return text.startswith(("saying ", "telling "), at)
    if text.startswith("percent ", at - 8):
        return text[at : text.find(" ", at)] in _SHARE_VERBS  # '12 percent agreed that …'
    return text.startswith("to ", at - 3) and _ASPECT.search(text, max(0, at - 16), at) is not None


# rules-12: a share of those polled as a subject: 'Another 19 percent', '40 percent of farmers'
# a share spelled out ('Twelve percent', 'Thirty-five percent of voters')
_NUMBER_WORDS = "|".join(sorted(lex.CARDINAL_WORDS, key=len, reverse=True))
_SHARE = re.compile(
    r"(?:(?:[Aa]nother|[Jj]ust|[Oo]nly|[Aa]bout|[Nn]early|[Aa]lmost|[Ss]ome|[Rr]oughly|[Oo]ver)\s+)?"
    rf"(?:\d+(?:\.\d+)?|(?i:(?:{_NUMBER_WORDS})(?:-(?:{_NUMBER_WORDS}))?))"
    r"(?:\s+percent|%)(?:\s+of\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)?"
)
_SAY = frozenset(["said", "say", "says"])
# what a share of those polled does besides saying: 'Twelve percent indicated that …', 'Only
# 40 percent of voters agreed that …' (not a finding: '12 percent showed signs of …')
_SHARE_VERBS = _SAY | agents.words(
    "agreed agree agrees indicated indicate indicates believe believes believed think thinks "
    "thought told tell tells added answered replied responded expect expects expected"
)


_WHERE_THEN_CLAUSE = re.compile(r"[^,;“”\"]{2,60},\s+(?:and|but)\s")
_WHERE_OR_WHEN = frozenset(["in", "on", "at", "during"])


def _after_subordinator(np: str) -> str:
    """'shortly after Trump' -> 'Trump', 'just before the mayor' -> 'the mayor': the subject
    of a clause that an adverb and a subordinator open."""
    words = np.split()
    if (
        len(words) > 2
        and words[1] in _SUBORDINATORS
        and (words[0] in _BEFORE_SUBORDINATOR or (words[0].islower() and is_adverb(words[0])))
    ):
        return " ".join(words[2:])
    return np


def _after_clause_opener(np: str) -> str:
    """'Shares fell on Tuesday after the Ledger' -> 'the Ledger': the subject of the clause that a
    subordinator opens inside what was taken for the subject (the main clause before it is
    not the speaker); ``np`` as it is when it holds none."""
    words = np.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i] in _CLAUSE_OPENERS:
            return " ".join(words[i + 1 :])
    return np


_CLAUSE_OPENERS = agents.words(
    "after before because since until when while once although though unless whereas"
)
# the cues after which a subject holding such a clause is cut ('… after Reuters reported …');
# not 'showed', 'responded' and the like, whose subjects there are seldom speakers
_NEWS_VERBS = agents.words("said says told reported announced confirmed")


_BEFORE_SUBORDINATOR = agents.words(
    "soon just right long even only minutes hours days weeks months"
)


def _without_aspect(head: str) -> str:
    if not head.endswith("to "):
        return head  # (cheap: most heads stop here)
    m = _ASPECT.search(head, max(0, len(head) - 20))
    return head[: m.start() + 1] if m else head


# rules-12: a description between dashes after the subject: 'Ana Ruiz -- co-author of …, a
# book about … -- said'
_DASHED_DESCRIPTION = re.compile(
    r"^(?P<lead>[^—–]*?[^\s—–-])\s+(?:--|—|–)\s+(?:an?|the|[a-z][\w-]*)\s(?:(?!--)[^—–])*?"
    r"\s(?:--|—|–)\s*$"
)


def _first_quote_mark(sentence: str, end: int) -> int:
    """Where the first quote mark of ``sentence[:end]`` is (``end`` when it has none), for
    :func:`subject_cue_clause`: its head before a cue at ``v_start <= end`` holds a quote mark
    exactly when this is below ``v_start``. (The head is the sentence before the cue less some
    words at its end, :func:`_without_aspect` and :func:`_without_auxiliaries`: adverbs,
    auxiliaries, a time, none with a quote mark.) The sentence is searched once, not each head,
    and a cue after a quote mark is passed over before its head is made."""
    m = _QUOTE_MARK.search(sentence, 0, end)
    return m.start() if m else end


def _cue_ends_statement(sentence: str, after: int) -> bool:
    """Whether a cue ending at ``after`` says nothing after it: neither a space, a colon nor a
    comma follows it, nor a 'that' within 90 characters ('… he said. ''We …'). The test
    :func:`subject_cue_clause` makes after its subject, made first for a cue but 'told' (whose
    object may move ``after``): with no space or comma after the cue, none of the tests between
    returns; each passes the cue over, as this does."""
    if sentence[after : after + 1] in (" ", ":", ","):
        return False
    return _that_after(sentence, after) is None


def _that_after(sentence: str, after: int) -> re.Match[str] | None:
    """The first 'that' (:data:`_THAT`) within 90 characters after a cue ending at ``after``;
    the expression is searched only where the string 'that' occurs (it is tried at each place
    of the window, and most windows have none)."""
    end = min(len(sentence), after + 90)
    if sentence.find("that", after, end) < 0:
        return None
    return _THAT.search(sentence, after, end)


def subject_cue_clause(text: str, s: int, e: int, verbs: Verbs) -> _Found | None:
    """'Zelensky said in a message on Telegram that he and Trump had agreed to …'"""
    sentence = text[s:e]
    quote_mark = _first_quote_mark(sentence, verbs[-1][0] - s if verbs else 0)
    for a, b, verb in verbs:
        if verb not in _REPORTING:
            continue
        v_start, v_end = a - s, b - s
        if quote_mark < v_start:
            return None  # a quote mark in the head (see :func:`_first_quote_mark`)
        head = _without_auxiliaries(_without_aspect(sentence[:v_start]))
        if len(head.split(maxsplit=40)) > 40:
            return None  # more than 40 words before the cue
        if not verb.startswith("told") and _cue_ends_statement(sentence, v_end):
            continue  # (as below, before its subject is parsed; see _cue_ends_statement)
        if ("--" in head or "—" in head or "–" in head) and (
            dashed := _DASHED_DESCRIPTION.search(head)
        ) is not None:
            head = dashed["lead"]  # rules-12: 'Ana Ruiz -- co-author of …, a book … -- said'
        head = without_anonymity_clause(head)  # 'An official who asked not to be named said'
        np = np_before_cue(head)
        if head.rstrip().endswith(",") and "," in head.rstrip()[:-1]:
            first = head.split(",")[0].strip()  # 'Ana Ruiz, a lawyer for …, which …, said'
            last = head.rstrip()[:-1].split(",")[-1].strip()  # 'The chairman, Phil Lovas, said'
            if _NAME.fullmatch(first) and looks_like_speaker(first):
                np = first
            elif (
                not np
                and _NAME.fullmatch(last)
                and looks_like_speaker(last)
                and not _PLACE_BEFORE.search(head.rstrip()[:-1].rsplit(",", 2)[-2])
            ):
                np = last  # but not 'a team … in Greenbelt, Maryland, has confirmed'

        np = _after_subordinator(np)  # rules-12: 'shortly after Trump said …' -> 'Trump'
        if verb in _NEWS_VERBS:
            np = _after_clause_opener(np)  # 'Shares fell after Reuters reported …' -> 'Reuters'
        if not np or _QUANTIFIED_NAME.match(np):
            continue
        if not looks_like_speaker(np) and not (_SHARE.fullmatch(np) and verb in _SHARE_VERBS):
            continue  # (but rules-12: 'Another 19 percent said they would …', a poll's answer)
        bare = _without_trailing_parens(head.rstrip())  # 'Sen. David Perdue (R-Ga.)'
        if not bare.endswith(np) and not (bare.endswith(",") and head.find(np) >= 0):
            continue  # the subject is right before the cue, or before an appositive
        if bare.endswith(","):
            inverted = _CLOSING_CUE_INVERTED.search(sentence)
            if (
                inverted
                and inverted.start("verb") == v_start
                and np_after_cue(inverted["np"]) == inverted["np"].strip()
                and looks_like_speaker(inverted["np"].strip())
            ):
                continue  # '…, said study co-author Ana Ruiz, a …': the speaker follows
        after = v_end
        told = (
            _TOLD_OBJECT.match(sentence, after) or _TOLD_THAT.match(sentence, after)
            if verb.startswith("told")
            else None
        )  # rules-15: 'told friends and family that …'
        cue_end = v_end
        if told:
            after = cue_end = told.end()  # the cue is 'told Reuters', 'told reporters'
            if _RELATIVE_NEXT.match(sentence, after):
                continue  # rules-15: 'told a young woman who asked …': about the person told
        if sentence.startswith(", ", after) and _next_word(sentence, after + 2) in (
            _PARENTHESIS_VERBS
        ):
            found = _parenthetical(text, s, e, np, v_start, cue_end)
            if found is not None:
                return found
            continue
        if sentence.startswith(" that, ", after):
            after += 6  # 'say that, in addition to Ruiz, she would …': what follows the comma
        elif (
            (that := _that_after(sentence, after))
            and "," not in sentence[after : that.start()].strip(", ")
            and not _ANOTHER_CLAUSE.search(sentence, after, that.start())
            and not _NOT_COMPLEMENT.search(sentence, max(after, that.start() - 9), that.start())
            and not _relative_that(sentence, after, that)
            and not _THAT_TIME.match(sentence, that.start())
            and not _demonstrative_that(sentence, after, that.start())
        ):
            after = that.end()
        elif that is None and sentence[after : after + 1] not in (" ", ":", ","):
            continue  # 'he said. ''We …': the cue ends its sentence (see _cue_ends_statement)
        elif day := _DAY_AFTER_CUE.match(sentence, after):
            after = day.end()  # 'Trump said Tuesday he would …': when, then what
        if verb.endswith(" in") and not sentence.endswith("that ", 0, after):
            continue  # 'Lee wrote in a letter to residents': where, not what (but 'wrote in
            # a letter that …')
        c_start, c_end = _trim(text, s + after, e)
        content = text[c_start:c_end].split(maxsplit=6)  # (the tests read up to 6 words)
        if len(content) < _MIN_CONTENT_WORDS or (
            (content[0].lower() in _NOT_CONTENT_START or content[0].lower() in lex.TOPIC_STARTS)
            and len(content) <= 6
            and not (content[0] == "there" and content[1] in _BE)  # 'said there is …'
        ):
            continue  # 'said in an interview on Monday': where, not what
        if (
            content[0] in _WHEN_SAID
            and sentence[after : after + 1] == " "
            and "," not in text[c_start:c_end]
            and text.find(" that ", c_start, c_end) < 0
        ):
            continue  # rules-13: 'Cook said while visiting the conference in San Francisco':
            # when, however long (but 'said when he took office, the deficit was …': what)
        if (content[0] in ("and", "but") and sentence[after : after + 1] == " ") or (
            content[0] == "to" and verb.startswith("add")
        ):
            continue  # rules-13: 'police responded and confirmed that …' (the next verb's), 'Lee
            # added to his collection of titles' (an act)
        if content[0] in _REPORTING:
            continue  # 'an analysis of campaign reports shows …': the cue was a noun
        if (
            content[0].lower() in _WHERE_OR_WHEN
            and _WHERE_THEN_CLAUSE.match(text, c_start, c_end)
            and text.find(" that ", c_start, c_end) < 0
        ):
            continue  # rules-12: '…, the bureau said in its spring survey, and those in …': where
            # it was said, then another clause (what it said came before the cue)
        if verb in _FIND and (
            content[0] in _REFLEXIVES or (after == v_end and _FOUND_NOT.match(text, c_start))
        ):
            continue  # 'Ana Ruiz found herself in the news', '… found inspiration in …': no
            # finding
        if verb in _MAINTAIN and after == v_end and _thing_kept(content):
            continue  # rules-14: 'Lee maintained close ties with …': no view, no clause
        if content[0] == "from" and verb.startswith("report"):
            continue  # 'Ana Ruiz reported from Kabul': a byline, where the reporter was
        if content[0] == "to" and content[1] in ("be", "have") and not verb.endswith("s"):
            continue  # 'a house close to the mill said to be worth …': a passive, no one says
        if (
            sentence[after : after + 1] == ","
            and _PARTICIPLE_WORD.fullmatch(content[0])
            and (content[0] in _NOT_SAYING or content[0] not in _STANCE | _SPEECH)
            and _FINITE.isdisjoint(text[c_start:c_end].split(maxsplit=10)[:10])
        ):
            continue  # '“…?” Trump said, looking out on the crowd': not what he said (but
            # '…, replacing Clinton would be …' is)
        source = _locate_np(text, s, s + v_start, np)
        if source is None:
            continue
        if "," in text[c_start:c_end] and (
            cue_after := _CUE_BEFORE_QUOTATION.search(text, c_start, c_end)
        ):
            c_end = cue_after.start()  # 'Patriot signaled that it would …, Ana Ruiz said, “we
            # were floored”': someone else's words after the content
        if (
            text.endswith(("which ", "what "), s, source[0])
            and _OBJECT_RELATIVE.search(text, max(s, source[0] - 12), source[0])
            and (close := _RELATIVE_CLOSE.search(text, c_start, c_end))
            and len(text[c_start : close.start()].split(maxsplit=2)) >= 2
        ):
            c_end = _trim(text, c_start, close.start())[1]  # 'The levee, which the
            # engineers claimed would hold for decades, failed': the relative clause's end
        return _Found(source, (s + v_start, s + cue_end), (c_start, c_end))
    return None


_RELATIVE_CLOSE = re.compile(r"[,;]|\s(?:[—–]|--)\s")
# what the subject of an object relative follows: ', which …', 'to what …' (not 'in which …')
_OBJECT_RELATIVE = re.compile(r"(?:,|\bto|\bwas|\bis|\bof)\s+(?:which|what)\s+$")


# a second clause with its own subject and cue after a joint: '…, while 73 percent said …',
# '…; the council said …' (at most five words of subject between the joint and the cue)
_SECOND_SUBJECT = re.compile(r"(?:,[”\"]?\s+(?:while|whereas|but|and)|;)\s+(?:[\w’'.-]+\s+){1,5}$")


def _second_statement(text: str, e: int, verbs: Verbs, found: _Found) -> _Found | list[_Found]:
    """The statement of a second subject that a joint opens in the content of
    :func:`subject_cue_clause`'s ``found``: 'Lee said the levee would hold, while Ray said it
    would not' (two, the first cut at the joint); else ``found``."""
    c_start, c_end = found.content
    for i, (a, _, verb) in enumerate(verbs):
        if not c_start < a < c_end or verb not in _REPORTING or not text[a].islower():
            continue
        joint = _SECOND_SUBJECT.search(text, max(c_start, a - 60), a)
        if joint is None or joint.start() <= c_start:
            continue
        after = joint.start() + 1 + (text[joint.start() + 1] in '”"')  # (its word opens it)
        second = subject_cue_clause(
            text, after + len(text[after:a]) - len(text[after:a].lstrip()), e, verbs[i:]
        )
        if second is None or second.source[0] < joint.start():
            continue
        end = _trim(text, c_start, joint.start())[1]
        if text.startswith(("”", '"'), joint.start() + 1):
            end = joint.start() + 2  # 'agreed that she is “fit to serve,”': with its closing mark
        return [_found_with(found, (c_start, end)), second]
    return found


# rules-14: a 'that' after a noun the cue governs, followed by its verb, opens a relative
# clause: 'reported details of the tour that stops in Ohio', 'said in a statement that was …'
_NOUN_THEN = re.compile(r"\b(?:the|a|an|its|their|his|her|of)\s")
_VERB_S_BEFORE = lex.DETERMINERS | lex.PREPOSITIONS_ONLY


# rules-14: 'that' before a time, then no verb, is a determiner: 'wrote songs that summer and …'
_THAT_TIME = re.compile(
    r"that\s+(?:day|night|week|weekend|month|year|summer|winter|spring|autumn|season|morning|"
    r"afternoon|evening)\b(?=\s*(?:[,.;]|and\b|but\b|in\b|at\b|on\b|when\b|before\b|after\b))"
)


def _relative_that(sentence: str, after: int, that: re.Match[str]) -> bool:
    """Whether ``that`` (after a cue ending at ``after``) opens a relative clause on a noun of
    the cue's object, not what was said: a determiner or 'of' between, then a finite verb
    ('… that was', '… that stops at …'; but 'said in July that prices rose')."""
    if not _NOUN_THEN.search(sentence, after, that.start()):
        return False
    words = sentence[that.end() : that.end() + 40].split(maxsplit=2)
    if not words:
        return False
    first = words[0]
    if first in _FINITE:
        return True
    return (
        len(first) > 3
        and first.islower()
        and first.endswith("s")
        and not first.endswith(("ss", "us", "is"))
        and len(words) > 1
        and words[1] in _VERB_S_BEFORE
    )


def _demonstrative_that(sentence: str, after: int, at: int) -> bool:
    """Whether the 'that' at ``at``, right after a cue ending at ``after``, is the subject of
    what was said ('said that was not true', 'estimates that could be …'): a finite verb
    follows it (rules-14)."""
    if sentence[after:at].strip():
        return False
    words = sentence[at + 4 : at + 30].split(maxsplit=1)
    return bool(words) and words[0] in _FINITE


# a day right after a cue, before what was said: 'said Tuesday he would …', 'said on Monday
# night the levee …' (a clause follows: a pronoun, a determiner or a name and its verb)
_WHEN_SAID = frozenset(["while", "when", "as", "during", "upon", "until"])
_DAY_AFTER_CUE = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?=\s+(?:he|she|they|it|we|I|the|a|an|his|her"
    r"|its|their|there|this|[A-Z][\w’'.-]*\s+(?:[A-Z][\w’'.-]*\s+)?[a-z]+)\b)"
)


# another speaker's cue before a quotation inside a content: ', Ana Ruiz said, “…'
_CUE_BEFORE_QUOTATION = re.compile(
    r",\s+(?:[A-Z][\w’'.-]*\s+){1,4}(?:said|says|added|told \w+)[,:]\s*(?:“|\"|''|’’)"
)


def _parenthetical(text: str, s: int, e: int, np: str, v_start: int, cue_end: int) -> _Found | None:
    """'The plan, officials said, would cost more': the claim is the whole clause around the
    cue (from the comma before it, or the sentence's start)."""
    source = _locate_np(text, s, s + v_start, np)
    if source is None or not text.endswith(", ", s, source[0]):
        return None
    comma = text.rfind(", ", s, source[0] - 2)
    c_start, c_end = _trim(text, comma + 2 if comma >= 0 else s, e)
    return _Found(source, (s + v_start, s + cue_end), (c_start, c_end))


def _next_word(text: str, at: int) -> str:
    return text[at : at + 12].split(" ", 1)[0]


# what goes on after a cue in parentheses ('The plan, officials said, would cost more')
_PARENTHESIS_VERBS = frozenset(
    [
        "would",
        "could",
        "will",
        "can",
        "may",
        "might",
        "must",
        "should",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "does",
        "did",
    ]
)


# what opens a phrase of time, place or manner before a sentence's subject
_ADVERBIAL_OPENERS = agents.words(
    "after before during following since at in on back responding whatever despite amid "
    "among upon under over with without through asked speaking"
)


def _adverbial_only(content: str) -> bool:
    """Whether what comes before a closing cue is a short phrase with no verb of its own,
    opening with a preposition or a participle ('Back in Virginia', 'After receiving positive
    feedback', 'Responding to the new quotas'): where or when, not what was said (but 'In 2014
    the plan failed')."""
    words = content.split()
    if len(words) > 5 or not words:
        return False
    first = words[0].lower()
    if first not in _ADVERBIAL_OPENERS and not (first.endswith("ing") and words[0][0].isupper()):
        return False
    return not any(w.lower() in _FINITE or w.endswith(("ed", "n't")) for w in words[1:])


def clause_then_cue(text: str, s: int, e: int, verbs: Verbs) -> _Found | None:
    """'The plan is dead, Schiff said.'  /  'The plan is dead, said Schiff.'"""
    if not verbs or not _cue_may_close(text, verbs, e) or text.find(",", s, e) < 0:
        return None  # the cue closes the sentence (``verbs`` are in order: the last is last)
    sentence = text[s:e].rstrip()
    m = _CLOSING_CUE.search(sentence)
    if (
        m
        and m["verb"] in _FINDING_VERBS
        and (not _circumstance(m["tail"]) or _SAID_INSIDE.search(sentence, 0, m.start()))
    ):
        m = None  # 'After the storm, the inspectors found cracks in the pier': its object;
        # 'Lee said the videos do not show …, the footage showed': Lee's words, not a finding
    if m and m["np"].split(maxsplit=1)[0] in _JOINED_CLAUSE and not _circumstance(m["tail"]):
        m = None  # '…, but the engineer said it would fail': a second statement, its own
        # words after its cue (what comes before is no one's statement of it)
    if m and m.group()[-1].isspace():
        if _next_word(sentence, m.end()) in _PARENTHESIS_VERBS:
            return None  # 'The plan, officials said, would cost …': a cue in parentheses
        if sentence.startswith(_OPENING_MARKS, m.end()) and not (
            m.group().startswith((",''", ",’’")) and sentence.startswith(_APOSTROPHES)
        ):
            return None  # 'When the vote was over, the mayor said, “We …”': the cue opens
            # the quotation; what comes before it is no statement (but a quotation is:
            # "''We …,'' he said, ''and …''")

    np = None
    if m and not _SAID_INSIDE.search(m["np"]):  # '…, and he said that he thinks …': a clause
        np = np_before_cue(m["np"] + " ")
        if not looks_like_speaker(np):
            np = None
        elif "," in m["np"] and (
            m.group()[-1].isspace()
            or np != m["np"].split(",", 1)[0].strip()
            or m["np"].split(",", 2)[1].split(None, 1)[0] in ("and", "or")
            or _PLACE_BEFORE.search(sentence, 0, m.start())
        ):
            np = None  # a name and its description only before a cue that ends the sentence:
            # not 'After the match, Ana Ruiz, the coach, said, “…' nor 'a fellow at the
            # lab in Lyon, France, and co-author of the paper, said'

    if m is None or np is None:
        m = _CLOSING_CUE_INVERTED.search(sentence)
        if not m:
            return None
        np = np_after_cue(m["np"])
        if np != m["np"].strip() and verbs[-1][0] <= e - 90:
            return None  # far from the end, only a name and its description: not '…'s
            # father, Tom Abel, said Ms Ruiz claimed to be …, but she was …'
        described = bool(np) and (
            np.split()[0].lower() in lex.DETERMINERS  # 'said one aide'
            or _ROLE_THEN_NAME.search(np) is not None  # 'said study co-author Ana Ruiz'
        )
        if not np or not (np[0].isupper() or described) or not looks_like_speaker(np):
            return None
    c_start, c_end = _trim(text, s, s + m.start())
    for opened in _APOSTROPHE_QUOTE_OPENS.finditer(text, c_start, c_end):
        c_start = opened.end()  # "It rained. ''We will …,'' he said": the quotation's sentence
    if text.startswith(_APOSTROPHES, c_start) and text.startswith(_APOSTROPHES, c_end + 1):
        c_start += 2  # the quotation, without its marks
    if len(text[c_start:c_end].split(maxsplit=_MIN_CONTENT_WORDS)) < _MIN_CONTENT_WORDS:
        return None
    if _opener_before_object(text, c_start, m):
        return None
    if _adverbial_only(text[c_start:c_end]):
        return None  # rules-15: 'Back in Virginia, Clarke said …': when or where, no statement
    if (
        text[c_start : text.find(" ", c_start, c_end)] in _FRONTED_WORDS
        and "," not in text[c_start:c_end]
    ):
        return None  # rules-16: 'Citing a report, Ruiz said the river …': no statement
    if text.startswith(_ACCORDING, c_start) and "," not in text[c_start:c_end]:
        return None  # 'According to a reporter, Miles said …': who relays it, no statement
    source = _locate_np(text, s + m.start(), s + len(sentence), np)
    if source is None:
        return None
    cue_end = s + m.end("verb") - (1 if m["verb"].endswith(".") else 0)
    return _Found(source, (s + m.start("verb"), cue_end), (c_start, c_end))


_JOINED_CLAUSE = frozenset(["but", "and", "while", "whereas", "yet"])


# rules-16: the closing verbs of a finding, which after them take only a circumstance ('…, the
# audit found last year'), no object ('the inspectors found cracks in the pier')
_FINDING_VERBS = agents.words(
    "found finds show shows showed shown announced estimated estimates concluded maintains "
    "contends predicted confirmed conceded admitted cautioned stressed"
)


def _circumstance(tail: str) -> bool:
    """Whether the words after a closing verb are none, or a circumstance: 'on Friday', 'last
    year', 'in a report'."""
    words = tail.split(maxsplit=1)
    return not words or words[0].lower() in _CIRCUMSTANCE or words[0].lower() in _TIME_WORDS


def _opener_before_object(text: str, c_start: int, m: re.Match[str]) -> bool:
    """rules-12: 'In an essay last week, Ana Ruiz acknowledged the risk.': before the subject,
    a phrase of where or when, and after the verb its object: the words before the comma are
    no statement (but 'In May, the levee failed, Ruiz said in a statement' is)."""
    tail = m.groupdict().get("tail")
    if not tail or not tail.split():
        return False
    first = tail.split()[0].lower()
    if first in _CIRCUMSTANCE or first in _TIME_WORDS or first in lex.WEEKDAYS:
        return False  # 'said in a statement', 'said Monday'
    words = text[c_start : c_start + 200].split(maxsplit=1)
    return bool(words) and words[0].lower() in lex.PREPOSITIONS_ONLY


_CIRCUMSTANCE = lex.CIRCUMSTANCE_STARTS | lex.PREPOSITIONS_ONLY
_ACCORDING = ("According to ", "according to ")


def _cue_may_close(text: str, verbs: Verbs, e: int) -> bool:
    """Whether a closing cue may be among a sentence's cue words: the last within 90
    characters of its end, or a verb of saying right after a comma however long the
    description after it ('…,'' said Ana Ruiz, an engineer who served as …, a …')."""
    if verbs[-1][0] > e - 90:
        return True
    return any(
        v in _INVERTED_VERBS and _AFTER_COMMA.search(text, max(0, a - 6), a) is not None
        for a, _, v in verbs
    )


_INVERTED_VERBS = agents.words(
    "said says added adds noted wrote writes argued explained warned reported"
)
_AFTER_COMMA = re.compile(r",(?:''|’’)?\s+$")


_OPENING_MARKS = ("“", '"', "''", "’’", "‘")


# a verb of saying inside what stands before a closing cue: a clause with its own cue
_SAID_INSIDE = re.compile(r"\b(?:said|says|told|tells|added|adds)\b")
_APOSTROPHES = ("''", "’’")
# a quotation in double apostrophes opening a sentence (which the splitter may not see)
_APOSTROPHE_QUOTE_OPENS = re.compile(r"[.!?]\s+(?=''|’’)")


# a relative clause describing the source, between it and the statement
_RELATIVE_AFTER_SOURCE = re.compile(r"(?:which|who)\s[^,;“”\"]{1,120},\s+")


def according_to(text: str, s: int, e: int, verbs: Verbs) -> _Found | None:
    """'According to officials, the talks stalled.'  /  'The talks stalled, according to X.'"""
    if not any(v == "according to" for _, _, v in verbs):
        return None
    sentence = text[s:e].rstrip()
    lead = _ACCORDING_TO_LEAD.match(sentence)
    apposed = None
    if lead:
        content = _trim(text, s + lead.end(), s + len(sentence))
        relative = _RELATIVE_AFTER_SOURCE.match(text, content[0], content[1])
        if relative:  # 'According to the Gazette, which first reported the plan, the …'
            content = (relative.end(), content[1])
        elif _is_person(lead["np"]):
            apposed = _APPOSED_NAME.match(text, content[0], content[1])
    else:
        lead = _ACCORDING_TO_TAIL.search(sentence)
        if not lead:
            return None
        content = _trim(text, s, s + lead.start())
        if lead.group().endswith(" ") and len(text[content[0] : content[1]].split()) < 3:
            # 'The levee, according to Tom Berg, will cost more': the subject alone before
            # it, the clause goes on after it; the statement is the whole sentence
            content = _trim(text, s, s + len(sentence))
    np = lead["np"].strip()
    at = s + lead.start("np")
    if apposed:  # the name after the description: Mark Hale
        at, np, content = apposed.start(), apposed["np"], (apposed.end(), content[1])
    by = _SOURCE_OF.match(np)  # 'a report by the agency': the agency
    if by:
        at, np = at + by.end(), np[by.end() :]
        np = _AND_ANOTHER.split(np)[0]  # 'a report by the agency and a review by …'
    named = _BODY_NAME_END.search(np)  # 'the nonpartisan Congressional Budget Office'
    if (
        not (looks_like_speaker(np) or _agent(np) or named)
        or len(text[content[0] : content[1]].split()) < 3
    ):
        return None
    return _Found(
        (at, at + len(np)),
        (s + lead.start("cue"), s + lead.end("cue")),
        content,
    )


_ATTITUDE = frozenset(lex.ATTITUDE_VERBS)
# the past of a verb of any act: 'voted', 'retweeted', and these
_IRREGULAR_ACT_WORDS = (
    "sent made took gave sought brought spoke spoken wrote written won led struck built paid ran "
    "met"
)
_IRREGULAR_ACTS = vocabulary([_IRREGULAR_ACT_WORDS])
_ACT_VERB = rf"(?:[a-z]{{2,}}[^e\W]ed|{_IRREGULAR_ACT_WORDS.replace(' ', '|')})(?![\w’'-])"
_ACT = re.compile(_ACT_VERB)
# an act right after a name, a pronoun or an auxiliary ('Lee vetoed', 'who has made'): the
# verbs worth parsing a subject for
_ACT_AFTER_SUBJECT = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*|[Hh]e|[Ss]he|[Tt]hey|who|has|had|have|also|then|later)\s+"
    rf"(?P<v>{_ACT_VERB})"
)
_ADJECTIVES = lex.ATTITUDE_ADJECTIVES
_STANCE = lex.STANCE_VERBS | _ATTITUDE | lex.REPORTING_VERBS | _ADJECTIVES | {"calling for"}
_BE = lex.BE_FORMS | agents.NEGATED_BE
_BETWEEN = lex.TRAILING_ADVERBS | _BE | lex.BETWEEN_SUBJECT_AND_VERB | agents.NEGATED_AUX
_OPENERS = lex.CLAUSE_OPENERS
_SUBORDINATORS = _OPENERS - {"and", "but", "or", "yet", "so", "even"}
_TIME_WORDS = lex.TIME_WORDS
_TIME_LEADS = frozenset(("on", "in", "at"))
_TIME_OR_LEAD = _TIME_WORDS | _TIME_LEADS
_THIRD_PERSON = frozenset(("he", "she", "they", "it"))
_NOT_INFINITIVE = lex.DETERMINERS | lex.PRONOUNS
_NOT_BEFORE_NAME = lex.FUNCTION_WORDS | lex.DETERMINERS | lex.PREPOSITIONS_ONLY
_NOUN_BEFORE = (
    lex.DETERMINERS
    | lex.POSSESSIVES
    | lex.FUNCTION_WORDS
    | lex.NUMBER_WORDS  # 'in the five states would …'
    | frozenset(("The", "A", "An", "new", "every", "Every", "no", "any"))  # 'every claim will'
)
_PEOPLE = ("ers", "ors", "ists", "ants")  # 'voters', 'investors', 'economists', 'immigrants'
_NOT_PEOPLE = lex.NOT_IN_SPEAKERS | lex.CLAUSE_VERBS | lex.FUNCTION_WORDS
_AGENT_HEADS = agents.with_plurals(
    lex.ANONYMOUS_HEADS
    | lex.ROLE_WORDS
    | lex.ORG_WORDS
    | lex.DOCUMENT_WORDS
    | lex.PUBLIC_BODIES
    | lex.PEOPLE_NOUNS
    | lex.FAMILY_WORDS
    | agents.MORE_HEADS
)
_RELATIVES = ("who", "which")
_LEADS = lex.DETERMINERS | lex.QUANTIFIERS
_SECOND_PERSON = frozenset(["you", "your", "yours"])
_NAME_WORDS = lex.NAME_PARTICLES | frozenset(["the", "and", "for"])
_HEAD_ENDS = frozenset(["of", "for", "at", "with", "from", "in", "on", "who"])
# an object that is a reply, not what it says ('offered no comment', 'did not give a response')
_NO_ANSWER = re.compile(
    r"(?:(?:a|an|any|no)\s+)?(?:response|responses|comment|comments|reply|explanation)\b"
)
# the comma that closes a relative clause: 'Lee, who lobbied for the ban, did not respond'
_DASH_ASIDE = re.compile(r"\s(?:[—–]|--)\s")
_CLAUSE_CLOSED = re.compile(
    r",\s+(?:is|are|was|were|has|have|had|does|did|will|would|could|can|said|says|told|added)\b"
)
# what follows a verb that is a circumstance, not what was said: 'said in July', 'responded to
# requests', 'spoke after the meeting'
_CLAUSE_JOINT = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;)\s+(?:\S+\s+){0,3}$")
# (a comma inside a closing quote mark is one too: 'as a “strong leader,” comparing him to …')
_PARTICIPLE_LEAD = re.compile(r"(?:,[”\"]?|\bby|\bbefore|\bafter|\bwhile|\bwithout)\s*(?:and\s+)?$")
_PARTICIPLE_LEAD_ENDS = (",", ",”", ',"', "by", "before", "after", "while", "without", "and")


def _participle_lead(head: str) -> bool:
    """Whether :data:`_PARTICIPLE_LEAD` is found in ``head``: tried only when ``head`` ends
    (but for spaces) as a match must, with one of its words or 'and'."""
    return head.rstrip().endswith(_PARTICIPLE_LEAD_ENDS) and bool(_PARTICIPLE_LEAD.search(head))


_SPEECH = lex.REPORTING_VERBS | frozenset(lex.SPEECH_CUES)
# after "…,” Lee said," a conjunction opens what the speaker did next, not what she said
_NOT_SAID = re.compile(r"(?:and|but)$")
# … and so does a participle that is no verb of saying or judging ('referring to', 'citing',
# 'going on'); 'something', 'nothing' may be what she said
_PARTICIPLE_WORD = re.compile(r"(?![a-z]*thing$)[a-z]{2,}ing")
_PARTICIPLE_AFTER_CUE = re.compile(r",\s+((?![a-z]*thing\b)[a-z]{2,}ing)\b")
_NOT_SAYING = frozenset(["referring", "referencing", "citing", "pointing", "going"])
# verbs that make a clause of what follows a participle: '… replacing Clinton would be …'
_FINITE = agents.words(
    "is are was were would will could can may might should must has have had does did"
)
_HOLD = frozenset(["hold", "holds", "held", "holding"])
# rules-14: 'maintains existing tariffs' keeps a thing; a view is 'maintains that …', a clause
# ('maintains the plan is legal') or one's own ('maintained his innocence')
_MAINTAIN = frozenset(["maintain", "maintains", "maintained", "maintaining"])


def _thing_kept(content: list[str]) -> bool:
    """Whether the first words after 'maintains' are a thing kept ('existing tariffs', 'close
    ties with …'): no possessive first and no finite verb after."""
    return content[0].lower() not in lex.POSSESSIVES and _FINITE.isdisjoint(
        w.lower() for w in content[1:6]
    )


_SEE = frozenset(["see", "sees", "saw", "seen", "seeing"])
_SPEAK = frozenset(["speak", "speaks", "spoke", "spoken", "speaking"])
_LISTENER = frozenset(["to", "with"])
# verbs of saying or thinking whose object may open with 'of' ('warned of', 'spoke of')
_OF_VERBS: tuple[str, ...] = ("warn", "speak", "spok", "complain", "approv", "disapprov")
_OF_VERBS += ("boast", "think", "thought", "know", "knew", "hear", "dream", "despair", "wr")
_OF_VERBS += ("tell", "told")
_OBJECT_START = lex.OBJECT_STARTS
_NOT_CONTENT_START = lex.CIRCUMSTANCE_STARTS


@lru_cache(maxsize=8192)
def _agent(np: str) -> str:
    """A subject that can say, think or want something, trimmed ('After campaign aides' ->
    'campaign aides', 'the court this month' -> 'the court'); else ''."""
    words = np.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i] in _SUBORDINATORS:  # 'three days after the Security Council': the council
            words = words[i + 1 :]
            break
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words.pop(0)
    while len(words) > 1 and words[-1].lower().strip(",") in _TIME_OR_LEAD:
        words.pop()  # 'Lee on Tuesday', 'the court this month
    np = " ".join(words)
    if not np or words[0].lower() in _SECOND_PERSON or words[0][0].isdigit():
        return ""  # 'your state': the reader's; '27 companies': a quantity
    if not looks_like_speaker(np):
        last = words[-1].lower()
        people = (last.endswith(_PEOPLE) and last not in lex.THING_PLURALS) or last in _AGENT_HEADS
        lowered = np[:1].lower() + np[1:] if words[0].lower() in _LEADS else np  # 'The paper'
        if not (lowered.islower() and len(words) <= 3 and people) or set(words) & _NOT_PEOPLE:
            return ""  # but 'environmentalists', 'local farmers'
    if len(words) == 1 and np.lower() in lex.SPEAKER_PRONOUNS:
        return np if np.lower() in _THIRD_PERSON else ""  # an essay's 'I' is no one named
    if all(w[:1].isupper() or w in _NAME_WORDS for w in words[1:]) and np[0].isupper():
        return np  # a name or a body: 'Tom Berg', 'the Security Council', 'Bank of Maple'
    if words[-1][:1].isupper() and words[-2][:1].isupper():
        return np  # a name after its description: 'council member Tom Berg'
    if len(words) > 7 or not any(_head_someone(part.split()) for part in np.split(" and ")):
        return ""  # 'the section of the debate', 'Clinton enjoyed tremendous': nobody
    return np


_NOT_OBJECT = lex.BE_FORMS | frozenset(
    "over out up off down away back around as from by himself herself themselves itself".split()  # noqa: SIM905
)  # 'served as', 'removed from', 'was whisked by', 'enjoyed himself': not what was acted on


_ACTS = frozenset(["subject_act", "headline"])


def _acted_on(words: list[str]) -> bool:
    """Whether a verb of any act ('voted', 'retweeted') is followed by what it acts on (a
    thing or a person: 'the bill', 'Clinton', 'heavily for the plan'), not by a particle, an
    adverb alone ('smiled sheepishly') or a figure."""
    word = words[0]
    if is_adverb(word):
        return len(words) > 1 and words[1].lower() in _AFTER_ADVERB
    return word[:1].isalpha() and word.lower() not in _NOT_OBJECT


_AFTER_ADVERB = frozenset(["for", "against", "toward", "about", "on", "with"])


def _head_someone(words: list[str]) -> bool:
    """Whether a description's head is a person, a group, a body or a document: 'a spokesman
    for the agency' -> spokesman; 'a number of members of Congress' -> members."""
    if words and words[-1][:1].isupper() and (len(words) == 1 or words[-2][:1].isupper()):
        return True  # a name: 'the Clinton campaign and DNC'
    if len(words) == 2 and words[0] == "the" and words[1][:1].isupper():
        return True  # a body: 'the NAACP', 'the Pentagon'
    head = ""
    for w in words:
        low = w.lower()
        if head and low in _HEAD_ENDS:
            if head in lex.QUANTITY_HEADS and low == "of":
                head = ""  # 'a number of …', 'many of …': the head follows
                continue
            break
        head = low.strip(",.")
    return head in _AGENT_HEADS or (head.endswith(_PEOPLE) and head not in lex.THING_PLURALS)


def _antecedent(before: str) -> str:
    """The noun phrase a relative pronoun stands for, at the end of ``before``: 'Lee praised
    the harbour board' -> 'the harbour board' (the longest ending that names someone)."""
    words = before.split()
    for n in range(min(5, len(words)), 0, -1):
        first = words[-n]
        if first.lower() in lex.DETERMINERS or first[:1].isupper():
            np = _agent(" ".join(words[-n:]))
            if np:
                return np
    return ""


def _ends_with(subject: str, np: str) -> bool:
    """Whether the subject ends with ``np``, but for a time or a party in parentheses: 'Lee on
    Tuesday', 'Sen. Ann Lee (D-Ore.)'."""
    if subject.endswith(np):
        return True
    at = subject.rfind(np)
    if at < 0:
        return False
    rest = _without_trailing_parens(subject[at + len(np) :]).split()
    return all(w.lower().strip(",") in _TIME_OR_LEAD for w in rest)


def _name_run(words: list[str], k: int) -> str:
    """The subject ending at ``words[k - 1]`` when it is a pronoun or a run of capitalized
    words after a lowercase word or the start ('… and Tom Berg', 'Officials'): the quick way;
    else '' (and the subject is parsed in full)."""
    last = words[k - 1]
    if last.lower() in _THIRD_PERSON:
        return last
    if not last[:1].isupper() or not last[-1:].isalpha() or last.lower() in _TIME_WORDS:
        return ""
    j = k - 1
    while j > 0 and words[j - 1][:1].isupper() and words[j - 1][-1:].isalpha():
        j -= 1
    before = words[j - 1] if j else ""
    if not before[:1].islower() or before[-1:] in ',;:)”"' or before in _NOT_BEFORE_NAME:
        return ""  # an appositive, a parenthesis, 'Democrats in Congress': the long way
    return " ".join(words[j:k])


def _may_end_subject(words: list[str], k: int) -> bool:
    """A quick test before the subject is parsed: ``words[k - 1]`` can end a subject that
    speaks (a name, a pronoun, a person or a body, or a description holding one)."""
    last = words[k - 1]
    if not last[:1].islower() or last[-1:] in ",)":
        return True
    low = last.lower()
    if low in _AGENT_HEADS or low in lex.SPEAKER_PRONOUNS or low.endswith(_PEOPLE):
        return True
    return any(w.lower() in _AGENT_HEADS for w in words[max(0, k - 7) : k - 1])


def _singular_before_base(text: str, source: tuple[int, int], verb: str) -> bool:
    """Whether a verb's base form follows a singular subject, so that the 'verb' is a noun:
    'the court’s chief judge', 'the Tulsa protest' (but 'they judge', 'critics protest')."""
    word = verb.split(" ", 1)[0]
    if not (word + "s" in _STANCE or word + "es" in _STANCE):
        return False  # 'judges', 'said', 'called': not a base form
    words = text[max(0, source[0] - 4) : source[1]].lower().split()  # ('… and Russia')
    return not ({"and", "or"} & set(words) or words[-1] in _PLURAL_PRONOUNS or words[-1][-1] == "s")


_PLURAL_PRONOUNS = frozenset(["i", "we", "you", "they"])


def _infinitive(words: list[str]) -> bool:
    """'to help …' (what is promised or wanted), not 'to the crowd'."""
    return (
        len(words) == 2
        and words[0] == "to"
        and words[1].islower()
        and words[1] not in _NOT_INFINITIVE
    )


def _time_words(words: list[str]) -> bool:
    """Whether each of ``words`` (at most two) is a time word, less a comma or a period after
    it: 'last month', 'Monday.' (written out, not ``all`` over a generator: tried each cue)."""
    return (not words or words[0].lower().strip(",.") in _TIME_WORDS) and (
        len(words) < 2 or words[1].lower().strip(",.") in _TIME_WORDS
    )


def _attitude_content(text: str, b: int, e: int, verb: str) -> tuple[int, int] | None:
    """What a verb of :func:`subject_attitude_verb` ending at ``b`` is about, to the
    sentence's end ``e``: the content span, or None when what follows is no content (a place,
    a time, a quotation, no object)."""
    after = b
    if verb in ("told", "tells", "tell"):
        told = _TOLD_OBJECT.match(text, b, e) or _TOLD_THAT.match(text, b, e)
        after = told.end() if told else b
    elif verb in _TELLING and (told := _SOMEONE_THAT.match(text, b, e)):
        after = told.end()  # 'reminded residents that …', 'informed the board that …'
    if text.startswith(" that ", after) and not _demonstrative_that(text, after, after + 1):
        after += 5
    c_start, c_end = _trim(text, after, e)
    # (the first seven words are all the tests below read: the length up to 6, two words)
    content = text[c_start:c_end].split(maxsplit=6)
    first = content[:2]
    if (
        first
        and (
            first[0].lower() in _NOT_CONTENT_START
            or (verb in _SPEECH and first[0].lower() in lex.TOPIC_STARTS)
        )
        and not _infinitive(first)
        and first[0].lower() != "if"  # 'isn’t saying if …': an indirect question
    ):
        that = text.find(" that ", c_start, min(c_end, c_start + 100))
        if that >= 0 and "," not in text[c_start:that]:
            c_start = that + 6  # 'insisted in June that …'
            content = text[c_start:c_end].split(maxsplit=6)
        elif verb in _SPEECH or first[0].lower() not in _OBJECT_START:
            return None  # 'said in an interview': where, not what
    if not content or content[0][0] in _QUOTE_MARKS:
        return None
    if after > b and content[0].lower() in _RELATIVE_WORDS:
        return None  # rules-15: 'told Berg, which meant …', 'told a young woman who …': a
        # relative clause on the person told, not what was told
    comma = text.startswith(",", b)
    if comma and _NOT_SAID.match(content[0]):
        return None  # '…,” Lee said, and soon …': not what she said; rules-14: '…, which the
        # ministry rejects, and strain …': the verb's object came before it
    if comma and verb in _SPEECH and _PARTICIPLE_WORD.fullmatch(content[0]):
        that = c_start + len(content[0])
        if text.startswith(" that ", that):  # '…, she said, warning that …': what
            c_start = that + 6  # she warned
            content = text[c_start:c_end].split(maxsplit=6)
        elif content[0] in _NOT_SAYING or content[0] not in _STANCE | _SPEECH:
            return None  # '…, she said, referring to the levee': not what she said
    if len(content) < 2 and not (verb in _ATTITUDE and content[0][:1].isupper()):
        return None  # but 'Cruz has endorsed Trump'
    if _NO_ANSWER.match(text, c_start, c_end):
        return None  # 'did not offer a response when asked': no claim, the lack of one

    if len(content) <= 6 and _time_words(content[:2]):
        return None  # '“…,” Lee said last month on the radio': when, not what
    if verb in _PARTICULAR:  # (one test for the verbs of the tests below, which few are)
        if verb in _FIND and (
            content[0] in _REFLEXIVES or (after == b and _FOUND_NOT.match(text, c_start))
        ):
            return None  # 'Ana Ruiz found herself in the news': no finding
        if verb in _HOLD and text[b : b + 6] != " that ":
            return None  # 'held a press conference', 'holds $10 billion': a view only 'holds
            # that …'
        if verb in _MAINTAIN and text[b : b + 6] != " that " and _thing_kept(content):
            return None  # rules-14: 'the US maintains existing tariffs': no view, no clause
        if verb in _SEE and text[b : b + 6] != " that " and " as " not in text[b:c_end]:
            return None  # 'police saw the tweet': a view only 'sees that …', 'sees it as …'
    if content[0] == "of" and not verb.startswith(_OF_VERBS) and verb not in _ADJECTIVES:
        return None  # 'an alibi he cited of being …': 'of' goes with the noun before
    if verb in _SPEAK and content[0].lower() in _LISTENER:  # 'Lee spoke with her son, …':
        return c_start, c_start  # whom she spoke to, not what (a subject for ', promising …')
    if verb not in _STANCE and not _acted_on(content):
        return None  # 'Lee spoke to …', 'Lee handed over …', 'Lee earned $10': no stance
    return c_start, c_end


_UNKNOWN = (-1, -1)  # a content not found yet
_PARTICULAR = _FIND | _HOLD | _MAINTAIN | _SEE  # (the verbs :func:`_attitude_content` tests)


def subject_attitude_verb(text: str, s: int, e: int, verbs: Verbs) -> list[_Found]:
    """A subject that can speak, a verb of saying, judging, believing or wanting, and what it
    is about: 'the court ruled that …', 'Lee has long opposed the tax', 'aides are urging him
    to …', '…, who cited her record'; a verb joined by 'and' shares the subject ('… and
    criticized the plan')."""
    out: list[_Found] = []
    last: tuple[int, int] | None = None
    for a, b, verb in verbs:
        if not _rule_mask(verb) & _ATTITUDE_BIT or not text[a].islower():  # (as the rule's own)
            continue
        head = text[max(s, a - 60) : a]
        content = _attitude_content(text, b, e, verb) if not out else _UNKNOWN
        if content is None and not _participle_lead(head):
            continue  # nothing said and no participle: passed over as below, before the words
        words = head.split()
        k = len(words)
        while k and (words[k - 1].lower() in _BETWEEN or is_adverb(words[k - 1])):
            k -= 1
        if k < len(words):
            between = [w.lower() for w in words[k:]]
            near_be = not _BE.isdisjoint(between[-3:])  # 'is (once again) questioning'
            be_between = near_be or not _BE.isdisjoint(between)
        else:  # (most: no word between the subject and the verb)
            near_be = be_between = False
        ing = verb.split(" ", 1)[0].endswith("ing")  # 'saying', 'calling for'
        participle = ing and not near_be and _participle_lead(head)
        if verb in _ADJECTIVES:
            if not be_between:
                continue  # 'Lee is critical of …', not 'a critical of'
        elif ing != near_be and not participle:
            continue  # 'was criticized by' (passive)
        if be_between and verb.endswith(("ed", "en", "wn")):
            continue
        before = words[k - 1].lower() if k else ""
        # what the verb is about does not depend on its subject: found first, so that a verb
        # with none is passed over before its subject is parsed (when nothing found before it
        # in the sentence is to be cut at this verb: the parse changes nothing then); with
        # nothing found before it, before the words before it are read too
        if content is _UNKNOWN:
            content = _attitude_content(text, b, e, verb)
        if content is None and not out and not participle:
            continue
        source: tuple[int, int] | None = None
        if participle:  # 'Lee attacked the plan, saying …': the subject of the sentence
            opening = _SUBJECT_AT_START.match(text[s:a])
            if last is None and opening and looks_like_speaker(opening.group()):
                last = (s, s + opening.end())
            source = last
            comma = text.rfind(",", max(s, a - 12), a)
            if source and out and out[-1].content[0] < comma < out[-1].content[1]:
                prev = out[-1]  # the first content ends at the participle's comma
                # (with a closing quote mark after the comma: 'as a “strong leader,”')
                cut = comma + 2 if text.startswith(("”", '"'), comma + 1) else comma
                out[-1] = _found_with(prev, _trim(text, prev.content[0], cut))
        elif before in ("and", "but", "yet") and last is not None and a - last[1] < 200:
            source = last  # '… and criticized the plan': the same subject
            if out and out[-1].content[1] > a:
                prev = out[-1]  # (cut before 'and', and before an auxiliary after it: '… but
                joint = text.rfind(f" {before} ", prev.content[0], a)  # has said …')
                cut = joint if joint > prev.content[0] else a - len(before) - 1
                out[-1] = _found_with(prev, _trim(text, prev.content[0], cut))
        elif before in _RELATIVES and k >= 2 and words[k - 2].endswith(","):
            at = text.rfind(",", s, a - len(before))  # 'the agency, which denied …'
            np = _agent(np_before_cue(text[s:at]))
            if not np or (np[0].islower() and np.split(None, 1)[0] not in _LEADS):
                np = _antecedent(text[max(s, at - 60) : at])  # not 'read an article in …'
            source = _locate_np(text, s, at, np) if np else None
            if content is not None and (close := _CLAUSE_CLOSED.search(text, *content)):
                content = _trim(text, content[0], close.start())  # '…, did not respond'
            if content is not None and _DASH_ASIDE.search(text, s, at):
                close = _DASH_ASIDE.search(text, *content)  # '– made by Lee, who …. – Ray'
                if close:  # (the aside the relative is in ends at its closing dash)
                    content = _trim(text, content[0], close.start())
        elif k and _may_end_subject(words, k):
            subject_end = text.rfind(words[k - 1], s, a) + len(words[k - 1])
            lo = max(s, subject_end - 80)
            if lo > s:  # the window starts at a word
                lo = text.find(" ", lo, subject_end) + 1 or lo
            subject = text[lo:subject_end]
            np = _agent(_name_run(words, k) or np_before_cue(subject))
            if not np and subject.endswith(","):  # 'Another host, Abby Martin, had denounced'
                outer, _, inner = subject[:-1].rpartition(",")
                inner = inner.strip()
                np = (
                    inner
                    if _NAME.fullmatch(inner)
                    and looks_like_speaker(inner)
                    and not _PLACE_BEFORE.search(outer)  # 'in Greenbelt, Maryland,'
                    else ""
                )
            if np and (_ends_with(subject, np) or (subject.endswith(",") and np in subject)):
                source = _locate_np(text, s, subject_end, np)  # (or before an appositive)
        if source is None or (
            not text[source[1] : a].strip() and _singular_before_base(text, source, verb)
        ):
            continue
        if out and before not in ("and", "but") and out[-1].content[1] > source[0]:
            clause = _CLAUSE_JOINT.search(text[out[-1].content[0] : source[0]])
            if clause:  # '…, and Lee is promising to …': the first content ends there
                prev = out[-1]
                end = prev.content[0] + clause.start()
                out[-1] = _found_with(prev, _trim(text, prev.content[0], end))
        if content is None:
            continue
        c_start, c_end = content
        act = verb not in _STANCE
        if act and ("," in text[s : source[0]] or _DASH_ASIDE.search(text, s, source[0])):
            continue  # 'When Patriot filed for bankruptcy, …': an act in a dependent clause
        cue = (a, b)
        if not act and (saying := _SAYING_NEXT.match(text, c_start)) is not None:
            cue = (c_start, saying.end() - 1)  # 'Lee told the paper, adding that …': the
            c_start = saying.end() + 5 * text.startswith("that ", saying.end())  # participle's
        hit = _Found(source, cue, (c_start, c_end), act=act)
        if out:  # '… the plan, which the mayor says …': the first content ends at the joint
            out[-1] = _cut_before_next(text, out[-1], [("", hit)])
        if out and any(_same(hit.content, f.content) for f in out):
            continue
        out.append(hit)
        if not hit.act:  # (an act's subject is checked later; a participle does not lean on it)
            last = source
    return out


_PARTICIPLE = re.compile(
    r",\s+(?:and\s+)?(?P<verb>saying|adding|arguing|claiming|noting|warning|insisting|"
    r"promising|suggesting|citing|calling for|urging|accusing|vowing|predicting|explaining)\s+"
)
# a content that is a participle of saying and what it says: 'told the paper, adding …'
_SAYING_NEXT = re.compile(
    r"(?:saying|adding|arguing|claiming|noting|warning|insisting|explaining|stressing)\s"
)
# rules-12: 'by saying …', 'by telling them that …': how the subject did what it did
_BY_PARTICIPLE = re.compile(
    r"\sby\s+(?P<verb>saying|telling(?=\s+(?:them|him|her|us|voters|reporters|supporters)\s+that\s))\s+"
)
_SUBJECT_AT_START = re.compile(agents.subject_at_start(r",\s|") + r"|(?:He|She|They|It)\b")


# rules-16: a participle of saying that opens a sentence, what it says, and the subject of the
# sentence after its comma ('Citing safety concerns, the council canceled the parade')
_FRONTED_VERBS = (
    "Citing|Claiming|Arguing|Noting|Insisting|Warning|Saying|Accusing|Acknowledging|Admitting|"
    "Praising|Criticizing|Criticising|Denying|Blaming|Calling for|Describing|Urging|Promising|"
    "Predicting|Complaining|Lamenting|Stressing|Emphasizing|Emphasising|Asserting|Conceding|"
    "Explaining|Questioning|Condemning|Denouncing|Defending|Echoing|Demanding"
)
_FRONTED = re.compile(rf"(?P<verb>{_FRONTED_VERBS})\s+(?P<content>[^,;:“”\"()]{{4,240}}?),\s+")
_FRONTED_SUBJECT = re.compile(
    r"(?P<np>(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?"
    r"(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+(?:(?:has|had|have|also|then|again|quickly|later|"
    r"would|will|did|does|do|was|were|is|are|had\s+already)\s+)?"
    r"(?P<main>[a-z]{2,}ed|said|told|says|wrote|took|made|gave|sent|went|chose|left|won|"
    r"kept|held|sought|began|spoke|stood|threw|called|urged|filed|voted|asked|declined|refused)\b"
)
_FRONTED_WORDS = agents.words(_FRONTED_VERBS.lower()) | frozenset(_FRONTED_VERBS.split("|"))


def _fronted_participle(text: str, s: int, e: int) -> _Found | None:
    """'Citing safety concerns, the city council canceled the parade': the sentence's subject
    cites what the participle's phrase holds (the phrase has no comma of its own)."""
    m = _FRONTED.match(text, s, e)
    if m is None:
        return None
    subject = _FRONTED_SUBJECT.match(text, m.end(), e)
    if subject is None or not looks_like_speaker(subject["np"]):
        return None
    if subject["np"].split()[0].lower() in lex.SPEAKER_PRONOUNS - {"he", "she", "they", "we"}:
        return None  # ('Citing X, it was …')
    c_start, c_end = _trim(text, m.start("content"), m.end("content"))
    if text.startswith("that ", c_start):
        c_start += 5  # 'Arguing that the tax would …'
    if len(text[c_start:c_end].split(maxsplit=2)) < 2:
        return None
    return _Found(subject.span("np"), m.span("verb"), (c_start, c_end))


def participle_clause(text: str, s: int, e: int, verbs: Verbs) -> _Found | None:
    """'Trump attacked the plan on Monday, saying that it would cost jobs': the sentence's
    subject says what follows the participle."""
    if text[s : s + 1].isupper() and text[s : text.find(" ", s, e)] in _FRONTED_WORDS:
        return _fronted_participle(text, s, e)
    sentence = text[s:e]
    m = _PARTICIPLE.search(sentence)
    if m is None and (" by saying " in sentence or " by telling " in sentence):
        m = _BY_PARTICIPLE.search(sentence)
    if not m or _QUOTE_MARK.search(sentence, 0, m.start()):
        return None
    subject = _SUBJECT_AT_START.match(sentence)
    if subject and looks_like_speaker(subject.group()):
        source = (s, s + subject.end())
        # a clause joined after the subject's has its own named subject, whose act the
        # participle follows: 'Norway says …, and Prime Minister Ola Berg voiced his anger,
        # accusing …' (Ola Berg accuses)
        for joined in _JOINED_SUBJECT.finditer(sentence, subject.end(), m.start()):
            if looks_like_speaker(joined["np"]):
                source = (s + joined.start("np"), s + joined.end("np"))
    elif (group := _GROUP_SUBJECT.match(sentence)) and _agent(group["np"]) == group["np"]:
        source = (s + group.start("np"), s + group.end("np"))  # 'In August, several
        # environmental groups granted him an extension, saying …'
    else:
        return None
    after = m.end() + (5 if sentence.startswith("that ", m.end()) else 0)
    if m["verb"] == "telling":
        after = sentence.index(" that ", m.end()) + 6  # 'telling them that …'
    c_start, c_end = _trim(text, s + after, e)
    if len(text[c_start:c_end].split(maxsplit=_MIN_CONTENT_WORDS)) < _MIN_CONTENT_WORDS:
        return None
    return _Found(source, (s + m.start("verb"), s + m.end("verb")), (c_start, c_end))


# a clause joined by 'and', 'but' or 'while' whose subject is a name run and whose verb is in
# -ed: '… and President Ola Berg voiced …'
_JOINED_SUBJECT = re.compile(
    r"\s(?:and|but|while)\s+(?P<np>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s+"
    r"(?:also\s+|then\s+|later\s+)?[a-z]{3,}ed\b"
)


# a group of people opening a sentence (after a time), with a verb in -ed: 'In August, several
# environmental groups granted …', 'Many local farmers objected …'
_GROUP_SUBJECT = re.compile(
    r"(?:(?:In|On|At|After|Before|During|Last|Earlier|Later)\s[^,]{1,40},\s)?"
    r"(?P<np>(?:[Ss]everal|[Mm]any|[Ss]ome|[Mm]ost|[Oo]ther|[Tt]wo|[Tt]hree|[Ff]our|[Tt]he)"
    r"(?:\s[a-z][\w-]*){0,3}\s[a-z][\w-]*s)\s+(?:have\s+|had\s+|also\s+)?[a-z]{2,}ed\b"
)


Rule = Callable[[str, int, int, Verbs], "_Found | list[_Found] | None"]
_CAP_ACCORDING = re.compile("According to")
_ANY_CUE = _Verbs(
    _REPORTING
    | lex.STANCE_VERBS
    | _ADJECTIVES
    | frozenset(lex.ATTITUDE_VERBS)
    | {"according to", "told", "saying", "adding", "arguing", "claiming", "noting", "warning"}
    | {"insisting", "promising", "suggesting", "citing", "urging", "accusing", "vowing"}
    | {"predicting", "explaining", "calling for", "telling"}
    | {"shown"}  # rules-16: a cue that only closes ('…, other studies have shown.')
    | frozenset(_FRONTED_VERBS.split("|"))  # rules-16: 'Citing safety concerns, the council …'
    | {"Says", "Said", "Tells", "Warns", "Claims", "Urges"}  # title-case headlines
)

# the verbs of :data:`_CLOSING_CUE` and :data:`_CLOSING_CUE_INVERTED`, one of which each of
# their matches holds: a whole run of letters (a space before it, no letter after it)
_CLOSING_VERBS = vocabulary(
    [
        "said say says added adds noted notes wrote writes argued argues explained warned "
        "insisted claimed told reported reports acknowledged believes thinks found finds show "
        "shows showed shown announced estimated estimates concluded maintains contends predicted "
        "confirmed conceded admitted cautioned stressed"
    ]
)


#: the words of the lexicons the article is searched for (see :class:`Words`)
_VOCABULARY = (
    _ANY_CUE.lexicon.keys
    | _IRREGULAR_ACTS
    | nounphrase.NOUNS.keys
    | SEX_VOCABULARY
    | _CLOSING_VERBS
)


def word_index(text: str) -> Words:
    """The word index of ``text`` that every pass reads (the quote rules' speakers too: give it
    to the :class:`Attributor`)."""
    return Words(text, _VOCABULARY)


#: The reported-speech rules, in the order they are tried on each sentence.
RULES: tuple[tuple[str, Rule], ...] = (
    ("according_to", according_to),
    ("clause_then_cue", clause_then_cue),
    ("subject_cue_clause", subject_cue_clause),
    ("participle_clause", participle_clause),
    ("coordinated_cue", coordinated.coordinated_cue),
    ("relative_cue", coordinated.relative_cue),
    ("subject_attitude_verb", subject_attitude_verb),
)


_CLOSING = 1 << [name for name, _ in RULES].index("clause_then_cue")
_ATTITUDE_BIT = 1 << [name for name, _ in RULES].index("subject_attitude_verb")
_ACCORDING_BIT = 1 << [name for name, _ in RULES].index("according_to")
_SUBJECT_CUE_BIT = 1 << [name for name, _ in RULES].index("subject_cue_clause")
_PARTICIPLE_BIT = 1 << [name for name, _ in RULES].index("participle_clause")
_COORDINATED_BIT = 1 << [name for name, _ in RULES].index("coordinated_cue")
_RELATIVE_BIT = 1 << [name for name, _ in RULES].index("relative_cue")


class ClosingVerbs:
    """Where an article has a verb of :data:`_CLOSING_VERBS`, from its :class:`Words` (found
    once an article): a sentence without one, or without a comma and a space before one
    (:meth:`after_comma`), cannot match :func:`clause_then_cue`'s expressions, whose search is
    the rule's cost, and the rule is not tried on it."""

    def __init__(self, words: Words) -> None:
        if not words.vocabulary >= _CLOSING_VERBS:
            raise ValueError("the words were not looked up for the closing verbs")
        self._words = words
        self._starts = [at for at, run in words.found if run in _CLOSING_VERBS]

    def between(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` holds a closing verb as a whole word, or ends inside a run of
        letters that starts as one ('said' of a sentence cut at 'said|Lee'): a necessary
        condition of a match of either expression in ``text[s:e]``."""
        i = bisect_left(self._starts, s)
        if i < len(self._starts) and self._starts[i] < e:
            return True
        cut = self._words.cut_at(s, e)
        return cut is not None and cut[1] in _CLOSING_VERBS

    def after_comma(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` holds a closing verb (as :meth:`between` finds them) with a
        comma before it that whitespace follows, maybe after two apostrophes (not the comma
        of '“…,” Lee said'): a necessary condition of a match of either expression, which opens
        with that before its verb. (Most sentences whose verb comes before their commas, 'Lee
        said the levee, which …, would hold', are not searched then: their commas are where the
        expressions' search is costly, each tried with the name and the verb after it.)"""
        i = bisect_left(self._starts, e)
        last = self._starts[i - 1] if i and self._starts[i - 1] >= s else -1
        cut = self._words.cut_at(s, e)
        if cut is not None and cut[1] in _CLOSING_VERBS:
            last = max(last, cut[0])
        return last > s and _COMMA_THEN_SPACE.search(self._words.text, s, last) is not None


# what opens either closing expression: a comma, maybe two apostrophes, then a space (not a
# comma inside a closing quote mark: '“…,” Lee said' is the quote rules')
_COMMA_THEN_SPACE = re.compile(r",(?:''|’’)?\s")


def is_title_line(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is a title: a first line that does not end as a sentence ends."""
    if s and not text[0].isspace():
        return False  # (text before it: not the first line; without copying that text)
    return text[:s].strip() == "" and text[e - 1 : e] not in ".!?”’\"'" and "\n" in text[e : e + 2]


@lru_cache(maxsize=4096)
def _rule_mask(verb: str) -> int:
    """The rules (bits in the order of :data:`RULES`) a cue word can start."""
    # (a bit each, written out: most verbs of an article's acts are looked up once)
    mask = _ACCORDING_BIT if verb == "according to" else 0
    if verb in _REPORTING:
        mask |= _SUBJECT_CUE_BIT
    if verb.endswith("ing") or verb == "calling for":
        mask |= _PARTICIPLE_BIT
    if verb in _STANCE or _ACT.fullmatch(verb) is not None:
        mask |= _ATTITUDE_BIT
    if verb in coordinated.SECOND:
        mask |= _COORDINATED_BIT
    if verb in coordinated.RELATIVE:
        mask |= _RELATIVE_BIT
    return mask


@lru_cache(maxsize=64)
def _rules_of(mask: int) -> tuple[tuple[str, Rule], ...]:
    return tuple(rule for i, rule in enumerate(RULES) if mask >> i & 1)


def _rules_for(
    text: str, verbs: Verbs, s: int, e: int, closing: ClosingVerbs, masks: Sequence[int] = ()
) -> tuple[tuple[str, Rule], ...]:
    """The rules that can match a sentence with these cues (the others are not tried);
    ``masks``: the cues' :func:`_rule_mask`, when the caller has them (else looked up)."""
    mask = _CLOSING if _cue_may_close(text, verbs, e) and closing.after_comma(s, e) else 0
    if not masks:
        masks = [_rule_mask(verb) for _, _, verb in verbs]
    return _rules_of(reduce(or_, masks, mask))


def _hits(
    text: str,
    s: int,
    e: int,
    verbs: Verbs,
    closing: ClosingVerbs,
    masks: Sequence[int] = (),
) -> list[tuple[str, _Found]]:
    """Every attribution the rules find in ``text[s:e]``, one per content (the first rule that
    finds a content wins); ``masks``: the cues' :func:`_rule_mask`, when the caller has them."""
    every: list[tuple[str, _Found]] = []
    for name, rule in _rules_for(text, verbs, s, e, closing, masks):
        cues = verbs
        if rule is subject_attitude_verb and every:  # a cue another rule used is not redone
            taken = {hit.cue[0] for _, hit in every}
            cues = [v for v in verbs if v[0] not in taken]
            if not cues:
                continue  # (every cue used: the rule would find nothing)
        found = rule(text, s, e, cues)
        if rule is subject_cue_clause and isinstance(found, _Found) and len(cues) > 1:
            found = _second_statement(text, e, cues, found)  # '…, while Ray said …'
        if isinstance(found, list):
            for hit in found:  # (most lists are empty)
                if not _asks_anonymity(text, hit):
                    every.append((name, hit))
        elif found is not None and not _asks_anonymity(text, found):
            every.append((name, found))
    if len(every) < 2:
        return every  # (nothing to cut, and no two contents the same)
    every = [(name, _cut_before_next(text, hit, every)) for name, hit in every]
    out: list[tuple[str, _Found]] = []
    for name, hit in every:
        if name == "clause_then_cue" and (
            _adverbial_only(text[hit.content[0] : hit.content[1]])
            or _ASKED.match(text, hit.content[0], hit.content[1])
        ):
            continue  # (cut to its opening phrase: 'After receiving positive feedback, Lee …';
            # 'Asked whether she would run, Lee said …': what Lee was asked, not what Lee said)
        if (
            name == "subject_cue_clause"
            and hit.content[1] - hit.content[0] < 40
            and _adverbial_only(text[hit.content[0] : hit.content[1]])
        ):
            continue  # cut to when or where: 'Ruiz said on Monday, adding that …' (what she
            # said is the participle's)
        if not out or not any(_same(hit.content, h.content) for _, h in out):
            out.append((name, hit))
    return out


_ASKED = re.compile(r"(?:[Ww]hen |[Ii]f |[Oo]nce )?(?:[Aa]sked|[Pp]ressed|[Qq]uestioned)\b")


def _asks_anonymity(text: str, hit: _Found) -> bool:
    """Whether the content is a source's asking not to be named ('who asked [not to be named]',
    'who declined [to be identified]'): it says nothing, and the sentence's own cue follows."""
    return ANONYMITY_REQUEST.match(text, hit.content[0]) is not None


_JOINT = re.compile(
    r"(?:[,;][”\"]?\s*(?:and|but|while|who|which|though|although|as)?|\s(?:and|but|while))\s*$"
)


def _cut_before_next(text: str, hit: _Found, every: list[tuple[str, _Found]]) -> _Found:
    """A content ends where the next attribution of its sentence begins after a comma or an
    'and': 'Lee attacked the plan, saying it would cost jobs' -> 'the plan'; 'Lee backed the
    plan, and Ray said he would vote against it' -> 'the plan'."""
    c_start, c_end = hit.content
    for _, other in every:
        begin = other.source[0] if c_start < other.source[0] < other.cue[0] else other.cue[0]
        if not c_start < begin < c_end or other.content[0] < begin:
            continue
        joint = _JOINT.search(text, max(c_start, begin - 12), begin)
        if joint and joint.start() > c_start:
            end = _trim(text, c_start, joint.start())[1]
            if text.startswith(("”", '"'), joint.start() + 1):
                end = joint.start() + 2  # 'as a “strong leader,”': with its closing mark
            if len(text[c_start:end].split()) >= 2:
                c_end = end
    return hit if c_end == hit.content[1] else _found_with(hit, (c_start, c_end))


def _same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two contents that are mostly the same span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0.5 * min(a[1] - a[0], b[1] - b[0])


def _kind(attributor: Attributor, start: int, end: int) -> AttributionKind:
    text = attributor.text
    if (
        start >= 2
        and text.startswith(_APOSTROPHES, start - 2)
        and text.startswith(_APOSTROPHES, end + 1)
    ):
        return "direct"  # "''We will not sign,'' Lee said": a quotation in double apostrophes
    if not _QUOTE_MARK.search(text, start, end) and not attributor.quote_starts_in(start, end):
        return "indirect"  # no quote marks and no quotation inside
    covered = sum(
        min(end, q.end) - max(start, q.start) for q in attributor.quotes_overlapping(start, end)
    )
    return "direct" if covered >= 0.8 * (end - start) else "mixed"


# a plural verb right after a cue word makes it a plural noun: 'extremist Islamic views were
# being forced', 'the claims are false', 'Recent reports have revealed' ('views', 'claims',
# 'reports' say nothing)
_PLURAL_AGREES = re.compile(r"\s+(?:were|are|have)\b")


def _after_determiner(text: str, at: int) -> bool:
    """Whether the word before ``at`` makes the cue a noun: 'the plan', 'a new report', 'Lee's
    call', 'of the study shows' is not."""
    space = text.rfind(" ", max(0, at - 20), at - 1)
    before = text[space + 1 : at - 1]
    if before.isdigit():  # 'the five states would', '27 companies'; not a year, 'in 2015 said'
        return not (_YEAR_OR_MONTH.fullmatch(before) and text.endswith(" in", 0, space))
    return before in _NOUN_BEFORE or before.endswith(("’s", "'s"))


def _outside_quotations(attributor: Attributor) -> list[tuple[int, int]]:
    """The stretches of the article outside its quotations, in order."""
    outside, at = [], 0
    for span in attributor.ctx.spans:
        if span.start > at:
            outside.append((at, span.start))
        at = max(at, span.end)
    outside.append((at, len(attributor.text)))
    return outside


def cue_words(attributor: Attributor, words: Words) -> Verbs:
    """The cues of the article, in order: the words and phrases of the cue lexicons (lowercased;
    not a noun after a determiner: 'the claim'), and a verb of any act right after a name, a
    pronoun or an auxiliary ('Lee vetoed'). Only the text outside quotations is looked at: a
    verb inside one is the speaker's, not a cue."""
    text = attributor.text
    outside = _outside_quotations(attributor)
    verbs = []
    for m in _ANY_CUE.lexicon.finditer(words, outside):
        a, b, v = m.start(), m.end(), m.group()
        if (_after_determiner(text, a) and not _after_aspect(text, a)) or (
            v.endswith("s") and _PLURAL_AGREES.match(text, b)
        ):
            continue  # a noun ('the claim'), a plural noun ('the claims are false')
        if v == "thanks" and text.startswith(" to ", b):
            continue  # 'won thanks to a late goal'
        if v == "think" and text.startswith(" tank", b):
            continue  # rules-13: 'a think tank'
        verbs.append((a, b, v.lower()))
    have = {a for a, _, _ in verbs}
    verbs = sorted(
        verbs
        + [
            (m.start("v"), m.end("v"), m["v"])
            for m in _act_verbs(words, outside, have)
            if m.start("v") not in have
        ]
    )
    if "According to" in text:
        verbs = sorted(
            verbs + [(m.start(), m.end(), "according to") for m in _CAP_ACCORDING.finditer(text)]
        )
    return verbs


def _act_verbs(
    words: Words, spans: list[tuple[int, int]], known: Container[int] = frozenset()
) -> list[re.Match[str]]:
    """The matches of :data:`_ACT_AFTER_SUBJECT` in each span (lo, hi) of the text, as its
    ``finditer`` gives them, found from their verbs (each word ending in 'ed', each irregular
    past the text has): only the subjects right before those verbs are tried.

    ``known``: where verbs start that are cues already ('criticized', a word of the lexicons):
    their subjects are not looked for, and the matches are the others, as if those were left
    out afterwards. (A match's verb is never the subject of the next: a subject is capitalized
    or one of :data:`_SUBJECT_WORDS`; so leaving a match out frees no start of another.)"""
    text = words.text
    verbs = words.ending_in(b"ed") + [at for at, run in words.found if run in _IRREGULAR_ACTS]
    if known:
        verbs = [at for at in verbs if at not in known]
    verbs.sort()
    out: list[re.Match[str]] = []
    match = _ACT_AFTER_SUBJECT.match
    for lo, hi in spans:
        i = bisect_left(verbs, lo)
        j = bisect_left(verbs, hi, i)
        cut = words.cut_at(lo, hi)
        if cut is not None and cut[0] not in known:
            here = [*verbs[i:j], cut[0]]  # a verb that the span ends ('voted' of 'votedly')
        elif i == j:
            continue
        else:
            here = verbs[i:j]
        starts = sorted(
            {
                start
                for verb in here
                if _ACT_VERB_START.fullmatch(text, verb, verb + 2)  # (else the verb cannot be one)
                for start in _subject_starts(text, lo, verb)
            }
        )
        free = lo  # (``matches_at`` written out: where the next match may start)
        for at in starts:
            if at >= free and (m := match(text, at, hi)) is not None:
                free = m.end()
                out.append(m)
    return out


def _subject_starts(text: str, lo: int, verb: int) -> list[int]:
    """Where the subject of a verb starting at ``verb`` can start, for
    :data:`_ACT_AFTER_SUBJECT`: the verb follows a space, the subject is the run of word
    characters and periods before that space ('Lee', 'U.S.', 'has'), starting where the run does
    or after one of its periods (the expression's lookbehind does not count a period as part of
    a word)."""
    space = verb
    while space > lo and text[space - 1].isspace():
        space -= 1
    if space in (verb, lo):
        return []  # no space before the verb, or no room for a subject
    if not _may_hold_subject(text[max(lo, text.rfind(" ", lo, space) + 1) : space]):
        return []  # (most verbs: 'was approved', 'the city announced')
    start = space
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in _RUN_MARKS):
        start -= 1
    starts = [start]
    period = text.find(".", start, space)
    while period >= 0:
        starts.append(period + 1)
        period = text.find(".", period + 1, space)
    # (a subject is a capitalized word or one of a few words: the others cannot start a match)
    return [at for at in starts if "A" <= text[at] <= "Z" or text[at:space] in _SUBJECT_WORDS]


def _may_hold_subject(chunk: str) -> bool:
    """A quick test for :func:`_subject_starts`, on the text from the last space before the
    verb's subject (which holds its run of word characters): a subject it can find starts with a
    capital, or is one of :data:`_SUBJECT_WORDS` (in lower case, unless it holds a capital)."""
    return chunk.lower() != chunk or chunk.endswith(_LOWER_SUBJECT_WORDS)


# the words other than a capitalized one that :data:`_ACT_AFTER_SUBJECT` takes for a subject,
# and the first two letters of its verbs (every one of them starts with two of [a-z])
_SUBJECT_WORDS = frozenset(
    ("he", "He", "she", "She", "they", "They", "who", "has", "had", "have", "also", "then", "later")
)
_ACT_VERB_START = re.compile("[a-z]{2}")
_LOWER_SUBJECT_WORDS = tuple(word for word in _SUBJECT_WORDS if word.islower())


_RUN_MARKS = "_’'-."  # beside letters and digits, what a subject's run holds (is_word_char, '.')


def _sentence_rules(
    attributor: Attributor, verbs: Verbs, closing: ClosingVerbs
) -> list[RuleAttribution]:
    """The attributions the rules of :data:`RULES` find, sentence by sentence (a sentence with
    no cue is skipped without trying them), each with its speaker resolved."""
    text = attributor.text
    found: list[RuleAttribution] = []
    cues = [start for start, _, _ in verbs]
    masks = [_rule_mask(verb) for _, _, verb in verbs]  # (looked up once a cue, not a sentence)
    for s, e in _split_apostrophe_quotes(text, attributor.ctx.sentences):
        i = bisect_left(cues, s)
        if i == len(cues):
            break  # (no cue after this sentence's start: none in the sentences after it)
        if cues[i] >= e:
            continue
        j = bisect_left(cues, e, i)
        for name, hit in _hits(text, s, e, verbs[i:j], closing, masks[i:j]):
            if _in_reduced_relative(text, s, hit):
                continue
            c_start, c_end = hit.content
            if (
                text[s : text.find(" ", s, e)] in _OPENING_SUBORDINATORS
                and c_start >= hit.cue[1]
                and text.find(",", s, hit.cue[0]) < 0
            ):
                c_end = _end_of_opening_clause(text, c_start, c_end)
            if c_end <= c_start or _inside_quotation(text, c_start, c_end):
                continue  # ('Lee smiled and said …': the first verb's content was cut to nothing)
            if (
                text.startswith("up", c_start)
                and text.startswith("show", hit.cue[0])
                and not text[c_start + 2 : c_start + 3].isalpha()
            ):
                continue  # 'Holt showed up at the debate': he came, no finding
            # (dropped before its speaker is resolved: resolving a mention changes nothing else)
            mention = text[hit.source[0] : hit.source[1]]
            speaker, kind = attributor.resolve(mention, hit.source[0])
            if not speaker:
                continue
            found.append(
                RuleAttribution(
                    kind=_kind(attributor, c_start, c_end),
                    speaker=speaker,
                    speaker_kind=kind,
                    source=hit.source,
                    cue=hit.cue,
                    content=(c_start, c_end),
                    rule="subject_act" if hit.act else name,
                )
            )
    return found


# a cue in a clause that opens the sentence before its main clause: 'After the mayor said
# the levee would hold, the river rose' (what the mayor said ends at the comma)
_OPENING_SUBORDINATORS = agents.words(
    "After Although Though When While Whereas Because If As Since Before Once Until Unless"
)
_MAIN_CLAUSE_COMMA = re.compile(r",[”\"]?\s+(?=\S+\s+\S)")
_NOT_MAIN_CLAUSE = agents.words(
    "which who whom whose where when most many some all each both none including and or but "
    "not such as like especially even only if then so yet"
)
_APPOSED = re.compile(r"(?:\S+\s+)?\S+,\s")


def _end_of_opening_clause(text: str, c_start: int, c_end: int) -> int:
    """Where a content in a sentence's opening clause ends: at its first comma outside a
    quotation that a clause of two words or more follows; else ``c_end``."""
    closing = -1
    for m in _MAIN_CLAUSE_COMMA.finditer(text, c_start, c_end):
        if m.start() == closing:
            continue  # (the comma after the name)
        if apposed := _APPOSED.match(text, m.end()):
            closing = apposed.end() - 2
            continue  # 'his son, Wil, had …': a name between commas, no main clause
        first = text[m.end() : text.find(" ", m.end(), c_end)]
        if first in _NOT_MAIN_CLAUSE or first.endswith(("ing", "ed")):
            continue  # '…, most of which …', '…, and …', '…, hoping …': no main clause
        end = m.start() + 1 + (text[m.start() + 1] in '”"')  # (with its closing mark)
        if text.count("“", c_start, end) == text.count("”", c_start, end) and (
            text.count('"', c_start, end) % 2 == 0
        ):
            return _trim(text, c_start, end)[1] if end == m.start() + 1 else end
    return c_end


# what opens a sentence's subject whose noun a relative clause without 'that' follows ('The
# answers he gave …', 'The next time she spoke …')
_RELATIVE_HEAD_LEADS = frozenset(["the", "a", "an", "this", "that", "these", "those"])
_RELATIVE_HEAD_ADJECTIVES = frozenset(["next", "first", "last", "only", "same", "other"])
_MAIN_VERB_STARTS = (
    _FINITE
    | frozenset(_IRREGULAR_ACT_WORDS.split())
    | agents.words("found said says showed shows became came went got left fell rose grew began")
    | agents.words("kept also later then never still already soon")
)


def _in_reduced_relative(text: str, s: int, hit: _Found) -> bool:
    """Whether the subject and verb of ``hit`` describe the noun that opens the sentence,
    and what follows is the sentence's own verb, not what was said: 'The answers Ruiz gave to
    the board were rife with …', 'The plan Ruiz criticized passed on Monday', 'An entity Ruiz
    controlled also sold …' (but 'The plumber Ana Ruiz said the road …')."""
    if hit.source[0] - s > 40:
        return False  # (longer than three words of a subject's head: cheap, and most are)
    before = text[s : hit.source[0]].split()
    if not 2 <= len(before) <= 3 or before[0].lower() not in _RELATIVE_HEAD_LEADS:
        return False
    if len(before) == 3 and before[1] not in _RELATIVE_HEAD_ADJECTIVES:
        return False
    if not before[-1].isalpha() or not before[-1].islower():
        return False
    first = text[hit.content[0] : hit.content[0] + 40].split(maxsplit=2)[:2]
    if not first or not first[0].islower():
        return False
    word = first[0].strip(",")
    if word in lex.PREPOSITIONS_ONLY:  # 'The answers he gave to the board were …': an act's
        return hit.act and not _infinitive(first)  # (a stance's 'warned of …' is what it says)
    return word in _MAIN_VERB_STARTS or is_adverb(word)


def attributions(attributor: Attributor) -> list[RuleAttribution]:
    """Every attribution of the article: reported speech by the rules above, and each quote
    that no reported-speech attribution contains, as a direct attribution."""
    text = attributor.text
    quotes = attributor.quotes()
    words = attributor.words  # (the words of every lexicon below, found once)
    if words is None or words.vocabulary is not _VOCABULARY:
        words = word_index(text)
    verbs = cue_words(attributor, words)
    found = _sentence_rules(attributor, verbs, ClosingVerbs(words))
    if attributor.ctx.sentences:
        s, e = attributor.ctx.sentences[0]
        if not any(a.content[0] < e for a in found):  # (the title's own rules matched first)
            found.extend(_headline(attributor, s, e))
    if ": " in text:
        found.extend(_speaker_colon(attributor, found))
    found.extend(nounphrase.noun_cues(attributor, found, words))
    # an act or a title is someone's only when the article also gives that someone's words
    speaking = {q.speaker for q in quotes} | {a.speaker for a in found if a.rule not in _ACTS}
    found = [a for a in found if a.rule not in _ACTS or a.speaker in speaking]
    found.extend(_passive_by(attributor, found, verbs))
    if "''" in text or "’’" in text:
        found = _apostrophe_continuations(text, found)
    found.extend(_direct(attributor, found))
    # (a dateline opens a paragraph: a content that starts elsewhere is kept as it is)
    opening = set(attributor.ctx.paragraph_starts)
    found = [_without_dateline(attributor, a) if a.content[0] in opening else a for a in found]
    found.sort(key=lambda a: a.content)
    return _merge_overlapping(text, found)


def _without_dateline(attributor: Attributor, found: RuleAttribution) -> RuleAttribution:
    """The attribution, its content without the news agency's dateline that opens the article's
    lead ('(Reuters) — The attorney general is investigating …, according to …')."""
    start = found.content[0]
    if attributor.ctx.paragraph_starts[attributor.ctx.paragraph_of(start)] != start:
        return found
    dateline = DATELINE.match(attributor.text[start : found.content[1]])
    if not dateline or start + dateline.end() >= found.content[1]:
        return found
    return _with_content(found, (start + dateline.end(), found.content[1]))


# a cue inside reported speech before a quotation: someone else's words may be quoted there
_NESTED_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|called|calls|calling|claim|claims|claimed|wrote|writes|"
    r"wired|tweeted|described|describes|dubbed|labeled|labelled|termed|according)\b|[’']s\b"
)


_RESOLVED_MENTIONS = lex.SPEAKER_PRONOUNS | {"the", "his", "her", "their", "its"}


def quotes_in_reported(attributor: Attributor, found: list[RuleAttribution]) -> list[RuleQuote]:
    """The quotations inside reported speech that the quote rules left without a speaker, as
    the reported speaker's ('Berg admires the governor as a “strong leader,” …': Berg's
    words): not a title ('on “Morning Joe”'), not one a quote already holds."""
    mixed = [a for a in found if a.kind == "mixed" and a.rule not in _ACTS]  # (words, not acts)
    if not mixed:
        return []
    text = attributor.text
    spans = attributor.ctx.spans
    starts = list(map(attrgetter("start"), spans))
    inside: set[int] = set()  # the quoted passages that start inside a mixed content
    for a in mixed:
        inside.update(range(bisect_left(starts, a.content[0]), bisect_left(starts, a.content[1])))
    if not inside:
        return []
    contents = Covering(a.content for a in mixed)
    quoted = Covering((q.start, q.end) for q in attributor.quotes())
    out: list[RuleQuote] = []
    for span in map(spans.__getitem__, sorted(inside)):
        start, end = quote_bounds(text, span)
        if not contents.covers(start, end) or quoted.overlaps(start, end):
            continue
        if not may_be_quote(text, span) or _QUOTE_MARK.search(text, start, end):
            continue
        words = text[start:end].split()
        if len(words) <= 4 and all(w[:1].isupper() for w in words):
            continue  # a name in quote marks ('Wikinews spoke to “The Katherinator”'), no words
        holder = min(
            (a for a in mixed if a.content[0] <= start and end <= a.content[1]),
            key=lambda a: a.content[1] - a.content[0],
        )
        if _NESTED_CUE.search(text, min(holder.cue[1], holder.content[0]), start):
            continue  # 'Lee said the plan, which critics called “a disaster,” …': theirs
        source = text[holder.source[0] : holder.source[1]] if holder.source else ""
        if source.split(" ", 1)[0].lower() in _RESOLVED_MENTIONS:
            continue  # 'he', 'the nominee': a speaker found by resolution, less sure
        cue = text[holder.cue[0] : holder.cue[1]]
        out.append(
            RuleQuote(
                start, end, holder.speaker, holder.speaker_kind, cue, source, "in_reported_speech"
            )
        )
    return out


def _direct(attributor: Attributor, found: list[RuleAttribution]) -> list[RuleAttribution]:
    """Each quote that no reported-speech attribution in ``found`` contains, as a direct
    attribution; the quotes of one statement (over several passages or paragraphs, or split by
    its cue) as one."""
    text = attributor.text
    direct: list[RuleAttribution] = []
    reported_starts = sorted(a.content[0] for a in found)
    contents = Covering(a.content for a in found)
    for q in attributor.quotes():
        if contents.covers(q.start, q.end):
            continue  # inside a reported content
        last = direct[-1] if direct else None
        gap = text[last.content[1] : q.start] if last is not None else ""
        if (
            last is not None
            and last.speaker == q.speaker
            and not _starts_between(reported_starts, last.content[1], q.start)
            and not _did_not_say(gap)
            and (
                (q.rule in ("continuation", "resumed_after_cue") and _opens_paragraph(text, gap, q))
                or (
                    "\n" not in gap
                    and len(gap) <= 80
                    and attributor.ctx.sentence_of(last.content[1] - 1)[0]
                    == attributor.ctx.sentence_of(q.start)[0]
                )
            )
        ):
            # one statement over several passages or paragraphs, or split by its cue
            # (“…,” he said, “…”): one attribution
            direct[-1] = _with_content(last, (last.content[0], q.end))
            continue
        direct.append(
            RuleAttribution(
                kind="direct",
                speaker=q.speaker,
                speaker_kind=q.speaker_kind,
                source=(source := _locate_mention(text, q)),
                cue=_locate_cue(text, q, source),
                content=(q.start, q.end),
                rule=q.rule,
            )
        )
    return direct


def _did_not_say(gap: str) -> bool:
    """Whether the text between two quotations tells what the first was about after their cue
    ('“…,” Lee said, referring to the levee. “…”'): two statements, not one."""
    return any(m[1] in _NOT_SAYING for m in _PARTICIPLE_AFTER_CUE.finditer(gap))


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """Whether a content closes a quotation it does not open ('… he says the plan was a mess.”'):
    its cue was the speaker's word inside a quotation, not a cue."""
    close = text.find("”", start, end)
    if close < 0:
        return text.count("''", start, end) % 2 == 1 and (
            text.endswith("''", start, end + 2)
            or (text.endswith("''", start, end) and text.find(" '", start, end) < 0)
        )  # (rules-12: the closing apostrophes inside the content: "… they'd see.''"; but not
        # the last of a single quotation's: "… as 'completely useless.''")
    opened = text.find("“", start, end)
    return opened < 0 or close < opened


def _starts_between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a content in ``starts`` (sorted) begins in [lo, hi): another statement between
    two quotations ('“…,” Lee said, adding that …. “…”') keeps them apart."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _opens_paragraph(text: str, gap: str, q: RuleQuote) -> bool:
    """Whether a quotation after ``gap`` goes on in the same paragraph or opens the next one (a
    speaker's next paragraph), not in the middle of another paragraph ('Ryan, despite
    admitting his “concerns”, …' is not the last speaker's)."""
    if "\n" not in gap:
        return True
    return not text[text.rfind("\n", 0, q.start) + 1 : q.start].strip(" “\"'‘")


def _merge_overlapping(text: str, found: list[RuleAttribution]) -> list[RuleAttribution]:
    """One attribution per statement: two whose contents are mostly the same span (a cue in
    the middle of its statement, 'The levee will hold, Lee said, until the spring floods', or
    a paraphrase inside the quotation it introduces) are one, spanning both; the first found
    keeps its source and cue."""
    out: list[RuleAttribution] = []
    for a in found:
        prev = out[-1] if out else None
        if prev is not None and (_split_by_cue(text, prev, a)):
            start, end = prev.content[0], max(prev.content[1], a.content[1])
            keep = prev if prev.kind != "direct" or a.kind == "direct" else a
            out[-1] = _with_content(keep, (start, end), _merged_kind(prev, a))
            continue
        out.append(a)
    return out


def _split_by_cue(text: str, a: RuleAttribution, b: RuleAttribution) -> bool:
    """Whether ``b``'s content goes on from ``a``'s across their shared cue: '…, he said, …'."""
    if a.cue != b.cue or not a.content[1] <= a.cue[0] < a.cue[1] <= b.content[0]:
        return False
    if b.rule != "subject_cue_clause" or text[b.content[0] : b.content[1]].split()[0].endswith(
        "ing"
    ):
        return False  # '…,” he said, adding that …': a second statement
    before, after = text[a.content[1] : a.cue[0]], text[a.cue[1] : b.content[0]]
    return _CUE_BETWEEN.fullmatch(before) is not None and after.strip() == ","


_CUE_BETWEEN = re.compile(r"[,”\"']*,[”\"']*\s+[^,;:.!?“”\"]{1,60}\s+")


def _merged_kind(a: RuleAttribution, b: RuleAttribution) -> AttributionKind:
    return a.kind if a.kind == b.kind else "mixed"


_HEADLINE_VERBS = lex.REPORTING_VERBS | lex.STANCE_VERBS | frozenset(lex.ATTITUDE_VERBS)
_NOT_HEADLINE_VERB = lex.FUNCTION_WORDS | lex.TITLE_SMALL_WORDS | lex.BE_FORMS | lex.PRONOUNS


def _headline_verb(words: list[str]) -> int:
    """The index of a headline's verb, after a subject of one to four words: 'Mayor Ruiz Vows
    To Rebuild', 'Council rejects levee plan' (a word of the verb lexicons, else the first
    third-person verb after a name, or after an opening phrase and its comma: 'Railing Against
    The Plan, Ruiz Vows To …'); -1 for none."""
    # (the subject starts after an opening phrase of up to five words)
    k = next((j + 1 for j, w in enumerate(words[:5]) if w.endswith(",")), 0)
    for i, w in enumerate(words[k + 1 : k + 5], k + 1):
        low = w.lower()
        if low in _HEADLINE_VERBS:
            if low + "s" in _HEADLINE_VERBS and not words[i - 1].lower().endswith("s"):
                return -1  # 'Clinton Plan for Taxes': a base form after a singular noun
            return i
    for i, w in enumerate(words[k + 1 : k + 5], k + 1):
        low = w.lower()
        if low in _NOT_HEADLINE_VERB or not w.isalpha() or not w[1:].islower():
            return -1  # 'Lee's', 'PACs': no verb
        if low.endswith("s") and not low.endswith(("ss", "us", "ers", "ors", "ists", "ans", "nts")):
            return i if words[i - 1][:1].isupper() and not words[i - 1].endswith("s") else -1
    return -1


def _headline(attributor: Attributor, s: int, e: int) -> list[RuleAttribution]:
    """A title line whose subject acts or speaks: 'Mayor Ruiz Vows To Rebuild The Levee' (the
    source, the verb as the cue, the rest as the content), or that ends with its speaker:
    'Levee Will Not Hold, Engineers Say'."""
    text = attributor.text
    if text[:s].strip() or "\n" not in text[e : e + 2] or any(c in text[s:e] for c in ":?"):
        return []  # a first line standing alone, as a title does
    closing = _HEADLINE_CLOSING.fullmatch(text, s, e)
    if closing:
        source, cue = closing.span("np"), closing.span("cue")
        content = _trim(text, s, closing.start("comma"))
    else:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[s:e])]
        words = [text[s + a : s + b] for a, b in spans]
        i = _headline_verb(words)
        if i < 1 or len(words) - i - 1 < 2:
            return []
        # the subject after an opening phrase: 'Railing Against Tax Breaks, Ruiz Vows To …'
        first = next((j + 1 for j in range(i - 2, -1, -1) if words[j].endswith(",")), 0)
        source = (s + spans[first][0], s + spans[i - 1][1])
        cue = (s + spans[i][0], s + spans[i][1])
        content = _trim(text, cue[1], e)
    mention = text[source[0] : source[1]]
    named = text.lower().find(mention.lower(), e) if closing else text.find(mention, e)
    if not (looks_like_speaker(mention) or _agent(mention)) or named < 0:
        return []  # the title's subject is someone the article goes on to name
    if closing:  # 'Aides Say': as the article writes it ('aides')
        mention = text[named : named + len(mention)]
    speaker, kind = attributor.resolve(mention, source[0])
    if not speaker:
        return []
    c_start, c_end = content
    return [
        RuleAttribution(
            kind=_kind(attributor, c_start, c_end),
            speaker=speaker,
            speaker_kind=kind,
            source=source,
            cue=cue,
            content=(c_start, c_end),
            rule="headline_closing" if closing else "headline",
        )
    ]


# 'Levee Will Not Hold, Engineers Say': a title that ends with its speaker and a verb of saying
_HEADLINE_CLOSING = re.compile(
    r"(?P<content>[^,]{12,}?\S)(?P<comma>,)\s+(?P<np>[A-Z][^,]{1,60}?)\s+"
    r"(?P<cue>Says|Say|Said|Warns|Warn|Claims|Claim|Argues|Argue|Insists|Insist)\.?\s*"
)


_APOSTROPHE_QUOTE = re.compile(r"(?:''|’’)(?P<body>[^\n]{3,600}?)(?:''|’’)")


_SPEAKER_COLON = re.compile(
    r"[“\"]?(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*):\s+(?P<content>\S[^\n]*)"
)


def _speaker_colon(attributor: Attributor, found: list[RuleAttribution]) -> list[RuleAttribution]:
    """A paragraph that opens with a speaker's name and a colon, as in a transcript or a
    headline: 'MAYOR HOLT: We will rebuild.', 'Ana Ruiz: The Levee Will Hold'."""
    text = attributor.text
    out = []
    taken = Covering(a.content for a in found)
    for p_start, p_end in attributor.ctx.paragraphs:
        if text.find(":", p_start, p_end) < 0:
            continue  # (no colon: the expression cannot match; found without trying it)
        m = _SPEAKER_COLON.match(text, p_start, p_end)
        if m is None or m["np"].lower().rstrip(".").split(maxsplit=1)[0] in lex.NOT_SPEAKER_LABELS:
            continue  # 'UPDATE:', 'Photo:', 'New Release:', 'Top Deal:' (no one's name)
        c_start, c_end = _trim(text, m.start("content"), p_end)
        if len(text[c_start:c_end].split()) < _MIN_CONTENT_WORDS or taken.overlaps(c_start, c_end):
            continue
        if m.start("np") > p_start and _quoted_then_more(attributor, p_start + 1, p_end):
            continue  # '“Ruiz: the levee will hold,” one user quipped': in someone's quotation
        np = m["np"]
        mention = np.title() if np.isupper() and len(np) > 3 else np  # 'HOLT' -> 'Holt'
        if not looks_like_speaker(mention):
            continue
        speaker, kind = attributor.resolve(mention, m.start("np"))
        if not speaker:
            continue
        out.append(
            RuleAttribution(
                kind=_kind(attributor, c_start, c_end),
                speaker=speaker,
                speaker_kind=kind,
                source=(m.start("np"), m.end("np")),
                cue=(m.end("np"), m.end("np") + 1),
                content=(c_start, c_end),
                rule="speaker_colon",
            )
        )
    return out


def _quoted_then_more(attributor: Attributor, start: int, p_end: int) -> bool:
    """Whether a quotation starts at ``start`` and the paragraph ends with a few words after
    it, as a cue does ('“…,” one user quipped.'), not with more of a transcript."""
    spans = attributor.ctx.spans
    i = bisect_left(spans, start, key=attrgetter("start"))
    if i == len(spans) or spans[i].start != start:
        return False
    rest = attributor.text[spans[i].end + 1 : p_end]
    return 0 < len(rest.split()) <= 8 and not any(mark in rest for mark in '“”"')


_APOSTROPHE_BOUNDARY = re.compile(
    r"(?<=[.!?])\s+(?=(?:''|’’)[A-Z])|(?<=[.!?](?:''|’’))\s+(?=[A-Z])"
)


def _split_apostrophe_quotes(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, also split where a quotation in double apostrophes opens or closes one
    ("… he said. ''We have sandbags.'' The …"), which the sentence splitter does not see."""
    if "''" not in text and "’’" not in text:
        return sentences
    pairs = sorted(occurrences(text, "''") + occurrences(text, "’’"))  # (each pair's start, once)
    out = []
    for s, e in sentences:
        i = bisect_left(pairs, max(0, s - 2))
        if i == len(pairs) or pairs[i] + 2 > e:
            out.append((s, e))  # (no pair of apostrophes in or right before it: no boundary)
            continue
        for m in _APOSTROPHE_BOUNDARY.finditer(text, s, e):
            out.append((s, m.start()))
            s = m.end()
        out.append((s, e))
    return out


def _apostrophe_continuations(text: str, found: list[RuleAttribution]) -> list[RuleAttribution]:
    """``found``, where a quotation in double apostrophes (''…'', a style some archives use for
    quote marks) goes on after an attributed one with no cue of its own, extended over it:
    "''The levee will hold,'' he said. ''We have sandbags.''" -> one statement."""
    found = sorted(found, key=lambda a: a.content)
    # in one pass over the quotations, in order (a bisection, not a pass over ``found`` each):
    # a content is only ever extended, over a quotation after every one seen so far
    starts = [a.content[0] for a in found]
    reach = list(accumulate((a.content[1] for a in found), max))
    extended = -1  # the furthest end of an extended content (each is before later quotations)
    ends = sorted(range(len(found)), key=lambda i: _reach(found[i]))
    ready = 0  # ends[:ready] end before the quotation
    best: tuple[int, int] | None = None  # (end, -index) of the one ending last, the first such
    for m in _APOSTROPHE_QUOTE.finditer(text):
        start, end = m.start("body"), m.end("body")
        j = bisect_left(starts, end)
        if j and max(reach[j - 1], extended) > start:
            continue  # overlaps an attribution
        while ready < len(ends) and _reach(found[ends[ready]]) <= m.start():
            best = max(best or (-1, 0), (_reach(found[ends[ready]]), -ends[ready]))
            ready += 1
        if best is None:
            continue
        i = -best[1]
        prev = found[i]
        gap = text[max(prev.content[1], prev.cue[1]) : m.start()]
        opened = text[max(0, prev.content[0] - 2) : prev.content[0] + 2]
        if len(gap) > 40 or gap.count("\n") > 2 or not ("''" in opened or "’’" in opened):
            continue
        found[i] = _with_content(prev, (prev.content[0], _trim(text, start, end)[1]))
        extended = max(extended, found[i].content[1])
        best = (_reach(found[i]), -i)
    return found


def _reach(a: RuleAttribution) -> int:
    """Where an attribution's content or cue ends, the later."""
    return max(a.content[1], a.cue[1])


def _locate_mention(text: str, q: RuleQuote) -> tuple[int, int] | None:
    """Where the article names the speaker of a quote: the nearest whole-word occurrence of the
    mention outside the quotation."""
    return _nearest(text, q, q.mention)


def _nearest(text: str, q: RuleQuote, phrase: str) -> tuple[int, int] | None:
    """The whole-word occurrence of ``phrase`` nearest to the quote, outside it (starting before
    ``q.start - 1`` or from ``q.end + 1``, in 300 characters before the quote and 200 after):
    the last one before it and the first after it, searched outward from the quote (not every
    occurrence in the window); the one before when both are as near."""
    if not phrase:
        return None
    lo, hi, n = max(0, q.start - 300), min(len(text), q.end + 200), len(phrase)
    before = -1
    if q.start - 2 >= lo:  # (an occurrence at or before q.start - 2, ending by ``hi``)
        at = text.rfind(phrase, lo, min(hi, q.start - 2 + n))
        while at >= 0 and not _whole_word(text, at, at + n):
            at = text.rfind(phrase, lo, at - 1 + n)
        before = at
    at = text.find(phrase, max(lo, q.end + 1), hi)
    while at >= 0 and not _whole_word(text, at, at + n):
        at = text.find(phrase, at + 1, hi)
    if before >= 0 and (at < 0 or q.start - before <= at - q.end):
        at = before
    return (at, at + n) if at >= 0 else None


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has no letter or digit right before or after it."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end >= len(text) or not text[end].isalnum()
    )


def _locate_cue(text: str, q: RuleQuote, source: tuple[int, int] | None = None) -> tuple[int, int]:
    """The cue of a quote, the nearest occurrence around it (else an empty span at the quote).
    A dash ('“…” ― Ana Ruiz') is the first after the quote, before its speaker's name: the
    nearest may be the dash of the paragraph before."""
    if q.cue and q.cue.strip(_DASH_CHARS) == "":
        at = text.find(q.cue, q.end, source[0] if source and source[0] > q.end else len(text))
        return (at, at + len(q.cue)) if at >= 0 else (q.start, q.start)
    return _nearest(text, q, q.cue) or (q.start, q.start)


_DASH_CHARS = "—–―"


# the passive of a verb of saying or judging, its agent after 'by': 'The plan was endorsed
# by the chamber of commerce', 'The report was first published by the Gazette', 'The tax,
# backed by the mayor, …' (what the agent said or judged is the subject)
_PASSIVE_CUES = agents.words(
    "supported endorsed echoed rejected reported criticized criticised praised condemned "
    "opposed backed welcomed denied approved proposed dismissed disputed described labeled "
    "cited urged written announced confirmed recommended requested demanded favored favoured "
    "applauded hailed blasted slammed accused lauded decried denounced mocked ridiculed "
    "championed touted advocated suggested claimed alleged predicted estimated revealed "
    "disclosed stated characterized branded portrayed scolded lambasted"
)  # (each a word of the cue lexicons: found among the article's cues)
_PASSIVE_BETWEEN = frozenset(["first", "also", "later", "since", "long", "once", "then", "not"])
_PASSIVE_AUX = lex.BE_FORMS - {"'s", "’s"}
_BEFORE_AUX = frozenset(["to", "likely", "will", "would"])
_BEFORE_BE = lex.BETWEEN_SUBJECT_AND_VERB | lex.TRAILING_ADVERBS | _PASSIVE_AUX | _BEFORE_AUX
_PASSIVE_CONJUNCTIONS = frozenset(
    ["and", "but", "yet", "so", "or", "still", "however", "meanwhile"]
)
_PASSIVE_SUBORDINATORS = lex.CLAUSE_OPENERS - _PASSIVE_CONJUNCTIONS
_PASSIVE_FRONTED = frozenset(["for", "in", "on", "at", "during", "with", "last", "earlier"])
_CLAUSE_BREAK = re.compile(
    r"(?:[;:]|\s[—–]|\s--|,\s+(?:and|but|while|as|so)\b"
    r"|\s(?:because|when|after|before|since|although|though|while|if|whether|once|until|unless))\s+"
)
_WORD = re.compile(r"\S+")
_FUNDED = agents.with_plurals(agents.words("study research project work trial survey experiment"))
_NOT_CONTENT = lex.PRONOUNS | lex.INDEFINITE_PRONOUNS | frozenset(["which", "who", "that"])


def _passive_subject(text: str, s: int, be: int) -> tuple[int, int] | None:
    """The subject of a passive whose auxiliaries start at ``be`` in the sentence starting at
    ``s``: from the start of its clause, past a fronted phrase ('When asked, …', 'For instance,
    …'); None when it is a pronoun, in a subordinate clause, or too long to be a noun phrase."""
    lo = s
    for m in _CLAUSE_BREAK.finditer(text, s, be):
        lo = m.end()
    lo = be - len(text[lo:be].lstrip())
    space = text.find(" ", lo, be)
    first = text[lo:space].lower().rstrip(",") if space > 0 else ""
    if first in _PASSIVE_CONJUNCTIONS:
        lo = space + 1  # 'But the plan was …'
    elif first in _PASSIVE_FRONTED or first in _PASSIVE_SUBORDINATORS:
        comma = text.find(", ", lo, be)
        if comma >= 0:
            lo = comma + 2  # 'When asked about it, the plan …', 'For instance, calls to …'
        elif first in _PASSIVE_SUBORDINATORS:
            return None  # 'because the plan was endorsed by …': no subject of its own
    words = text[lo:be].split(maxsplit=26)
    if not words or len(words) > 25 or words[0].lower() in _NOT_CONTENT:
        return None
    return _trim(text, lo, be)


def _passive_by(
    attributor: Attributor, found: list[RuleAttribution], verbs: Verbs
) -> list[RuleAttribution]:
    """The passives of :data:`_PASSIVE_CUES` with their agents: the subject is the content,
    the agent the source ('The proposal was endorsed by the Harlow Chamber of Commerce');
    ``verbs``: the article's cues (outside its quotations)."""
    text = attributor.text
    hits = [(a, b) for a, b, verb in verbs if verb in _PASSIVE_CUES and text.startswith(" by ", b)]
    if not hits:
        return []  # (most articles: no passive of a cue)
    out: list[RuleAttribution] = []
    taken = Covering(a.content for a in found)
    for verb_start, by in hits:
        s, e = attributor.ctx.sentence_of(by)
        words = [(m.start(), m.group()) for m in _WORD.finditer(text, max(s, by - 200), verb_start)]
        k = len(words)
        while k and (words[k - 1][1] in _PASSIVE_BETWEEN or is_adverb(words[k - 1][1])):
            k -= 1
        if not k or words[k - 1][1] not in _PASSIVE_AUX:
            continue
        while k > 1 and words[k - 2][1].lower().strip(",") in _BEFORE_BE:
            k -= 1  # 'has been', 'is likely to be', 'could be'
        be = words[k - 1][0]
        content = _passive_subject(text, s, be)
        if content is None or content[1] - content[0] < 2 or taken.overlaps(*content):
            continue
        if text[content[0]] in _QUOTE_MARKS:
            continue  # '“Long Road Home” was written by …': a title, not what anyone said
        subject = text[content[0] : content[1]]
        if text[verb_start:by] == "supported" and subject.rsplit(maxsplit=1)[-1] in _FUNDED:
            continue  # 'The study was supported by the Pell Foundation': paid for
        agent_start = by + 4
        np = np_after_cue(text[agent_start:e])
        if not np or not (looks_like_speaker(np) or _agent(np)):
            continue
        speaker, kind = attributor.resolve(np, agent_start)
        if not speaker:
            continue
        out.append(
            RuleAttribution(
                kind=_kind(attributor, *content),
                speaker=speaker,
                speaker_kind=kind,
                source=(agent_start, agent_start + len(np)),
                cue=(be, by + 3),
                content=content,
                rule="passive_by",
            )
        )
    return out

"""Open questions worth asking, found by rules, at most five, most important first.

1. **inconsistency**: two statements that disagree about the same thing: a recent action credited
   to "the Biden administration" while the article names another person as president; the same
   measure given two different numbers ("24 percent of donors" / "31 percent of donors");
2. **unconfirmed**: a claim resting on a single unnamed source ("a source familiar with …");
3. **missing_context**: a figure given without its source; an action reported with no response
   from the party concerned ("did not respond to a request for comment");
4. **unresolved**: a hedged claim ("may", "plans to", "in discussions"), only when it is a full
   clause with a subject and a verb, never a noun phrase or a fragment of a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from summarizer.engines.offline.agents import words
from summarizer.engines.offline.attribution import RuleQuote
from summarizer.engines.offline.reported import Covering, RuleAttribution, is_title_line
from summarizer.engines.offline.stances import trim_claim
from summarizer.text import lexicon as lex
from summarizer.text.dictionary import english_words
from summarizer.text.support import word_bases
from summarizer.text.words import lowered, matches_at

MAX_OPEN_QUESTIONS = 5
MAX_HEDGES = 2

_PRESIDENT = re.compile(
    r"\b(?:U\.?S\.? |American )?President "
    r"(?P<name>(?:[A-Z][\w’'.-]+ ){0,2}(?P<surname>[A-Z][\w’'-]+))"
)
_ADMINISTRATION = re.compile(
    r"\b[Tt]he (?P<who>[A-Z][\w’'-]+) administration(?:[’']s\s+(?P<what>[\w’'-]+"
    r"(?:\s+(?!(?:earlier|last|this|that|which|was|were|is|has|had|[a-z]+ed)\b)[\w’'-]+){0,6}))?"
)
_RECENT = re.compile(
    r"\b(?:this|last|earlier (?:in|this)) (?:week|month)|\bon (?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)|\byesterday\b|\btoday\b|\bearlier in the week\b"
)
_UNITS = (
    "percent",
    "%",
    "million",
    "billion",
    "people",
    "votes",
    "troops",
    "deaths",
    "cases",
    "points",
)
# a unit after a digit or a space, then "of" / "in"; each unit checks what precedes it after
# matching (a look-behind first would be tried at every position of the article: 2-3x slower)
_MEASURE_UNIT = re.compile(
    "(?:"
    + "|".join(f"{re.escape(unit)}(?<=[\\d\\s]{re.escape(unit)})" for unit in _UNITS)
    + r")\s+(?:of|in)\s"
)
_VALUE_BEFORE = re.compile(r"(?<![\w.,$])\$?\d[\d,.]*\s*$")
_SAME_MEASURE = re.compile(
    r"(?P<value>\$?\d[\d,.]*)\s*(?P<unit>percent|%|million|billion|people|votes|"
    r"troops|deaths|cases|points)\s+(?P<of>(?:of|in)\s+(?:the\s+)?[a-z][\w’'-]+)"
)
# "$4 million", "12 percent", "3.5 billion", not within a word or a number; it starts with the
# character it needs ($ or a digit) so that the scan skips every other position quickly
_FIGURE = re.compile(
    r"[$\d](?<![\w.][$\d])(?:(?<=\$)\s?\d[\d,.]*(?:\s+(?:million|billion|trillion)|(?:bn|tn|m)\b)?|"
    r"(?<=\d)[\d,.]*(?:\s*(?:percent|%)|\s+(?:million|billion|trillion)\b))"
)


def _figures(text: str) -> Iterator[re.Match[str]]:
    """What ``_FIGURE.finditer(text)`` finds, tried only where a match can start (found by
    ``str.find``, not by the expression's class ``[$\\d]``, about 40 instructions a character
    of the article): at each '$', and at each digit of a number that a unit follows ('24
    percent', '3.5 billion', '12%'), in both cases with no word character or period right
    before it (as the expression's look-behind requires).

    A match that opens with a digit is the whole number ``[\\d,.]*`` from there (a shorter
    part of it is followed by a digit, a comma or a period, which no unit opens with), spaces,
    then the unit: the units are looked for and their numbers read back from them, where an
    article holds a few units and dozens of digits that start no figure (dates, times, ages).
    (``\\d`` is what ``str.isdecimal`` is, ``\\w`` what ``str.isalnum`` is or '_', ``\\s`` what
    ``str.isspace`` is: digits beyond ASCII are read as the expression reads them.)"""
    starts = set()
    at = text.find("$")
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_."):
            starts.add(at)
        at = text.find("$", at + 1)
    for needle, backs in _FIGURE_UNITS:
        at = text.find(needle)
        while at >= 0:
            for back in backs:
                end = at - back  # where the unit would start; the number ends before spaces
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                start = end
                while start > 0 and (text[start - 1] in ",." or text[start - 1].isdecimal()):
                    start -= 1
                starts.update(
                    i
                    for i in range(start, end)
                    if text[i] not in ",."  # (a digit: the rest of the number)
                    and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_."))
                )
            at = text.find(needle, at + 1)
    return matches_at(_FIGURE, text, sorted(starts))


# what says a figure is a price: 'priced at $44,000', 'starts at', 'for just $9.99', 'down from'
# (not 'will cost $160,000 in 18 years', a projection, nor 'a deal of $9 billion', a fact
# reported: their sources are worth asking)
_PRICE_BEFORE = re.compile(
    r"\b(?:price[ds]?|pricing|starts?|starting|sells?|selling|retails?|"
    r"msrp|for just|for only|down from|discount(?:ed)?|fee|fare|tickets?)"
    r"(?: at| of| from| for)?\s*\(?$",
    re.I,
)
# a unit after a figure that makes it a measure, not a claim: '230 million light-years'
_UNIT_AFTER = re.compile(
    r"\s*(?:light-years?|light years?|miles|kilometres|kilometers|km|feet|metres|meters|"
    r"years old|horsepower|hp|mph|degrees|pixels|calories)\b"
)
_SOURCE_WORDS = re.compile(
    r"\b(?:according to|said|says|told|reported|reports|data|survey|poll|estimate[sd]?|study|"
    r"figures?|statistics|census|found|shows?|showed|cited)\b",
    re.I,
)
_NO_RESPONSE = re.compile(
    r"\s(?:(?:did not|didn’t|didn't|has not|hasn’t|have not|could not)\s+(?:immediately\s+)?"
    r"(?:respond|return|reply|be reached|comment)|declined to comment)\b"
)
# every match of _NO_RESPONSE is a space and then one of these
_NO_RESPONSE_STARTS = (
    "did not",
    "didn’t",
    "didn't",
    "has not",
    "hasn’t",
    "have not",
    "could not",
    "declined to comment",
)
# rules-15: someone speaking for a party: 'A Harbourline spokesperson', 'A lawyer for Ana Ruiz'
# (the party is who is asked)
_SPEAKING_FOR = re.compile(
    r"(?:^|[,;]\s|\.\s)(?:[Aa]n?|[Tt]he)\s+(?:(?P<owner>(?:[A-Z][\w’'.-]*\s+){1,4})"
    r"(?:spokes(?:man|woman|person)|representative|lawyer|attorney)|"
    r"(?:spokes(?:man|woman|person)|representative|lawyer|attorney)\s+for\s+"
    r"(?P<party>(?:the\s+)?(?:[A-Z][\w’'.-]*\s*){1,5}))$"
)
_RESPONDENT = re.compile(
    r"(?:^|[,;]\s|\.\s)(?P<who>(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*|[Tt]he [\w’' -]{2,40}?)$"
)
_HEDGE = re.compile(
    rf"\b({lex.trie_pattern(sorted(lex.HEDGES))})\b"  # one trie-shaped expression: fast
)
# a clause: a subject (a name, a noun phrase with a determiner, a pronoun) and then a verb
_CLAUSE = re.compile(
    r"^(?:[A-Z][\w’'.-]*|[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|[Bb]oth)"
    r"(?:\s+[\w’'.-]+){0,8}?\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|can|"
    r"[a-z]+(?:s|ed))\b"
)
# after a modal, what makes it no open possibility: a past that did not happen ('would have
# been appointed'), a habit ('would even take out'), a concession ('may only be small'), an idiom
# ('could not be happier'), a refusal ('would not discuss', 'could not be reached'), what
# could be perceived ('could be seen', 'could sense'): a past ability
_NO_POSSIBILITY = re.compile(
    r"\s+(?:have|even|often|sometimes|usually|always|never|only|not\s+be\s+happier|"
    r"typically|normally|generally|routinely|(?:be\s+)?(?:seen|heard)|see|hear|sense|feel|"
    r"not\s+(?:discuss|comment|say|speak|talk|reveal|confirm|elaborate|speculate)|"
    r"not\s+(?:be\s+)?(?:reached|immediately)\b|be\s+reached|"  # ('may be reached at …': a byline)
    r"(?:like|love|prefer|rather)\b)\b"  # a wish: 'would like to see …'
)
_SINGLE_UNNAMED = re.compile(
    r"^(?:a|an|one)\s+(?:\w+\s+){0,3}(?:source|official|person|aide|insider|adviser|advisor|"
    r"diplomat|staffer|member|officer|employee|executive)\b",
    re.I,
)


#: What to look for where a match can start: (needle, the offsets before it at which a match
#: can start), from :func:`needles`.
Needles = tuple[tuple[str, tuple[int, ...]], ...]


def needles(phrases: Iterable[str], back: int = 0, shared: Iterable[str] = ()) -> Needles:
    """Needles for the ``phrases`` a match opens with (``back`` characters after its start):
    each phrase by the first of ``shared`` that it holds ('ould' for 'could' and 'would', 'plan'
    for 'plan to', 'plans to' and 'planning to'), with how far into it that is, else by itself.
    Fewer needles, fewer searches of the text: each costs a pass over it."""
    shared = tuple(shared)
    offsets: dict[str, set[int]] = {}
    for phrase in phrases:
        needle = next((n for n in shared if n in phrase), phrase)
        offsets.setdefault(needle, set()).add(back + phrase.index(needle))
    return tuple((needle, tuple(sorted(at))) for needle, at in offsets.items())


def _needle_starts(text: str, needles: Needles, lo: int, hi: int) -> list[int]:
    """Where a match can start in [lo, hi): at each offset before each place a needle is
    (found by ``str.find``), in order."""
    starts = set()
    for needle, backs in needles:
        first, last = backs[0], backs[-1]
        stop = hi + last + len(needle) - 1
        at = text.find(needle, lo + first, stop)
        while at >= 0:
            if first == last:
                starts.add(at - first)
            else:
                starts.update(at - back for back in backs if lo <= at - back < hi)
            at = text.find(needle, at + 1, stop)
    return sorted(starts)


def _matches_at(
    pattern: re.Pattern[str], text: str, needles: Needles, chunk: int = 8000
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern that is never empty and whose every
    match begins at one of the offsets before one of ``needles`` (:func:`needles`): the pattern
    is tried only there, where ``str.find`` finds a needle, instead of the regular-expression
    engine trying every position of the text. The text is searched ``chunk`` characters at a
    time, as the matches are asked for: a caller that stops early does not search the rest
    (8,000: most articles in one piece, where each piece costs a search a needle, sixteen for
    the hedges; a long article in a few)."""
    return matches_at(
        pattern,
        text,
        (
            at
            for lo in range(0, len(text), chunk)
            for at in _needle_starts(text, needles, lo, lo + chunk)
        ),
    )


# (the units: 'illion' for 'million' and 'billion'; a match of _NO_RESPONSE opens with a space;
# the hedges: 16 searches rather than 22)
_UNIT_NEEDLES = needles(_UNITS, shared=("illion",))
# the units a figure that opens with a digit ends in (_FIGURE's), as needles: how far before
# the needle the unit starts ('million' and 'billion' one letter, 'trillion' two)
_FIGURE_UNITS = needles(("percent", "%", "million", "billion", "trillion"), shared=("illion",))
_NO_RESPONSE_NEEDLES = needles(_NO_RESPONSE_STARTS, back=1, shared=("did", "has"))
_HEDGE_NEEDLES = needles(lex.HEDGES, shared=("ould", "plan", "likely to", "yet to", "remain"))


def _first_president(text: str) -> re.Match[str] | None:
    """``_PRESIDENT.search(text)``, started where it can first match: at most nine characters
    ('American ') before the first 'President '."""
    at = text.find("President ")
    return None if at < 0 else _PRESIDENT.search(text, max(0, at - 9))


def _administrations(text: str) -> Iterator[re.Match[str]]:
    """What ``_ADMINISTRATION.finditer(text)`` finds, tried only at each ' administration':
    the name before it is one word, so a match can only start four characters before that
    word ('the Biden administration')."""
    return matches_at(_ADMINISTRATION, text, (text.rfind(" ", 0, at) - 3 for at in _finds(text)))


def _finds(text: str, needle: str = " administration") -> Iterator[int]:
    """Each place ``needle`` is in ``text``, in order."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


#: An open question as the values an :class:`~summarizer.schema.OpenQuestion` is validated
#: from (in the summary, as one tree with the rest: a constructor call per question and per
#: evidence span costs more).
Question = dict[str, object]


def _span(text: str, start: int, end: int) -> dict[str, object]:
    return {"text": text[start:end], "start": start, "end": end, "match": "exact"}


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect_right(sents, (pos, len(sents) and sents[-1][1] + 1)) - 1
    if i >= 0 and sents[i][0] <= pos < sents[i][1]:
        return sents[i]
    return pos, pos


Finder = Callable[
    [str, list[tuple[int, int]], list[RuleQuote], list[RuleAttribution]], list[Question]
]


def administration_mismatch(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """A recent action credited to one leader's administration while the article names another
    person as president: which of the two is it?"""
    if " administration" not in text:
        return []
    president = _first_president(text)
    if not president:
        return []
    for m in _administrations(text):
        if m["who"] == president["surname"] or m["who"] in president["name"].split():
            continue
        s, e = _sentence_of(sents, m.start())
        if not _RECENT.search(text, s, e):
            continue
        what = (m["what"] or "").strip()
        about = f"the {what}" if what else "this"
        return [
            dict(
                question=(
                    f"Which administration is behind {about}: the article names "
                    f"{president['name']} as president but credits the {m['who']} administration?"
                ),
                kind="inconsistency",
                why=(
                    f"The article calls {president['name']} the president, yet attributes a recent "
                    f"action to the {m['who']} administration: one of the two is wrong or needs "
                    "explaining."
                ),
                evidence=[_span(text, president.start(), president.end()), _span(text, s, e)],
            )
        ]  # the first is the one asked
    return []


def numbers_disagree(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """The same measure given two different values: '24 percent of donors' / '31 percent of
    donors'."""
    seen: dict[tuple[str, str], re.Match[str]] = {}
    starts = _needle_starts(text, _UNIT_NEEDLES, 0, len(text))
    if len(starts) < 2:
        return []  # (no unit overlaps itself or another: as many as their counts)
    for unit_match in matches_at(_MEASURE_UNIT, text, starts):
        number = _VALUE_BEFORE.search(text, max(0, unit_match.start() - 24), unit_match.start())
        if number is None:
            continue
        m = _SAME_MEASURE.match(text, number.start())
        if m is None:
            continue
        unit = "percent" if m["unit"] == "%" else m["unit"]
        of = m["of"].lower()
        if of.rsplit(None, 1)[-1] in _NO_WHOLE:
            continue  # 'percent of its', 'percent of all': the whole is further on
        key = (unit, of)
        first = seen.setdefault(key, m)
        if (
            first["value"].rstrip(".,") != m["value"].rstrip(".,")
            and _sentence_of(sents, first.start()) != _sentence_of(sents, m.start())
            and not _about(text, sents, first).isdisjoint(_about(text, sents, m))
        ):
            # (two values in one sentence, or said of different things, are two parts of a
            # whole: 'forest (40 percent of the land) and farms (25 percent of the
            # land)', 'lakes cover 9 percent of the land')
            return [  # the first disagreement is the one asked
                dict(
                    question=(
                        # (both figures name their measure: 'Which figure is right: 60
                        # percent of the cost or 22 percent of the cost?')
                        f"Which figure is right: {first.group().strip()} or {m.group().strip()}?"
                    ),
                    kind="inconsistency",
                    why="The article gives two different numbers for what reads as the same thing.",
                    evidence=[
                        _span(text, *_sentence_of(sents, first.start())),
                        _span(text, *_sentence_of(sents, m.start())),
                    ],
                )
            ]
    return []


_NO_WHOLE = lex.DETERMINERS | lex.POSSESSIVES | {"all", "them", "those", "these", "this"}
_CLAUSE_MARKS = re.compile(r"[,;:()—–]")
_ABOUT_WORD = re.compile(r"[a-z][a-z’'-]{3,}")
# words of four letters or more that say nothing of what a figure measures
_SAYS_NOTHING = words(
    "that with from were have been this they their them about than more said says also only "
    "some would will which there when what while into over under after before just"
)


def _about(text: str, sents: list[tuple[int, int]], m: re.Match[str]) -> set[str]:
    """What a measure is said of: the content words of its clause around it, back to the last
    punctuation before it and on to the first after it ('the survey found 24 percent of voters
    undecided': found, survey, undecided)."""
    s, e = _sentence_of(sents, m.start())
    before = _CLAUSE_MARKS.split(text[s : m.start()])[-1]
    after = _CLAUSE_MARKS.split(text[m.end() : e].rstrip("."))[0]
    return set(_ABOUT_WORD.findall((before + " " + after).lower())) - _SAYS_NOTHING


def single_unnamed_source(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """A claim resting on one unnamed source."""
    out: list[Question] = []
    for a in found:
        if len(out) == 2:
            break  # (at most two are asked)
        if a.speaker_kind != "anonymous" or not _SINGLE_UNNAMED.match(a.speaker):
            continue
        who = a.speaker[0].lower() + a.speaker[1:]
        claim = trim_claim(text[a.content[0] : a.content[1]], 20)
        s, e = _sentence_of(sents, a.content[0])
        out.append(
            dict(
                question=f"Does anyone named confirm what {who} says: {claim}?",
                kind="unconfirmed",
                why="The claim rests on a single unnamed source.",
                evidence=[_span(text, s, e)],
            )
        )
    return out[:2]


def unsourced_figure(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """A figure given in the reporter's own voice with no source in its sentence."""
    covered = None  # (what the attributions cover: looked up for a figure only)
    last = -1
    for m in _figures(text):
        s, e = _sentence_of(sents, m.start())
        if s in (last, e):
            continue
        last = s
        if covered is None:
            covered = Covering(a.content for a in found)
        if covered.covers(m.start(), m.start() + 1) or _SOURCE_WORDS.search(text, s, e):
            continue  # (in what someone is reported saying, or said to come from somewhere)
        money = text.startswith("$", m.start())
        if (money and _PRICE_BEFORE.search(text, max(s, m.start() - 40), m.start())) or (
            _UNIT_AFTER.match(text, m.end())
        ):
            last = -1  # rules-15: a price ('priced at $44,000', 'down from $299') or a
            continue  # measure ('230 million light-years'): no claim whose source to ask
        return [
            dict(
                # rules-14: without the sentence's comma or period ('at $44,000, not …')
                question=f"Where does the figure “{m.group().strip().rstrip(',.')}” come from?",
                kind="missing_context",
                why="The article gives this figure without saying who measured or reported it.",
                evidence=[_span(text, s, e)],
            )
        ]
    return []


def _do_for(who: str) -> str:
    """'do' for a plural party ('the campaign and the DNC', 'county officials'), else 'does'
    ('the Times', 'Barrientos', 'the bus company')."""
    last = who.split()[-1]
    plural = " and " in f" {who} " or (
        last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "’s", "'s"))
    )
    return "do" if plural else "does"


def no_response(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """The party concerned did not respond: what do they say?"""
    for m in _matches_at(_NO_RESPONSE, text, _NO_RESPONSE_NEEDLES):
        s, e = _sentence_of(sents, m.start())
        speaking = _SPEAKING_FOR.search(text[s : m.start()].rstrip())
        if speaking is not None:
            who = (speaking["owner"] or speaking["party"]).strip()
        else:
            subject = _RESPONDENT.search(text[s : m.start()])
            if subject is None or subject["who"].split()[0].lower() in ("he", "she", "they", "it"):
                continue
            who = subject["who"].strip()
        if who.startswith("The "):
            who = "the " + who[4:]
        break
    else:
        return []
    return [
        dict(
            question=f"What {_do_for(who)} {who} say about what is reported?",
            kind="missing_context",
            why=f"The article reports that {who} did not respond or declined to comment.",
            evidence=[_span(text, s, e)],
        )
    ]


def hedged_claims(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """A hedged claim stated as a full clause: does it happen?"""
    quoted = Covering(
        [(q.start, q.end) for q in quotes]
        + [a.content for a in found if a.speaker_kind == "anonymous"]
    )
    out: list[Question] = []
    last = -1
    low = lowered(text)
    scanned = low if len(low) == len(text) else text
    for hedge in _matches_at(_HEDGE, scanned, _HEDGE_NEEDLES):
        s, e = _sentence_of(sents, hedge.start())
        if (
            s in (last, e)
            or text[hedge.start()].isupper()  # 'Jonny May', 'in May': a name or a month
            or _NO_POSSIBILITY.match(text, hedge.end())
            or is_title_line(text, s, e)
            or quoted.covers(hedge.start(), hedge.start() + 1)
        ):
            continue
        last = s
        clause = _clause(text, s, e, hedge.start())
        if not clause:
            continue
        word = hedge.group(0)
        question = as_question(clause, word.lower(), text)
        if question and any(q["question"] == question for q in out):
            continue  # the same claim hedged twice ('… could face a lengthy ban')
        if not question and word.lower() not in _HEARSAY:
            continue  # a hedge that asks nothing in its own words ('That would represent …')
        out.append(
            dict(
                question=question or f"Has this happened or been settled: “{clause}”?",
                kind="unconfirmed" if word.lower() in _HEARSAY else "unresolved",
                why=f"The article hedges it (“{word}”): a possibility, not an outcome.",
                evidence=[_span(text, s, e)],
            )
        )
        if len(out) == MAX_HEDGES:
            break
    return out


_MODALS = frozenset(("may", "might", "could", "would"))
_TO_HEDGES = frozenset(
    ("likely to", "unlikely to", "expected to", "plan to", "plans to", "planning to")
)
_HEARSAY = frozenset(("reportedly", "allegedly"))
_TALKS = frozenset(("in discussions", "in talks"))
_AUXILIARIES = lex.TRAILING_ADVERBS  # 'has since', 'had already' between a subject and its verb
_BE_AT_END = re.compile(r"\s+(?:is|are|was|were|be|been|has|have|had|'s|’s)$")


def as_question(clause: str, hedge: str, article: str = "") -> str:
    """The hedged ``clause`` asked as a question, in its own words: 'the repairs could cost
    more' -> 'Will the repairs cost more?', 'the children are likely to do worse' -> 'Will the
    children do worse?', 'Lee reportedly met the envoy' -> 'Is it confirmed that Lee met the
    envoy?'; '' when it does not split into a plain subject and what follows the hedge.
    ``article``: a first word it also writes in lowercase is no name ('Users')."""
    whole = not clause.endswith("…")  # (else cut at 25 words: asked only if it ends sooner)
    found = re.search(rf"\b{re.escape(hedge)}\b", clause, re.IGNORECASE)
    if found is None:
        return ""
    subject = clause[: found.start()].strip()
    rest = clause[found.end() :].strip().rstrip("…")
    if hedge in _TO_HEDGES or hedge in _TALKS:
        subject = _BE_AT_END.sub("", subject)  # 'the children are likely to …'
    words = subject.split()
    said = next((i for i, w in enumerate(words) if w.lower() in _SAYS), -1)
    if said >= 0:  # 'Critics say the education law could …': the law is the subject
        sayer, words = words[:said], words[said + 1 :]
        if words[:1] == ["that"]:
            words = words[1:]
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            while sayer and sayer[-1].lower() in _AUXILIARIES:
                sayer.pop()  # 'Germany has since said it is in discussions to …': Germany
            words = sayer
    while words and words[0].lower() in _OPENERS:
        words.pop(0)  # 'But one man's song could …'
    auxiliary = ""
    if hedge in _HEARSAY and len(words) > 1 and words[-1].lower() in _FINITE:
        auxiliary = words.pop()  # 'X is reportedly being investigated': 'is' goes with it
    if not words or len(words) > 12 or words[0].lower() in _NO_SUBJECT_START:
        return ""
    if words[0].lower() in _PRONOUNS:
        return ""  # 'it may be removed': the question would not say who
    if words[0].lower().endswith(("ed", "ing")) and (
        len(words) < 2 or words[1].lower() in _AFTER_PARTICIPLE
    ):
        return ""  # 'Asked by Reuters whether Hungary would …': no subject
    if any(w.lower() in _FINITE for w in words) or any(
        w.endswith("ed") and w.islower() and before[:1].isupper() for before, w in pairwise(words)
    ):
        return ""  # a verb in the subject: 'the Scots have won …', 'Dame Barbara announced …'
    subject = " ".join(words)
    if hedge in _HEARSAY:
        cut = _REST_END.search(rest)
        if cut:
            rest = rest[: cut.start()].rstrip(" ,")  # '… with one punch after he refused …'
        elif not whole:
            return ""  # no question of half a clause
        claim = f"{subject} {auxiliary} {rest}" if auxiliary else f"{subject} {rest}"
        return (
            f"Is it confirmed that {_lower_first(claim, article)}?"
            if len(rest.split()) >= 2
            else ""
        )
    if hedge in _TALKS:
        if not rest.startswith("to "):
            return ""  # 'in talks with …': not what would happen
        rest = rest[3:]  # 'in discussions to procure …' -> 'procure …'
    elif hedge not in _MODALS and hedge not in _TO_HEDGES:
        return ""
    cut = _REST_END.search(rest)
    if cut:
        rest = rest[: cut.start()].rstrip(" ,")  # '… drop zone but they will return …'
    elif not whole:
        return ""  # no question of half a clause
    first = rest.split(maxsplit=1)[0].lower() if rest else ""
    if len(rest.split()) < 2 or first in ("not", "have", "also", "well"):
        return ""  # 'could not …', 'may have been …': asked as they are below
    if first in _IMPRESSION:
        return ""  # rules-15: 'may seem something of a cliché', 'could just as easily be AWD':
        # an impression or a possibility, not something that will or will not happen
    if first.endswith("ed"):
        return ""  # no verb's base form after the hedge: 'the star would … backed Labour's ban
    last = subject.split()[-1].lower()
    if last in _NOT_A_SUBJECT_END or last in lex.DETERMINERS or last.endswith(("’s", "'s")):
        return ""  # 'the plan, which could …'; "backed Labour's plans to": 'plans' is a noun
    return f"Will {_lower_first(subject, article)} {rest}?"


_OPENERS = frozenset(("but", "and", "so", "now", "yet", "still", "however"))
# where the question ends: another clause ('… but they will …', '… and he could …', '… if …')
# or a capitalized opener glued on without a period ('… with stewards After initially …')
_REST_END = re.compile(
    r"\s(?:but|if|unless|because|while|although|whereas|so|after|before|following|when|"
    r"and\s+(?:he|she|they|it|we|I)\b|[-–—])\s"
    r"|(?<=[a-z,])\s(?=(?:After|But|And|The|It|He|She|They|This|In|When|While)\s)"
)
_IMPRESSION = frozenset(("seem", "appear", "look", "sound", "feel", "just", "easily", "perhaps"))
_NO_SUBJECT_START = frozenset(
    ("not", "there", "here", "if", "when", "while", "as", "what", "why", "how", "whether", "where")
)  # rules-15: 'why Trump would even …' is an indirect question, no subject
_FINITE = lex.BE_FORMS | frozenset(
    ("has", "have", "had", "do", "does", "did", "knowing", "told", "will", "can", "must")
)
# a verb of saying in the subject: what follows it is the hedged clause's own subject
_SAYS = frozenset(
    (
        *("say", "says", "said", "believe", "believes", "believed", "think", "thinks"),
        *("thought", "warn", "warns", "warned", "indicated", "indicates", "argue", "argues"),
        *("argued", "claimed", "insist", "insists", "insisted", "suggest", "suggests"),
        *("suggested", "predict", "predicts", "predicted", "feared", "showed"),
    )
)  # (not the forms that are nouns too: 'the claims could …', 'the estimates may …')
_PRONOUNS = (lex.PRONOUNS - lex.POSSESSIVES - {"one"}) | {"this", "that", "these"}  # not 'His plan'
_AFTER_PARTICIPLE = lex.PREPOSITIONS_ONLY | frozenset(("whether", "that", "to"))
_NOT_A_SUBJECT_END = frozenset(("which", "who", "that", "what", "it", "this", "there", "and"))


_DICTIONARY = english_words()  # (built with the rules, not in the middle of a batch)


def _in_dictionary(word: str) -> bool:
    """Whether ``word`` (lower case) or its base is a common English word ('documented', 'names';
    not a compound the support check would take: 'germ-any')."""
    return word in _DICTIONARY or any(base in _DICTIONARY for base in word_bases(word))


def _inside_a_sentence(word: str, article: str) -> bool:
    """Whether ``article`` writes ``word`` after a lowercase word or a comma ('said Trump')."""
    at = article.find(f" {word}")
    while at > 0:
        end = at + 1 + len(word)
        if article[at - 1] in _INSIDE and not article[end : end + 1].isalnum():
            return True
        at = article.find(f" {word}", end)
    return False


_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def _lower_first(words: str, article: str) -> str:
    """``words`` with its first word lowercased when it is a determiner, a pronoun or a word
    the article also writes in lowercase ('The repairs', 'Users'), not a name ('Lee')."""
    first, _, rest = words.partition(" ")
    low = first.lower()
    if (
        low in lex.DETERMINERS
        or low in ("he", "she", "they", "we", "it")
        or (first[1:].islower() and f" {low} " in article)  # (as the article writes it)
        or (
            first[1:].islower()
            and not rest[:1].isupper()  # 'Will Smith', 'Mark Carney': a name
            and _in_dictionary(low)  # 'Data from the box could …', 'Documented immigrants'
            and not _inside_a_sentence(first, article)
        )  # (not a name the article capitalizes inside its sentences: 'Trump', 'Apple')
    ):
        return f"{low} {rest}".strip()
    return words


# a clause's first word that makes it no claim of the article's: a pronoun (the question would
# not say who; 'I', 'we': someone's words), a subordinating word ('while …', 'if …': half a
# sentence)
_NOT_A_CLAIM = frozenset(
    (
        *("he", "she", "it", "they", "we", "i", "you", "my", "our", "your"),
        *("while", "although", "though", "if", "when", "because", "unless", "whether", "as"),
        *("since", "once", "until"),
    )
)


def _clause(text: str, s: int, e: int, at: int) -> str:
    """The clause around ``at`` when it has a subject and a verb (else ''), at most 25 words."""
    sentence = text[s:e]
    rel = at - s
    starts = [sentence.rfind(c, 0, rel) for c in (", ", "; ", " — ", ": ", " that ")]
    start = max(starts)
    start = 0 if start < 0 else start + (6 if sentence[start:].startswith(" that ") else 2)
    asked = max(sentence.rfind(" whether ", start, rel), sentence.rfind(" if ", start, rel))
    if asked >= 0:
        start = asked + 1  # '… would not discuss whether he would …': a question, no claim
    ends = [i for i in (sentence.find(c, rel) for c in (", ", "; ", " — ")) if i != -1]
    end = min(ends) if ends else len(sentence)
    clause = sentence[start:end].strip().rstrip(".")
    if any(c in clause for c in '“”"') or not _CLAUSE.match(clause):
        return ""
    words = clause.split()
    first = words[0].lower()
    if first in ("but", "and", "or", "yet", "so", "even", "only") and len(words) > 1:
        first = words[1].lower()  # 'But while …', 'Even if …': still a subordinate clause
    if first in _NOT_A_CLAIM or " ' " in clause or clause.startswith(("'", "‘")):
        return ""  # who, a subordinate clause, someone's words in single quotation marks
    if clause.endswith("?"):
        return ""  # the article asks it itself
    return " ".join(words[:25]) + ("…" if len(words) > 25 else "")


#: The question finders, most important first.
FINDERS: tuple[tuple[str, Finder], ...] = (
    ("administration_mismatch", administration_mismatch),
    ("numbers_disagree", numbers_disagree),
    ("single_unnamed_source", single_unnamed_source),
    ("unsourced_figure", unsourced_figure),
    ("no_response", no_response),
    ("hedged_claims", hedged_claims),
)


def open_questions(
    text: str, sents: list[tuple[int, int]], quotes: list[RuleQuote], found: list[RuleAttribution]
) -> list[Question]:
    """At most five open questions, most important kinds first."""
    out: list[Question] = []
    for _, finder in FINDERS:
        if len(out) >= MAX_OPEN_QUESTIONS:
            break  # the later kinds would be cut
        out.extend(finder(text, sents, quotes, found))
    return out[:MAX_OPEN_QUESTIONS]

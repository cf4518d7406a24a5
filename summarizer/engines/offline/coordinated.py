"""Reported speech: a second cue that shares the subject of the first.

News often gives one speaker two statements in one sentence, joined by 'and' or by a participle:
'Lee said the levee would hold and warned that the river was rising', 'Lee praised the plan,
citing its cost'. The rules of :mod:`summarizer.engines.offline.reported` find the first
statement; this rule finds the second, with the same source, its own cue and content (the first
content is then cut where the second cue begins).

A rule here costs nothing on a sentence without a joined cue: it is tried only when a cue of the
sentence follows 'and', 'but' or a comma.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.engines.offline.agents import subject_at_start, words
from summarizer.engines.offline.attribution import is_adverb, looks_like_speaker
from summarizer.text import lexicon as lex

if TYPE_CHECKING:
    from summarizer.engines.offline.reported import Verbs, _Found

# what joins a second verb to the first: 'and (also) warned', 'but later said', ', citing'
_JOINT = re.compile(
    r"(?P<sep>,[”\"]?\s+(?:and\s+|but\s+)?|\s+(?:and|but)\s+)"
    r"(?:(?:also|then|later|even|again|repeatedly|promptly|quickly|previously|has|have|had)\s+)"
    r"{0,2}$"
)
_JOINT_WINDOW = 32
_COMMA_AND = re.compile(r",\s+(?:and|but)\s+(?:(?:also|then|later|has|have|had)\s+){0,2}$")
# the verbs of a second statement: saying, judging or asking, not thinking or doing ('and
# thought of …', 'and offered no proof', 'knowing that …' belong to the clause they end)
_STEMS = tuple(
    words(
        "say said add note not warn argu insist suggest acknowledg admit conced claim declar den "
        "explain predict promis pledg vow urg criticiz criticis prais accus blam reject dismiss "
        "question cit announc stress emphasiz tell told ask describ encourag"
    )
)
# nouns as often as verbs after 'and' ('threats and promises'): only their past and participle
_NOUN_LIKE = words(
    "claim claims question questions promise promises pledge pledges vow vows praise praises "
    "note notes stress stresses address addresses addressed addressing"
)
SECOND = frozenset(
    v
    for v in lex.REPORTING_VERBS | lex.STANCE_VERBS
    if v.startswith(tuple(_STEMS))
    and v not in _NOUN_LIKE
    and (v.endswith(("ed", "ing", "s")) or v in ("said", "told"))
) | frozenset(["adding", "called for", "called on", "calling for", "calling on", "calls for"])
# a finite second verb right after a comma is a closing cue ('…, said Lee'), not a second one
_INVERTED = re.compile(r"\s+(?:[A-Z][\w’'.-]*\s*){1,4}(?:[,.]|$)")
_TOLD = frozenset(["told", "tells", "tell", "telling"])
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|reporters|journalists|"
    r"him|her|them|us|supporters|voters|the crowd|the \w+)(?=[\s,.])"
)
_SUBJECT_AT_START = re.compile(subject_at_start("") + r"|(?:He|She|They)\b")
_WEEKDAYS = sorted(d.capitalize() for d in lex.WEEKDAYS - {"today", "yesterday"})
_DAYS = "|".join(_WEEKDAYS + [d[:3] for d in _WEEKDAYS])  # 'Monday', …, then 'Mon', …
# the speaker of a cue that a participle follows: '“…,” Lee said, adding …'
_SAID_BEFORE = re.compile(
    r"(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*|(?<![\w’'-])(?:[Hh]e|[Ss]he|[Tt]hey))\s+"
    r"(?:said|says|added|wrote|writes|told\s+[\w ]{1,30}?)"
    # when or where, between the cue and its comma ('said in a statement, adding …', 'said
    # in June 2012, citing …', 'said Tuesday, noting …')
    rf"(?:\s+(?:(?:in|on|at|during|to|last|this|earlier|later|{_DAYS})\b[^,;:“”\"]{{0,36}}?))?"
    r"\s*,\s+$"
)
_NOT_CONTENT_START = lex.CIRCUMSTANCE_STARTS - frozenset(["to"])
_MIN_WORDS = 2


def _joint(text: str, s: int, a: int, verb: str) -> int:
    """Where the cue at ``a`` begins with its auxiliaries ('has called') when it follows a joint
    that keeps the sentence's subject: 'and said', 'but has also warned', ', citing' (a comma
    alone only before a participle); -1 when it does not."""
    m = _JOINT.search(text, max(s, a - _JOINT_WINDOW), a)
    if m is None:
        return -1
    if "and" in m["sep"] or "but" in m["sep"] or verb.endswith("ing") or verb.startswith("calling"):
        return m.end("sep")
    return -1


def coordinated_cue(text: str, s: int, e: int, verbs: Verbs) -> list[_Found]:
    """Each cue joined to the first statement of the sentence ('Lee said …, and warned that
    …'), with the first statement's source, or the name or pronoun that opens the sentence."""
    candidates = [
        (joint, b, v)
        for i, (a, b, v) in enumerate(verbs)
        if v in SECOND
        and text[a].islower()
        # the first cue of the sentence only after ', and': its first verb was no cue ('Lee
        # has used the phrase often, and criticized …')
        and (
            i
            or (
                text.find(",", max(s, a - _JOINT_WINDOW), a) >= 0
                and _COMMA_AND.search(text, max(s, a - _JOINT_WINDOW), a) is not None
            )
        )
        and (joint := _joint(text, s, a, v)) >= 0
    ]
    if not candidates:
        return []
    from summarizer.engines.offline import reported  # (reported lists this rule)

    first = reported.subject_cue_clause(text, s, e, [v for v in verbs if v[0] < candidates[0][0]])
    source: tuple[int, int] | None = None
    after = e
    if first is not None:
        source, after = first.source, first.cue[1]
    else:
        opening = _SUBJECT_AT_START.match(text, s, e)
        if opening is not None and _someone(opening.group()):
            source, after = (s, opening.end()), opening.end()
    out = []
    for a, b, v in candidates:
        if v.endswith("ed") and text.startswith((" of ", " by "), b):
            continue  # '… and accused of fraud': a passive
        said = _SAID_BEFORE.search(text, max(s, a - 60), a) if v.endswith("ing") else None
        if said and _someone(said["np"]):  # '“…,” Lee said, adding …'
            out_source = (said.start("np"), said.end("np"))
        elif source is not None and a > after:
            out_source = source
        else:
            continue
        if not v.endswith("ing") and text[a - 2] == "," and _INVERTED.match(text, b, e):
            continue  # '…, said Ana Ruiz.'
        content = content_after(text, b, e, v)
        if content is not None:
            out.append(reported._Found(out_source, (a, b), content))
    return out


def _someone(np: str) -> bool:
    """A subject that can speak, not an adverb or the writer: 'Luckily I' is nobody's."""
    words = np.split()
    return looks_like_speaker(np) and not is_adverb(words[0]) and words[-1] not in ("I", "We")


def content_after(text: str, b: int, e: int, verb: str) -> tuple[int, int] | None:
    """What a joined cue says: the rest of the sentence after the cue (and 'that', and the
    person told), or None when it is a circumstance ('said in June') or too short."""
    after = b
    if verb in _TOLD:
        told = _TOLD_OBJECT.match(text, b, e)
        after = told.end() if told else b
    while after < e and text[after] == " ":
        after += 1
    if text.startswith("that ", after):
        after += 5
    end = e
    while end > after and text[end - 1] in " ,.;:!?\n":
        end -= 1
    said = text[after:end].split(maxsplit=_MIN_WORDS)
    if len(said) < _MIN_WORDS or said[0][:1] == "”":
        return None
    if said[0].lower() in _NOT_CONTENT_START:
        return None
    return after, end


# 'voters who said …', 'Democrats who have called for …': a relative pronoun right before the
# cue with no comma before it (after a comma it is subject_attitude_verb's: 'the agency, which
# denied …')
_WHO = re.compile(
    r"(?<=[^,\s])\s+who\s+(?:(?:also|has|have|had|later|then|previously|repeatedly|publicly|"
    r"recently|now|still)\s+){0,2}$"
)
RELATIVE = SECOND | words(
    "say argue insist warn claim contend believe fear worry complain predict suggest "
    "acknowledge admit"
)


def relative_cue(text: str, s: int, e: int, verbs: Verbs) -> list[_Found]:
    """'Older voters who said they had doubts stayed home': the people the relative clause is
    about say what follows its cue, up to the end of the clause."""
    out: list[_Found] = []
    if not verbs or text.find("who", s, verbs[-1][0]) < 0:
        return out  # (no 'who' before the last cue: none is in a relative clause; most)
    for a, b, v in verbs:
        if v not in RELATIVE or text.find("who", max(s, a - 40), a) < 0:
            continue
        m = _WHO.search(text, max(s, a - 40), a)
        if m is None:
            continue
        from summarizer.engines.offline import reported  # (reported lists this rule)

        np = reported._agent(reported._antecedent(text[max(s, m.start() - 60) : m.start()]))
        source = reported._locate_np(text, s, m.start(), np) if np else None
        comma = text.find(",", b, e)
        content = content_after(text, b, comma if comma > 0 else e, v)
        if source is None or content is None:
            continue
        out.append(reported._Found(source, (a, b), content))
    return out

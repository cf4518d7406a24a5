"""Stances from what actors said: one per actor who is quoted or reported.

- ``position``: the actor's claim in the article's own words (their first reported claim, else
  their longest quote), trimmed at a clause boundary;
- ``role``: the title before the actor's name ("Ukrainian President") or the appositive after it
  ("a spokesman for the agency"), from the article;
- ``topic``: a short noun phrase for the article's main subject, or, when the article states the
  actor's stance, what the stance is toward;
- ``stance``: ``unclear`` unless the article states it with a verb of the actor's ("opposed",
  "criticised" -> opposes; "backed", "urged", "welcomed" -> supports).
"""

from __future__ import annotations

import re

from summarizer.engines.offline.attribution import Attributor, is_adverb
from summarizer.engines.offline.reported import RuleAttribution
from summarizer.schema import Evidence, Quote, Stance, StanceLabel
from summarizer.text import lexicon as lex

MAX_POSITION_WORDS = 30
_ROLE_TITLES = lex.TITLES | lex.ROLE_WORDS
_APPOSITIVE = re.compile(r",\s+(?P<role>(?:a|an|the|[a-z]\w*)\b[^,.;:“”\"()]{3,70}?),")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_STOP = (
    lex.FUNCTION_WORDS
    | lex.CONNECTORS
    | lex.DETERMINERS
    | lex.PRONOUNS
    | lex.REPORTING_VERBS
    | lex.NOT_IN_SPEAKERS
    | lex.NOT_NAME_STARTS
    | lex.TOPIC_STOP_WORDS
    | lex.TITLES
    | lex.TOPIC_FUNCTION_WORDS
)
_OBJECT_END = re.compile(
    r"[,;:“”\"(]|\.(?:\s|$)|\s(?:as|for|because|after|before|over|in|on|and)\s"
)


def trim_claim(text: str, limit: int = MAX_POSITION_WORDS) -> str:
    """``text`` shortened to at most ``limit`` words at a clause boundary (else whole words)."""
    words = text.split()
    if len(words) <= limit:
        return text.strip()
    cut = " ".join(words[:limit])
    at = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" — "))
    if at > len(cut) // 2:
        return cut[:at].rstrip() + "…"
    return cut + "…"


def _whole_word_counts(low_text: str, words: set[str]) -> dict[str, int]:
    """How often each of ``words`` is written as a whole word in ``low_text`` ('deal' is not
    counted inside 'dealer')."""
    return {w: _whole_word_count(low_text, w) for w in words}


def _whole_word_count(low_text: str, word: str) -> int:
    n = 0
    at = low_text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _in_word(low_text[at - 1])) and (
            end == len(low_text) or not _in_word(low_text[end])
        ):
            n += 1
        at = low_text.find(word, end)
    return n


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_’'-"


def main_topic(text: str, lead: tuple[int, int], names: set[str]) -> str:
    """A short noun phrase for the article's main subject: the run of content words in the lead
    sentence whose words the article repeats most, people's names left out."""
    chunks: list[list[str]] = [[]]
    for m in _WORD.finditer(text, lead[0], min(lead[1], lead[0] + 400)):
        word = m.group()
        low = word.lower()
        if low in _STOP or word in names or is_adverb(low):
            chunks.append([])
        else:
            chunks[-1].append(word)
        if text[m.end() : m.end() + 1] in ",;:":
            chunks.append([])
    wanted = {w.lower() for chunk in chunks for w in chunk}
    counts = _whole_word_counts(text.lower(), {w for w in wanted if len(w) >= 3})
    counts.update({w: 0 for w in wanted if len(w) < 3})
    best, best_score = "", 0.0
    for chunk in chunks:
        for size in (3, 2, 1):
            for i in range(0, len(chunk) - size + 1):
                words = chunk[i : i + size]
                scores = [counts[w.lower()] for w in words]
                if 0 in scores:
                    continue  # a word of fewer than 3 letters
                score = sum(scores) * (1 + 0.5 * (size - 1))
                if score > best_score:
                    best, best_score = " ".join(words), score
    return best


def _role(attributor: Attributor, actor: str, kind: str) -> str:
    if kind == "anonymous":
        return "unnamed source"
    if kind == "organization":
        return "organization"
    text = attributor.text
    # the people named the actor or with the actor's surname (the actor's own name has it)
    for pos, name in attributor.ctx.people_by_surname.get(actor.split()[-1], ()):
        at = text.find(name, pos)
        prefix = text[pos:at].strip() if at > pos else ""
        if prefix and any(w.lower().strip(".,") in _ROLE_TITLES for w in prefix.split()):
            return prefix
        appositive = _APPOSITIVE.match(text, at + len(name))
        if appositive:
            return appositive["role"].strip()
    return "named in the article"


def _stated(text: str, items: list[RuleAttribution]) -> tuple[StanceLabel, str]:
    """('opposes' or 'supports', toward what) when the verb that attributes the actor's words
    states it ('Berg criticized the plan as too slow', 'He praised the system as “…”'), else
    ('unclear', '')."""
    for a in items:
        verb = text[a.cue[0] : a.cue[1]].lower()
        label: StanceLabel | None = (
            "opposes"
            if verb in lex.OPPOSING_VERBS
            else "supports"
            if verb in lex.SUPPORTING_VERBS
            else None
        )
        if label is None:
            continue
        start = a.content[0] if a.kind != "direct" else a.cue[1]
        rest = text[start : start + 120]
        stop = _OBJECT_END.search(rest)
        target = " ".join((rest[: stop.start()] if stop else rest).split()[:8])
        if target:
            return label, target
    return "unclear", ""


def stances(
    attributor: Attributor,
    quotes: list[Quote],
    found: list[RuleAttribution],
    topic: str,
) -> list[Stance]:
    """One stance per actor with a quote or a reported claim, in order of first appearance."""
    text = attributor.text
    by_actor: dict[str, list[RuleAttribution]] = {}
    for a in found:
        if a.speaker.lower() in lex.PRONOUNS or a.rule == "subject_act":
            continue  # a pronoun nobody could be found for; an act, not words
        by_actor.setdefault(a.speaker, []).append(a)
    quote_index = {(q.start, q.end): i for i, q in enumerate(quotes)}
    out = []
    for actor, items in by_actor.items():
        reported = [a for a in items if a.kind != "direct"]
        main = reported[0] if reported else max(items, key=lambda a: a.content[1] - a.content[0])
        position = trim_claim(text[main.content[0] : main.content[1]])
        label, target = _stated(text, items)
        evidence = []
        for a in ([main] + [a for a in items if a is not main])[:3]:
            s, e = a.content
            evidence.append(
                Evidence(
                    text=text[s:e], start=s, end=e, match="exact", quote=quote_index.get((s, e))
                )
            )
        out.append(
            Stance(
                actor=actor,
                role=_role(attributor, actor, items[0].speaker_kind),
                topic=target or topic,
                position=position,
                stance=label,
                evidence=evidence,
            )
        )
    return out

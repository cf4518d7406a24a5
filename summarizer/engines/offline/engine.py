"""The offline engine: rules only, no model and no network, the same ``ArticleSummary``.

- quotes and speakers from :mod:`summarizer.engines.offline.attribution`, reported speech
  (attributions) from :mod:`summarizer.engines.offline.reported`;
- an extractive summary: news leads are strong, so the headline (the page title when there is
  one) and text come from the lead, key points are located sentences; boilerplate ("Follow us
  on:") is left out;
- one stance per actor who is quoted or reported, from :mod:`summarizer.engines.offline.stances`;
- open questions a reader needs answered, from :mod:`summarizer.engines.offline.questions`.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

from summarizer.engines.offline.attribution import (
    Attributor,
    RuleQuote,
    may_be_quote,
    quote_bounds,
    unnamed_description,
)
from summarizer.engines.offline.questions import MAX_OPEN_QUESTIONS, open_questions
from summarizer.engines.offline.reported import (
    RuleAttribution,
    attributions,
    is_title_line,
    quotes_in_reported,
    word_index,
)
from summarizer.engines.offline.stances import main_topic, stances
from summarizer.errors import InputError
from summarizer.schema import ArticleSummary, Quote, SpeakerKind
from summarizer.text import lexicon as lex
from summarizer.text.language import detect_language
from summarizer.text.quotemarks import QuotedSpan, find_quoted_spans
from summarizer.text.sentences import DATELINE
from summarizer.text.wrapping import unwrap

RULES_VERSION = "rules-18"
MAX_KEY_POINTS = 5
MAX_HEADLINE_WORDS = 22
__all__ = ["MAX_OPEN_QUESTIONS", "rule_quotes", "rule_quotes_outside", "summarize_offline"]

_BOILERPLATE = re.compile(
    r"^(?:follow us(?: on)?\b.*|read (?:the rest|more)\b.*|click here\b.*|share (?:this|on)\b.*|"
    r"sign up\b.*|subscribe\b.*|advertisement|related(?: coverage)?:.*|image:.*|photo:.*|"
    r"also on [\w.-]+\.(?:com|org|net|co\.uk)\b.*|"
    r"\(?(?:reporting|editing|writing) by\b.*|copyright\b.*|all rights reserved.*|"
    r"find all the latest\b.*)$",
    re.I,
)
# the characters :data:`_BOILERPLATE` can start with, as it ignores case (where 'İ' and 'ı'
# are an 'i', 'ſ' an 's'): the expression is tried only on a sentence that starts with one
_BOILERPLATE_FIRST = frozenset("fracsipewFRACSIPEW(İıſ")  # ("a": "also on …")
# a photo credit: tried only on a sentence with a slash in its first 31 characters (the search
# backtracks over every word of every sentence otherwise)
_CREDIT = re.compile(r"^[\w/ ]{0,30}/(?:getty|instagram|reuters|ap)\b.*$", re.I)
_NO_LAST_WORD = frozenset(["and", "but", "or", "nor", "so", "yet", "the", "a", "an", "of", "to"])
# where a lead sentence can be shortened without cutting a phrase: before a comma, a dash or a
# subordinate clause
_CLAUSE_BOUNDARY = re.compile(
    r"(?P<mark>,\s|;\s|\s[—–-]\s)|\s(?=(?:following|after|before|as|because|while|which|who|"
    r"when|amid|despite|although|where)\s)"
)
# a head that says nothing without its relative clause: 'confirmed as the man [who …]', 'has
# reached the point [where …]'
_EMPTY_HEADS = frozenset(
    ("man", "woman", "person", "one", "ones", "point", "place", "time", "thing", "things", "way")
)
# a lead that opens with a subordinate clause: its first part is no headline alone ('Although
# Ana Ruiz boasts a big lead')
_SUBORDINATE_OPENING = re.compile(
    r"(?:Although|Though|While|Whilst|When|If|Unless|Because|As|Since|Despite|After|Before|"
    r"Once|Until|Whether|In case|With|Without|Following|Amid|During|Given|Having)\s"
)  # (rules-15: a phrase as well as a clause: 'With the new film released this week, …')
# openings of a phrase of time or circumstance, which a headline can leave out (not a
# concession or a condition: 'Although Clinton boasts …, not even …' needs it)
_PHRASE_OPENING = re.compile(
    r"(?:With|Without|Following|Amid|During|Given|Having|In case|After|Before|Once)\s"
)


def _usable_sentences(text: str, all_sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    usable = []
    for s, e in all_sentences:
        if text.startswith(_FURNITURE, s):
            # rules-15: a page's furniture glued to the sentence after it ('Media playback is
            # not supported on this deviceOkafor said …'): the sentence starts after it
            s += next(len(f) for f in _FURNITURE if text.startswith(f, s))
            while s < e and text[s].isspace():
                s += 1
            if e - s < 2:
                continue
        if not _is_boilerplate(text[s:e]):
            usable.append((s, e))
    return usable


_FURNITURE = lex.PAGE_FURNITURE


def _is_boilerplate(sentence: str) -> bool:
    return bool(
        (sentence[:1] in _BOILERPLATE_FIRST and _BOILERPLATE.match(sentence))
        or (sentence[:3] == "By " and _BYLINE.match(sentence))
        # a photo credit, an embedded post or a link ('pic.twitter.com/… https://t.co/…'): each
        # holds a slash, looked for first (one pass over most sentences, not two)
        or (
            "/" in sentence
            and (
                ("/" in sentence[:31] and _CREDIT.match(sentence))
                or "://" in sentence
                or "pic.twitter.com/" in sentence
            )
        )
    )


# a byline: 'By Jane Reporter', 'By Jane Reporter, 12 March 2024' (not 'By Monday, the …')
_BYLINE = re.compile(
    r"By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s*(?:[,|]\s*(?:[^,]*\d{4}|[A-Z][\w ]*)\s*)?$"
)


_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+")
_CJK_STOP = re.compile(r"[。！？]")


def _headline(
    text: str,
    sents: list[tuple[int, int]],
    title: str | None,
    titled: tuple[int, int] | None,
    own: tuple[str, tuple[int, int]] | None,
) -> str:
    """The page title when there is one, else the article's own title line (``own``: its
    :func:`_own_title`), else the lead sentence, shortened at a clause boundary when it is long
    (never cut mid-phrase)."""
    if title and title.strip():
        return " ".join(title.split())
    if own is not None:
        return own[0]  # the article carries its own title
    if titled:  # 'Poll: Young Voters Leave the Harbor Party for Ana Ruiz.'
        return text[titled[0] : titled[1]].rstrip(".")
    # '(CNN)They may …', 'LONDON (Reuters) - …': the dateline is not part of the lead
    leads = (DATELINE.sub("", text[s:e], count=1).strip() for s, e in sents)
    lead = next((x for x in leads if x), text[sents[0][0] : sents[0][1]])
    return shorten_at_clause(lead.rstrip("."))


def _own_title(text: str) -> tuple[str, tuple[int, int]] | None:
    """The article's own title and the span of its line: a first line of at most 20 words that
    ends no sentence ('Carden approves plan after long debate', a Markdown heading without its
    marks), not a byline, a teaser or a dateline alone."""
    first = _FIRST_PARAGRAPH.match(text)
    if first is None:
        return None
    first_line = first["line"].strip()
    heading = _MARKDOWN_HEADING.match(first_line)
    if heading:  # '# Title', '## Title' (Markdown): the title, without its marks
        first_line = first_line[heading.end() :].rstrip("#").strip()
    first_line = DATELINE.sub("", first_line, count=1).strip()  # a dateline alone: no title
    if _is_boilerplate(first_line):
        return None  # a byline, a teaser: not a title
    if (
        first_line
        and len(first_line.split()) <= 20
        and not first_line.endswith((".", "”", '"', "。", "！", "？"))
        and not _CJK_STOP.search(first_line)  # (a line of Chinese sentences is no title)
    ):
        # ('Super PAC haul surges past $1B;': a subtitle follows, the mark is not the title's)
        return first_line.rstrip(" ;,"), first.span("line")
    return None


def shorten_at_clause(lead: str, limit: int = MAX_HEADLINE_WORDS) -> str:
    """``lead`` cut at its last clause boundary within ``limit`` words (at least 6 words kept);
    whole when it is short or has no such boundary."""
    if len(lead.split()) <= limit:
        return lead
    best = None
    segment_start, dashed = 0, False  # where the last part opened, and whether by a dash
    subordinate = _SUBORDINATE_OPENING.match(lead) is not None
    for m in _CLAUSE_BOUNDARY.finditer(lead):
        before = lead[: m.start()]
        words = len(before.split())
        if words > limit:
            break
        mark = m["mark"]
        if mark is None:
            last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            usable = not dashed and last not in _EMPTY_HEADS
            # ('on Friday - exactly eight weeks [after …]', 'the man [who …]': not there)
            if lead.startswith(" as ", m.start()) and (
                last == "such" or last.endswith(("ed", "en", "wn"))
            ):
                usable = False  # 'items such as …', 'confirmed as …', 'known as …': no clause
        else:
            usable = True
            segment = lead[segment_start : m.start()].split()
            if len(segment) <= 4 and lead[:segment_start].rstrip(" ,").endswith((" and", " but")):
                usable = False  # '… race and, in so doing': an interruption, unfinished
            segment_start, dashed = m.end(), mark.strip() in ("—", "–", "-")
        if subordinate:  # no cut in the subordinate clause, nor at its end (it alone is no
            usable = False  # headline: 'Although Ana Ruiz boasts a big lead')
            subordinate = not (mark is not None and words >= 6)
        if words >= 6 and usable:
            best = m.start()
    if best is None:
        if _PHRASE_OPENING.match(lead):
            # rules-15: the main clause after the opening phrase, when nothing else is cut:
            # 'With the film out this week, Lee showed off …' -> 'Lee showed off …'
            comma = lead.find(", ")
            rest = lead[comma + 2 :].strip() if comma > 0 else ""
            if len(lead[:comma].split()) >= 3 and len(rest.split()) >= 6:
                return shorten_at_clause(rest[:1].upper() + rest[1:], limit)
        return lead
    kept = lead[:best].rstrip(" ,;—–-").split()
    while len(kept) > 6 and kept[-1].lower() in _NO_LAST_WORD:
        kept.pop()  # '… into a competitive race and, in the process, …': not '… race and'
    return " ".join(kept)


def _title_line(text: str, title: str | None = None) -> tuple[int, int] | None:
    """(start, end) of the article's first paragraph when it is a title: the ``title`` its page
    or file gives (a Markdown file's opening heading, a page's title repeated as its first
    line), or one written as a sentence: one line of at most 20 words, in title case ('Quiet
    Week: Mayor Ana Ruiz Was Headed to Lyon.'), before the body."""
    first = _FIRST_PARAGRAPH.match(text)
    if first is None or "\n" not in text[first.end() : first.end() + 2]:
        return None
    line = first["line"]
    words = line.split()
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if len(words) <= 20 and len(long_words) >= 3 and not _is_boilerplate(line):
        # (a byline is no title: 'By Jane Reporter, 12 March 2024')
        capitalized = sum(1 for w in long_words if w[:1].isupper())
        if capitalized >= 0.75 * len(long_words):
            return first.span("line")
    if title and line.rstrip(".") == title.strip().rstrip("."):
        return first.span("line")
    return None


_FIRST_PARAGRAPH = re.compile(r"\s*(?P<line>[^\n]*\S)")


def _key_sentences(
    text: str, sents: list[tuple[int, int]], limit: int, titled: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """Lead-first sentences that state something: not a bare quote, not a fragment, not the
    title line."""
    chosen = []
    for s, e in sents:
        body = text[s:e]
        if titled and titled[0] <= s < titled[1]:
            continue  # the title line: shown as the headline
        if (
            len(body.split(maxsplit=6)) < 6
            or body.startswith(("“", '"', "‘", "'", "’", "«", "„", "``"))
            or body.endswith("?")
        ):
            continue
        if _MARKDOWN_HEADING.match(body):
            continue  # a Markdown heading: a title, not a statement
        chosen.append((s, e))
        if len(chosen) == limit:
            break
    return chosen


def rule_quotes(text: str) -> list[Quote]:
    """The quotes the rules find, as published quotes (``found_by`` = offline)."""
    return [_as_quote(text, q) for q in Attributor(text).quotes()]


def rule_quotes_outside(
    text: str, taken: Sequence[tuple[int, int]], quoted: Sequence[QuotedSpan] | None = None
) -> list[Quote]:
    """The quotes the rules find that overlap none of the ``taken`` spans (start, end), as
    :func:`rule_quotes` gives them. The speakers are looked for only when a passage the rules
    would attribute lies outside every taken span: when a model found every quote of the
    article, nothing is left to add and the rules' attribution is not run. ``quoted``: the
    text's :func:`find_quoted_spans`, when the caller has them."""

    # the taken spans by start, with the furthest end reached so far: a span overlaps one
    # when the furthest end among those that start before its end passes its start
    ordered = sorted(taken)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))

    def outside(start: int, end: int) -> bool:
        k = bisect_left(starts, end)
        return not k or reach[k - 1] <= start

    read = unwrap(text)  # the text the rules read (a soft line break is a space): once
    spans = find_quoted_spans(read, unwrapped=True) if quoted is None else quoted
    # the cheap test first: most passages lie in a taken span (the rules' own test after it)
    loose = [i for i, s in enumerate(spans) if outside(*quote_bounds(text, s))]
    wanted = [i for i in loose if may_be_quote(text, spans[i])]
    if not wanted:
        return []
    if read is not text:
        wanted = [i for i in loose if may_be_quote(read, spans[i])]
    # only the passages up to the last one outside are attributed (the rules look back only);
    # the rules' quotes as published (validated) only once kept: most lie in a taken span
    return [
        _as_quote(text, q)
        for q in Attributor(read, spans).quotes_among(wanted)
        if outside(q.start, q.end)
    ]


def _as_quote(text: str, q: RuleQuote) -> Quote:
    return Quote.model_validate(_quote_values(text, q))


def _quote_values(text: str, q: RuleQuote) -> dict[str, object]:
    """A ``Quote`` as the values it is validated from (see :func:`build_offline`)."""
    return {
        "text": text[q.start : q.end],
        "speaker": q.speaker,
        "speaker_kind": _kind_shown(q.speaker, q.speaker_kind),
        "cue": q.cue,
        "start": q.start,
        "end": q.end,
        "match": "exact",
        "found_by": "offline",
    }


def _as_attribution(text: str, a: RuleAttribution) -> dict[str, object]:
    """An ``Attribution`` as the values it is validated from (see :func:`build_offline`)."""
    source, (cs, ce), (s, e) = a.source, a.cue, a.content  # (not unpacked with ``*``: dearer)
    return {
        "kind": a.kind,
        "speaker": a.speaker,
        "speaker_kind": _kind_shown(a.speaker, a.speaker_kind),
        "source": _span_values(text, source[0], source[1]) if source else None,
        "cue": _span_values(text, cs, ce),
        "content": _span_values(text, s, e),
        "rule": a.rule,
    }


def _kind_shown(speaker: str, kind: SpeakerKind) -> SpeakerKind:
    """A speaker the article describes but does not name ('the doctor', "The victim's
    mother") is ``anonymous`` in the output, however the rules weighed it."""
    return "anonymous" if kind == "named" and unnamed_description(speaker) else kind


def _span_values(text: str, start: int, end: int) -> dict[str, object]:
    return {"text": text[start:end], "start": start, "end": end, "match": "exact"}


def summarize_offline(
    text: str,
    *,
    input_name: str,
    started: float | None = None,
    title: str | None = None,
    declared: str | None = None,
) -> ArticleSummary:
    """Summarize ``text`` by rules alone (``title``: the page's own, used as the headline;
    ``declared``: the language the page declares, used when the text's own cannot tell)."""
    return build_offline(
        text, input_name=input_name, started=started, title=title, declared=declared
    )[0]


def build_offline(
    text: str,
    *,
    input_name: str,
    started: float | None = None,
    title: str | None = None,
    declared: str | None = None,
) -> tuple[ArticleSummary, Attributor]:
    """The offline summary and the attributor behind it (which rule found each quote)."""
    started = time.perf_counter() if started is None else started
    # a hard-wrapped text is read with its soft line breaks as spaces (offsets unchanged), and
    # every span's text is then taken from the text as given
    original, text = text, unwrap(text)
    # splits sentences and finds quotes once, for everything; the word index, for every pass
    spans = find_quoted_spans(text, unwrapped=True)
    attributor = Attributor(text, spans, words=word_index(text))
    sents = _usable_sentences(text, attributor.ctx.sentences)
    if not sents:
        raise InputError(f"{input_name}: no sentences to summarize")
    found = attributions(attributor)
    quoted = attributor.quotes()
    extra = quotes_in_reported(attributor, found)
    if extra:
        quoted = sorted([*quoted, *extra], key=lambda q: q.start)
    # the title line: the headline, never a key point nor part of the summary's text (a title
    # in sentence case, 'Carden approves plan after long debate', is the article's own title)
    cased = _title_line(text, title)
    own = _own_title(text)
    titled = cased or (own[1] if own else None)
    headline = _headline(text, sents, title, titled, own)
    key = _key_sentences(text, sents, MAX_KEY_POINTS, titled)
    lead = key[:3]  # the first three key sentences (they are chosen in order)
    summary_text = " ".join(text[s:e] for s, e in (lead or sents[:1]))
    language = detect_language(text)
    if language.startswith("und") and declared:
        language = declared  # a language the rules cannot tell ('und-Cyrl'): the page's own
    warnings = []
    if language != "en":
        warnings.append(
            f"the article looks like it is not in English ({language}); the offline engine's "
            "quote and speaker rules are written for English news: use the LLM engine for it"
        )
    names = {word for a in found for word in a.speaker.split()}
    # the topic's sentence: the lead's first, a title in sentence case included (its nouns name
    # the subject: 'Chelsea explosion')
    if titled != cased:
        lead = _key_sentences(text, sents, 3, cased)
    first = next((x for x in (lead or sents) if not is_title_line(text, *x)), (lead or sents)[0])
    topic = main_topic(text, first, names) or headline
    # validated as one tree of plain values rather than through a constructor per model (the
    # spans and attributions are a hundred-odd models an article): about 10% less, and still
    # checked; the validation itself is most of the 1 ms this step takes
    values = {
        "input": input_name,
        "language": language,
        "summary": {
            "headline": headline,
            "text": summary_text,
            "key_points": [
                {"point": text[s:e], "evidence": [_span_values(text, s, e)]}
                for s, e in (key or sents[:1])
            ],
        },
        "stances": stances(attributor, quoted, found, topic),
        "quotes": [_quote_values(text, q) for q in quoted],
        "attributions": [_as_attribution(text, a) for a in found],
        "open_questions": open_questions(text, sents, quoted, found),
        "run": {
            "engine": "offline",
            "prompt_version": RULES_VERSION,
            "attempts": 0,
            "latency_s": round(time.perf_counter() - started, 4),
            "warnings": warnings,
        },
    }
    if text is not original:
        # the spans as the text is given, before the one validation (rather than a second
        # validation of the validated summary's values, read back with ``model_dump``)
        return ArticleSummary.model_validate(_verbatim(values, original)), attributor
    return ArticleSummary.model_validate(values), attributor


def _verbatim(values: object, text: str) -> object:
    """``values`` (a summary as the plain values it is validated from) with the text of each
    span (a quote, a source, a piece of evidence) read from ``text`` at its offsets, and a key
    point as its evidence."""
    if isinstance(values, list):
        return [_verbatim(v, text) for v in values]
    if not isinstance(values, dict):
        return values
    out = {key: _verbatim(v, text) for key, v in values.items()}
    start, end = out.get("start"), out.get("end")
    if isinstance(start, int) and isinstance(end, int) and isinstance(out.get("text"), str):
        out["text"] = text[start:end]
    before, after = values.get("evidence"), out.get("evidence")
    if (  # a key point: its evidence, as given
        isinstance(before, list)
        and before
        and isinstance(after, list)
        and out.get("point") == before[0]["text"]
    ):
        out["point"] = after[0]["text"]
    return out

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
from functools import lru_cache

from summarizer.engines.offline.attribution import (
    Attributor,
    RuleQuote,
    is_adverb,
    unnamed_description,
)
from summarizer.engines.offline.reported import RuleAttribution
from summarizer.schema import StanceLabel
from summarizer.text import lexicon as lex
from summarizer.text.sentences import DATELINE
from summarizer.text.words import lowered

MAX_POSITION_WORDS = 30
_ROLE_TITLES = lex.TITLES | lex.ROLE_WORDS
_APPOSITIVE = re.compile(r",\s+(?P<role>(?:a|an|the|[a-z]\w*)\b[^,.;:“”\"()]{3,70}?),")
# ', who joked about …,' is a clause about the actor, not a role
_NOT_A_ROLE = frozenset(["who", "whose", "whom", "which", "that", "where", "when", "while"])
# ', in the first round,', ', under fire over …,', ', like Obama,': a circumstance, not a role
_CIRCUMSTANCE_LEADS = lex.PREPOSITIONS_ONLY - frozenset(["of", "from", "with", "for"])
# ', pictured campaigning this week,': a caption's participle, not a role
_PARTICIPLES = frozenset(["pictured", "seen", "shown", "left", "right", "above", "below"])
# ', speaking on Monday,': a participle and its circumstance (but 'managing director')
_AFTER_PARTICIPLE = lex.CIRCUMSTANCE_STARTS | lex.DETERMINERS
# a courtesy title says nothing of what the actor does: 'Mr', 'Ms'
_COURTESY = lex.COURTESY_TITLES
# a word, and the comma, semicolon or colon right after it when there is one
_WORD_AND_MARK = re.compile(r"([A-Za-z][\w’'-]*)([,;:]?)")
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
# words a target does not end with ('… stalled due to a', '… under the')
_NOT_LAST = lex.FUNCTION_WORDS | lex.DETERMINERS | lex.CONNECTORS | lex.PREPOSITIONS_ONLY | {"due"}
_OBJECT_END = re.compile(
    r"[,;:“”\"(]|\.(?:\s|$)|\s(?:as|for|because|after|before|over|in|on|and|while|whilst)\s"
)


# a circumstance after the claim: when or where it was made, not what it says
_CIRCUMSTANCE = re.compile(r",\s+(?:following|amid|during)\s")


def trim_claim(text: str, limit: int = MAX_POSITION_WORDS) -> str:
    """``text`` shortened to at most ``limit`` words at a clause boundary (else whole words),
    without a trailing circumstance ('…, following a phone call on Friday with …')."""
    circumstance = _CIRCUMSTANCE.search(text)
    if circumstance and len(text[: circumstance.start()].split(maxsplit=5)) >= 5:
        text = text[: circumstance.start()]
    words = text.split(maxsplit=limit)  # (the first ``limit`` words, and whether there are more)
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
    n, size, last, find = 0, len(word), len(low_text) - 1, low_text.find
    at = find(word)
    while at >= 0:
        end = at + size
        # (the characters either side written out: a call apiece cost more than the test)
        before = low_text[at - 1] if at else " "
        after = low_text[end] if end <= last else " "
        if not (before.isalnum() or before in _WORD_MARKS) and not (
            after.isalnum() or after in _WORD_MARKS
        ):
            n += 1
        at = find(word, end)
    return n


_WORD_MARKS = "_’'-"  # beside letters and digits, what a word holds ('deal' is not in 'deal’s')


# verbs a topic never holds: past forms and participles ('last seen walking', 'sometimes
# branded', 'trend comes', 'Lib Dems spent')
_VERBS = lex.PARTICIPLES | lex.TOPIC_VERB_WORDS


def _is_verb(word: str, low: str) -> bool:
    """A lowercase verb form: one the lexicons know, or a past in -ed ('committed')."""
    if not word.islower():
        return False
    return low in _VERBS or (len(low) > 4 and low.endswith("ed") and not low.endswith("eed"))


# rules-14: a word after an auxiliary or a modal is a verb: 'did settle', 'will approve'
_BEFORE_VERB = frozenset(
    ["do", "does", "did", "will", "would", "can", "could", "should", "must", "might", "may"]
)


def _chunks(text: str, start: int, end: int, names: set[str]) -> list[list[str]]:
    """The runs of content words between ``start`` and ``end`` (none empty): split at stop
    words, names, adverbs, verbs (a word after an auxiliary is one) and commas."""
    chunks: list[list[str]] = []
    run: list[str] = []
    before = ""
    # (each word with the comma, semicolon or colon right after it: no match object a word; the
    # last word's mark, which may lie past ``end``, would only end the last run)
    for word, mark in _WORD_AND_MARK.findall(text, start, end):
        low = word.lower()
        if (
            low in _STOP
            or word in names
            or is_adverb(low)
            or _is_verb(word, low)
            or (before in _BEFORE_VERB and word.islower())
        ):
            if run:
                chunks.append(run)
                run = []
        else:
            run.append(word)
        before = low
        if mark and run:
            chunks.append(run)
            run = []
    if run:
        chunks.append(run)
    return chunks


def main_topic(text: str, lead: tuple[int, int], names: set[str]) -> str:
    """A short noun phrase for the article's main subject: the run of content words in the lead
    sentence whose words the article repeats most, people's names left out; a run of two or
    three words counts half unless the article repeats it whole."""
    start = lead[0]
    dateline = DATELINE.match(text[start : lead[1]])
    if dateline:
        start += dateline.end()  # '(Reuters) — …': the agency is not the subject
    chunks = _chunks(text, start, min(lead[1], start + 400), names)
    # each run with its words lowered once (not once a window: a phrase of them lowered word by
    # word is the phrase lowered, as a space ends a final sigma's context either way)
    runs = [(chunk, [w.lower() for w in chunk]) for chunk in chunks]
    wanted = {w for _, lows in runs for w in lows}
    low_text = lowered(text)
    counts = _whole_word_counts(low_text, {w for w in wanted if len(w) >= 3})
    counts.update({w: 0 for w in wanted if len(w) < 3})
    best, best_score = "", 0.0
    for chunk, low_chunk in runs:
        chunk_counts = [counts[w] for w in low_chunk]  # (looked up once, not once a window)
        for size in (3, 2, 1):
            weight = 1 + 0.5 * (size - 1)
            for i in range(0, len(chunk) - size + 1):
                scores = chunk_counts[i : i + size]
                if 0 in scores:
                    continue  # a word of fewer than 3 letters
                if size > 1 and chunk[i].islower() and chunk[i + 1][:1].isupper():
                    continue  # a role before a name: 'rusher Myles Garrett' (the name alone)
                score = sum(scores) * weight
                if score <= best_score:
                    continue  # (halved or not, it does not win: the article is not searched)
                if size > 1 and low_text.count(" ".join(low_chunk[i : i + size])) < 2:
                    score /= 2  # a phrase the article does not repeat: 'Hammers Wells Fargo'
                    # in a headline is less likely the topic than 'Wells Fargo'
                if score > best_score:
                    best, best_score = " ".join(chunk[i : i + size]), score
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
        titles = [w.lower().strip(".,") for w in prefix.split()] if prefix else []
        if titles and any(w in _ROLE_TITLES and w not in _COURTESY for w in titles):
            while titles and titles[-1] in _COURTESY:  # 'Defence Mr.': the role, not 'Mr.'
                titles.pop()
                prefix = prefix.rsplit(None, 1)[0]
            office = _OFFICE_BEFORE.search(text, max(0, pos - 60), pos)
            if office and office["title"].lower().endswith(_OFFICE_TITLES):
                # '[Undersecretary for] Flood Defence': the office it is part of
                prefix = f"{office.group().strip()} {prefix}"
            return prefix  # 'Ukrainian President', not 'Mr' alone
        appositive = _APPOSITIVE.match(text, at + len(name))
        if appositive and not _is_clause(appositive["role"]):
            return appositive["role"].strip()
        lowercase = _role_before(text, pos)
        if lowercase:
            return lowercase
    if unnamed_description(actor):
        return "described in the article"  # rules-14: 'the researchers', 'The charity'
    return "named in the article"


# the office a role's capitalized words are part of: 'Undersecretary for [Flood Defence]'
_OFFICE_BEFORE = re.compile(
    r"(?<![\w.])(?:[A-Z][\w-]* ){0,2}(?P<title>[A-Z][\w-]*) (?:for|of|to) $"
)
_OFFICE_TITLES = tuple(sorted(w for w in _ROLE_TITLES if len(w) > 3 and w.isalpha()))


def _role_before(text: str, pos: int) -> str:
    """A lowercase role right before a name, with the capitalized words that qualify it:
    'Wild coach Bruce Boudreau' -> 'Wild coach', 'defense secretary Ana Ruiz' -> 'defense
    secretary'; '' when the word before the name is no role."""
    words = text[max(0, pos - 60) : pos].split()
    if not words or words[-1] not in lex.ROLE_WORDS:
        return ""
    k = len(words) - 1
    while (
        k
        and words[k - 1][-1:] not in ",.;:—–"
        and (words[k - 1][:1].isupper() or words[k - 1] in lex.ROLE_WORDS)
    ):
        k -= 1
    return " ".join(words[k:])


def _is_clause(role: str) -> bool:
    """', who joked about …,' or ', said Lee,' or ', pictured campaigning,' or ', in the first
    round,' after a name: a clause or a circumstance, not a role; nor is another person of a
    list (rules-14: 'goalkeeper Ana Ruiz, defender Tom Hale, …')."""
    words = role.split()
    return (
        words[0] in _NOT_A_ROLE
        or _another_person(words)
        or words[0] in _CIRCUMSTANCE_LEADS  # (but an affiliation: ', of the union,', ', from …,')
        or (words[0].endswith("ing") and words[1:2] != [] and words[1] in _AFTER_PARTICIPLE)
        or words[0] in _PARTICIPLES
        or any(w in lex.REPORTING_VERBS for w in words[:2])
    )


def _another_person(words: list[str]) -> bool:
    """'defender Tom Hale', 'coach Ana Ruiz': lowercase words, then a name of two words or
    more, no function word between (but 'director of Human Rights Watch' is a role)."""
    k = 0
    while k < len(words) and words[k].islower() and words[k] not in lex.FUNCTION_WORDS:
        k += 1
    name = words[k:]
    return k > 0 and len(name) >= 2 and all(w[:1].isupper() for w in name)


def _main_claim(text: str, items: list[RuleAttribution]) -> RuleAttribution:
    """The attribution a stance's position comes from: the actor's first reported claim with a
    verb of saying ('said that …', 'saying …'), else their first reported claim of any kind
    ('decided to …', 'urged …'), else their longest quote."""
    if len(items) == 1:
        return items[0]  # (whatever it is: the rules below choose among several)
    for a in items:  # (most actors have one: the other claims need not be looked at)
        if (
            a.kind != "direct"
            and _of_saying(text[a.cue[0] : a.cue[1]].lower())
            and _is_claim(text, a)
        ):
            return a  # the first claim with a verb of saying
    claims = [a for a in items if _is_claim(text, a)]
    items = claims or items  # (a circumstance, 'while visiting …', only when nothing else)
    first_reported = None
    for a in items:
        if a.kind != "direct":
            if _of_saying(text[a.cue[0] : a.cue[1]].lower()):
                return a  # the first with a verb of saying
            if first_reported is None:
                first_reported = a
    if first_reported is not None:
        return first_reported
    return max(items, key=lambda a: a.content[1] - a.content[0])


# what opens a circumstance, not a claim: 'while visiting …', 'as of 2016', 'whatever the …'
_CIRCUMSTANCE_OPENERS = frozenset(
    (
        *("while", "whilst", "as", "when", "after", "before", "during", "since", "until"),
        *("following", "whatever", "whenever", "wherever"),
    )
)


# rules-14: a content that opens with its verb has its subject before the cue ('the engine,
# which the maker claims is 20% more efficient'): a fragment, not a position
_VERB_FIRST = lex.BE_FORMS | frozenset(
    ["has", "have", "had", "will", "would", "could", "can", "should", "may", "might", "must"]
)


def _is_claim(text: str, a: RuleAttribution) -> bool:
    """Whether an attribution's content can be a position: three words or more, not opening
    with a circumstance ('… said while visiting the plant', '… as of 2016') or with its verb
    ('… claims is 20% more efficient')."""
    words = text[a.content[0] : a.content[1]].split(maxsplit=3)
    return (
        len(words) >= 3
        and words[0].lower().strip(",") not in _CIRCUMSTANCE_OPENERS
        and words[0] not in _VERB_FIRST
    )


def _of_saying(verb: str) -> bool:
    """'said', 'told', 'saying', 'adding' (a participle of a reporting verb)."""
    if verb in lex.REPORTING_VERBS:
        return True
    stem = verb[:-3]
    return verb.endswith("ing") and (
        stem + "s" in lex.REPORTING_VERBS or stem + "ed" in lex.REPORTING_VERBS
    )


_OBJECT_PRONOUNS = frozenset(["them", "him", "her", "it", "us", "me"])


# what opens a content but is no part of the claim: punctuation, a lowercase word before a colon
# ('told him: “…”'), a conjunction ('and confirmed that …')
_LEADING_LABEL = re.compile(r"^(?:[a-z]+:\s+)?[\s,;:—–-]*(?:(?:and|but)\s+)?")
# the article's words between two quotations of one statement: ',” Lee said. “' (a comma or a
# period, then the closing mark, written so that the expression opens with a character class:
# the engine skips to where one is instead of trying every position; the same matches)
_BETWEEN_QUOTATIONS = re.compile(
    r"[,.”\"](?:(?<=[,.])[”\"]|(?<=[”\"]))\s+[^“”\"\n]{1,160}?\s*[“\"]"
)


# a negated auxiliary right before a verb, and an adverb between: 'didn't immediately '
_NEGATION_BEFORE = re.compile(
    r"(?<![\w’'])(?:(?:did|does|do|has|have|had|would|will|could|can)\s+not|never|cannot|"
    r"(?:didn|doesn|don|hasn|haven|hadn|won|wouldn|couldn|can)[’']t)\s+(?:[a-z]+ly\s+)?$"
)


# what every negation of :data:`_NEGATION_BEFORE` holds ('did not', 'cannot', 'never',
# "didn't"): looked for first, the engine skipping to each 'n' (the expression, opening with a
# look-behind, is tried at every position)
_NEGATION_WORD = re.compile(r"n(?:ot|ever|[’']t)")


def _negated(text: str, cue: int) -> int | None:
    """Where the negation of the verb at ``cue`` starts ('did not', 'never', "didn't
    immediately"), or None when it is not negated."""
    lo = max(0, cue - 40)
    if _NEGATION_WORD.search(text, lo, cue) is None:
        return None
    negation = _NEGATION_BEFORE.search(text, lo, cue)
    return None if negation is None else negation.start()


# verbs whose object is what the speaker says is not so: the position keeps the verb
_DENYING = frozenset(("deny", "denies", "denied", "denying", "disputes", "disputed", "rejects"))
_DENYING |= frozenset(("rejected", "dismissed", "dismisses", "refuted", "refutes"))


def _position(text: str, main: RuleAttribution) -> str:
    """The claim, trimmed; an infinitive or an object pronoun keeps its verb ('declined to
    comment', 'described them as critical'), which alone would not say what the actor did."""
    start, end = main.content
    first = text[start : start + 6].split(" ", 1)[0]
    cue = text[main.cue[0] : main.cue[1]]
    pronoun = first in _OBJECT_PRONOUNS and not _of_saying(cue)
    gap = start - main.cue[1]  # (the words between the cue and the content: 'that')
    negation = _negated(text, main.cue[0]) if 0 <= gap <= 20 else None
    if negation is not None:
        start = negation  # rules-14: 'did not respond to …', not 'respond to …'; rules-15:
        # 'did not support the plan', 'have not said why …', not what would read as said
    elif (0 <= gap <= 2 and (first == "to" or pronoun)) or (
        0 <= gap <= 20 and cue.lower() in _DENYING
    ):
        # 'described them as critical …', not 'them as critical …' (but 'said it would …');
        # rules-15: 'denied reports that the pair had confessed', not 'the pair had confessed'
        start = main.cue[0]
    claim = text[start:end]
    if main.kind == "direct":
        # a statement over several quotations ('“It was hard,” Lee said. “We needed this.”'):
        # the quotations' words, without the article's between them
        claim = _quotations_joined(claim)
    # ', “I don’t think …' 'him: “The …' (the expression opens with '^': a match at the start
    # is all there is to take away, and it matches there, if only the empty string)
    label = _LEADING_LABEL.match(claim)
    claim = (claim[label.end() :] if label else claim) or claim
    return trim_claim(_unquoted(claim.lstrip(" .,;:")))  # (not '. ' We have …')


def _quotations_joined(claim: str) -> str:
    """``_BETWEEN_QUOTATIONS.sub(" … ", claim)``: the expression tried only on a claim with an
    opening mark after its first character (each match ends with one, three characters or more
    in; a single quotation, '“…”', has none there and is left as it is)."""
    if claim.find("“", 1) < 0 and claim.find('"', 1) < 0:
        return claim
    return _BETWEEN_QUOTATIONS.sub(" … ", claim)


# a quotation's closing mark for each opening mark (a single one not inside a word: "didn't")
_CLOSING_MARK = {
    '"': re.compile('"'),
    "“": re.compile('[”"]'),
    "'": re.compile("'(?![A-Za-z])"),
    "‘": re.compile("’(?![A-Za-z])"),
}


def _unquoted(claim: str) -> str:
    """A claim that is one quotation without its marks ('"We are in contact …"' -> 'We are in
    contact …'; an opening mark never closed goes too); a quotation followed by more words
    keeps its marks."""
    closing = _CLOSING_MARK.get(claim[:1])
    if closing is None:
        return claim
    close = closing.search(claim, 1)
    if close is None:
        return claim[1:].lstrip()
    if not claim[close.end() :].strip(" .,;:!?"):
        return (claim[1 : close.start()] + claim[close.end() :]).strip()
    return claim


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
        if label is None or _negated(text, a.cue[0]) is not None:
            continue  # rules-15: 'did not support the plan' states no stance (nor the opposite)
        start = a.content[0] if a.kind != "direct" else a.cue[1]
        rest = text[start : start + 120]
        if _CONJUNCTION_FIRST.match(rest) or _CONJUNCTION_FIRST.match(text, a.cue[1], start):
            continue  # rules-14: 'which the ministry rejects, and strain …': the verb's object
            # came before it; what follows is another clause
        words = rest[: _object_end(rest)].split()[:8]
        while words and words[-1].lower() in _NOT_LAST:
            words.pop()  # cut at 8 words: 'the transfer of powers to Holyrood under the'
        if words:
            return label, " ".join(words)
    return "unclear", ""


# what opens another clause, not an object: ', and strain …', 'but …'
_CONJUNCTION_FIRST = re.compile(r"[\s,;]*(?:and|but|or)\s")


def _object_end(rest: str) -> int:
    """Where the object of a stated stance ends in ``rest`` (its length when nowhere): at a
    clause mark, a sentence's end or a preposition, not at an abbreviation's period ('Mr.
    Clarke', 'the U.S. plan')."""
    at = 0
    while (stop := _OBJECT_END.search(rest, at)) is not None:
        if rest[stop.start()] != "." or not _abbreviated(rest, stop.start()):
            return stop.start()
        at = stop.start() + 1
    return len(rest)


def _abbreviated(text: str, dot: int) -> bool:
    before = text[:dot].split()
    word = before[-1].lower() if before else ""
    return (len(word) == 1 and word.isalpha()) or word in lex.ABBREVIATIONS


@lru_cache(maxsize=4096)
def _speaker(speaker: str) -> tuple[bool, str, bool]:
    """Whether a speaker string is a pronoun, its :func:`_actor_key` and whether it
    :func:`_is_document`: worked out once for each distinct speaker (an article names its
    speakers many times over, and a batch's articles share many)."""
    return speaker.lower() in lex.PRONOUNS, _actor_key(speaker), _is_document(speaker)


def _actor_key(speaker: str) -> str:
    """'Joseph R. Biden Jr.' and 'Joseph R. Biden Jr' are one actor."""
    return " ".join(speaker.replace(".", " ").lower().split())


def _described(keys: set[str]) -> dict[str, str]:
    """'the doctor' -> 'a doctor on the scene', 'the news agency' -> 'xinhua news agency'
    (actor keys) when the article names one doctor or one agency so: a definite description
    is the actor the article introduced."""
    heads: dict[str, set[str]] = {}
    for key in keys:
        words = key.split()
        if len(words) >= 2 and words[0] in ("a", "an", "one"):
            heads.setdefault(words[1], set()).add(key)  # 'a doctor on the scene'
        elif len(words) >= 2 and (words[0] != "the" or len(words) >= 4):
            heads.setdefault(words[-1], set()).add(key)  # 'xinhua news agency' (rules-15:
            # 'the state-run xinhua news agency' too: a description longer than 'the news
            # agency' that names it)
    out = {}
    for key in keys:
        words = key.split()
        if 2 <= len(words) <= 3 and words[0] == "the":
            named = heads.get(words[-1], set()) - {key}
            if len(named) == 1:  # 'the doctor', 'the news agency': the one the article named
                out[key] = next(iter(named))
    return out


def _is_document(speaker: str) -> bool:
    """A poll, report, study or record that says something ('The study', 'a new Washington
    Post-ABC News poll', 'federal statistics', 'Data from the census'): a source of a claim,
    not an actor holding a position ('the Center for Public Opinion Research', 'a narrator in
    the ad' are actors: the head is the last word before the first function word; a
    capitalized head after other words names a newspaper, 'The Record')."""
    written = speaker.split()
    words = [w.lower() for w in written]
    cut = next((i for i in range(1, len(words)) if words[i] in lex.FUNCTION_WORDS), len(words))
    return (
        cut > 0
        and words[cut - 1] in lex.DOCUMENT_WORDS
        and (cut == 1 or written[cut - 1].islower())
    )


_BARE_STARTS = (
    lex.DETERMINERS | lex.POSSESSIVES | lex.FUNCTION_WORDS | lex.BE_FORMS | {"about", "as", "that"}
)


def _bare(text: str) -> bool:
    """Up to three words that hold no claim: a thing ('the student', 'Mr. Putin'), a
    circumstance ('as of 2016', 'about finances') or a fragment ('is likely')."""
    words = text.split(maxsplit=3)  # (a fourth word is all the test needs to know of the rest)
    return not words or (
        len(words) <= 3 and (words[0].lower() in _BARE_STARTS or words[0][:1].isupper())
    )


# what a refusal to speak refuses: 'declined to comment', 'refused to answer questions'
_REFUSED = re.compile(
    r"to\s+(?:comment|answer|respond|speak|discuss|elaborate|say|confirm|be\s+interviewed)\b"
)
_REFUSING = frozenset(("declined", "declines", "decline", "refused", "refuses", "refuse"))
# a reply not given: 'did not respond to requests for comment', 'has not replied'
_ANSWERING = frozenset(
    ("respond", "responded", "reply", "replied", "comment", "commented", "return", "returned")
)
_RESPONDING = frozenset(
    ("respond", "responds", "responded", "responding", "react", "reacts", "reacted", "reacting")
)
_ANY_REFUSAL_CUE = _REFUSING | _ANSWERING | _RESPONDING
_NOT_BEFORE = re.compile(r"(?:not|n[’']t|never)\s+(?:(?:immediately|yet)\s+)?$")


def _refusal(text: str, a: RuleAttribution) -> bool:
    """Whether an attribution only says that its source would not speak or has not answered
    ('A spokesperson declined to comment', 'Nelms refused to answer questions outside court',
    'The office didn't immediately respond to a request for comment'), or only what it answers
    ('responded to the report'): no position."""
    cue = text[a.cue[0] : a.cue[1]].lower()
    if cue not in _ANY_REFUSAL_CUE:
        return False  # (most cues: the content is not read)
    start, end = a.content
    if end - start > 80 or len(text[start:end].split()) > 8:
        return False
    if cue in _REFUSING:
        return _REFUSED.match(text, start, end) is not None
    if cue in _RESPONDING and text.startswith("to ", start):
        return True  # 'slow in responding to the air pollution': what it answers, not how
    return (
        cue in _ANSWERING and _NOT_BEFORE.search(text, max(0, a.cue[0] - 25), a.cue[0]) is not None
    )


def stances(
    attributor: Attributor,
    quotes: list[RuleQuote],
    found: list[RuleAttribution],
    topic: str,
) -> list[dict[str, object]]:
    """One stance per actor with a quote or a reported claim, in order of first appearance: the
    values a :class:`~summarizer.schema.Stance` is validated from (in the summary, as one tree
    with the rest: a constructor call per stance and per evidence span costs more)."""
    text = attributor.text
    by_actor: dict[str, list[RuleAttribution]] = {}
    names: dict[str, str] = {}  # one actor however its name is written: the first way
    speaking: list[tuple[RuleAttribution, str, bool]] = []  # (the attribution, its actor's
    for a in found:  # key, whether its speaker is a document), for each not said by a pronoun
        pronoun, key, document = _speaker(a.speaker)
        if not pronoun:
            speaking.append((a, key, document))
    described = _described({key for _, key, _ in speaking})
    for a, key, document in speaking:
        if a.rule == "subject_act" or document or _refusal(text, a):
            continue  # an act, not words; a document's finding, not an actor's position; a
            # refusal to say anything ('declined to comment'), no position at all
        actor = names.setdefault(described.get(key, key), a.speaker)
        by_actor.setdefault(actor, []).append(a)
    quote_index = {(q.start, q.end): i for i, q in enumerate(quotes)}
    out: list[dict[str, object]] = []
    for actor, items in by_actor.items():
        main = _main_claim(text, items)
        position = _position(text, main)
        label, target = _stated(text, items)
        if (
            label == "unclear"
            and _bare(position)
            and not any(a.content in quote_index for a in items)
            and all(_bare(text[a.content[0] : a.content[1]]) for a in items)
        ):
            continue  # 'Police questioned the student': no claim, nothing stated toward it
        evidence = []
        for a in ([main] + [a for a in items if a is not main])[:3]:
            s, e = a.content
            evidence.append(
                {
                    "text": text[s:e],
                    "start": s,
                    "end": e,
                    "match": "exact",
                    "quote": quote_index.get((s, e)),
                }
            )
        out.append(
            {
                "actor": actor,
                "role": _role(attributor, actor, items[0].speaker_kind),
                "topic": target or topic,
                "position": position,
                "stance": label,
                "evidence": evidence,
            }
        )
    return out

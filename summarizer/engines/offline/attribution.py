"""Rule-based quote attribution: who said each quoted passage of a news article.

Pure Python, deterministic, no model. For each passage in quotation marks
(:mod:`summarizer.text.quotemarks`) it looks for a speech cue and its subject in the usual orders
of news prose::

    “…,” Trump said.   /   “…,” said Trump.   /   Trump said: “…”   /   according to X, “…”
    She said the plan was “dead on arrival”.   (a partial quote inside reported speech)

then resolves the speaker: a surname to the full name used earlier, a pronoun or a role noun
("the senator") to the most recent compatible named person, an unnamed source kept as the
article describes it (anonymous), a government or company as an organization. Passages with
no speech cue nearby (scare quotes, titles) are not quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from summarizer.schema import SpeakerKind
from summarizer.text.quotemarks import QuotedSpan, find_quoted_spans
from summarizer.text.sentences import paragraphs, sentences

_CUES = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|wrote|writes|write|asked|asks|"
    "warned|warns|noted|notes|explained|explains|stated|states|declared|declares|insisted|"
    "insists|argued|argues|claimed|claims|continued|continues|recalled|recalls|replied|replies|"
    "responded|responds|tweeted|tweets|posted|announced|announces|acknowledged|acknowledges|"
    "admitted|admits|suggested|suggests|observed|remarked|conceded|concedes|contended|countered|"
    "emphasized|emphasised|stressed|stresses|predicted|promised|vowed|vows|urged|urges|joked|"
    "quipped|cautioned|complained|complains|described|describes|called|calls|praised|praises|"
    "concluded|agreed|reported|reports|testified|shouted|yelled|boasted|lamented|charged|"
    "alleged|maintained|maintains|mused|pleaded|wondered|echoed|answered|whispered|thundered|"
    "chanted|recounted|criticized|criticised|dismissed|blasted|slammed|decried|labeled|"
    "labelled|branded|touted|hailed|texted|emailed|messaged|pointed out|went on|"
    "put it|summed up|told reporters|writing|noting|adding|arguing|warning|calling|describing|"
    "reads|describe|compared|compares|chimed in|explaining|insisting|"
    "declaring|demanded|proclaimed|proclaims|suggesting|claiming|asking|"
    "tweeting|acknowledging|stating|promising|predicting|urging|referring"
)
_CUE_RE = re.compile(rf"(?<!-)(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )\b(?:{_CUES})\b")
_CUE_AT_START = re.compile(rf"^(?:(?:has|had|have|would|will|later|also|then|once)\s+)*({_CUES})\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<np>[^,;:“”\"]{2,80}?)\s*[,:]?\s*$", re.I)

_ACCORDING_TO_LEAD = re.compile(
    r"^(?:[^,“”\"]{0,40}\s)?[Aa]ccording to\s+(?P<np>[^,;:“”\"]{2,80}?),"
)
_ACCORDING_TO_TAIL = re.compile(
    r"^(?:[^“”\"]{0,80}?,)?\s*according to\s+(?P<np>[^,;:“”\"]{2,80}?)[.,;]"
)
_WHAT_X_CALLED = re.compile(
    r"\bwhat\s+(?P<np>he|she|they|it|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+"
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
_TITLE_LEAD = re.compile(r"(?:[’']s|\bon|\bof|\bin|\bto|\btitled|\bcalled|\bshow|\bbook)$")
_DASH_SPEAKER = re.compile(r"\s*[—–―]+\s*(?P<np>[A-Z][^,.;:!?\n]{1,60})")
_AFTER_PUNCTUATION = re.compile(r"\s*[,.!?…]?\s*(?:[—–-]\s*)?(?P<rest>.*)", re.S)

PRONOUN_SPEAKERS = {"he", "she", "they", "i", "we", "it"}
_DETERMINERS = {
    "a",
    "an",
    "the",
    "one",
    "another",
    "two",
    "three",
    "four",
    "several",
    "some",
    "many",
    "other",
    "his",
    "her",
    "their",
    "its",
    "our",
    "both",
    "most",
    "few",
    "senior",
    "top",
}
_ANONYMOUS_HEADS = re.compile(
    r"\b(source|sources|official|officials|aide|aides|person|people|insider|insiders|"
    r"spokesman|spokeswoman|spokesperson|adviser|advisers|advisor|advisors|diplomat|diplomats|"
    r"witness|witnesses|staffer|staffers|member|members|observer|observers|analyst|analysts|"
    r"expert|experts|critic|critics|supporter|supporters|voter|voters|resident|residents|"
    r"lawmaker|lawmakers|officer|officers|employee|employees|executive|executives|operative|"
    r"operatives|strategist|strategists|ally|allies|friend|friends|questioner|someone)\b"
)
_ORG_WORDS = {
    "kremlin",
    "ministry",
    "department",
    "commission",
    "committee",
    "campaign",
    "council",
    "agency",
    "party",
    "union",
    "association",
    "bureau",
    "office",
    "post",
    "times",
    "journal",
    "news",
    "network",
    "reuters",
    "ap",
    "press",
    "government",
    "administration",
    "court",
    "police",
    "army",
    "military",
    "pentagon",
    "congress",
    "senate",
    "house",
    "white",
    "company",
    "corporation",
    "inc",
    "corp",
    "group",
    "foundation",
    "institute",
    "university",
    "board",
    "bank",
    "fund",
    "service",
    "services",
    "authority",
    "coalition",
    "alliance",
    "organization",
    "organisation",
    "federation",
    "league",
    "nato",
    "un",
    "eu",
    "fbi",
    "cia",
    "cnn",
    "fox",
    "msnbc",
    "bbc",
    "nbc",
    "abc",
    "cbs",
    "tribune",
    "guardian",
    "telegraph",
    "statement",
    "spokesperson's",
    "embassy",
    "parliament",
    "cabinet",
    "secretariat",
    "team",
    "club",
    "firm",
    "agency's",
    "study",
    "report",
    "poll",
    "survey",
    "memo",
    "letter",
    "ad",
}
_TITLES = {
    "commissioner",
    "councilman",
    "councilwoman",
    "del.",
    "inspector",
    "superintendent",
    "president",
    "vice",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "mayor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "chairman",
    "chairwoman",
    "chair",
    "speaker",
    "leader",
    "judge",
    "justice",
    "gen",
    "gen.",
    "general",
    "adm",
    "adm.",
    "lt",
    "col",
    "capt",
    "sgt",
    "rev",
    "rev.",
    "former",
    "us",
    "u.s.",
    "ukrainian",
    "russian",
    "democratic",
    "republican",
    "attorney",
    "candidate",
    "nominee",
    "state",
    "house",
    "senate",
    "majority",
    "minority",
    "whip",
    "sheriff",
    "officer",
    "detective",
    "ambassador",
    "king",
    "queen",
    "prince",
    "pope",
    "director",
    "ceo",
    "coach",
    "presidential",
    "gop",
    "first",
    "lady",
    "deputy",
    "assistant",
    "chief",
    "spokesman",
    "spokeswoman",
    "foreign",
    "defense",
    "defence",
    "then",
    "acting",
    "press",
    "new",
    "white",
}
_ROLE_WORDS = {
    "president",
    "senator",
    "sen.",
    "governor",
    "gov.",
    "mayor",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "secretary",
    "minister",
    "chancellor",
    "chairman",
    "chairwoman",
    "candidate",
    "nominee",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "judge",
    "leader",
    "speaker",
    "businessman",
    "businesswoman",
    "billionaire",
    "lawmaker",
    "official",
    "attorney",
    "prosecutor",
    "director",
    "ambassador",
    "general",
    "coach",
    "ceo",
    "founder",
    "author",
    "actor",
    "actress",
    "singer",
    "activist",
    "lawyer",
    "doctor",
    "sheriff",
    "commissioner",
    "mogul",
    "frontrunner",
    "front-runner",
    "incumbent",
    "democrat",
    "republican",
    "premier",
    "chief",
}
_FEMININE = {
    "she",
    "her",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "congresswoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "actress",
    "queen",
    "madam",
}
_MASCULINE = {
    "he",
    "his",
    "him",
    "mr",
    "mr.",
    "congressman",
    "chairman",
    "spokesman",
    "businessman",
    "king",
}
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*|de|del|van|von|bin|al|la|le)"
_NO_TRAILING_PARTICLE = "".join(
    f"(?<! {p})" for p in ("de", "del", "van", "von", "bin", "al", "la", "le")
)
_NAME_RUN = re.compile(rf"\b[A-Z][\w’'.-]*(?:[ \u00a0]+{_NAME_TOKEN})*{_NO_TRAILING_PARTICLE}")
_CONNECTORS = {
    "and",
    "but",
    "or",
    "so",
    "yet",
    "while",
    "as",
    "when",
    "because",
    "then",
    "meanwhile",
    "however",
    "also",
    "still",
    "instead",
    "later",
    "earlier",
    "that",
    "who",
    "which",
}


@dataclass(frozen=True)
class RuleQuote:
    """A quoted passage, its speaker and the cue that attributes it."""

    start: int
    end: int
    speaker: str
    speaker_kind: SpeakerKind
    cue: str
    mention: str  # the speaker as written at the cue (a pronoun, a role noun, a surname...)


@dataclass
class _Person:
    name: str
    first_pos: int
    gender: str | None = None


class _Context:
    """What the rules need to know about the article as a whole."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = find_quoted_spans(text)
        quoted = [(q.start, q.end) for q in self.spans]
        self.paragraphs = paragraphs(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.sentences = sentences(text, quoted, self.paragraphs)
        self.sentence_starts = [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.sentence_starts, pos) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    @cached_property
    def people(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(position, full name, title words before it) of every person-like name mention."""
        found = []
        for m in _NAME_RUN.finditer(self.text):
            words = m.group().split()
            # a run ends at a sentence end ('Monday. She'), not at 'Sen.' or 'G.K.'
            for k, w in enumerate(words[:-1]):
                if w.endswith(".") and not _ABBREV.match(w):
                    words = words[: k + 1]
                    break
            if words and words[0].lower() in PRONOUN_SPEAKERS | _CONNECTORS:
                continue
            titles: list[str] = []
            while words and words[0].lower().strip(",") in _TITLES:
                titles.append(words.pop(0).lower())
            # drop a trailing possessive and punctuation
            words = [w.rstrip(".,") for w in words]
            if words and words[-1].endswith(("’s", "'s")):
                words[-1] = words[-1][:-2]
            if not words or any(w.lower() in _ORG_WORDS for w in words):
                continue
            if len(words) == 1 and not titles:
                continue  # a lone capitalized word: a surname seen later, or a sentence start
            if m.start() in self.sentence_starts and len(words) == 1:
                continue
            found.append((m.start(), " ".join(words), tuple(titles)))
        return found

    @cached_property
    def full_names(self) -> dict[str, str]:
        """Surname (and first name) -> the first multi-word name the article gives them."""
        names: dict[str, str] = {}
        for _, name, _ in self.people:
            parts = name.split()
            if len(parts) >= 2:
                names.setdefault(parts[-1], name)
                names.setdefault(parts[0], name)
        return names

    @cached_property
    def gender(self) -> dict[str, str]:
        """Name -> 'f' or 'm', from the honorifics and titles before it (Mrs., congressman)."""
        guess: dict[str, str] = {}
        for _, name, titles in self.people:
            for t in titles:
                if t in _FEMININE:
                    guess.setdefault(name, "f")
                elif t in _MASCULINE:
                    guess.setdefault(name, "m")
        return guess


def _strip_np(np: str) -> str:
    np = np.strip().strip(",;:—–-").strip()
    np = _TRAILING_PARENS.sub("", np)  # (R-Utah), (I-Vt.)
    return np.strip()


_PREPOSITIONS = {"after", "before", "during", "following", "since", "although", "despite"}
_NOT_IN_SPEAKERS = {
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "that",
    "this",
    "it",
    "there",
    "will",
    "would",
    "could",
    "should",
    "can",
    "not",
    "to",
    "if",
    "what",
    "how",
    "why",
    "when",
    "yes",
    "no",
}


_FUNCTION_WORDS = {"by", "of", "to", "on", "in", "at", "for", "with", "from", "a", "an", "the"}


def _looks_like_speaker(np: str) -> bool:
    if not np or len(np) > 120:
        return False
    words = np.split()
    if len(words) > 12:
        return False
    low = [w.lower().strip(",.") for w in words]
    if low[0] in PRONOUN_SPEAKERS:
        return len(words) == 1
    if low[-1].endswith(("’s", "'s")) or low[-1] in _CONNECTORS | _FUNCTION_WORDS:
        return False  # 'Clinton says Trump’s “…”', 'sponsored by NBC News and said “…”'
    if low[0] in _CONNECTORS | _PREPOSITIONS or any(w in _NOT_IN_SPEAKERS for w in low):
        return False
    if np[0].isupper() or any(w[:1].isupper() for w in words):
        return True
    return low[0] in _DETERMINERS or bool(_ANONYMOUS_HEADS.search(np))


_SUBORDINATORS = {"though", "although", "since", "whereas", "unless", "until", "once"}


def _trim_leading(np: str) -> str:
    """Drop leading connectors and adverbs: 'But Trump' -> 'Trump'."""
    words = np.split()
    while len(words) > 1 and words[0].lower().strip(",") in _CONNECTORS | _SUBORDINATORS:
        words.pop(0)
    return " ".join(words)


_ABBREV = re.compile(
    r"^(?:[A-Z]\.)+[A-Z]?\.?$|^(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Jr|Sr|St|Gen|Lt|Col|Rev|Del|Prof|Adm|Sgt|Capt)\.$"
)
_NAME_PARTICLES = {"de", "del", "van", "von", "bin", "al", "of", "la", "le", "da", "di"}


def _np_after_cue(tail: str) -> str:
    """The speaker that follows a cue: 'Rep. G.K. Butterfield (D-N.C.), head of...' -> name."""
    tail = tail.strip()
    words: list[str] = []
    for raw in _TOKENS.findall(tail)[:14]:
        if raw.startswith("("):
            break  # (R-Utah)
        word = raw.rstrip(',;:!?”"')
        ends = raw != word or (word.endswith(".") and not _ABBREV.match(word))
        word = word.rstrip(".") if ends else word
        if words and words[0][:1].isupper() and not (word[:1].isupper() or word in _NAME_PARTICLES):
            break  # a name ends at the first lowercase word: 'Trump in a statement'
        if word:
            words.append(word)
        if ends or any(c in word for c in '“”"'):
            break
    while len(words) > 1 and words[-1] in _NAME_PARTICLES:
        words.pop()  # 'Del. Stacey Plaskett of the Virgin Islands' -> the name
    return _strip_np(" ".join(words))


_TRAILING_ADVERBS = {
    "also",
    "later",
    "then",
    "once",
    "again",
    "previously",
    "recently",
    "repeatedly",
    "further",
    "reportedly",
    "has",
    "had",
    "have",
    "would",
    "will",
    "earlier",
    "often",
    "never",
    "always",
    "first",
    "simply",
}


def _np_before_cue(head: str) -> str:
    """The subject right before a cue: 'Speaking aboard Air Force One, Trump' -> 'Trump'."""
    head = head.rstrip()
    words = head.split()
    while words and words[-1].lower() in _TRAILING_ADVERBS:
        words.pop()
    head = " ".join(words)
    if head.endswith(","):
        # an appositive: 'Jim Smith, a spokesman for the agency,' -> 'Jim Smith'
        parts = head[:-1].split(",")
        appositive = parts[-1].split()
        if len(parts) >= 2 and appositive:
            candidate = _np_before_cue(",".join(parts[:-1]))
            is_appositive = appositive[0][:1].islower() or appositive[0].lower() in _DETERMINERS
            is_name = all(w[:1].isupper() or w in _NAME_PARTICLES for w in candidate.split())
            if candidate and candidate[0].isupper() and (is_appositive or is_name):
                return candidate
    cut = max(head.rfind(c) for c in (",", ";", ":", "“", "”", '"', "—", "(", ")"))
    if cut >= 0 and head[cut] == ")":
        # keep a parenthetical belonging to a name: Sen. Ted Cruz (R-Texas)
        open_ = head.rfind("(")
        cut = max(head.rfind(c, 0, open_) for c in (",", ";", ":", "“", "”", '"', "—"))
    np = head[cut + 1 :] if cut >= 0 else head
    words = np.split()[-10:]
    return _strip_np(_trim_leading(" ".join(words)))


_SUBJECT = re.compile(
    r"^(?:[^,“”\"]{0,60},\s+)?(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*|He|She|They)"
    # an appositive: 'Dean, a medical doctor, then …'
    r"(?:,\s+(?:a|an|the|who|whose|his|her|their|its)\s[^,“”\"]{1,60},)?"
    r"\s+(?:(?:has|had|have|also|later|then|once|repeatedly|often)\s+)*(?P<verb>[a-z]+(?:ed|s))\b"
)


def _crosses_sentence(text: str) -> bool:
    """Whether ``text`` holds a quote mark or a sentence end (abbreviations allowed)."""
    if any(ch in text for ch in '“”"'):
        return True
    return any(w.endswith((".", "!", "?")) and not _ABBREV.match(w) for w in text.split())


def _is_title(text: str, span: QuotedSpan) -> bool:
    """A show, book or film title: “Fox and Friends”, MSNBC's "Morning Joe"."""
    body = text[span.start : span.end].strip(" ,.")
    words = body.split()
    if not words or len(words) > 8:
        return False
    capitalized = sum(1 for w in words if w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS)
    if capitalized < len(words) or (len(words) < 2 and not body[:1].isupper()):
        return False
    before = text[max(0, span.start - 12) : span.start - 1].rstrip()
    return bool(_TITLE_LEAD.search(before))


_TITLE_SMALL_WORDS = {"a", "an", "the", "and", "of", "in", "on", "for", "to", "at", "with", "or"}


class Attributor:
    """Finds the quotes of one article and their speakers."""

    def __init__(self, text: str) -> None:
        self.ctx = _Context(text)
        self.text = text
        self._resolved: list[RuleQuote] = []  # attributed so far, in article order

    def quotes(self) -> list[RuleQuote]:
        found: list[RuleQuote | None] = []
        spans = self.ctx.spans
        for i, span in enumerate(spans):
            quote = self._attribute(span, i, found)
            found.append(quote)
            if quote is not None:
                self._resolved.append(quote)
        # passages with no cue: a continuation of the previous speaker's quote in the same or
        # the next paragraph (the quote paragraphs of a long statement)
        for i, span in enumerate(spans):
            if found[i] is not None:
                continue
            if self._is_speech_like(span):
                prev = self._previous_attributed(i, found)
            else:
                prev = self._resumed_after_cue(i, found)
            if prev is not None:
                found[i] = self._make(span, prev.mention, prev.cue, inherit=prev)
        return [q for q in found if q is not None]

    # -- one passage ---------------------------------------------------------------------

    def _attribute(
        self, span: QuotedSpan, index: int, found: list[RuleQuote | None]
    ) -> RuleQuote | None:
        text = self.text
        if _is_title(text, span):
            return None
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
        after = text[after_start : max(e_end, after_start)]
        before = text[s_start : max(s_start, span.start - 1)]

        # “…,” Trump said.  /  “…,” said Trump.  /  “…” she told reporters.
        dash = _DASH_SPEAKER.match(text, after_start)
        if dash:  # “…” ― Carlos Raúl
            np = _strip_np(dash.group("np"))
            if _looks_like_speaker(np):
                return self._make(span, np, "—")
        m = _AFTER_PUNCTUATION.match(after)
        rest = m.group("rest") if m else after
        cue = _CUE_AT_START.match(rest)
        if cue:
            np = _np_after_cue(rest[cue.end() :])
            if _looks_like_speaker(np):
                return self._make(span, np, cue.group(1))
        cue_later = _CUE_RE.search(rest[:110])
        if cue_later and not _crosses_sentence(rest[: cue_later.start()]):
            np = _np_before_cue(rest[: cue_later.start()])
            if _looks_like_speaker(np) and len(np.split()) <= 12:
                return self._make(span, np, cue_later.group())

        # Trump said: “…”  /  According to X, “…”  /  She said the plan was “…”
        m_acc = _ACCORDING_TO.search(before)
        if m_acc:
            np = _strip_np(m_acc.group("np"))
            if _looks_like_speaker(np):
                return self._make(span, np, "according to")
        # 'According to X, the move reeks of “fear”' / '… “sexist language,” according to X.'
        for m_acc in (_ACCORDING_TO_LEAD.match(before), _ACCORDING_TO_TAIL.match(rest)):
            if m_acc:
                np = _strip_np(m_acc.group("np"))
                if _looks_like_speaker(np):
                    return self._make(span, np, "according to")
        # 'what he called Machado’s “sex tape”', 'what it calls “the biggest attack”'
        m_what = _WHAT_X_CALLED.search(before)
        if m_what and _looks_like_speaker(m_what.group("np")):
            np = m_what.group("np")
            subject = _SUBJECT.match(before)
            if np.lower() in PRONOUN_SPEAKERS and subject and _looks_like_speaker(subject["np"]):
                np = subject["np"]  # 'Ban Ki-moon condemned what he called …': he is Ban
            return self._make(span, np, m_what.group("cue"))
        last_cue = None
        for c in _CUE_RE.finditer(before):
            last_cue = c
        if last_cue is not None and last_cue.group().endswith("ing"):
            # 'Trump attacked Clinton in Iraq, saying, “…”': the subject speaks
            subject = _SUBJECT.match(before)
            if subject and _looks_like_speaker(subject.group("np")):
                return self._make(span, subject.group("np"), last_cue.group())
        if last_cue is not None:
            np = _np_before_cue(before[: last_cue.start()])
            if _looks_like_speaker(np):
                return self._make(span, np, last_cue.group())
            tail = before[last_cue.end() :]
            np = _np_after_cue(tail)  # said Trump, “…”
            if (
                np
                and np[0].isupper()
                and _looks_like_speaker(np)
                and len(tail.strip(" ,:").split()) == len(np.split())
            ):
                return self._make(span, np, last_cue.group())
            # 'Roberts said Friday that she thinks … but said “…”': the first cue's subject
            first_cue = _CUE_RE.search(before)
            if first_cue is not None and first_cue is not last_cue:
                np = _np_before_cue(before[: first_cue.start()])
                if _looks_like_speaker(np):
                    return self._make(span, np, first_cue.group())
            subject = _SUBJECT.match(before)
            if subject and _looks_like_speaker(subject["np"]):
                return self._make(span, subject["np"], last_cue.group())
            # 'He praised X as “…” and said Y was “…”': the subject is shared
            previous = found[index - 1] if index > 0 else None
            if previous is not None and previous.start >= s_start:
                return self._make(span, previous.mention, last_cue.group(), inherit=previous)
        # He said:\n\n“…”  (the lead-in is the paragraph before)
        if s_start == span.start - 1:
            para = self.ctx.paragraph_of(span.start)
            if para > 0:
                p_start, p_end = self.ctx.paragraphs[para - 1]
                lead_in = text[p_start:p_end]
                if lead_in.endswith(":"):
                    cue = None
                    for c in _CUE_RE.finditer(lead_in):
                        cue = c
                    if cue is not None:
                        np = _np_before_cue(lead_in[: cue.start()])
                        if _looks_like_speaker(np):
                            return self._make(span, np, cue.group())
        # 'The plan is dead, Schiff said. “We will not vote for it.”' (same paragraph)
        if s_start >= span.start - 1 and s_start > 0:
            p_start, _ = self.ctx.sentence_of(s_start - 2)
            if self.ctx.paragraph_of(p_start) == self.ctx.paragraph_of(span.start):
                closing = _TRAILING_CUE.search(text[p_start:s_start].rstrip())
                if closing and not _crosses_sentence(closing["np"]):
                    np = _np_before_cue(closing["np"] + " ")
                    if _looks_like_speaker(np):
                        return self._make(span, np, closing["cue"])
        # no cue at all: a partial quote in a sentence whose subject is a person
        # ('At a rally, Trump likened the refugees to a “vicious snake”')
        if span.start - 1 > s_start:
            subject = _SUBJECT.match(before)
            if subject:
                np = subject.group("np")
                if _looks_like_speaker(np) and (
                    np.lower() in PRONOUN_SPEAKERS
                    or np in self.ctx.full_names
                    or any(
                        np == name or np.endswith(" " + name.split()[-1])
                        for _, name, _ in self.ctx.people
                    )
                ):
                    return self._make(span, np, subject.group("verb"))
        return None

    def _is_speech_like(self, span: QuotedSpan) -> bool:
        """A passage long enough to be speech, not a title or a scare-quoted word."""
        words = self.text[span.start : span.end].split()
        return len(words) >= 6

    def _resumed_after_cue(self, index: int, found: list[RuleQuote | None]) -> RuleQuote | None:
        """“Here comes Big Daddy,” she said, clapping. “The Donald.”: the same speaker resumes.

        Only when the previous passage was attributed by the cue clause that sits between
        the two, in the same paragraph, with nothing else in between.
        """
        if index == 0 or found[index - 1] is None:
            return None
        prev = found[index - 1]
        assert prev is not None
        gap = self.text[self.ctx.spans[index - 1].end + 1 : self.ctx.spans[index].start - 1]
        if "\n" in gap or len(gap) > 60 or not _CUE_RE.search(gap):
            return None
        return prev

    def _previous_attributed(self, index: int, found: list[RuleQuote | None]) -> RuleQuote | None:
        here = self.ctx.paragraph_of(self.ctx.spans[index].start)
        for j in range(index - 1, -1, -1):
            q = found[j]
            if q is None:
                continue
            if here - self.ctx.paragraph_of(q.start) <= 1:
                return q
            return None
        return None

    # -- speakers ------------------------------------------------------------------------

    def _make(
        self, span: QuotedSpan, mention: str, cue: str, inherit: RuleQuote | None = None
    ) -> RuleQuote | None:
        start, end = span.start, span.end
        raw = self.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body.endswith(","):
            body = body[:-1].rstrip()
        if len(body) < 2:
            return None
        start += lead
        end = start + len(body)
        if inherit is not None:
            return RuleQuote(start, end, inherit.speaker, inherit.speaker_kind, cue, mention)
        speaker, kind = self._resolve(mention, span.start)
        if not speaker:
            return None
        return RuleQuote(start, end, speaker, kind, cue.strip(), mention)

    def _resolve(self, mention: str, pos: int) -> tuple[str, SpeakerKind]:
        words = mention.split()
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in PRONOUN_SPEAKERS:
            return self._resolve_pronoun(low[0], pos)
        # 'union leader Tom Berg', 'council member Claire Sato': descriptors before a name
        k = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
        if (
            k
            and low[0] not in _DETERMINERS
            and len(words) - k >= 2
            and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[k:])
        ):
            words, low = words[k:], low[k:]
            mention = " ".join(words)
        if low[0] in {
            "a",
            "an",
            "one",
            "another",
            "two",
            "three",
            "several",
            "some",
            "many",
            "other",
        } or (not mention[0].isupper() and _ANONYMOUS_HEADS.search(mention) and low[0] != "the"):
            return mention, "anonymous"
        if low[0] == "the" or low[0] in {"his", "her", "their", "its"}:
            named = self._resolve_role(low, pos)
            if named:
                return named, "named"
            head = low[-1].strip(".,")
            if head in _ORG_WORDS or any(w[:1].isupper() for w in words[1:]):
                return mention, "organization" if head in _ORG_WORDS else "named"
            if _ANONYMOUS_HEADS.search(mention):
                return mention, "anonymous"
            return mention, "named"
        # a capitalized mention: a person or an organization
        if any(w.strip(".,").lower() in _ORG_WORDS for w in words):
            return mention, "organization"
        # the name follows the last title word: 'Charlotte Mayor Jennifer Roberts' -> the name
        last_title = max(
            (i for i, w in enumerate(words) if w.lower().strip(",") in _TITLES), default=-1
        )
        core = words[last_title + 1 :] or [w for w in words if w.lower().strip(",") not in _TITLES]
        if "of" in core[1:]:
            core = core[: core.index("of", 1)]  # 'Ana Ruiz of Maple County' -> 'Ana Ruiz'
        if not core:
            named = self._resolve_role(low, pos)
            return (named, "named") if named else (mention, "named")
        name = " ".join(core)
        full = self.ctx.full_names.get(core[-1]) if len(core) == 1 else None
        if full and full.split()[-1] == core[-1]:
            name = full
        return name, "named"

    def _resolve_pronoun(self, pronoun: str, pos: int) -> tuple[str, SpeakerKind]:
        """The most recent compatible speaker, else named person, before ``pos``."""
        want = "f" if pronoun == "she" else "m" if pronoun == "he" else None
        here = self.ctx.paragraph_of(pos)
        for q in reversed(self._resolved):
            if q.start >= pos or here - self.ctx.paragraph_of(q.start) > 2:
                break
            if q.speaker_kind != "named" or q.speaker.lower() in PRONOUN_SPEAKERS:
                continue
            gender = self.ctx.gender.get(q.speaker)
            if want and gender and gender != want:
                continue
            return q.speaker, "named"
        people = [p for p in self.ctx.people if p[0] < pos]
        for _, name, _ in reversed(people):
            full = self.ctx.full_names.get(name.split()[-1], name)
            gender = self.ctx.gender.get(full) or self.ctx.gender.get(name)
            if want and gender and gender != want:
                continue
            return full, "named"
        return pronoun, "named"

    def _resolve_role(self, words: list[str], pos: int) -> str | None:
        """'the senator' -> the most recent person introduced with that role."""
        roles = {w.strip(".,") for w in words} & _ROLE_WORDS
        if not roles:
            return None
        best = None
        for p_pos, name, titles in self.ctx.people:
            if p_pos >= pos:
                break
            context = self.text[max(0, p_pos - 60) : p_pos + len(name) + 60].lower()
            if any(r in titles or re.search(rf"\b{re.escape(r)}\b", context) for r in roles):
                best = self.ctx.full_names.get(name.split()[-1], name)
        return best


def attribute_quotes(text: str) -> list[RuleQuote]:
    """The quotes of ``text`` with their speakers, in order of appearance."""
    return Attributor(text).quotes()

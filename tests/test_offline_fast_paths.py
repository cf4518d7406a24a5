"""The offline engine's fast paths give what the slower, plainer code they replace gives."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import pytest

from summarizer.engines.offline import attribution, questions
from summarizer.engines.offline.attribution import Context
from summarizer.engines.offline.reported import Covering, is_title_line
from summarizer.text import language, quotemarks
from summarizer.text import lexicon as lex
from summarizer.text.language import _ascii_words, detect_language
from summarizer.text.sentences import _BOUNDARY, sentences
from tests.randomtext import random_strings

_TOKEN = re.compile(r"[^\W\d_]+")


@pytest.mark.parametrize(
    "text",
    [
        "“We will rebuild,” the mayor said — and don’t forget it… 42 times.",
        "Plain ASCII, with digits 123 and under_scores.",
        "Ends\u00a0with a no-break space and ‘single quotes’",
        "“A quote” ― Ana Ruiz, a horizontal bar before the speaker",
        "",
    ],
)
def test_ascii_words_are_the_lowercased_letter_runs(text: str) -> None:
    assert _ascii_words(text) == [w.lower() for w in _TOKEN.findall(text)]


@pytest.mark.parametrize(
    "text",
    ["Un café à Paris", "Привет, мир", "naïve résumé", "x² + y²", "page ٣", "a € b", "・ok"],
)
def test_other_letters_take_the_general_path(text: str) -> None:
    assert _ascii_words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "© 2024 The Times\u200b, § 12",
        "Pen\u0303a said\x83 it, \u00b0 and \u2022 bullets",
        "“Quote” ― Ana Ruiz \u00ad soft hyphen",
    ],
)
def test_separators_beyond_ascii_take_the_fast_path(text: str) -> None:
    assert _ascii_words(text) == [w.lower() for w in _TOKEN.findall(text)]


def test_every_separator_is_no_letter_and_no_script() -> None:
    # what the fast path takes for a space: in no letter run, and nothing the scripts count
    for code in range(0x80, 0x2070):
        ch = chr(code)
        if language._separates(ch):
            assert not _TOKEN.search(ch) and not language._BEYOND_LATIN.search(ch), hex(code)


def test_language_of_english_with_curly_quotes_and_of_german() -> None:
    english = "“The council said that it was not ready,” he said, and the plan is on hold. " * 3
    german = "Der Rat sagte, dass die Stadt nicht bereit ist und auch das Geld fehlt. " * 3
    assert detect_language(english) == "en"
    assert detect_language(german) == "de"
    # the counts the fast path gives are the general path's
    lowered = _ascii_words(english)
    assert lowered is not None
    assert Counter(lowered) == Counter(w.lower() for w in _TOKEN.findall(english))


def test_covering_with_overlapping_spans() -> None:
    spans = Covering([(10, 50), (0, 5), (20, 30), (60, 70)])
    assert spans.covers(12, 48) and spans.covers(0, 5) and spans.covers(22, 28)
    assert spans.covers(25, 50)  # by the first span, which reaches past the later-starting one
    assert not spans.covers(4, 6) and not spans.covers(45, 55) and not spans.covers(71, 72)
    assert not Covering([]).covers(0, 1)


def test_sentence_ends_after_words_and_not_after_abbreviations() -> None:
    text = (
        "Sen. Ann Lee spoke at 5 p.m. Friday. She left at 6. The U.S. Senate met. "
        "J. R. Ruiz agreed."
    )
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "Sen. Ann Lee spoke at 5 p.m. Friday.",
        "She left at 6.",
        "The U.S. Senate met.",
        "J. R. Ruiz agreed.",
    ]


def test_title_line_only_first() -> None:
    text = "Mayor Vows To Rebuild\nThe mayor said on Monday that the levee would hold.\n"
    assert is_title_line(text, 0, 21)
    assert not is_title_line(text, 22, len(text) - 1)
    assert is_title_line("\n  " + text, 3, 24)  # blank lines before it


def test_the_last_body_before_a_position() -> None:
    text = (
        "The Justice Department said on Monday it would appeal. Ana Ruiz disagreed. The "
        "Transport Workers Union called a strike. Later, it said talks would resume."
    )
    ctx = Context(text)
    assert ctx.body_before(text.index("Ana")) == "Justice Department"
    assert ctx.body_before(text.index("it said")) == "Transport Workers Union"
    assert ctx.body_before(0) is None


_QUESTION_TEXTS = [
    "The Trump administration’s the Biden administration’s plan was cut this week.",
    "xThe Biden administration said on Monday. The Obama administration, the Bush administration",
    "American President Joe Biden, U.S. President Ann Lee and President Ruiz spoke.",
    "USPresident X. US President Bo Lee. President of the board.",
    "Some 5% of the 12 percent of voters, 3 million in aid, 40 people of the town, 5%% of it.",
    "may maybe dismay may-be; Plans to plan to planning to reportedly allegedly in talks x-may",
    "unlikely to, likely to; has yet to have yet to, shouldn't could would; it remains to be seen",
    "planet explanation unlikely tobacco; hasty has nothing; did it, the 3 trillion of the",
    "They could not be reached for comment; the agency did not respond. It declined to comment.",
    "did not respond.\nLee didn’t immediately return calls; hasn’t commented; declined to comment",
    "$4 million, $ 5bn, 3.5 billion, 12%, v2.0 percent, x$3m, 1,200 percent; ab12 percent _9%",
    "٣ percent and ３ million beside 12 percent: digits beyond ASCII, “$7m”",
    "5 percent. US$5 million, $$6m, é7 percent, ²8 percent, (9%) —10 million; 1.5.6 percent",
    "",
]


hedges_alone = questions.needles(lex.HEDGES)  # (each hedge its own needle)


def test_shared_needles_know_where_each_phrase_starts() -> None:
    found = dict(questions.needles(["has yet to", "have yet to", "may"], shared=["yet to"]))
    assert found == {"yet to": (4, 5), "may": (0,)}
    assert dict(questions.needles(["did not"], back=1, shared=["did"])) == {"did": (1,)}


@pytest.mark.parametrize("text", _QUESTION_TEXTS)
def test_question_scans_find_what_the_whole_text_expressions_find(text: str) -> None:
    def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches]

    units = questions._UNIT_NEEDLES
    assert spans(questions._matches_at(questions._MEASURE_UNIT, text, units)) == spans(
        questions._MEASURE_UNIT.finditer(text)
    )
    low = text.lower()
    for chunk in (5, 11, 2000):  # needles across the edges of the chunks searched
        hedges = questions._HEDGE_NEEDLES  # (shared: 'ould', 'plan', 'yet to' …)
        assert spans(questions._matches_at(questions._HEDGE, low, hedges, chunk)) == spans(
            questions._HEDGE.finditer(low)
        )
        assert spans(questions._matches_at(questions._HEDGE, low, hedges_alone, chunk)) == spans(
            questions._HEDGE.finditer(low)
        )
    assert spans(questions._administrations(text)) == spans(
        questions._ADMINISTRATION.finditer(text)
    )
    first, president = questions._first_president(text), questions._PRESIDENT.search(text)
    assert (first and first.span()) == (president and president.span())
    assert spans(
        questions._matches_at(questions._NO_RESPONSE, text, questions._NO_RESPONSE_NEEDLES)
    ) == spans(questions._NO_RESPONSE.finditer(text))
    assert spans(questions._figures(text)) == spans(questions._FIGURE.finditer(text))


def test_sentence_boundary_is_the_plain_repeat() -> None:
    plain = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9])")
    text = "He left... She said “no.” Then?! Why… (Yes.) 42. x.Y ok!? “A” B. C"
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(plain.findall(text)) >= 6


def _quoted_spans_visiting_every_mark(text: str) -> list[tuple[int, int, str, bool]]:
    """The plain scan find_quoted_spans replaces: every mark, apostrophe and line break."""
    spans, opener, content_start = [], None, 0
    for m in re.finditer('[“”„‚«»‹›‘’"「」『』《》〈〉\n]', text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if opener is not None and text[content_start:i].strip():
                spans.append((content_start, i, opener, False))
            opener = None
        elif opener is None:
            if (
                ch in quotemarks._PAIRS
                and i + 1 < len(text)
                and quotemarks._is_opening_position(text, i)
                and not (ch == "‘" and quotemarks._is_apostrophe(text, i))
                and not (ch == "‚" and text[i - 1 : i].isalnum())
                and (ch in "«‹" or not text[i + 1].isspace())
            ):
                opener, content_start = ch, i + 1
        elif ch in quotemarks._PAIRS[opener] and not (
            ch in "’'" and quotemarks._is_apostrophe(text, i)
        ):
            if text[content_start:i].strip():
                spans.append((content_start, i, opener, True))
            opener = None
    if opener is not None and text[content_start:].strip():
        spans.append((content_start, len(text), opener, False))
    return spans


def test_quoted_spans_skip_to_the_marks_that_matter() -> None:
    marks = list("ab ’'\n“”„‚«»‹›‘\"「」『』《》〈〉.,x-(")
    rnd = random.Random(7)
    texts = ["“It’s ‘nested’ and\nopen", "‘Trump’s’ ‚low‘ «  French » “a” don’t", ""]
    texts += ["".join(rnd.choice(marks) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    for text in texts:
        got = [(q.start, q.end, q.opener, q.closed) for q in quotemarks.find_quoted_spans(text)]
        assert got == _quoted_spans_visiting_every_mark(text), text


# ---------------------------------------------------------------------------------------------
# the offspeed5 round: each fast path against the plainer expression it replaces
# ---------------------------------------------------------------------------------------------

_PASSAGE = (
    "The boy's mother told the BBC that her son was safe. A spokeswoman for the council, "
    "a grandmother of three, said the housewife's ex-wife and the stepmother2 were not there. "
    "“It was hard,” Lee said. “We needed this.” Juan del Toro, Ana de la Cruz and Ruiz de "
    "met Ludwig van Beethoven's heirs; his repeated claim that the rep. sen. gov. front-runner "
    "chairman lost, their latest call for a recount, Lee’s promise to resign."
)


def _sexed_noun_expressions() -> dict[str, re.Pattern[str]]:
    """The nouns of a person in a role, by sex ('': either), as the alternation of the words."""
    from summarizer.engines.offline.attribution import _ROLE_HEADS
    from summarizer.text import lexicon as lex

    return {
        sex: re.compile(rf"\b(?:{'|'.join(sorted(nouns))})\b")
        for sex, nouns in (
            ("f", lex.FEMININE_NOUNS),
            ("m", lex.MASCULINE_NOUNS),
            ("", _ROLE_HEADS - lex.FEMININE_NOUNS - lex.MASCULINE_NOUNS),
        )
    }


def test_sexed_nouns_found_by_str_find_as_by_the_expression() -> None:
    from summarizer.engines.offline.attribution import _has_sexed_noun

    _SEXED_NOUN = _sexed_noun_expressions()

    pieces = ["mother", "wife", "son", "man", "boy", "x", " ", "-", "_", "2", "é", "’"]
    texts = [_PASSAGE, *random_strings(pieces, 1000, 7)]
    for text in texts:
        for lo in range(0, len(text), 7):
            for hi in (lo + 4, lo + 30, len(text)):
                hi = min(hi, len(text))
                for want in ("f", "m", ""):
                    expected = _SEXED_NOUN[want].search(text, lo, hi) is not None
                    assert _has_sexed_noun(text, lo, hi, want) == expected, (text[lo:hi], want)


def test_sexed_nouns_found_in_the_word_index_as_by_the_expression() -> None:
    """A noun of a sex looked up in the article's word index: what the expression finds in
    the span, a noun cut short by the span's end ('mother' of 'mothers') and a word beside a
    digit, '_' or a letter beyond ASCII included."""
    from summarizer.engines.offline.attribution import SEX_VOCABULARY, SexedNouns
    from summarizer.text.words import Words

    _SEXED_NOUN = _sexed_noun_expressions()

    pieces = ["mother", "wife", "son", "man", "boy", "x", " ", "-", "_", "2", "é", "’", "s"]
    for text in [_PASSAGE, *random_strings(pieces, 400, 13)]:
        index = SexedNouns(Words(text, SEX_VOCABULARY))
        for lo in range(0, len(text), 5):
            for hi in (lo, lo + 3, lo + 6, lo + 11, lo + 30, len(text)):
                hi = min(hi, len(text))
                for want in ("f", "m"):
                    expected = _SEXED_NOUN[want].search(text, lo, hi) is not None
                    assert index.between(lo, hi, want) == expected, (text, lo, hi, want)


def test_words_between_quotations_as_the_plain_expression() -> None:
    from summarizer.engines.offline.stances import _BETWEEN_QUOTATIONS

    plain = re.compile(r"[,.]?[”\"]\s+[^“”\"\n]{1,80}?\s*[“\"]")
    texts = [_PASSAGE, *random_strings([",", ".", '"', "”", "“", " ", "a", "b", "\n"], 5000, 3)]
    for text in texts:
        assert _BETWEEN_QUOTATIONS.sub(" … ", text) == plain.sub(" … ", text), text


def test_name_runs_as_with_a_look_behind_a_particle() -> None:
    from summarizer.engines.offline.attribution import _NAME_RUN, _NAME_TOKEN

    particles = ("de", "del", "van", "von", "bin", "al", "la", "le")
    plain = re.compile(
        rf"[A-Z](?<!\w[A-Z])[\w’'.-]*+(?:[ \u00a0]++{_NAME_TOKEN})*"
        + "".join(f"(?<! {p})" for p in particles)
    )
    pieces = [*particles, "Ana", "Ruiz", "D", " ", "  ", "\u00a0", ".", "Lee's", "x", "-"]
    for text in [_PASSAGE, *random_strings(pieces, 5000, 11)]:
        assert [m.span() for m in _NAME_RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_possessor_test_passes_every_noun_the_expression_owns() -> None:
    from summarizer.engines.offline.nounphrase import _BEFORE_NOUN, _WINDOW, _may_follow_possessor

    pieces = ["Lee’s", "Lee's", "the party's", "his", "Her", "their", "its", "this", "new", " "]
    pieces += ["repeated", "publicly", "claim", "x", ",", "\n"]
    for text in [_PASSAGE, *random_strings(pieces, 1000, 5)]:
        for at in range(len(text) + 1):
            if _BEFORE_NOUN.search(text, max(0, at - _WINDOW), at) is not None:
                assert _may_follow_possessor(text, at), (text, at)


def test_sentences_split_at_double_apostrophes_as_by_a_find_each() -> None:
    """The pairs of apostrophes are found once, then bisected: the same sentences as looking
    for a pair in (or two characters before) each sentence with ``str.find``."""
    from summarizer.engines.offline.reported import _APOSTROPHE_BOUNDARY, _split_apostrophe_quotes

    def plain(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
        if "''" not in text and "’’" not in text:
            return sents
        out = []
        for s, e in sents:
            if text.find("''", max(0, s - 2), e) < 0 and text.find("’’", max(0, s - 2), e) < 0:
                out.append((s, e))
                continue
            for m in _APOSTROPHE_BOUNDARY.finditer(text, s, e):
                out.append((s, m.start()))
                s = m.end()
            out.append((s, e))
        return out

    passage = "''We will hold,'' he said. ''We have sandbags.'' The river rose. Lee’’s ’’ok’’."
    pieces = ["'", "’", "''", "’’", ".", " ", "A", "b", "We"]
    for text in [passage, *random_strings(pieces, 3000, 11)]:
        rng = random.Random(len(text))
        cuts = sorted({0, len(text), *(rng.randint(0, len(text)) for _ in range(3))})
        for sents in (sentences(text), list(pairwise(cuts))):
            assert _split_apostrophe_quotes(text, sents) == plain(text, sents), text


def test_rules_for_a_sentence_from_the_cues_masks_as_from_the_cues() -> None:
    """The rules of a sentence from its cues' masks looked up once an article, as from the
    cues themselves."""
    from summarizer.engines.offline.attribution import Attributor
    from summarizer.engines.offline.reported import (
        _VOCABULARY,
        ClosingVerbs,
        _rule_mask,
        _rules_for,
        cue_words,
    )
    from summarizer.text.words import Words

    attributor = Attributor(_PASSAGE + " Lee said the plan, Ana Ruiz argued, would fail.")
    text = attributor.text
    words = Words(text, _VOCABULARY)
    verbs = cue_words(attributor, words)
    closing = ClosingVerbs(words)
    assert verbs
    for s, e in attributor.ctx.sentences:
        here = [v for v in verbs if s <= v[0] < e]
        if here:
            masks = [_rule_mask(v) for _, _, v in here]
            assert _rules_for(text, here, s, e, closing, masks) == _rules_for(
                text, here, s, e, closing
            )


def test_a_quote_mark_before_a_cue_is_one_in_its_head() -> None:
    """A head before a cue (less its adverbs, auxiliaries and time) holds a quote mark exactly
    when the sentence has one before the cue: what the heads lose at their end never does."""
    from summarizer.engines.offline.reported import (
        _QUOTE_MARK,
        _first_quote_mark,
        _without_aspect,
        _without_auxiliaries,
    )

    pieces = [
        *("Lee", "“Lee", "Lee”", "also", "“also", "has", "on", "Tuesday", "Tuesday”", "in"),
        *("2015", "“2015", "June", "last", "year", "year”", "just", "continues", "to", "went"),
        *("reported", "«", "»", '"', "„", "the", "court", "”", " ", " ", " ", "  ", "\n", ","),
    ]
    for sentence in [_PASSAGE, *random_strings(pieces, 4000, 19)]:
        end = len(sentence)
        first = _first_quote_mark(sentence, end)
        for v_start in range(end + 1):
            head = _without_auxiliaries(_without_aspect(sentence[:v_start]))
            assert (first < v_start) == (_QUOTE_MARK.search(head) is not None), sentence[:v_start]


def test_time_words_written_out_as_all_over_the_words() -> None:
    from itertools import product

    from summarizer.engines.offline.reported import _TIME_WORDS, _time_words

    vocabulary = ["last", "Month,", "monday.", "week", "said", "the", "2015", "Tonight"]
    for n in range(3):
        for words in product(vocabulary, repeat=n):
            expected = all(w.lower().strip(",.") in _TIME_WORDS for w in words)
            assert _time_words(list(words)) == expected, words


@pytest.mark.parametrize(
    "before",
    [
        "According to the ministry,",
        "ACCORDING TO a senior aide",
        "In the words of Ana Ruiz,",
        "In the words of its lawyer, Mark Hale, QC, ",
        "IN THE WORDS OF the mayor",
        "Lee rejected what he called",
        "The senator, in what she termed",
        "which the union describes as",
        "what critics have described as a",
        "That is what Tom Berg calls",
        "Ana Ruiz said the plan was",
        "the words of the song",
        "accordingly, the mayor",
        "",
    ],
)
def test_passage_prefilters_pass_whatever_the_expression_matches(before: str) -> None:
    # a prefilter may pass a passage the expression then rejects, never the other way round
    if attribution._ACCORDING_TO.search(before) or attribution._ACCORDING_TO_NAMED.search(before):
        assert attribution._may_hold_according_to(before)
    if attribution._WHAT_X_CALLED.search(before):
        assert attribution._may_hold_what_called(before)
    assert attribution._may_hold_according_to(before) == bool(re.search("ccord|word", before, re.I))


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz, a lawyer, said. ",
        "the plan is dead, Schiff said.",
        "It will pass, the mayor says today.",
        "We agree, Lee added on Monday.",
        "They left, she told reporters.",
        "No deal, Berg wrote.",
        "The plan, he writes later.",
        " and analysts told",
        ", but he",
        "; when she",
        "while he",
        "Lee rejected the claims as",
        "",
    ],
)
def test_clause_prefilters_agree_with_their_expressions(text: str) -> None:
    assert attribution._opens_clause(text) == bool(attribution._NEW_CLAUSE.search(text))
    if attribution._TRAILING_CUE.search(text):
        assert attribution._may_end_with_cue(text)

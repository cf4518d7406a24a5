"""Words the reported-speech rules need beyond the shared lexicon: who can act or speak (bodies
and groups, in the plural too: 'environmental groups', 'the unions', 'newspapers') and the
negated auxiliaries that stand between a subject and its verb ('Lee isn’t saying', 'the court
didn’t rule')."""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.text import lexicon as lex


def words(text: str) -> frozenset[str]:
    """The words of ``text`` (a list written as one string), or its phrases split at '|'."""
    return frozenset(p.strip() for p in text.split("|")) if "|" in text else frozenset(text.split())


#: heads of a subject that can speak, beside the lexicon's people, bodies and documents
MORE_HEADS = words(
    "newspaper magazine outlet paper advocate judge scholar opponent caucus nonprofit "
    "clinic hospital school charity think-tank nation country"
)
#: be, negated: 'isn’t saying' is a progressive like 'is saying'
NEGATED_BE = frozenset(
    f"{be}{apostrophe}t" for be in ("isn", "aren", "wasn", "weren") for apostrophe in ("’", "'")
)
#: other negated auxiliaries: 'didn’t apologize', 'hasn’t said', 'won’t say'
NEGATED_AUX = NEGATED_BE | frozenset(
    f"{aux}{apostrophe}t"
    for aux in ("didn", "doesn", "don", "hasn", "haven", "hadn", "won", "wouldn", "can", "couldn")
    for apostrophe in ("’", "'")
)


def plural(word: str) -> str:
    """'group' -> 'groups', 'company' -> 'companies', 'press' -> 'presses'."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def with_plurals(words: Iterable[str]) -> frozenset[str]:
    """``words`` and their plurals (the words of one token, without an apostrophe)."""
    words = frozenset(words)
    return words | frozenset(plural(w) for w in words if w.isalpha())


#: verbs and phrases of saying beside the lexicon's: 'Lee pointed out that …', 'Ray observed …'
MORE_REPORTING = words(
    "pointed out|points out|point out|remarked|responded|replied|recounted|"
    "acknowledges|admits|asserts|contends|complains|boasted|bragged|lamented|mused|quipped|"
    "joked|reiterated|reiterates|speculated|wondered|answered|emphasizes|stresses|argue|"
    "insisting|concedes|declares|predicts|tweeted|wrote in"
)


#: the plural nouns a capitalized modifier goes with ('Democratic lawmakers', 'Central European
#: leaders'): the subject's head, not its verb
GROUP_NOUNS = frozenset(w for w in lex.ANONYMOUS_HEADS if w.endswith("s")) | words(
    "leaders groups companies countries states nations governments"
)


#: the irregular pasts of acts a participle of saying follows: 'Lee spoke at the meeting, saying
#: …', 'Lee took to Twitter, accusing …', 'Lee went on television, arguing …'
_PASTS = "spoke|took|went|wrote|gave|made|sent|met|came|stood|held|led|sought|began|struck|hit"


def subject_at_start(after: str) -> str:
    """An expression for a capitalized subject opening a sentence, with its plural head when
    it has one ('Democratic lawmakers'), followed by a verb in -ed or -s (after ``after``, an
    alternative the verb may follow instead: ',\\s' for an appositive) or a pronoun."""
    groups = "|".join(sorted(GROUP_NOUNS))
    return (
        rf"(?:[A-Z][\w’'.-]*\s+){{0,4}}[A-Z][\w’'-]*(?:\s+(?:{groups})\b)?"
        rf"(?={after}\s+(?:has\s+|had\s+|also\s+)?(?!(?:{groups})\b)(?:[a-z]+(?:ed|s)|{_PASTS})\b)"
    )

"""Reported speech carried by a noun: 'Lee's claim that the levee would hold', 'his warning that
…', 'the mayor's call for a recount', 'her decision to resign'.

The speaker is the possessor (a name, or a possessive pronoun resolved as a pronoun is), the cue
the noun, the content the clause or phrase the noun introduces, up to the end of its clause. One
expression finds them all, tried only where the article's words (:class:`Words`, read once for
every lexicon of reported speech) hold one of the nouns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.engines.offline.agents import words
from summarizer.engines.offline.attribution import looks_like_speaker
from summarizer.text import lexicon as lex
from summarizer.text.words import Lexicon

if TYPE_CHECKING:
    from summarizer.engines.offline.attribution import Attributor
    from summarizer.engines.offline.reported import RuleAttribution
    from summarizer.text.words import Words

# nouns of saying, judging or deciding, by what they introduce: a clause ('claim that …'), an
# infinitive ('decision to …') or an object ('call for …', 'comments on …'); not nouns that
# deny what follows them ('his refusal to …', 'her denial that …'): their content alone would
# read as the speaker's position
_THAT_NOUNS = words(
    "claim claims assertion assertions warning warnings insistence argument arguments contention "
    "allegation allegations accusation accusations suggestion suggestions "
    "admission acknowledgment acknowledgement belief view promise pledge prediction emphasis "
    "announcement"
)
_TO_NOUNS = words(
    "decision determination promise promises pledge pledges vow vows threat threats "
    "call calls demand demands"
)
_OF_NOUNS = words(
    "call calls demand demands push criticism comment comments remark remarks attack attacks "
    "praise condemnation endorsement defense defence rejection"
)
_OF_LINKS = words("for on about against of")
_POSSESSOR = (
    r"(?P<np>(?:[A-Z](?:[\w’'-]*|[\w’'-]{0,3}\.)\s+){0,3}[A-Z][\w-]*(?:’s|'s|’|')|"
    r"(?<![\w’'-])[Tt]he\s+(?:[a-z-]+\s+){0,2}[a-z-]+(?:’s|'s)|"
    r"(?<![\w’'-])(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))"
)
_MODIFIERS = (
    r"(?:(?:earlier|latest|repeated|new|recent|own|public|renewed|stated|frequent|infamous|"
    r"controversial|surprise|initial|\w+ly)\s+){0,2}"
)
# the noun and what follows it, found first (nouns are rarer than capitals); the possessor is
# then matched just before
_NOUN = re.compile(
    rf"(?<![\w’'-])(?P<noun>{lex.trie_pattern(sorted(_THAT_NOUNS | _TO_NOUNS | _OF_NOUNS))})"
    r"(?:\s+(?P<link>that|to|for|on|about|against|of)\s|(?P<colon>:)\s)"
)
#: the nouns, found where they occur (see :class:`Lexicon`)
NOUNS = Lexicon(_THAT_NOUNS | _TO_NOUNS | _OF_NOUNS, _NOUN)
_BEFORE_NOUN = re.compile(_POSSESSOR + r"\s+" + _MODIFIERS + "$")
_WINDOW = 90
# where the noun's clause ends: a sentence end, a semicolon, a dash, or a comma before a verb
# of the main clause ('Lee's claim that the levee would hold, which …, drew scorn')
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\s[—–]\s|\s--\s|\n|,\s")
_MAIN_VERB = re.compile(
    r"\s(?:is|was|were|are|has|have|had|will|would|could|should|may|might|did|does|do|drew|"
    r"came|comes|got|gets|prompted|sparked|led)\s"
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_MIN_WORDS = 2
_WHEN = lex.TIME_WORDS | lex.MONTHS
_NOT_VERBS = lex.DETERMINERS | lex.POSSESSIVES | lex.PRONOUNS
_MAX_WORDS = 45


# how a possessor (:data:`_POSSESSOR`) ends: its last word, which at most two modifiers follow
_POSSESSOR_ENDS = ("’s", "'s", "’", "'", "his", "His", "her", "Her", "their", "Their", "its", "Its")


def _may_follow_possessor(text: str, at: int) -> bool:
    """A quick test before :data:`_BEFORE_NOUN` is searched for before a noun at ``at`` (it
    tries each of the 90 places before the noun): one of the last three words before it ends
    as a possessor does, and a space comes right before it."""
    if not text[at - 1 : at].isspace():
        return False
    return any(w.endswith(_POSSESSOR_ENDS) for w in text[max(0, at - _WINDOW) : at].split()[-3:])


def noun_cues(
    attributor: Attributor, found: list[RuleAttribution], words: Words
) -> list[RuleAttribution]:
    """The attributions a noun of saying carries, each where no other attribution already
    holds its content (``words``: the article's, looked up for :data:`NOUNS`)."""
    text = attributor.text
    from summarizer.engines.offline import reported  # (reported runs this pass)

    out: list[RuleAttribution] = []
    taken = sorted(a.content for a in found)
    for m in NOUNS.finditer(words, [(0, len(text))]):
        owner = (
            _BEFORE_NOUN.search(text, max(0, m.start() - _WINDOW), m.start())
            if _may_follow_possessor(text, m.start())
            else None
        )
        if owner is None:
            continue
        np = owner["np"]
        mention = _POSSESSIVE_PRONOUNS.get(np.lower()) or np.rstrip("’'s").rstrip("’'")
        if np.lower() not in _POSSESSIVE_PRONOUNS and not looks_like_speaker(mention):
            continue
        noun, link = m["noun"], m["link"]
        if (link == "that" or m["colon"]) and noun in _THAT_NOUNS:
            c_start = m.end()
        elif link == "to" and noun in _TO_NOUNS:
            after = text[m.end() : m.end() + 20].split(maxsplit=1)[:1]
            if not after or not after[0].replace("-", "").isalpha() or not after[0].islower():
                continue  # 'his threat to Europe': not what he threatened to do
            if after[0] in _NOT_VERBS:
                continue
            c_start = m.start("link")  # 'decision to resign': the infinitive
        elif link in _OF_LINKS and noun in _OF_NOUNS:
            c_start = m.end()
        else:
            continue
        if m["colon"]:
            end = text.find("\n", c_start)
        else:
            stop = _CLAUSE_END.search(text, c_start)
            end = stop.start() if stop else len(text)
            if link != "that":  # 'his call for a recount was denied': the phrase, not the verb
                verb = _MAIN_VERB.search(text, c_start, end)
                end = verb.start() if verb else end
        end = len(text) if end < 0 else end
        c_start, c_end = reported._trim(text, c_start, end)
        said = text[c_start:c_end].split()
        if not _MIN_WORDS <= len(said) <= _MAX_WORDS or said[0].lower() in _WHEN:
            continue  # 'his remarks on Saturday …': when, not what
        if any(abs(s - c_start) < 5 and abs(e - c_end) < 5 for s, e in taken):
            continue  # (an attribution around this one is kept beside it: 'X mocked Lee's claim')
        speaker, kind = attributor.resolve(mention, owner.start("np"))
        if not speaker:
            continue
        # the source as written: 'his', not the 'he' it resolves as; 'Lee', not "Lee's"
        own = len(np) if np.lower() in _POSSESSIVE_PRONOUNS else len(mention)
        cue_start = owner.end("np") + 1
        cue_end = m.end("noun") if link == "to" else m.end() - 1
        out.append(
            reported.RuleAttribution(
                kind=reported._kind(attributor, c_start, c_end),
                speaker=speaker,
                speaker_kind=kind,
                source=(owner.start("np"), owner.start("np") + own),
                cue=reported._trim(text, cue_start, cue_end),
                content=(c_start, c_end),
                rule="noun_cue",
            )
        )
    return out

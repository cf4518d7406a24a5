"""Articles for tests and benchmarks, made up here (no real news is shipped).

:func:`long_article` writes a plausible long report of any length, each paragraph different and
each sentence and quote said once, so a passage's place in the article is unambiguous.
"""

from __future__ import annotations

_TOPICS = ("the bridge repairs", "the school budget", "the new tram line", "the harbour dredging")
_PEOPLE = (
    ("Mayor", "Ana Ruiz"),
    ("council member", "Tom Berg"),
    ("city engineer", "Lena Holt"),
    ("union leader", "Marcus Okafor"),
    ("budget officer", "Priya Marsh"),
    ("resident", "Jonas Lindqvist"),
)
_VERBS = ("said", "told reporters", "added", "wrote in a statement", "said on Tuesday")


def long_article(words: int, title: str = "City council debates a decade of public works") -> str:
    """A news-like article of about ``words`` words, in paragraphs of 40-90 words; every
    fourth paragraph carries a quote with a named speaker, and no quote is repeated."""
    paragraphs = [title]
    count = len(title.split())
    i = 0
    while count < words:
        topic = _TOPICS[i % len(_TOPICS)]
        role, name = _PEOPLE[(i * 5 + i // 7) % len(_PEOPLE)]
        if i % 4 == 1:
            text = (
                f"“Paragraph {i} is where we explain {topic}, and item {i * 7 + 3} on the list "
                f"matters to every household in district {i % 12 + 1},” {role} {name} "
                f"{_VERBS[i % len(_VERBS)]}. The remark came after a long exchange about "
                f"costs that had been estimated at {10 + i} million dollars."
            )
        else:
            text = (
                f"In section {i} of the report, officials described {topic} in detail. Plan "
                f"{i} covers {3 + i % 9} sites and would take {2 + i % 5} years, according to "
                f"documents seen by this newspaper. Critics questioned whether the figure of "
                f"{100 + i * 3} jobs was realistic, while supporters pointed to project {i + 1} "
                f"that had finished on time and under budget in {1990 + i % 30}."
            )
        paragraphs.append(text)
        count += len(text.split())
        i += 1
    return "\n\n".join(paragraphs) + "\n"

"""Hard-wrapped text: lines broken at a fixed width inside paragraphs.

Plain-text news often comes wrapped at 70-80 columns (wire archives, e-mail, corpora such as
Gigaword, Markdown files). A line break there is not a paragraph's end, and read as one it cut
sentences and quotations in two: on 20 PolNeAR dev articles wrapped at 75 columns, the offline
engine found 90 quotes instead of 209. :func:`unwrap` gives the same text with each such soft
break turned into a space: the same length, so every offset found in it holds for the text.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

# what ends a paragraph's last line: a sentence's end, a closing quote mark or bracket, a colon
_ENDS = (".", "!", "?", ":", "”", "’", '"', "'", ")", "»")
# what opens a line that is a paragraph of its own: a list item, a Markdown heading or quote
_OWN_LINE = ("- ", "* ", "• ", "+ ", "# ", "## ", "### ", "> ", "|")


def unwrap(text: str) -> str:
    """``text`` with its soft line breaks as spaces when it is hard-wrapped, else ``text``
    itself. A text is hard-wrapped when nine lines in ten are 50 to 100 characters long and
    most lines followed by another end mid-sentence; a break is soft when its line is at least
    three fifths of that width and the next line is not a list item, a heading or a row of
    figures."""
    if text.count("\n") < 3:
        return text
    lines = text.split("\n")
    lengths = sorted(map(len, lines))  # (at C speed: most texts stop at the width's test)
    lengths = lengths[bisect_right(lengths, 0) :]  # the lines that are not empty
    if len(lengths) < 4:
        return text
    width = lengths[(len(lengths) * 9) // 10]
    if not 50 <= width <= 100:
        return text  # long lines: a paragraph a line (or too short to tell)
    followed = mid = 0
    for line, after in pairwise(lines):
        if line.strip() and after.strip():
            followed += 1
            mid += not line.rstrip().endswith(_ENDS)
    if followed < 3 or mid * 2 < followed:
        return text
    out, softened = [], False
    for line, after in pairwise(lines):
        out.append(line)
        stripped = line.rstrip()
        soft = (
            len(stripped) * 5 >= width * 3
            and after.strip() != ""
            and not after.lstrip().startswith(_OWN_LINE)
            and not stripped.lstrip().startswith(("#", "|"))
            and not after.lstrip()[:1].isdigit()  # a numbered item or a table's row
        )
        out.append(" " if soft else "\n")
        softened = softened or soft
    out.append(lines[-1])
    return "".join(out) if softened else text

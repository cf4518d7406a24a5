"""Articles of our own for the review-page tests: one full of HTML/JS injection attempts."""

from __future__ import annotations

_PROSE = (
    "The council met on Monday to discuss the budget for the coming year, and members spoke "
    "at length about roads, schools, the library and the new bridge over the river. "
) * 14

# Each line puts markup where the engines will quote it; enough prose around it that the
# input reader takes it for text (an article about markup), not for a web page.
INJECTION = (
    "Mayor Ann Lee said “<script>window.__pwned = 1; alert('script')</script> is what "
    "they typed into the form” on Monday.\r\n\r\n"  # Windows line ends, kept as they are
    + _PROSE
    + '\n\nCouncillor Bob Ray said “"><img src=x onerror="window.__pwned=2;alert(\'img\')"> '
    "was found in the comments” after the vote.\n\n"
    "A spokesman for the council said “</span></div><style>body{display:none}</style>"
    "<a href=\"javascript:alert('link')\">click</a> is not our code” to reporters.\n\n"
    'The auditor said “<iframe src="https://example.com/"></iframe> and '
    "<link rel=stylesheet href=https://example.com/x.css> load nothing here” in her report, "
    "and added that &lt;b&gt; entities stay as they are.\n"
)

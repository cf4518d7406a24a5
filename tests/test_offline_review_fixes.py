"""Fixes from a user-level review of the offline engine's output."""

import pytest

from summarizer.engines.offline.engine import build_offline

ARTICLE = (
    "Mayor Ana Ruiz spoke to reporters on Monday about the flood.\n\n"
    "“We are going to need more pumps,” Ruiz said, referring to the city’s request for "
    "federal help.\n\n"
    "“The river is still rising,” Ruiz said, warning that the east levee could fail by Friday.\n"
)


def _contents(text: str) -> list[str]:
    summary, _ = build_offline(text, input_name="t")
    return [a.content.text for a in summary.attributions]


def test_a_participle_after_the_cue_is_not_what_was_said() -> None:
    contents = _contents(ARTICLE)
    assert not [c for c in contents if c.startswith("referring")]
    assert "We are going to need more pumps" in contents


def test_a_participle_with_that_gives_its_statement() -> None:
    contents = _contents(ARTICLE)
    assert "the east levee could fail by Friday" in contents
    assert not [c for c in contents if c.startswith("warning")]


@pytest.mark.parametrize("mark", ["#", "##", "###"])
def test_a_markdown_heading_is_the_headline_without_its_marks(mark: str) -> None:
    text = f"{mark} Levee Holds as River Crests\n\n" + ARTICLE
    summary, _ = build_offline(text, input_name="t")
    assert summary.summary.headline == "Levee Holds as River Crests"
    assert "#" not in summary.summary.text  # nor in the summary or a key point
    assert not [kp for kp in summary.summary.key_points if "#" in kp.point]


def test_a_hashtag_title_keeps_its_hash() -> None:
    text = "#MeToo Rally Draws Thousands\n\n" + ARTICLE
    summary, _ = build_offline(text, input_name="t")
    assert summary.summary.headline == "#MeToo Rally Draws Thousands"


def test_quotes_around_a_participle_that_is_not_speech_stay_two_statements() -> None:
    text = (
        "Mayor Ana Ruiz spoke on Monday.\n\n"
        "“We need pumps,” Ruiz said, referring to the request. “We cannot wait.”\n"
    )
    contents = _contents(text)
    assert "We need pumps" in contents and "We cannot wait." in contents


def test_quotes_split_by_their_cue_stay_one_statement() -> None:
    text = "Mayor Ana Ruiz spoke on Monday.\n\n“We need pumps,” Ruiz said, “and sandbags.”\n"
    contents = _contents(text)
    assert len([c for c in contents if "pumps" in c]) == 1


LEAD = (
    "The Maple County council voted on Monday to buy four new pumps for the east levee. "
    "The pumps will cost $2 million and arrive before the winter storms. Residents of the "
    "harbour district had asked for them since the flood of 2019.\n"
)


def test_a_title_line_ending_with_a_period_is_the_headline_and_no_key_point() -> None:
    text = "Levee Vote: Maple County Council Backs New Pumps for the East Levee.\n\n" + LEAD
    summary, _ = build_offline(text, input_name="t")
    assert summary.summary.headline == (
        "Levee Vote: Maple County Council Backs New Pumps for the East Levee"
    )
    points = [k.point for k in summary.summary.key_points]
    assert points[0].startswith("The Maple County council voted")
    assert summary.summary.text.startswith("The Maple County council voted")


@pytest.mark.parametrize(
    "furniture",
    [
        "By Jane Reporter, 12 March 2024",
        "Also on rt.com Harbour pilots threatened with arrest over the levee protest",
        "Coming soon.@MapleCouncil meets the pilots.#LeveeTalks https://t.co/abc pic.twitter.com/x",
    ],
)
def test_page_furniture_is_never_a_key_point(furniture: str) -> None:
    text = (
        f"{furniture}\n\nThe Maple County council voted on Monday to buy four new pumps for the "
        "east levee.\n\nThe pumps will cost $2 million and arrive before the winter storms.\n"
    )
    summary, _ = build_offline(text, input_name="t")
    texts = [k.point for k in summary.summary.key_points]
    texts += [summary.summary.text, summary.summary.headline]
    assert not [t for t in texts if furniture[:12] in t]


def test_a_sentence_opening_with_by_is_not_a_byline() -> None:
    text = (
        "The council met on Monday.\n\nBy Monday evening, the Maple County council had voted to "
        "buy four new pumps for the east levee.\n"
    )
    summary, _ = build_offline(text, input_name="t")
    assert any(k.point.startswith("By Monday evening") for k in summary.summary.key_points)


def test_a_chinese_article_s_headline_is_its_first_sentence() -> None:
    text = (
        "北京市政府今天宣布新的防洪计划，将在明年完成所有堤坝的修复工作。"
        "市长说：“我们会修好堤坝。”居民很高兴！"
    )
    summary, _ = build_offline(text, input_name="t")
    assert summary.summary.headline.startswith("北京市政府今天宣布新的防洪计划")
    assert "市长" not in summary.summary.headline

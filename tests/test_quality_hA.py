"""Speakers of quotes in the offline engine: constructions of general news prose found on
articles the rules were not developed on, each on a passage written for these tests."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor


def quotes(text: str) -> list[tuple[str, str]]:
    """(speaker, quoted words) of every quote."""
    return [(q.speaker, text[q.start : q.end]) for q in Attributor(text).quotes()]


# -- 'the judge' is not a person named near the word in another sentence or clause --------------


def test_a_role_is_not_the_person_it_speaks_of() -> None:
    text = (
        "The judge ordered the Harbour Inn closed for three months. Adaeze Okafor, 43, of Quay "
        "Street, was charged with serving drinks after hours. The judge said Ms Okafor, who "
        "holds the licence, had “a terrible record”."
    )
    assert quotes(text) == [("The judge", "a terrible record")]


def test_an_abbreviated_title_gives_the_role() -> None:
    text = (
        "Sen. Ana Ruiz (D-Ore.) voted against the highway bill on Monday, breaking with most of "
        "her party over its cost. The senator said the bill was “a gift to the road lobby”."
    )
    assert quotes(text) == [("Ana Ruiz", "a gift to the road lobby")]


# -- the sex a courtesy title gives a surname is the full name's ---------------------------------


def test_he_is_not_the_woman_a_title_later_marks() -> None:
    text = (
        "Adaeze Okafor, 43, runs the Harbour Inn with Tomas Berg. “We were only cleaning up,” "
        "Ms Okafor said. The court heard the bar had stayed open until 5am. “This was as bad a "
        "case as I have seen,” he said."
    )
    got = quotes(text)
    assert got[0] == ("Adaeze Okafor", "We were only cleaning up")
    assert got[1][0] != "Adaeze Okafor"


def test_a_title_before_the_full_name_is_someone_elses() -> None:
    # (a guard of the rule above) 'Mr Pring's mother, Irene Pring': the title is the son's
    for lead in ("The body of Mr Pring", "The body of Mr Pring, whom friends called Tam Pring,"):
        text = (
            f"{lead} was found in Kiev in 2008. His mother, Irene Pring, said the police had "
            "failed him. Mr Pring had no enemies. She said: “We are sure it was no accident.”"
        )
        assert quotes(text) == [("Irene Pring", "We are sure it was no accident.")]


# -- a pronoun is the subject of the sentences before, not a man they speak of -----------------


def test_he_is_the_surname_that_opens_the_sentence_before() -> None:
    text = (
        "Oren Castell has said he wants the coaching post after the sacking on Monday of "
        "director Paul Berger. Castell, who played 80 games for the club, has not yet been "
        "approached. But he said: “If they call, I will answer.”"
    )
    assert quotes(text) == [("Oren Castell", "If they call, I will answer.")]


def test_she_is_the_surname_after_an_opening_phrase() -> None:
    for opening in ("As it turned out, Vell had", "Vell, who runs the harbour trust, had"):
        text = (
            "Mary Vell met Kate Adler at the harbour on Tuesday. Adler praised the new ferry, "
            f"which the firm of Kate Adler built. {opening} other plans for the money. “We "
            "need a bridge, not a boat,” she said."
        )
        assert quotes(text) == [("Mary Vell", "We need a bridge, not a boat")]


# -- a titled surname opening a sentence is the sentence's subject -------------------------------


def test_a_titled_surname_opening_a_sentence_is_its_subject() -> None:
    # (the space after the full stop lost, as scrapers lose it: '17 years.Mr Breck')
    text = (
        "Nora Tate thanked the members on Thursday. The chamber had earlier heard a farewell "
        "speech by Scottish Labour backbencher Colm Breck, who is stepping down after 17 "
        "years.Mr Breck used his address to warn that the chamber had lessons to learn. He "
        "said: “We must be ready for that challenge.”"
    )
    assert quotes(text) == [("Colm Breck", "We must be ready for that challenge.")]
    text = (
        "Dr Oskar Varga leads the lab, where Jon Marsh once worked. Marsh dismissed the early "
        "results as work “a child could do”. Dr Varga will have expected that. “We are going "
        "to change how medicine is made,” he said."
    )
    assert quotes(text)[1] == ("Oskar Varga", "We are going to change how medicine is made")


def test_he_is_not_a_speaker_titled_ms() -> None:
    text = (
        "“We will miss him,” Ms Tarrow said of the retiring member. Mr Breck's wife watched "
        "from the gallery as the session ended. “It will be this chamber's duty to hold the "
        "government to account,” he said."
    )
    got = quotes(text)
    assert got[0] == ("Ms Tarrow", "We will miss him")
    assert got[1][0] != "Ms Tarrow"


def test_he_after_a_titled_surname_is_the_full_name_quoted_before() -> None:
    # 'Mr Haddad' opening a sentence after 'Samir al-Haddad' is quoted: he, named in full
    text = (
        "Deputy Interior Minister Samir al-Haddad told reporters the convoy was “doing its "
        "best” to arrive on time. Mr Haddad said the trucks had come under fire twice. “We "
        "sent two convoys to the coast,” he said."
    )
    assert quotes(text) == [
        ("Samir al-Haddad", "doing its best"),
        ("Samir al-Haddad", "We sent two convoys to the coast"),
    ]


# -- a school year in a description ---------------------------------------------------------


def test_a_school_year_in_a_description_keeps_its_speaker() -> None:
    lead = "Ana Ruiz runs the scheme. “It is going well,” she said. "
    text = (
        lead + "Most pupils enjoyed the trip, although one Year 3 student told the local paper "
        "that they “were a bit scared of heights so the ground would be better”."
    )
    assert quotes(text)[1] == (
        "one Year 3 student",
        "were a bit scared of heights so the ground would be better",
    )
    text = lead + "One Year 3 student told the paper: “I was scared of heights.”"
    assert quotes(text)[1] == ("One Year 3 student", "I was scared of heights.")


def test_a_surname_after_a_lowercase_role_is_the_person_named_before() -> None:
    text = (
        "Tomas Berg was named captain of Harbour Rovers on Friday. Ex-Rovers and City defender "
        "Berg, who returned to the club last summer, added: “It is a great honour.”"
    )
    assert quotes(text) == [("Tomas Berg", "It is a great honour.")]


def test_she_is_not_a_man_an_earlier_he_stood_for() -> None:
    # (no first name here that the lists know: 'he' is what tells Tam Okoro's sex)
    text = (
        "Rina Vosk spent a year writing songs after the surgery.\n\n"
        "Filmmaker Tam Okoro, her son, also remembers it as a trying time. “It was a strange "
        "year for all of us,” he said.\n\n"
        "The actress was not looking for a new career. “I had always liked music, but never "
        "like this,” she said."
    )
    assert quotes(text)[1] == ("Rina Vosk", "I had always liked music, but never like this")


# -- 'with X saying': the subject of 'with' speaks -------------------------------------------


def test_the_subject_of_with_and_a_participle_speaks() -> None:
    text = (
        "The report quoted critics like Colin Yeo and campaigner Caitlin Boswell, with "
        "Boswell stating: “People fleeing danger need quicker decisions.”"
    )
    assert quotes(text) == [("Caitlin Boswell", "People fleeing danger need quicker decisions.")]
    text = "The council met on Monday, with one official saying: “We are not ready for this.”"
    assert quotes(text) == [("one official", "We are not ready for this.")]
    text = "Ana Ruiz attacked the plan on Monday, saying: “It is a disaster for the town.”"
    assert quotes(text) == [("Ana Ruiz", "It is a disaster for the town.")]
    text = "Ana Ruiz sided with Tom Berg saying “We must act now on this.”"
    assert quotes(text) == [("Ana Ruiz", "We must act now on this.")]


def test_an_honour_before_a_first_name_is_the_person_named_in_full() -> None:
    text = (
        "Trust chairman Sir Peter Lampl said the report was bleak. Sir Peter said: “Real "
        "apprenticeships matter as much as degrees.”"
    )
    assert quotes(text) == [("Sir Peter Lampl", "Real apprenticeships matter as much as degrees.")]
    text = "Dame Emma Kirkby sang first. Dame Emma said: “It was a joy.”"
    assert quotes(text) == [("Dame Emma Kirkby", "It was a joy.")]


# -- 'the Republican nominee': the role is the head, its qualifiers hold near the name ---------


def test_a_described_role_is_its_head_with_its_qualifiers() -> None:
    text = (
        "The race pits Republican presidential nominee Mary Ruiz against Democrat Tom Berg. "
        "Ruiz's running mate, Republican Gov. Ivan Petrov, spoke at the harbour on Monday "
        "morning to a small crowd. The Republican nominee promised a “new deal for the coast”."
    )
    assert quotes(text) == [("Mary Ruiz", "new deal for the coast")]


def test_a_role_and_his_aides_is_no_one_person() -> None:
    text = (
        "The race pits Republican presidential nominee Mary Ruiz against Democrat Tom Berg. "
        "Berg praised host Ivan Petrov, who took heat for his questions to the Republican "
        "candidate at a forum. The Republican nominee and her aides have called the debate "
        "“a trap for the unwary”."
    )
    assert quotes(text) == [("The Republican nominee and her aides", "a trap for the unwary")]


def test_a_surname_given_to_someone_else_is_seen_at_the_article_s_first_word_too() -> None:
    from summarizer.engines.offline.attribution import Context

    for opening in ("Okafor", "Barry Okafor"):
        text = f"{opening} won the race. Adaeze Okafor came second. Ms Okafor said it was close."
        ctx = Context(text)
        assert ctx._one_bearer("Okafor", "Adaeze Okafor") == (opening == "Okafor")
    text = "Okafor spoke first. Later Barry Okafor and Adaeze Okafor spoke. Ms Okafor left."
    assert Context(text)._one_bearer("Okafor", "Adaeze Okafor") is False

from kb.extract.sentences import split_sentences


def texts(t):
    return [s.text for s in split_sentences(t)]


def test_offsets_slice_the_document():
    text = "First one here. Second one!\n\n  Third line without a stop\nFourth? Yes."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    assert texts(text) == ["First one here.", "Second one!", "Third line without a stop", "Fourth?", "Yes."]


def test_abbreviations_and_initials_do_not_split():
    assert texts("Dr. Ann Lee met U.S. officials on Jan. 5. They agreed.") == [
        "Dr. Ann Lee met U.S. officials on Jan. 5.",
        "They agreed.",
    ]
    assert texts("The book by J. K. Rowling sold well. It was long.") == [
        "The book by J. K. Rowling sold well.",
        "It was long.",
    ]


def test_german_ordinals_do_not_split():
    assert texts("Er wurde am 6. Mai 2025 gewählt. Sie ist die 14. Präsidentin.") == [
        "Er wurde am 6. Mai 2025 gewählt.",
        "Sie ist die 14. Präsidentin.",
    ]


def test_glued_sentences_from_scraping_are_split_but_domains_are_not():
    assert texts("He left early.Most people stayed.") == ["He left early.", "Most people stayed."]
    assert texts("It met Merkel.afterwards everyone went home.") == ["It met Merkel.", "afterwards everyone went home."]
    assert texts("She told Lenta.ru and example.com about it.") == ["She told Lenta.ru and example.com about it."]


def test_quotes_close_the_sentence():
    assert texts('"We will win," she said. "Really?" He laughed.') == [
        '"We will win," she said.',
        '"Really?"',
        "He laughed.",
    ]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []

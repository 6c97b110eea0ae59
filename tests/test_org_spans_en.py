"""English organisation names kb's data spells out where NER cuts or misses them (issue #18): a
ministry named after a portfolio of the title grammar, a chamber's short form after "the", a
Sunday newspaper whose "Sunday" NER reads as a date. Each rule with cases it must leave alone.

Sentences are written for these tests; entity spans are set on real spaCy Docs of the English
pipeline (tokens and tags from the model), so a test does not hang on what NER guesses.
"""

from __future__ import annotations

import pytest

from helpers.en_docs import org_mentions, with_ents
from kb.extract.mentions import ner_mentions
from kb.extract.org_spans_en import chambers, ministry_spans
from kb.model import Sentence


def _orgs(nlp, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, name) of the organisation mentions of one sentence."""
    return [(m.text, m.name or m.text) for m in org_mentions(nlp, text, ents)]


# --- ministries named after a portfolio ------------------------------------------------------

@pytest.mark.parametrize("text, ents, name", [
    # NER cut the name at "and": the grammar's portfolio "work and pensions" joins it
    ("A Department for Work and Pensions spokesman said the forms would change.",
     [("Department for Work", "ORG"), ("Pensions", "ORG")], "Department for Work and Pensions"),
    # commas between the portfolio's words; NER tagged only two of them
    ("Officials at the Department for Culture, Media and Sport were not told.",
     [("Media", "ORG"), ("Sport", "ORG")], "Department for Culture, Media and Sport"),
    # NER missed the ministry altogether
    ("The Ministry of Trade and Industry will publish the figures in May.", [], "Ministry of Trade and Industry"),
])
def test_ministry_grows_over_its_portfolio(en_nlp, text, ents, name):
    assert [t for t, _ in _orgs(en_nlp, text, ents)] == [name]


@pytest.mark.parametrize("text, ents", [
    # "widgets and gadgets" is no portfolio kb knows: NER's spans stay
    ("The Department for Widgets and Gadgets Ltd replied.", [("Department for Widgets", "ORG"), ("Gadgets Ltd", "ORG")]),
    # a second body after the portfolio: "trade and norvale ..." is no portfolio
    ("The Ministry of Trade and Norvale Motors signed a deal.", [("Ministry of Trade", "ORG"), ("Norvale Motors", "ORG")]),
])
def test_ministry_leaves_other_names_alone(en_nlp, text, ents):
    assert [t for t, _ in _orgs(en_nlp, text, ents)] == [e for e, _ in ents]


def test_ministry_spans_need_a_capitalised_head(en_nlp):
    doc = en_nlp("Her department for work and pensions questions was busy.")
    assert ministry_spans(doc) == []


# --- a chamber's short form ------------------------------------------------------------------

def test_the_commons_is_the_house_of_commons(en_nlp):
    assert _orgs(en_nlp, "In the Commons, the minister was asked about the delay.", []) == [
        ("Commons", "House of Commons")]
    assert _orgs(en_nlp, "Last week the Lords rejected the plan again.", []) == [("Lords", "House of Lords")]


def test_a_tagged_short_form_takes_the_full_name(en_nlp):
    assert _orgs(en_nlp, "He told the Commons that it was wrong.", [("Commons", "ORG")]) == [
        ("Commons", "House of Commons")]
    doc = with_ents(en_nlp, "In the Commons, the minister said no.", [("Commons", "NORP")])  # NER's "people"
    found = [m for m in ner_mentions(Sentence(0, 0, len(doc.text), doc.text, "en"), doc) if m.type == "organization"]
    assert [(m.name, m.label) for m in found] == [("House of Commons", "ORG")]


@pytest.mark.parametrize("text, ents", [
    ("The Commons transport committee met on Monday.", []),         # a modifier: the committee is the body
    ("He spoke in the House of Commons on Friday.", [("the House of Commons", "ORG")]),  # NER has the name
    ("Commons rules were changed.", []),                              # no "the": no chamber meant
])
def test_chamber_short_form_left_alone(en_nlp, text, ents):
    assert all(name != "House of Commons" or text_ != "Commons" for text_, name in _orgs(en_nlp, text, ents))
    assert sum(name == "House of Commons" for _, name in _orgs(en_nlp, text, ents)) == len(ents)


def test_chambers_table_maps_short_forms():
    assert chambers()["Commons"] == "House of Commons"


# --- a Sunday newspaper ----------------------------------------------------------------------

def test_sunday_joins_the_newspaper_name(en_nlp):
    text = "The memoir by Sunday Chronicle journalist Jane Roe sold well."
    ents = [("Sunday", "DATE"), ("Chronicle", "ORG"), ("Jane Roe", "PERSON")]
    assert [t for t, _ in _orgs(en_nlp, text, ents)] == ["Sunday Chronicle"]
    text = "The Sunday Chronicle said the talks had failed."
    assert [t for t, _ in _orgs(en_nlp, text, [("Sunday", "DATE"), ("Chronicle", "ORG")])] == ["Sunday Chronicle"]


@pytest.mark.parametrize("text", [
    "On Sunday Norvale said it would sell the plant.",
    "Until Sunday Norvale had refused to talk.",
])
def test_sunday_as_the_day_stays_out(en_nlp, text):
    assert [t for t, _ in _orgs(en_nlp, text, [("Sunday", "DATE"), ("Norvale", "ORG")])] == ["Norvale"]


def test_sunday_paper_ner_read_as_a_person(en_nlp):
    text = "However, the Sunday Chronicle report added that talks went on."
    assert [t for t, _ in _orgs(en_nlp, text, [("Sunday", "DATE"), ("Chronicle", "PERSON")])] == ["Sunday Chronicle"]


def test_chamber_before_a_persons_name(en_nlp):
    text = "Shadow leader of the Commons Jane Roe said it was late."
    assert ("Commons", "House of Commons") in _orgs(en_nlp, text, [("Jane Roe", "PERSON")])


# --- a nation's body NER tagged by its adjective ---------------------------------------------

@pytest.mark.parametrize("text, ents, name", [
    ("The Scottish Executive said ministers would be told.", [("Scottish", "NORP")], "Scottish Executive"),
    ("Members of the Ruritanian Assembly voted on Monday.", [("Ruritanian", "NORP")], "Ruritanian Assembly"),
])
def test_a_nations_body_grows_over_its_noun(en_nlp, text, ents, name):
    assert [t for t, _ in _orgs(en_nlp, text, ents)] == [name]


@pytest.mark.parametrize("text, ents", [
    ("The Scottish executive Jane Roe said so.", [("Scottish", "NORP"), ("Jane Roe", "PERSON")]),  # lower case: a role
    ("The Scottish Government said so.", [("Scottish", "NORP")]),      # "government" is the state, no body name
    ("Scottish Widows said profits rose.", [("Scottish", "NORP")]),  # no body noun
])
def test_a_nations_body_needs_a_capitalised_body_noun(en_nlp, text, ents):
    assert not any(t.startswith("Scottish ") for t, _ in _orgs(en_nlp, text, ents))


# --- an organisation span without a capital letter -------------------------------------------

@pytest.mark.parametrize("text, surface", [
    ("A spokesman said the transport department would reply.", "transport department"),
    ("He was wearing blue trousers and a cap.", "blue trousers"),
    ("Rebates totalled 310bn yuan last year.", "310bn yuan"),
])
def test_an_org_span_without_a_capital_is_no_name(en_nlp, text, surface):
    assert _orgs(en_nlp, text, [(surface, "ORG")]) == []


def test_an_org_name_with_a_capital_stays(en_nlp):
    assert _orgs(en_nlp, "The eBay auction closed.", [("eBay", "ORG")]) == [("eBay", "eBay")]


# --- a sentence's capital is no name ---------------------------------------------------------

def _typed(nlp, sentences: list[tuple[str, list[tuple[str, str]]]]) -> list[str]:
    """Texts of the mentions left after ``correct_types`` over the sentences of one document."""
    from kb.extract.entity_types import correct_types
    from kb.model import Mention

    parsed, pos = [], 0
    for i, (text, spans) in enumerate(sentences):
        sent = Sentence(i, pos, pos + len(text), text, "en")
        mentions = [Mention(s, "organization", pos + text.index(s), pos + text.index(s) + len(s), i, label=lab)
                    for s, lab in spans]
        parsed.append((sent, nlp(text), mentions))
        pos += len(text) + 1
    correct_types(parsed)
    return [m.text for _, _, ms in parsed for m in ms]


def test_a_sentence_capital_the_text_writes_in_lower_case_is_no_name(en_nlp):
    assert _typed(en_nlp, [("Rent levels rose again in May.", [("Rent", "ORG")]),
                           ("Agents said rent levels would fall.", [])]) == []


@pytest.mark.parametrize("sentences", [
    # an organisation cue: the company named after a common word
    [("Pebble profits rose in May.", [("Pebble", "ORG")]), ("Buyers liked pebble beaches.", [])],
    # the word is capitalised inside a sentence too
    [("Pebble said profits rose.", [("Pebble", "ORG")]), ("Buyers like Pebble and pebble beaches.", [])],
    # never written in lower case
    [("Pebble said profits rose.", [("Pebble", "ORG")]), ("Buyers were pleased.", [])],
    # a state body's noun
    [("Parliament will vote in May.", [("Parliament", "ORG")]), ("The parliament is split.", [])],
])
def test_sentence_capitals_that_stay(en_nlp, sentences):
    assert _typed(en_nlp, sentences) == [sentences[0][1][0][0]]

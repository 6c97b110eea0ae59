"""Holder and status rules added for unseen news (the BBC corpus without gold): sentences
written for these tests, with sentences the rules must not fire on (real English model;
skipped when absent).

The small English model often tags a full personal name ORG right after a title ("Lib Dem
Treasury spokesman [Vince Cable]ORG"). That error is not reproducible with made-up names, so
the tests that need it add an entity ruler after the model's NER which tags the given names
ORG, the way the model does on real text."""

from __future__ import annotations

import pytest

from helpers.facts import tenures
from helpers.mislabel import english_with_labels

PUBLISHED = "2025-03-14"


@pytest.fixture(scope="module")
def org_tagging_nlp():
    """The English model plus a ruler that tags these personal names (and companies) ORG."""
    return english_with_labels({text: "ORG" for text in (
        "Wendell Pryor", "Nadia Ferrand", "Osric Vale", "Halvard Group", "Norway Telecom", "Ostby Bank",
        "Brindle Marsh")})


@pytest.mark.parametrize("text,key", [
    ("Liberal Democrat transport spokesman Wendell Pryor criticised the rail plans on Monday.",
     ("Wendell Pryor", "transport spokesman", "Liberal Democrats")),
    ("Former Acme boss Nadia Ferrand is due in court next week.", ("Nadia Ferrand", "boss", "Acme")),
    ("Tindall Bank chief executive Osric Vale said profits had doubled.",
     ("Osric Vale", "chief executive officer", "Tindall Bank")),
])
def test_title_before_a_name_tagged_org(org_tagging_nlp, text, key):
    assert key in tenures(org_tagging_nlp, text, PUBLISHED)


@pytest.mark.parametrize("text", [
    "Acme's owner Halvard Group says it will appeal.",  # an organisation head word
    "Profits rose at owner Norway Telecom last year.",  # a country in the name, a generic role with no org
    "Vivendi adviser Ostby Bank was fined.",
    "The deal was struck with market leader Brindle Marsh.",  # generic role, no organisation
])
def test_org_after_a_role_stays_an_org(org_tagging_nlp, text):
    people = {k[0] for k in tenures(org_tagging_nlp, text, PUBLISHED)}
    assert not people & {"Halvard Group", "Norway Telecom", "Ostby Bank", "Brindle Marsh"}


@pytest.mark.parametrize("text,key", [
    ("Green Party Holyrood leader Maggie Fenwick welcomed the vote.", ("Maggie Fenwick", "leader", "Green Party")),
    ("The Green Party's Westminster leader, Maggie Fenwick, welcomed the vote.",
     ("Maggie Fenwick", "leader", "Green Party")),
])
def test_chamber_nickname_between_party_and_post(en_nlp, text, key):
    assert key in tenures(en_nlp, text, PUBLISHED)


# --- a bare ministerial title before a name: the document's country -----------------------------

BRITISH_STORY = ("The Tories attacked the plans in the Commons on Tuesday. Downing Street said the Home Office "
                 "would publish the figures. {} The row over the war in Iraq went on.")


@pytest.mark.parametrize("sentence,name,status", [
    ("Former minister Harriet Vane said the figures were misleading.", "Harriet Vane", "former"),
    ("The rally was joined by ex-minister Harriet Vane and two councillors.", "Harriet Vane", "former"),
    ("Meanwhile, minister Harriet Vane said the figures would be published.", "Harriet Vane", "current"),
])
def test_bare_minister_title_takes_the_story_country(en_nlp, sentence, name, status):
    found = tenures(en_nlp, BRITISH_STORY.format(sentence), PUBLISHED)
    assert found[(name, "minister", "United Kingdom")].status == status


@pytest.mark.parametrize("sentence", [
    "Meanwhile, the union leader Harriet Vane said the figures were misleading.",  # described: no document post
    "Former minister Harriet Vane said the figures were misleading.",  # no country in the story
])
def test_bare_title_without_a_document_org_gives_nothing(en_nlp, sentence):
    text = sentence if "minister" in sentence else BRITISH_STORY.format(sentence)
    assert not {k for k in tenures(en_nlp, text, PUBLISHED) if k[0] == "Harriet Vane"}


# --- "the former ROLE" is not the person the text names with that post now ---------------------

def test_former_description_does_not_end_a_named_current_post(en_nlp):
    text = ("A court has ruled that the sale of a mill to a cousin of the former president was unlawful. "
            "President Tomas Ravel, elected in March, wants to review the sales.")
    found = tenures(en_nlp, text, PUBLISHED)
    assert found[("Tomas Ravel", "president", None)].status == "current"


def test_former_description_still_resolves_to_a_past_holder(en_nlp):
    text = ("Robin Pellow criticised the government on Monday. "
            "The former cabinet secretary said ministers relied too much on advisers.")
    found = tenures(en_nlp, text, PUBLISHED)
    assert any(k[0] == "Robin Pellow" and k[1] == "cabinet secretary" and t.status == "former" for k, t in found.items())


# --- "ex-PARTY ROLE", British judicial posts ----------------------------------------------------

def test_ex_party_title_names_the_party_without_its_dash(en_nlp):
    from kb.extract.roles import find_roles

    doc = en_nlp("Ex-Labour leader Bryn Tallis said the plan would fail.")
    m = next(m for m in find_roles(doc) if m.role == "leader")
    assert m.org_name != "-Labour" and "Labour" in (m.org_name or "") and m.status_cue == "former"


@pytest.mark.parametrize("text,key", [
    ("The Lord Chief Justice, Lord Harwell, said sentences would be reviewed.", ("Harwell", "lord chief justice")),
    ("The director of public prosecutions, Edwina Marsh, says few cases reach court.",
     ("Edwina Marsh", "director of public prosecutions")),
])
def test_british_judicial_posts(en_nlp, text, key):
    assert key in {(k[0].replace("Lord ", ""), k[1]) for k in tenures(en_nlp, text, PUBLISHED)}


# --- status: keeping a post, taking one up as a gerund, considering one -------------------------

@pytest.mark.parametrize("text,key,status", [
    ("Petra Lund will remain as chief executive of Halden Foods.",
     ("Petra Lund", "chief executive officer", "Halden Foods"), "current"),
    ("Petra Lund, who will remain as Halden Foods chief executive, welcomed the bid.",
     ("Petra Lund", "chief executive officer", "Halden Foods"), "current"),
    ("Mr Lund spent a year on the backbenches between stepping down as health secretary and becoming "
     "Labour's campaign chief.", ("Lund", "campaign chief", "Labour"), "current"),
])
def test_status_of_kept_and_taken_up_posts(en_nlp, text, key, status):
    assert tenures(en_nlp, text, PUBLISHED)[key].status == status


def test_considering_a_post_is_no_tenure(en_nlp):
    text = "Officials denied that Mr Lund was considering becoming foreign secretary."
    assert not {k for k in tenures(en_nlp, text, PUBLISHED) if k[1] == "foreign secretary"}


# --- quotation marks in paragraphs joined into one line ----------------------------------------

def test_quote_reopened_for_a_new_paragraph_does_not_flip_the_rest_of_the_line():
    from kb.extract.mentions import in_ranges, quoted_ranges

    text = ('She called the plan "a mistake". "We will fight it. "Nobody asked us and nobody listened." '
            'Mr Hale said he wanted "a fair hearing" first. Rosa Imrie, head of the Tenants Union, agreed.')
    ranges = quoted_ranges(text)
    assert in_ranges(text.index("We will"), ranges) and in_ranges(text.index("Nobody"), ranges)
    assert in_ranges(text.index("a fair hearing"), ranges)
    assert not in_ranges(text.index("Rosa Imrie"), ranges) and not in_ranges(text.index("Mr Hale"), ranges)


def test_narration_after_a_reopened_quote_gives_its_tenure(en_nlp):
    text = ('The minister said the rules were "unfair". "They must change. "Families deserve better." '
            'Rosa Imrie, chief executive of the Tenants Union, said the plan would fail.')
    assert ("Rosa Imrie", "chief executive officer", "Tenants Union") in tenures(en_nlp, text, PUBLISHED)


def test_his_party_leader_is_no_party_named_his(en_nlp):
    text = ("The Tories want lower taxes, the Tory MP said. His party leader, Michael Dunne, argued for cuts.")
    assert not any(k[2] == "His Party" for k in tenures(en_nlp, text, PUBLISHED))


# --- a post whose name is one country's, in a story naming several countries -------------------

def test_foreign_secretary_is_british_in_a_story_naming_several_countries(en_nlp):
    text = ("Japan, Germany and Canada have pledged more aid. Britain will match the sum. "
            "Foreign Secretary Imogen Lusk said the number of Britons missing had risen.")
    assert ("Imogen Lusk", "foreign secretary", "United Kingdom") in tenures(en_nlp, text, PUBLISHED)


def test_prime_minister_stays_open_in_a_story_naming_several_countries(en_nlp):
    text = ("Japan, Germany and Canada have pledged more aid. Britain will match the sum. "
            "Prime Minister Imogen Lusk said the number of Britons missing had risen.")
    assert not any(k[0] == "Imogen Lusk" and k[2] is not None for k in tenures(en_nlp, text, PUBLISHED))


# --- a date inside a quotation is the speaker's, not the post's --------------------------------

def test_date_in_a_quote_does_not_end_the_speakers_post(en_nlp):
    text = '"We will not see growth return until 2007," Dutch finance minister Karel Hoek said.'
    t = tenures(en_nlp, text, PUBLISHED)[("Karel Hoek", "finance minister", "Netherlands")]
    assert t.end is None and t.status == "current"


def test_date_outside_quotes_still_dates_the_post(en_nlp):
    text = 'Karel Hoek, finance minister until 2003, said: "Growth will return."'
    t = tenures(en_nlp, text, PUBLISHED)[("Karel Hoek", "finance minister", None)]
    assert t.end is not None and t.end.value == "2003"


@pytest.mark.parametrize("title,role", [
    ("chief medical officer", "chief medical officer"),
    ("chief operations officer", "chief operations officer"),
])
def test_chief_officer_titles(en_nlp, title, role):
    text = f"Halden Foods' {title} Petra Lund said the results were strong."
    assert ("Petra Lund", role, "Halden Foods") in tenures(en_nlp, text, PUBLISHED)


# --- the holder's own name before an apposition is no owner of the post ------------------------

def test_apposed_mp_takes_the_story_country(en_nlp):
    text = ("The Tories attacked the plans in the Commons. "
            "But Rhys Talbot, Labour MP for Northby, said the issue would soon disappear.")
    assert ("Rhys Talbot", "member of parliament", "United Kingdom") in tenures(en_nlp, text, PUBLISHED)


def test_first_minister_heads_the_one_devolved_nation_the_story_names(en_nlp):
    text = ("Smoking will be banned in pubs across Wales from next year. "
            "First Minister Owain Pryce said the ban would save lives.")
    assert ("Owain Pryce", "first minister", "Wales") in tenures(en_nlp, text, PUBLISHED)


def test_first_minister_stays_open_when_the_story_names_two_nations(en_nlp):
    text = ("Smoking will be banned in pubs in Wales and Scotland. "
            "First Minister Owain Pryce said the ban would save lives.")
    assert ("Owain Pryce", "first minister", None) in tenures(en_nlp, text, PUBLISHED)

"""Status and organisation of English tenures from cues beyond the role's own words: a post taken
up in the past is held now, present/past verbs before "as", a time-limited past copula, deaths
stated without a date, titles in a dated past narrative, the country that has a post, the
company a story is about, a party before a party post. Sentences written for these tests; real
English model (skipped when absent)."""

from __future__ import annotations

import pytest

from helpers.facts import tenures


def _one(t, person, role):
    hit = [x for (p, r, _), x in t.items() if p == person and r == role]
    assert hit, sorted(t)
    return hit[0]


# --- a post taken up in the past is held now (claims._still_held) ------------------------------

def test_appointment_in_the_past_is_current(en_nlp):
    t = tenures(en_nlp, "Nadia Berrow was appointed chief executive of Halden Bank in May 2003 after a long career.")
    assert _one(t, "Nadia Berrow", "chief executive officer").status == "current"


def test_superlative_first_election_stays_unknown(en_nlp):
    t = tenures(en_nlp, "Colin Mabry was first elected in 1987 as the youngest MP in the country.")
    assert all(x.status == "unknown" for x in t.values())


def test_later_post_at_the_same_company_supersedes_the_first(en_nlp):
    t = tenures(en_nlp, "Lena Ford was appointed finance director of Corvell Group in 2004. "
                        "She was appointed chief executive of Corvell Group in 2011.")
    assert _one(t, "Lena Ford", "finance director").status == "former"
    assert _one(t, "Lena Ford", "chief executive officer").status == "current"


def test_an_announced_appointment_stays_unknown(en_nlp):
    t = tenures(en_nlp, "Rhys Arden is to become chairman of Lantern Foods in 2031.")
    assert _one(t, "Rhys Arden", "chairman").status == "unknown"


# --- verbs before "as ROLE" and time limiters (context.tense_status) -------------------------

def test_present_tense_verb_before_as_is_current(en_nlp):
    t = tenures(en_nlp, "The former minister Ivo Drake earns most of his income as a director of Hollin Steel.")
    assert _one(t, "Ivo Drake", "director").status == "current"


def test_held_before_as_is_former(en_nlp):
    t = tenures(en_nlp, "During the war years Petra Lind held several posts, serving as a diplomat and as trade spokesman.")
    assert all(x.status == "former" for (p, _, _), x in t.items() if p == "Petra Lind")


def test_past_copula_limited_to_a_time_says_nothing_of_now(en_nlp):
    t = tenures(en_nlp, "Alan Tierney was permanent secretary during the passport scandal.")
    assert _one(t, "Alan Tierney", "permanent secretary").status == "unknown"


def test_plain_past_copula_is_former(en_nlp):
    t = tenures(en_nlp, "Alan Tierney was permanent secretary at the ministry.")
    assert _one(t, "Alan Tierney", "permanent secretary").status == "former"


# --- deaths without a date, titles in history (rules/status.py) ---------------------------------

def test_a_stated_death_ends_every_post(en_nlp):
    text = ("Former home secretary Lord Penrose, who led the Harwick inquiry, has died aged 88. "
            "Hugh Penrose was chairman of Talbot Mills.")
    t = tenures(en_nlp, text)
    assert t and all(x.status == "former" for (p, _, _), x in t.items() if p == "Hugh Penrose")


def test_a_relatives_death_ends_nothing(en_nlp):
    t = tenures(en_nlp, "Hugh Penrose is chairman of Talbot Mills. His father died in the war.")
    assert _one(t, "Hugh Penrose", "chairman").status == "current"


@pytest.mark.parametrize("text", [
    "Mr Oduya could have died in the crash. He is chairman of Pell Airways.",
    "Mr Oduya nearly died in the crash. He is chairman of Pell Airways.",
])
def test_irrealis_deaths_end_nothing(en_nlp, text):
    assert all(x.status == "current" for x in tenures(en_nlp, text).values())


def test_title_in_a_dated_past_narrative_is_former(en_nlp):
    text = ("The merchant was pardoned by President Amos Hale in 1911. "
            "Historians discussed the pardon at a meeting in 2004.")
    assert _one(tenures(en_nlp, text), "Amos Hale", "president").status == "former"


def test_title_in_the_texts_present_stays_current(en_nlp):
    text = "The bill was signed by President Ruth Kell in 2003. It takes effect in 2004."
    assert _one(tenures(en_nlp, text), "Ruth Kell", "president").status == "current"


# --- organisations: the country that has the post, the story's company, a party -----------------

def test_a_chancellor_in_a_story_naming_two_countries_is_the_one_with_chancellors(en_nlp):
    text = ("The US economist spoke in Glasgow. He was invited by Chancellor Gordon Brown. "
            "He has visited the UK often and returns to the US on Friday.")
    assert _one(tenures(en_nlp, text), "Gordon Brown", "chancellor").org == "United Kingdom"


def test_a_president_is_never_a_monarchys(en_nlp):
    text = ("He has worked in the US and in the UK. He met President Lena Voss and later "
            "flew back to the UK.")
    assert _one(tenures(en_nlp, text), "Lena Voss", "president").org == "United States"


def test_the_company_is_the_story_company_not_the_last_named_org(en_nlp):
    text = ("Corvell Foods boss wins award\n\nCorvell Foods's chief executive has been honoured by a magazine. "
            "Dana Pike was given the prize by Forbes. Corvell shares rose. \"A fine result,\" Forbes said. "
            "Ms Pike took the helm at the company in 2003.")
    (x,) = [x for (p, _, _), x in tenures(en_nlp, text).items() if p == "Dana Pike"]
    assert x.org == "Corvell Foods"


def test_a_party_opening_a_sentence_is_the_party_posts_org(en_nlp):
    t = tenures(en_nlp, "Labour campaign coordinator Tom Reece said the plan was costed.")
    assert _one(t, "Tom Reece", "campaign coordinator").org == "Labour"


# --- a new term, replacements, dates of effect ---------------------------------------------------

def test_a_new_terms_date_does_not_start_the_tenure(en_nlp):
    t = tenures(en_nlp, "Jane Roe was re-elected as chairman of Acme Bank for a third term in 2009.")
    assert _one(t, "Jane Roe", "chairman").start is None


def test_a_first_appointments_date_starts_the_tenure(en_nlp):
    t = tenures(en_nlp, "Jane Roe was appointed chairman of Acme Bank in 2009.")
    assert _one(t, "Jane Roe", "chairman").start.value == "2009"


def test_to_be_replaced_by_announces_the_successor(en_nlp):
    t = tenures(en_nlp, "Tom Hale, the chief executive of Ardent Foods, is to be replaced by Mia Sorel.")
    assert _one(t, "Tom Hale", "chief executive officer").status == "current"
    assert _one(t, "Mia Sorel", "chief executive officer").status == "unknown"


def test_was_succeeded_by_hands_the_post_over_at_the_date(en_nlp):
    t = tenures(en_nlp, "Tom Hale was succeeded as chief executive of Ardent Foods by Mia Sorel in 2001.")
    old, new = _one(t, "Tom Hale", "chief executive officer"), _one(t, "Mia Sorel", "chief executive officer")
    assert (old.status, old.end.value) == ("former", "2001")
    assert (new.status, new.start.value) == ("current", "2001")


def test_effective_from_a_date_to_come_is_announced(en_nlp):
    t = tenures(en_nlp, "Mia Sorel has been appointed chief executive of Ardent Foods, effective from 1 March.", "2025-02-15")
    x = _one(t, "Mia Sorel", "chief executive officer")
    assert (x.status, x.start.value) == ("unknown", "2025-03-01")


def test_effective_from_a_past_date_is_current(en_nlp):
    t = tenures(en_nlp, "Mia Sorel has been appointed chief executive of Ardent Foods, effective from 1 March.", "2025-03-15")
    assert _one(t, "Mia Sorel", "chief executive officer").status == "current"


def test_an_exit_taking_effect_later_leaves_the_holder_in_post(en_nlp):
    t = tenures(en_nlp, "Tom Hale has resigned as chief executive of Ardent Foods, but his departure will only take effect on 1 February.")
    x = _one(t, "Tom Hale", "chief executive officer")
    assert (x.status, x.end) == ("current", None)


def test_an_effective_leader_is_no_date_of_effect(en_nlp):
    t = tenures(en_nlp, "Tom Hale is an effective chairman of Ardent Foods.")
    assert _one(t, "Tom Hale", "chairman").status == "current"


# --- reported speech, owners before a post, one country cue ---------------------------------------

def test_reported_speech_past_is_no_former_post(en_nlp):
    t = tenures(en_nlp, "In the poll, 40% said Mr Harlow was a good prime minister. Jim Harlow spoke on Monday.")
    assert all(x.status != "former" for (p, _, _), x in t.items() if p == "Jim Harlow")


def test_a_plain_past_copula_stays_former(en_nlp):
    t = tenures(en_nlp, "Jim Harlow was prime minister of Norway.")
    assert _one(t, "Jim Harlow", "prime minister").status == "former"


def test_a_one_word_owner_before_a_state_post_is_its_country(en_nlp):
    t = tenures(en_nlp, "Talvia's foreign minister Ines Varro welcomed the plan.")
    assert _one(t, "Ines Varro", "foreign minister").org == "Talvia"


def test_a_persons_possessive_is_no_org(en_nlp):
    t = tenures(en_nlp, "Anna Berg spoke first. Berg's chief of staff Kim Bos was silent.")
    assert all(org != "Berg" for _, _, org in t)


def test_one_party_cue_places_an_mp_when_no_country_is_named(en_nlp):
    t = tenures(en_nlp, "Tory MP Peter Lund said the bill was poorly drafted.")
    assert _one(t, "Peter Lund", "member of parliament").org == "United Kingdom"


# --- the story's company under two spellings, party posts --------------------------------------

def test_two_spellings_of_the_story_company_make_it_the_main_org():
    from kb.extract.rules.orgs import _main_org, main_org_name
    from kb.model import Mention

    def org(text, sentence):
        return Mention(text, "organization", sentence * 100, sentence * 100 + len(text), sentence, label="ORG")

    mentions = [org("Corvex Media", 0), org("CorvexMedia", 3), org("CorvexMedia", 5), org("Plume", 4), org("Plume", 6)]
    group = _main_org(mentions)
    assert main_org_name(group) == "Corvex Media" and len(group) == 3
    assert _main_org(mentions[1:]) == []  # without the headline's spelling: 2 against 2, no main organisation


def test_a_party_name_before_party_leader_is_its_org(en_nlp):
    t = tenures(en_nlp, "Highland Liberal Party leader Ewan Ross said the vote was a boost.")
    assert _one(t, "Ewan Ross", "party leader").org == "Highland Liberal Party"


def test_a_bare_party_leader_takes_the_one_party_of_the_story(en_nlp):
    text = ("The Green Party unveiled its housing plans. The Green Party said they were costed. "
            "Party leader Ivy Marsh said the homes would be affordable.")
    assert _one(tenures(en_nlp, text), "Ivy Marsh", "party leader").org == "Green Party"


def test_a_bare_party_leader_among_several_parties_gets_none(en_nlp):
    text = ("The Green Party and the Liberal Party clashed. The Liberal Party and the Green Party each said the other was wrong. "
            "Party leader Ivy Marsh spoke.")
    assert _one(tenures(en_nlp, text), "Ivy Marsh", "party leader").org is None


def test_an_exit_noun_covers_every_item_of_its_list(en_nlp):
    t = tenures(en_nlp, "The row led to the resignation of Orvik chairman Gavin Dale, director-general Greg Dunn and reporter Andrew Gill.")
    assert _one(t, "Greg Dunn", "director general").status == "former"


def test_an_acronym_is_no_short_form_of_a_part_of_its_body():
    from kb.extract.entity_types import complete_org_names
    out = complete_org_names(["BBC", "BBC Radio 4", "HSBC", "HSBC Holdings", "Tate", "Tate & Lyle"], set())
    assert "BBC" not in out and out["HSBC"] == "HSBC Holdings" and out["Tate"] == "Tate & Lyle"


# --- leaving a post: exit verbs before "as a/the ROLE", objects of removal, "until last year",
# perfect participles, departures still to come ---------------------------------------------------

def test_an_exit_verb_before_as_an_article_ends_the_post(en_nlp):
    t = tenures(en_nlp, "Mara Quint resigned as a director of Felbrook Holdings in 2003.")
    x = _one(t, "Mara Quint", "director")
    assert x.status == "former" and x.end is not None and x.end.value == "2003" and x.start is None


def test_an_exit_in_an_earlier_verb_group_leaves_a_later_as_alone(en_nlp):
    t = tenures(en_nlp, "Colm Ridley quit the cabinet in 2001 and has since served as the chairman of the Heritage Trust.")
    assert _one(t, "Colm Ridley", "chairman").status == "current"


def test_a_passive_replacement_as_role_ends_the_post(en_nlp):
    t = tenures(en_nlp, "Sam Okoro has been replaced as chairman of Welland Gas.")
    assert _one(t, "Sam Okoro", "chairman").status == "former"


def test_an_announced_passive_replacement_leaves_the_holder_in_post(en_nlp):
    t = tenures(en_nlp, "Gary Fox is to be replaced as chief executive of Ashby Foods.")
    assert _one(t, "Gary Fox", "chief executive officer").status == "current"


def test_the_object_of_a_past_removal_verb_held_the_post(en_nlp):
    t = tenures(en_nlp, "The board of Welland Gas has dismissed chairman Alan Pike.")
    assert _one(t, "Alan Pike", "chairman").status == "former"


def test_a_removal_still_to_come_ends_nothing(en_nlp):
    t = tenures(en_nlp, "The board of Welland Gas will oust chairman Ned Ross.")
    assert _one(t, "Ned Ross", "chairman").status == "current"


def test_until_a_relative_past_time_ends_the_post(en_nlp):
    t = tenures(en_nlp, "Peter Vale, Corby Steel's chief executive until last year, joined Tilbury Port.")
    assert _one(t, "Peter Vale", "chief executive officer").status == "former"


def test_a_perfect_participle_before_a_past_main_clause_is_former(en_nlp):
    t = tenures(en_nlp, "Nell Archer left Dawson Mining in March, having spent a year as a special adviser to its board.")
    assert all(x.status == "former" for (p, _, _), x in t.items() if p == "Nell Archer") and t


def test_a_possessive_inside_an_exit_noun_list_keeps_the_list(en_nlp):
    t = tenures(en_nlp, "The losses led to the dismissal of its chairman, Sir Ian Pollard, and finance chief Rosa Delgado.")
    assert _one(t, "Rosa Delgado", "finance chief").status == "former"


@pytest.mark.parametrize("text", ["Acme chairman John Ruddock is to retire.", "Acme chairman John Ruddock to quit",
                                  "Acme chairman John Ruddock said he will step down next year."])
def test_a_departure_still_to_come_keeps_the_post_current(en_nlp, text):
    assert _one(tenures(en_nlp, text), "John Ruddock", "chairman").status == "current"


def test_a_headline_departure_keeps_a_party_post_current(en_nlp):
    t = tenures(en_nlp, "Labour's Hobson to stand down\n\nThe veteran said the party had changed.")
    assert _one(t, "Hobson", "member").status == "current"


def test_an_announced_departure_never_revives_a_former_post(en_nlp):
    t = tenures(en_nlp, "Former Acme chairman Ian Moss will resign from the golf club.")
    assert _one(t, "Ian Moss", "chairman").status == "former"


# --- a present tense with a time still to come announces the change (copulas._future_time) ---------

@pytest.mark.parametrize("text", ["Joe Bright takes over as chairman of Halmar Foods next month.",
                                  "Joe Bright becomes chairman of Halmar Foods later this year."])
def test_a_present_event_with_a_time_to_come_is_announced(en_nlp, text):
    assert _one(tenures(en_nlp, text), "Joe Bright", "chairman").status == "unknown"


def test_a_present_exit_with_a_time_to_come_leaves_the_holder_in_post(en_nlp):
    t = tenures(en_nlp, "Liz Gray steps down as chairman of Halmar Foods next month.")
    assert _one(t, "Liz Gray", "chairman").status == "current"


def test_a_past_event_with_a_past_time_is_no_announcement(en_nlp):
    t = tenures(en_nlp, "Ted Ames took over as chairman of Dorrit Mills last month.")
    assert _one(t, "Ted Ames", "chairman").status == "current"


@pytest.mark.parametrize("text", ["The union wants a date set for Mr Orrin Vale to be replaced as party leader.",
                                  "Critics want Orrin Vale to quit as party leader."])
def test_a_wished_exit_or_replacement_ends_nothing(en_nlp, text):
    t = tenures(en_nlp, text)
    assert all(x.status != "former" for (p, _, _), x in t.items() if p.endswith("Vale"))


def test_a_participle_adjective_of_removal_ends_no_named_post(en_nlp):
    t = tenures(en_nlp, "Sacked MP Dora Finch's local association says she will not be its candidate.")
    assert all(x.status != "former" for (p, r, _), x in t.items() if p == "Dora Finch")


# --- a leaving stated in the past without "as ROLE" (status.past_exits) -------------------------

@pytest.mark.parametrize("text", [
    "Brakton chief executive Ola Hansen stepped down last week and creditors took control.",
    "Brakton chief executive Ola Hansen has resigned.",
    "Brakton chief executive Ola Hansen, who quit on Monday, declined to comment.",
])
def test_a_past_leaving_ends_the_post_the_sentence_gives(en_nlp, text):
    t = tenures(en_nlp, text)
    assert _one(t, "Ola Hansen", "chief executive officer").status == "former"


@pytest.mark.parametrize("text", [
    "Brakton chief executive Ola Hansen has not resigned.",
    "Brakton chief executive Ola Hansen is to resign.",
    "Brakton chief executive Ola Hansen, who resigned from the board of Velland Shipping in May, spoke.",
    'Brakton chief executive Ola Hansen said: "I never thought the founder resigned."',
])
def test_no_leaving_of_this_post_keeps_it(en_nlp, text):
    t = tenures(en_nlp, text)
    assert _one(t, "Ola Hansen", "chief executive officer").status == "current"


# --- "the prime minister said" refers back only to a named holder (back_references) --------------

@pytest.mark.parametrize("text", [
    "Chancellor Tom Hale was criticised by the mayor. But the prime minister said Mr Hale had done nothing wrong.",
    "Harbour Radio political editor Tom Hale said the vote would be close. The prime minister said he was confident.",
])
def test_a_unique_office_described_is_not_another_posts_holder(en_nlp, text):
    """A head of government or state is named by the office alone ("the prime minister said")
    without being introduced, so the description does not fall to the person named before
    when the text gives that person another post."""
    t = tenures(en_nlp, text)
    assert not [k for k in t if k[0] == "Tom Hale" and k[1] == "prime minister"], sorted(t)


def test_a_unique_office_refers_back_to_its_named_holder(en_nlp):
    t = tenures(en_nlp, "Prime Minister Tom Hale visited Leeds. The prime minister said jobs were safe.")
    assert _one(t, "Tom Hale", "prime minister").status == "current"


def test_a_generic_role_still_refers_back_to_the_person_named_last(en_nlp):
    t = tenures(en_nlp, "Ann Roe spoke to reporters in Leeds on Monday. The lawmaker said the plan was unfair.")
    assert [k for k in t if k[0] == "Ann Roe"], sorted(t)


@pytest.mark.parametrize("text, role", [
    ("Shadow Europe minister Tom Hale said the rebate must stay.", "shadow europe minister"),
    ("Fisheries minister Tom Hale said quotas would rise.", "fisheries minister"),
])
def test_a_portfolio_named_by_a_place_or_trade_is_no_organisation(en_nlp, text, role):
    """ "Europe minister", "Fisheries minister": the word before "minister" is the portfolio
    (portfolios_en.tsv), not the organisation the minister serves."""
    t = tenures(en_nlp, text)
    assert _one(t, "Tom Hale", role).org is None, sorted(t)


def test_a_description_is_not_the_holder_of_another_kind_of_post_at_that_body(en_nlp):
    t = tenures(en_nlp, "Liberal Democrat leader Tom Hale spoke on Monday. On Saturday, the Lib Dem chief executive "
                        "said it was a mistake.")
    assert _one(t, "Tom Hale", "leader").org == "Liberal Democrats"
    assert not [k for k in t if k[0] == "Tom Hale" and k[1] != "leader"], sorted(t)


def test_a_description_is_not_the_person_its_sentence_names_after_it(en_nlp):
    """ "The chief executive said Mr Hale had …": the speaker talks of Mr Hale, so is someone else."""
    t = tenures(en_nlp, "Tom Hale joined Brakton Foods last year. The chief executive said Mr Hale had done well.")
    assert not [k for k in t if k[0] == "Tom Hale" and k[1] == "chief executive officer"], sorted(t)


def test_a_states_own_posts_in_a_story_about_one_of_its_nations_are_the_states(en_nlp):
    """A story about Scotland: the prime minister and a secretary of state are the United
    Kingdom's (Scotland has neither); the first minister stays Scotland's affair."""
    t = tenures(en_nlp, "Scotland's regiments will merge. The decision must be ratified by Defence Secretary Tom Hale "
                        "and Prime Minister Ann Roe. Scotland will fight the plan, Ola Berg said.")
    assert _one(t, "Tom Hale", "defence secretary").org == "United Kingdom"
    assert _one(t, "Ann Roe", "prime minister").org == "United Kingdom"

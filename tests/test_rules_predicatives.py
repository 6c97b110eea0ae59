"""Predicative attachments (rules/predicatives.py, copulas.py, lists.py, subjects.py): the object
of an appointment verb, "the post/role/job of ROLE", a pronoun successor ("She took over from Y
as ROLE"), a left-out verb ("A becomes X and B, …, Y"), coordinated holders of a plural role,
and role vocabulary from the title grammar and the reference's position labels. Sentences
written for these tests; they run through kb's real English extract stage."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

OBJECT = [
    Case("op_active", "Norvik Bank appointed Sarah Collins chief executive in 2019.",
         [F("Sarah Collins", "chief executive officer", "Norvik Bank", start="2019")]),
    Case("op_as_its_new", "Velland Shipping has named John Harris as its new chairman.",
         [F("John Harris", "chairman", "Velland Shipping")]),
    Case("op_org_in_phrase", "The board named Omar Haddad interim chief executive of Sandline Telecom in May 2025.",
         [F("Omar Haddad", "chief executive officer", "Sandline Telecom", start="2025-05")]),
    Case("op_elected_mayor", "Voters elected Sarah Collins mayor of Eastbridge in 2010.",
         [F("Sarah Collins", "mayor", "Eastbridge", start="2010")]),
    Case("op_future", "Norvik Bank will appoint John Harris chief executive in April.",
         [F("John Harris", "chief executive officer", "Norvik Bank", status="unknown")]),
    Case("op_expected", "Norvik Bank is expected to name John Harris chairman next month.",
         [No(person="John Harris")]),
    Case("op_object_pronoun", "Peter Sabet studied law in Leeds. In May 2006 Anna Berg appointed him chairman of Norvik Bank.",
         [F("Peter Sabet", "chairman", "Norvik Bank", start="2006-05"), No(person="Anna Berg", role="chairman")]),
    Case("op_pronoun_not_subject", "Anna Berg founded a new party. Tom Reed said Ms Berg would do better. "
         "He said Ms Berg had made him deputy leader of the party.",
         [No(person="Anna Berg", role="deputy leader")]),
    Case("op_title_before_object", "The vote of the independents ended the crisis, making Labor leader Tom Reed premier.",
         [F("Tom Reed", "prime minister")]),
    Case("op_no_role", "The fans made John Harris a scapegoat for the defeat.", [No(person="John Harris")]),
]

POST_OF = [
    Case("po_given", "John Harris was given the post of finance director at Norvik Bank.",
         [F("John Harris", "finance director", "Norvik Bank")]),
    Case("po_keeps", "Sarah Collins keeps the role of treasurer at the Velland Club.",
         [F("Sarah Collins", "treasurer", "Velland Club", status="current")]),
    Case("po_resigned_from", "John Harris resigned from the post of chairman of Norvik Bank in 2004.",
         [F("John Harris", "chairman", "Norvik Bank", end="2004", status="former")]),
    Case("po_gave_up", "Sarah Collins gave up the job of chief executive at Velland Shipping.",
         [F("Sarah Collins", "chief executive officer", "Velland Shipping", status="former")]),
    Case("po_hopes", "John Harris hopes to take the post of chairman at Norvik Bank.", [No(person="John Harris")]),
    Case("po_not_a_post", "Sarah Collins praised the role of chairman Tom Reed.",
         [No(person="Sarah Collins", role="chairman")]),
    Case("po_offered", "Amid speculation, John Harris will be offered the job of chairman at Norvik Bank.",
         [No(person="John Harris")]),
    Case("po_speculation", "Tom Reed spoke amid rumours she will be given the post of chairman at Norvik Bank.",
         [No(role="chairman")]),
    Case("po_other_subject", "Sarah Collins said it was wrong for the treasurer to have the role of chairman.",
         [No(person="Sarah Collins")]),
    Case("po_relative", "John Harris, who was given the post of finance director at Norvik Bank, said so.",
         [F("John Harris", "finance director", "Norvik Bank")]),
]

SUCCESSION_AND_GAPS = [
    Case("su_pronoun", "Sarah Collins joined Norvik Bank in 1990. She takes over from John Harris as chairman of the bank.",
         [F("Sarah Collins", "chairman", "Norvik Bank"), F("John Harris", "chairman", "Norvik Bank", status="former")]),
    Case("pronoun_not_object", "John Harris was elected in 1970. One of the few Blair-era ministers to serve under "
         "Tom Reed, he was given the agriculture portfolio in 1997.",
         [F("John Harris", "agriculture minister", start="1997"), No(person="Tom Reed"), No(person="Blair")]),
    Case("su_fronted_at_org", "At the Norvik Foundation, Sara Lund replaced Tom Reed as treasurer in 2019.",
         [F("Sara Lund", "treasurer", "Norvik Foundation", start="2019"), F("Tom Reed", "treasurer", "Norvik Foundation")]),
    Case("co_works_for_as", "Tom Reed works for Norvik Bank as a senior engineer.",
         [F("Tom Reed", ("engineer", "senior engineer"), "Norvik Bank")]),
    Case("gap_relative", "Ann Parker becomes culture secretary and Raj Patel, who was sacked last year, trade secretary.",
         [F("Ann Parker", "culture secretary"), F("Raj Patel", "trade secretary"),
          No(person="Ann Parker", role="trade secretary")]),
]

LISTS = [
    Case("li_subjects", "Sarah Collins and John Harris were appointed directors of Norvik Bank.",
         [F("Sarah Collins", "director", "Norvik Bank"), F("John Harris", "director", "Norvik Bank")]),
    Case("li_present", "John Harris, Mary Lee and Sarah Collins are joint chief executives of Velland Shipping.",
         [F("Mary Lee", "joint chief executive officer", "Velland Shipping", status="current"),
          F("John Harris", "joint chief executive officer", "Velland Shipping", status="current")]),
    Case("li_title_before_names", "Former Norvik Bank directors John Harris and Sarah Collins sued the firm.",
         [F("John Harris", "director", "Norvik Bank", status="former"),
          F("Sarah Collins", "director", "Norvik Bank", status="former")]),
    Case("li_one_person", "John Harris and his lawyers were appointed directors of nothing.", [No(person="John Harris")]),
]

VOCABULARY = [
    Case("vo_non_executive", "John Harris was named non-executive director of Norvik Bank.",
         [F("John Harris", "non-executive director", "Norvik Bank"), No(role="executive director")]),
    Case("vo_non_executive_chair", "Sarah Collins, a non-executive chairman of Velland Shipping, said sales rose.",
         [F("Sarah Collins", "non-executive chairman", "Velland Shipping"), No(role="non-executive"),
          No(role="executive")]),
    Case("vo_head_of_function", "John Harris, head of research at Norvik Bank, said rates would rise.",
         [F("John Harris", "head of research", "Norvik Bank")]),
    Case("vo_reference_portfolio", "Mary Lee, the minister for digital affairs, opened the session.",
         [F("Mary Lee", "digital affairs minister")]),
    Case("vo_rank_not_org", "Mary Lee, Junior Minister for Digital Affairs, opened the session.",
         [No(org="Junior")]),
    Case("vo_domain_after_of", "Chief inspector of schools Mike Tomlinson opened the new college.",
         [F("Mike Tomlinson", "chief inspector of schools")]),
    Case("vo_rank_head", "Mary Lee spent the year as a special adviser to the Norvik Bank board.",
         [F("Mary Lee", "special adviser")]),
    Case("vo_portfolio", "Mr John Harris held the foreign affairs portfolio from 1995 to 1997.",
         [F("John Harris", "foreign minister", start="1995", end="1997", status="former")]),
    Case("vo_no_longer", "John Harris is no longer chairman of Norvik Bank.",
         [F("John Harris", "chairman", "Norvik Bank", status="former")]),
    Case("vo_now_not", "John Harris writes books for Velland Press now he is not chairman of Norvik Bank.",
         [F("John Harris", "chairman", "Norvik Bank", status="former")]),
    Case("vo_not_any_more", "Mary Lee is not chief executive of Norvik Bank any more.",
         [F("Mary Lee", "chief executive officer", "Norvik Bank", status="former")]),
    Case("vo_plain_not", "Mary Lee is not chief executive of Norvik Bank.", [No(person="Mary Lee")]),
    Case("vo_adjective_before_org", "The outgoing head of the troubled Norvik Shipping Agency Tom Reed won an award.",
         [F("Tom Reed", "head", "Norvik Shipping Agency")]),
    Case("vo_particle_name", "Shell said production chief Walter van der Vijver had resigned.",
         [F("Walter van der Vijver", "production chief"), No(person="Walter van")]),
    Case("vo_adjective_premodifier", "Norvik Bank political correspondent Mary Lee says the polls are close.",
         [F("Mary Lee", "correspondent", "Norvik Bank")]),
    Case("vo_adjective_apposition", "Tom Reed, commercial director at Rightmove, said sellers would cut prices.",
         [F("Tom Reed", "director", "Rightmove")]),
    Case("vo_postnominal", "Fellow guest Ruth Kelly MP was also hit by the eggs.",
         [F("Ruth Kelly", "member of parliament", status="current")]),
    Case("vo_not_postnominal", "The report by Ruth Kelly said the MP had erred.", [No(person="Ruth Kelly")]),
    Case("vo_for_portfolio", "Shadow spokesman for sport Hugh Robertson said the plan would fail.",
         [F("Hugh Robertson", "shadow sport spokesman")]),
    Case("vo_on_portfolio", "The seat went to the present Tory spokesman on foreign affairs, Tom Reed.",
         [F("Tom Reed", "foreign affairs spokesman", "Conservative Party", status="current")]),
    Case("vo_party_before_title", "Dr Mary Lee, the Conservative spokesman for the Cabinet Office, said shredding rose.",
         [F("Mary Lee", "spokesman", "Cabinet Office")]),
    Case("vo_party_word_as_name", "Lib Dem leader Charles Kennedy is touring the country this week.",
         [F("Charles Kennedy", "leader", "Liberal Democrats"), No(person="Lib Dem")]),
    Case("vo_party_possessive", "Targets include Mary Lee, Lib Dem's elections chief Lord Rennard said.",
         [No(person="Mary Lee")]),
    Case("vo_party_plural_possessive", "Tom Reed, the Liberal Democrats' foreign affairs spokesman, said it was vital.",
         [F("Tom Reed", "foreign affairs spokesman", "Liberal Democrats"), No(org="Democratic Party")]),
    Case("vo_party_role_plural", "The bill is opposed by Tory and Lib Dem MPs and some backbenchers.",
         [No(person="MPs"), No(person="Lib Dem MPs")]),
    Case("vo_party_portfolio_span", "Lib Dem Home Affairs spokesman Mark Oaten said it would be prudent.",
         [F("Mark Oaten", "home affairs spokesman", "Liberal Democrats"), No(person="Home Affairs")]),
    Case("vo_adverb_not_org", "Earlier Lib Dem home affairs spokesman Mark Oaten said the plan was right.",
         [F("Mark Oaten", "home affairs spokesman", "Liberal Democrats")]),
    Case("vo_prefixed_word", "Shoppers buy more online, e-commerce minister John Harris said.",
         [No(role="commerce minister")]),
    Case("vo_for_demonym", "John Harris, head of strategy for Latin American markets at Barclays Capital, spoke.",
         [No(org="Latin American")]),
]


@pytest.mark.parametrize("case", OBJECT + POST_OF + SUCCESSION_AND_GAPS + LISTS + VOCABULARY,
                         ids=[c.id for c in OBJECT + POST_OF + SUCCESSION_AND_GAPS + LISTS + VOCABULARY])
def test_predicatives(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


def test_reference_portfolios_are_lexicon_roles():
    """Portfolios of the reference's "minister of X" labels are role words; a place never is."""
    from kb.extract.lexicon import lexicon, surface_key

    roles = lexicon().roles
    assert roles[surface_key("minister for children and families")].role == "children and families minister"
    assert roles[surface_key("tourism minister")].category == "minister"
    assert surface_key("minister of arizona") not in roles
    assert surface_key("government minister") not in roles

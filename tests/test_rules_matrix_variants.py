"""Fresh variants of the constructions fixed for the news matrix, written after the fixes and
not looked at while fixing: the honest check that the rules generalise (see
``helpers/matrix.py`` for the harness and the expectations' meaning)."""

from __future__ import annotations

import pytest

from helpers.matrix import ANY, Born, Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

VARIANTS = [
    # names NER types as organisations or misses, shown to be people by the role context
    Case("v_title_org_tagged", "Dutch Prime Minister Dick Schoof flew to Washington on Sunday.",
         [F("Dick Schoof", "prime minister", ("Netherlands", "the Netherlands"))]),
    Case("v_who_org_tagged", "Siri Kalvig, who took over as chief executive of Nysnø in 2018, is leaving the fund.",
         [F("Siri Kalvig", "chief executive officer", ANY, start="2018")]),
    Case("v_copula_org_tagged", "Trond Giske was deputy leader of the Labour Party until 2018.",
         [F("Trond Giske", "deputy leader", "Labour Party", end="2018", status="former")]),
    # names cut short by NER
    Case("v_three_names", "Former Swedish Prime Minister Stefan Lofven Andersson attended the summit.",
         [F("Stefan Lofven Andersson", "prime minister", "Sweden", status="former")]),
    Case("v_particle_name", "Frans van der Merwe is the chief executive of Sasol Mining.",
         [F("Frans van der Merwe", "chief executive officer", "Sasol Mining", status="current")]),
    # an age between the name and its apposition
    Case("v_age_appos", "Marit Aune, 61, a former mayor of Trondheim, died on Sunday.",
         [F("Marit Aune", "mayor", "Trondheim", status="former")]),
    # adverbs between copula and role
    Case("v_adverb_currently", "Hilde Tonne is currently chief executive of Norsk Gjenvinning.",
         [F("Hilde Tonne", "chief executive officer", "Norsk Gjenvinning", status="current")]),
    Case("v_adverb_formerly", "The report was written by Arne Holm, who was formerly chairman of Orkla.",
         [F("Arne Holm", "chairman", "Orkla", status="former")]),
    # "mayor of X" where NER calls X a person
    Case("v_mayor_of_person_tagged", "Jon Evjen, the mayor of Lillehammer, opened the new bridge.",
         [F("Jon Evjen", "mayor", "Lillehammer")]),
    # a date right after an earlier role belongs to it
    Case("v_date_of_earlier_role", "Lise Moe, who was mayor of Bodo from 2011 to 2019, is now a member of parliament.",
         [F("Lise Moe", "mayor", "Bodo", start="2011", end="2019", status="former"),
          F("Lise Moe", "member of parliament", ANY, status="current")]),
    # a lower-case noun before the role
    Case("v_noun_premodifier", "Kjell Ness worked at Hydro for a decade and then served as union leader at Statkraft from 2015.",
         [No("Kjell Ness", "leader", None)]),
    Case("v_noun_premodifier_conj", "Ine Berg was mayor of Hamar from 2007 to 2015 and then county governor until 2023.",
         [F("Ine Berg", "governor", ANY, end="2023", status="former")]),
    # fronted participle clauses
    Case("v_after_serving", "After serving as defence minister of Estonia, Hanno Pevkur returned to parliament.",
         [F("Hanno Pevkur", "defence minister", "Estonia", status="former")]),
    Case("v_elected_participle", "Elected mayor of Gdansk in 2019, Aleksandra Dulkiewicz has since won a second term.",
         [F("Aleksandra Dulkiewicz", "mayor", "Gdansk", start="2019")]),
    # taking office stated apart from the role
    Case("v_sworn_in_pronoun", "Ana Costa is the new president of the Lisbon Chamber of Commerce. She was sworn in on Monday.",
         [F("Ana Costa", "president", "Lisbon Chamber of Commerce", start="2025-03-10")]),
    Case("v_assumed_office", "Luis Arce is the president of Bolivia. He assumed office in November 2020.",
         [F("Luis Arce", "president", "Bolivia", start="2020-11")]),
    # a description in reported speech is not the speaker
    Case("v_speaker_not_description", "Karin Dahl told the newspaper that the finance minister had misled parliament.",
         [No("Karin Dahl")]),
    # a leader is not folded into a party membership
    Case("v_leader_not_member", "Jonas Berg joined the Centre Party in 1999. Since 2020 he has been its leader.",
         [F("Jonas Berg", "leader", "Centre Party", start="2020", status="current")]),
]

#: A second fresh batch, written after the relative-date and anaphor fixes, across all the
#: constructions of the issue (run once before any further change).
VARIANTS_2 = [
    Case("w_title_poss_company", "Volkswagen's finance chief Arno Antlitz said margins would recover.",
         [F("Arno Antlitz", ANY, "Volkswagen")]),
    Case("w_title_then", "The agreement was negotiated by then-Foreign Minister Ine Eriksen Soreide.",
         [F("Ine Eriksen Soreide", "foreign minister", ANY, status="former")]),
    Case("w_appos_lower", "The plan was drawn up by Hans Berg, a senior adviser to the Norwegian central bank.",
         [No("Hans Berg", "senior adviser", None)]),
    Case("w_rel_who_since", "Marta Lopes, who has chaired the Portuguese Bar Association since 2020, called for calm.",
         [F("Marta Lopes", ("chair", "chairman", "chairwoman"), "Portuguese Bar Association", start="2020", status="current")]),
    Case("w_copula_was_then", "Until 2019, Bent Holm was the chief executive of Fjord Line.",
         [F("Bent Holm", "chief executive officer", "Fjord Line", end="2019", status="former")]),
    Case("w_served_between", "Between 2005 and 2013, Jens Lie served as ambassador of Norway to Germany.",
         [F("Jens Lie", "ambassador", ANY, start="2005", end="2013", status="former")]),
    Case("w_named_last_month", "Mette Lund was named chief operating officer of DNB last month.",
         [F("Mette Lund", "chief operating officer", "DNB", start="2025-02")]),
    Case("w_elected_day", "On 9 June 2024, Roberta Metsola was re-elected president of the European Parliament.",
         [F("Roberta Metsola", "president", "European Parliament", start="2024-06-09")]),
    Case("w_took_over_from", "Sara Eik took over as chief executive of Norsk Tipping from Tonje Sagstuen in May 2022.",
         [F("Sara Eik", "chief executive officer", "Norsk Tipping", start="2022-05")]),
    Case("w_succeeded_pronoun", "Alan Kerr is the new chairman of the Scottish Rugby Union. He succeeded Ian Gray in January.",
         [F("Alan Kerr", "chairman", "Scottish Rugby Union", status="current")]),
    Case("w_leads_since", "Since 2021, Giorgia Meloni has led the Brothers of Italy party.",
         [F("Giorgia Meloni", "leader", ANY, start="2021", status="current")]),
    Case("w_former_appos_poss", "Jacinda Ardern, New Zealand's former prime minister, is now a fellow at Harvard.",
         [F("Jacinda Ardern", "prime minister", "New Zealand", status="former")]),
    Case("w_compound_deputy_chief", "Eva Dahl, deputy chief executive of Norwegian Air, resigned.",
         [F("Eva Dahl", "deputy chief executive officer", "Norwegian Air")]),
    Case("w_born_comma", "Liv Signe Navarsete (born 30 June 1958) was leader of the Centre Party from 2008 to 2014.",
         [Born("Liv Signe Navarsete", "1958-06-30"),
          F("Liv Signe Navarsete", "leader", "Centre Party", start="2008", end="2014", status="former")]),
    Case("w_surname_later", "Petra Kolb was elected mayor of Graz in 2021. Kolb previously worked as a judge.",
         [F("Petra Kolb", "mayor", "Graz", start="2021"), No("Kolb")]),
    Case("w_description_chief", "IMF Managing Director Kristalina Georgieva spoke in Davos. The IMF chief warned of slower growth.",
         [F("Kristalina Georgieva", "managing director", "IMF"), No("Kristalina Georgieva", "chief", "IMF")]),
    Case("w_neg_would_be", "If she wins, Anna Weiss would be the first female mayor of Vienna.",
         [No("Anna Weiss")]),
    Case("w_neg_candidate_for", "Tom Vik is the Conservative candidate for governor of Oslo county.",
         [No("Tom Vik", "governor")]),
    Case("w_neg_quote_title", '"Nobody here wants Lars Moe as prime minister," a senior official said.',
         [No("Lars Moe")]),
    Case("w_neg_boilerplate", "Subscribe to the Daily Brief channel on WhatsApp. Your comment:Chief executive Jon Aas resigned.",
         [No("Jon Aas", "chief executive officer", None)]),
]
VARIANTS += VARIANTS_2


@pytest.mark.parametrize("case", VARIANTS, ids=[c.id for c in VARIANTS])
def test_variant(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)

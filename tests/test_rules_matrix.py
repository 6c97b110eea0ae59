"""A construction matrix for roles, tenures and dates in English news (issue 4).

Every construction the issue lists gets several sentences written for these tests, in the
varied phrasing news uses, each with the facts kb must extract (person, lower-case role,
organisation or country, start/end with precision, status as of the published date, ordinal)
and the facts it must not invent. The sentences run through kb's real extract stage
(``Extractor`` with the English model, one Document per case, published 2025-03-14, a Friday),
so they test what ``kb build`` stores.
"""

from __future__ import annotations

import pytest

from helpers.matrix import ANY, Born, Case, F, IsOrg, No, _check, extract, extractor  # noqa: F401  (extractor: a fixture)


# ------------------------------------------------------------------------------------------
# the matrix
# ------------------------------------------------------------------------------------------

TITLE_BEFORE_NAME = [
    Case("title_demonym_pm", "Finnish Prime Minister Petteri Orpo arrived in Stockholm on Monday for talks.",
         [F("Petteri Orpo", "prime minister", "Finland", status="current")]),
    Case("title_org_acronym", "WHO Director-General Tedros Adhanom Ghebreyesus warned of a new wave of infections.",
         [F("Tedros Adhanom Ghebreyesus", "director general", "WHO", status="current")]),
    Case("title_two_in_one", "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Wednesday.",
         [F("Olaf Scholz", "chancellor", "Germany"), F("Emmanuel Macron", "president", "France"),
          No("Olaf Scholz", "president")]),
    Case("title_company", "Boeing Chief Executive Kelly Ortberg told analysts that the strike had cost billions.",
         [F("Kelly Ortberg", "chief executive officer", "Boeing", status="current")]),
    Case("title_portfolio", "Brazilian Finance Minister Fernando Haddad said the deficit target would be met.",
         [F("Fernando Haddad", "finance minister", "Brazil", status="current")]),
    Case("title_object_position", "The delegation was received by Kenyan President William Ruto at State House.",
         [F("William Ruto", "president", "Kenya")]),
    Case("title_nato_chief", "NATO chief Mark Rutte urged allies to spend more on defence.",
         [F("Mark Rutte", ("chief", "secretary general"), "NATO", status="current")]),
    Case("title_us_secretary_of_state", "U.S. Secretary of State Marco Rubio will fly to Riyadh on Sunday.",
         [F("Marco Rubio", "secretary of state", ("United States", "U.S."), status="current")]),
    Case("title_lower_case", "The talks were led by foreign minister Radoslaw Sikorski of Poland.",
         [F("Radoslaw Sikorski", "foreign minister", ANY)]),
]

POSSESSIVES = [
    Case("poss_company", "Microsoft's chief financial officer Amy Hood said cloud revenue rose by a fifth.",
         [F("Amy Hood", "chief financial officer", "Microsoft", status="current")]),
    Case("poss_country_comma", "Japan's defence minister, Gen Nakatani, visited Manila on Thursday.",
         [F("Gen Nakatani", "defence minister", "Japan")]),
    Case("poss_bare_apostrophe", "Siemens' chief executive Roland Busch expects weaker demand in China.",
         [F("Roland Busch", "chief executive officer", "Siemens")]),
    Case("poss_new", "Norway's new foreign minister Espen Barth Eide will travel to Kyiv next week.",
         [F("Espen Barth Eide", "foreign minister", "Norway")]),
    Case("poss_anaphor", "Nordlys Bank posted record profits. The bank's chief executive, Lena Holm, said margins would narrow.",
         [F("Lena Holm", "chief executive officer", "Nordlys Bank")]),
    Case("poss_party", "Labour's deputy leader Angela Rayner visited the flooded town.",
         [F("Angela Rayner", "deputy leader", ANY)]),
]

APPOSITION = [
    Case("appos_the_ceo_of", "Henrik Dahl, the chief executive of Nordlys Bank, said profits would fall this year.",
         [F("Henrik Dahl", "chief executive officer", "Nordlys Bank", status="current")]),
    Case("appos_committee_chair", "Andrei Kartapolov, chairman of the State Duma Defence Committee, told reporters the plan was ready.",
         [F("Andrei Kartapolov", "chairman", "State Duma Defence Committee")]),
    Case("appos_former", "Maria Vik, a former director of the Norwegian Refugee Council, said the camps were full.",
         [F("Maria Vik", "director", "Norwegian Refugee Council", status="former")]),
    Case("appos_md_imf", "Kristalina Georgieva, managing director of the International Monetary Fund, said growth was slowing.",
         [F("Kristalina Georgieva", "managing director", ("International Monetary Fund", "IMF"))]),
    Case("appos_age", "Ola Berg, 54, the chief executive of Norsk Gass, resigned on Monday.",
         [F("Ola Berg", "chief executive officer", "Norsk Gass")]),
    Case("appos_country_post", "Pedro Sanchez, Spain's prime minister, called a snap election.",
         [F("Pedro Sanchez", "prime minister", "Spain", status="current")]),
    Case("appos_paren_born", "Tone Bakke (born 1968), the current chair of the Norwegian Nurses Organisation, signed the deal.",
         [F("Tone Bakke", "chair", "Norwegian Nurses Organisation", status="current"), Born("Tone Bakke", "1968")]),
]

RELATIVE = [
    Case("rel_led_as_from_to", "Jens Stoltenberg, who led NATO as secretary general from 2014 to 2024, is now Norway's finance minister.",
         [F("Jens Stoltenberg", "secretary general", "NATO", start="2014", end="2024", status="former"),
          F("Jens Stoltenberg", "finance minister", "Norway", status="current")]),
    Case("rel_served_between", "Elena Petrova, who served as Bulgaria's ambassador to France between 2015 and 2019, joined the ministry.",
         [F("Elena Petrova", "ambassador", ANY, start="2015", end="2019", status="former")]),
    Case("rel_appointed_in_month", "Carlos Ruiz, who was appointed governor of the Bank of Spain in March 2019, defended the rate rise.",
         [F("Carlos Ruiz", "governor", "Bank of Spain", start="2019-03")]),
    Case("rel_has_been_since", "Anna Berg, who has been chair of Telenor since 2021, will step down in May.",
         [F("Anna Berg", "chair", "Telenor", start="2021", status="current")]),
    Case("rel_became_year", "Tom Hagen, who became chief executive of Equinor in 2020, met investors in London.",
         [F("Tom Hagen", "chief executive officer", "Equinor", start="2020")]),
    Case("rel_heads", "Sophie Lambert, who heads the European Banking Authority, said lenders were resilient.",
         [F("Sophie Lambert", "head", "European Banking Authority", status="current")]),
]

COPULA = [
    Case("cop_ordinal", "Ursula von der Leyen is the 13th president of the European Commission.",
         [F("Ursula von der Leyen", "president", "European Commission", status="current", ordinal=13)]),
    Case("cop_present_cfo", "Lars Nilsen is the chief financial officer of Orkla, the Norwegian consumer goods group.",
         [F("Lars Nilsen", "chief financial officer", "Orkla", status="current")]),
    Case("cop_past_from_to", "Jane Holm was the mayor of Bergen from 2015 to 2019.",
         [F("Jane Holm", "mayor", "Bergen", start="2015", end="2019", status="former")]),
    Case("cop_pronoun_ordinal", "Donald Trump returned to the White House in January. He is the 47th president of the United States.",
         [F("Donald Trump", "president", "United States", ordinal=47, status="current")]),
    Case("cop_possessive", "Sanna Marin was Finland's youngest prime minister.",
         [F("Sanna Marin", "prime minister", "Finland")]),
]

SERVED_AS = [
    Case("served_from_to", "Helle Thorning-Schmidt served as prime minister of Denmark from 2011 to 2015.",
         [F("Helle Thorning-Schmidt", "prime minister", "Denmark", start="2011", end="2015", status="former")]),
    Case("served_since_month", "Kari Nord has served as chief executive of Nordvik Energy since January 2022.",
         [F("Kari Nord", "chief executive officer", "Nordvik Energy", start="2022-01", status="current")]),
    Case("served_until", "Erik Lund served as the chief operating officer of Aker until 2023.",
         [F("Erik Lund", "chief operating officer", "Aker", end="2023", status="former")]),
    Case("served_pronoun_before", "Marta Ruiz is the new governor of Catalonia. Before that, she served as deputy finance minister of Spain.",
         [F("Marta Ruiz", "deputy finance minister", "Spain", status="former")]),
    Case("served_conjoined", "Rolf Aas served as mayor of Stavanger from 2003 to 2011 and as county governor from 2011 to 2019.",
         [F("Rolf Aas", "mayor", "Stavanger", start="2003", end="2011", status="former"),
          F("Rolf Aas", "governor", ANY, start="2011", end="2019", status="former")]),
]

BECAME = [
    Case("became_month", "Kaja Kallas became prime minister of Estonia in January 2021.",
         [F("Kaja Kallas", "prime minister", "Estonia", start="2021-01", status="current")]),  # taken up, not left
    Case("became_last_month_word", "Pia Holm became chief executive of Orkla last October.",
         [F("Pia Holm", "chief executive officer", "Orkla", start="2024-10")]),
    Case("became_fronted_year", "In 2019, Anders Lie became the first chairman of the Norwegian Climate Council.",
         [F("Anders Lie", "chairman", "Norwegian Climate Council", start="2019", ordinal=1)]),
    Case("became_pronoun", "Ayla Demir joined the Green Party in 2008. In 2016 she became its leader.",
         [F("Ayla Demir", "leader", "Green Party", start="2016")]),
]

APPOINTED = [
    Case("appointed_month", "Ingrid Lund was appointed chief executive of Statkraft in March 2020.",
         [F("Ingrid Lund", "chief executive officer", "Statkraft", start="2020-03")]),
    Case("named_weekday", "Pedro Alves was named finance minister of Portugal on Tuesday.",
         [F("Pedro Alves", "finance minister", "Portugal", start="2025-03-11")]),
    Case("elected_speaker", "Jussi Halla-aho was elected speaker of the Eduskunta in June 2023.",
         [F("Jussi Halla-aho", "speaker", "Eduskunta", start="2023-06")]),
    Case("reelected_mayor", "Mateo Rojas was re-elected mayor of Valparaiso in October 2024.",
         [F("Mateo Rojas", "mayor", "Valparaiso", start="2024-10")]),
    Case("sworn_in_day", "Donald Tusk was sworn in as prime minister of Poland on 13 December 2023.",
         [F("Donald Tusk", "prime minister", "Poland", start="2023-12-13")]),
    Case("sworn_in_ordinal", "Alexander Stubb was sworn in as Finland's 13th president on 1 March 2024.",
         [F("Alexander Stubb", "president", "Finland", start="2024-03-01", ordinal=13)]),
]

TOOK_OVER = [
    Case("took_over_month", "Laura Chen took over as chief executive of Pacific Rail in June 2023.",
         [F("Laura Chen", "chief executive officer", "Pacific Rail", start="2023-06")]),
    Case("took_over_fronted", "In 2018, Kjetil Rekdal took over as head coach of Rosenborg.",
         [F("Kjetil Rekdal", "head coach", "Rosenborg", start="2018")]),
    Case("took_over_party", "Keir Starmer took over as leader of the Labour Party in April 2020.",
         [F("Keir Starmer", "leader", "Labour Party", start="2020-04")]),
    Case("took_over_pronoun_day", "Karin Berg was deputy governor for six years. She took over as governor of Norges Bank on 1 January 2022.",
         [F("Karin Berg", "governor", "Norges Bank", start="2022-01-01")]),
]

SUCCEEDED = [
    Case("succeeded_day", "Mark Rutte succeeded Jens Stoltenberg as secretary general of NATO on 1 October 2024.",
         [F("Mark Rutte", "secretary general", "NATO", start="2024-10-01"),
          F("Jens Stoltenberg", "secretary general", "NATO", status="former")]),
    Case("succeeded_relative", "Nina Holt, who succeeded Erik Moe as chairwoman of Norsk Hydro last year, said the plant would close.",
         [F("Nina Holt", "chairwoman", "Norsk Hydro", start="2024"),
          F("Erik Moe", "chairwoman", "Norsk Hydro", status="former")]),
    Case("succeeded_passive_pronoun", "Olaf Moen leads the Farmers Union. He succeeded Kari Vang as leader in 2021.",
         [F("Olaf Moen", "leader", "Farmers Union", status="current")]),
]

HEADED_LEADS = [
    Case("headed_from_to", "From 2012 to 2018, Karl Weber headed the Federal Cartel Office.",
         [F("Karl Weber", "head", "Federal Cartel Office", start="2012", end="2018", status="former")]),
    Case("headed_between", "Sara Lind headed the Norwegian Directorate of Health between 2010 and 2014.",
         [F("Sara Lind", "head", "Norwegian Directorate of Health", start="2010", end="2014", status="former")]),
    Case("leads_party", "Friedrich Merz leads the Christian Democratic Union, the largest party in parliament.",
         [F("Friedrich Merz", "leader", "Christian Democratic Union", status="current")]),
    Case("headed_pronoun", "Tor Eide is a Norwegian economist. He headed the Norwegian Tax Administration from 2009 to 2016.",
         [F("Tor Eide", "head", "Norwegian Tax Administration", start="2009", end="2016", status="former")]),
]

TOOK_OFFICE = [
    Case("took_office_day", "Claudia Sheinbaum took office as president of Mexico on 1 October 2024.",
         [F("Claudia Sheinbaum", "president", "Mexico", start="2024-10-01")]),
    Case("took_office_pronoun", "Sanna Berg is the mayor of Tromso. She took office in September 2019.",
         [F("Sanna Berg", "mayor", "Tromso", start="2019-09", status="current")]),
    Case("took_office_since", "Since taking office as governor of Texas in 2015, Greg Abbott has signed hundreds of bills.",
         [F("Greg Abbott", "governor", "Texas", start="2015")]),
]

EXIT = [
    Case("stepped_down_month", "Lars Eik stepped down as chief executive of Telenor in May 2023.",
         [F("Lars Eik", "chief executive officer", "Telenor", end="2023-05", status="former")]),
    Case("resigned_as", "Grete Faremo resigned as justice minister of Norway after the scandal.",
         [F("Grete Faremo", "justice minister", "Norway", status="former")]),
    Case("ousted_relative", "Kari Lie, who was ousted as leader of the Centre Party in 2019, returned to farming.",
         [F("Kari Lie", "leader", "Centre Party", end="2019", status="former")]),
    Case("replaced_as_not_exit", "Jonas Dahl replaced Ola Moe as chairman of Orkla in 2022.",
         [F("Jonas Dahl", "chairman", "Orkla", start="2022"), F("Ola Moe", "chairman", "Orkla", status="former")]),
]

FORMER = [
    Case("former_title", "Former Norwegian Prime Minister Erna Solberg criticised the budget.",
         [F("Erna Solberg", "prime minister", "Norway", status="former")]),
    Case("ex_boss", "Ex-Barclays boss Jes Staley lost his appeal on Thursday.",
         [F("Jes Staley", ("boss", "chief executive officer"), "Barclays", status="former")]),
    Case("then_title", "The deal was signed by then-Defence Secretary Ben Wallace in 2022.",
         [F("Ben Wallace", "defence secretary", ANY, status="former")]),
    Case("previously", "Olav Strand was previously chief financial officer at Aker Solutions.",
         [F("Olav Strand", "chief financial officer", "Aker Solutions", status="former")]),
    Case("former_appos", "Boris Johnson, the former British prime minister, has signed a book deal.",
         [F("Boris Johnson", "prime minister", ("United Kingdom", "Britain"), status="former")]),
]

COMPOUND = [
    Case("first_deputy_chairman", "Irina Volk, first deputy chairman of the State Duma Committee on Security, said the bill would pass.",
         [F("Irina Volk", "first deputy chairman", "State Duma Committee on Security")]),
    Case("member_of_parliament", "Kari Moen, a member of parliament for the Centre Party, voted against the bill.",
         [F("Kari Moen", "member of parliament", ANY)]),
    Case("leader_of_party_abbr", "Geert Wilders, leader of the Party for Freedom (PVV), won the most seats.",
         [F("Geert Wilders", "leader", "Party for Freedom")]),
    Case("md_acronym", "Gita Gopinath, first deputy managing director of the IMF, said inflation was easing.",
         [F("Gita Gopinath", "first deputy managing director", "IMF")]),
    Case("mp_for_constituency", "Priti Patel, the Conservative member of parliament for Witham, criticised the plan.",
         [F("Priti Patel", "member of parliament", ANY)]),
]

DATES = [
    Case("born_paren", "Anna Lund (born 3 May 1971) is a Swedish politician who has been mayor of Malmo since 2018.",
         [Born("Anna Lund", "1971-05-03"), F("Anna Lund", "mayor", "Malmo", start="2018", status="current")]),
    Case("years_later", "Kim Sand joined Equinor in 2012. Four years later, she was appointed chief financial officer of the company.",
         [F("Kim Sand", "chief financial officer", ANY, start="2016")]),
    Case("years_after_event", "Four years after joining the Social Democrats in 2009, Ida Holm became the party's leader.",
         [F("Ida Holm", "leader", ANY, start="2013")]),
    Case("of_the_company", "Anna Li joined Goldman Sachs in 2012. Four years later, she was appointed chief financial officer of the bank.",
         [F("Anna Li", "chief financial officer", "Goldman Sachs", start="2016")]),
    Case("future_end_current", "Tove Dahl, whose term as president of the Norwegian Bar Association runs from 2023 to 2027, spoke first.",
         [F("Tove Dahl", "president", "Norwegian Bar Association", start="2023", end="2027", status="current")]),
    Case("last_month_word_appos", "Hanne Vik, who was named chief executive of Telenor last October, said the unit would be sold.",
         [F("Hanne Vik", "chief executive officer", "Telenor", start="2024-10")]),
    Case("on_weekday_appointed", "On Tuesday, Lisa Moe was appointed health minister of Norway.",
         [F("Lisa Moe", "health minister", "Norway", start="2025-03-11")]),
    Case("until_past_end", "Per Sand was chief executive of Kongsberg Gruppen until June 2022.",
         [F("Per Sand", "chief executive officer", "Kongsberg Gruppen", end="2022-06", status="former")]),
]

COREF = [
    Case("surname", "Kari Nordmann was appointed chief executive of Aker BP in 2021. Nordmann was previously chief financial officer of Equinor.",
         [F("Kari Nordmann", "chief executive officer", "Aker BP", start="2021"),
          F("Kari Nordmann", "chief financial officer", "Equinor", status="former"), No("Nordmann")]),
    Case("pronoun_from_to", "Lena Park is the mayor of Bergen. She previously served as deputy mayor from 2015 to 2019.",
         [F("Lena Park", "mayor", "Bergen", status="current"),
          F("Lena Park", "deputy mayor", ANY, start="2015", end="2019", status="former")]),
    Case("description", "NATO Secretary General Mark Rutte arrived in Kyiv on Tuesday. The NATO chief said support would continue.",
         [F("Mark Rutte", "secretary general", "NATO", status="current"), No("Mark Rutte", "chief", "NATO")]),
    Case("description_lawmaker", "Viktor Orlov, first deputy chairman of the State Duma Committee on Energy, criticised the tariffs. The lawmaker said they would hurt exporters.",
         [F("Viktor Orlov", "first deputy chairman", "State Duma Committee on Energy")]),
]

NEGATIVE = [
    Case("neg_quote", '"I would make a great prime minister," Jane Roe told supporters in Leeds.',
         [No("Jane Roe")]),
    Case("neg_reported", "Paul Lind said the chief executive had resigned on Monday.",
         [No("Paul Lind")]),
    Case("neg_subscribe", "Subscribe to our Telegram channel for updates on President Ana Rojas and her government.",
         [No()]),
    Case("neg_org_apposition", "Siemens, the German engineering group, reported a rise in orders.",
         [No()]),
    Case("neg_hypothetical", "Jane Roe could become prime minister next year if her party wins.",
         [No("Jane Roe")]),
    Case("neg_candidate", "Maria Solberg, the Labour candidate for mayor of Oslo, promised cheaper buses.",
         [No("Maria Solberg", "mayor")]),
    Case("neg_met_object", "Jane Roe met the prime minister in London on Monday.",
         [No("Jane Roe")]),
    Case("neg_company_took_over", "Deutsche Telekom took over the Dutch network in 2020.",
         [No(), IsOrg("Deutsche Telekom")]),
    Case("neg_company_adviser", "Morgan Stanley, the adviser to the buyers, declined to comment.",
         [No(), IsOrg("Morgan Stanley")]),
    Case("neg_org_is_leader", "Nordic Semiconductor is the market leader in Bluetooth chips.",
         [No(), IsOrg("Nordic Semiconductor")]),
    Case("neg_criticised", "Jane Roe criticised Finance Minister Tom Berg over the budget.",
         [F("Tom Berg", "finance minister", ANY), No("Jane Roe")]),
    Case("neg_possible_successor", "Analysts see Erik Holm as a possible successor to the chief executive.",
         [No("Erik Holm")]),
    Case("neg_running", "Ana Lopez is running for president of Chile.",
         [No("Ana Lopez", "president")]),
    Case("neg_quoted_claim", 'Jonas Lie told reporters: "Henrik Moe is the best finance minister we ever had."',
         [No("Jonas Lie")]),
]

MATRIX = (TITLE_BEFORE_NAME + POSSESSIVES + APPOSITION + RELATIVE + COPULA + SERVED_AS + BECAME + APPOINTED
          + TOOK_OVER + SUCCEEDED + HEADED_LEADS + TOOK_OFFICE + EXIT + FORMER + COMPOUND + DATES + COREF + NEGATIVE)


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_matrix(extractor, case):
    problems = _check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)

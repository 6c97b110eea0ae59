"""German tenure rules (kb.extract.de.rules) on sentences written for kb."""

from __future__ import annotations

import pytest

from kb.extract.de.ner import blank_german
from kb.extract.de.lexicon import country_name, country_of_adjective
from kb.extract.de.phrases import find_roles_de
from helpers.de_rules import nlp, run  # noqa: F401 (nlp is a fixture)


def one(claims):
    assert len(claims) == 1, claims
    return claims[0]


def test_title_with_compound_org_and_former(nlp):
    c = one(run(nlp, "Der frühere NATO-Generalsekretär Jens Stoltenberg sprach in München."))
    assert (c.person, c.role, c.org, c.status) == ("Jens Stoltenberg", "secretary general", "NATO", "former")
    assert c.rule == "de_title_before_name"
    assert c.org_span.text == "NATO"
    assert c.role_span.text.startswith("frühere NATO-Generalsekretär")


def test_title_with_country_adjective(nlp):
    c = one(run(nlp, "Am Montag reiste der französische Präsident Emmanuel Macron nach Berlin."))
    assert (c.person, c.role, c.org, c.status) == ("Emmanuel Macron", "president", "France", "current")


def test_role_then_genitive_org_then_comma_name(nlp):
    c = one(run(nlp, "Der Generalsekretär der NATO, Mark Rutte, warnte vor Russland.", names=("Mark Rutte",), orgs=("NATO",)))
    assert (c.person, c.role, c.org) == ("Mark Rutte", "secretary general", "NATO")


def test_apposition_after_name(nlp):
    c = one(run(nlp, "Mark Rutte, der Generalsekretär der NATO, sagte am Montag nichts dazu.", names=("Mark Rutte",), orgs=("NATO",)))
    assert (c.person, c.role, c.org, c.rule) == ("Mark Rutte", "secretary general", "NATO", "de_apposition")


def test_apposition_in_parentheses(nlp):
    c = one(run(nlp, "Jens Stoltenberg (ehemaliger NATO-Generalsekretär) lobte den Plan.", names=("Jens Stoltenberg",)))
    assert (c.role, c.org, c.status) == ("secretary general", "NATO", "former")


def test_copula_since_date(nlp):
    c = one(run(nlp, "Friedrich Merz ist seit dem 6. Mai 2025 Regierungschef.", names=("Friedrich Merz",)))
    assert (c.person, c.role, c.org, c.status) == ("Friedrich Merz", "head of government", None, "current")
    assert c.start.value == "2025-05-06" and c.start.precision == "day"
    assert c.date_span.text == "seit dem 6. Mai 2025"


def test_copula_past_interval_with_genitive_country(nlp):
    c = one(run(nlp, "Jens Stoltenberg war von 2005 bis 2013 Ministerpräsident Norwegens.", names=("Jens Stoltenberg",)))
    assert (c.role, c.org, c.status) == ("prime minister", "Norway", "former")
    assert (c.start.value, c.end.value) == ("2005", "2013")


def test_copula_event_year_starts_tenure(nlp):
    c = one(run(nlp, "Anna Beispiel wurde 2021 Bürgermeisterin von Bonn.", names=("Anna Beispiel",), orgs=("Bonn",)))
    assert (c.role, c.org, c.status, c.start.value) == ("mayor", "Bonn", "unknown", "2021")


def test_copula_verb_second(nlp):
    c = one(run(nlp, "Seit 2021 ist Lars Klingbeil Vorsitzender der SPD.", names=("Lars Klingbeil",), orgs=("SPD",)))
    assert (c.person, c.role, c.org, c.status, c.start.value) == ("Lars Klingbeil", "party leader", "SPD", "current", "2021")


def test_leiter_with_genitive_org_and_comma_name(nlp):
    text = "Der Leiter des Robert Koch-Instituts, Lars Schaade, mahnte zur Vorsicht."
    c = one(run(nlp, text, names=("Lars Schaade",), orgs=("Robert Koch-Instituts",)))
    assert (c.person, c.role, c.org) == ("Lars Schaade", "head", "Robert Koch-Instituts")


def test_copula_subject_before_apposition(nlp):
    text = "Anna Beispiel, die frühere Außenministerin, wurde im Juni 2025 Präsidentin der UN-Generalversammlung."
    claims = run(nlp, text, names=("Anna Beispiel",))
    got = {(c.role, c.org, c.status, c.start.value if c.start else None) for c in claims}
    assert got == {("foreign minister", None, "former", None), ("president", "UN-Generalversammlung", "unknown", "2025-06")}


@pytest.mark.parametrize(
    "text, names",
    [
        ("Anna Beispiel soll Ministerin gewesen sein.", ("Anna Beispiel",)),  # hearsay "soll": not a fact
        ("Anna Beispiel sollte im Herbst Ministerin werden.", ("Anna Beispiel",)),  # "should": not a fact
        ("Anna Beispiel ist nicht Präsidentin des Vereins.", ("Anna Beispiel",)),  # negation
        ("Der Chef Hans Meier kam zu spät.", ()),  # generic role with no organisation
        ("Der Präsident sprach lange über Steuern.", ()),  # no person at all
        ("Anna Beispiel traf den Präsidenten, der schwieg.", ("Anna Beispiel",)),  # object, not a copula
    ],
)
def test_no_claim(nlp, text, names):
    assert run(nlp, text, names=names) == []


def test_soll_werden_is_a_post_to_come(nlp):
    # "soll … werden" is the German "is to become": an announced post, status unknown
    # (it used to give nothing; news-tenures' gold counts "soll … angelobt werden" as a post to come)
    claims = run(nlp, "Anna Beispiel soll im Herbst Ministerin werden.", names=("Anna Beispiel",))
    assert [(c.person, c.role, c.status) for c in claims] == [("Anna Beispiel", "minister", "unknown")]


def test_roles_found_with_ordinal_and_places():
    nlp = blank_german()
    roles = find_roles_de(nlp("Der 13. Generalsekretär traf die deutsche Außenministerin."))
    assert [(r.role, r.ordinal, r.org) for r in roles] == [("secretary general", 13, None), ("foreign minister", None, "Germany")]
    assert country_of_adjective("französischen") == "France"
    assert country_name("Norwegens") == "Norway" and country_name("Narnia") is None

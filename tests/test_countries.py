"""kb.countries: the CLDR country table that merge keys and the linker's country rules share."""

from kb.countries import cldr_countries, cldr_name
from kb.link.kinds import country_code, country_name
from kb.link.rules import document_countries
from kb.names import org_key


def test_cldr_lists_countries_not_regions():
    codes = dict(cldr_countries("de"))
    assert codes["AT"] == "Österreich"
    assert all(len(code) == 2 and code.isalpha() for code in codes)  # "150" (Europe) is no country


def test_name_of_code_in_both_languages():
    assert cldr_name("GB") == "United Kingdom"
    assert cldr_name("DE", "de") == "Deutschland"
    assert cldr_name("ZZX") is None


def test_merge_keys_and_linker_read_the_same_table():
    # every German country name the linker resolves is one org_key refuses to reduce to
    for code, name in cldr_countries("de"):
        assert country_code(name, "de") is not None
    assert country_name("AT") == "Austria"
    assert org_key("Österreich GmbH") == "osterreich gmbh"  # a legal form that would leave a country stays
    assert org_key("Alpenblick GmbH") == "alpenblick"


def test_the_usual_english_names_where_cldr_writes_others():
    """CLDR writes "Türkiye" and "Czechia": news and kb's lexicons write "Turkey" and "Czech
    Republic", and both must name the country for the linker and read back as kb's names."""
    for name, code in (("Turkey", "TR"), ("Türkiye", "TR"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
                       ("Ivory Coast", "CI"), ("Myanmar", "MM"), ("Bosnia and Herzegovina", "BA")):
        assert country_code(name) == code, name
    assert cldr_name("TR") == "Turkey" and cldr_name("CZ") == "Czech Republic"
    assert cldr_name("GB") == "United Kingdom" and cldr_name("TR", "de") == "Türkei"
    assert document_countries(["Turkey", "Austria"]) == frozenset({"TR", "AT"})


def test_groupings_are_read_from_cldr_not_listed():
    from kb.countries import grouping_codes
    from kb.extract.facts import _cldr_states

    groups = grouping_codes()
    assert {"EU", "UN", "EZ"} <= groups
    assert not groups & {"GB", "DE", "US", "AQ", "HK", "PS"}
    assert "European Union" not in _cldr_states("en") and "United Nations" not in _cldr_states("en")
    assert "Germany" in _cldr_states("en") and "Deutschland" in _cldr_states("de")

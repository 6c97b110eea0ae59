"""kb.countries: the CLDR country table that merge keys and the linker's country rules share."""

from kb.countries import cldr_countries, cldr_name
from kb.link.kinds import country_code, country_name
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

"""Date mentions and normalisation: one test per construction, on sentences written for kb.

Every test checks offsets by slicing the text, and negative cases check what must not fire.
"""

from __future__ import annotations

import pytest

from kb.extract.dates import DateMention, find_dates, normalise

ANCHOR = "2025-05-15"  # a Thursday


def one(text: str, anchor: str | None = ANCHOR, lang: str = "en", offset: int = 0) -> DateMention:
    """The single mention in ``text``, with its offsets checked by slicing."""
    found = find_dates(text, anchor=anchor, lang=lang, offset=offset)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start_char - offset: m.end_char - offset] == m.text
    for dv in (m.start, m.end):
        if dv is not None:
            assert text[dv.start - offset: dv.end - offset] == dv.text
    return m


def values(m: DateMention) -> tuple:
    return (m.kind, m.start.value if m.start else None, m.end.value if m.end else None)


# ------------------------------------------------------------------ English intervals


def test_since_month_year():
    m = one("The company has been led by Ana Ruiz since October 2024, the board said.")
    assert values(m) == ("since", "2024-10", None)
    assert m.text == "since October 2024"
    assert m.start.precision == "month" and m.start.text == "October 2024"


def test_from_to_years():
    m = one("Lee chaired the committee from 2010 to 2024 before retiring.")
    assert values(m) == ("from_to", "2010", "2024")
    assert m.text == "from 2010 to 2024"


def test_compact_year_ranges():
    found = find_dates("He was mayor 1998–2006 and senator 2007-13.", anchor=None)
    assert [values(m) for m in found] == [("from_to", "1998", "2006"), ("from_to", "2007", "2013")]
    assert [m.text for m in found] == ["1998–2006", "2007-13"]


def test_compact_range_must_go_forward():
    # "2010-09" is not a range that ends before it starts
    assert all(m.kind != "from_to" for m in find_dates("the 2010-09 season", anchor=None))


def test_between():
    m = one("She taught in Lyon between 2014 and 2019.")
    assert values(m) == ("between", "2014", "2019")


def test_until():
    m = one("Until 2023 the firm was run by its founder.")
    assert values(m) == ("until", None, "2023")
    assert m.text == "Until 2023"


def test_from_without_end_is_open_from_to():
    m = one("From March 2021 she oversaw the merger.")
    assert values(m) == ("from_to", "2021-03", None)


def test_from_day_to_day_shares_the_year():
    m = one("The exhibition ran from 3 May to 9 June 2019.", anchor=None)
    assert values(m) == ("from_to", "2019-05-03", "2019-06-09")


# ------------------------------------------------------------------ English points


def test_in_month_year():
    m = one("The treaty was signed in February 2014 in Minsk.")
    assert values(m) == ("point", "2014-02", None)
    assert m.text == "in February 2014" and m.start.text == "February 2014"


def test_day_month_year():
    m = one("Voting closes on 1 December 2024 at noon.")
    assert values(m) == ("point", "2024-12-01", None)
    assert m.start.precision == "day"


def test_month_day_year():
    assert values(one("The plant opened December 1, 2024, after delays.")) == (
        "point", "2024-12-01", None)


def test_abbreviated_month_without_year_uses_anchor():
    m = one("Shares fell on Dec. 1 after the report.", anchor="2024-12-20")
    assert values(m) == ("point", "2024-12-01", None)
    assert m.relative
    assert find_dates("Shares fell on Dec. 1 after the report.", anchor=None) == []


def test_abbreviated_day_month_year():
    assert values(one("Filed 1 Dec 2024 in Ohio.")) == ("point", "2024-12-01", None)


def test_iso_date():
    assert values(one("Published: 2024-12-01.")) == ("point", "2024-12-01", None)


def test_yearless_date_takes_the_nearest_year():
    # written in January: "11 December" is last December, "3 February" is next month
    assert normalise("11 December", anchor="2010-01-25").value == "2009-12-11"
    assert normalise("3 February", anchor="2010-01-25").value == "2010-02-03"
    assert normalise("in March", anchor="2010-01-25").value == "2010-03"


def test_year_alone_and_before_a_noun():
    assert values(one("It was founded in 2002 by two students.")) == ("point", "2002", None)
    m = one("She lost the 2006 election narrowly.")
    assert values(m) == ("point", "2006", None) and m.text == "2006"


def test_month_precision_is_never_widened():
    dv = normalise("in October 2024")
    assert dv.value == "2024-10" and dv.precision == "month"


# ------------------------------------------------------------------ English relative


@pytest.mark.parametrize("phrase,expected", [
    ("last October", "2024-10"),
    ("next October", "2025-10"),
    ("last March", "2025-03"),
    ("this year", "2025"),
    ("last year", "2024"),
    ("next month", "2025-06"),
    ("yesterday", "2025-05-14"),
    ("today", "2025-05-15"),
    ("earlier this month", "2025-05"),
    ("later this year", "2025"),
    ("the end of last year", "2024"),
    ("three years ago", "2022"),
])
def test_relative_needs_and_uses_anchor(phrase, expected):
    text = f"The minister said {phrase} that talks had stalled."
    m = one(text)
    assert m.start.value == expected and m.relative
    assert find_dates(text, anchor=None) == []


def test_weekday_is_on_or_before_anchor():
    # anchor is a Thursday: "on Tuesday" two days before, "on Thursday" the same day
    assert one("Police arrested him on Tuesday.").start.value == "2025-05-13"
    assert one("Police arrested him on Thursday.").start.value == "2025-05-15"
    assert one("He resigned last Thursday.").start.value == "2025-05-08"
    assert one("He will resign next Tuesday.").start.value == "2025-05-20"
    assert find_dates("Police arrested him on Tuesday.", anchor=None) == []


def test_early_mid_late_keep_year_precision():
    for phrase in ("early 2025", "mid-2025", "late 2025", "the end of 2025"):
        dv = normalise(phrase)
        assert (dv.value, dv.precision) == ("2025", "year"), phrase
    assert normalise("late October 2024").value == "2024-10"


def test_years_later_needs_an_earlier_date():
    text = "She joined the bank in 2011. Four years later she became its chair."
    found = find_dates(text)
    assert [m.start.value for m in found] == ["2011", "2015"]
    assert text[found[1].start_char: found[1].end_char] == "Four years later"
    assert find_dates("Four years later she became its chair.", anchor=ANCHOR) == []
    assert normalise("four years later", anchor=ANCHOR) is None


def test_years_after_an_event_is_not_anchored():
    assert find_dates("Two years after the war he emigrated.", anchor=ANCHOR) == []


def test_season_and_quarter_keep_the_year():
    assert normalise("summer 2019").value == "2019"
    assert normalise("the first quarter of 2009").value == "2009"


# ------------------------------------------------------------------ English lives


def test_born_in_parentheses():
    text = "Ada Byrne (born 14 February 1967) is an Irish diplomat."
    m = one(text)
    assert values(m) == ("born", "1967-02-14", None)
    assert m.text == "born 14 February 1967"


def test_born_on():
    assert values(one("He was born on 3 May 1950 in Leeds.")) == ("born", "1950-05-03", None)


def test_b_abbreviation_only_in_brackets():
    assert values(one("Tom Hale (b. 1967) spoke first.")) == ("born", "1967", None)
    # "b." outside brackets is not a birth marker
    assert values(one("Plan b. 1967 was a model year.", anchor=None))[0] == "point"


def test_lifespan_with_days():
    m = one("Rosa Klein (1 May 1950 – 3 June 2020) was a chemist.")
    assert values(m) == ("lifespan", "1950-05-01", "2020-06-03")


def test_lifespan_years_after_name_vs_term_of_office():
    assert values(one("Otto Brandt (1921–2004) founded the party.")) == (
        "lifespan", "1921", "2004")
    # a short parenthesised range after a name is a term, not a life
    assert values(one("Otto Brandt (1998–2004) led the party.")) == ("from_to", "1998", "2004")


def test_died():
    assert values(one("She died in 2019 in Rome.")) == ("died", None, "2019")


# ------------------------------------------------------------------ English negatives


@pytest.mark.parametrize("text", [
    "The fund holds 800 billion euros in bonds.",
    "He served 14 years in prison.",
    "They won with a 2-1 win at home.",
    "The meeting moved to room 1967.",
    "The train leaves at 14:30 every day.",
    "Prices rose 2024 percent, a typo surely.",
    "The 1990s were a decade of growth.",
    "Some 1,967 people signed it.",
    "The firm employs 2000 workers.",
    "May I ask a question?",
    "They will march on the capital.",
])
def test_not_dates(text):
    assert find_dates(text, anchor=ANCHOR) == []


# ------------------------------------------------------------------ German


def test_de_seit_dem_day():
    m = one("Sie ist seit dem 6. Mai 2025 Bundesministerin.", lang="de")
    assert values(m) == ("since", "2025-05-06", None)
    assert m.text == "seit dem 6. Mai 2025"


def test_de_seit_month():
    assert values(one("Er ist seit Oktober 2024 im Amt.", lang="de")) == ("since", "2024-10", None)


def test_de_von_bis():
    m = one("Sie war von 2005 bis 2013 Bürgermeisterin.", lang="de")
    assert values(m) == ("from_to", "2005", "2013") and m.text == "von 2005 bis 2013"


def test_de_zwischen_und():
    assert values(one("Er lebte zwischen 2010 und 2014 in Wien.", lang="de")) == (
        "between", "2010", "2014")


def test_de_bis():
    assert values(one("Bis 2023 leitete er den Verband.", lang="de")) == ("until", None, "2023")


def test_de_im_monat_jahr():
    m = one("Die Wahl fand im Oktober 2024 statt.", lang="de")
    assert values(m) == ("point", "2024-10", None) and m.text == "im Oktober 2024"


def test_de_am_tag():
    assert values(one("Am 1. Dezember 2024 trat er zurück.", lang="de")) == (
        "point", "2024-12-01", None)


def test_de_numeric_date():
    assert values(one("Er wurde am 1.12.2024 vereidigt.", lang="de")) == (
        "point", "2024-12-01", None)
    assert find_dates("Der Kurs stieg um 1.12 Prozent.", anchor=ANCHOR, lang="de") == []


def test_de_weekday():
    m = one("Der Rat tagte am Freitag in Bern.", lang="de")
    assert m.start.value == "2025-05-09" and m.relative  # Friday before Thursday 15 May


@pytest.mark.parametrize("phrase", ["Anfang 2025", "Mitte 2025", "Ende 2025"])
def test_de_part_of_year(phrase):
    dv = normalise(phrase, lang="de")
    assert (dv.value, dv.precision) == ("2025", "year")


def test_de_im_jahr():
    m = one("Das Werk schloss im Jahr 2022.", lang="de")
    assert values(m) == ("point", "2022", None) and m.start.text.endswith("2022")


@pytest.mark.parametrize("phrase,expected", [
    ("gestern", "2025-05-14"),
    ("heute", "2025-05-15"),
    ("letztes Jahr", "2024"),
    ("vergangenes Jahr", "2024"),
    ("im vergangenen Jahr", "2024"),
    ("vergangenen Monat", "2025-04"),
    ("vor drei Jahren", "2022"),
])
def test_de_relative(phrase, expected):
    text = f"Die Ministerin sagte {phrase}, die Gespräche stockten."
    assert one(text, lang="de").start.value == expected
    assert find_dates(text, anchor=None, lang="de") == []


def test_de_morgen_is_tomorrow_but_der_morgen_is_not():
    assert one("Das Urteil fällt morgen.", lang="de").start.value == "2025-05-16"
    assert find_dates("Am Morgen kam die Polizei.", anchor=ANCHOR, lang="de") == []


def test_de_born():
    m = one("Eva Lang (geboren am 14. Februar 1967) ist Juristin.", lang="de")
    assert values(m) == ("born", "1967-02-14", None)
    m = one("Eva Lang (* 14. Februar 1967 in Graz) ist Juristin.", lang="de")
    assert values(m) == ("born", "1967-02-14", None)
    assert values(one("Eva Lang, geb. 1967, ist Juristin.", lang="de")) == ("born", "1967", None)


def test_de_lifespan_with_cross():
    m = one("Karl Roth (* 2. März 1920; † 5. Juli 2001) war Arzt.", lang="de")
    assert values(m) == ("lifespan", "1920-03-02", "2001-07-05")


@pytest.mark.parametrize("month", ["März", "Maerz"])
def test_de_march_spellings(month):
    assert normalise(f"im {month} 2020", lang="de").value == "2020-03"


def test_de_inflected_month():
    assert normalise("Anfang Oktobers", anchor="2024-11-20", lang="de").value == "2024-10"


def test_de_negatives():
    for text in ("Er zahlte 2000 Euro Strafe.", "Die 1990er Jahre waren wild.",
                 "Zimmer 1967 ist frei.", "Der Zug fährt um 20 Uhr."):
        assert find_dates(text, anchor=ANCHOR, lang="de") == [], text


# ------------------------------------------------------------------ API properties


def test_offset_is_added():
    text = "It opened in May 2020."
    m = one(text, offset=100)
    assert m.start_char == 110 and m.start.start == 113  # "in May 2020" / "May 2020"


def test_mentions_do_not_overlap_and_prefer_longest():
    text = "From 3 May 2019 to 9 June 2021 and again since 2023, he led it."
    found = find_dates(text, anchor=None)
    assert [m.kind for m in found] == ["from_to", "since"]
    for a, b in zip(found, found[1:]):
        assert a.end_char <= b.start_char


def test_normalise_returns_none_for_non_dates():
    assert normalise("the committee") is None
    assert normalise("") is None


def test_bad_anchor_is_no_anchor():
    assert normalise("yesterday", anchor="03-02-2009") is None


def test_day_ranges_share_month_and_year():
    m = one("Die Messe läuft vom 3. bis 5. Mai 2024 in Basel.", lang="de")
    assert values(m) == ("from_to", "2024-05-03", "2024-05-05")
    m = one("The fair runs 3–5 May 2024 in Basel.")
    assert values(m) == ("from_to", "2024-05-03", "2024-05-05") and m.text == "3–5 May 2024"
    # a first day after the second is not a range within one month
    assert all(m.kind != "from_to" for m in
               find_dates("von 31. bis 2. März", anchor=ANCHOR, lang="de"))


def test_hyphen_year_range_and_hyphenated_codes():
    assert values(one("Jo Lind (1931-2008) wrote novels.")) == ("lifespan", "1931", "2008")
    assert find_dates("The COVID-2019 label and model A350-1000.", anchor=ANCHOR) == []


def test_de_weekday_with_time_of_day():
    assert one("Er sprach am Freitagabend in Köln.", lang="de").start.value == "2025-05-09"


# ------------------------------------------------------------------ evaluator


def _eval_main():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "eval_timex.py"
    spec = importlib.util.spec_from_file_location("eval_timex", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.main


def test_eval_timex_skips_without_data(tmp_path, capsys):
    assert _eval_main()([str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_eval_timex_on_meantime(shared, capsys):
    meantime = shared("eval/meantime-en")
    assert _eval_main()([str(meantime), "--gum", str(meantime / "absent")]) == 0
    out = capsys.readouterr().out
    assert "representable" in out and "precision" in out and "baseline" in out


# ------------------------------------------------------------------ speed gates are sound
# find_dates skips every pattern whose cheap trigger words (digits, month names, "year", ...)
# are absent from the sentence. The gates must never change a result: gated atoms must equal
# the atoms found by running every pattern, on sentences with and without dates, in any case.

_GATE_SENTENCES = [
    "The council met on Tuesday to discuss the budget.",
    "Shares rose 3.5 percent to 1,250 points in early trading.",
    "Er wurde am 6. Mai 2025 gewählt und ist seit Anfang 2024 im Amt.",
    "Vom 3. bis 5. Mai tagte der Rat; vor zwei Jahren war es der 1.12.24.",
    "FOUR YEARS AGO she left; TWO MONTHS LATER he did, too.",
    "In fiscal 2008 and Q3 2009 the firm (1950–2020) grew; 2010-24 was calm.",
    "Last October, this year and next month were busy; ISO date 2024-02-29.",
    "Die Sitzung findet morgen statt, gestern war Sonnabend, im vergangenen Jahr nicht.",
    "The mid-2023 report covered the end of October 2024 and the summer of 2021.",
    "No dates here at all, just a calm sentence about gardening and rain.",
]

_VOCAB = [
    "May", "Mai", "March", "März", "Maerz", "Sept.", "Dec", "Dez.", "Jänner", "Oktobers",
    "Monday", "Freitag", "Sonnabend", "today", "Yesterday", "morgen", "Morgen", "Übermorgen",
    "year", "years", "months", "day", "days", "Jahr", "Jahren", "Monat", "Tagen", "Jahres",
    "ago", "vor", "later", "after", "before", "später", "zuvor", "early", "mid-", "Anfang",
    "Mitte", "Ende", "summer", "Sommer", "Herbst", "Q3", "FY", "fiscal", "quarter", "Quartal",
    "of", "the", "in", "im", "am", "on", "last", "next", "this", "letzten", "kommenden",
    "since", "from", "to", "bis", "zum", "between", "and", "born", "(", ")", "-", "–", "/",
    ",", ".", "1", "3.", "12", "31st", "2024", "1999", "2010-24", "1.12.2024", "2024-05-06",
    "four", "zwei", "room", "people", "%", "Tuesday", "Apr", "Okt", "heute",
]


def _gated_equals_ungated(text: str, anchor, lang: str) -> None:
    from datetime import date

    from kb.extract import dates as d

    anchor_date = date.fromisoformat(anchor) if anchor else None
    assert d.find_atoms(text, anchor_date, lang) == d.find_atoms(text, anchor_date, lang, gated=False)


@pytest.mark.parametrize("text", _GATE_SENTENCES)
@pytest.mark.parametrize("lang", ["en", "de", "xx"])
def test_gates_do_not_change_atoms(text, lang):
    for anchor in (None, ANCHOR):
        _gated_equals_ungated(text, anchor, lang)
        _gated_equals_ungated(text.upper(), anchor, lang)
        _gated_equals_ungated(text.lower(), anchor, lang)


def test_gates_reject_sentence_without_trigger():
    from kb.extract import dates as d

    text = "A calm sentence about gardening, rain and the council's plans."
    assert find_dates(text, anchor=ANCHOR, lang="xx") == []
    assert d.find_atoms(text, None, "xx", gated=False) == []  # the gate is not hiding anything


def test_gates_on_generated_token_soup():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    token = st.tuples(st.sampled_from(_VOCAB), st.sampled_from([str, str.lower, str.upper,
                                                                str.title]))
    soup = st.lists(token, min_size=1, max_size=12).flatmap(
        lambda toks: st.lists(st.sampled_from([" ", "", "  "]), min_size=len(toks),
                              max_size=len(toks)).map(
            lambda seps: "".join(f(w) + sep for (w, f), sep in zip(toks, seps))))

    @settings(max_examples=400, deadline=None, database=None)
    @given(soup, st.sampled_from(["en", "de", "xx"]), st.sampled_from([None, ANCHOR]))
    def check(text, lang, anchor):
        _gated_equals_ungated(text, anchor, lang)

    check()


def test_spaced_compact_year_range_in_parentheses():
    from kb.extract.dates import find_dates

    got = find_dates("Johan Rud ( 1820 – 88 ) was a priest.", None, "en", 0)
    assert [(d.kind, d.start.value, d.end.value) for d in got] == [("lifespan", "1820", "1888")]
    # outside a closing parenthesis the tail is a number, not a year
    assert all(d.end is None for d in find_dates("Sales rose 1990 – 91 percent.", None, "en", 0))
    assert all(d.end is None for d in find_dates("Tom Berg ( 1950 – 12 ) was", None, "en", 0))  # tail before start

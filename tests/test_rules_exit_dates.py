"""Exit events with a date and no "as ROLE" ("He quit the government in 1999", "A and B, who
stepped down in 2001") end a post the text names for the person elsewhere (rules/dating.py).
Sentences written for these tests; real English model (skipped when absent)."""

from __future__ import annotations

from helpers.facts import tenures


def _end(t, person, role):
    hit = [x for (p, r, _), x in t.items() if p == person and r == role]
    assert hit, sorted(t)
    return hit[0].end.value if hit[0].end else None


def test_quit_the_government_ends_the_ministers_post_not_the_seat(en_nlp):
    t = tenures(en_nlp, "Veteran Labour MP and former cabinet minister Tom Hadley will stand down. "
                        "He has represented the seat since 1983. He quit the government in 2001 and now writes books.")
    assert _end(t, "Tom Hadley", "cabinet minister") == "2001"
    assert _end(t, "Tom Hadley", "member of parliament") is None


def test_who_stepped_down_ends_both_coordinated_persons_posts(en_nlp):
    text = ("The complaint concerns payments to Luis Ortega and Carmen Ruiz, who stepped down in 2009. "
            "Mr Ortega, a former chief executive of Banco Verde, denied wrongdoing.")
    t = tenures(en_nlp, text)
    assert _end(t, "Luis Ortega", "chief executive officer") == "2009"


def test_participle_with_an_honorific_subject_ends_the_listed_post(en_nlp):
    text = ("The two Norvale directors - Anna Berg and Peter Lund - have both left the company, "
            "with Ms Berg retiring and Mr Lund quitting in 2011.")
    t = tenures(en_nlp, text)
    assert _end(t, "Peter Lund", "director") == "2011"


def test_future_exit_gives_no_end(en_nlp):
    t = tenures(en_nlp, "Karen Holt is chairman of Tessel Foods. She will step down in 2030.")
    assert _end(t, "Karen Holt", "chairman") is None


def test_a_date_of_something_else_in_the_clause_gives_no_end(en_nlp):
    t = tenures(en_nlp, "Finance minister Rob Carver resigned after leaking details of his 2004 budget.")
    assert all(x.end is None for x in t.values())


def test_left_needs_an_object(en_nlp):
    t = tenures(en_nlp, "Jane Moss is the chief executive of Arlo Systems. Ms Moss left in 2015 for a holiday.")
    assert _end(t, "Jane Moss", "chief executive officer") is None


def test_quit_a_named_company_ends_only_that_post(en_nlp):
    text = ("Omar Reyes is chairman of Pellam Steel and a director of Corby Mills. "
            "Mr Reyes quit Corby Mills in 2012.")
    t = tenures(en_nlp, text)
    assert _end(t, "Omar Reyes", "director") == "2012"
    assert _end(t, "Omar Reyes", "chairman") is None


# --- events that name the post they start (rules/dating.office_events) ---------------------------

def _start(t, person, role):
    hit = [x for (p, r, _), x in t.items() if p == person and r == role]
    assert hit, sorted(t)
    return hit[0].start.value if hit[0].start else None


def test_taking_over_the_chairmanship_dates_the_chairmans_post(en_nlp):
    text = "Emil Varga is the chairman of Banco Lindo. Since taking over the chairmanship in 1991, he has doubled its size."
    assert _start(tenures(en_nlp, text), "Emil Varga", "chairman") == "1991"


def test_entering_downing_street_dates_the_premiership(en_nlp):
    text = "Jim Harlow is the prime minister. He entered Downing Street in 1996 after a long campaign."
    assert _start(tenures(en_nlp, text), "Jim Harlow", "prime minister") == "1996"


def test_a_named_post_event_dates_no_other_post(en_nlp):
    text = "Jim Harlow is chief executive of Tarn Mills. He entered Downing Street in 1996 for a reception."
    assert _start(tenures(en_nlp, text), "Jim Harlow", "chief executive officer") is None


# --- successions, frames and joining dates -----------------------------------------------------------

def test_succession_date_ends_the_predecessors_post(en_nlp):
    t = tenures(en_nlp, "Lea Moss succeeded Tom Vik as chairman of Brand Oil in March 2019.")
    assert _end(t, "Tom Vik", "chairman") == "2019-03"
    assert _start(t, "Lea Moss", "chairman") == "2019-03"


def test_announced_succession_gives_the_predecessor_no_end(en_nlp):
    t = tenures(en_nlp, "Lea Moss will succeed Tom Vik as chairman of Brand Oil in March 2031.")
    assert _end(t, "Tom Vik", "chairman") is None


def test_a_fronted_at_org_frames_the_post(en_nlp):
    t = tenures(en_nlp, "At the Lund Foundation, Eva Sand replaced Per Holm as director in 2016.")
    assert {org for (p, r, org) in t if r == "director"} == {"Lund Foundation"}


def test_a_fronted_at_a_common_noun_frames_nothing(en_nlp):
    t = tenures(en_nlp, "At the meeting, Eva Sand was named chairman of Lund Mills.")
    assert {org for (p, r, org) in t} == {"Lund Mills"}


def test_in_the_history_of_names_the_org(en_nlp):
    t = tenures(en_nlp, "Ola Berg is the fifth president in the history of Nordby Rowing Club.")
    assert {org for (p, r, org) in t if p == "Ola Berg"} == {"Nordby Rowing Club"}


def test_joined_the_bank_starts_her_one_post_there(en_nlp):
    t = tenures(en_nlp, "Mia Lund, an analyst at Vestby Bank, said rates would rise. She joined the bank in 2012.")
    assert _start(t, "Mia Lund", "analyst") == "2012"


# --- two terms of one post (claims._terms) --------------------------------------------------------

def test_two_seats_of_an_mp_are_two_tenures(en_nlp):
    from helpers.facts import run
    text = "Omar Qadir, the MP for Fenwick North since 1997, is to stand down. He was MP for Bristol Vale from 1983 to 1992."
    terms = sorted((t.start.value, t.end.value if t.end else None, t.status) for t in run(en_nlp, text)[1]
                   if t.person == "Omar Qadir" and t.role == "member of parliament")
    assert terms == [("1983", "1992", "former"), ("1997", None, "current")]


def test_a_start_and_a_later_end_are_one_tenure(en_nlp):
    from helpers.facts import run
    text = "Lea Moss became chairman of Brand Oil in 2001. Ms Moss quit in 2009."
    terms = [(t.start.value, t.end.value) for t in run(en_nlp, text)[1] if t.person == "Lea Moss"]
    assert terms == [("2001", "2009")]


def test_a_date_after_the_clauses_verb_does_not_date_a_title(en_nlp):
    t = tenures(en_nlp, "Foreign Secretary Tom Vale has said the vote is unlikely to be held until 2031.")
    assert all(x.start is None and x.end is None for x in t.values())


def test_a_date_inside_an_apposition_dates_it(en_nlp):
    t = tenures(en_nlp, "Jane Roe, chairman of Orvik Bank since 2001, said profits rose.")
    assert _start(t, "Jane Roe", "chairman") == "2001"

"""The gold evaluator follows GOLD-FORMAT.md's matching rules."""

import json

from kb.evaluate import evaluate, norm_person, role_match


def gold_doc():
    return {
        "id": "a", "published": None, "lang": "en",
        "persons": [
            {"name": "Ann Example", "qid": "Q1", "enwiki": "Ann Example", "birth_date": "1970-01-02"},
            {"name": "Bo Sample", "qid": None, "enwiki": None, "birth_date": None},
        ],
        "organizations": [
            {"name": "Acme Corporation", "qid": "Q9", "enwiki": None, "aliases": ["Acme"]},
            {"name": "Town Council", "qid": None, "enwiki": None, "aliases": []},
        ],
        "tenures": [
            {"person": "Ann Example", "person_qid": "Q1", "role": "chief executive", "role_aliases": ["ceo"],
             "position_qid": None, "org": "Acme Corporation", "org_qid": "Q9", "start": "2020-05", "end": None,
             "status": "current", "ordinal": None, "sentence": "..."},
            {"person": "Bo Sample", "person_qid": None, "role": "finance minister", "role_aliases": [],
             "position_qid": None, "org": None, "org_qid": None, "start": None, "end": "2019",
             "status": "former", "ordinal": None, "sentence": "..."},
        ],
    }


def test_perfect_prediction_scores_one():
    g = gold_doc()
    r = evaluate([g], [json.loads(json.dumps(g))])
    for s in r.scores.values():
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert r.accuracy["person_link"].value == 1.0


def test_surname_title_and_accent_matching():
    assert norm_person("President Ann Exámple") == "ann example"
    pred = {"id": "a", "persons": [{"name": "Example", "qid": None}, {"name": "Dr. Bo Sample", "qid": None}],
            "organizations": [], "tenures": []}
    r = evaluate([gold_doc()], [pred])
    assert r.scores["persons"].tp == 2 and r.scores["persons"].fp == 0
    assert r.accuracy["person_link"].value == 0.0  # matched but unlinked


def test_qids_decide_when_both_sides_have_them():
    pred = {"id": "a", "persons": [{"name": "Ann Example", "qid": "Q2"}], "organizations": [
        {"name": "Acme", "qid": None}, {"name": "Acme Corporation", "qid": "Q10"}], "tenures": []}
    r = evaluate([gold_doc()], [pred])
    assert r.scores["persons"].tp == 0 and r.scores["persons"].fp == 1
    # the alias matches the first org; the wrong QID does not match anything
    assert r.scores["organizations"].tp == 1 and r.scores["organizations"].fp == 1


def test_role_rules_more_specific_right_less_specific_wrong():
    g = {"role": "finance minister", "role_aliases": ["minister of finance"]}
    assert role_match("finance minister", g)
    assert role_match("former finance-minister", g)
    assert role_match("Minister of Finance", g)
    assert not role_match("minister", g)
    assert not role_match("financeminister", g)


def test_tenure_fields_and_full_tenures():
    pred = {"id": "a", "persons": [], "organizations": [], "tenures": [
        {"person": "Ann Example", "person_qid": "Q1", "role": "ceo", "org": "Acme", "org_qid": None,
         "start": "2020-05-01", "end": None, "status": "current", "ordinal": None},
        {"person": "Sample", "person_qid": None, "role": "finance minister", "org": None, "org_qid": None,
         "start": None, "end": "2019", "status": "unknown", "ordinal": None},
        {"person": "Ann Example", "role": "pilot", "org": None},
    ]}
    r = evaluate([gold_doc()], [pred])
    assert (r.scores["tenures"].tp, r.scores["tenures"].fp, r.scores["tenures"].fn) == (2, 1, 0)
    # the first has a day where the text gave a month: not the same date
    assert r.accuracy["tenure_start"].right == 1
    assert r.accuracy["tenure_status"].right == 1
    assert r.scores["full_tenures"].tp == 1


def test_missing_document_counts_as_misses():
    r = evaluate([gold_doc()], [])
    assert r.missing_documents == ["a"] and r.scores["tenures"].fn == 2


def test_peerage_titles_are_stripped_like_honorifics():
    # a peer is named "Lord X" in the gold and by full name in a prediction: the same person
    from kb.evaluate import person_match

    assert norm_person("Lord Ashworth") == "ashworth"
    assert norm_person("Baroness Ann Exámple") == "ann example"
    assert person_match({"name": "Tom Ashworth"}, {"name": "Lord Ashworth"}) == 1


def test_judged_strict_links_count_only_what_the_golds_reference_can_judge(tmp_path):
    """The gold's QIDs were looked up in one reference file: a kb link to an entry of another
    file on an entity whose gold QID is null is listed as not judgeable, not counted wrong; a
    link to an entry of the gold's file (or where the gold has a QID) is judged as before."""
    from kb.evaluate import format_report, reference_qids

    dump = tmp_path / "gold-reference.jsonl"
    dump.write_text("\n".join(json.dumps({"type": "item", "id": q, "labels": {}, "claims": {}})
                              for q in ("Q1", "Q9", "Q50")) + "\n", encoding="utf-8")
    judged = reference_qids(dump)
    assert judged == frozenset({"Q1", "Q9", "Q50"})
    pred = {"id": "a", "persons": [{"name": "Ann Example", "qid": "Q1"}, {"name": "Bo Sample", "qid": "Q50"}],
            "organizations": [{"name": "Acme Corporation", "qid": "Q9"}, {"name": "Town Council", "qid": "Q777"}],
            "tenures": []}
    r = evaluate([gold_doc()], [pred], judged)
    # the row is unchanged: both null-gold links are wrong there
    assert (r.links["person"].right, r.links["person"].linked) == (1, 2)
    assert (r.links["organization"].right, r.links["organization"].linked) == (1, 2)
    # the judged row: Bo Sample -> Q50 is in the gold's reference (judged wrong); the council's
    # Q777 is not (listed for a person to judge)
    assert (r.judged_links["person"].right, r.judged_links["person"].linked) == (1, 2)
    assert (r.judged_links["organization"].right, r.judged_links["organization"].linked) == (1, 1)
    assert len(r.unjudged_links) == 1 and "Q777" in r.unjudged_links[0]
    text = format_report(r, verbose=True)
    assert "organization judged" in text and "? a: organization 'Town Council' -> Q777" in text
    assert "judged" not in format_report(evaluate([gold_doc()], [pred]))  # no reference, no row


def _tenure(person, role, org=None, start=None, end=None, status="current"):
    return {"person": person, "person_qid": None, "role": role, "role_aliases": [], "position_qid": None,
            "org": org, "org_qid": None, "start": start, "end": end, "status": status, "ordinal": None,
            "sentence": "..."}


def _doc(tenures, orgs=()):
    return {"id": "m", "published": None, "lang": "en", "persons": [],
            "organizations": [{"name": o, "qid": None, "enwiki": None, "aliases": []} for o in orgs],
            "tenures": tenures}


def test_tenure_pairing_does_not_depend_on_prediction_order():
    """Two predictions match the one gold tenure on person and role; the one with the gold's org
    is its partner whichever comes first, and the other counts as spurious."""
    gold = _doc([_tenure("Cleo Marsh", "chairman", "Harbour Trust", start="2011")], ["Harbour Trust"])
    right = {k: v for k, v in _tenure("Cleo Marsh", "chairman", "Harbour Trust", start="2011").items()}
    wrong = _tenure("Cleo Marsh", "chairman", "Quay Club")
    for order in ([wrong, right], [right, wrong]):
        r = evaluate([gold], [{"id": "m", "persons": [], "organizations": [], "tenures": order}])
        assert (r.scores["tenures"].tp, r.scores["tenures"].fp) == (1, 1)
        assert r.accuracy["tenure_org"].value == 1.0 and r.scores["full_tenures"].tp == 1


def test_tenure_pairing_pairs_as_many_as_possible():
    """A gold "minister" may be matched by a predicted "finance minister" (the role contains it),
    but the gold "finance minister" only by that prediction: greedy gold-by-gold pairing gave the
    general gold item the specific prediction and left one of each unpaired."""
    gold = _doc([_tenure("Ivo Lind", "minister"), _tenure("Ivo Lind", "finance minister")])
    pred = {"id": "m", "persons": [], "organizations": [],
            "tenures": [_tenure("Ivo Lind", "finance minister"), _tenure("Ivo Lind", "minister")]}
    r = evaluate([gold], [pred])
    assert (r.scores["tenures"].tp, r.scores["tenures"].fp, r.scores["tenures"].fn) == (2, 0, 0)


def test_organisation_pairing_prefers_the_gold_name_to_an_alias():
    """A gold party lists its city branches as aliases; kb stores the party (linked) and a branch
    (unlinked). Whichever comes first, the party is the gold's partner: its link is judged right
    and the branch counts as spurious."""
    gold = {"id": "m", "published": None, "lang": "de", "persons": [], "tenures": [],
            "organizations": [{"name": "Volkspartei", "qid": "Q7", "aliases": ["Linzer Volkspartei"]}]}
    party = {"name": "Volkspartei", "qid": "Q7"}
    branch = {"name": "Linzer Volkspartei", "qid": None}
    for order in ([branch, party], [party, branch]):
        r = evaluate([gold], [{"id": "m", "persons": [], "tenures": [], "organizations": order}])
        assert (r.scores["organizations"].tp, r.scores["organizations"].fp) == (1, 1)
        assert r.accuracy["organization_link"].value == 1.0
        assert (r.links["organization"].right, r.links["organization"].linked) == (1, 1)

"""German role lexicon, GermEval reading/splitting, the title rule and the German pipeline."""

from __future__ import annotations

import json
import logging

import pytest

from kb.extract.de import ner as german
from kb.extract.de import features as de_features
from kb.extract.de import names as de_names
from kb.errors import ModelError
from kb.extract.de.lexicon import match_role_de, match_role_de_compound, role_lexicon
from kb.extract.de.features import FeatureMarker, title_person_spans
from kb.extract.de.germeval import is_heldout, outer_spans, read_germeval
from kb.extract.de.ner import blank_german
from helpers.tiny_ner import ENTS, round_trip

# --- role lexicon ------------------------------------------------------------------------


def test_lexicon_rows_are_complete():
    lex = role_lexicon()
    assert len(lex) >= 60
    for key, entry in lex.items():
        assert key == entry.german.lower()
        assert entry.role and entry.role == entry.role.lower()
        assert entry.category


@pytest.mark.parametrize(
    "word, role",
    [
        ("Bundeskanzler", "chancellor"),
        ("Bundeskanzlerin", "chancellor"),
        ("Generalsekretärs", "secretary general"),  # des Generalsekretärs
        ("Generalsekretärin", "secretary general"),
        ("Generalsekretärinnen", "secretary general"),
        ("Ministerin", "minister"),  # der früheren Ministerin
        ("Präsidenten", "president"),  # weak noun: den Präsidenten
        ("Vorsitzender", "chair"),  # adjectival noun: ein Vorsitzender
        ("Vorsitzenden", "chair"),
        ("Abgeordneten", "member of parliament"),
        ("Ministerpräsidentin", "prime minister"),
        ("Regierungschefs", "head of government"),
        ("Außenministers", "foreign minister"),
        ("Bürgermeisterinnen", "mayor"),
        ("Vorstandschefin", "chief executive officer"),
        ("Botschafterin", "ambassador"),
    ],
)
def test_inflected_and_feminine_forms(word, role):
    assert match_role_de(word) == role


@pytest.mark.parametrize(
    "word, role",
    [
        ("Bundesaußenministerin", "foreign minister"),  # closed compound: longest known tail
        ("Landesinnenminister", "interior minister"),
        ("Parteivorsitzende", "party leader"),  # its own row beats the shorter "vorsitzende"
        ("Premierminister", "prime minister"),  # not the shorter "minister"
    ],
)
def test_closed_compounds(word, role):
    assert match_role_de(word) == role


@pytest.mark.parametrize(
    "word", ["Berlin", "Premiere", "Ministerium", "Präsidentschaft", "Meister", "früheren", "Regierung", "in", "Bundestag", "2025"]
)
def test_non_roles(word):
    assert match_role_de(word) is None


@pytest.mark.parametrize(
    "token, expected",
    [
        ("NATO-Generalsekretär", ("secretary general", "NATO")),
        ("NATO-Generalsekretärs", ("secretary general", "NATO")),
        ("SPD-Fraktionschefin", ("parliamentary group leader", "SPD")),
        ("EU-Kommissionspräsidentin", ("commission president", "EU")),
        ("CDU-Chef", ("head", "CDU")),
        ("Ex-Kanzler", ("chancellor", None)),  # "Ex" is a modifier, not an organisation
        ("Vize-Kanzler", ("vice chancellor", None)),
        ("Generalsekretär", ("secretary general", None)),
    ],
)
def test_hyphenated_compounds(token, expected):
    assert match_role_de_compound(token) == expected


@pytest.mark.parametrize("token", ["EU-Kommission", "NATO-Gipfel", "Baden-Württemberg", "Berlin", "-"])
def test_hyphenated_non_roles(token):
    assert match_role_de_compound(token) is None


# --- GermEval reading and split ------------------------------------------------------------

TSV = """1\tGestern\tO\tO
2\tsprach\tO\tO
3\tAnna\tB-PER\tO
4\tMüller\tI-PER\tO
5\tvon\tO\tO
6\tder\tO\tO
7\tSPD-Fraktion\tB-ORGpart\tB-ORG
8\tmit\tO\tO
9\tdeutschen\tB-LOCderiv\tB-LOC
10\tReportern\tO\tO
11\tin\tO\tO
12\tBad\tB-LOC\tO
13\tEms\tI-LOC\tO
14\t.\tO\tO

1\tDie\tO\tO
2\tFirma\tO\tO
3\tSiemens\tB-ORG\tO
4\tAG\tI-ORG\tO
"""


def test_read_germeval_and_outer_spans(tmp_path):
    path = tmp_path / "mini.tsv"
    path.write_text(TSV, encoding="utf-8")
    sents = read_germeval(path)
    assert [s.index for s in sents] == [0, 1]
    assert sents[0].words[2:4] == ["Anna", "Müller"]
    # deriv/part are not names: only the PER and LOC spans remain
    assert outer_spans(sents[0].tags) == [(2, 4, "PER"), (11, 13, "LOC")]
    assert outer_spans(sents[1].tags) == [(2, 4, "ORG")]


def test_outer_spans_starts_new_span_on_label_change_and_stray_inside():
    assert outer_spans(["I-PER", "I-PER", "I-ORG", "O", "B-LOC", "B-LOC"]) == [
        (0, 2, "PER"),
        (2, 3, "ORG"),
        (4, 5, "LOC"),
        (5, 6, "LOC"),
    ]


def test_malformed_germeval_line_says_how_to_fix(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("just one column\n", encoding="utf-8")
    with pytest.raises(ModelError, match="GermEval TSV"):
        read_germeval(path)


def test_heldout_split_is_deterministic_and_about_a_fifth():
    picks = [is_heldout(i) for i in range(5000)]
    assert picks == [is_heldout(i) for i in range(5000)]
    assert 0.17 < sum(picks) / len(picks) < 0.23


# --- title rule and pipeline ----------------------------------------------------------------


def _persons(nlp, text):
    return [e.text for e in nlp(text).ents if e.label_ == "PER"]


def test_title_rule_finds_names_after_role_words():
    nlp = blank_german()
    text = "Gestern empfing Bundeskanzlerin Anna Beispiel den NATO-Generalsekretär Piet Voorbeeld in Berlin."
    assert _persons(nlp, text) == ["Anna Beispiel", "Piet Voorbeeld"]


@pytest.mark.parametrize(
    "text",
    [
        "Der Präsident Frankreichs reiste ab.",  # genitive country, not a name
        "Die Ministerin sagte am Montag nichts.",
        "Der Präsident der Vereinigten Staaten kam.",
        "Die Vorsitzende Richterin verlas das Urteil.",  # role after role
        "Dem Präsidenten Im Saal wurde applaudiert.",  # capitalised function word
    ],
)
def test_title_rule_does_not_fire(text):
    assert _persons(blank_german(), text) == []


def test_title_rule_respects_existing_entities():
    from spacy.tokens import Span

    nlp = blank_german()
    doc = nlp.make_doc("Präsident Müller Stiftung")
    doc.ents = [Span(doc, 1, 3, label="ORG")]
    assert title_person_spans(doc) == []


def test_feature_marker_classes_and_roundtrip(tmp_path):
    marker = FeatureMarker(first={"Anna", "Paul"}, last={"Müller", "Paul"})
    assert [marker.marker(w) for w in ["Anna", "Müller", "Paul", "Präsidentin", "Haus"]] == [
        "FIRST",
        "LAST",
        "FIRSTLAST",
        "ROLE",
        "-",
    ]
    marker.to_disk(tmp_path / "feat")
    again = FeatureMarker().from_disk(tmp_path / "feat")
    assert again.first == marker.first and again.last == marker.last


def test_rule_only_fallback_warns_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(german, "MODEL_DIR", tmp_path / "absent")
    monkeypatch.setattr(german, "_warned", False)
    german.load_german.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="kb.extract.de.ner"):
            nlp = german.load_german()
            german.load_german.cache_clear()
            german.load_german()
        assert "ner" not in nlp.pipe_names and "sentencizer" in nlp.pipe_names
        assert sum("rule-only" in r.message for r in caplog.records) == 1
        assert [s.text for s in nlp("Das ist gut. Das auch.").sents] == ["Das ist gut.", "Das auch."]
    finally:
        german.load_german.cache_clear()


def test_configured_model_that_is_not_a_pipeline_says_how_to_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_DE_MODEL", str(tmp_path))
    german.load_german.cache_clear()
    try:
        with pytest.raises(ModelError, match="KB_DE_MODEL"):
            german.load_german()
    finally:
        german.load_german.cache_clear()


@pytest.fixture
def trained_german():
    if not (german.MODEL_DIR / "config.cfg").exists():
        pytest.skip("trained German NER artefact absent (scripts/train_de_ner.py builds it)")
    german.load_german.cache_clear()
    return german.load_german()


def test_trained_model_finds_people_and_organisations(trained_german):
    doc = trained_german(
        "Am Dienstag traf sich Bundeskanzler Friedrich Merz in Paris mit dem französischen "
        "Präsidenten Emmanuel Macron. Danach sprach er mit Vertretern von Siemens und der Deutschen Bank."
    )
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Friedrich Merz", "PER") in ents
    assert ("Emmanuel Macron", "PER") in ents
    assert any(label == "ORG" for _, label in ents)
    assert len(list(doc.sents)) == 2
    assert all(t.lemma_ == "" for t in doc)  # feature markers are cleared after NER


def test_trained_model_leaves_plain_sentences_alone(trained_german):
    doc = trained_german("Das Wetter wird morgen schlechter, sagen die Meteorologen.")
    assert [e.text for e in doc.ents if e.label_ in ("PER", "ORG")] == []


# --- scripts: real processes on data written here -----------------------------------------

REPO = de_names.HERE.parent.parent.parent


def _write_mini_germeval(path, n: int = 40) -> None:
    """n short sentences with PER/ORG/LOC spans, varied so the split has all three parts."""
    firsts = ["Anna", "Paul", "Greta", "Jonas", "Lena"]
    lasts = ["Beispiel", "Muster", "Probe", "Versuch", "Vorlage"]
    orgs = ["Stadtwerke", "Bergbahn", "Landbank", "Nordfunk"]
    places = ["Kleinstadt", "Oberdorf", "Seehausen"]
    lines = []
    for i in range(n):
        words = [
            (firsts[i % 5], "B-PER"), (lasts[(i * 3) % 5], "I-PER"), ("arbeitet", "O"), ("bei", "O"),
            ("der", "O"), (orgs[i % 4], "B-ORG"), ("in", "O"), (places[i % 3], "B-LOC"), (".", "O"),
        ]
        lines += [f"{k + 1}\t{w}\t{t}\tO" for k, (w, t) in enumerate(words)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.slow
def test_train_then_evaluate_on_own_data(tmp_path):
    import subprocess
    import sys

    data = tmp_path / "mini.tsv"
    _write_mini_germeval(data)
    out = tmp_path / "model"
    train = subprocess.run(
        [sys.executable, str(REPO / "scripts/train_de_ner.py"), "--data", str(data), "--out", str(out),
         "--no-gazetteer", "--no-clusters", "--max-epochs", "3", "--patience", "3"],
        capture_output=True, text=True, timeout=600,
    )
    assert train.returncode == 0, train.stderr
    assert (out / "config.cfg").exists() and (out / "LICENSE").exists()
    assert "CC BY 4.0" in (out / "README.md").read_text(encoding="utf-8")
    ev = subprocess.run(
        [sys.executable, str(REPO / "scripts/eval_germeval.py"), "--data", str(data), "--model", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert ev.returncode == 0, ev.stderr
    assert "model    PER+ORG" in ev.stdout and "caps     PER+ORG" in ev.stdout


@pytest.mark.parametrize("script", ["eval_germeval.py", "bench_de.py"])
def test_scripts_skip_cleanly_without_data(tmp_path, script):
    import subprocess
    import sys

    missing = str(tmp_path / "absent.tsv")
    args = ["--data", missing] if script == "eval_germeval.py" else ["--de-data", missing]
    res = subprocess.run([sys.executable, str(REPO / "scripts" / script), *args], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("skipped:")


def test_hash_char_embed_trains_saves_and_reloads(tmp_path):
    """The character-embedding architecture must survive to_disk / spacy.load (registered by kb)."""
    german.register_components()
    embed = {"@architectures": "kb.HashCharEmbed.v1", "width": 16, "attrs": ["NORM", "SHAPE"], "rows": [200, 50],
             "nM": 8, "nC": 4}
    before, _, after = round_trip(embed, tmp_path)
    assert before == ENTS
    assert after == before


def test_majority_vote_needs_same_boundaries_and_label():
    votes = [
        {(0, 2, "PER"), (4, 5, "ORG")},
        {(0, 2, "PER"), (4, 5, "LOC"), (6, 7, "OTH")},
        {(1, 2, "PER"), (4, 5, "ORG"), (6, 7, "OTH")},
    ]
    assert de_features.majority_vote(votes, 2) == [(0, 2, "PER"), (4, 5, "ORG"), (6, 7, "OTH")]
    assert de_features.majority_vote(votes, 3) == []
    # overlapping candidates: the better-supported span wins, the result never overlaps
    assert de_features.majority_vote([{(0, 3, "ORG")}, {(0, 3, "ORG"), (1, 2, "PER")}, {(1, 2, "PER"), (0, 3, "ORG")}], 2) == [
        (0, 3, "ORG")
    ]


def _tiny_crf(cluster) -> bytes:
    """A real CRF trained on sentences written here: '<First> <Last> besucht <Org> .'"""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    firsts, lasts, orgs = ["Anna", "Jonas", "Petra", "Lukas"], ["Keller", "Brandt", "Vogel", "Sommer"], ["Siemens", "Bayer", "Lufthansa"]
    for i in range(24):
        words = ["Gestern", firsts[i % 4], lasts[(i + 1) % 4], "besucht", orgs[i % 3], "."]
        trainer.append(de_features.crf_features(words, cluster), de_features.bio_tags(6, [(1, 3, "PER"), (4, 5, "ORG")]))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    path = REPO / ".pytest_cache" / "tiny.crfsuite"
    path.parent.mkdir(exist_ok=True)
    trainer.train(str(path))
    data = path.read_bytes()
    path.unlink()
    return data


def test_ensemble_vote_combines_stashed_current_and_crf_and_reloads(tmp_path):
    import spacy
    from spacy.tokens import Doc, Span

    german.register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("kb_de_features")
    stash = nlp.add_pipe("kb_de_stash")
    vote = nlp.add_pipe("kb_de_vote")
    vote.crf_bytes = _tiny_crf(lambda w: None)
    words = ["Gestern", "Petra", "Brandt", "besucht", "Bayer", "."]
    assert vote.crf_spans(words) == {(1, 3, "PER"), (4, 5, "ORG")}

    def run(pipeline, first_ner, second_ner):
        doc = Doc(pipeline.vocab, words=words)
        doc = pipeline.get_pipe("kb_de_features")(doc)
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in first_ner]
        doc = pipeline.get_pipe("kb_de_stash")(doc)
        assert list(doc.ents) == [] and len(doc.spans["kb_ner"]) == len(first_ner)
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in second_ner]
        doc = pipeline.get_pipe("kb_de_vote")(doc)
        assert "kb_ner" not in doc.spans
        return {(e.start, e.end, e.label_) for e in doc.ents}

    # first NER agrees with the CRF on the person, second with the CRF on the organisation
    assert run(nlp, [(1, 3, "PER"), (3, 4, "OTH")], [(4, 5, "ORG"), (1, 2, "PER")]) == {(1, 3, "PER"), (4, 5, "ORG")}
    # both NER models agree on a span the CRF misses: kept; a lone proposal is dropped
    # (the CRF's PER and ORG have one vote each here, so they go too)
    assert run(nlp, [(3, 4, "OTH")], [(3, 4, "OTH"), (0, 1, "LOC")]) == {(3, 4, "OTH")}
    assert stash.group == "kb_ner"
    nlp.to_disk(tmp_path / "vote")
    again = spacy.load(tmp_path / "vote")
    assert again.get_pipe("kb_de_vote").crf_bytes == vote.crf_bytes
    assert again.get_pipe("kb_de_vote").crf_spans(words) == {(1, 3, "PER"), (4, 5, "ORG")}
    assert run(again, [(0, 1, "LOC"), (1, 3, "PER")], [(0, 1, "LOC")]) == {(0, 1, "LOC"), (1, 3, "PER")}


def test_domain_features_keep_a_shared_and_a_corpus_copy():
    feats = [{"w": "Polizei", "title": True}]
    assert de_features.domain_features(feats, "sd") == [
        {"g:w": "Polizei", "g:title": True, "sd:w": "Polizei", "sd:title": True}
    ]
    assert de_features.domain_features(feats, None) == [{"g:w": "Polizei", "g:title": True}]


def test_vote_tags_with_its_corpus_copy_of_a_domain_augmented_crf(tmp_path):
    """Two corpora disagree on "Polizei" (a name in one, not in the other): a CRF trained with
    both corpora's copies tags each corpus' way, and the vote keeps which copy it uses."""
    import pycrfsuite
    import spacy

    trainer = pycrfsuite.Trainer(verbose=False)
    for i, org in enumerate(["Siemens", "Bayer", "Lufthansa"] * 8):
        words = ["Die", "Polizei", "kam", "zu", org, "."]
        corpus = "ge" if i % 2 else "sd"
        tags = ["O", "O" if corpus == "ge" else "B-ORG", "O", "O", "B-ORG", "O"]
        trainer.append(de_features.domain_features(de_features.crf_features(words, lambda _w: None), corpus), tags)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    path = tmp_path / "aug.crfsuite"
    trainer.train(str(path))

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote")
    vote.crf_bytes = path.read_bytes()
    words = ["Die", "Polizei", "kam", "zu", "Bayer", "."]
    vote.domain = "ge"
    assert vote.crf_spans(words) == {(4, 5, "ORG")}
    vote.to_disk(tmp_path / "kb_de_vote")
    again = de_features.EnsembleVote(nlp, ["kb_ner"], 2).from_disk(tmp_path / "kb_de_vote")
    assert again.domain == "ge" and again.crf_spans(words) == {(4, 5, "ORG")}
    again.domain, again._tagger = "sd", None
    assert again.crf_spans(words) == {(1, 2, "ORG"), (4, 5, "ORG")}


def _train_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_de_ner", REPO / "scripts" / "train_de_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_flag_marks_smartdata_only_and_leaves_sentences_alone():
    """SmartData's training docs carry the flag; GermEval's stay as every doc at run time; the
    flag must not make spaCy treat the doc as parsed (the sentencizer writes sentence starts)."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("de")
    sd = de_features.mark_corpus(Doc(nlp.vocab, words=["Die", "Polizei", "kam", ".", "Dann", "ging", "sie", "."]), "sd")
    assert {t.pos_ for t in sd} == {de_features.CORPUS_FLAGS["sd"]} != {""}
    ge = de_features.mark_corpus(Doc(nlp.vocab, words=["Die", "Polizei", "kam", "."]), "ge")
    assert not ge.has_annotation(de_features.CORPUS_ATTR)
    sentencizer = nlp.add_pipe("sentencizer")
    assert len(list(sentencizer(sd).sents)) == 2
    assert not de_features.add_title_persons(sd).has_annotation(de_features.CORPUS_ATTR)


def test_corpus_flagged_ner_learns_each_corpus_style_and_tags_germeval_style(tmp_path):
    """Two corpora disagree on "Polizei" (an organisation in SmartData, not in GermEval): a NER
    that embeds the corpus flag learns both, and an unflagged doc (run time) is tagged as
    GermEval's; the flag's embedding survives to_disk / spacy.load."""
    import spacy
    from spacy.tokens import Doc

    train = _train_script()
    model = _tiny_flagged_model()
    assert model["tok2vec"]["embed"]["attrs"][-1] == de_features.CORPUS_ATTR
    assert "POS" not in train.NER_MODEL["tok2vec"]["embed"]["attrs"]  # the plain config is untouched
    german.register_components()
    nlp = spacy.blank("de")
    _tiny_flagged_ner(nlp, ["Die", "Polizei", "kam", "zu"], ["Siemens", "Bayer", "Lufthansa"])

    def tagged(pipeline, corpus):
        words = ["Die", "Polizei", "kam", "zu", "Bayer", "."]
        doc = de_features.mark_corpus(Doc(pipeline.vocab, words=words), corpus)
        return {(e.start, e.end, e.label_) for e in pipeline.get_pipe("ner")(doc).ents}

    assert tagged(nlp, "ge") == {(4, 5, "ORG")}
    assert tagged(nlp, "sd") == {(1, 2, "ORG"), (4, 5, "ORG")}
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    assert tagged(again, "ge") == {(4, 5, "ORG")} and tagged(again, "sd") == tagged(nlp, "sd")


def test_assemble_replaces_one_member_of_an_assembled_artefact_in_place(tmp_path):
    """``--assemble ARTEFACT NEW_RUN`` keeps the artefact's ``ner``, takes the new run's NER as
    ``ner_char`` (with its corpus flag), retrains the CRF and keeps the model card, also when the
    artefact is rewritten in place."""
    import spacy

    from kb.extract.de.germeval import read_germeval

    train = _train_script()
    german.register_components()
    data = tmp_path / "mini.tsv"
    _write_mini_germeval(data)
    sents = read_germeval(data)

    def tuning_run(path, corpus_flag):
        nlp, feats = train.build_pipeline(set(), set(), {}, corpus_flag=corpus_flag)
        examples = [train.make_example(nlp, s, feats) for s in sents[:8]]
        with nlp.select_pipes(enable=["ner"]):
            nlp.initialize(lambda: examples)
        nlp.to_disk(path)

    tuning_run(tmp_path / "base", False)
    tuning_run(tmp_path / "second", False)
    tuning_run(tmp_path / "flagged", True)
    out = tmp_path / "vote"
    assert train.assemble(tmp_path / "base", tmp_path / "second", sents, out) == 0
    (out / "README.md").write_text("model card", encoding="utf-8")
    base_ner = (out / "ner" / "model").read_bytes()
    assert train.assemble(out, tmp_path / "flagged", sents, out) == 0
    again = spacy.load(out)
    assert again.pipe_names == ["kb_de_features", "ner", "kb_de_stash", "ner_char", "kb_de_vote", "sentencizer",
                                "kb_de_title_person"]
    assert (out / "ner" / "model").read_bytes() == base_ner
    assert (out / "ner_char" / "model").read_bytes() == (tmp_path / "flagged" / "ner" / "model").read_bytes()
    assert de_features.CORPUS_ATTR in again.config["components"]["ner_char"]["model"]["tok2vec"]["embed"]["attrs"]
    assert de_features.CORPUS_ATTR not in again.config["components"]["ner"]["model"]["tok2vec"]["embed"]["attrs"]
    assert again.get_pipe("kb_de_vote").crf_bytes and (out / "README.md").read_text(encoding="utf-8") == "model card"


def _tiny_flagged_model() -> dict:
    """A small NER model config (two embedded attributes, width 16) with the corpus flag."""
    train = _train_script()
    model = json.loads(json.dumps(train.NER_MODEL))
    model["tok2vec"]["embed"].update(attrs=["NORM", "SHAPE"], rows=[200, 50], width=16)
    model["tok2vec"]["encode"].update(width=16, depth=1)
    return train.with_corpus_flag(model)


def _tiny_flagged_ner(nlp, before=("Der", "Zoll", "prüft", "bei"), orgs=("Hensel", "Varta", "Krones")):
    """Add to ``nlp`` a small NER with the corpus flag, taught from sentences ``before`` + an
    organisation of ``orgs`` + "." that the second word ("Zoll") is an organisation in
    SmartData's style only (flagged sentences) and the closing company in both."""
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    ner = nlp.add_pipe("ner", config={"model": _tiny_flagged_model()})
    examples = []
    for i, org in enumerate(list(orgs) * 4):
        corpus = "sd" if i % 2 else "ge"
        words = [*before, org, "."]
        gold = Doc(nlp.vocab, words=words)
        at = len(before)
        gold.ents = [Span(gold, at, at + 1, label="ORG")] + ([Span(gold, 1, 2, label="ORG")] if corpus == "sd" else [])
        examples.append(Example(de_features.mark_corpus(Doc(nlp.vocab, words=words), corpus), gold))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    return ner


def test_flagged_reading_reads_a_member_again_in_smartdatas_style():
    """``kb_de_reread`` runs a flagged NER once more with SmartData's flag: its spans go to their
    own group, the doc's entities and its (unset) flag stay as they were, alone and in nlp.pipe."""
    import spacy
    from spacy.tokens import Doc, Span

    german.register_components()
    nlp = spacy.blank("de")
    reread = nlp.add_pipe("kb_de_reread", config={"member": "ner", "group": "kb_ner_sd", "corpus": "sd"})
    _tiny_flagged_ner(nlp)
    words = ["Der", "Zoll", "prüft", "bei", "Varta", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 0, 1, label="LOC")]
    doc = reread(doc)
    assert {(s.start, s.end, s.label_) for s in doc.spans["kb_ner_sd"]} == {(1, 2, "ORG"), (4, 5, "ORG")}
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(0, 1, "LOC")]
    assert all(tok.pos_ == "" for tok in doc)
    for doc in nlp.pipe(["Der Zoll prüft bei Varta .", "Der Zoll prüft bei Krones ."], batch_size=2):
        assert {(s.start, s.end) for s in doc.spans["kb_ner_sd"]} == {(1, 2), (4, 5)}
        assert {(e.start, e.end, e.label_) for e in doc.ents} == {(4, 5, "ORG")}  # the unflagged reading
        assert all(tok.pos_ == "" for tok in doc)


def test_add_reading_makes_a_four_member_vote_that_keeps_the_crf(tmp_path):
    """``--add-reading`` puts the second reading of ``ner_char`` before it as a fourth member,
    keeps the CRF (and its corpus copy) and drops the three-member stacker."""
    import spacy

    from kb.extract.de.germeval import read_germeval
    from kb.extract.de.stacker import SpanStacker, feature_names

    train = _train_script()
    german.register_components()
    data = tmp_path / "mini.tsv"
    _write_mini_germeval(data)
    sents = read_germeval(data)
    for name in ("base", "second"):
        nlp, feats = train.build_pipeline(set(), set(), {}, corpus_flag=name == "second")
        examples = [train.make_example(nlp, s, feats) for s in sents[:8]]
        with nlp.select_pipes(enable=["ner"]):
            nlp.initialize(lambda: examples)
        nlp.to_disk(tmp_path / name)
    vote_dir, out = tmp_path / "vote", tmp_path / "read"
    assert train.assemble(tmp_path / "base", tmp_path / "second", sents, vote_dir) == 0
    three = spacy.load(vote_dir).get_pipe("kb_de_vote")
    three.domain, three.stacker = "ge", SpanStacker([0.0] * len(feature_names(3)), 0.5)
    three.to_disk(vote_dir / "kb_de_vote")
    assert train.add_reading(vote_dir, out) == 0
    again = spacy.load(out)
    assert again.pipe_names[:6] == ["kb_de_features", "ner", "kb_de_stash", "ner_char_sd", "ner_char", "kb_de_vote"]
    vote = again.get_pipe("kb_de_vote")
    assert vote.groups == ["kb_ner", "kb_ner_sd"] and vote.domain == "ge" and vote.stacker is None
    assert vote.crf_bytes == three.crf_bytes
    assert (out / "ner_char" / "model").read_bytes() == (vote_dir / "ner_char" / "model").read_bytes()
    doc = again("Der Zoll prüft bei Varta .")
    assert "kb_ner_sd" not in doc.spans and all(tok.pos_ == "" for tok in doc)


def test_mention_replacement_swaps_names_of_one_type_within_the_corpus():
    from kb.extract.de.germeval import GermEvalSentence, outer_spans

    train = _train_script()
    sents = [
        GermEvalSentence(0, ["Heute", "sprach", "Jana", "Vzor", "bei", "Nordbank", "."],
                         ["O", "O", "B-PER", "I-PER", "O", "B-ORG", "O"]),
        GermEvalSentence(1, ["Die", "Firma", "Hensel", "wächst", "in", "Ulm", "."],
                         ["O", "O", "B-ORG", "O", "O", "B-LOC", "O"]),
        GermEvalSentence(2, ["Es", "regnet", "."], ["O", "O", "O"]),
        GermEvalSentence(3, ["Gestern", "kam", "Ole", "."], ["O", "O", "B-PER", "O"]),
    ]
    copies = train.mention_replaced(sents, 2, 0)
    assert len(copies) == 6  # two of each sentence with a person or organisation
    assert copies == train.mention_replaced(sents, 2, 0)  # deterministic
    persons, orgs = {("Jana", "Vzor"), ("Ole",)}, {("Nordbank",), ("Hensel",)}
    for new in copies:
        for a, b, lab in outer_spans(new.tags):
            name = tuple(new.words[a:b])
            assert name in {"PER": persons, "ORG": orgs, "LOC": {("Ulm",)}}[lab]
        assert new.words[-1] == "." and len(new.words) == len(new.tags)
    originals = {s.index: s.words for s in sents}
    assert any(c.words != originals[c.index] for c in copies)  # some name really moved

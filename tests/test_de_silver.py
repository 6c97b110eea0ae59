"""Self-training sentences for the German CRF (``scripts/de_silver.py``, ``train_de_ner.py --silver-gnad``).

Every text here is invented for the test; no corpus is read."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kb.extract.de import ner as german
from kb.extract.de.germeval import GermEvalSentence, outer_spans, read_germeval

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import de_silver  # noqa: E402


def _train_script():
    spec = importlib.util.spec_from_file_location("train_de_ner", REPO / "scripts" / "train_de_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _article(doc_id: str, words: int, role_words: int, seed: str = "x") -> dict:
    filler = [f"{seed}wort{i}" for i in range(words - role_words)]
    return {"id": doc_id, "text": " ".join(["Minister"] * role_words + filler)}


def test_undrawable_leaves_out_every_article_a_dev_set_can_hold():
    drawable = _article("gnad_test_1", 300, 3, "a")  # 150-900 words, three role words
    short = _article("gnad_test_2", 80, 3, "b")  # too short for a dev set
    few_roles = _article("gnad_test_3", 300, 1, "c")  # too few role words
    retold = {"id": "gnad_test_4", "text": " ".join(drawable["text"].split()[:120])}  # short, but the same story
    kept = de_silver.undrawable([drawable, short, few_roles, retold])
    assert [d["id"] for d in kept] == ["gnad_test_2", "gnad_test_3"]


def _sent(k: int, named: bool) -> GermEvalSentence:
    words = ["Heute", "sprach", "Irmela", "Quast", "."] if named else ["Es", "regnete", "lange", "."]
    tags = ["O", "O", "B-PER", "I-PER", "O"] if named else ["O"] * 4
    return GermEvalSentence(k, words, tags)


def test_keep_silver_keeps_every_named_sentence_and_every_nth_empty_one():
    sents = [_sent(k, named=k % 3 == 0) for k in range(12)]  # named: 0, 3, 6, 9
    kept = de_silver.keep_silver(sents, every=4)
    empty = [s.index for s in sents if s.index % 3]
    assert [s.index for s in kept] == sorted([0, 3, 6, 9] + empty[::4])
    assert len(de_silver.keep_silver(sents, every=1)) == 12


class _FixedVote:
    """A stand-in for the vote's CRF: the spans it proposes per sentence (by first word)."""

    def __init__(self, crf: dict[str, set]):
        self.groups = ["kb_ner"]
        self.crf = crf

    def crf_tag(self, words, marginals=False, stts=None):
        return set(self.crf.get(words[0], set())), []


def _fixed_members(nlp, first: dict[str, set], last: dict[str, set]) -> None:
    """Two 'members' as pipeline components: their spans per sentence (by first word)."""
    from spacy.language import Language
    from spacy.tokens import Span

    @Language.component("devec_silver_members")
    def members(doc):
        doc.spans["kb_ner"] = [Span(doc, a, b, label=lab) for a, b, lab in sorted(first.get(doc[0].text, set()))]
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in sorted(last.get(doc[0].text, set()))]
        return doc

    @Language.component("devec_silver_vote_slot")
    def vote_slot(doc):
        return doc

    nlp.add_pipe("devec_silver_members")
    nlp.add_pipe("devec_silver_vote_slot", name="kb_de_vote")


def test_agreed_sentences_keeps_only_what_every_member_tags_alike():
    import spacy

    nlp = spacy.blank("de")
    person, org = {(2, 4, "PER")}, {(2, 3, "ORG")}
    first = {"Dann": person, "Gestern": person, "Morgen": set(), "Bald": org}
    last = {"Dann": person, "Gestern": person, "Morgen": set(), "Bald": {(2, 3, "LOC")}}
    crf = {"Dann": person, "Gestern": set(), "Morgen": set(), "Bald": org}
    _fixed_members(nlp, first, last)
    sentences = [("d1", ["Dann", "sagte", "Olaf", "Brenk", "."]), ("d1", ["Gestern", "kam", "Ute", "Rahm", "."]),
                 ("d2", ["Morgen", "wird", "es", "warm", "."]), ("d2", ["Bald", "zahlt", "Vollmer", "."])]
    agreed = list(de_silver.agreed_sentences(nlp, _FixedVote(crf), sentences))
    assert [s.words[0] for s in agreed] == ["Dann", "Morgen"]
    assert outer_spans(agreed[0].tags) == [(2, 4, "PER")] and agreed[1].tags == ["O"] * 5


def test_silver_cache_round_trip_and_is_read_without_the_corpus(tmp_path):
    sents = [_sent(0, True), _sent(1, False)]
    cache = tmp_path / "silver.jsonl"
    de_silver.write_silver(sents, cache)
    again = de_silver.silver_sentences(tmp_path / "absent.jsonl", tmp_path / "no-model", cache)
    assert [(s.index, s.words, s.tags) for s in again] == [(s.index, s.words, s.tags) for s in sents]
    with pytest.raises(SystemExit, match="--silver-gnad"):
        de_silver.silver_sentences(tmp_path / "absent.jsonl", tmp_path / "no-model", tmp_path / "none.jsonl")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "n0", "text": "Es regnete."}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="--silver-tagger"):
        de_silver.silver_sentences(corpus, tmp_path / "no-model", tmp_path / "none.jsonl")


def _write_mini_germeval(path: Path, n: int = 30) -> None:
    firsts, lasts = ["Wiebke", "Janosch", "Ilka", "Ruben", "Frauke"], ["Sommer", "Lindqvist", "Brauer", "Okafor", "Hain"]
    orgs, places = ["Tellwerk", "Brisanto", "Kaltron", "Velmora"], ["Husum", "Passau", "Wetzlar"]
    lines = []
    for i in range(n):
        words = [(firsts[i % 5], "B-PER"), (lasts[(i * 3) % 5], "I-PER"), ("leitet", "O"), ("die", "O"),
                 ("Firma", "O"), (orgs[i % 4], "B-ORG"), ("in", "O"), (places[i % 3], "B-LOC"), (".", "O")]
        lines += [f"{k + 1}\t{w}\t{t}\tO" for k, (w, t) in enumerate(words)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _tiny_artefact(tmp_path: Path, train, sents, updates: int = 0) -> Path:
    """An assembled vote of two spaCy members (``updates`` steps on the sentences) and a CRF
    (as ``--assemble`` builds it)."""
    for name in ("base", "second"):
        nlp, feats = train.build_pipeline(set(), set(), {})
        examples = [train.make_example(nlp, s, feats) for s in sents[:12]]
        with nlp.select_pipes(enable=["ner"]):
            optimizer = nlp.initialize(lambda: examples)
            for _ in range(updates):
                nlp.update(examples, sgd=optimizer, drop=0.0)
        nlp.to_disk(tmp_path / name)
    out = tmp_path / "vote"
    assert train.assemble(tmp_path / "base", tmp_path / "second", sents, out) == 0
    return out


def _crf_features_of(model_dir: Path) -> set[str]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_dir / "kb_de_vote" / "crf.crfsuite"))
    return {feat for feat, _label in tagger.info().state_features}


def test_retrain_crf_with_silver_gives_them_their_own_copy_and_the_licence(tmp_path):
    """``--retrain-crf --crf-domains --silver-gnad``: the silver sentences train the CRF under a
    feature copy of their own ("gn:"), their names are learnt, and the model says CC BY-NC-SA."""
    german.register_components()
    train = _train_script()
    data = tmp_path / "mini.tsv"
    _write_mini_germeval(data)
    sents = read_germeval(data)
    out = _tiny_artefact(tmp_path, train, sents)
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["license"] == "CC BY 4.0"
    assert not any(f.startswith("gn:") for f in _crf_features_of(out))
    silver = [GermEvalSentence(k, ["Heute", "sprach", "Quirin", "Falkner", "."], ["O", "O", "B-PER", "I-PER", "O"])
              for k in range(6)]
    assert train.retrain_crf(out, sents, crf_domains=True, silver=silver) == 0
    feats = _crf_features_of(out)
    assert "gn:w:Falkner" in feats and "g:w:Falkner" in feats and not any(f.startswith("sd:") for f in feats)
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["license"] == "CC BY-NC-SA 4.0"
    assert train.retrain_crf(out, sents, crf_domains=True) == 0  # the CC BY rebuild: no silver, no gn: copy
    assert not any(f.startswith("gn:") for f in _crf_features_of(out))
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["license"] == "CC BY 4.0"


def test_cli_silver_gnad_tags_an_unlabelled_corpus_once_and_reuses_the_cache(tmp_path):
    """The whole option: a corpus of invented articles is tagged by the artefact's members, the
    agreed sentences cached, and a second run reads the cache (the corpus may be gone)."""
    german.register_components()
    train = _train_script()
    data = tmp_path / "mini.tsv"
    _write_mini_germeval(data)
    out = _tiny_artefact(tmp_path, train, read_germeval(data), updates=40)
    corpus = tmp_path / "news.jsonl"
    texts = ["Wiebke Sommer leitet die Firma Tellwerk in Husum. Es regnete.",
             "Ilka Brauer leitet die Firma Kaltron in Wetzlar. Dann kam der Bus."]
    corpus.write_text("".join(json.dumps({"id": f"n{k}", "text": t}) + "\n" for k, t in enumerate(texts)),
                      encoding="utf-8")
    cache = tmp_path / "silver.jsonl"
    args = ["--data", str(data), "--out", str(out), "--retrain-crf", "--silver-gnad", str(corpus),
            "--silver-cache", str(cache), "--silver-every", "1"]
    assert train.main(args) == 0
    silver = de_silver.read_silver(cache)
    words = [s.words for s in silver]
    assert silver and any(s.tags != ["O"] * len(s.words) for s in silver)
    assert all(w in (["Wiebke", "Sommer", "leitet", "die", "Firma", "Tellwerk", "in", "Husum", "."], ["Es", "regnete", "."],
                     ["Ilka", "Brauer", "leitet", "die", "Firma", "Kaltron", "in", "Wetzlar", "."],
                     ["Dann", "kam", "der", "Bus", "."]) for w in words)
    corpus.unlink()
    assert train.main(args) == 0  # the cache, not the corpus
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["license"] == "CC BY-NC-SA 4.0"

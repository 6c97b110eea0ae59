"""The extract stage: languages per sentence, and huge documents parsed in bounded parts."""

from kb.extract import pipeline
from kb.extract.pipeline import Extractor, _parts, assign_languages
from kb.extract.sentences import split_sentences
from kb.model import Document


def test_parts_are_bounded_and_cover_every_sentence():
    sents = split_sentences(" ".join(f"Sentence number {i} is here." for i in range(100)))
    groups = _parts(sents, 200)
    assert [s.index for g in groups for s in g] == list(range(100))
    assert all(sum(len(s.text) for s in g) <= 200 for g in groups)


def test_explicit_language_applies_to_every_sentence():
    sents = split_sentences("Der Kanzler sprach. The chancellor spoke.")
    assert assign_languages(sents, "de") == "de" and {s.lang for s in sents} == {"de"}
    sents = split_sentences("The chancellor spoke. Nothing else happened.")
    assert assign_languages(sents, None) == "en"


def test_a_huge_document_is_parsed_in_parts_and_merged(monkeypatch, en_nlp):
    body = " ".join(f"Farmers met in village {i} on Monday." for i in range(60))
    text = "Prime Minister Helga Nordvik of Norland opened the fair. " + body + " Nordvik said it went well."
    doc = Document(id="big", text=text, content_hash="h")
    whole = next(Extractor(lang="en").extract([Document(id="big", text=text, content_hash="h")]))
    monkeypatch.setenv("KB_MAX_CHARS", "300")
    seen = []
    original = pipeline.Extractor._parse_batch

    def spy(self, batch):
        for pd in original(self, batch):
            seen.append((pd.part, pd.parts))
            yield pd

    monkeypatch.setattr(pipeline.Extractor, "_parse_batch", spy)
    (merged,) = list(Extractor(lang="en").extract([doc]))
    assert len(seen) > 3 and seen[-1][0] == seen[-1][1] - 1
    assert [s.index for s in merged.sentences] == [s.index for s in whole.sentences]
    for s in merged.sentences:
        assert text[s.start:s.end] == s.text
    names = sorted((e.type, e.name) for e in merged.entities)
    assert len(names) == len(set(names))  # one entity per name and type across parts
    assert {e.name for e in merged.entities if e.type == "person"} == {e.name for e in whole.entities if e.type == "person"}


# ---------------------------------------------------------------- consecutive sentences, one Doc

NEWS = (
    "The board of Veltra Foods named Ingrid Solberg chief executive on Monday. "
    "She replaces Tomas Hrabal, who led the company for nine years. "
    "Analysts at Nordbank welcomed the choice. "
    "Solberg previously ran the group's dairy unit in Oslo."
)


def _parsed(text: str, whole: tuple, monkeypatch) -> list:
    monkeypatch.setattr(pipeline, "WHOLE_RUN_LANGS", whole)
    (pd,) = list(Extractor(lang="en").parse([Document(id="d", text=text, content_hash="h")]))
    return pd


def test_a_run_of_sentences_parses_into_one_doc_per_sentence(monkeypatch, en_nlp):
    pd = _parsed(NEWS, ("en",), monkeypatch)
    assert len(pd.docs) == len(pd.sentences) == 4
    for sent, sdoc in zip(pd.sentences, pd.docs):
        assert sdoc.text == sent.text  # offsets stay sentence-relative
        assert sdoc[0].idx == 0 and sdoc[0].is_sent_start
        assert all(0 <= t.head.i < len(sdoc) for t in sdoc)
        assert sdoc.has_annotation("DEP") and sdoc.has_annotation("TAG")
    persons = {e.text for sdoc in pd.docs for e in sdoc.ents if e.label_ == "PERSON"}
    assert {"Ingrid Solberg", "Tomas Hrabal"} <= persons


def test_joined_and_per_sentence_parses_share_tokens(monkeypatch, en_nlp):
    joined = _parsed(NEWS, ("en",), monkeypatch)
    single = _parsed(NEWS, (), monkeypatch)
    for a, b in zip(joined.docs, single.docs):
        assert [(t.text, t.idx, t.whitespace_) for t in a] == [(t.text, t.idx, t.whitespace_) for t in b]


def test_runs_break_at_language_changes_and_at_the_run_limit(monkeypatch):
    sents = split_sentences("One is here. Zwei ist hier. Three is here. Four is here. Five is here.")
    for s, lang in zip(sents, ["en", "de", "en", "en", "en"]):
        s.lang = lang
    assert list(pipeline._runs(7, sents, "en")) == [[(7, 0)], [(7, 2), (7, 3), (7, 4)]]
    assert list(pipeline._runs(7, sents, "de")) == [[(7, 1)]]
    monkeypatch.setattr(pipeline, "MAX_RUN_SENTENCES", 2)
    assert list(pipeline._runs(7, sents, "en")) == [[(7, 0)], [(7, 2), (7, 3)], [(7, 4)]]


def test_a_head_or_entity_across_a_boundary_is_made_valid(en_nlp):
    """If the parser or NER ignored a sentence start, each sentence Doc is still well formed."""
    from spacy.tokens import Doc

    doc = Doc(en_nlp.vocab, words=["Anna", "Berg", "spoke", ".", "Karl", "Holm", "left", "."],
              heads=[1, 2, 2, 2, 5, 2, 6, 6], deps=["compound", "nsubj", "ROOT", "punct", "compound", "dobj", "ROOT", "punct"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "I-PERSON", "I-PERSON", "O", "O"])
    doc.user_data["kb_sentence_tokens"] = [4, 4]
    first, second = pipeline._split_run(doc, 2)
    assert [e.text for e in first.ents] == ["Anna Berg"]
    assert [(e.text, e.label_) for e in second.ents] == [("Karl Holm", "PERSON")]
    assert second[1].head.i == 1  # pointed into the first sentence: now a root of its own


ODD = [
    'He said: "We will win."',
    "Then   he left for the U.S. (Boston) on Friday,\nat 9 a.m.",
    "Visit example.com/news?id=3 or mail desk@example.org!",
    "(Reporting by Jane Roe; editing by Tom Lee)",
]


def test_joined_tokens_equal_those_of_each_sentence_alone(en_nlp):
    for texts in (ODD, ODD[:1], ODD[1:3]):
        joined = pipeline._split_run(pipeline._joined(en_nlp, texts), len(texts))
        for text, sdoc in zip(texts, joined):
            alone = en_nlp.make_doc(text)
            assert sdoc.text == text
            assert [(t.text, t.idx, t.whitespace_) for t in sdoc] == [(t.text, t.idx, t.whitespace_) for t in alone]


def test_texts_that_are_not_stripped_sentences_are_joined_as_docs(en_nlp):
    texts = [" leading space.", "fine.", "trailing space. "]
    joined = pipeline._split_run(pipeline._joined(en_nlp, texts), len(texts))
    assert [d.text for d in joined] == texts


def test_version_names_the_german_models_without_loading_them():
    """A build's version string covers German, but a corpus with no German sentence never pays
    for loading the German models just to compute it."""
    from kb.extract.de.ner import german_meta, load_german
    from kb.extract.nlp import pipeline_version

    if german_meta() is None:
        import pytest

        pytest.skip("no trained German model: the blank pipeline is loaded instead")
    ex = Extractor()
    version = ex.version
    assert "de" not in ex._nlps
    en, de = version.split("|")
    assert de == pipeline_version(load_german())
    assert en == pipeline_version(ex.nlp("en"))


def test_german_repair_rereads_english_with_the_chosen_english_model(tmp_path):
    """--model names the English pipeline; English passages inside German sentences are re-read
    by that one too, not by kb's default model."""
    import spacy

    from kb.extract.de.ner import german_meta

    if german_meta() is None:
        import pytest

        pytest.skip("no trained German model")
    custom = spacy.blank("en")
    custom.add_pipe("sentencizer")
    # a label no stock model would give these words: proof of which pipeline re-read them
    custom.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Quorvex Systems"}])
    custom.to_disk(tmp_path / "en_custom")
    ex = Extractor(model=str(tmp_path / "en_custom"))
    german = ex.nlp("de")
    assert german.get_pipe("kb_de_repair").english_nlp is ex.nlp("en")
    text = ("Die Regierung hat am Montag bestätigt, dass sie the takeover of Quorvex Systems "
            "by the largest investor in the country prüfen wird.")
    pd = next(ex.parse([Document(id="m", text=text, content_hash="m")]))
    ents = {(e.text, e.label_) for sent in pd.docs for e in sent.ents}
    assert ("Quorvex Systems", "PER") in ents

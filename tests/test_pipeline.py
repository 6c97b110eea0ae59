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

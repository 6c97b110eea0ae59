"""Silver training sentences for the German CRF from unlabelled German news (self-training).

Why: kb's German NER learns from ~6.7k hand-labelled sentences (GermEval 2014 dev + SmartData).
Sentences of unlabelled news that all three members of the current artefact (``ner``,
``ner_char``, the CRF) tag exactly alike are mostly right (the members make different errors),
and they show the CRF names and contexts of the news kb reads. Session 5 measured it on 10kGNAD
(+0.02 GermEval / +0.03 SmartData for the CRF alone as a third corpus with its own feature copy);
``train_de_ner.py --silver-gnad PATH`` builds it.

Which articles: only those ``scripts/draw_devset.py`` can never draw into a dev set (fewer than
150 or more than 900 words, or fewer than three role words), and none of those sharing more than
half of its 8-word shingles with a drawable one. kb's open and clean German dev sets are drawn
from the same corpus, so a model trained on drawable articles would have seen their text.

Which sentences: 3-60 tokens (the artefact's tokenizer and sentencizer), all members agreeing
on every span (label and boundaries, after ``names.split_possessives`` as the vote reads them);
kept are those with a name and every ``every``-th of the others (in corpus order), so the
silver part is not mostly empty sentences. Deterministic: same corpus, same members, same
sentences. The result can be cached as JSON lines (``write_silver`` / ``read_silver``) so the
CRF and the stacker's temporary CRF read the same silver without tagging twice.

Licence: 10kGNAD is CC BY-NC-SA 4.0 (T. Block, derived from the One Million Posts corpus,
Schabus et al., SIGIR 2017); a model trained on its silver sentences carries that licence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from draw_devset import eligible, near_duplicate, read_jsonl, shingles  # noqa: E402
from kb.extract.de.features import bio_tags  # noqa: E402
from kb.extract.de.germeval import GermEvalSentence  # noqa: E402

MIN_TOKENS, MAX_TOKENS = 3, 60


def undrawable(docs: list[dict], lang: str = "de") -> list[dict]:
    """The articles no dev set can hold: not ``draw_devset.eligible`` and no near-duplicate of
    an eligible one (a dev set's story told again in a shorter article)."""
    drawable = [shingles(d["text"]) for d in docs if eligible(d, lang)]
    return [d for d in docs if not eligible(d, lang) and not near_duplicate(shingles(d["text"]), drawable)]


def split_sentences(nlp, docs: Iterable[dict]) -> Iterator[tuple[str, list[str]]]:
    """(article id, words) of every 3-60-token sentence, tokenised and split by the artefact's
    own tokenizer and sentencizer, as kb reads German text."""
    sentencizer = nlp.get_pipe("sentencizer")
    for article in docs:
        doc = sentencizer(nlp.make_doc(article["text"]))
        for sent in doc.sents:
            words = [t.text for t in sent if not t.is_space]
            if MIN_TOKENS <= len(words) <= MAX_TOKENS:
                yield article["id"], words


def agreed_sentences(nlp, vote, sentences: Iterable[tuple[str, list[str]]]) -> Iterator[GermEvalSentence]:
    """The sentences every member tags exactly alike, labelled with those spans (BIO tags)."""
    from de_stacking import member_votes

    for k, (_doc_id, words) in enumerate(sentences):
        votes, _marginals, _tags = member_votes(nlp, vote, words)
        if all(v == votes[0] for v in votes[1:]):
            yield GermEvalSentence(k, words, bio_tags(len(words), sorted(votes[0])))


def keep_silver(sents: Iterable[GermEvalSentence], every: int = 4) -> list[GermEvalSentence]:
    """Every sentence with a name, and every ``every``-th of those without one (in order)."""
    out, empty = [], 0
    for sent in sents:
        if any(tag != "O" for tag in sent.tags):
            out.append(sent)
        else:
            if empty % every == 0:
                out.append(sent)
            empty += 1
    return out


def silver_from_corpus(model_dir: Path, corpus: Path, every: int = 4) -> list[GermEvalSentence]:
    """Tag ``corpus`` (JSON lines with ``id`` and ``text``) with the artefact at ``model_dir``
    and return its silver sentences (see the module docstring)."""
    import spacy

    from kb.extract.de.ner import register_components

    register_components()
    nlp = spacy.load(model_dir)
    vote = nlp.get_pipe("kb_de_vote")
    docs = undrawable(read_jsonl(corpus))
    return keep_silver(agreed_sentences(nlp, vote, split_sentences(nlp, docs)), every)


def write_silver(sents: list[GermEvalSentence], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for s in sents:
            fh.write(json.dumps({"index": s.index, "words": s.words, "tags": s.tags}, ensure_ascii=False) + "\n")


def read_silver(path: Path) -> list[GermEvalSentence]:
    return [GermEvalSentence(r["index"], r["words"], r["tags"]) for r in read_jsonl(path)]


def silver_sentences(corpus: Path, tagger: Path, cache: Path | None = None, every: int = 4) -> list[GermEvalSentence]:
    """The silver sentences of ``corpus`` tagged by the artefact ``tagger``; read from ``cache``
    when it exists, else tagged and written there (when given)."""
    if cache is not None and cache.exists():
        sents = read_silver(cache)
        print(f"silver: {len(sents)} sentences from {cache}", flush=True)
        return sents
    if not corpus.exists():
        raise SystemExit(f"error: {corpus} not found: pass --silver-gnad PATH to news-corpus/gnad.jsonl")
    if not (Path(tagger) / "kb_de_vote").exists():
        raise SystemExit(f"error: {tagger} is no assembled German vote: pass --silver-tagger MODEL_DIR (or a --silver-cache)")
    sents = silver_from_corpus(tagger, corpus, every)
    named = sum(any(t != "O" for t in s.tags) for s in sents)
    print(f"silver: {len(sents)} sentences ({named} with a name) from {corpus}, tagged by {tagger}", flush=True)
    if cache is not None:
        write_silver(sents, cache)
    return sents

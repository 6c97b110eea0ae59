"""Loading kb's German NER pipeline: registering its components, the trained artefact or the
blank fallback. The components live in ``features.py`` and ``repair.py``.

No pretrained German spaCy pipeline is installable here, so kb ships a small NER model it
trains on GermEval 2014 (``scripts/train_de_ner.py``; artefact in ``de/model``) and
falls back to ``spacy.blank("de")`` + rules when the artefact is missing.

Pipeline (``load_german``):

``kb_de_stts``      (not in 0.5.0) HanTa's part-of-speech tag (STTS) of every token into
                    ``doc.user_data`` (``stts.SttsTagger``), read by the members built to read them
                    (``--crf-stts``, ``--stts-embed``, ``--stacker-stts``); HanTa (``pip install hanta``)
                    is loaded when the component is made.
``kb_de_features``  writes one gazetteer/lexicon class per token into ``Token.lemma_``
                    (ROLE, FIRST, LAST, FIRSTLAST, ORG, LOC or "-") so that the NER's hash
                    embedding can use it as a fifth feature; without pretrained vectors this is
                    how the model learns "capitalised word after Bundeskanzler is a person" and
                    "known first name". (The blank German pipeline has no lemmatizer, so the
                    slot is free; ``kb_de_title_person`` clears it again after NER.)
``ner``             PER / ORG / LOC / OTH (GermEval outer level; *deriv/*part are not names).
``kb_de_stash``     moves ``ner``'s entities to ``doc.spans["kb_ner"]`` and clears doc.ents.
``ner_char``        a second NER (same features + a character embedding) predicting afresh.
``kb_de_vote``      keeps the spans that 2 of 3 members agree on: ``ner``, ``ner_char`` and a
                    linear-chain CRF over hand-crafted features (``crf_features``). On the
                    held-back GermEval part the vote lifted PER+ORG F1 from 0.625 to 0.668
                    (0.676 with the CRF of artefact 0.3.0). Since 0.4.0 the CRF also learnt
                    from SmartData (per-corpus feature copies) and a stacker
                    (``stacker.SpanStacker``, ``stack.json``) chooses among the three members'
                    spans instead: GermEval 0.701, SmartData 0.593; since 0.5.0 ``ner_char``
                    also learnt from SmartData (a per-token corpus flag, ``mark_corpus``; kb
                    tags unflagged, in GermEval's style): 0.716 / 0.602. A span running over an English
                    possessive ("Slovakia's Robert Fico") is cut where another member cuts it.
(``kb_de_reread``)  not in the shipped artefact: reads a flagged member once more with SmartData's
                    corpus flag into its own span group, one more member for the stacker
                    (``features.FlaggedReading``; ``train_de_ner.py --add-reading``).
``sentencizer``     punctuation-based sentence splitter.
``kb_de_title_person``  rule: a capitalised name right after a role word ("Präsident",
                    "NATO-Generalsekretär", "Ministerin") that NER left unlabelled is a PER.
``kb_de_repair``    added at load time (``finish_pipeline``), for the English material German
                    pages carry: English passages (``langid.english_stretches``) are re-read by
                    an English pipeline (given to ``load_german``, never imported here); a
                    non-PER name right after a role word is a PER;
                    spans that exactly match one kind of reference name (persons, parties,
                    states: ``reference_names.tsv.gz``) take that type, and untagged full
                    reference person names are added. Held-back PER+ORG F1 0.676 -> 0.679.
                    Since session 10 also company names shown by their context ("X GmbH",
                    "der Konzern X"; ``companies.py``): SmartData ORG 0.493 -> 0.523.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from ...errors import ModelError
from ...settings import get_settings
from .features import EnsembleVote, EntityStash, FeatureMarker, FlaggedReading, add_title_persons
from .names import MODEL_DIR, NAMES_FILE
from .repair import EntityRepair
from .stts import SttsTagger, doc_tags


log = logging.getLogger(__name__)


def hash_char_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int):
    """Token embedding = hash embeddings of several attributes + a character embedding.

    Why: spaCy's ``CharacterEmbed`` takes one attribute only, which would drop kb's word
    clusters; German capitalises every noun, so spelling inside the word (endings like
    "-ung", "-mann", "-AG") carries signal the 1-char PREFIX / 3-char SUFFIX hashes miss.
    Both parts are concatenated and mixed by a maxout layer to ``width``.
    """
    from spacy.ml import _character_embed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    chars = chain(_character_embed.CharacterEmbed(nM=nM, nC=nC), list2ragged())
    hashes = chain(MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False), list2ragged())
    mix = with_array(Maxout(width, nM * nC + width, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(chars, hashes), mix, ragged2list())


def stts_ids():
    """Layer: one row per token holding the hash of HanTa's STTS tag (``stts.doc_tags``; "-"
    when the doc was not tagged), the input of a hash embedding of the tag."""
    import numpy
    from spacy.strings import get_string_id
    from thinc.api import Model

    def forward(model, docs, is_train):  # noqa: ARG001 - thinc's forward signature
        out = []
        for doc in docs:
            tags = doc_tags(doc) or ["-"] * len(doc)
            ids = numpy.asarray([[get_string_id(tag)] for tag in tags], dtype="uint64").reshape((len(doc), 1))
            out.append(model.ops.asarray2i(ids, dtype="uint64"))
        return out, lambda d_out: []

    return Model("kb_stts_ids", forward)


def hash_char_stts_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int,
                         stts_width: int = 16, stts_rows: int = 128):
    """``hash_char_embed`` plus an embedding of HanTa's part-of-speech tag (``kb_de_stts``).

    Why: a name and a common noun look alike in German (both capitalised); HanTa's NE / NN
    tag says which it is from far more German than kb's training data. The tag cannot go
    into a Token attribute the hash embeddings read (the free ones are taken), so this layer
    reads it from where ``kb_de_stts`` leaves it."""
    from spacy.ml import _character_embed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    chars = chain(_character_embed.CharacterEmbed(nM=nM, nC=nC), list2ragged())
    hashes = chain(MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False), list2ragged())
    tags = chain(stts_ids(), with_array(HashEmbed(nO=stts_width, nV=stts_rows, column=0)), list2ragged())
    mix = with_array(Maxout(width, nM * nC + width + stts_width, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(chars, hashes, tags), mix, ragged2list())


def register_components() -> None:
    """Register kb's German components with spaCy (idempotent; needed before nlp.from_disk)."""
    from spacy.language import Language
    from spacy.util import registry

    if "kb.HashCharEmbed.v1" not in registry.architectures:
        registry.architectures.register("kb.HashCharEmbed.v1", func=hash_char_embed)
    if "kb.HashCharSttsEmbed.v1" not in registry.architectures:
        registry.architectures.register("kb.HashCharSttsEmbed.v1", func=hash_char_stts_embed)

    if "kb_de_features" not in Language.factories:

        @Language.factory("kb_de_features")
        def _make_features(nlp, name):  # noqa: ARG001 - spaCy factory signature
            return FeatureMarker()

    if "kb_de_stts" not in Language.factories:

        @Language.factory("kb_de_stts")
        def _make_stts(nlp, name):  # noqa: ARG001 - spaCy factory signature
            return SttsTagger()  # loads HanTa here: a missing package fails at model load

    if "kb_de_stash" not in Language.factories:

        @Language.factory("kb_de_stash", default_config={"group": "kb_ner"})
        def _make_stash(nlp, name, group: str):  # noqa: ARG001 - spaCy factory signature
            return EntityStash(group)

    if "kb_de_reread" not in Language.factories:

        @Language.factory("kb_de_reread", default_config={"member": "ner_char", "group": "kb_ner_sd", "corpus": "sd"})
        def _make_reread(nlp, name, member: str, group: str, corpus: str):  # noqa: ARG001
            return FlaggedReading(nlp, member, group, corpus)

    if "kb_de_vote" not in Language.factories:

        @Language.factory("kb_de_vote", default_config={"groups": ["kb_ner"], "min_votes": 2})
        def _make_vote(nlp, name, groups: list[str], min_votes: int):  # noqa: ARG001
            return EnsembleVote(nlp, groups, min_votes)

    if "kb_de_title_person" not in Language.factories:
        Language.component("kb_de_title_person", func=add_title_persons)

    if "kb_de_repair" not in Language.factories:

        @Language.factory("kb_de_repair", default_config={"names_path": "", "english": True})
        def _make_repair(nlp, name, names_path: str, english: bool):  # noqa: ARG001
            return EntityRepair(Path(names_path) if names_path else None, english)


def blank_german():
    """spacy.blank("de") + sentencizer + the title rule: German without a trained model."""
    import spacy

    register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kb_de_title_person")
    return nlp


#: Tag appended to the pipeline version when ``finish_pipeline`` adds the repair, so that
#: documents extracted without it are re-extracted.
#: r2: company names by their context (companies.py); r3: the document-level label consistency that
#: the extract stage applies after a document's German sentences are parsed (consistency.py);
#: r4: names with a particle tagged whole (particle_names.py) and football line-ups (lineups.py).
REPAIR_VERSION = "r4"


def finish_pipeline(nlp, english: bool = True, model_dir: Optional[Path] = None,
                    load_english: Optional[Callable[[], object]] = None):
    """Append ``kb_de_repair`` (see ``EntityRepair``) unless the pipeline already has it.

    Added at load time rather than saved in the artefact: the repair is rules and reference
    names, not trained weights, so it improves without retraining the NER models. The names
    are the model directory's ``reference_names.tsv.gz`` when it has one, else the shipped ones.
    ``load_english`` returns the English pipeline that re-reads English passages.
    """
    if "kb_de_repair" not in nlp.pipe_names:
        names = Path(model_dir) / NAMES_FILE if model_dir is not None else None
        config = {"english": english, "names_path": str(names) if names is not None and names.exists() else ""}
        nlp.add_pipe("kb_de_repair", last=True, config=config)
        nlp.meta["version"] = _repaired_version(nlp.meta)
    nlp.get_pipe("kb_de_repair").load_english = load_english
    return nlp


def _repaired_version(meta: dict) -> str:
    return f"{meta.get('version', '0')}-{REPAIR_VERSION}"


_warned = False


def _model_path() -> Optional[Path]:
    """The configured German model (KB_DE_MODEL) or the committed artefact, if present."""
    configured = get_settings().de_model
    if configured:
        path = Path(configured)
        if not (path / "config.cfg").exists():
            raise ModelError(
                f"German model {configured!r} (KB_DE_MODEL) is not a spaCy pipeline directory: "
                "point it at the output of scripts/train_de_ner.py or unset it"
            )
        return path
    return MODEL_DIR if (MODEL_DIR / "config.cfg").exists() else None


def german_meta() -> Optional[dict]:
    """The meta (lang, name, version) :func:`load_german` will report, read without loading it:
    a build's pipeline version needs it even when no sentence turns out to be German, and
    loading the vote's three models costs seconds. None when only loading can tell (no trained
    model: the blank pipeline is cheap to build)."""
    import srsly

    path = _model_path()
    if path is None or not (path / "meta.json").exists():
        return None
    meta = dict(srsly.read_json(path / "meta.json"))
    if "kb_de_repair" not in meta.get("pipeline", []):  # as finish_pipeline does
        meta["version"] = _repaired_version(meta)
    return meta


@lru_cache(maxsize=1)
def load_german(load_english: Optional[Callable[[], object]] = None):
    """kb's German pipeline: the trained artefact when present, else blank + rules (warned once).

    ``load_english`` returns the English pipeline that re-reads English passages inside German
    sentences (``nlp.load_pipeline`` passes kb's default one); it is called on the first such
    passage only. The caller gives it so this module never imports the English loader.
    """
    import spacy

    global _warned
    register_components()
    path = _model_path()
    if path is None:
        if not _warned:
            _warned = True
            log.warning(
                "German NER is rule-only: %s is missing (run scripts/train_de_ner.py to build it)",
                MODEL_DIR,
            )
        return finish_pipeline(blank_german(), load_english=load_english)
    try:
        return finish_pipeline(spacy.load(path), model_dir=path, load_english=load_english)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"German model at {path} could not be loaded ({exc}); rebuild it with "
            "scripts/train_de_ner.py or unset KB_DE_MODEL"
        ) from exc

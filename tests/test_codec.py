"""kb.codec: every kb.model record that crosses a process boundary comes back equal.

Hypothesis builds Extractions and LinkedExtractions of every shape the model allows (optional
dates and spans, NIL links, positions without an organisation, nested document meta) and sends
them through JSON text, as a Dask worker and the merging driver do.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.codec import dumps, from_json, to_json
from kb.model import (
    DateValue,
    Document,
    Entity,
    Extraction,
    Link,
    LinkCandidate,
    LinkedExtraction,
    Mention,
    Sentence,
    Span,
    Tenure,
)

text = st.text(max_size=12)
small = st.integers(min_value=-1, max_value=10_000)
score = st.floats(min_value=0, max_value=1, allow_nan=False)
json_leaf = st.none() | st.booleans() | st.integers() | text | st.floats(allow_nan=False, allow_infinity=False)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=8)


@st.composite
def dates(draw) -> DateValue:
    year, month, day = draw(st.integers(1000, 2999)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    value = {"year": f"{year}", "month": f"{year}-{month:02d}", "day": f"{year}-{month:02d}-{day:02d}"}[precision]
    return DateValue(value, precision, draw(text), draw(small), draw(small))


spans = st.builds(Span, small, small, text)
documents = st.builds(Document, id=text, text=text, source=text, title=st.none() | text, url=st.none() | text,
                      published=st.none() | text, lang=st.sampled_from([None, "en", "de"]), content_hash=text,
                      meta=st.dictionaries(text, json_value, max_size=3))
mentions = st.builds(Mention, text, st.sampled_from(["person", "organization"]), small, small, small, text, text)
entities = st.builds(Entity, text, st.sampled_from(["person", "organization"]), st.lists(mentions, max_size=3),
                     st.none() | dates(), st.none() | dates(), st.lists(text, max_size=2))
tenures = st.builds(Tenure, text, text, st.none() | text, st.none() | dates(), st.none() | dates(),
                    st.sampled_from(["current", "former", "unknown"]), st.none() | st.integers(1, 99), small,
                    st.none() | spans, st.none() | spans, st.none() | spans, st.none() | spans, text, score, text)
extractions = st.builds(Extraction, documents, st.lists(st.builds(Sentence, small, small, small, text, text), max_size=3),
                        st.lists(entities, max_size=3), st.lists(tenures, max_size=3), text, text,
                        st.lists(text, max_size=2))
candidates = st.builds(LinkCandidate, text, text, score, text, st.dictionaries(text, score, max_size=2))
links = st.builds(Link, st.none() | text, score, text, st.none() | text, st.none() | text, st.none() | text,
                  st.lists(candidates, max_size=2))
linked = st.builds(LinkedExtraction, extractions,
                   st.dictionaries(st.tuples(st.sampled_from(["person", "organization"]), text), links, max_size=3),
                   st.dictionaries(st.tuples(text, st.none() | text), links, max_size=3))


def _through_text(value):
    """What the driver reads back from a worker's JSON Lines record."""
    return json.loads(dumps({"record": to_json(value)}))["record"]


@settings(max_examples=150, deadline=None)
@given(extractions)
def test_extraction_round_trip(extraction):
    assert from_json(Extraction, _through_text(extraction)) == extraction


@settings(max_examples=150, deadline=None)
@given(linked)
def test_linked_extraction_round_trip(record):
    back = from_json(LinkedExtraction, _through_text(record))
    assert back == record
    # tuple keys come back as tuples, so lookups by (type, name) and (role, org) still work
    assert all(isinstance(key, tuple) for key in back.entity_links)
    assert all(isinstance(key, tuple) for key in back.position_links)


def test_position_without_organisation_keeps_its_none_key():
    record = LinkedExtraction(Extraction(Document("d", "x")), {},
                              {("mayor", None): Link("Q1", 0.5, "exact")})
    assert from_json(LinkedExtraction, _through_text(record)).position_links == {("mayor", None): Link("Q1", 0.5, "exact")}

"""A table-driven stand-in for spaCy's ``attribute_ruler``: the same annotations, a fraction of the cost.

In ``en_core_web_sm`` the attribute ruler maps fine-grained tags to coarse POS and morphology
with 179 token patterns run through spaCy's ``Matcher``. Profiling ``kb build`` showed that
matcher taking about a fifth of all parsing time, more than the tagger, although nearly every
pattern looks at one token only and its outcome depends on nothing but that token's tag, lower
form, dependency label and space flag.

:class:`FastAttributeRuler` compiles the pipeline's own patterns once. Per token it looks up
which patterns hold for that combination of values (cached, so each combination is evaluated
once per process), checks the few two-token patterns from there, applies the matching rules in
the ruler's order (later rules win, as in spaCy) and writes the results back with one
``Doc.from_array`` call. Patterns it cannot compile exactly (operators, unusual predicates or
attributes) make :func:`compile_ruler` return None, and the stock ruler stays in the pipeline.
``tests/test_attribute_ruler.py`` checks token-for-token identity with the stock component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language

#: Token attributes a compiled pattern may test, with how to read them from a Doc array.
_TESTED = {"TAG": TAG, "DEP": DEP, "LOWER": LOWER, "ORTH": ORTH, "NORM": NORM, "IS_SPACE": IS_SPACE}
#: Attributes a compiled rule may set through ``Doc.from_array``.
_ARRAY_SET = (POS, MORPH, LEMMA, TAG)
#: Predicate operators with the same meaning as in spaCy's Matcher.
_OPERATORS = {"IN", "NOT_IN", "REGEX"}
#: Distinct token keys remembered before the cache is cleared (bounds memory on huge builds).
_CACHE_LIMIT = 500_000

class Unsupported(ValueError):
    """A pattern uses something this compiler does not reproduce exactly."""


def _value_test(name: str, spec: Any) -> Callable[[Any], bool]:
    if isinstance(spec, dict):
        if not spec or set(spec) - _OPERATORS:
            raise Unsupported(f"operator {sorted(spec)} on {name}")
        tests = []
        for op, arg in spec.items():
            if op == "IN":
                values = frozenset(arg)
                tests.append(lambda v, values=values: v in values)
            elif op == "NOT_IN":
                values = frozenset(arg)
                tests.append(lambda v, values=values: v not in values)
            else:
                rx = re.compile(arg)
                tests.append(lambda v, rx=rx: isinstance(v, str) and rx.search(v) is not None)
        return lambda v: all(t(v) for t in tests)
    if isinstance(spec, (str, bool)):
        return lambda v: v == spec
    raise Unsupported(f"value {spec!r} for {name}")


class _Column:
    """One tested attribute. Its values fall into classes: values passing the same tests share
    a class, so a token is described by a handful of small class numbers, not by its words."""

    def __init__(self, name: str, strings) -> None:
        self.name = name
        self.attr = _TESTED[name]
        self.strings = strings
        self.tests: list[Callable[[Any], bool]] = []
        self._specs: dict[str, int] = {}
        self._class_of: dict[int, int] = {}
        self._class_ids: dict[frozenset[int], int] = {}
        self.classes: list[frozenset[int]] = []  # class number -> tests passed

    def test_id(self, spec: Any) -> int:
        key = repr(spec)
        if key not in self._specs:
            self._specs[key] = len(self.tests)
            self.tests.append(_value_test(self.name, spec))
        return self._specs[key]

    def _value(self, h: int) -> Any:
        if self.attr == IS_SPACE:
            return bool(h)
        return self.strings[h] if h else ""

    def _classify(self, h: int) -> int:
        value = self._value(h)
        passed = frozenset(i for i, test in enumerate(self.tests) if test(value))
        cid = self._class_ids.setdefault(passed, len(self.classes))
        if cid == len(self.classes):
            self.classes.append(passed)
        if len(self._class_of) >= _CACHE_LIMIT:
            self._class_of.clear()
        self._class_of[h] = cid
        return cid

    def classify(self, column: np.ndarray) -> np.ndarray:
        """Class number of every token, one dictionary lookup per distinct value."""
        uniq, inverse = np.unique(column, return_inverse=True)
        get = self._class_of.get
        ids = [get(h) for h in uniq.tolist()]
        ids = [self._classify(h) if c is None else c for h, c in zip(uniq.tolist(), ids)]
        return np.asarray(ids, dtype=np.int64)[inverse.reshape(-1)]


@dataclass(frozen=True)
class _Pattern:
    rule: int  # the ruler's rule number: later rules win
    tokens: tuple[tuple[tuple[int, int], ...], ...]  # per token: (column, test) pairs, all must pass
    target: int  # index of the token that gets the attributes (0 <= target < len(tokens))


class FastAttributeRuler:
    """Applies an AttributeRuler's patterns by table lookup (see the module docstring)."""

    def __init__(self, vocab, columns: list[_Column], patterns: list[_Pattern], attrs: list[dict[int, int]]):
        self.vocab = vocab
        self.columns = columns
        self.attrs = attrs
        self.singles = [p for p in patterns if len(p.tokens) == 1]
        self.multis = [p for p in patterns if len(p.tokens) > 1]
        self._signatures: dict[tuple[int, ...], tuple] = {}
        self._composed: dict[tuple[int, ...], tuple[dict[int, int], dict[int, int]]] = {}

    def _holds(self, token: tuple[tuple[int, int], ...], classes: tuple[int, ...]) -> bool:
        return all(test in self.columns[c].classes[classes[c]] for c, test in token)

    def _signature(self, classes: tuple[int, ...]) -> tuple:
        """For one combination of class numbers: the rules that match a token alone, and the
        (multi-token pattern, position) pairs such a token satisfies."""
        hit = self._signatures.get(classes)
        if hit is None:
            singles = tuple(p.rule for p in self.singles if self._holds(p.tokens[0], classes))
            positions = frozenset((m, k) for m, p in enumerate(self.multis)
                                  for k, token in enumerate(p.tokens) if self._holds(token, classes))
            starts = tuple(m for m, k in positions if k == 0)
            hit = self._signatures[classes] = (singles, positions, starts)
        return hit

    def _compose(self, rules: tuple[int, ...]) -> tuple[dict[int, int], dict[int, int]]:
        """Attributes after applying ``rules`` in order: (array-settable, others)."""
        out = self._composed.get(rules)
        if out is None:
            merged: dict[int, int] = {}
            for rule in sorted(rules):
                merged.update(self.attrs[rule])
            out = self._composed[rules] = (
                {a: v for a, v in merged.items() if a in _ARRAY_SET},
                {a: v for a, v in merged.items() if a not in _ARRAY_SET},
            )
        return out

    def __call__(self, doc):
        n = len(doc)
        if not n or not self.columns:
            return doc
        tested = doc.to_array([c.attr for c in self.columns]).reshape(n, len(self.columns))
        classes = np.stack([c.classify(tested[:, j]) for j, c in enumerate(self.columns)], axis=1)
        combos, inverse = np.unique(classes, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        sigs = [self._signature(tuple(row)) for row in combos.tolist()]
        array = doc.to_array(list(_ARRAY_SET)).reshape(n, len(_ARRAY_SET))
        # the common case, one token at a time but computed per combination
        values = np.zeros((len(sigs), len(_ARRAY_SET)), dtype=np.uint64)
        setting = np.zeros((len(sigs), len(_ARRAY_SET)), dtype=bool)
        for r, (singles, _, _) in enumerate(sigs):
            for attr, value in self._compose(singles)[0].items():
                j = _ARRAY_SET.index(attr)
                values[r, j], setting[r, j] = value, True
        array = np.where(setting[inverse], values[inverse], array)
        # the rare cases: multi-token patterns, and attributes Doc.from_array cannot set
        extra: dict[int, tuple[int, ...]] = {}
        if self.multis:
            starts = np.asarray([bool(sig[2]) for sig in sigs])[inverse]
            for i in np.flatnonzero(starts).tolist():
                for m in sigs[inverse[i]][2]:
                    p = self.multis[m]
                    if i + len(p.tokens) <= n and all(
                        (m, k) in sigs[inverse[i + k]][1] for k in range(1, len(p.tokens))
                    ):
                        extra[i + p.target] = extra.get(i + p.target, ()) + (p.rule,)
        rare = set(extra)
        with_rest = np.asarray([bool(self._compose(sig[0])[1]) for sig in sigs])
        if with_rest.any():
            rare.update(np.flatnonzero(with_rest[inverse]).tolist())
        rest: list[tuple[int, dict[int, int]]] = []
        for i in sorted(rare):
            settable, others = self._compose(sigs[inverse[i]][0] + extra.get(i, ()))
            for attr, value in settable.items():
                array[i, _ARRAY_SET.index(attr)] = value
            if others:
                rest.append((i, others))
        doc.from_array(list(_ARRAY_SET), array)
        for i, others in rest:
            self._set_others(doc, i, others)
        return doc

    @staticmethod
    def _set_others(doc, i: int, attrs: dict[int, int]) -> None:
        token = doc[i]
        for attr, value in attrs.items():
            if attr == DEP:
                token.dep = value
            else:  # pragma: no cover - compile_ruler admits only DEP beyond _ARRAY_SET
                raise Unsupported(f"attribute {attr}")


def compile_ruler(ruler) -> Optional[FastAttributeRuler]:
    """A FastAttributeRuler doing exactly what ``ruler`` (a spaCy AttributeRuler) does, or None
    when one of its patterns is outside what the table lookup reproduces."""
    columns: dict[str, _Column] = {}
    patterns: list[_Pattern] = []
    try:
        for rule, spec in enumerate(ruler.patterns):
            if set(ruler.attrs[rule]) - set(_ARRAY_SET) - {DEP}:
                raise Unsupported(f"rule {rule} sets {spec['attrs']}")
            for tokens in spec["patterns"]:
                index = spec.get("index", 0)
                target = index if index >= 0 else len(tokens) + index
                if not tokens or not 0 <= target < len(tokens):
                    raise Unsupported(f"rule {rule}: index {index}")
                compiled = []
                for token in tokens:
                    if not token or set(token) - set(_TESTED):
                        raise Unsupported(f"token pattern {token}")
                    tests = []
                    for name, value in token.items():
                        if name not in columns:
                            columns[name] = _Column(name, ruler.vocab.strings)
                        tests.append((list(columns).index(name), columns[name].test_id(value)))
                    compiled.append(tuple(tests))
                patterns.append(_Pattern(rule, tuple(compiled), target))
    except Unsupported:
        return None
    return FastAttributeRuler(ruler.vocab, list(columns.values()), patterns, [dict(a) for a in ruler.attrs])


@Language.factory("kb_attribute_ruler")
def make_kb_attribute_ruler(nlp: Language, name: str):
    """An empty table ruler; :func:`replace_attribute_ruler` fills it from the stock one."""
    return FastAttributeRuler(nlp.vocab, [], [], [])


def replace_attribute_ruler(nlp) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for its compiled equivalent, in place and at the
    same position. Returns False (pipeline unchanged) when there is none or it cannot be compiled."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    fast = compile_ruler(nlp.get_pipe("attribute_ruler"))
    if fast is None:
        return False
    component = nlp.add_pipe("kb_attribute_ruler", after="attribute_ruler")
    component.__dict__.update(fast.__dict__)
    nlp.remove_pipe("attribute_ruler")
    return True

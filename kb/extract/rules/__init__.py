"""The English holder rules as one ordered table: which rule runs, in what order, how sure it is.

Each rule is one entry of ``RULES`` (the way nomenklatura lists its matching features as
``Feature(func, weight)``): a new rule is a new entry, not a new branch in the driver. The
per-document driver (``facts.py``) iterates the table:

* ``role`` rules get one role phrase (``roles.find_roles``) and return a ``Claim`` or None;
  they are tried in table order and the first claim wins. Only ``in_quotes`` rules run on a
  role phrase inside quoted text (a title is a title even in a quote; a copula is not a fact).
* ``sentence`` rules get the whole sentence and return all their claims; they run unless the
  sentence opens inside a quote.
* ``document`` rules run once after every sentence is read (descriptions need the whole text).
* ``inner`` entries have no function: their label is given by another rule (``copula`` also
  states conjoined roles and successions) and they are listed for their confidence and version.

``name`` is the entry's name; ``label`` is what its claims store as ``Claim.rule`` (several
sentence rules state an apposition or a copula and store that label). Every claim's confidence
and version come from the entry that owns its label (``name == label``); the stored extractor
is ``kb.roles.v<version>:<label>`` (``claims.EXTRACTOR_PREFIX``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .appositions import apposition, fronted_apposition, inverse_apposition, inverse_copula, postnominal
from .back_references import descriptions
from .copulas import copula
from .employment import led_by, represents_seat, verb_roles
from .helm import took_helm
from .lists import role_list
from .predicatives import object_predicative, post_of
from .parties import party_in_parens, party_of, party_possessive, seat_party, us_party_tags
from .titles import conjoined_title, regnal_realm, term_of_office, throne, title_before_name


@dataclass(frozen=True)
class Rule:
    """One holder rule: its function, when the driver calls it and what its claims carry."""

    name: str
    func: Optional[Callable]
    scope: str  # "role" | "sentence" | "document" | "inner" (see the module docstring)
    confidence: float
    version: int = 1
    label: str = ""  # Claim.rule of its claims; "" = the name
    in_quotes: bool = False  # role rules: also for a role phrase inside quoted text

    @property
    def stored_label(self) -> str:
        return self.label or self.name


RULES: list[Rule] = [
    # role rules, first claim wins
    Rule("title_before_name", title_before_name, "role", 0.9, in_quotes=True),  # "Prime Minister X"
    Rule("conjoined_title", conjoined_title, "role", 0.9, label="title_before_name"),  # "MP and ex-minister X"
    Rule("apposition", apposition, "role", 0.85),  # "X, Norway's finance minister, said"
    Rule("inverse_apposition", inverse_apposition, "role", 0.85, label="apposition"),  # "The bank's chief, X, said"
    Rule("postnominal", postnominal, "role", 0.8),  # "Ruth Kelly MP"
    Rule("inverse_copula", inverse_copula, "role", 0.75),  # "the deputy mayor is X"
    Rule("fronted_apposition", fronted_apposition, "role", 0.75),  # "A Republican, he …"
    Rule("object_predicative", object_predicative, "role", 0.75),  # "Acme appointed X chief executive"
    Rule("post_of", post_of, "role", 0.75),  # "X was given / quit the post of ROLE"
    Rule("copula", copula, "role", 0.8),  # "X is/was/became/served as ROLE"
    Rule("conjunction", None, "inner", 0.7),  # by copula: "… served as A and B"
    Rule("succession", None, "inner", 0.75),  # by copula: "X succeeded Y as ROLE"
    # sentence rules, all claims kept
    Rule("verb_role", verb_roles, "sentence", 0.65),  # "X heads/led/founded/works for ORG"
    Rule("party_in_parens", party_in_parens, "sentence", 0.85, label="apposition"),  # "X (PARTY)"
    Rule("party_of", party_of, "sentence", 0.85, label="apposition"),  # "X of the PARTY"
    Rule("led_by", led_by, "sentence", 0.65, label="verb_role"),  # "ORG, led by X"
    Rule("regnal_realm", regnal_realm, "sentence", 0.9, label="title_before_name"),  # "Harald V of Norway"
    Rule("us_party_tags", us_party_tags, "sentence", 0.85, label="apposition"),  # "X (R-Ohio)"
    Rule("party_possessive", party_possessive, "sentence", 0.85, label="apposition"),  # "Labour's X"
    Rule("term_of_office", term_of_office, "sentence", 0.6),  # "the presidency of X"
    Rule("seat_party", seat_party, "sentence", 0.8, label="copula"),  # "a politician (PARTY)"
    Rule("throne", throne, "sentence", 0.8, label="copula"),  # "X ascended the throne"
    Rule("represents_seat", represents_seat, "sentence", 0.65, label="verb_role"),  # "has represented the constituency"
    Rule("took_helm", took_helm, "sentence", 0.65, label="verb_role"),  # "X took the helm at ORG in 2003"
    Rule("role_list", role_list, "sentence", 0.7),  # "The three former directors are A, B and C"
    # document rules
    Rule("description", descriptions, "document", 0.5),  # "the lawmaker told …"
]

ROLE_RULES = [r for r in RULES if r.scope == "role"]
SENTENCE_RULES = [r for r in RULES if r.scope == "sentence"]
DOCUMENT_RULES = [r for r in RULES if r.scope == "document"]
#: The entry that owns each stored label: its confidence and version go on every such claim.
OWNERS: dict[str, Rule] = {r.name: r for r in RULES if r.stored_label == r.name}


def stamp(claims: list) -> None:
    """Give English claims the confidence and version of the rule that owns their label."""
    for c in claims:
        owner = OWNERS[c.rule]
        c.confidence, c.version = owner.confidence, owner.version

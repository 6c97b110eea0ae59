"""The English holder rules' table (kb.extract.rules.RULES): one entry per rule, consistent labels."""

from kb.extract.rules import OWNERS, RULES


def test_every_label_has_one_owner_and_entries_sharing_it_agree():
    for rule in RULES:
        owner = OWNERS[rule.stored_label]
        assert (rule.confidence, rule.version) == (owner.confidence, owner.version), rule.name
    assert len({r.name for r in RULES}) == len(RULES)


def test_each_scope_has_what_the_driver_calls():
    for rule in RULES:
        assert rule.scope in ("role", "sentence", "document", "inner"), rule.name
        assert (rule.func is None) == (rule.scope == "inner"), rule.name
        assert not rule.in_quotes or rule.scope == "role", rule.name
    role_rules = [r.name for r in RULES if r.scope == "role"]
    assert role_rules[0] == "title_before_name"  # tried first, and the only one inside quotes
    assert [r.name for r in RULES if r.in_quotes] == ["title_before_name"]

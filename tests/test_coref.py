"""Within-document coreference used by facts: names, pronoun subjects, role descriptions."""

from __future__ import annotations

from kb.extract.coref import antecedent, canonical_names, last_mention, named_holder
from kb.model import Mention


def m(text, start, sentence, name=""):
    return Mention(text, "person", start, start + len(text), sentence, name=name)


def test_surname_joins_full_name():
    names = canonical_names(["Rutte", "Mark Rutte", "Trump", "Donald Trump", "Peter Balkenende", "Jan Peter Balkenende"])
    assert names["Rutte"] == "Mark Rutte"
    assert names["Trump"] == "Donald Trump"
    assert names["Peter Balkenende"] == "Jan Peter Balkenende"


def test_accents_and_first_last():
    names = canonical_names(["Orbán", "Viktor Orban", "Anna Maria Berg", "Anna Berg"])
    assert names["Orbán"] == "Viktor Orban"
    assert names["Anna Berg"] == "Anna Maria Berg"


def test_ambiguous_surname_stays_alone():
    names = canonical_names(["Scott", "Jonathan Scott", "Drew Scott"])
    assert names["Scott"] == "Scott"
    assert names["Drew Scott"] == "Drew Scott"


def test_different_people_do_not_merge():
    names = canonical_names(["Jan Berg", "Eva Lund"])
    assert names == {"Jan Berg": "Jan Berg", "Eva Lund": "Eva Lund"}


def test_pronoun_prefers_subject_of_previous_sentence():
    persons = [m("Rutte", 0, 0), m("Donald Trump", 40, 0)]
    assert antecedent(100, 1, persons, quoted=[]).text == "Rutte"


def test_pronoun_same_sentence_subject_first():
    persons = [m("Eva Lund", 0, 0), m("Jan Berg", 200, 1)]
    assert antecedent(230, 1, persons, quoted=[]).text == "Jan Berg"


def test_pronoun_skips_names_inside_quotes():
    # '"I agree with Rutte," he said' -> not Rutte
    persons = [m("Alexey Chepa", 0, 0), m("Rutte", 60, 1)]
    assert antecedent(120, 2, persons, quoted=[(50, 80)]).text == "Alexey Chepa"


def test_pronoun_without_antecedent():
    assert antecedent(10, 0, [], quoted=[]) is None


def test_description_by_role_or_org():
    holders = {("secretary general", "NATO"): "Mark Rutte", ("president", "United States"): "Donald Trump"}
    assert named_holder("chief", "NATO", holders) == "Mark Rutte"
    assert named_holder("president", "United States", holders) == "Donald Trump"
    assert named_holder("chief", "NATO", holders, fits=lambda role: role != "secretary general") is None


def test_description_falls_back_to_last_named_person_outside_quotes():
    persons = [m("Alexey Chepa", 0, 0, name="Alexey Chepa"), m("Rutte", 60, 1, name="Mark Rutte")]
    assert named_holder("lawmaker", None, {}) is None
    assert last_mention(200, persons, quoted=[(50, 150)]).name == "Alexey Chepa"


def test_first_names_prefix_joins_full_name():
    names = canonical_names(["Michael John", 'Michael John " Mike " Padden'])
    assert names["Michael John"] == 'Michael John " Mike " Padden'


def test_description_needs_a_salient_person():
    persons = [m("Maria Lopez", 0, 0, name="Maria Lopez")]
    assert last_mention(300, persons, [], min_sentence=2) is None
    assert last_mention(300, persons, [], min_sentence=0).name == "Maria Lopez"


def test_pronoun_chain_follows_the_previous_pronoun_subject():
    # "Eva Lund … . She worked under the Tom Hall administration. She was appointed …"
    persons = [m("Eva Lund", 0, 0), m("Tom Hall", 60, 1)]
    assert antecedent(100, 2, persons, quoted=[]).text == "Tom Hall"
    assert antecedent(100, 2, persons, quoted=[], subjects={1: persons[0]}).text == "Eva Lund"


def test_pronoun_skips_a_person_of_the_other_gender():
    persons = [m("Eva Lund", 0, 0), m("Tom Hall", 20, 0)]
    assert antecedent(100, 1, persons, quoted=[], pronoun="he", genders={"Eva Lund": "f"}).text == "Tom Hall"
    assert antecedent(100, 1, persons, quoted=[], pronoun="she", genders={"Eva Lund": "f"}).text == "Eva Lund"
    # an unknown gender is no reason to skip
    assert antecedent(100, 1, persons, quoted=[], pronoun="he", genders={}).text == "Eva Lund"


def test_pronoun_skips_names_used_as_modifiers():
    persons = [m("Tom Hall", 4, 0), m("Eva Lund", 40, 0)]
    assert antecedent(100, 1, persons, quoted=[], modifiers={id(persons[0])}).text == "Eva Lund"


def test_chained_subject_of_the_other_gender_is_not_taken():
    persons = [m("Eva Lund", 0, 0), m("Tom Hall", 60, 1)]
    got = antecedent(100, 2, persons, quoted=[], pronoun="he", subjects={1: persons[0]}, genders={"Eva Lund": "f"})
    assert got.text == "Tom Hall"


def test_canonical_name_does_not_depend_on_the_hash_seed():
    """Two spellings of equal length ("Zoe Brandt", "Zoë Brandt"): the same one wins in every
    process (set order changes with the hash seed, and worker processes have their own)."""
    import json
    import os
    import subprocess
    import sys

    forms = ["Zoë Brandt", "Zoe Brandt", "Brandt", "Lena Voss", "Léna Voss", "Ana Pérez", "Ana Perez"]
    code = ("import json, sys; from kb.extract.coref import canonical_names; "
            "print(json.dumps(canonical_names(json.loads(sys.argv[1])), sort_keys=True))")
    results = set()
    for seed in range(8):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        out = subprocess.run([sys.executable, "-c", code, json.dumps(forms)], env=env, check=True,
                             capture_output=True, text=True).stdout
        results.add(out)
    assert len(results) == 1
    names = json.loads(results.pop())
    assert names["Brandt"] == names["Zoë Brandt"] == names["Zoe Brandt"] == "Zoe Brandt"
    assert names["Léna Voss"] == "Lena Voss" and names["Ana Pérez"] == "Ana Perez"

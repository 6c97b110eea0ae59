"""scripts/draw_devset.py: a fresh, reproducible sample of unlabelled news for hand annotation."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import draw_devset  # noqa: E402


def _article(i: int, category: str, topic: str = "") -> dict:
    # ~200 words, three role words, a distinct story per i (no shared 8-word shingles)
    body = " ".join(f"w{i}x{k}" for k in range(190))
    text = f"Headline {i}{topic}\n\nThe chairman and the minister met the president. {body}"
    return {"id": f"bbc_{category}_{i:03d}", "text": text, "title": f"Headline {i}", "category": category,
            "source": f"x/{i}.txt", "published": None}


def _corpus() -> list[dict]:
    return [_article(i, "business" if i % 2 else "politics") for i in range(40)]


def test_same_seed_same_sample_and_cap_per_category():
    a = draw_devset.draw(_corpus(), "en", n=6, seed=3, per_category=3, excluded=[])
    b = draw_devset.draw(_corpus(), "en", n=6, seed=3, per_category=3, excluded=[])
    assert [d["id"] for d in a] == [d["id"] for d in b]
    assert sorted(d["category"] for d in a) == ["business"] * 3 + ["politics"] * 3
    c = draw_devset.draw(_corpus(), "en", n=6, seed=4, per_category=3, excluded=[])
    assert [d["id"] for d in c] != [d["id"] for d in a]


def test_excluded_ids_and_near_duplicates_are_skipped():
    corpus = _corpus()
    first = draw_devset.draw(corpus, "en", n=4, seed=1, per_category=4, excluded=[])
    earlier = [dict(d, id="DEV10_" + d["id"]) for d in first]  # an earlier dev set's prefixed ids
    copy = dict(first[0], id="bbc_politics_999")  # the same story filed twice under another id
    again = draw_devset.draw(corpus + [copy], "en", n=30, seed=1, per_category=30, excluded=earlier)
    ids = {d["id"] for d in again}
    assert not ids & {d["id"] for d in first}
    assert "bbc_politics_999" not in ids


def test_short_or_roleless_articles_are_not_drawn():
    short = {"id": "bbc_business_500", "text": "The chairman, the minister and the president.", "category": "business"}
    roleless = dict(_article(501, "business"), text="Weather today. " + " ".join(["rain"] * 300))
    assert draw_devset.draw([short, roleless], "en", n=5, seed=0, per_category=5, excluded=[]) == []


def test_german_title_is_the_first_sentence_not_a_date():
    text = "Am 28. Juni trat die Bürgermeisterin zurück. Der Landesrat folgt ihr."
    assert draw_devset.first_sentence(text) == "Am 28. Juni trat die Bürgermeisterin zurück."


def test_writes_dev_jsonl(tmp_path):
    corpus = tmp_path / "bbc.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in _corpus()), encoding="utf-8")
    assert draw_devset.main([str(tmp_path / "out"), "--corpus", str(corpus), "--n", "3", "--prefix", "T_"]) == 0
    rows = [json.loads(line) for line in (tmp_path / "out" / "dev.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and all(r["id"].startswith("T_bbc_") and r["lang"] == "en" for r in rows)
    assert all(r["published"] is None and r["title"].startswith("Headline") for r in rows)

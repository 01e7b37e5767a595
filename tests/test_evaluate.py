"""`deathtoll evaluate` on a small gold file written here (no network, real extractor)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from deathtoll.cli import app


def _write(path, rows):
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_evaluate_scores_and_writes_errors(tmp_path):
    gold = tmp_path / "gold.jsonl"
    _write(gold, [
        json.dumps({"id": "a", "body": "A roadside bomb killed three policemen near Kirkuk.", "g": {"k": 3, "w": 0}}),
        json.dumps({"id": "b", "body": "Two shepherds were wounded by a landmine.", "g": {"k": 0, "w": 2}}),
        # gold says 5 killed: the extractor reads 1, so this line is an error to study
        json.dumps({"id": "c", "body": "A sniper killed a farmer in Hit.", "g": {"k": 5, "w": 0}}),
        "{not json",
    ])
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--text-field", "body", "--killed-field", "g.k",
                                      "--wounded-field", "g.w", "--id-field", "id", "--errors", str(errors), "--json"])
    assert result.exit_code == 1, result.output
    scores = json.loads(result.stdout)
    assert scores["killed"]["n"] == 3
    assert scores["killed"]["exact"] == round(2 / 3, 4)
    assert scores["wounded"]["exact"] == 1.0
    assert f"Error: {gold}:4: invalid JSON" in result.stderr
    rows = [json.loads(x) for x in errors.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["c"]
    assert rows[0]["predicted"]["killed"] == 1 and rows[0]["reports"][0]["sentence"].startswith("A sniper")


def test_evaluate_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.jsonl'}: no such file or directory"


def test_a_user_lexicon_teaches_a_new_verb(tmp_path):
    # 'obliterate' is not a packaged outcome word; a user file adds it without code
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "outcomes.tsv").write_text("obliterate\tkilled\tactive\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Strike near Hit\n\nThe strike obliterated five fighters near Hit.\n", encoding="utf-8")
    plain = CliRunner().invoke(app, ["extract", str(art), "--json"])
    taught = CliRunner().invoke(app, ["extract", str(art), "--json", "--lexicon", str(lex)])
    assert plain.exit_code == 0 and taught.exit_code == 0, taught.output
    assert json.loads(plain.stdout)["totals"]["killed"]["best"] == 0
    assert json.loads(taught.stdout)["totals"]["killed"]["best"] == 5


def test_a_missing_lexicon_folder_is_a_usage_error(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("x\n\nA bomb killed two people.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(art), "--lexicon", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope'}: lexicon folder not found"

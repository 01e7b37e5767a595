"""The CLI through CliRunner: rows written, exact error text, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from deathtoll import __version__
from deathtoll.cli import app
from deathtoll.pipeline import Pipeline
from deathtoll.store import open_store

from factories import article, corpus, synthetic_result, write_jsonl

runner = CliRunner()


@pytest.fixture
def toy_reader(monkeypatch):
    """Every Pipeline reads articles with the toy pattern instead of spaCy."""

    def process(self, art):
        if "FAIL-ME" in art.text:
            raise ValueError("toy reader refuses this article")
        return synthetic_result(art)

    monkeypatch.setattr(Pipeline, "process", process)
    monkeypatch.setattr(Pipeline, "nlp", property(lambda self: None))


def counts(db):
    with open_store(db) as s:
        return s.counts()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"deathtoll {__version__}\n")


def test_no_arguments_shows_help():
    result = runner.invoke(app, [])
    assert result.exit_code == 2 and "Usage:" in result.output


@pytest.mark.parametrize("path", [
    ("run",), ("extract",), ("show",), ("export",), ("incidents",), ("evaluate",), ("checks",), ("link",),
    ("incidents", "merge"), ("incidents", "split"),
    ("gazetteer", "build"), ("gazetteer", "add-geonames"), ("gazetteer", "add-csv"), ("gazetteer", "lookup"), (),
])
def test_every_command_help_has_an_example(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example: deathtoll " in result.stdout


def test_all_commands_are_tested_for_help():
    command = get_command(app)
    assert sorted(command.commands) == ["checks", "evaluate", "export", "extract", "gazetteer", "incidents", "link", "run", "show"]
    assert sorted(command.commands["incidents"].commands) == ["merge", "split"]


def test_run_stores_and_summarises(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(6))
    db = tmp_path / "d.db"
    result = runner.invoke(app, ["run", str(src), "--db", str(db), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "articles read" in result.stderr and "Error" not in result.stderr
    got = counts(db)
    # 6 article incidents plus the 6 linked incidents they become
    assert (got["articles"], got["reports"], got["incidents"], got["runs"]) == (6, 12, 12, 1)
    again = runner.invoke(app, ["run", str(src), "--db", str(db)])
    assert again.exit_code == 0
    assert {k: v for k, v in counts(db).items() if k != "runs"} == {k: v for k, v in got.items() if k != "runs"}
    assert any(line.split() == ["unchanged", "6"] for line in again.stderr.splitlines())


def test_run_quiet_prints_nothing_when_all_is_fine(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(2))
    result = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / "d.db"), "--quiet"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_run_with_two_workers(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(9))
    for workers in ("1", "2"):
        result = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / f"w{workers}.db"),
                                     "--workers", workers, "--batch-size", "2", "--quiet"])
        assert result.exit_code == 0, result.output
    with open_store(tmp_path / "w1.db") as one, open_store(tmp_path / "w2.db") as two:
        assert one.counts() == two.counts()
        assert [one.article(a.id) for a in corpus(9)] == [two.article(a.id) for a in corpus(9)]


def test_run_missing_file(toy_reader, tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["run", str(missing), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 3
    assert result.stderr == f"Error: {missing}: no such file or directory\n"


def test_run_empty_folder(toy_reader, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "empty"), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 3
    assert result.stderr == f"Error: no articles found in {tmp_path / 'empty'}\n"


def test_run_malformed_line_fails_only_that_line(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "feed.jsonl", corpus(3))
    lines = src.read_text().splitlines()
    src.write_text("\n".join(lines[:1] + ["{not json"] + lines[1:]) + "\n")
    db = tmp_path / "d.db"
    result = runner.invoke(app, ["run", str(src), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {src}:2: ")
    assert counts(db)["articles"] == 3


def test_run_article_that_breaks_the_reader(toy_reader, tmp_path):
    arts = corpus(2)
    arts[1] = replace(arts[1], text=arts[1].text + " FAIL-ME")
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    result = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 1
    assert f"Error: {src}:2: internal error: ValueError: toy reader refuses this article\n" in result.stderr


def test_run_refuses_a_file_that_is_not_a_database(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1))
    bad = tmp_path / "notes.db"
    bad.write_text("plain words, not tables\n" * 100)
    result = runner.invoke(app, ["run", str(src), "--db", str(bad)])
    assert result.exit_code == 3
    assert result.stderr == f"Error: {bad}: not a deathtoll database: file is not a database\n"


def test_run_interrupted(monkeypatch, tmp_path):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Pipeline, "run", interrupted)
    result = runner.invoke(app, ["run", str(tmp_path), "--db", str(tmp_path / "d.db")])
    assert (result.exit_code, result.stderr) == (130, "Error: interrupted\n")


def test_run_requires_db(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 2 and "--db" in result.stderr


def test_run_reads_stdin(toy_reader, tmp_path):
    line = json.dumps(article("s1").to_record())
    result = runner.invoke(app, ["run", "-", "--db", str(tmp_path / "d.db"), "-q"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert counts(tmp_path / "d.db")["articles"] == 1


def test_extract_json_is_the_contract(toy_reader, tmp_path):
    arts = corpus(3)
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    result = runner.invoke(app, ["extract", str(src), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [d["article"]["id"] for d in lines] == [a.id for a in arts]
    expected = synthetic_result(replace(arts[0], origin=f"{src}:1")).to_dict()
    assert lines[0] == expected


def test_extract_readable(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article("r1")])
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 0
    assert "r1#0" in result.stdout and "killed 3" in result.stdout and "shelling" in result.stdout
    assert "totals" in result.stdout


def test_extract_some_inputs_missing(toy_reader, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article("r1")])
    missing = tmp_path / "gone.txt"
    result = runner.invoke(app, ["extract", str(missing), str(src), "--json"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or directory\n"
    assert len(result.stdout.splitlines()) == 1


def test_extract_nothing(toy_reader, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "gone.txt"), "--json"])
    assert (result.exit_code, result.stdout) == (3, "")


# -- queries over a filled database ----------------------------------------------------
@pytest.fixture
def filled(tmp_path):
    db = tmp_path / "q.db"
    texts = [
        ("q1", "4 civilians were killed and 2 were wounded in Eastford by airstrike. Then calm.", "2017-01-10"),
        ("q2", "6 soldiers were killed in Westbury by shelling.", "2017-02-20"),
        ("q3", "5 fighters were killed in Nowhereville.", "2017-03-30"),
    ]
    with open_store(db) as s:
        s.save_batch(None, [synthetic_result(article(i, t, published=__import__("datetime").date.fromisoformat(d)))
                            for i, t, d in texts], [])
    return db


@pytest.mark.parametrize("args, shown, hidden", [
    # everything
    ([], ["q1/0", "q2/0", "q3/0"], []),
    # a place filter
    (["--place", "westbury"], ["q2/0"], ["q1/0", "q3/0"]),
    # a date window
    (["--since", "2017-02-01", "--until", "2017-02-28"], ["q2/0"], ["q1/0", "q3/0"]),
    # victim group and outcome
    (["--group", "civilian", "--outcome", "wounded"], ["q1/0"], ["q2/0", "q3/0"]),
    # a limit
    (["--limit", "1"], ["q1/0"], ["q2/0", "q3/0"]),
])
def test_incidents_table(filled, args, shown, hidden):
    result = runner.invoke(app, ["incidents", "--db", str(filled), *args])
    assert result.exit_code == 0, result.output
    for i in shown:
        assert i in result.stdout
    for i in hidden:
        assert i not in result.stdout


def test_incidents_table_columns(filled):
    result = runner.invoke(app, ["incidents", "--db", str(filled), "--place", "Eastford"])
    row = next(line for line in result.stdout.splitlines() if "q1/0" in line)
    assert "2017-01-10" in row and "airstrike" in row and "single-source" in row
    assert row.split()[-4:-2] == ["4", "2"]  # killed, wounded


def test_incidents_nothing_matches(filled):
    result = runner.invoke(app, ["incidents", "--db", str(filled), "--place", "Atlantis"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no incidents match\n")


@pytest.mark.parametrize("args", [
    [],                                   # no --db
    ["--db", "x.db", "--since", "March"],  # not a date
    ["--db", "x.db", "--group", "aliens"],  # not a victim group
    ["--db", "x.db", "--limit", "0"],      # below the minimum
])
def test_incidents_usage_errors(args):
    assert runner.invoke(app, ["incidents", *args]).exit_code == 2


def test_incidents_db_from_environment(filled):
    result = runner.invoke(app, ["incidents"], env={"DEATHTOLL_DB": str(filled)})
    assert result.exit_code == 0 and "q2/0" in result.stdout


def test_show_incident(filled):
    result = runner.invoke(app, ["show", "q1/0", "--db", str(filled)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "incident q1/0" in out and "Example Wire" in out and "2017-01-10" in out
    assert "killed 4" in out and "wounded 2" in out
    assert "“4 civilians were killed and 2 were wounded in Eastford by airstrike.”" in out


def test_show_article(filled):
    result = runner.invoke(app, ["show", "q2", "--db", str(filled)])
    assert result.exit_code == 0
    assert "q2#0" in result.stdout and "6 soldiers were killed" in result.stdout


def test_show_unknown(filled):
    result = runner.invoke(app, ["show", "zz", "--db", str(filled)])
    assert (result.exit_code, result.stderr) == (1, f"Error: no incident or article 'zz' in {filled}\n")


def test_run_with_a_broken_setup(monkeypatch, tmp_path):
    import deathtoll.extract
    from deathtoll.errors import ConfigError

    def no_model(options=None):
        raise ConfigError("spaCy model 'xx' is not installed")

    monkeypatch.setattr(deathtoll.extract, "load_nlp", no_model)
    src = write_jsonl(tmp_path / "in.jsonl", corpus(2))
    result = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / "d.db")])
    assert (result.exit_code, result.stderr) == (3, "Error: spaCy model 'xx' is not installed\n")

"""A run killed with SIGKILL leaves whole batches behind, and a re-run resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from deathtoll.options import Options
from deathtoll.store import open_store

from factories import FakePipeline, corpus, write_jsonl

TESTS = Path(__file__).resolve().parent
N, BATCH = 200, 5

# The child runs the real runner with a toy reader slowed to 20 ms an article,
# so that it is still running when the parent kills it.
CHILD = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(TESTS)!r})
    from factories import SlowPipeline
    from deathtoll.options import Options
    from deathtoll.store import open_store
    with open_store(sys.argv[1]) as store:
        SlowPipeline(Options(batch_size={BATCH}, extra={{"sleep": 0.02}})).run([sys.argv[2]], store=store, progress=False)
""")


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_run_keeps_committed_batches_and_resumes(tmp_path):
    src = write_jsonl(tmp_path / "many.jsonl", corpus(N))
    db = tmp_path / "killed.db"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), str(db), str(src)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while _stored(db) < 2 * BATCH:
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the child stored nothing in time"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    unfinished = con.execute("SELECT COUNT(*) FROM runs WHERE finished IS NULL").fetchone()[0]
    con.close()
    assert unfinished == 1

    with open_store(db) as store:
        kept = store.counts()
        assert 2 * BATCH <= kept["articles"] < N
        assert kept["articles"] % BATCH == 0  # only whole batches
        assert kept["reports"] == 2 * kept["articles"]  # each stored article has all its rows
        resumed = FakePipeline(Options(batch_size=BATCH)).run([src], store=store, progress=False)
        assert (resumed.unchanged, resumed.extracted) == (kept["articles"], N - kept["articles"])
        after = store.counts()
        again = FakePipeline(Options(batch_size=BATCH)).run([src], store=store, progress=False)
        assert (again.unchanged, again.extracted) == (N, 0)
        assert store.counts() == {**after, "runs": after["runs"] + 1}
        resumed_rows = [store.article(a.id) for a in corpus(N)]

    with open_store(tmp_path / "whole.db") as whole:
        FakePipeline(Options(batch_size=BATCH)).run([src], store=whole, progress=False)
        expected = whole.counts()
        whole_rows = [whole.article(a.id) for a in corpus(N)]
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in expected.items() if k != "runs"}
    assert resumed_rows == whole_rows

"""Shared pytest fixtures and options.

- ``nlp`` / ``extractor``: the English pipeline with ``deathtoll_casualties``,
  loaded once per session (loading spaCy takes about a second).
- ``gz``: the whole-world embedded gazetteer, compiled once per session
  (``test_resolve_common.session_gazetteer``).
- ``shared``: the ``../shared`` folder beside the repository (seed reports and
  dev data, read in place, never copied); tests skip when it is absent.
- ``--regen-golden``: rewrite the ``tests/golden/*.actual.json`` snapshots from
  the current extractor instead of comparing against them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.actual.json snapshots from the current output (review them in the diff)",
    )


@pytest.fixture(scope="session", autouse=True)
def deathtoll_home(tmp_path_factory: pytest.TempPathFactory):
    """Point ``DEATHTOLL_HOME`` (the place index's home) at a session folder, so no test
    writes to the user's cache; the index is compiled there at most once per session."""
    old = os.environ.get("DEATHTOLL_HOME")
    home = tmp_path_factory.mktemp("deathtoll_home")
    os.environ["DEATHTOLL_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("DEATHTOLL_HOME", None)
    else:
        os.environ["DEATHTOLL_HOME"] = old


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden snapshots."""
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ``../shared`` folder (seeds, dev data); skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def extractor():
    """One loaded :class:`deathtoll.extract.Extractor` for the whole session."""
    from deathtoll.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    """The spaCy pipeline (with ``deathtoll_casualties``) the session's extractor uses."""
    return extractor.nlp


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory):
    """The embedded gazetteer, compiled once per session (see ``session_gazetteer``)."""
    try:
        from test_resolve_common import session_gazetteer
    except ImportError:  # tests/ is a package
        from tests.test_resolve_common import session_gazetteer
    return session_gazetteer(tmp_path_factory)

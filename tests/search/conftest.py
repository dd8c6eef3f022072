"""Isolated engine state for the search tests.

Every test in tests/search is marked `search` and gets its own index prefix, so tests never
see each other's documents; the prefix's indices are deleted afterwards. Without
ELASTICSEARCH_URL the tests talk to osmem-server (the test run's own shared engine, see
tests/conftest.py and search.engine); with it, the same tests run against that Elasticsearch.
"""

import contextlib
import uuid
from pathlib import Path

import pytest
from django.utils import translation

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.search)


@pytest.fixture(autouse=True)
def search_index_prefix(settings):
    """A unique SEARCH_INDEX_PREFIX per test; its indices are deleted after the test, and the
    active language is reset.

    The embedded engine's start-up fill (search.bootstrap.indices_ready) runs once per
    prefix, so each test starts from its own database, not a previous test's."""
    from search import bootstrap, engine

    url = settings.ELASTICSEARCH_URL
    prefix = f"t{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_PREFIX = prefix
    bootstrap.reset_state()
    engine.reset_client()
    yield prefix
    # A test client request to an /en/ page leaves English active in this thread.
    translation.deactivate()
    settings.ELASTICSEARCH_URL = url  # a test may have pointed the client elsewhere
    engine.reset_client()
    with bootstrap.bootstrap_suspended(), contextlib.suppress(Exception):
        engine.get_client().indices.delete(
            index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True
        )
    bootstrap.reset_state()

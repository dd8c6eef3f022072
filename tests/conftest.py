import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache


def pytest_configure(config):
    """A fast password hasher: the default PBKDF2 costs a noticeable fraction of a second per
    hash, and the sign-up, log-in and rate-limit tests hash many passwords.

    The embedded search engine is shared by the processes that read one state folder
    (search.engine): a test run gets a folder of its own, so that it never writes into the
    engine of a site running from this checkout, nor of another test run."""
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_settings.SEARCH_ENGINE_STATE_DIR = Path(tempfile.mkdtemp(prefix="vntx-test-engine-"))


def pytest_unconfigure(config):
    """Stops the test run's embedded engine (it is detached, so it would outlive the run)."""
    from search import engine

    engine.embedded_engine_stop()
    shutil.rmtree(django_settings.SEARCH_ENGINE_STATE_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate limits and other cached state never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run inline in tests, whatever broker the environment names."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from marketplace.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture
def reference_data(django_db_blocker):
    """Restores what the data migrations created (exchanges, provinces, sectors, the NDA
    text) after a transactional test's flush removed it. Idempotent."""
    from listings.models import NdaText
    from marketplace.exchanges.models import Exchange, Province
    from marketplace.exchanges.reference import federation_load
    from marketplace.reference.loading import sectors_load
    from marketplace.reference.models import Sector

    with django_db_blocker.unblock():
        federation_load(Exchange, Province)
        sectors_load(Sector)
        if not NdaText.objects.exists():
            import importlib

            nda = importlib.import_module("listings.migrations.0004_nda_text_v1")
            NdaText.objects.create(version=1, body_vi=nda.NDA_VI, body_en=nda.NDA_EN)


@pytest.fixture(autouse=True)
def _test_search_prefix(settings):
    """Index writes queued by services in any test go to test indices, never to "vntx-*"
    (which, with ELASTICSEARCH_URL set, could be a real cluster's). tests/search overrides
    this with a prefix per test."""
    settings.SEARCH_INDEX_PREFIX = "vntxtest"


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate their language in the test's thread and leave it active; each test
    starts and ends in the default language so that none depends on the one before."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)

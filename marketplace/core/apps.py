import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        create_local_folders()


def create_local_folders() -> None:
    """Creates the folders that the embedded default needs before anything can use them.

    Here rather than in the settings, so that importing the settings has no side effect (they
    are read by `check`, by `collectstatic` at image build, by every Celery process); and here
    rather than in bin/, so that `manage.py migrate` on a fresh clone, or with VNTX_VAR_DIR
    elsewhere, works too: ready() runs once the settings are loaded, before any command or
    request opens the database.

    - The folder of a SQLite database file (var/ by default): Django's SQLite backend does not
      create it and fails with "unable to open database file".
    - STATIC_ROOT, only while WhiteNoise serves the static files from the app folders (DEBUG):
      nothing is read from it then, but WhiteNoise warns "No directory at" when it is missing.
      In production `collectstatic` fills it, and a missing folder must stay visible as that
      warning.
    Media folders need nothing: the file storages create them when they save a file.
    """
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    in_a_file = name not in ("", ":memory:") and not name.startswith("file:")
    if database["ENGINE"] == "django.db.backends.sqlite3" and in_a_file:
        _make_folder(Path(name).parent)
    if settings.WHITENOISE_USE_FINDERS and settings.STATIC_ROOT:
        _make_folder(Path(settings.STATIC_ROOT))


def _make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # Not fatal here: a command that never touches the folder still runs, and one that
        # does fails with its own error; this line says why.
        logger.warning("could not create folder %s: %s", path, exc)

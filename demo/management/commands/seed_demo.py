"""`manage.py seed_demo`: loads the demo data (idempotent) and prints the demo log-ins."""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from demo.seed import demo_seed


@contextmanager
def _quiet_app_logs(quiet: bool):
    """The services log every registration and publication at INFO, and inline Celery logs
    every task it runs; for a bulk seed that is noise, so it is shown only with -v 2 or more."""
    names = ("marketplace", "listings", "celery.app.trace")
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    if quiet:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Creates the demo federation, exchange staff, organisations of every kind and their "
        "users, and technology offers and needs, then prints the demo log-ins. Safe to run "
        "again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="Print only the demo log-ins (no progress or counts).",
        )

    def handle(self, *args, quiet: bool = False, verbosity: int = 1, **options):
        progress = self.stdout if verbosity >= 1 and not quiet else None
        with _quiet_app_logs(verbosity < 2):
            summary = demo_seed(stdout=progress)
        if verbosity == 0:
            return
        if not quiet:
            self.stdout.write("")
            self.stdout.write(summary.render_counts())
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(summary.render_logins()))

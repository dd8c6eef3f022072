"""python manage.py import_listings FILE [--exchange CODE] [--status published|submitted]

Imports a JSON Lines file in the listing exchange format (spec/listing-format.md). Rejected
lines go to standard error as "line N: reason"; the summary "created N, updated N, unchanged
N, rejected N" goes to standard output; the exit status is 1 when any line was rejected.
"""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from listings.importing import IMPORT_STATUSES, listings_import, read_lines
from marketplace.exchanges.models import Exchange

from ._streams import use_utf8_streams


class Command(BaseCommand):
    help = "Imports listings from a JSON Lines file in the exchange format ('-' reads stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file, or - for standard input")
        parser.add_argument(
            "--exchange", help="exchange code for lines that do not name their exchange"
        )
        parser.add_argument(
            "--status",
            choices=list(IMPORT_STATUSES),
            default="published",
            help="published (default) or submitted (to the moderation queue)",
        )

    def handle(self, *args, file, exchange=None, status="published", **options):
        use_utf8_streams()
        if exchange is not None and not Exchange.objects.filter(code=exchange).exists():
            known = ", ".join(Exchange.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(
                _("Unknown exchange code “%(code)s”. Known codes: %(known)s.")
                % {"code": exchange, "known": known}
            )
        if file == "-":
            report = self._import(sys.stdin.buffer, exchange, status)
        else:
            try:
                stream = open(file, "rb")  # noqa: SIM115 - closed below
            except FileNotFoundError as exc:
                raise CommandError(_("File not found: %(file)s") % {"file": file}) from exc
            except IsADirectoryError as exc:
                raise CommandError(_("Not a file: %(file)s") % {"file": file}) from exc
            except OSError as exc:
                raise CommandError(
                    _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
                ) from exc
            with stream:
                report = self._import(stream, exchange, status)
        for number, reason in report.errors:
            self.stderr.write(f"line {number}: {reason}")
        self.stdout.write(report.summary)
        if report.rejected:
            sys.exit(1)

    def _import(self, stream, exchange, status):
        try:
            return listings_import(
                lines=read_lines(stream), default_exchange=exchange, status=status
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

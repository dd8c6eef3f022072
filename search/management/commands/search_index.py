"""python manage.py search_index --rebuild | --check | --repair | --stop-engine [--kind offer|need]

--rebuild  fills a new concrete index from the database in bulk, then switches the alias in one
           atomic step and deletes the old index (zero downtime).
--check    compares the database's published listings with the index (ids, update times);
           prints the differences; exit status 1 when there are any.
--repair   fixes those differences and prints what it fixed.
--stop-engine  stops the embedded engine that the processes of this machine share (the next use
           starts a new one and fills it from the database).
On the embedded engine every action works on the engine the site uses (search.engine).
Exit status 2 when the search engine cannot be reached or refuses a request.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from elastic_transport import TransportError
from elasticsearch import ApiError

from search import engine, indexing, repair
from search.documents import KINDS, alias_name

ENGINE_UNREACHABLE = 2

_LABELS = {"offer": "offers", "need": "needs"}


def _ids(ids: list) -> str:
    shown = ", ".join(str(i) for i in ids[:20])
    return shown + (f", … (+{len(ids) - 20})" if len(ids) > 20 else "")


class Command(BaseCommand):
    help = "Rebuilds, checks or repairs the search indices of listings."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="rebuild with zero downtime")
        action.add_argument("--check", action="store_true", help="compare database and index")
        action.add_argument("--repair", action="store_true", help="fix the differences")
        action.add_argument(
            "--stop-engine",
            action="store_true",
            help="stop the embedded engine shared by this machine's processes",
        )
        parser.add_argument("--kind", choices=KINDS, help="one kind only (default: both)")
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=indexing.BULK_CHUNK_SIZE,
            help="documents per bulk request",
        )

    def handle(self, *args, rebuild=False, check=False, repair=False, kind=None, **options):
        if options["stop_engine"]:
            self._stop_engine()
            return
        # The client logs each failed attempt with a traceback; the error below says it all.
        transport_logger = logging.getLogger("elastic_transport")
        level = transport_logger.level
        if options["verbosity"] < 2:
            transport_logger.setLevel(logging.ERROR)
        try:
            if rebuild:
                self._rebuild(kind, max(1, options["chunk_size"]))
            elif check:
                self._check(kind)
            else:
                self._repair(kind, max(1, options["chunk_size"]))
        except TransportError as exc:
            raise CommandError(
                _("The search engine at %(where)s cannot be reached: %(error)s")
                % {"where": self._where(), "error": str(exc)[:300]},
                returncode=ENGINE_UNREACHABLE,
            ) from exc
        except ApiError as exc:
            raise CommandError(
                _("The search engine at %(where)s refused the request: %(error)s")
                % {"where": self._where(), "error": str(exc)[:300]},
                returncode=ENGINE_UNREACHABLE,
            ) from exc
        finally:
            transport_logger.setLevel(level)

    def _where(self) -> str:
        running = engine.running_embedded_engine()
        if settings.ELASTICSEARCH_URL or running is None:
            return settings.ELASTICSEARCH_URL or _("the embedded engine")
        return running.url

    def _stop_engine(self):
        if not engine.uses_embedded_engine():
            raise CommandError(_("ELASTICSEARCH_URL is set: there is no embedded engine to stop."))
        if engine.embedded_engine_stop():
            self.stdout.write(self.style.SUCCESS(_("Stopped the embedded search engine.")))
        else:
            self.stdout.write(_("No embedded search engine was running."))

    def _rebuild(self, kind, chunk_size):
        def progress(one, done):
            self.stdout.write(
                _("%(kind)s: %(count)s indexed…") % {"kind": _LABELS[one], "count": done}
            )

        result = indexing.index_rebuild(kind, chunk_size=chunk_size, progress=progress)
        for one, counts in result.items():
            message = _("%(kind)s: %(count)s indexed into %(index)s (alias %(alias)s switched)") % {
                "kind": _LABELS[one],
                "count": counts["indexed"],
                "index": counts["index"],
                "alias": alias_name(one),
            }
            if counts["removed"]:
                message += "; " + _("deleted %(indices)s") % {
                    "indices": ", ".join(counts["removed"])
                }
            self.stdout.write(self.style.SUCCESS(message))

    def _describe(self, report, verb_missing, verb_stale, verb_extra):
        for one, found in report.by_kind.items():
            self.stdout.write(
                _("%(kind)s: %(database)s published in the database, %(indexed)s in the index")
                % {"kind": _LABELS[one], "database": found["database"], "indexed": found["indexed"]}
            )
            for key, verb in (
                ("missing", verb_missing),
                ("stale", verb_stale),
                ("extra", verb_extra),
            ):
                if found[key]:
                    self.stdout.write(f"  {verb} ({len(found[key])}): {_ids(found[key])}")

    def _check(self, kind):
        report = repair.index_check(kind)
        self._describe(report, _("missing"), _("stale"), _("extra"))
        differences = len(report.missing) + len(report.stale) + len(report.extra)
        if differences:
            raise CommandError(
                _("%(count)s differences between the database and the index; run --repair.")
                % {"count": differences}
            )
        self.stdout.write(self.style.SUCCESS(_("The index matches the database.")))

    def _repair(self, kind, chunk_size):
        report = repair.index_repair(kind, chunk_size=chunk_size)
        self._describe(report, _("indexed missing"), _("re-indexed stale"), _("deleted extra"))
        fixed = len(report.missing) + len(report.stale) + len(report.extra)
        if fixed:
            self.stdout.write(
                self.style.SUCCESS(_("Repaired %(count)s documents.") % {"count": fixed})
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Nothing to repair: the index matches the database."))
            )

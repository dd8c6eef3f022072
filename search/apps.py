from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from marketplace.core.health import register_check

        from .engine import engine_ping

        register_check("search", engine_ping)

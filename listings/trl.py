"""Technology readiness levels (TRL 1-9): what each level means, for the listing form's TRL
helper and the public listing page. Index 0 is TRL 1."""

from django.utils.translation import gettext_lazy as _

TRL_LEVELS = [
    _("Basic principles observed and reported"),
    _("Technology concept formulated"),
    _("Experimental proof of concept"),
    _("Technology validated in the laboratory"),
    _("Technology validated in a relevant environment"),
    _("Technology demonstrated in a relevant environment"),
    _("System prototype demonstrated in an operational environment"),
    _("System complete and qualified"),
    _("Actual system proven in an operational environment"),
]

TRL_DESCRIPTIONS = [
    _("Scientific research begins: the basic properties of the technology are observed and "
      "described."),
    _("Practical applications of the principles are proposed; they are still speculative, "
      "without experimental proof."),
    _("Analytical and laboratory studies confirm that the critical functions work."),
    _("The basic components are put together and tested together in the laboratory."),
    _("The components are integrated with realistic supporting parts and tested in a simulated "
      "environment."),
    _("A representative model or prototype is tested in a relevant environment (pilot scale)."),
    _("A near-final prototype is demonstrated in real operating conditions."),
    _("The actual system is finished and qualified through tests and demonstration."),
    _("The system works successfully in real operation, for example in commercial production."),
]  # fmt: skip

TRL_RANGE = range(1, 10)


def trl_title(level: int | None) -> str:
    """The short meaning of a level ("" for anything outside 1..9)."""
    if level in TRL_RANGE:
        return str(TRL_LEVELS[level - 1])
    return ""


def trl_description(level: int | None) -> str:
    if level in TRL_RANGE:
        return str(TRL_DESCRIPTIONS[level - 1])
    return ""


def trl_levels() -> list[dict]:
    """Every level with its meaning, in the active language: [{"level", "title", "description"}]."""
    return [
        {"level": n, "title": TRL_LEVELS[n - 1], "description": TRL_DESCRIPTIONS[n - 1]}
        for n in TRL_RANGE
    ]

"""Helpers shared by the listing commands (a module name with "_" is not a command)."""

import io
import sys


def use_utf8_streams() -> None:
    """The exchange format is UTF-8 whatever the terminal's locale says."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(encoding="utf-8")

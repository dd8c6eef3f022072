"""What one run of the demo shares: its data files, the summary it prints, the demo password.

The data is fixed (no randomness), and every step is idempotent: rows are looked up by their
natural keys (exchange code, tax code, e-mail address, exchange + external id) and brought
back to the demo state, so running the seed twice creates nothing the second time.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"

# One password for every demo account; printed by seed_demo. Demo data only.
DEMO_PASSWORD = "vntx-demo-2026"  # noqa: S105
# A fixed salt makes the stored hash the same on every run, so a re-run can tell whether a
# password still is the demo one without re-hashing (PBKDF2 is slow on purpose). The salt is
# long enough (>= 22 characters) that Django does not ask to re-hash it at log-in.
DEMO_SALT = "vntxDemoSeedFixedSalt2026"
DEMO_LOGIN_URL = "http://127.0.0.1:8000/accounts/login/"

# The kinds of rows the seed counts as created/updated, in the order they are printed.
COUNTED = ["exchanges", "provinces", "sectors", "users", "email_addresses", "staff_roles",
           "organisations", "memberships", "verifications", "listings",
           "listing_status_changes", "listing_interests", "nda_acceptances"]  # fmt: skip


def read_json(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def read_jsonl(name: str) -> list[dict]:
    """The objects of a JSON Lines file of demo/data, in order."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class DemoLogin:
    label: str
    email: str
    note: str = ""


@dataclass
class DemoSummary:
    """What a run did (created/updated per kind of row) and what the database now holds."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    counts: dict[str, int] = field(default_factory=dict)
    organisations_by_kind: dict[str, int] = field(default_factory=dict)
    listing_lines: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    login_url: str = DEMO_LOGIN_URL

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())

    def render_counts(self) -> str:
        c = self.counts
        lines = [
            "VNTX demo data",
            f"  Exchanges:      {c['exchanges']} ({c['national_exchanges']} national, "
            f"{c['local_centres']} local centres); provinces {c['provinces']}; "
            f"sectors {c['sectors']}",
            f"  Organisations:  {c['organisations']} ({c['verified_organisations']} verified) "
            f"in {c['organisation_provinces']} provinces and "
            f"{c['organisation_exchanges']} exchanges",
        ]
        lines += [f"    {kind:<20}{n:>4}" for kind, n in self.organisations_by_kind.items()]
        lines += [
            f"  Users:          {c['users']} ({c['exchange_staff_users']} exchange staff, "
            f"{c['superusers']} superuser(s)); memberships {c['memberships']}; "
            f"staff roles {c['staff_roles']}",
            *self.listing_lines,
            f"  Created this run: {self.created_total} ({_breakdown(self.created)})",
            f"  Updated this run: {self.updated_total} ({_breakdown(self.updated)})",
        ]
        return "\n".join(lines)

    def render_logins(self) -> str:
        width = max(len(login.label) for login in self.logins)
        email_width = max(len(login.email) for login in self.logins)
        lines = [
            "Demo log-ins",
            f"  Log in at {self.login_url}",
            f"  Password for every demo account: {self.password}",
        ]
        lines += [
            f"  {login.label:<{width}}  {login.email:<{email_width}}  {login.note}".rstrip()
            for login in self.logins
        ]
        return "\n".join(lines)

    def render(self) -> str:
        return f"{self.render_counts()}\n\n{self.render_logins()}"


def _breakdown(counter: Counter) -> str:
    names = [*COUNTED, *sorted(set(counter) - set(COUNTED))]
    return ", ".join(f"{name} {counter[name]}" for name in names if counter[name]) or "none"


@dataclass
class DemoContext:
    """Shared state of one run, handed to every step."""

    summary: DemoSummary
    password_hash: str
    stdout: Any = None
    # Filled by the steps of demo.people for the later ones: users by e-mail address,
    # organisations by their demo key.
    users: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

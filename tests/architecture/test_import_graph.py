"""The house's floors (DESIGN.md, "Layout"): an import only ever points down.

    ground    marketplace.core, marketplace.reference
    domain    marketplace.exchanges, then marketplace.accounts, then listings
    features  search, matching, marketplace.negotiations, marketplace.payments
    portal    cms
    top       the project itself (marketplace.settings, urls, asgi, celery, ...)

demo/ and benchmarks/ stand beside the house: they may import anything, and nothing in the
product imports them. Every import counts, including those inside functions; migrations are
history and are left out.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("marketplace", "listings", "search", "matching", "cms")
RANK = {
    "marketplace.core": 0,
    "marketplace.reference": 0,
    "marketplace.exchanges": 1,
    "marketplace.accounts": 2,
    "listings": 3,
    "search": 4,
    "matching": 4,
    "marketplace.negotiations": 4,
    "marketplace.payments": 4,
    "cms": 5,
    "marketplace": 6,
}
PROJECT_MODULES = {"settings", "urls", "api_urls", "asgi", "wsgi", "celery", "routing"}


def package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] not in (*PRODUCT, "demo", "benchmarks"):
        return None
    if parts[0] == "marketplace" and len(parts) > 1 and parts[1] not in PROJECT_MODULES:
        return ".".join(parts[:2])
    return parts[0]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported_modules(path: Path) -> set[str]:
    module = module_name(path)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                names.add(".".join(base + ([node.module] if node.module else [])))
            else:
                names.add(node.module)
    return names


def edges() -> dict[tuple[str, str], set[str]]:
    """(importing package, imported package) -> the files that make the arrow."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for top in (*PRODUCT, "demo", "benchmarks"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = package_of(module_name(path))
            for name in imported_modules(path):
                target = package_of(name)
                if target and target != source:
                    found[(source, target)].add(str(path.relative_to(ROOT)))
    return found


EDGES = edges()


def test_the_graph_is_read():
    # The test would pass vacuously on an empty graph: the known arrows must be there.
    assert ("listings", "marketplace.accounts") in EDGES
    assert ("search", "listings") in EDGES
    assert ("cms", "marketplace.accounts") in EDGES
    assert ("demo", "listings") in EDGES


@pytest.mark.parametrize("arrow", sorted(EDGES), ids=lambda arrow: " -> ".join(arrow))
def test_every_import_points_down(arrow):
    source, target = arrow
    assert target not in ("demo", "benchmarks"), f"the product imports {target}: {EDGES[arrow]}"
    if source in ("demo", "benchmarks"):
        return
    assert RANK[target] <= RANK[source], f"{source} imports {target} above it: {EDGES[arrow]}"
    if RANK[target] == RANK[source]:
        assert RANK[source] == 4, f"{source} imports {target} on its own floor: {EDGES[arrow]}"


def test_no_two_packages_import_each_other_even_through_others():
    graph = defaultdict(set)
    for source, target in EDGES:
        graph[source].add(target)

    def reaches(start: str, goal: str, seen: set) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(package for package in list(graph) if reaches(package, package, {package}))
    assert cycles == []


def test_the_ground_floor_imports_no_other_package():
    ground = {package for package, rank in RANK.items() if rank == 0}
    assert sorted(arrow for arrow in EDGES if arrow[0] in ground and arrow[1] not in ground) == []

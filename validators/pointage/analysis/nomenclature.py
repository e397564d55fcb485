"""The DGFiP's plans de comptes (M52, M57 and its variants), one per variant and year,
read from the package resource `nomenclatures.json.xz` that `tools/build_nomenclatures.py`
builds. Loaded on first use only (a workbook without imputation never pays for it), then
kept for the process: about 40 kB compressed, each plan parsed when first asked for."""

from __future__ import annotations

import json
import lzma
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

RESOURCE = "nomenclatures.json.xz"

# A variant's plan missing for a year, the plan that stands for it: before 2022 the M57
# was published as one plan, which every variant then used; from 2022 a plain « M57 »
# is, for a département, its M57_D.
_STANDS_FOR = {"M57_D": ("M57",), "M57_A": ("M57",), "M57_P": ("M57",), "M57": ("M57_D",)}

SECTIONS = {"F": "fonctionnement", "I": "investissement"}


@dataclass(frozen=True)
class Account:
    code: str
    label: str
    expense_chapter: str  # DR: the chapter of a real expense on the account, or ""
    revenue_chapter: str  # RR: the chapter of a real revenue, or ""


@dataclass(frozen=True)
class Plan:
    variant: str  # M52, M57, M57_A, M57_D, M57_P
    year: int
    chapters: dict[str, tuple[str, str]]  # code -> (libellé, section F/I)
    accounts: dict[str, Account]
    functions: dict[str, str]  # code -> libellé

    @property
    def name(self) -> str:
        return f"{self.variant} {self.year}"

    def section_of(self, chapter: str) -> str | None:
        found = self.chapters.get(chapter)
        return found[1] if found else None

    def is_group(self, code: str) -> bool:
        """An account that only gathers others (`656`): no real operation is imputed on it."""
        return any(other.startswith(code) and other != code for other in self._prefixes.get(code[:2], ()))

    @cached_property
    def _prefixes(self) -> dict[str, list[str]]:
        by_start: dict[str, list[str]] = {}
        for code in self.accounts:
            by_start.setdefault(code[:2], []).append(code)
        return by_start

    def nearest_account(self, code: str) -> Account | None:
        """The real account a typo most likely meant (`6569` -> `6568`)."""
        real = [c for c, a in self.accounts.items() if a.expense_chapter or a.revenue_chapter]
        best = nearest_code(code, real)
        return self.accounts[best] if best else None

    def nearest_function(self, code: str) -> str | None:
        return nearest_code(code, list(self.functions))


def nearest_code(code: str, candidates: list[str]) -> str | None:
    """The candidate fewest keystrokes away (edit distance), then the one sharing the
    longest start, then the numerically closest, then the smallest: one answer, always
    the same."""
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (
            _edit_distance(code, c),
            -_common_start(code, c),
            abs(int(c) - int(code)) if c.isdigit() and code.isdigit() else 0,
            c,
        ),
    )


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _common_start(a: str, b: str) -> int:
    n = 0
    for ca, cb in zip(a, b):
        if ca != cb:
            break
        n += 1
    return n


@cache
def _documents() -> dict[str, str]:
    data = files("pointage.analysis").joinpath(RESOURCE).read_bytes()
    document = json.loads(lzma.decompress(data).decode("utf-8"))
    plans: dict[str, str] = document["plans"]
    return plans


def known_years(variant: str) -> list[int]:
    """The years the resource holds a plan of `variant` for (or of the plan standing for it)."""
    variants = (variant, *_STANDS_FOR.get(variant, ()))
    return sorted({int(k.split("/")[1]) for k in _documents() if k.split("/")[0] in variants})


@cache
def plan_of(variant: str, year: int) -> Plan | None:
    """The plan of `variant` for `year`, or the plan standing for it that year; None when
    the resource has neither (never another year's: natures come and go)."""
    for name in (variant, *_STANDS_FOR.get(variant, ())):
        text = _documents().get(f"{name}/{year}")
        if text is not None:
            return _parse(text)
    return None


def _parse(text: str) -> Plan:
    raw = json.loads(text)
    return Plan(
        variant=raw["declinaison"],
        year=raw["exercice"],
        chapters={code: (label, section) for code, (label, section) in raw["chapitres"].items()},
        accounts={code: Account(code, label, dr, rr) for code, (label, dr, rr) in raw["comptes"].items()},
        functions=raw["fonctions"],
    )

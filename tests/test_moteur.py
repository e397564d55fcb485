"""The engine's safety nets: a crashing rule becomes X001 (the other rules still run),
a crashing reader becomes E000, a file that kills its batch worker is checked again
alone and reported unreadable, innocent files around it keep their reports."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest

from classeurs import construire
from pointage.engine import batch
from pointage.engine import check as engine
from pointage.engine.batch import check_files
from pointage.engine.check import check_path, check_snapshot, failure_place
from pointage.outputs.template import IMPUTATION_HEADERS
from pointage.reading.snapshot import SheetSnapshot, WorkbookSnapshot
from pointage.report.findings import Severity
from pointage.rules import totals
from pointage.rules.registry import Rule, get_rule

WRONG_TOTAL = "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | 5\nTOTAL | 16"
RIGHT_TOTAL = "STRUCTURE | MONTANT\nCCAS | 10\nAIFOR | 5\nTOTAL | 15"
T001_MESSAGE = (
    "TOTAL : le total de la colonne « MONTANT » est 16,00 € ; la somme des 2 lignes du "
    "bloc donne 15,00 € (écart +1,00 €)."
)
WORKER_CRASH = (
    "Fichier illisible : la vérification de ce fichier a fait échouer le programme "
    "(fichier piégé ou trop gros ?)."
)


def line_of(function, needle: str) -> int:
    """Line number (in its file) of the first line of `function` that holds `needle`."""
    source, first = inspect.getsourcelines(function)
    matches = [first + i for i, text in enumerate(source) if needle in text]
    assert len(matches) == 1, (function, needle, matches)
    return matches[0]


def memory_workbook() -> WorkbookSnapshot:
    return WorkbookSnapshot(
        "memoire.xlsx",
        [
            SheetSnapshot("Annexe", [["STRUCTURE", "MONTANT"], ["CCAS", 10], ["AIFOR", 5], ["TOTAL", 16]]),
        ],
    )


def summary(report) -> list[tuple]:
    return [
        (f.code, f.severity, f.sheet, f.cell, f.cells, f.expected, f.found, f.message)
        for f in report.findings
    ]


T001_IN_A = ("T001", Severity.ERREUR, "A", "B4", ("B2", "B3", "B4"), "15.00", "16.00", T001_MESSAGE)


# --- X001: a crashing rule ----------------------------------------------------------


def divide(numerator: int, denominator: int) -> float:
    return numerator / denominator  # the ZeroDivisionError of the crashing rule


def crashing(ctx):
    divide(1, 0)
    return []


def x001(code: str) -> str:
    return (
        f"Erreur interne de la règle {code} : ce contrôle n'a pas été fait en entier (les constats "
        "trouvés avant l'erreur sont gardés ; le détail technique, donné par --details et dans le "
        "JSON, est à transmettre à l'équipe Pointage)."
    )


def test_a_crashing_rule_becomes_x001_and_the_other_rules_still_run():
    crashing_rule = Rule("Z999", Severity.ERREUR, "s", "m", "e", check=crashing)
    report = check_snapshot(memory_workbook(), [crashing_rule, get_rule("T001")])
    # The engine only called the rule, which is outside the package: the place is the
    # innermost frame, where the error was raised.
    where = f"test_moteur.py, ligne {line_of(divide, 'numerator / denominator')}, divide"
    assert summary(report) == [
        (
            "X001",
            Severity.ERREUR,
            None,
            None,
            (),
            None,
            None,
            x001("Z999"),
        ),
        ("T001", Severity.ERREUR, "Annexe", "B4", ("B2", "B3", "B4"), "15.00", "16.00", T001_MESSAGE),
    ]
    # What Python said, and where, is the detail: never inside the French sentence.
    assert report.findings[0].detail == f"ZeroDivisionError: division by zero ({where})"
    assert not report.unreadable
    assert report.status == "erreur"


def test_the_x001_place_is_what_failure_place_gives_for_the_caught_error():
    caught: list[BaseException] = []

    def keeping(ctx):
        try:
            divide(1, 0)
        except ZeroDivisionError as exc:
            caught.append(exc)
            raise

    report = check_snapshot(memory_workbook(), [Rule("Z998", Severity.ERREUR, "s", "m", "e", check=keeping)])
    (finding,) = report.findings
    assert finding.message == x001("Z998")
    assert finding.detail == f"ZeroDivisionError: division by zero ({failure_place(caught[0])})"


def test_a_crash_inside_a_pointage_rule_names_the_rule_function(monkeypatch):
    def broken_mismatch(check, ctx):
        raise KeyError("colonne")

    monkeypatch.setattr(totals, "mismatch", broken_mismatch)
    report = check_snapshot(memory_workbook(), [get_rule("T001")])
    where = f"rules/totals.py, ligne {line_of(totals.check_block_totals, 'mismatch(check, ctx)')}, check_block_totals"
    assert summary(report) == [
        (
            "X001",
            Severity.ERREUR,
            None,
            None,
            (),
            None,
            None,
            x001("T001"),
        ),
    ]
    assert report.findings[0].detail == f"KeyError: 'colonne' ({where})"


def test_failure_place_outside_the_package_is_file_line_function():
    try:
        divide(1, 0)
    except ZeroDivisionError as exc:
        place = failure_place(exc)
    assert place == f"test_moteur.py, ligne {line_of(divide, 'numerator / denominator')}, divide"


def test_failure_place_inside_the_package_is_relative_to_it():
    from pointage.base import addresses

    try:
        addresses.parse_a1("pas une adresse")
    except ValueError as exc:
        place = failure_place(exc)
    assert place == f"base/addresses.py, ligne {line_of(addresses.parse_a1, 'raise ValueError')}, parse_a1"


def test_failure_place_of_an_error_never_raised():
    assert failure_place(ValueError("jamais levée")) == "lieu inconnu"


# --- E000: a crashing reader --------------------------------------------------------


def exploding_reader(path, while_loading=None):
    raise RuntimeError("boom")


def test_a_crashing_reader_makes_the_file_unreadable(tmp_path, monkeypatch):
    path = construire(tmp_path / "a.xlsx", {"A": WRONG_TOTAL})
    monkeypatch.setattr(engine, "read_workbook", exploding_reader)
    report = check_path(path, shown_path="annexe.xlsx")
    assert report.unreadable
    assert report.status == "illisible"
    assert report.path == "annexe.xlsx"
    assert report.tables == []
    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.sheet, finding.cell, finding.cells) == (
        "E000",
        Severity.ERREUR,
        None,
        None,
        (),
    )
    assert finding.message == f"Fichier illisible : {engine.UNEXPECTED_READING}"
    # The engine only called the reader, which is outside the package: the place is
    # where the error was raised.
    assert finding.detail == (
        f"RuntimeError: boom (test_moteur.py, ligne {line_of(exploding_reader, 'raise RuntimeError')}, "
        "exploding_reader)"
    )


def test_an_unreadable_workbook_error_is_reported_as_its_reason(tmp_path):
    path = tmp_path / "vide.xlsx"
    path.write_bytes(b"pas un classeur")
    report = check_path(path)
    assert report.unreadable
    assert [(f.code, f.severity, f.sheet, f.cell) for f in report.findings] == [
        ("E000", Severity.ERREUR, None, None)
    ]
    assert "erreur inattendue" not in report.findings[0].message


# --- retain -------------------------------------------------------------------------


def test_retain_keeps_one_snapshot_and_context_and_changes_nothing(tmp_path):
    path = construire(tmp_path / "a.xlsx", {"A": WRONG_TOTAL})
    kept: list[object] = []
    retained = check_path(path, retain=kept)
    plain = check_path(path)
    assert retained == plain
    assert summary(retained) == [T001_IN_A]
    assert len(kept) == 1
    snapshot, ctx = kept[0]
    assert isinstance(snapshot, WorkbookSnapshot)
    assert snapshot.name == "a.xlsx"
    assert [s.name for s in snapshot.sheets] == ["A"]
    assert ctx.workbook is snapshot
    assert [(t.sheet_name, t.range, t.kind.name) for t in ctx.tables] == [("A", "A1:B4", "repartition")]


def test_retain_keeps_nothing_for_an_unreadable_file(tmp_path, monkeypatch):
    path = construire(tmp_path / "a.xlsx", {"A": WRONG_TOTAL})
    monkeypatch.setattr(engine, "read_workbook", exploding_reader)
    kept: list[object] = []
    check_path(path, retain=kept)
    assert kept == []


# --- batches ------------------------------------------------------------------------


def good_files(tmp_path: Path) -> list[tuple[Path, str]]:
    return [
        (construire(tmp_path / "faux1.xlsx", {"A": WRONG_TOTAL}), "lot/faux1.xlsx"),
        (construire(tmp_path / "juste.xlsx", {"A": RIGHT_TOTAL}), "lot/juste.xlsx"),
        (construire(tmp_path / "faux2.xlsx", {"A": WRONG_TOTAL}), "lot/faux2.xlsx"),
    ]


def test_progress_is_called_once_per_file_in_order(tmp_path):
    files = good_files(tmp_path)
    calls: list[tuple[int, int, str]] = []
    reports = check_files(
        files, workers=1, progress=lambda done, total, report: calls.append((done, total, report))
    )
    assert [r.path for r in reports] == ["lot/faux1.xlsx", "lot/juste.xlsx", "lot/faux2.xlsx"]
    assert [(done, total, report.path) for done, total, report in calls] == [
        (1, 3, "lot/faux1.xlsx"),
        (2, 3, "lot/juste.xlsx"),
        (3, 3, "lot/faux2.xlsx"),
    ]
    assert [report for _, _, report in calls] == reports
    assert [summary(r) for r in reports] == [[T001_IN_A], [], [T001_IN_A]]
    assert [r.status for r in reports] == ["erreur", "ok", "erreur"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers inherit the patch by fork")
def test_a_file_that_kills_its_worker_is_retried_alone_and_reported(tmp_path, monkeypatch):
    import time

    good = good_files(tmp_path)
    crash = (construire(tmp_path / "crash.xlsx", {"A": WRONG_TOTAL}), "lot/crash.xlsx")
    # The crash first, the others slowed down: they are still queued or running when
    # the worker dies, so the whole pool breaks under them and they must be retried.
    files = [crash, *good]
    real = batch.check_path

    def deadly(path, *args, **kwargs):
        if Path(path).name == "crash.xlsx":
            os._exit(3)
        time.sleep(0.2)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", deadly)
    calls: list[tuple[int, int, str]] = []
    reports = check_files(
        files, workers=2, progress=lambda done, total, report: calls.append((done, total, report.path))
    )
    assert [r.path for r in reports] == [
        "lot/crash.xlsx",
        "lot/faux1.xlsx",
        "lot/juste.xlsx",
        "lot/faux2.xlsx",
    ]
    assert [summary(r) for r in reports[1:]] == [[T001_IN_A], [], [T001_IN_A]]
    assert [r.status for r in reports] == ["illisible", "erreur", "ok", "erreur"]
    assert [r.unreadable for r in reports] == [True, False, False, False]
    assert reports[0].tables == []
    assert summary(reports[0]) == [("E000", Severity.ERREUR, None, None, (), None, None, WORKER_CRASH)]
    assert [(done, total) for done, total, _ in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sorted(path for _, _, path in calls) == sorted(shown for _, shown in files)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers inherit the patch by fork")
def test_a_batch_without_crash_gives_the_reports_in_the_order_of_the_files(tmp_path):
    files = good_files(tmp_path)
    reports = check_files(files, workers=2)
    assert [r.path for r in reports] == ["lot/faux1.xlsx", "lot/juste.xlsx", "lot/faux2.xlsx"]
    assert [summary(r) for r in reports] == [[T001_IN_A], [], [T001_IN_A]]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers inherit the patch by fork")
def test_an_error_of_a_retried_file_is_reported_as_in_the_first_pass(tmp_path, monkeypatch):
    import time

    crash = (construire(tmp_path / "crash.xlsx", {"A": WRONG_TOTAL}), "lot/crash.xlsx")
    odd = (construire(tmp_path / "bizarre.xlsx", {"A": WRONG_TOTAL}), "lot/bizarre.xlsx")
    good = (construire(tmp_path / "faux1.xlsx", {"A": WRONG_TOTAL}), "lot/faux1.xlsx")
    real = batch.check_path

    def deadly(path, *args, **kwargs):
        if Path(path).name == "crash.xlsx":
            os._exit(3)
        time.sleep(0.2)  # still queued or running when the worker dies: retried
        if Path(path).name == "bizarre.xlsx":
            raise ValueError("inattendu")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", deadly)
    reports = check_files([crash, odd, good], workers=2)
    assert [summary(r) for r in reports] == [
        [("E000", Severity.ERREUR, None, None, (), None, None, WORKER_CRASH)],
        [
            (
                "E000",
                Severity.ERREUR,
                None,
                None,
                (),
                None,
                None,
                f"Fichier illisible : {engine.UNEXPECTED}",
            )
        ],
        [T001_IN_A],
    ]
    assert reports[1].findings[0].detail.startswith("ValueError: inattendu")


def test_a_crashing_table_detection_makes_the_file_unreadable(monkeypatch):
    from pointage.analysis.context import CheckContext
    from pointage.tables import detection

    def exploding_detection(sheet, seen=None):
        raise IndexError("list index out of range")

    # The context looks the function up in its own module at each check.
    monkeypatch.setattr("pointage.analysis.context.find_tables", exploding_detection)
    ctx, report = engine.check_snapshot_with_context(memory_workbook())
    assert ctx is None
    assert report.unreadable
    assert summary(report) == [
        (
            "E000",
            Severity.ERREUR,
            None,
            None,
            (),
            None,
            None,
            "Fichier illisible : erreur inattendue de Pointage à la recherche des tableaux (à signaler "
            "à l'équipe Pointage, avec le détail technique que donne --details).",
        )
    ]
    assert report.findings[0].detail == (
        "IndexError: list index out of range (analysis/context.py, ligne "
        f"{line_of(CheckContext.from_snapshot, 'find_tables(sheet, ctx.seen_headers)')}, from_snapshot)"
    )
    assert detection.find_tables is not exploding_detection


def budget_workbook() -> WorkbookSnapshot:
    return WorkbookSnapshot(
        "budget.xlsx",
        [
            SheetSnapshot(
                "Rapport",
                [
                    list(IMPUTATION_HEADERS),
                    ["C02-446A05", "6568/93446", "indemnisation", 1000, 900, 950, 0],
                ],
            )
        ],
    )


def test_a_crashing_budget_identity_is_its_rules_x001_not_silence(monkeypatch):
    # The three identities share the lines' columns, not their fate: B001 crashing
    # must not silence B002.
    from pointage.rules import budget_identities

    def broken(columns, tol):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(budget_identities.IDENTITIES, budget_identities.B001, broken)
    rules = [get_rule(code) for code in ("B001", "B002", "B003")]
    report = check_snapshot(budget_workbook(), rules)
    # The innermost frame of Pointage's own code: the rule's call of the identity.
    line = line_of(budget_identities._identity_findings, "IDENTITIES[identity](")
    where = f"rules/budget_identities.py, ligne {line}, _identity_findings"
    assert summary(report) == [
        (
            "X001",
            Severity.ERREUR,
            None,
            None,
            (),
            None,
            None,
            x001("B001"),
        ),
        (
            "B002",
            Severity.ERREUR,
            "Rapport",
            "F2",
            ("E2", "F2"),
            "900.00",
            "950.00",
            "C02-446A05 : Proposition 950,00 € supérieure au Disponible 900,00 € (dépassement de 50,00 €).",
        ),
    ]
    assert report.findings[0].detail == f"ZeroDivisionError: division by zero ({where})"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers inherit the patch by fork")
def test_batch_workers_set_what_they_inherit_apart_from_the_collector(tmp_path, monkeypatch):
    import gc

    from pointage.report.model import FileReport

    def frozen(path, *args, **kwargs):  # runs in a worker: says what it sees
        return FileReport(path=f"{Path(path).name}:{gc.get_freeze_count() > 0}")

    monkeypatch.setattr(batch, "check_path", frozen)
    files = [(construire(tmp_path / f"{n}.xlsx", {"A": RIGHT_TOTAL}), f"{n}.xlsx") for n in ("a", "b")]
    before = gc.get_freeze_count()
    reports = check_files(files, workers=2)
    assert [r.path for r in reports] == ["a.xlsx:True", "b.xlsx:True"]
    assert gc.get_freeze_count() == before  # the caller's process is untouched


_LEFT_BEHIND: list = []  # in a worker: weak references to the cycles earlier checks left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers inherit the patch by fork")
def test_a_worker_collects_the_cycles_each_file_leaves(tmp_path, monkeypatch):
    # Whatever the caller's collector does (the command line switches it off), a
    # worker's memory must not grow with the batch: the cycles of a check are gone
    # before the next file.
    import gc
    import weakref

    from pointage.report.model import FileReport

    class Node:
        pass

    def leaving_a_cycle(path, *args, **kwargs):  # runs in a worker
        previous_gone = all(ref() is None for ref in _LEFT_BEHIND)
        node = Node()
        node.me = node  # a reference cycle, garbage once this returns
        _LEFT_BEHIND.append(weakref.ref(node))
        return FileReport(path=f"{len(_LEFT_BEHIND)}:{previous_gone}")

    monkeypatch.setattr(batch, "check_path", leaving_a_cycle)
    files = [(construire(tmp_path / f"{n}.xlsx", {"A": RIGHT_TOTAL}), f"{n}.xlsx") for n in range(6)]
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        reports = check_files(files, workers=2)
    finally:
        if was_enabled:
            gc.enable()
    seen = [r.path.split(":") for r in reports]
    later = [gone for count, gone in seen if count != "1"]
    assert later, seen  # some worker checked more than one file
    assert all(gone == "True" for gone in later), seen

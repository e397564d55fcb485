"""Checking many workbooks at once, on every core.

Each file is checked in a worker process; a file that crashes its worker is checked
again alone, and reported `illisible` if it crashes again: one bad file never stops
the others. Reports come back in the order of the files.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pointage.base.collector import collector_paused
from pointage.engine.check import UNEXPECTED, check_path, select_rules, technical, unreadable_report
from pointage.report.model import FileReport

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[int, int, FileReport], None]


def _check_one(
    path: str, shown: str, select: Sequence[str], ignore: Sequence[str], retain: list[object] | None = None
) -> FileReport:
    # The rules are chosen (and their modules imported) while calamine reads the file.
    return check_path(Path(path), lambda: select_rules(select, ignore), shown, retain)


def _pool(workers: int) -> ProcessPoolExecutor:
    # Imported here: a single file is checked without them (a few hundredths of a second).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork (Linux) lets workers inherit the imported engine; elsewhere the default.
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_started)
    return ProcessPoolExecutor(workers, initializer=_worker_started)


def _check_in_worker(path: str, shown: str, select: Sequence[str], ignore: Sequence[str]) -> FileReport:
    """One file in a worker: checked without cycle collection (it would walk the
    check's objects again and again), then the cycles it left are collected at once,
    so that a worker's memory stays that of one file however long the batch."""
    with collector_paused():
        report = _check_one(path, shown, select, ignore)
    # Nothing was promoted while the collector was paused: the check's cycles are all
    # in the youngest generation, whose collection walks only what is left of the check.
    gc.collect(0)
    return report


def _worker_started() -> None:
    """In each worker process, once: what it inherited (the imported modules, the
    caller's objects) is set apart from the cycle collector, which would otherwise walk
    it at every full collection and copy every page it touches (fork shares them until
    written). Only the worker's own process is affected, never the caller's."""
    gc.freeze()


def check_files(
    files: Sequence[tuple[Path, str]],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    progress: Progress | None = None,
    workers: int | None = None,
    retain: list[object] | None = None,
) -> list[FileReport]:
    """The reports of `files` (path, path as shown), in their order. `retain`: see
    `check_path` (only for files checked in this process)."""
    workers = min(workers or os.cpu_count() or 1, len(files))
    reports: list[FileReport | None] = [None] * len(files)
    done = 0

    def finish(index: int, report: FileReport) -> None:
        nonlocal done
        reports[index] = report
        done += 1
        if progress:
            progress(done, len(files), report)

    if workers <= 1:
        for index, (path, shown) in enumerate(files):
            finish(index, _check_one(str(path), shown, select, ignore, retain))
            if retain is None:
                gc.collect(0)  # as in a worker: one file's cycles, even without the collector
        return reports  # type: ignore[return-value]

    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    crashed: list[int] = []
    with _pool(workers) as pool:
        futures = {
            pool.submit(_check_in_worker, str(path), shown, tuple(select), tuple(ignore)): index
            for index, (path, shown) in enumerate(files)
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                finish(index, future.result())
            except BrokenProcessPool:
                crashed.append(index)
            except Exception as exc:  # pickling or an unexpected error of one file
                finish(
                    index,
                    unreadable_report(files[index][1], UNEXPECTED, detail=technical(exc)),
                )
    for index in sorted(crashed):
        path, shown = files[index]
        try:
            with _pool(1) as alone:
                finish(
                    index,
                    alone.submit(_check_in_worker, str(path), shown, tuple(select), tuple(ignore)).result(),
                )
        except BrokenProcessPool:
            finish(
                index,
                unreadable_report(
                    shown,
                    "la vérification de ce fichier a fait échouer le programme (fichier piégé ou trop gros ?).",
                ),
            )
        except Exception as exc:  # as in the first pass: one file's error, not the batch's
            finish(index, unreadable_report(shown, UNEXPECTED, detail=technical(exc)))
    return reports  # type: ignore[return-value]


class ProgressBar:
    """`[██████······] 12/40 annexe.xlsx` on a terminal, rewritten in place."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream, self.width = stream, width

    def __call__(self, done: int, total: int, report: FileReport) -> None:
        filled = self.width * done // total
        name = Path(report.path).name
        line = f"\r[{'█' * filled}{'·' * (self.width - filled)}] {done}/{total} {name[:40]:<40}"
        self.stream.write(line)
        if done == total:
            self.stream.write("\r" + " " * len(line) + "\r")
        self.stream.flush()

"""Benchmarks of Pointage, printed as ratios (or times) measured in the same run.

    python bench/run.py [lecture] [lot] [memoire] [petit] [export] [html] [annoter] [clic]

The headline figure of a measure is its CPU time (user + sys): on a machine shared
with other work, wall time measures the neighbours as much as Pointage. The wall-time
figure is printed beside it.

- lecture: `pointage verifier` on 100 000 répartition rows (50 blocks with totals, a
  budget table) ÷ reading all its cell values with python-calamine alone, both whole
  processes. Target: CPU ratio ≤ 1.7 (the wall-time ratio beside it, target ≤ 2.0).
- lot: checking a folder of 40 workbooks of 2 000 rows in parallel (`check_files`,
  what `pointage verifier DOSSIER` runs) ÷ (sum of the single-file check times ÷
  cores), both in one warm process, 5 rounds alternated. Target ≤ 1.3. A measure of
  parallelism, hence of wall time; the CPU time of the batch (its workers included) ÷
  that of the single checks is printed beside it (what running in parallel costs in
  work), and the whole command's time, start and imports included.
- memoire: peak memory taken by checking the 100 000-row workbook, net of the modules
  loaded before the check (peak − loaded modules) ÷ its uncompressed sheet XML size.
  Target ≤ 3. The whole peak ÷ XML is printed beside it (no target).
- petit: whole-process `python -m pointage verifier --format json` on the shipped
  example workbooks/exemples/cp-2024-09-16-accompagnement-global.xlsx (seed 000; target
  ≤ 0.30 s of CPU) and on 1 000 répartition rows (10 blocks with totals, a Barème, a
  budget table; target ≤ 0.25 s of CPU), medians of 5, run alternately with the bare
  interpreter start (`python -c pass`), printed beside them for reference.
- export: `pointage exporter --format docx` of a 2 000-row table (its layout, shading,
  fonts) ÷ the same texts put in a plain python-docx table and saved, both in one warm
  process. Target ≤ 1.5.
- html: `pointage exporter --format html` of an 8 000-row table (its layout, styles)
  ÷ the same texts escaped into a bare HTML table, both in one warm process. Target ≤ 3.
- annoter: the annotated copy of the 100 000-row workbook (marks, Contrôles sheet,
  formulas' cached values put back) ÷ openpyxl loading and saving it, both in one
  process, 3 rounds alternated. Target ≤ 1.3.
- clic: the add-in's « Vérifier le classeur » clicked a second time on the same book
  (10 000 répartition rows, 100 findings, the marks, Contrôles and the journal of
  the first click in it), through xlwings' remote engine as the tests fake Excel:
  request decoded into a Book, `verifier`, response encoded, in this warm process
  (the ribbon's click pauses the collector, so does this one). Once on the unchanged
  book, once after the user corrected one wrong amount; each after a click on the
  unchanged book, as a second click is. Targets: ≤ 0.25 s of CPU, ≤ 150 actions (the
  calls into Excel, `book.json()["actions"]`). Beside them: the CPU-time ratio to
  xlwings + JSON alone (the same request decoded, the response encoded), the same
  with one `.value` read of each sheet, and the CPU time of each phase of the click.

Robust on a busy machine: the two sides of a ratio run alternately (A B A B …), 5
rounds (whole processes start after one untimed run of each, which warms the disk
cache; `lot` starts warm from one single check), and each side is printed as its
median and its range (min–max); a ratio is the ratio of the medians. The CPU time of
a whole process is the user + sys time of the child (and of the children it waited
for), from `getrusage(RUSAGE_CHILDREN)` deltas; in-process, that of this process (all
its threads) and of the children it waited for (the workers of `lot`). Whole processes
read compiled modules, as after a user install (their bytecode is kept under
bench/.cache/pycache, even where PYTHONDONTWRITEBYTECODE is set).

Both sides of a ratio run as fresh processes (interpreter start included) or both
in-process, on the same machine, in the same run. Generated workbooks are cached in
bench/.cache (delete it to regenerate). An unknown benchmark name exits with code 2.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

try:
    import resource
except ImportError:  # not Unix: no CPU time of the children
    resource = None

HERE = Path(__file__).parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))

from generate import repartition_workbook  # noqa: E402

PYTHON = sys.executable
ROUNDS = 5  # whole-process measures
LOT_ROUNDS = 5  # in-process measures of `lot` (each round checks 2 × 40 workbooks)
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"


@dataclass
class Series:
    """The times of one side of a measure, one per round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def has_cpu(self) -> bool:
        return len(self.cpu) == len(self.wall) > 0

    def median(self) -> float:
        return statistics.median(self.wall)

    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def text(self, digits: int = 2) -> str:
        """« médiane 1.20 s (1.15–1.40) », and the CPU time when measured."""
        out = f"médiane {_spread(self.wall, digits)}"
        if self.has_cpu:
            out += f", CPU {_spread(self.cpu, digits)}"
        return out


def _spread(values: list[float], digits: int) -> str:
    """The median and the range (min–max) of `values`, in seconds."""
    median, low, high = statistics.median(values), min(values), max(values)
    return f"{median:.{digits}f} s ({low:.{digits}f}–{high:.{digits}f})"


def _verdict(value: float, target: float) -> str:
    return "atteinte" if value <= target else "NON atteinte"


def _children_cpu() -> float | None:
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu() -> float:
    """This process's CPU time (all threads), and its waited-for children's if known."""
    return time.process_time() + (_children_cpu() or 0.0)


def _ratios(
    ours: Series, baseline: Series, target: float, wall_target: float | None = None
) -> tuple[float, str]:
    """The CPU-time ratio of the medians (the headline, checked against `target`) and
    the line that shows it with the wall-time ratio beside it."""
    wall = ours.median() / baseline.median()
    wall_text = f"ratio temps réel {wall:.2f}"
    if wall_target is not None:
        wall_text += f" (cible <= {wall_target:g} : {_verdict(wall, wall_target)})"
    if not (ours.has_cpu and baseline.has_cpu):  # no CPU time on this system
        return wall, f"  -> {wall_text} (temps CPU non mesurable ici ; cible <= {target:g})"
    cpu = ours.cpu_median() / baseline.cpu_median()
    return (
        cpu,
        f"  -> ratio temps CPU {cpu:.2f} (cible <= {target:g} : {_verdict(cpu, target)}) ; {wall_text}",
    )


# Whole processes run as from a user install, whose modules pip compiled once: their
# bytecode is written (under bench/.cache, never beside the sources) by the untimed
# first run and read by the timed ones, whatever PYTHONDONTWRITEBYTECODE says here.
_INSTALLED = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(CACHE / "pycache"),
}


def _run(command: list[str], series: Series | None = None) -> None:
    """Runs `command` as a whole process; adds its wall and CPU times to `series`."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_INSTALLED)
    wall = time.perf_counter() - start
    cpu_after = _children_cpu()
    if series is not None:
        series.wall.append(wall)
        if cpu_before is not None and cpu_after is not None:
            series.cpu.append(cpu_after - cpu_before)


def _alternate(commands: dict[str, list[str]], rounds: int = ROUNDS) -> dict[str, Series]:
    """Runs the commands in turn (A B A B …) after one untimed run of each."""
    for command in commands.values():
        _run(command)
    results = {name: Series() for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            _run(command, results[name])
    return results


def _alternate_in_process(
    steps: dict[str, Callable[[], None]], rounds: int, untimed: dict[str, Callable[[], None]] | None = None
) -> dict[str, Series]:
    """Runs the steps in turn (A B A B …) in this process; wall and CPU times. A step
    named in `untimed` is preceded each time by that call, not timed (its setting)."""
    results = {name: Series() for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            if untimed and name in untimed:
                untimed[name]()
            cpu, start = _own_cpu(), time.perf_counter()
            step()
            results[name].wall.append(time.perf_counter() - start)
            results[name].cpu.append(_own_cpu() - cpu)
    return results


def _cached(name: str, **kwargs) -> Path:
    path = CACHE / name
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        repartition_workbook(path, **kwargs)
    return path


def big_workbook() -> Path:
    return _cached("repartition-100000.xlsx", rows=100_000, blocks=50)


def small_workbook() -> Path:
    return _cached("repartition-1000.xlsx", rows=1000, blocks=10)


def xml_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))


CALAMINE_ONLY = (
    "import sys, python_calamine as c\n"
    "w = c.CalamineWorkbook.from_path(sys.argv[1])\n"
    "[w.get_sheet_by_name(n).to_python() for n in w.sheet_names]\n"
)


def lecture() -> float:
    path = big_workbook()
    runs = _alternate(
        {
            "pointage": [PYTHON, "-m", "pointage", "verifier", str(path)],
            "calamine": [PYTHON, "-c", CALAMINE_ONLY, str(path)],
        }
    )
    checked, baseline = runs["pointage"], runs["calamine"]
    ratio, line = _ratios(checked, baseline, 1.7, wall_target=2.0)
    print(f"lecture : 100 000 lignes, processus entiers, {ROUNDS} tours alternés")
    print(f"  pointage verifier : {checked.text()}")
    print(f"  calamine seul     : {baseline.text()}")
    print(line)
    return ratio


def lot() -> float:
    folder = CACHE / "lot-40x2000"
    if not folder.exists():
        folder.mkdir(parents=True)
        for i in range(40):
            repartition_workbook(folder / f"annexe-{i:02d}.xlsx", rows=2000, blocks=10, seed=i)
    files = sorted(folder.glob("*.xlsx"))
    from pointage.engine.batch import check_files
    from pointage.engine.check import check_path

    check_path(files[0])  # imports and caches warm, as in a worker
    cores = os.cpu_count() or 1

    def batch() -> None:
        check_files([(path, path.name) for path in files])

    def singles() -> None:
        for path in files:
            check_path(path)

    # Like for like: the batch runs in this same warm process (its workers fork from
    # it), so the ratio measures what parallel checking costs, not the interpreter
    # start and the imports, which the single checks do not pay either.
    runs = _alternate_in_process({"lot": batch, "seules": singles}, LOT_ROUNDS)
    together, alone = runs["lot"], runs["seules"]
    ratio = together.median() / (alone.median() / cores)
    command = _alternate(
        {"commande": [PYTHON, "-m", "pointage", "verifier", str(folder), "--format", "json"]}
    )
    print(f"lot : {len(files)} classeurs de 2 000 lignes, {cores} coeurs, {LOT_ROUNDS} tours alternés")
    print(f"  lot (check_files)                 : {together.text()}")
    print(f"  somme des vérifications seules    : {alone.text()}")
    work = together.cpu_median() / alone.cpu_median()
    print(
        f"  -> ratio {ratio:.2f} (cible <= 1.3 : {_verdict(ratio, 1.3)}) ; "
        f"temps CPU du lot (ouvriers compris) / des vérifications seules : {work:.2f}"
    )
    print(
        f"  la commande entière, démarrage et imports compris ({ROUNDS} fois) : {command['commande'].text()}"
    )
    return ratio


MEMORY_PROBE = (
    "import resource, sys\n"
    "from pointage.engine.check import check_path\n"
    "import pointage.rules.families\n"
    "def status(field):\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith(field + ':'):\n"
    "            return int(line.split()[1]) * 1024\n"
    "try:\n"
    # The peak a spawned process starts with may be its parent's (vfork): reset it.
    "    open('/proc/self/clear_refs', 'w').write('5')\n"
    "    before = status('VmRSS')\n"
    "    check_path(sys.argv[1])\n"
    "    after = status('VmHWM')\n"
    "except OSError:  # not Linux\n"
    "    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
    "    check_path(sys.argv[1])\n"
    "    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
    "print(before, after)\n"
)


def memoire() -> float:
    path = big_workbook()
    out = subprocess.run([PYTHON, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True, check=True)
    before, after = (int(v) for v in out.stdout.split())
    size = xml_size(path)
    ratio = (after - before) / size
    mib = 2**20
    print("memoire : vérification du classeur de 100 000 lignes")
    print(
        f"  pic {after / mib:.0f} Mio = modules chargés {before / mib:.0f} Mio + vérification "
        f"{(after - before) / mib:.0f} Mio ; XML décompressé {size / mib:.0f} Mio"
    )
    print(
        f"  -> ratio net (pic − modules chargés) / XML {ratio:.2f} (cible <= 3 : {_verdict(ratio, 3)}) ; "
        f"pic total / XML : {after / size:.2f} (sans cible)"
    )
    return ratio


def petit() -> float:
    small = small_workbook()
    verifier = [PYTHON, "-m", "pointage", "verifier", "--format", "json"]
    runs = _alternate(
        {
            "exemple": [*verifier, str(EXAMPLE)],
            "1000": [*verifier, str(small)],
            "python": [PYTHON, "-c", "pass"],
        }
    )
    example, rows, bare = runs["exemple"], runs["1000"], runs["python"]
    print(f"petit : processus entiers, {ROUNDS} tours alternés, cibles en temps CPU")
    for name, series, target in (
        (f"exemple {EXAMPLE.name}", example, 0.30),
        ("1 000 lignes avec tableau budgétaire", rows, 0.25),
    ):
        figure = series.cpu_median() if series.has_cpu else series.median()
        print(f"  {name} : {series.text(3)} -> cible <= {target:.2f} s : {_verdict(figure, target)}")
    print(f"  pour mémoire, démarrage de Python seul (python -c pass) : {bare.text(3)}")
    return example.cpu_median() if example.has_cpu else example.median()


def export_rows() -> Path:
    return _cached("repartition-2000-sans-budget.xlsx", rows=2000, blocks=10, budget=False)


def html_rows() -> Path:
    return _cached("repartition-8000-sans-budget.xlsx", rows=8000, blocks=10, budget=False)


def _export_against(name: str, fmt: str, path: Path, baselines: dict[str, Callable], target: float) -> float:
    """`pointage exporter --format FMT` of the first table of `path` ÷ each baseline,
    called with that table's texts (an ExportedTable): the first is the headline, the
    others are printed beside it. All in this warm process, alternated."""
    from datetime import datetime

    from pointage.engine.check import check_snapshot_with_context
    from pointage.outputs.export.api import export_table
    from pointage.outputs.export.content import exported_table
    from pointage.reading.workbook import read_workbook

    ctx, report = check_snapshot_with_context(read_workbook(path))
    table = exported_table(ctx.tables[0])

    def ours() -> None:
        export_table(ctx, report, "Annexe", 1, fmt, True, "annexe.xlsx", "0" * 64, datetime(2026, 12, 2))

    steps = {"pointage": ours, **{baseline: partial(plain, table) for baseline, plain in baselines.items()}}
    for step in steps.values():  # imports and caches warm
        step()
    runs = _alternate_in_process(steps, ROUNDS)
    print(f"{name} : tableau de {len(table.rows)} lignes, dans le processus, {ROUNDS} tours alternés")
    print(f"  pointage exporter --format {fmt} (mise en page comprise) : {runs['pointage'].text()}")
    for baseline in baselines:
        print(f"  {baseline} : {runs[baseline].text()}")
    headline, *others = baselines
    ratio, line = _ratios(runs["pointage"], runs[headline], target)
    print(line)
    for other in others:  # in-process: CPU time is always measured
        cpu = runs["pointage"].cpu_median() / runs[other].cpu_median()
        wall = runs["pointage"].median() / runs[other].median()
        print(f"     pour mémoire, contre {other} (sans cible) : temps CPU {cpu:.2f}, temps réel {wall:.2f}")
    return ratio


def _texts(table) -> list[tuple[str, ...]]:
    """The texts of an exported table, its header row first."""
    return [table.headers, *(tuple(c.text for c in row.cells) for row in table.rows)]


def export() -> float:
    import io

    import docx

    def python_docx(table) -> None:
        # The same texts in a plain python-docx table: what any Word export costs.
        lines = _texts(table)
        document = docx.Document()
        grid = document.add_table(rows=len(lines), cols=len(table.headers))
        for row, texts in zip(grid.rows, lines):
            for cell, text in zip(row.cells, texts):
                cell.text = text
        document.save(io.BytesIO())

    return _export_against(
        "export", "docx", export_rows(), {"python-docx seul, mêmes textes": python_docx}, 1.5
    )


def html() -> float:
    from html import escape

    def _document(rows: list[str]) -> None:
        body = "\n".join(rows)
        f'<!DOCTYPE html>\n<html lang="fr">\n<body>\n<table>\n{body}\n</table>\n</body>\n</html>\n'.encode()

    def styled(table) -> None:
        # The same table written cell by cell with f-strings, each cell carrying the
        # inline style that a paste into Word needs (borders, alignment, bold totals).
        cell = "border:0.5pt solid #000000;padding:1pt 4pt;vertical-align:middle"
        rows = [
            "<tr>" + "".join(f'<th style="{cell};font-weight:bold">{escape(h)}</th>' for h in table.headers)
        ]
        for row in table.rows:
            bold = ";font-weight:bold" if row.total else ""
            rows.append(
                "<tr>"
                + "".join(
                    f'<td style="{cell}{";text-align:right" if c.numeric else ""}{bold}">{escape(c.text)}</td>'
                    for c in row.cells
                )
                + "</tr>"
            )
        _document(rows)

    def bare(table) -> None:
        # The same texts in a table without any style: the least an HTML export costs.
        _document(
            ["<tr>" + "".join(f"<td>{escape(t)}</td>" for t in texts) + "</tr>" for texts in _texts(table)]
        )

    baselines = {"HTML écrit cellule par cellule, styles en ligne": styled, "HTML nu, sans styles": bare}
    return _export_against("html", "html", html_rows(), baselines, 3.0)


ANNOTER_ROUNDS = 3  # each side of a round reads and writes 100 000 rows with openpyxl


def annoter() -> float:
    import io

    import openpyxl

    from pointage.engine.check import check_path
    from pointage.outputs.annotated_copy import write_annotated_copy
    from pointage.outputs.marks import build_plan

    path = big_workbook()
    plan = build_plan(check_path(path), "0" * 64)
    target = CACHE / "annotee.xlsx"

    def ours() -> None:
        write_annotated_copy(path, target, plan)

    def plain_openpyxl() -> None:
        openpyxl.load_workbook(path, rich_text=True).save(io.BytesIO())

    runs = _alternate_in_process({"pointage": ours, "openpyxl": plain_openpyxl}, ANNOTER_ROUNDS)
    target.unlink(missing_ok=True)
    ratio, line = _ratios(runs["pointage"], runs["openpyxl"], 1.3)
    print(
        f"annoter : copie annotée du classeur de 100 000 lignes, dans le processus, {ANNOTER_ROUNDS} tours alternés"
    )
    print(f"  copie annotée (marques, Contrôles, valeurs des formules) : {runs['pointage'].text()}")
    print(f"  openpyxl seul, ouverture + enregistrement              : {runs['openpyxl'].text()}")
    print(line)
    return ratio


def clic() -> float:
    import copy
    import json
    import tempfile

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine
    sys.path.insert(0, str(ROOT / "tests"))
    import xlwings as xw

    from addin_actions import SHEET_ROWS, SHEET_WRONG, TARGET, WHEN, WRONG_BY, amount_moved, generated_payload
    from addin_payload import Replay
    from pointage.addin import last_check, macros
    from pointage.base.collector import collector_paused

    with tempfile.TemporaryDirectory() as folder:
        payload = generated_payload(Path(folder))
    # The first click of the session (imports, caches), then the book as Excel sends it
    # at the second click: its marks, Contrôles and the journal in it.
    first = xw.Book(json=copy.deepcopy(payload))
    plan = macros.verifier(first, WHEN)
    marked = Replay(payload).apply(first.json()["actions"]).to_payload()
    # Between the two clicks, the user corrects the first wrong amount (not its total).
    requests = {
        "inchangé": json.dumps(marked),
        "changé": json.dumps(amount_moved(marked, plan.controls[0].cell, -WRONG_BY)),
    }
    actions: dict[str, int] = {}

    def click(request: str) -> str:
        book = xw.Book(json=json.loads(request))
        with collector_paused():  # as the ribbon's button runs it (pointage.addin.dispatch)
            macros.verifier(book, WHEN)
        response = book.json()
        actions[request] = len(response["actions"])
        return json.dumps(response)

    def xlwings_json(request: str, read: bool) -> tuple[str, list]:
        book = xw.Book(json=json.loads(request))
        cells = [sheet.used_range.options(ndim=2).value for sheet in book.sheets] if read else []
        return json.dumps(book.json()), cells

    steps = {
        "inchangé": partial(click, requests["inchangé"]),
        "changé": partial(click, requests["changé"]),
        "xlwings": partial(xlwings_json, requests["inchangé"], False),
        "xlwings_lu": partial(xlwings_json, requests["inchangé"], True),
    }
    # The click on the unchanged book follows a click on it, as a second click does;
    # the one after a change follows it too, and finds its last check stale.
    prime = partial(click, requests["inchangé"])
    runs = _alternate_in_process(steps, ROUNDS, untimed={"inchangé": prime, "changé": prime})
    phases = {name: _click_phases(macros, steps[name], prime) for name in ("inchangé", "changé")}
    last_check.forget()

    print(
        f"clic : second clic sur « Vérifier le classeur », {SHEET_ROWS:_} lignes, ".replace("_", " ")
        + f"{SHEET_WRONG} constats, moteur distant d'xlwings (requête JSON, réponse JSON), "
        f"dans le processus, {ROUNDS} tours alternés"
    )
    texts = {
        "inchangé": "classeur inchangé depuis le premier clic",
        "changé": "un montant changé depuis le premier clic",
        "xlwings": "xlwings + JSON seuls (requête lue en Book, réponse écrite)",
        "xlwings_lu": "les mêmes + une lecture de chaque feuille (.value)",
    }
    for name, text in texts.items():
        count = f" ; {actions[requests[name]]} actions" if name in requests else ""
        print(f"  {text:58} : {runs[name].text(3)}{count}")
    ratio, line = _ratios(runs["inchangé"], runs["xlwings"], float("inf"))
    print(line.replace(" (cible <= inf : atteinte)", " (sans cible)"))
    for name in ("inchangé", "changé"):
        cpu, count = runs[name].cpu_median(), actions[requests[name]]
        print(
            f"  -> {texts[name]} : CPU {cpu:.3f} s (cible <= 0.25 s : {_verdict(cpu, 0.25)}) ; "
            f"{count} actions (cible <= {TARGET} : {_verdict(count, TARGET)})"
        )
        print("     phases (CPU, médianes) : " + ", ".join(f"{k} {v:.3f}" for k, v in phases[name].items()))
    return ratio


# The add-in's phases of a click, as `macros.verifier` calls them.
CLICK_PHASES = {
    "read_journal": "journal lu",
    "read_book": "lecture du classeur",
    "fingerprint": "empreinte",
    "report_of": "vérification",
    "build_plan": "plan",
    "apply_marks": "marques",
    "write_journal": "journal écrit",
    "write_controls": "Contrôles",
}


def _click_phases(macros, click: Callable[[], None], prime: Callable[[], None]) -> dict[str, float]:
    """The CPU time of each phase of `click` (medians of ROUNDS clicks, each after
    `prime`), then the rest of `verifier` (sheets found, message) and what is outside
    it: the request decoded into a Book, the response encoded."""
    from collections import defaultdict

    spent: dict[str, list[float]] = defaultdict(list)
    originals = {name: getattr(macros, name) for name in (*CLICK_PHASES, "verifier")}
    current: dict[str, float] = {}

    def timed(name: str, function: Callable) -> Callable:
        def call(*args, **kwargs):
            cpu = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                current[name] = current.get(name, 0.0) + time.process_time() - cpu

        return call

    try:
        for name, function in originals.items():
            setattr(macros, name, timed(name, function))
        for _ in range(ROUNDS):
            prime()
            current.clear()
            cpu = time.process_time()
            click()
            total = time.process_time() - cpu
            phases = [current.get(name, 0.0) for name in CLICK_PHASES]
            for name, phase in zip(CLICK_PHASES.values(), phases):
                spent[name].append(phase)
            spent["reste de verifier"].append(current["verifier"] - sum(phases))
            spent["xlwings + JSON"].append(total - current["verifier"])
    finally:
        for name, function in originals.items():
            setattr(macros, name, function)
    return {name: statistics.median(times) for name, times in spent.items()}


BENCHMARKS = {
    "lecture": lecture,
    "lot": lot,
    "memoire": memoire,
    "petit": petit,
    "export": export,
    "html": html,
    "annoter": annoter,
    "clic": clic,
}


def main(names: list[str]) -> int:
    for name in names:
        if name not in BENCHMARKS:
            print(f"benchmark inconnu : {name} (choix : {', '.join(BENCHMARKS)})", file=sys.stderr)
            return 2
    for name in names or list(BENCHMARKS):
        BENCHMARKS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

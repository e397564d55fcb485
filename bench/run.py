"""Benchmarks of Pointage, printed as ratios (or times) measured in the same run.

    python bench/run.py [lecture] [lot] [memoire] [petit] [export] [annoter]

- lecture: `pointage verifier` on 100 000 répartition rows (50 blocks with totals, a
  budget table) ÷ reading all its cell values with python-calamine alone, both whole
  processes. Target ≤ 2.0 in wall time; the CPU-time ratio (user + sys of the child)
  is printed beside it, target ≤ 2.0 too.
- lot: checking a folder of 40 workbooks of 2 000 rows in parallel (`check_files`,
  what `pointage verifier DOSSIER` runs) ÷ (sum of the single-file check times ÷
  cores), both in one warm process, 5 rounds alternated. Target ≤ 1.3. The whole
  command's time, start and imports included, is printed beside it.
- memoire: peak memory taken by checking the 100 000-row workbook, net of the modules
  loaded before the check (peak − loaded modules) ÷ its uncompressed sheet XML size.
  Target ≤ 3. The whole peak ÷ XML is printed beside it (no target).
- petit: whole-process `python -m pointage verifier` on the shipped example
  workbooks/exemples/cp-2024-09-16-accompagnement-global.xlsx (target ≤ 0.5 s) and on
  1 000 répartition rows (10 blocks with totals, a Barème, no budget table; target
  ≤ 0.4 s), medians of 5, run alternately with the bare interpreter start
  (`python -c pass`), printed beside them for reference.
- export: `pointage exporter --format docx` of a 2 000-row table (its layout, shading,
  fonts) ÷ the same texts put in a plain python-docx table and saved, both in one warm
  process. Target ≤ 1.5.
- annoter: the annotated copy of the 100 000-row workbook (marks, Contrôles sheet,
  formulas' cached values put back) ÷ openpyxl loading and saving it, both in one
  process, 3 rounds alternated. Target ≤ 1.3.

Robust on a busy machine: the two sides of a ratio run alternately (A B A B …), 5
rounds (whole processes start after one untimed run of each, which warms the disk
cache; `lot` starts warm from one single check), and each side is printed as its
median and its range (min–max); a ratio is the ratio of the medians. The CPU time of
a whole process is the user + sys time of the child (and of the children it waited
for), from `getrusage(RUSAGE_CHILDREN)` deltas.

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


def _run(command: list[str], series: Series | None = None) -> None:
    """Runs `command` as a whole process; adds its wall and CPU times to `series`."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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


def _alternate_in_process(steps: dict[str, Callable[[], None]], rounds: int) -> dict[str, Series]:
    """Runs the steps in turn (A B A B …) in this process; wall times only."""
    results = {name: Series() for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            results[name].wall.append(time.perf_counter() - start)
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
    return _cached("repartition-1000-sans-budget.xlsx", rows=1000, blocks=10, budget=False)


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
    ratio = checked.median() / baseline.median()
    print(f"lecture : 100 000 lignes, processus entiers, {ROUNDS} tours alternés")
    print(f"  pointage verifier : {checked.text()}")
    print(f"  calamine seul     : {baseline.text()}")
    line = f"  -> ratio temps réel {ratio:.2f} (cible <= 2.0 : {_verdict(ratio, 2.0)})"
    if checked.has_cpu and baseline.has_cpu:
        cpu_ratio = checked.cpu_median() / baseline.cpu_median()
        line += f" ; ratio temps CPU {cpu_ratio:.2f} (cible <= 2.0 : {_verdict(cpu_ratio, 2.0)})"
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
    print(f"  -> ratio {ratio:.2f} (cible <= 1.3 : {_verdict(ratio, 1.3)})")
    print(
        f"  la commande entière, démarrage et imports compris ({ROUNDS} fois) : {command['commande'].text()}"
    )
    return ratio


MEMORY_PROBE = (
    "import resource, sys\n"
    "from pointage.engine.check import check_path\n"
    "import pointage.rules.families, pandas, pandera.pandas\n"
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
    runs = _alternate(
        {
            "exemple": [PYTHON, "-m", "pointage", "verifier", str(EXAMPLE)],
            "1000": [PYTHON, "-m", "pointage", "verifier", str(small)],
            "python": [PYTHON, "-c", "pass"],
        }
    )
    example, rows, bare = runs["exemple"], runs["1000"], runs["python"]
    print(f"petit : processus entiers, {ROUNDS} tours alternés")
    print(
        f"  exemple {EXAMPLE.name} : {example.text(3)} -> cible <= 0.5 s : {_verdict(example.median(), 0.5)}"
    )
    print(
        f"  1 000 lignes sans tableau budgétaire : {rows.text(3)} "
        f"-> cible <= 0.4 s : {_verdict(rows.median(), 0.4)}"
    )
    print(f"  pour mémoire, démarrage de Python seul (python -c pass) : {bare.text(3)}")
    return example.median()


def export_rows() -> Path:
    return _cached("repartition-2000-sans-budget.xlsx", rows=2000, blocks=10, budget=False)


def export() -> float:
    import io
    from datetime import datetime

    import docx

    from pointage.engine.check import check_snapshot_with_context
    from pointage.outputs.export.api import export_table
    from pointage.outputs.export.content import exported_table
    from pointage.reading.workbook import read_workbook

    ctx, report = check_snapshot_with_context(read_workbook(export_rows()))
    table = exported_table(ctx.tables[0])
    lines = [table.headers, *(tuple(c.text for c in row.cells) for row in table.rows)]

    def ours() -> None:
        export_table(ctx, report, "Annexe", 1, "docx", True, "annexe.xlsx", "0" * 64, datetime(2026, 12, 2))

    def python_docx() -> None:
        # The same texts in a plain python-docx table: what any Word export costs.
        document = docx.Document()
        grid = document.add_table(rows=len(lines), cols=len(table.headers))
        for row, texts in zip(grid.rows, lines):
            for cell, text in zip(row.cells, texts):
                cell.text = text
        document.save(io.BytesIO())

    ours(), python_docx()  # imports and caches warm
    runs = _alternate_in_process({"pointage": ours, "python-docx": python_docx}, ROUNDS)
    ratio = runs["pointage"].median() / runs["python-docx"].median()
    print(
        f"export : tableau de {len(table.rows)} lignes en .docx, dans le processus, {ROUNDS} tours alternés"
    )
    print(f"  pointage exporter (mise en page comprise) : {runs['pointage'].text()}")
    print(f"  python-docx seul, mêmes textes           : {runs['python-docx'].text()}")
    print(f"  -> ratio {ratio:.2f} (cible <= 1.5 : {_verdict(ratio, 1.5)})")
    return ratio


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
    ratio = runs["pointage"].median() / runs["openpyxl"].median()
    print(
        f"annoter : copie annotée du classeur de 100 000 lignes, dans le processus, {ANNOTER_ROUNDS} tours alternés"
    )
    print(f"  copie annotée (marques, Contrôles, valeurs des formules) : {runs['pointage'].text()}")
    print(f"  openpyxl seul, ouverture + enregistrement              : {runs['openpyxl'].text()}")
    print(f"  -> ratio {ratio:.2f} (cible <= 1.3 : {_verdict(ratio, 1.3)})")
    return ratio


BENCHMARKS = {
    "lecture": lecture,
    "lot": lot,
    "memoire": memoire,
    "petit": petit,
    "export": export,
    "annoter": annoter,
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

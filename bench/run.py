"""Benchmarks of Pointage, printed as ratios measured in the same run.

    python bench/run.py [lecture] [lot] [memoire]

- lecture: `pointage verifier` on 100 000 répartition rows (50 blocks with totals, a
  budget table) ÷ reading all its cell values with python-calamine alone. Target ≤ 2.0.
- lot: checking a folder of 40 workbooks of 2 000 rows in parallel (`check_files`,
  what `pointage verifier DOSSIER` runs) ÷ (sum of the single-file check times ÷
  cores), both in one warm process. Target ≤ 1.3. The whole command's time, start and
  imports included, is printed beside it.
- memoire: peak memory taken by checking the 100 000-row workbook ÷ its uncompressed
  sheet XML size. Target ≤ 3.

Both sides of a ratio run as fresh processes (interpreter start included) or both
in-process, on the same machine, in the same run. Generated workbooks are cached in
bench/.cache (delete it to regenerate).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))

from generate import repartition_workbook  # noqa: E402

PYTHON = sys.executable


def _timed(command: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def big_workbook() -> Path:
    path = CACHE / "repartition-100000.xlsx"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        repartition_workbook(path, rows=100_000, blocks=50)
    return path


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
    baseline = _timed([PYTHON, "-c", CALAMINE_ONLY, str(path)])
    checked = _timed([PYTHON, "-m", "pointage", "verifier", str(path)], repeat=2)
    ratio = checked / baseline
    print(
        f"lecture : pointage verifier {checked:.2f} s, calamine seul {baseline:.2f} s -> ratio {ratio:.2f} (cible <= 2.0)"
    )
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
    singles = 0.0
    for path in files:
        start = time.perf_counter()
        check_path(path)
        singles += time.perf_counter() - start
    cores = os.cpu_count() or 1
    # Like for like: the batch runs in this same warm process (its workers fork from
    # it), so the ratio measures what parallel checking costs, not the interpreter
    # start and the imports, which the single checks do not pay either.
    batch = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        check_files([(path, path.name) for path in files])
        batch = min(batch, time.perf_counter() - start)
    ratio = batch / (singles / cores)
    command = _timed([PYTHON, "-m", "pointage", "verifier", str(folder), "--format", "json"], repeat=2)
    print(
        f"lot : {len(files)} classeurs en {batch:.2f} s sur {cores} coeurs ; somme des "
        f"vérifications seules {singles:.2f} s -> ratio {ratio:.2f} (cible <= 1.3) ; "
        f"la commande entière, démarrage et imports compris : {command:.2f} s"
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
    print(
        f"memoire : pic {after / 2**20:.0f} Mio dont {(after - before) / 2**20:.0f} Mio pour la "
        f"vérification (modules chargés : {before / 2**20:.0f} Mio) ; XML {size / 2**20:.0f} Mio "
        f"-> ratio {ratio:.2f} (cible <= 3 ; pic total / XML : {after / size:.2f})"
    )
    return ratio


BENCHMARKS = {"lecture": lecture, "lot": lot, "memoire": memoire}


def main(names: list[str]) -> int:
    for name in names or list(BENCHMARKS):
        if name not in BENCHMARKS:
            print(f"benchmark inconnu : {name} (choix : {', '.join(BENCHMARKS)})", file=sys.stderr)
            return 2
        BENCHMARKS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

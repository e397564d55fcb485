"""The Python time of a first and a second click on « Vérifier » in one Excel session.

    XLWINGS_LICENSE_KEY=noncommercial python bench/addin_click.py

The add-in keeps one Python server for the whole Excel session (its start-up command
names no workbook: pointage.addin.xlwings_module): the first click pays the
interpreter's start and the imports, the second only its own work. Each run is a fresh
interpreter (`python -c`), as the server xlwings' DLL starts; in it the click is the
same call RunPython hands to the server (`pointage.addin.dispatch.run`), on the seed-000
example served by xlwings' remote engine in place of Excel (building that book, which
Excel would hold, is not counted). The second click is on the book the first one marked
(Contrôles and the journal in it), unchanged otherwise. Target: second click <= 0.3 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
RUNS = 5
TARGET_SECOND = 0.3

SERVER = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {tests!r})
from pointage.addin.dispatch import run
import xlwings
imported = time.perf_counter()
from addin_payload import Replay, book_of, payload_from_file
payload = payload_from_file(__import__("pathlib").Path({example!r}))
book = book_of(payload)
before = time.perf_counter()
run("pointage_verifier", book)
first = time.perf_counter() - before + (imported - started)
marked = Replay(payload).apply(book.json()["actions"]).to_payload()
book = book_of(marked)
before = time.perf_counter()
run("pointage_verifier", book)
second = time.perf_counter() - before
print(json.dumps({{"imports": imported - started, "first": first, "second": second}}))
"""


def one_session() -> dict[str, float]:
    code = SERVER.format(tests=str(ROOT / "tests"), example=str(EXAMPLE))
    environ = dict(os.environ, XLWINGS_LICENSE_KEY=os.environ.get("XLWINGS_LICENSE_KEY", "noncommercial"))
    done = subprocess.run([sys.executable, "-B", "-c", code], capture_output=True, text=True, env=environ)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    sessions = [one_session() for _ in range(RUNS)]
    median = {key: statistics.median(s[key] for s in sessions) for key in sessions[0]}
    print(f"seed-000 example, {RUNS} Excel sessions (median):")
    print(f"  first click : {median['first']:.3f} s of Python (of which imports {median['imports']:.3f} s)")
    print(f"  second click: {median['second']:.3f} s (target <= {TARGET_SECOND} s)")
    if median["second"] > TARGET_SECOND:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

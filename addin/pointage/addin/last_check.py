"""The add-in's last check, reused when the book reads back the same.

Between two clicks Excel's Python stays open (Windows, `Use UDF Server`; the remote
engine's server), and a second click on an unchanged book would check again exactly
what it checked: the report is a function of the snapshot and of the book's name
alone (no clock, no setting outside the book). So the report of the last check is
kept with the key of what it read, every field of every sheet of the snapshot, and
given again when a click reads the same key; any difference, one cell, a merged
area, a hidden row, a sheet renamed, checks the whole book again. Sheets are not
reused one by one: the rules read across sheets (the Barème for M001, the two budget
tables of B006), so a change on one sheet may change the findings of another.

One report is kept, the last one (a few kilobytes: findings, not the sheets' cells).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields

from pointage.engine.check import check_snapshot
from pointage.reading.snapshot import WorkbookSnapshot
from pointage.report.model import FileReport

_last: tuple[str, FileReport] | None = None


def report_of(snapshot: WorkbookSnapshot, name: str, values_sha256: str) -> FileReport:
    """The report of checking `snapshot` as the book `name`; `values_sha256` is the
    fingerprint of its values (pointage.addin.read_book.fingerprint), computed once
    for the Contrôles sheet and used here as most of the key."""
    global _last
    key = snapshot_key(snapshot, name, values_sha256)
    last = _last
    if last is not None and last[0] == key:
        return last[1]
    report = check_snapshot(snapshot, None, name)
    _last = (key, report)
    return report


def forget() -> None:
    """The next check is made afresh (tests, benches)."""
    global _last
    _last = None


def snapshot_key(snapshot: WorkbookSnapshot, name: str, values_sha256: str) -> str:
    """SHA-256 of the book's name, of the values' fingerprint, of the type of each
    value JSON does not have, and of every other field of the snapshot and its sheets
    (sets sorted): a field added to the snapshot one day is part of the key without
    anyone having to remember it."""
    digest = hashlib.sha256()
    # Pointage's own sheets are left out of the sheets read (read_book): their names
    # only matter to the check for a sheet that is read, and the first click finds
    # none of them while the second finds Contrôles and the journal.
    read = {sheet.name for sheet in snapshot.sheets}
    own = sorted(snapshot.own_sheets & read)
    digest.update(json.dumps([name, values_sha256, own], ensure_ascii=False).encode("utf-8"))
    digest.update(_text(snapshot, skip=("sheets", "own_sheets")))
    for sheet in snapshot.sheets:
        digest.update(_text(sheet, skip=("values",)))
        digest.update(json.dumps(_typed_cells(sheet.values)).encode("utf-8"))
    return digest.hexdigest()


# What the fingerprint's JSON writes as itself. Any other value (a date, an error
# value, which is a str of its own class) is written there as a text, its repr or its
# own text: the same bytes as a cell holding that text. Its type, at its place, is
# then part of the key, so that a text never passes for the date it spells.
_JSON_TYPES = frozenset((str, int, float, bool, type(None)))


def _typed_cells(values: list[list[object]]) -> list[list[object]]:
    """[row, [[column, type], …]] for each row holding a value of another type; rows
    of plain values cost one set comparison each."""
    return [
        [
            r,
            [
                [c, f"{type(v).__module__}.{type(v).__qualname__}"]
                for c, v in enumerate(row)
                if type(v) not in _JSON_TYPES
            ],
        ]
        for r, row in enumerate(values)
        if not _JSON_TYPES.issuperset(map(type, row))
    ]


def _text(record, skip: tuple[str, ...]) -> bytes:
    parts = [[f.name, _plain(getattr(record, f.name))] for f in fields(record) if f.name not in skip]
    return json.dumps(parts, default=repr, ensure_ascii=False).encode("utf-8")


def _plain(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, dict):
        return sorted(([repr(k), v] for k, v in value.items()), key=lambda item: item[0])
    return value

"""`--format json` (spec: sortie-json.md)."""

from __future__ import annotations

import json

from pointage.report.model import Report, TableInfo


def report_to_dict(report: Report) -> dict:
    return {
        "version": 1,
        "files": [
            {
                "path": file.path,
                "status": file.status,
                "tables": [_table(t) for t in file.tables],
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "sheet": f.sheet,
                        "cell": f.cell,
                        "cells": list(f.cells),
                        "message": f.message,
                        "expected": f.expected,
                        "found": f.found,
                        **({"detail": f.detail} if f.detail else {}),
                        **({"document": f.document, "paragraph": f.paragraph} if f.document else {}),
                    }
                    for f in file.findings
                ],
            }
            for file in report.files
        ],
        "summary": report.summary(),
        **({"skipped": _skipped(report)} if report.skipped or report.pointage_copies else {}),
    }


def _skipped(report: Report) -> list[dict]:
    """The files not checked: not workbooks, then Pointage's own copies (named as such)."""
    return [{"path": p, "reason": r} for p, r in report.skipped] + [
        {"path": p, "reason": r, "pointage_copy_of": original}
        for (p, r), (_, original) in zip(report.copies_skipped, report.pointage_copies)
    ]


def _table(t: TableInfo) -> dict:
    out: dict = {"sheet": t.sheet, "range": t.range, "kind": t.kind}
    if t.header_rows:
        out["header_rows"] = list(t.header_rows)
    if t.subtables > 1:
        out["subtables"] = t.subtables
    if t.columns:
        out["columns"] = [{"cell": c.cell, "header": c.header, "role": c.role} for c in t.columns]
    if t.total_rows:
        out["total_rows"] = [{"row": row, "recognised_by": how} for row, how in t.total_rows]
    if t.identities:
        out["identities"] = list(t.identities)
    if t.notes:
        out["notes"] = list(t.notes)
    return out


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)

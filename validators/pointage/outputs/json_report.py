"""`--format json` (spec: sortie-json.md)."""

from __future__ import annotations

import json

from pointage.report.model import Report


def report_to_dict(report: Report) -> dict:
    return {
        "version": 1,
        "files": [
            {
                "path": file.path,
                "status": file.status,
                "tables": [{"sheet": t.sheet, "range": t.range, "kind": t.kind} for t in file.tables],
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
                    }
                    for f in file.findings
                ],
            }
            for file in report.files
        ],
        "summary": report.summary(),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)

"""`pointage modele`: write the blank annex workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pointage.base import exit_codes
from pointage.base.errors import writing_failure
from pointage.base.files import already_exists
from pointage.outputs.template import write_template


def run_modele(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    target = Path(args.sortie)
    if target.suffix.lower() != ".xlsx":
        parser.error(f"--sortie : le modèle est un fichier .xlsx, pas « {target.name} »")
    refusal = None if args.remplacer else already_exists(target)
    if refusal:
        print(f"pointage : {refusal}", file=sys.stderr)
        return exit_codes.USAGE
    try:
        write_template(target)
    except OSError as exc:
        print(f"pointage : {writing_failure(target, exc)}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"Classeur d'annexes vierge écrit : {target}")
    return exit_codes.OK

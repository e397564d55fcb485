"""Writing Pointage's own files: never half a file, never over one without asking."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def already_exists(target: Path, option: str = "--forcer") -> str | None:
    """The French refusal for an existing `target`, or None when it is free."""
    if target.exists():
        return f"« {target} » existe déjà : ajoutez {option} pour le remplacer."
    return None


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder: a failed write never leaves
    half a document, and an existing file is only replaced once the new one is whole."""
    target = Path(target)
    handle, temporary = tempfile.mkstemp(prefix=".pointage-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

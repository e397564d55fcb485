"""Writing Pointage's own files: never half a file, never over one without asking,
readable by whoever could read a file the user saves there."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from pointage.base.errors import os_reason, writing_failure


class WriteFailed(OSError):
    """A file Pointage writes could not be written; `str()` is the French sentence
    (with the path and what to do), `errno` the system's code."""

    def __init__(self, target: Path, cause: OSError) -> None:
        super().__init__(cause.errno, writing_failure(target, cause), str(target))

    def __str__(self) -> str:
        return self.strerror or ""


def already_exists(target: Path, option: str = "--remplacer") -> str | None:
    """The French refusal for an existing `target`, or None when it is free."""
    if target.exists():
        return f"« {target} » existe déjà : ajoutez {option} pour le remplacer."
    return None


def write_built_file(target: Path, build: Callable[[], bytes], replace: bool) -> str | None:
    """Build and write a file the user named (an add-in, an extension): the French
    refusal when it exists without `--remplacer` or cannot be written, None once
    written. Nothing is built for a refused target; a build error propagates."""
    refusal = None if replace else already_exists(target)
    if refusal:
        return refusal
    data = build()
    try:
        write_atomically(target, data)
    except OSError as error:
        return f"impossible d'écrire « {target} » : {os_reason(error)}."
    return None


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder: a failed write never leaves
    half a document, and an existing file is only replaced once the new one is whole.
    WriteFailed when the system refuses.

    The new file gets the permissions a plain `open(target, "w")` gives (0666 less the
    user's umask; `tempfile.mkstemp` would make it 0600, and colleagues on a shared
    folder could not open it); a file replaced keeps its own permissions."""
    target = Path(target)
    try:
        handle, temporary = _create_beside(target)
    except OSError as exc:
        raise WriteFailed(target, exc) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        _keep_mode_of(target, temporary)
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteFailed(target, exc) from exc
        raise


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty, hidden file in `target`'s folder, created as `open()` creates one:
    mode 0666, which the system lowers by the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(f".pointage-{secrets.token_hex(6)}{target.suffix}")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _keep_mode_of(target: Path, temporary: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)

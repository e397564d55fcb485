"""Errors that stop the reading of one workbook (never the whole run), and what the
system said of a file, in French sentences that say what to do."""

from __future__ import annotations

import errno
from pathlib import Path


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; the message is French, for the user."""


_OS_REASONS = {
    errno.ENOENT: "dossier ou fichier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "disque en lecture seule",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du disque ou du réseau",
    errno.EBUSY: "fichier occupé par un autre programme",
}
if hasattr(errno, "EDQUOT"):  # not on every system
    _OS_REASONS[errno.EDQUOT] = "quota du disque dépassé"
_DENIED = (errno.EACCES, errno.EPERM)
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
# A shared drive that went away (network down, server gone, disk unplugged).
_CONNECTION_LOST = tuple(
    getattr(errno, name)
    for name in ("EIO", "ETIMEDOUT", "ESTALE", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN", "ECONNRESET")
    if hasattr(errno, name)
)


def os_reason(error: OSError) -> str:
    """A system error in French (the system's own text is in the machine's language)."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is None:
        return f"erreur du système ({error.errno})" if error.errno else "erreur du système"
    return reason


def excel_lock(path: Path) -> Path | None:
    """The owner file Excel writes beside a workbook while someone has it open
    (`~$annexe.xlsx` beside `annexe.xlsx`), when there is one."""
    lock = path.with_name("~$" + path.name)
    try:
        return lock if lock.is_file() else None
    except OSError:
        return None


def lock_file_reason(lock: Path) -> str:
    """What an Excel owner file (`~$annexe.xlsx`) is, said where a folder lists it: the
    workbook it stands for is open in Excel, or was when Excel stopped."""
    workbook = lock.name[2:]
    if (lock.parent / workbook).exists():
        return f"fichier de verrouillage d'Excel (le classeur « {workbook} » est ouvert)."
    return f"fichier de verrouillage d'Excel, laissé par le classeur « {workbook} » (absent du dossier)."


def _refusal(path: Path, error: OSError) -> tuple[str, Path | None]:
    """What the system refused, as one word (`denied`, `locked`, `gone`…), and the Excel
    lock file beside `path` when it tells why."""
    code = error.errno
    if code in _DENIED:
        lock = excel_lock(path)
        return ("locked", lock) if lock is not None else ("denied", None)
    for kinds, kind in (
        ((errno.ENOENT, errno.ENOTDIR), "gone"),
        ((errno.EBUSY,), "busy"),
        (_FULL, "full"),
        ((errno.EROFS,), "read_only"),
        ((errno.EISDIR,), "folder"),
        (_CONNECTION_LOST, "lost"),
    ):
        if code in kinds:
            return kind, None
    return "other", None


# {name}: the file's name; {lock}: its Excel lock file; {reason}: `os_reason`.
_READING = {
    "locked": "« {name} » est ouvert dans Excel sur un autre poste (fichier de verrou « {lock} » à "
    "côté) et sa lecture est refusée : demandez à la personne qui l'a ouvert de le fermer, puis "
    "relancez la vérification.",
    "denied": "accès refusé à « {name} » : votre compte n'a pas le droit de lire ce fichier, ou un "
    "autre programme le tient ouvert ; demandez l'accès à la personne qui gère le dossier (ou "
    "fermez le programme), puis relancez la vérification.",
    "gone": "« {name} » a disparu pendant la vérification (déplacé, renommé ou supprimé) : "
    "vérifiez où il se trouve, puis relancez la vérification.",
    "busy": "« {name} » est verrouillé par un autre programme : fermez-le, puis relancez la vérification.",
    "lost": "la lecture de « {name} » a été interrompue ({reason}) : vérifiez l'accès au disque ou "
    "au dossier partagé, puis relancez la vérification.",
    "other": "« {name} » n'a pas pu être lu : {reason}.",
}
# {name}: the whole path (the user chose it, with --sortie or not).
_WRITING = {
    "locked": "« {name} » est ouvert dans Excel (fichier de verrou « {lock} » à côté) : fermez-le "
    "dans Excel puis relancez, ou choisissez un autre nom avec --sortie.",
    "denied": "écriture refusée dans « {name} » : votre compte n'a pas le droit d'écrire dans ce "
    "dossier, ou le fichier est ouvert dans un autre programme ; fermez-le ou choisissez un autre "
    "dossier avec --sortie.",
    "full": "plus de place sur le disque pour écrire « {name} » (rien n'a été écrit) : libérez de "
    "la place ou choisissez un autre dossier avec --sortie.",
    "read_only": "le disque de « {name} » est en lecture seule (rien n'a été écrit) : choisissez "
    "un autre dossier avec --sortie.",
    "gone": "le dossier de « {name} » n'existe pas : créez-le ou choisissez un autre dossier avec --sortie.",
    "folder": "« {name} » est un dossier : donnez un nom de fichier avec --sortie.",
    "lost": "l'écriture de « {name} » a été interrompue ({reason}, rien n'a été écrit) : vérifiez "
    "l'accès au disque ou au dossier partagé, puis relancez.",
    "other": "« {name} » n'a pas pu être écrit : {reason}.",
}


def reading_failure(path: Path, error: OSError) -> str:
    """Why the system would not let `path` be read, and what to do: the reason of an
    unreadable file (never « erreur inattendue »: Pointage has no bug here)."""
    path = Path(path)
    kind, lock = _refusal(path, error)
    sentence = _READING.get(kind, _READING["other"])
    return sentence.format(name=path.name, lock=lock.name if lock else "", reason=os_reason(error))


def writing_failure(target: Path, error: OSError) -> str:
    """Why `target`, a file Pointage writes, could not be written, and what to do.
    Nothing was written (see `files.write_atomically`): an existing file is intact."""
    target = Path(target)
    kind, lock = _refusal(target, error)
    sentence = _WRITING.get(kind, _WRITING["other"])
    return sentence.format(name=target, lock=lock.name if lock else "", reason=os_reason(error))

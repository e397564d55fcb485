"""Errors that stop the reading of one workbook (never the whole run)."""

import errno


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
}


def os_reason(error: OSError) -> str:
    """A system error in French (the system's own text is in the machine's language)."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is None:
        return f"erreur du système ({error.errno})" if error.errno else "erreur du système"
    return reason

# A publication (its field names in lower case) without the columns nature and notificationUE the schema requires.
from classeurs import PUBLICATION_SCDL


def _without(columns: set[str]) -> str:
    lines = [[cell.strip() for cell in line.split("|")] for line in PUBLICATION_SCDL.strip().split("\n")]
    kept = [i for i, name in enumerate(lines[0]) if name not in columns]
    lines[0] = [name.lower() for name in lines[0]]
    return "\n" + "\n".join(" | ".join(line[i] for i in kept) for line in lines) + "\n"


CLASSEUR = {"Subventions": _without({"nature", "notificationUE"})}

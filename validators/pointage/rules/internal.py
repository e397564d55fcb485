"""E000, E001 and X001: what the engine says when a workbook, a part of it, or a rule
cannot be checked (no check function of their own: the engine makes these findings)."""

from __future__ import annotations

from pointage.report.findings import Severity
from pointage.rules.registry import rule

E000 = rule(
    "E000",
    Severity.ERREUR,
    summary="Le fichier ne peut pas être vérifié : il n'est pas lisible comme classeur "
    "Excel (.xlsx/.xlsm), il est protégé par mot de passe, vide, ou ne contient aucun "
    "tableau d'annexe reconnu. Le statut du fichier est `illisible` (code de sortie 2).",
    message="Fichier illisible : {reason}",
    example="Un classeur .xls (Excel 97-2003), une archive tronquée, un classeur protégé.",
)

E001 = rule(
    "E001",
    Severity.INFO,
    summary="Une partie du classeur n'a pas pu être lue et la vérification s'est faite sans "
    "elle (un tableau Excel endommagé, par exemple) : ce qui a été lu et ce qui ne l'a pas "
    "été est dit, jamais passé sous silence.",
    message="Lecture incomplète : {what}.",
    example="Un tableau Excel (Insertion > Tableau) dont la définition est endommagée : ses "
    "lignes sont lues comme un tableau ordinaire, par sa ligne d'en-têtes.",
)

X001 = rule(
    "X001",
    Severity.ERREUR,
    summary="Une règle a rencontré une erreur interne : son contrôle n'a pas été fait en entier sur "
    "ce fichier (les constats trouvés avant l'erreur sont gardés ; les autres règles ont été "
    "faites). À signaler à l'équipe Pointage.",
    message="Erreur interne de la règle {code} : ce contrôle n'a pas été fait en entier (les "
    "constats trouvés avant l'erreur sont gardés ; le détail technique, donné par --verbose "
    "et dans le JSON, est à transmettre à l'équipe Pointage).",
    example="Aucune dans les seeds : c'est un filet de sécurité.",
)

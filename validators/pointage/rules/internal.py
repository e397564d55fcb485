"""E000, E001, E002 and X001: what the engine says when a workbook, a part of it, or a rule
cannot be checked (no check function of their own: the engine makes these findings)."""

from __future__ import annotations

from pointage.report.findings import Severity
from pointage.rules.registry import rule

E000 = rule(
    "E000",
    Severity.ERREUR,
    summary="Le fichier ne peut pas être lu : ce n'est pas un classeur que Pointage lit, "
    "l'archive est endommagée, ou le classeur est protégé par mot de passe. Le statut du "
    "fichier est `illisible` (code de sortie 2). Un classeur qui s'ouvre mais ne contient "
    "aucun tableau reconnu n'est pas illisible (E002).",
    message="Fichier illisible : {reason}",
    example="Un rapport PDF ou Word enregistré sous un nom de classeur, une archive tronquée, un "
    "classeur protégé par mot de passe.",
)

E002 = rule(
    "E002",
    Severity.INFO,
    summary="Le classeur s'ouvre mais ne contient aucun tableau que Pointage comprend (ou aucune "
    "cellule remplie) : rien n'a été vérifié. Le message liste les lignes d'en-têtes lues. Le "
    "statut du fichier est `aucun_tableau` ; le code de sortie est 3 quand aucun fichier "
    "vérifié n'a de tableau reconnu, inchangé sinon (un dossier de commission contient aussi "
    "des classeurs qui ne sont pas des annexes).",
    message="Aucun tableau reconnu, rien n'a été vérifié : {reason}",
    example="Un classeur de calculs de physique, ou une liste sans ligne d'en-têtes connue.",
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
    "constats trouvés avant l'erreur sont gardés ; le détail technique, donné par --details "
    "et dans le JSON, est à transmettre à l'équipe Pointage).",
    example="Aucune dans les seeds : c'est un filet de sécurité.",
)

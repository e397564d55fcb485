"""`pointage` command line: the parser (in French) and the entry point; each
subcommand is in pointage.commands. Exit codes: 0 no erreur, 1 erreur, 2 unreadable
file or bad command, 3 no table recognised in any file checked."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from typing import NoReturn

from pointage import __version__
from pointage.base import exit_codes
from pointage.base.console import prepare_streams
from pointage.outputs.template import TEMPLATE_NAME
from pointage.reading.suffixes import FORMATS_READ

# argparse speaks English; the staff read French.
_ARGPARSE_FR = [
    (
        r"argument commande: invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        r"commande « \1 » inconnue (commandes : \2)",
    ),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (
        r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        r"option \1 : choix « \2 » invalide (choix possibles : \3)",
    ),
    (r"argument (\S+): expected one argument", r"l'option \1 attend une valeur"),
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"commande « \1 » inconnue (commandes : \2)"),
    (r"argument (\S+): invalid int value: '?([^']*)'?", r"l'option \1 attend un nombre entier, pas « \2 »"),
    (r"ambiguous option: (\S+) could match (.*)", r"option \1 ambiguë : \2 ?"),
]


class FrenchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with `utilisation :` where it writes `usage:`."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """argparse speaking French: its usage line, its group titles, its errors. Every
    help text of our own options is French already (`--version` included)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_FR:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        print(f"pointage : erreur : {message}", file=sys.stderr)
        sys.exit(exit_codes.USAGE)

    def _get_option_tuples(self, option_string: str) -> list:
        # An old spelling kept for scripts is taken in full only: an abbreviation names
        # the options the help shows (`--ig` is `--ignorer`, not ambiguous with `--ignore`).
        return [t for t in super()._get_option_tuples(option_string) if t[0].help != argparse.SUPPRESS]


def add_alias(parser: argparse.ArgumentParser, old: str, dest: str, **kwargs) -> None:
    """An old spelling kept for scripts (docs/decisions.md, « Un vocabulaire pour les
    options »): accepted, same meaning as its French name, absent from the help."""
    parser.add_argument(old, dest=dest, help=argparse.SUPPRESS, **kwargs)


class RetiredOption(argparse.Action):
    """An option whose old meaning has a new name: refused with what to type now,
    never taken silently in another sense."""

    def __init__(self, option_strings, dest, instead: str, **kwargs) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=argparse.SUPPRESS, **kwargs)
        self.instead = instead

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.error(f"{option_string} ne s'emploie plus ici : {self.instead}")


def add_replace_option(parser: argparse.ArgumentParser, what: str) -> None:
    """`--remplacer`: the one option that lets a command write over an existing file."""
    parser.add_argument("--remplacer", action="store_true", help=f"remplacer {what}")
    add_alias(parser, "--forcer", "remplacer", action="store_true")


def add_details_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--details",
        action="store_true",
        help=f"afficher le détail technique {what} (à transmettre à l'équipe Pointage)",
    )
    add_alias(parser, "--verbose", "details", action="store_true")


def add_help_option(parser: argparse.ArgumentParser) -> None:
    """`-h`, `--aide`, `--help`: every parser is built with `add_help=False` so that its
    help option is this French one."""
    parser.add_argument("-h", "--aide", "--help", action="help", help="afficher cette aide")


def build_parser() -> FrenchParser:
    """The whole `pointage` parser: one function per subcommand's parser, in the order
    the help lists them."""
    parser = FrenchParser(
        prog="pointage",
        description="Pointage vérifie l'arithmétique des annexes budgétaires (classeurs Excel).",
        add_help=False,
    )
    add_help_option(parser)
    parser.add_argument(
        "--version", action="version", version=f"pointage {__version__}", help="afficher la version"
    )
    commands = parser.add_subparsers(dest="commande", title="commandes", parser_class=FrenchParser)
    _add_verifier_parser(commands)
    _add_modele_parser(commands)
    _add_exporter_parser(commands)
    _add_addin_parser(commands)
    return parser


def _add_verifier_parser(commands: argparse._SubParsersAction) -> None:
    """`pointage verifier`: the check, its report format, its rule filters and its copies."""
    verifier = commands.add_parser(
        "verifier",
        aliases=["vérifier"],
        help="vérifier un ou plusieurs classeurs (ou dossiers)",
        description="Vérifie les tableaux d'annexes des classeurs et liste les anomalies.",
        add_help=False,
    )
    add_help_option(verifier)
    verifier.add_argument(
        "fichiers", nargs="*", metavar="FICHIER", help=f"classeur ({FORMATS_READ}) ou dossier"
    )
    verifier.add_argument(
        "--format", choices=["texte", "json"], default="texte", help="format de sortie (texte par défaut)"
    )
    verifier.add_argument(
        "--choisir",
        default="",
        metavar="CODES",
        help="ne vérifier que ces règles : codes ou familles séparés par des virgules (ex. M001,B)",
    )
    add_alias(verifier, "--select", "choisir", default="")
    verifier.add_argument(
        "--ignorer",
        default="",
        metavar="CODES",
        help="règles à ne pas vérifier : codes ou familles (ex. F001)",
    )
    add_alias(verifier, "--ignore", "ignorer", default="")
    verifier.add_argument(
        "--annoter",
        action="store_true",
        help="écrire une copie annotée (FICHIER.pointage.xlsx) : cellules colorées, notes, feuille Contrôles",
    )
    verifier.add_argument("--sortie", metavar="FICHIER", help="nom de la copie annotée (un seul classeur)")
    verifier.add_argument(
        "--deliberation",
        metavar="DOCUMENT",
        help="texte de la délibération (.docx) : ses montants et chiffres rapprochés du classeur (un seul)",
    )
    add_replace_option(verifier, "une copie annotée existante")
    add_details_option(verifier, "des erreurs internes")


def _add_modele_parser(commands: argparse._SubParsersAction) -> None:
    """`pointage modele`: the blank workbook and where to write it."""
    modele = commands.add_parser(
        "modele",
        aliases=["modèle"],
        help="écrire un classeur d'annexes vierge, reconnu tel quel par Pointage",
        description="Écrit un classeur d'annexes vierge : Paramètres, Barème, Annexe, Imputation.",
        add_help=False,
    )
    add_help_option(modele)
    modele.add_argument(
        "--sortie",
        metavar="FICHIER",
        default=TEMPLATE_NAME,
        help=f"fichier à écrire ({TEMPLATE_NAME} par défaut)",
    )
    add_replace_option(modele, "un fichier existant")


def _add_exporter_parser(commands: argparse._SubParsersAction) -> None:
    """`pointage exporter`: which table, which format, and what to do despite erreurs."""
    exporter = commands.add_parser(
        "exporter",
        help="exporter un tableau vérifié pour le rapport (Word ou HTML)",
        description="Exporte un tableau reconnu, vérifié, au format du rapport (Word .docx ou HTML).",
        add_help=False,
    )
    add_help_option(exporter)
    exporter.add_argument("fichier", metavar="FICHIER", help=f"classeur ({FORMATS_READ})")
    exporter.add_argument(
        "--feuille",
        required=True,
        help="feuille du tableau (ex. « Annexe 1 » ; majuscules et minuscules confondues, comme dans Excel)",
    )
    exporter.add_argument(
        "--tableau", type=int, metavar="N", help="numéro du tableau dans la feuille (tous par défaut)"
    )
    exporter.add_argument(
        "--format",
        choices=["docx", "html", "scdl"],
        default="docx",
        help="docx (Word, par défaut), html, ou scdl (CSV des conventions de subvention, format SCDL)",
    )
    exporter.add_argument(
        "--scdl",
        action="append",
        default=[],
        metavar="CHAMP=VALEUR",
        help="pour --format scdl, un champ que le tableau ne donne pas (ex. idAttribuant=22620001600015) ; "
        "répétable",
    )
    exporter.add_argument("--sortie", metavar="FICHIER", help="fichier à écrire")
    exporter.add_argument(
        "--malgre-erreurs",
        action="store_true",
        help="exporter un tableau qui a des erreurs (le document le signale en rouge)",
    )
    exporter.add_argument("--remplacer", action="store_true", help="remplacer un fichier d'export existant")
    # Its old sense here (despite erreurs) is not the sense it keeps elsewhere (replace).
    exporter.add_argument(
        "--forcer",
        action=RetiredOption,
        instead="--malgre-erreurs pour exporter un tableau qui a des erreurs, --remplacer pour "
        "remplacer un fichier existant",
    )
    exporter.add_argument(
        "--sans-mention",
        action="store_true",
        help="sans la ligne « Pointé le … » ni les notes sous les tableaux (l'empreinte du "
        "classeur reste dans les propriétés du document)",
    )
    add_details_option(exporter, "d'une erreur interne")


def _add_addin_parser(commands: argparse._SubParsersAction) -> None:
    """`pointage addin`: its actions, the Excel add-in's then the Calc extension's."""
    addin = commands.add_parser(
        "addin",
        help="le complément Excel Pointage (.xlam), l'extension LibreOffice Calc (.oxt)",
        description="Construit, installe, vérifie ou retire le complément Excel Pointage ; "
        "construit l'extension LibreOffice Calc.",
        add_help=False,
    )
    add_help_option(addin)
    addin_commands = addin.add_subparsers(dest="action", title="actions", parser_class=FrenchParser)
    _add_addin_construire_parser(addin_commands)
    _add_addin_platform_parsers(addin_commands)
    _add_addin_calc_parsers(addin_commands)


def _add_addin_construire_parser(addin_commands: argparse._SubParsersAction) -> None:
    """`pointage addin construire`: the .xlam file to write."""
    construire = addin_commands.add_parser("construire", help="construire le fichier .xlam", add_help=False)
    add_help_option(construire)
    construire.add_argument(
        "--sortie",
        metavar="FICHIER",
        default="pointage.xlam",
        help="fichier à écrire (pointage.xlam par défaut)",
    )
    add_replace_option(construire, "un fichier existant")


def _add_addin_platform_parsers(addin_commands: argparse._SubParsersAction) -> None:
    """`pointage addin installer|desinstaller|verifier`: the actions on this machine's
    Excel, which all take the system whose Excel they act on."""
    for action, text in (
        ("installer", "installer le complément pour ce Python (réglages et dossier de démarrage d'Excel)"),
        ("desinstaller", "retirer le complément et les réglages écrits par l'installateur"),
        (
            "verifier",
            "dire ce que trouvera un clic : Python, bibliothèque ou script de xlwings, réglages, modules",
        ),
    ):
        sub = addin_commands.add_parser(
            action, help=text, description=text[0].upper() + text[1:] + ".", add_help=False
        )
        add_help_option(sub)
        sub.add_argument(
            "--plateforme",
            "--systeme",
            dest="plateforme",
            choices=["windows", "macos"],
            help="le système dont Excel est installé (celui de la machine par défaut)",
        )


def _add_addin_calc_parsers(addin_commands: argparse._SubParsersAction) -> None:
    """`pointage addin calc` (build the .oxt) and `calc-marques` (what the extension
    calls to check the workbook Calc saved)."""
    calc = addin_commands.add_parser(
        "calc", help="construire l'extension LibreOffice Calc (.oxt)", add_help=False
    )
    add_help_option(calc)
    calc.add_argument(
        "--sortie",
        metavar="FICHIER",
        default="pointage.oxt",
        help="fichier à écrire (pointage.oxt par défaut)",
    )
    calc.add_argument(
        "--pointage",
        metavar="CHEMIN",
        help="la commande pointage qu'appellera l'extension (celle-ci par défaut)",
    )
    add_replace_option(calc, "un fichier existant")
    marques = addin_commands.add_parser(
        "calc-marques", help="(pour l'extension Calc) vérifier un classeur, marques en JSON", add_help=False
    )
    add_help_option(marques)
    marques.add_argument("fichier", metavar="FICHIER", help="le classeur enregistré par Calc")
    marques.add_argument(
        "--protegee",
        metavar="FEUILLE",
        action="append",
        default=[],
        help="une feuille protégée, que l'extension ne peut pas marquer (répétable)",
    )


def run() -> None:
    """The `pointage` command and `python -m pointage`: `main`, then a quick exit.

    The speed of a command, not of the library: a check allocates an object per cell
    and keeps them all, so the cycle collector would walk them again and again for
    nothing (a seventh of a big check's time); the command does not collect cycles,
    keeps the checked workbook's objects (`retained`) and leaves with os._exit, so that
    the system reclaims them at once instead of Python freeing them one by one."""
    gc.disable()
    retained: list[object] = []
    code = main(retain=retained)
    # Everything is written: leave without tearing down the loaded modules one by one
    # (for nothing, at the end of every command).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # the reader has gone (`| head`): nothing more to tell it
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None, retain: list[object] | None = None) -> int:
    # Before anything is printed: a console or a file in cp1252 (Windows) takes every
    # message, each character it lacks said by its equivalent (`−` as `-`).
    prepare_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.commande in ("verifier", "vérifier"):
        from pointage.commands.verifier import run_verifier

        return run_verifier(parser, args, retain)
    if args.commande in ("modele", "modèle"):
        from pointage.commands.modele import run_modele

        return run_modele(parser, args)
    if args.commande == "exporter":
        from pointage.commands.exporter import run_exporter

        return run_exporter(parser, args)
    if args.commande == "addin" and args.action == "construire":
        from pointage.addin.build import run_construire

        return run_construire(parser, args)
    if args.commande == "addin" and args.action == "verifier":
        from pointage.addin.verify import run_verifier_addin

        return run_verifier_addin(parser, args)
    if args.commande == "addin" and args.action in ("installer", "desinstaller"):
        from pointage.addin.install import run_desinstaller, run_installer

        return (run_installer if args.action == "installer" else run_desinstaller)(parser, args)
    if args.commande == "addin" and args.action == "calc":
        from pointage.calc.build import run_calc

        return run_calc(parser, args)
    if args.commande == "addin" and args.action == "calc-marques":
        from pointage.calc.payload import run_calc_marques

        return run_calc_marques(args.fichier, args.protegee)
    parser.print_help()
    return exit_codes.USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

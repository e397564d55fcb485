"""The French words of Excel's « Insérer une fonction » for the custom functions: the
add-in's ThisWorkbook module sets them when Excel opens it (xlwings' ImportPythonUDFs
would set them through COM, a step the shipped add-in no longer needs). Its real code,
from the built add-in, is run by pyOpenVBA with an Application that records the calls."""

from __future__ import annotations

import pytest
from pyopenvba import ExcelFile
from pyopenvba.interpreter import Interpreter
from pyopenvba.interpreter._objects import VBAObject, member, method, setter
from pyopenvba.interpreter._preprocess import strip_directives
from pyopenvba.interpreter._runtime import UNRESOLVED, HostBridge
from pyopenvba.interpreter._values import EMPTY, MISSING

from pointage.addin.build import build_addin
from pointage.addin.descriptions import DescriptionError, _shown, descriptions


class RecordingApplication(VBAObject):
    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    @method
    def MacroOptions(
        self,
        Macro: object = MISSING,
        Description: object = MISSING,
        Category: object = MISSING,
        ArgumentDescriptions: object = MISSING,
    ) -> object:
        self.calls.append(
            {
                "Macro": Macro,
                "Description": Description,
                "Category": Category,
                "ArgumentDescriptions": list(ArgumentDescriptions.items),
            }
        )
        return EMPTY


class AddinBook(VBAObject):
    def __init__(self) -> None:
        self.saved = False

    @member
    def Name(self) -> object:
        return "pointage.xlam"

    @member
    def Saved(self) -> object:
        return self.saved

    @setter("Saved")
    def set_saved(self, value: object) -> None:
        self.saved = bool(value)


class Host(HostBridge):
    def __init__(self) -> None:
        self.application = RecordingApplication()
        self.book = AddinBook()

    def global_object(self, name: str) -> object:
        return {"application": self.application, "thisworkbook": self.book}.get(name, UNRESOLVED)


@pytest.fixture(scope="module")
def workbook_module(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("addin") / "pointage.xlam"
    path.write_bytes(build_addin())
    with ExcelFile(str(path)) as built:
        return built.get_module("ThisWorkbook")


def opened(source: str, mac: bool) -> Host:
    """What Excel runs when it opens the add-in, on Windows or on macOS."""
    host = Host()
    interpreter = Interpreter(host)
    interpreter.add_module(strip_directives(source, constants={"Mac": mac}), name="ThisWorkbook")
    interpreter.run("Workbook_Open", module="ThisWorkbook")
    return host


def test_on_windows_each_function_gets_its_french_description(workbook_module):
    host = opened(workbook_module, mac=False)
    assert [call["Macro"] for call in host.application.calls] == [
        "'pointage.xlam'!MONTANT_ATTENDU",
        "'pointage.xlam'!SOLDE_ATTENDU",
        "'pointage.xlam'!ECART_TOTAL",
        "'pointage.xlam'!NOMBRE_FR",
    ]
    first = host.application.calls[0]
    assert first == {
        "Macro": "'pointage.xlam'!MONTANT_ATTENDU",
        "Description": "Montant recalculé au barème à partir de la description : somme des quantités × "
        "coût annuel × mois / 12, arrondie au centime.",
        "Category": "Pointage",
        "ArgumentDescriptions": [
            "Texte de la description : quantités et périodes (« 130 places du 1er juillet au 31 décembre "
            "2024 »).",
            "Plage du barème : Unité | Coût annuel (€) | Structure (en-tête facultatif).",
            "Durée en mois quand la description n'en donne pas (12 si vide).",
            "Nom de la structure, pour appliquer son tarif propre du barème (facultatif).",
        ],
    }
    # The minus sign has no place in VBA's code page: the wizard shows a hyphen.
    assert host.application.calls[1]["Description"] == "Solde attendu : disponible - proposition, au centime."
    assert [call["ArgumentDescriptions"] for call in host.application.calls] == [
        list(one.arguments) for one in descriptions()
    ]
    assert host.book.saved  # opening the add-in leaves nothing to save


def test_on_macos_nothing_is_described(workbook_module):
    # Custom functions are Windows-only with open-source xlwings.
    host = opened(workbook_module, mac=True)
    assert host.application.calls == [] and not host.book.saved


def test_a_description_vba_cannot_hold_stops_the_build():
    with pytest.raises(DescriptionError, match="dépasse 255 caractères"):
        _shown("x" * 256, "MONTANT_ATTENDU")
    with pytest.raises(DescriptionError, match="contient « ≥ »"):
        _shown("total ≥ somme", "ECART_TOTAL")
    assert _shown("disponible − proposition", "SOLDE_ATTENDU") == "disponible - proposition"


def test_more_arguments_than_one_vba_statement_holds_stops_the_build(monkeypatch):
    from pointage.addin import descriptions as module

    many = module.Description("LONGUE", "Une fonction.", tuple(f"argument {i}" for i in range(21)))
    monkeypatch.setattr(module, "descriptions", lambda: [many])
    with pytest.raises(DescriptionError, match="LONGUE a 21 arguments"):
        module.workbook_module_code()

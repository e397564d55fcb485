"""The add-in's macros on the seed 000 example, end to end through xlwings' remote engine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from addin_payload import Replay, book_of, payload_from_file, write_actions
from pointage.addin.journal import HEADERS
from pointage.addin.macros import effacer_marques, verifier
from pointage.addin.read_book import fingerprint, read_book
from pointage.engine.check import check_path
from pointage.outputs.marks import build_plan

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "workbooks" / "exemples" / "cp-2024-09-16-accompagnement-global.xlsx"
WHEN = datetime(2026, 11, 22, 10, 41)
MARKED = {
    ("Annexe 1", "E7"): "#FF8080",
    ("Annexe 1", "C7"): "#FDE2E2",
    ("Annexe 1", "D7"): "#FDE2E2",
    ("Annexe 1", "E17"): "#FF8080",
    ("Annexe 1", "C17"): "#FDE2E2",
    ("Annexe 1", "D17"): "#FDE2E2",
    ("Délibération", "B4"): "#FFC000",
    ("Rapport", "B4"): "#FFC000",
    ("Rapport", "C4"): "#FFC000",
    ("Délibération", "C4"): "#FFF2CC",
}
SHEETS = ["Annexe 1", "Délibération", "Rapport", "Barème", "Paramètres"]


def fills(replay: Replay) -> dict[tuple[str, str], str | None]:
    """Fills written on the user's sheets (not on Pointage's own Contrôles sheet)."""
    return {
        (sheet.name, cell): (fill.upper() if fill else None)
        for sheet in replay.sheets
        if sheet.name in SHEETS
        for cell, fill in sheet.fills.items()
    }


@pytest.fixture
def checked():
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    plan = verifier(book, WHEN)
    return payload, book, plan, Replay(payload).apply(book.json()["actions"])


def test_the_snapshot_of_the_book_gives_the_findings_of_the_file():
    book = book_of(payload_from_file(EXAMPLE))
    from pointage.engine.check import check_snapshot

    in_excel = check_snapshot(read_book(book))
    on_disk = check_path(EXAMPLE)
    assert [(f.code, f.sheet, f.cell, f.cells, f.message) for f in in_excel.findings] == [
        (f.code, f.sheet, f.cell, f.cells, f.message) for f in on_disk.findings
    ]


def test_verifier_fills_exactly_the_cells_of_the_plan(checked):
    _, _, _, replay = checked
    assert fills(replay) == MARKED


def test_verifier_writes_the_notes_of_the_plan(checked):
    _, _, _, replay = checked
    expected = build_plan(check_path(EXAMPLE), "", WHEN)
    notes = {(m.sheet, m.cell): m.note for m in expected.marks if m.note}
    written = {(s.name, c): t for s in replay.sheets for c, t in s.notes.items()}
    assert written == notes
    assert written[("Annexe 1", "E7")].startswith(
        "Trouvé 24 150,00 € — attendu 17 275,00 € (écart +6 875,00 €) [M001]\nCCAS de Bethune : "
    )
    assert written[("Rapport", "C4")].startswith("[B006] C02-446A05 : libellé « indéminisation")


def test_verifier_writes_the_controles_sheet_first_with_links(checked):
    _, _book, plan, replay = checked
    assert replay.names() == ["Contrôles", *SHEETS, "_pointage"]
    rows = replay.sheet("Contrôles").rows()
    assert rows[0][0] == "Contrôles Pointage"
    assert [r[:2] for r in rows[2:9]] == [
        ["Classeur vérifié", "cp-2024-09-16-accompagnement-global.xlsx"],
        ["Vérifié le", "22/11/2026 à 10:41"],
        ["Empreinte SHA-256", fingerprint(read_book(book_of(payload_from_file(EXAMPLE))))],
        ["Erreurs", 2],
        ["Avertissements", 3],
        ["Infos", 0],
        ["Tableaux lus", 5],
    ]
    assert rows[10] == ["Code", "Sévérité", "Feuille", "Cellule", "Message", "Attendu", "Trouvé", "Écart"]
    # Amounts are numbers (to sum, to filter), shown the French way by their format.
    assert [r[:4] + r[5:] for r in rows[11:16]] == [
        ["M001", "erreur", "Annexe 1", "E7", 17275, 24150, 6875],
        ["M001", "erreur", "Annexe 1", "E17", 13945.83, 19675, 5729.17],
        ["B007", "avertissement", "Délibération", "B4", None, None, None],
        ["B007", "avertissement", "Rapport", "B4", None, None, None],
        ["B006", "avertissement", "Rapport", "C4", None, None, None],
    ]
    assert rows[11][4] == plan.controls[0].message
    money, signed = '#,##0.00 "€"', '+#,##0.00 "€";-#,##0.00 "€";#,##0.00 "€"'
    assert replay.sheet("Contrôles").number_formats == {
        "F12": money,
        "G12": money,
        "F13": money,
        "G13": money,
        "H12": signed,
        "H13": signed,
    }
    # Then the tables read, as the report says them.
    assert rows[17][0] == "Tableaux lus"
    assert [r[:5] for r in rows[18:]] == [
        ["Tableau", "État", "Feuille", "Plage", "Ce qui est vérifié, et ce qui ne l'est pas"],
        ["Tableau de répartition", "vérifié", "Annexe 1", "A3:F47", "2 lignes de total"],
        ["Tableau budgétaire (imputation)", "vérifié", "Délibération", "A3:E4", None],
        ["Tableau budgétaire (imputation)", "vérifié", "Rapport", "A3:G4", None],
        ["Barème", "lu", "Barème", "A1:C6", "coûts par unité, pour recalculer les montants"],
        ["Paramètres", "lu", "Paramètres", "A2:B4", "durée par défaut et tolérance, pour les contrôles"],
    ]
    # Each finding's « Cellule » links to its cell, each table's « Plage » to its range,
    # with HYPERLINK formulas written in the same block as the other values (no
    # add_hyperlink, one action per link).
    assert replay.sheet("Contrôles").formulas == {
        "D12": '=HYPERLINK("#\'Annexe 1\'!E7","E7")',
        "D13": '=HYPERLINK("#\'Annexe 1\'!E17","E17")',
        "D14": '=HYPERLINK("#\'Délibération\'!B4","B4")',
        "D15": '=HYPERLINK("#\'Rapport\'!B4","B4")',
        "D16": '=HYPERLINK("#\'Rapport\'!C4","C4")',
        "D20": '=HYPERLINK("#\'Annexe 1\'!A3:F47","A3:F47")',
        "D21": '=HYPERLINK("#\'Délibération\'!A3:E4","A3:E4")',
        "D22": '=HYPERLINK("#\'Rapport\'!A3:G4","A3:G4")',
        "D23": '=HYPERLINK("#\'Barème\'!A1:C6","A1:C6")',
        "D24": '=HYPERLINK("#\'Paramètres\'!A2:B4","A2:B4")',
    }
    links = replay.sheet("Contrôles").links
    assert {c: links[c] for c in ("D12", "D16", "D20")} == {
        "D12": ("#'Annexe 1'!E7", "E7"),
        "D16": ("#'Rapport'!C4", "C4"),
        "D20": ("#'Annexe 1'!A3:F47", "A3:F47"),
    }
    controles = replay.sheet("Contrôles").fills
    assert {c: f.upper() for c, f in controles.items() if c.startswith("B") and c not in ("B11", "B19")} == {
        "B12": "#FF8080",
        "B13": "#FF8080",
        "B14": "#FFC000",
        "B15": "#FFC000",
        "B16": "#FFC000",
    }
    assert replay.sheet("Contrôles").bold == ["A11:H11", "A19:E19"]


def test_verifier_records_every_mark_in_the_hidden_journal(checked):
    _, _, plan, replay = checked
    journal = replay.sheet("_pointage")
    assert journal.visible is False
    rows = journal.rows()
    assert rows[0] == list(HEADERS)
    # The mark itself, to leave it alone at the next click when it has not changed.
    assert {(r[0], r[1]): (r[5], r[6]) for r in rows[1:]} == {
        (m.sheet, m.cell): ("#" + m.fill, m.note) for m in plan.marks
    }
    # The remote engine cannot read fills: what was there before is unknown.
    assert sorted(tuple(r[:5]) for r in rows[1:]) == [
        ("Annexe 1", "C17", "inconnu", None, None),
        ("Annexe 1", "C7", "inconnu", None, None),
        ("Annexe 1", "D17", "inconnu", None, None),
        ("Annexe 1", "D7", "inconnu", None, None),
        ("Annexe 1", "E17", "inconnu", "ajoutée", None),
        ("Annexe 1", "E7", "inconnu", "ajoutée", None),
        ("Délibération", "B4", "inconnu", "ajoutée", None),
        ("Délibération", "C4", "inconnu", None, None),
        ("Rapport", "B4", "inconnu", "ajoutée", None),
        ("Rapport", "C4", "inconnu", "ajoutée", None),
    ]


def test_verifier_reads_each_sheet_once(monkeypatch):
    from xlwings.pro import _xlremote

    reads: list[str] = []
    original = _xlremote.Range.raw_value

    def counted(self):
        reads.append(self.sheet.name)
        return original.fget(self)

    monkeypatch.setattr(_xlremote.Range, "raw_value", property(counted, original.fset))
    verifier(book_of(payload_from_file(EXAMPLE)), WHEN)
    assert sorted(reads) == sorted(SHEETS)


def test_verifier_write_actions_stay_within_the_budget(checked):
    _, book, plan, _ = checked
    actions = write_actions(book.json()["actions"])
    # 10 marked cells, 5 rows of findings and 5 of tables read on Contrôles.
    assert len(plan.marks) == 10 and len(plan.controls) == 5 and len(plan.tables) == 5
    # Fills: one matrix for Annexe 1 (C7:E17, the rows between kept as they are), one
    # each for Délibération and Rapport, one for Contrôles; the links are formulas of
    # the Contrôles block, not one action each; two names mark Pointage's two sheets.
    # Contrôles' layout: two header rows in bold, the formats of the amounts (one call
    # for Attendu:Trouvé, one for Écart), the widths (one call per run of equal widths).
    assert len(actions) == 27
    assert sum(a["func"] in ("setRangeColor", "setRangeColors") for a in actions) == 4
    assert [a["func"] for a in actions].count("setNumberFormat") == 2
    assert len(actions) <= len(plan.marks) + len(plan.controls) + len(plan.tables) + 10
    assert [a["func"] for a in actions].count("addNote") == 5
    assert [a["func"] for a in actions].count("addHyperlink") == 0
    assert [a["func"] for a in actions].count("setValues") == 2  # Contrôles, _pointage


def test_verifier_shows_the_counts(checked):
    _, _, _, replay = checked
    assert replay.alerts == [
        "Vérification terminée : 2 erreurs, 3 avertissements, 0 info.\n"
        "10 cellules marquées ; le détail est dans la feuille « Contrôles »."
    ]


def test_effacer_marques_removes_exactly_the_recorded_marks(checked):
    payload, _, _, replay = checked
    after = replay.to_payload()
    book = book_of(after)
    assert effacer_marques(book) == 10
    cleared = Replay(after).apply(book.json()["actions"])
    assert cleared.names() == SHEETS
    assert sorted(cleared.deleted) == ["Contrôles", "_pointage"]
    # Every mark removed (no fill: the fill before was unknown), no other cell touched.
    assert fills(cleared) == dict.fromkeys(MARKED)
    assert all(not s.notes for s in cleared.sheets)
    original = Replay(payload)
    for name in SHEETS:
        assert cleared.sheet(name).values == original.sheet(name).values
    assert cleared.alerts == ["Marques de Pointage effacées : 10 cellules rétablies."]


def test_effacer_marques_without_marks_says_so():
    book = book_of(payload_from_file(EXAMPLE))
    assert effacer_marques(book) == 0
    assert Replay(payload_from_file(EXAMPLE)).apply(book.json()["actions"]).alerts == [
        "Ce classeur ne porte aucune marque de Pointage."
    ]
    assert write_actions(book.json()["actions"]) == []


def test_verifier_twice_leaves_the_unchanged_marks_alone(checked):
    _, _, _, replay = checked
    after = replay.to_payload()
    book = book_of(after)
    verifier(book, WHEN)
    actions = book.json()["actions"]
    # Same book, same findings: no fill, no note written again, the journal kept; only
    # Contrôles (sheet 0) is written again, for its date.
    assert [(a["func"], a.get("sheet_position")) for a in actions] == [
        ("nameDelete", None),
        ("sheetDelete", 0),
        ("addSheet", None),
        ("namesAdd", None),
        ("setValues", 0),
        ("setRangeColors", 0),
        # The Contrôles layout (outputs/controls_layout.py): fonts, number formats, widths.
        *[("setFontProperty", 0)] * 2,
        *[("setNumberFormat", 0)] * 2,
        *[("setColumnWidth", 0)] * 6,
        ("setWrapText", 0),
        ("alert", None),
    ]
    again = replay.apply(actions)
    assert again.names() == ["Contrôles", *SHEETS, "_pointage"]
    assert fills(again) == MARKED
    assert {(s.name, c) for s in again.sheets for c in s.notes} == {
        ("Annexe 1", "E7"),
        ("Annexe 1", "E17"),
        ("Délibération", "B4"),
        ("Rapport", "B4"),
        ("Rapport", "C4"),
    }
    assert again.sheet("_pointage").rows() == Replay(after).sheet("_pointage").rows()


def test_a_note_of_the_user_is_left_untouched():
    payload = payload_from_file(EXAMPLE, notes={"Annexe 1": ["E7"]})
    book = book_of(payload)
    verifier(book, WHEN)
    replay = Replay(payload).apply(book.json()["actions"])
    assert replay.sheet("Annexe 1").notes["E7"] is None  # still the user's own note
    record = next(r for r in replay.sheet("_pointage").rows() if r[:2] == ["Annexe 1", "E7"])
    assert record[:6] == ["Annexe 1", "E7", "inconnu", None, None, "#FF8080"]
    # Undoing keeps it too.
    after = replay.to_payload()
    book = book_of(after)
    effacer_marques(book)
    assert Replay(after).apply(book.json()["actions"]).sheet("Annexe 1").notes == {"E7": None}


def test_an_unreadable_book_gets_a_message_and_no_mark():
    payload = payload_from_file(EXAMPLE)
    for sheet in payload["sheets"]:
        sheet["values"] = [["note"]]
        sheet["used_range_address"] = "$A$1"
    book = book_of(payload)
    assert verifier(book, WHEN) is None
    replay = Replay(payload).apply(book.json()["actions"])
    assert write_actions(book.json()["actions"]) == []
    assert replay.alerts == [
        "Pointage n'a trouvé aucun tableau à vérifier dans ce classeur : il faut une ligne "
        "d'en-têtes comme STRUCTURE | MONTANT RETENU, ou CODE OPÉRATION | IMPUTATION | LIBELLÉ | "
        "PROPOSITION, ou des lignes de total ; aucune ligne d'en-têtes lue."
    ]


def test_a_sheet_name_with_quotes_is_quoted_in_the_link():
    """An apostrophe of the sheet name is doubled inside the quoted name (as Excel
    writes a reference), then every double quote of the formula's strings is doubled."""
    payload = payload_from_file(EXAMPLE)
    name = 'L\'annexe "1"'
    for sheet in payload["sheets"]:
        if sheet["name"] == "Annexe 1":
            sheet["name"] = name
    book = book_of(payload)
    plan = verifier(book, WHEN)
    assert plan is not None and plan.controls[0].sheet == name
    replay = Replay(payload).apply(book.json()["actions"])
    controles = replay.sheet("Contrôles")
    assert controles.formulas["D12"] == '=HYPERLINK("#\'L\'\'annexe ""1""\'!E7","E7")'
    assert controles.links["D12"] == ("#'L''annexe \"1\"'!E7", "E7")
    assert controles.value("D12") == "E7"
    assert controles.links["D20"] == ("#'L''annexe \"1\"'!A3:F47", "A3:F47")
    # Texts of the user stay texts: only the « Cellule » column holds formulas (the
    # links of the findings, then of the tables read).
    assert sorted(controles.formulas) == [f"D{r}" for r in (*range(12, 17), *range(20, 25))]


def test_hyperlink_formula_escapes_double_quotes():
    from pointage.addin.controls_sheet import hyperlink_formula

    assert hyperlink_formula("#'Annexe 1'!E7", "E7") == '=HYPERLINK("#\'Annexe 1\'!E7","E7")'
    assert hyperlink_formula("#'a\"b'!A1", 'A"1') == '=HYPERLINK("#\'a""b\'!A1","A""1")'


def test_a_failure_after_the_third_mark_leaves_a_journal_that_effacer_undoes(monkeypatch):
    import pointage.addin.marking as marking

    real, noted = marking._write_note, []

    def failing(sheet, address, text):
        if text:
            if len(noted) == 3:  # a protected sheet, a threaded comment...
                raise RuntimeError("la feuille est protégée")
            noted.append((sheet.name, address))
        return real(sheet, address, text)

    monkeypatch.setattr(marking, "_write_note", failing)
    payload = payload_from_file(EXAMPLE)
    book = book_of(payload)
    with pytest.raises(RuntimeError):
        verifier(book, WHEN)
    broken = Replay(payload).apply(book.json()["actions"])
    assert all(broken.sheet(sheet).notes.get(cell) for sheet, cell in noted)  # three marks made
    journal = {(r[0], r[1]): r[3] for r in broken.sheet("_pointage").rows()[1:]}
    assert all(journal[mark] == "ajoutée" for mark in noted)
    monkeypatch.setattr(marking, "_write_note", real)
    after = broken.to_payload()
    cleaning = book_of(after)
    effacer_marques(cleaning)
    cleared = Replay(after).apply(cleaning.json()["actions"])
    assert [cleared.sheet(sheet).notes.get(cell) for sheet, cell in noted] == [None, None, None]
    assert [fill for s in cleared.sheets for fill in s.fills.values() if fill] == []
    assert "_pointage" not in cleared.names()

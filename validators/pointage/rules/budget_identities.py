"""B001–B003 — the identities of a budget line, as one pandera schema.

Solde = Disponible − Proposition, Proposition ≤ Disponible, Disponible ≤ AE: each is a
row-wise check of a pandera DataFrameSchema over every line of the workbook (cents,
nullable integers), validated lazily once per check. Each failure case comes back with
its index, the line's position, hence its cells. pandas and pandera are imported on
first use: a workbook without budget lines never pays their half-second import.
"""

from __future__ import annotations

from collections.abc import Callable

from pointage.base.formatting import format_money, money_json, show_cents_difference
from pointage.report.findings import Severity
from pointage.rules.registry import Rule, rule
from pointage.tables.kinds import IMPUTATION

B001 = rule(
    "B001",
    Severity.ERREUR,
    summary="Le Solde diffère de Disponible − Proposition.",
    message="{code} : Solde {found_text} ; Disponible {available} − {commitment_label} "
    "{commitment} = {expected_text} (écart {difference}).",
    example="Seed 000 ✔ : 2 105 667,73 − 464 570,00 = 1 641 097,73.",
)


@B001
def check_balance(ctx):
    def build(line):
        role = line.commitment_role
        expected = line.cents("available") - line.cents(role)
        found = line.cents("balance")
        return B001.finding(
            line.table.sheet_name,
            line.address("balance"),
            cells=[line.address("available"), line.address(role), line.address("balance")],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            found_text=format_money(found),
            available=format_money(line.cents("available")),
            commitment_label=IMPUTATION.labels[role],
            commitment=format_money(line.cents(role)),
            expected_text=format_money(expected),
            difference=show_cents_difference(found, expected),
        )

    yield from _identity_findings(ctx, B001, build)


B002 = rule(
    "B002",
    Severity.ERREUR,
    summary="La Proposition dépasse le Disponible (la ligne est sur-engagée).",
    message="{code} : {commitment_label} {found_text} supérieure au Disponible "
    "{expected_text} (dépassement de {difference}).",
    example="Seed 000 ✔ : 464 570,00 € proposés pour 2 105 667,73 € disponibles.",
)


@B002
def check_overcommitment(ctx):
    def build(line):
        role = line.commitment_role
        found, expected = line.cents(role), line.cents("available")
        return B002.finding(
            line.table.sheet_name,
            line.address(role),
            cells=[line.address("available"), line.address(role)],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            commitment_label=IMPUTATION.labels[role],
            found_text=format_money(found),
            expected_text=format_money(expected),
            difference=format_money(found - expected),
        )

    yield from _identity_findings(ctx, B002, build)


B003 = rule(
    "B003",
    Severity.ERREUR,
    summary="Le Disponible dépasse l'AE (autorisation d'engagement).",
    message="{code} : Disponible {found_text} supérieur à l'AE {expected_text} "
    "(dépassement de {difference}).",
    example="Seed 000 ✔ : 2 105 667,73 € disponibles sur une AE de 9 169 450,00 €.",
)


@B003
def check_available(ctx):
    def build(line):
        found, expected = line.cents("available"), line.cents("ae")
        return B003.finding(
            line.table.sheet_name,
            line.address("available"),
            cells=[line.address("ae"), line.address("available")],
            expected=money_json(expected),
            money=True,
            found=money_json(found),
            code=line.code or "Ligne sans code",
            found_text=format_money(found),
            expected_text=format_money(expected),
            difference=format_money(found - expected),
        )

    yield from _identity_findings(ctx, B003, build)


# Each identity as a function of the lines' frame (`df`: cents, <NA> when empty) and
# the tolerance, True where the line holds; a line that lacks one of the cells an
# identity needs holds it.
def _balance_holds(df, known, tol):
    return ~known(df, "balance", "available", "commitment") | (
        (df["balance"] - (df["available"] - df["commitment"])).abs() <= tol
    ).fillna(True)


def _commitment_holds(df, known, tol):
    return ~known(df, "available", "commitment") | (df["commitment"] - df["available"] <= tol).fillna(True)


def _available_holds(df, known, tol):
    return ~known(df, "ae", "available") | (df["available"] - df["ae"] <= tol).fillna(True)


IDENTITIES: dict[Rule, Callable] = {B001: _balance_holds, B002: _commitment_holds, B003: _available_holds}


def import_dataframe_libraries():
    import pandas
    import pandera.pandas

    return pandas, pandera.pandas


def validate_identities(columns: dict[str, list[int | None]], tol: int) -> dict[Rule, list[int] | Exception]:
    """Positions that break each identity, or the error its check raised (pandera's
    lazy validation would turn it into a failure case without a row: it must become
    that rule's X001, not silence); `columns` holds cents (None: empty) under the names
    ae, available, commitment, balance."""
    pd, pa = import_dataframe_libraries()
    frame = pd.DataFrame(columns, dtype="Int64")

    def known(df, *names):
        mask = pd.Series(True, index=df.index)
        for name in names:
            mask &= df[name].notna()
        return mask

    crashes: dict[Rule, Exception] = {}

    def check(identity: Rule, holds):
        def run(df):
            try:
                return holds(df, known, tol)
            except Exception as exc:
                crashes[identity] = exc
                raise

        return run

    # pandera names each check; the name leads its failure cases back to the rule.
    by_name = {identity.code: identity for identity in IDENTITIES}
    schema = pa.DataFrameSchema(
        {name: pa.Column("Int64", nullable=True) for name in frame.columns},
        checks=[
            pa.Check(check(identity, holds), name=identity.code) for identity, holds in IDENTITIES.items()
        ],
    )
    failures: dict[Rule, list[int]] = {identity: [] for identity in IDENTITIES}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        for name, identity in by_name.items():
            rows = cases.loc[cases["check"] == name, "index"].dropna().unique()
            failures[identity] = sorted(int(i) for i in rows)
    return {**failures, **crashes}


def identity_failures(ctx) -> dict[Rule, list[int] | Exception]:
    """Positions in `ctx.budget_lines` that break each identity (shared by the three
    rules through `ctx.shared`: one validation per check)."""
    lines = ctx.budget_lines
    if not lines:
        return {r: [] for r in IDENTITIES}
    return validate_identities(
        {
            "ae": [line.cents("ae") for line in lines],
            "available": [line.cents("available") for line in lines],
            "commitment": [
                line.cents(line.commitment_role) if line.commitment_role else None for line in lines
            ],
            "balance": [line.cents("balance") for line in lines],
        },
        ctx.parametres.tolerance_cents,
    )


def warm_up() -> None:
    """Import pandas and pandera and validate one line: their first validation sets up
    caches (a tenth of a second) that every later one reuses."""
    validate_identities({"ae": [1], "available": [1], "commitment": [1], "balance": [0]}, 0)


def _identity_findings(ctx, identity: Rule, build):
    lines = ctx.budget_lines
    failures = ctx.shared(identity_failures)[identity]
    if isinstance(failures, Exception):
        raise failures  # the engine makes it this rule's X001
    for position in failures:
        yield build(lines[position])

"""End to end: the marts, built on the default data set, give the report's figures.

The generator is calibrated so that correct rules reproduce the 2024 report's
firm-level figures and its annex budget. These tests read the expected values
from seeds/published_figures.csv (never from the generator's calibration) and
compute the figures from the marts only, as a BI user would.
"""

from __future__ import annotations

import csv
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from pp0093.dbt_runner import DbtSandbox
from pp0093.paths import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PUBLISHED_FIGURES = PROJECT_ROOT / "seeds" / "published_figures.csv"
YEAR = 2024
DNI_OR_RUC_10 = re.compile(r"\d{8}|10\d{9}")


def published(metric: str, year: int = YEAR) -> dict[str, Decimal]:
    """Published values of a metric by dimension value, the annex's where the
    report gives two (figure ids ending in _text are the text's version)."""
    with PUBLISHED_FIGURES.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["dimension_value"]: Decimal(row["published_value"])
        for row in rows
        if row["metric"] == metric
        and int(row["program_year"]) == year
        and not row["figure_id"].endswith("_text")
    }


def published_one(metric: str, year: int = YEAR) -> Decimal:
    values = published(metric, year)
    assert len(values) == 1, values
    return next(iter(values.values()))


def round_half_up(value: Decimal | float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )


def test_firms_served(dbt_build: DbtSandbox) -> None:
    [(firms,)] = dbt_build.query(
        "select count(*) from marts.fct_beneficiaries_yearly where program_year = ?",
        [YEAR],
    )
    assert firms == published_one("firms_served") == 12_791


def test_share_of_targeted_firms(dbt_build: DbtSandbox) -> None:
    [(targeted, firms)] = dbt_build.query(
        "select count(*) filter (where is_targeted), count(*) "
        "from marts.fct_beneficiaries_yearly where program_year = ?",
        [YEAR],
    )
    share = round_half_up(Decimal(targeted) * 100 / Decimal(firms), 1)
    assert share == published_one("targeted_pct") == Decimal("70.8")


def computed_progress(dbt_build: DbtSandbox, level: str) -> dict[str, int]:
    return dict(
        dbt_build.query(
            "select coalesce(activity_code, product_code), computed_progress "
            "from marts.fct_physical_targets where program_year = ? and level = ?",
            [YEAR, level],
        )
    )


def test_activity_progress_from_records(dbt_build: DbtSandbox) -> None:
    expected = {
        code: int(value) for code, value in published("activity_progress").items()
    }
    assert expected == {
        "1.1": 1781,
        "1.2": 456,
        "1.3": 277,
        "2.2": 755,
        "2.3": 264,
        "3.1": 568,
        "3.2": 2831,
        "3.3": 6,
        "4.1": 7291,
        "4.2": 1821,
    }
    computed = computed_progress(dbt_build, "actividad")
    assert {code: computed[code] for code in expected} == expected


def test_product_progress_from_records(dbt_build: DbtSandbox) -> None:
    expected = {code: int(value) for code, value in published("product_firms").items()}
    assert expected["1"] == 2337 and expected["2"] == 997
    computed = computed_progress(dbt_build, "producto")
    assert {code: computed[code] for code in expected} == expected


def budget_totals(dbt_build: DbtSandbox, amount: str) -> dict[str, Decimal]:
    """Annual amount per activity, per product and in total, from the mart."""
    rows = dbt_build.query(
        f"select activity_code, product_code, sum({amount}) "
        "from marts.fct_budget_execution where program_year = ? "
        "group by activity_code, product_code",
        [YEAR],
    )
    totals: dict[str, Decimal] = {"total": Decimal(0)}
    for activity_code, product_code, value in rows:
        totals[activity_code] = value
        totals[product_code] = totals.get(product_code, Decimal(0)) + value
        totals["total"] += value
    return totals


@pytest.mark.parametrize(
    ("metric", "amount"), [("pim_pen", "pim"), ("devengado_pen", "devengado")]
)
def test_annex_budget_to_the_sol(
    dbt_build: DbtSandbox, metric: str, amount: str
) -> None:
    expected = published(metric)
    assert "total" in expected and len(expected) >= 15, sorted(expected)
    totals = budget_totals(dbt_build, amount)
    computed = {
        line: round_half_up(totals.get(line, Decimal(0)), 0) for line in expected
    }
    assert computed == {
        line: round_half_up(value, 0) for line, value in expected.items()
    }


def mart_relations(dbt_build: DbtSandbox) -> list[str]:
    return [
        name
        for (name,) in dbt_build.query(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        )
    ]


def known_identifiers(dbt_build: DbtSandbox) -> set[str]:
    """Every DNI and every RUC the staged records hold."""
    rows = dbt_build.query(
        "select ruc from staging.stg_sunat__padron "
        "union select ruc from staging.stg_sunat__firm_profiles "
        "union select ruc from staging.stg_itp__cite_services "
        "union select owner_dni from staging.stg_itp__cite_services "
        "union select ruc from staging.stg_produce__directorate_services "
        "union select owner_dni from staging.stg_produce__directorate_services "
        "union select participant_dni from staging.stg_produce__directorate_services "
        "union select ruc from staging.stg_pnte__tu_empresa_services "
        "union select owner_dni from staging.stg_pnte__tu_empresa_services "
        "union select participant_dni from staging.stg_pnte__tu_empresa_services"
    )
    return {value for (value,) in rows if value}


def test_no_dni_or_ruc_in_any_mart_column(dbt_build: DbtSandbox) -> None:
    identifiers = known_identifiers(dbt_build)
    assert len(identifiers) > 10_000
    relations = mart_relations(dbt_build)
    assert {"dim_firms", "fct_beneficiaries_yearly", "fct_service_deliveries"} <= set(
        relations
    )
    leaks: dict[str, int] = {}
    for relation in relations:
        columns = dbt_build.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = ?",
            [relation],
        )
        for (column,) in columns:
            values = dbt_build.query(
                f'select distinct cast("{column}" as varchar) '
                f'from marts."{relation}" where "{column}" is not null'
            )
            found = sum(
                1
                for (value,) in values
                if value.strip() in identifiers
                or DNI_OR_RUC_10.fullmatch(value.strip())
            )
            if found:
                leaks[f"{relation}.{column}"] = found
    assert leaks == {}

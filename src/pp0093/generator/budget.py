"""MEF budget execution (monthly) and SIAF physical progress: the 2024 annex.

PIM and devengado per activity add up exactly to the annex; the other MEF amounts
are synthesised from them and keep certificado >= comprometido >= devengado >=
girado on every row. Amounts are handled in cents, so sums are exact.
"""

from __future__ import annotations

from typing import Any

from pp0093.feed_contracts import contract
from pp0093.generator.mef_national import DEFAULT_OTHER_RATIO, write_mef_national
from pp0093.generator.quotas import largest_remainder
from pp0093.generator.text import chunked
from pp0093.generator.writer import DatasetWriter

PROGRAM_NAME = "0093. DESARROLLO PRODUCTIVO DE LAS EMPRESAS"
PRODUCT_NAMES = {
    "1": "CONDUCTORES/TRABAJADORES/PRODUCTORES DE LAS MIPYME RECIBEN SERVICIOS DE "
    "CAPACITACION Y/O ASISTENCIA TECNICA",
    "2": "EMPRESAS ACCEDEN A SERVICIOS DE ARTICULACION EMPRESARIAL Y ACCESO A MERCADOS",
    "3": "FORTALECIMIENTO DEL DESARROLLO PRODUCTIVO EN LA INDUSTRIA Y DE LA GESTION "
    "AMBIENTAL EN LAS ACTIVIDADES PRODUCTIVAS",
    "4": "SERVICIOS E INSTRUMENTOS PARA LA TRANSFERENCIA DE TECNOLOGIA E INNOVACION "
    "EN LA MIPYME",
}
ACTIVITY_NAMES = {
    "1.1": "CAPACITACION Y ASISTENCIA TECNICA EN GESTION EMPRESARIAL COMERCIAL Y "
    "FINANCIERA A MIPYME",
    "1.2": "ASISTENCIA TECNICA Y CAPACITACION TECNICO-PRODUCTIVA A MIPYME",
    "1.3": "CAPACITACION Y ASISTENCIA TECNICA EN GESTION DE LA CALIDAD A MIPYME",
    "2.1": "PROMOCION Y FORTALECIMIENTO DE INICIATIVAS DE CLUSTERS",
    "2.2": "PROMOCION Y ASESORIA PARA LA CONEXION CON MERCADOS",
    "2.3": "PROMOCION Y FORTALECIMIENTO DEL DESARROLLO DE MIPYME COMO PROVEEDORES",
    "3.1": "CAPACITACION Y ASISTENCIA TECNICA EN MATERIA DE INSTRUMENTOS PARA LA "
    "REGULACION INDUSTRIAL Y GESTION AMBIENTAL",
    "3.2": "DIFUSION DE LA NORMATIVIDAD EN REGULACIONES INDUSTRIALES Y EN GESTION "
    "AMBIENTAL",
    "3.3": "IDENTIFICACION DE MECANISMOS PARA MEJORAR LA REGULACION INDUSTRIAL QUE "
    "FACILITEN EL DESARROLLO PRODUCTIVO",
    "4.1": "DESARROLLO DE SERVICIOS TECNOLOGICOS Y DE INNOVACION A LAS MIPYME DE LOS "
    "SECTORES PRODUCTIVOS",
    "4.2": "DESARROLLO E IMPLEMENTACION DE INSTRUMENTOS PARA LA TRANSFERENCIA "
    "TECNOLOGICA E INNOVACION",
}
ACTION_ACTIVITIES = ("3.3", "4.2")


def mef_codes(activity: str) -> tuple[str, str]:
    """Synthetic MEF product and activity codes (seeds/mef_activity_crosswalk.csv)."""
    product, number = activity.split(".")
    return f"399900{product}", f"59990{product}{number}"


def cents_to_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def split_cents(total: int, weights: list[float]) -> list[int]:
    return largest_remainder(weights, total)


def mef_rows(budget: dict[str, Any], year: int) -> list[list[str]]:
    """One row per month, executing unit and activity; amounts in soles."""
    units = budget["executing_units"]
    weights = budget["devengado_month_weights"]
    modification_months = budget["pim_modification_months"]
    rows = []
    for activity, figures in budget["activities"].items():
        unit_keys = list(figures["units"])
        unit_weights = [figures["units"][k] for k in unit_keys]
        pims = split_cents(figures["pim"] * 100, unit_weights)
        devengados = split_cents(figures["devengado"] * 100, unit_weights)
        product_code, activity_code = mef_codes(activity)
        product = activity.split(".")[0]
        for unit_key, pim, devengado in zip(unit_keys, pims, devengados, strict=True):
            unit = units[unit_key]
            months = monthly_amounts(
                pim, devengado, budget, weights, modification_months
            )
            for month, amounts in enumerate(months, start=1):
                rows.append(
                    [
                        str(year),
                        str(month),
                        unit["pliego"],
                        unit["pliego_nombre"],
                        unit["ejecutora"],
                        unit["ejecutora_nombre"],
                        "0093",
                        PROGRAM_NAME,
                        product_code,
                        PRODUCT_NAMES[product],
                        activity_code,
                        ACTIVITY_NAMES[activity],
                        *[cents_to_text(a) for a in amounts],
                    ]
                )
    return rows


def monthly_amounts(
    pim: int,
    devengado: int,
    budget: dict[str, Any],
    weights: list[float],
    modification_months: list[int],
) -> list[tuple[int, int, int, int, int, int]]:
    """(PIA, PIM, certificado, comprometido, devengado, girado) per month, cents."""
    pia = round(pim * budget["pia_share_of_pim"])
    modification = split_cents(pim - pia, [1.0] * len(modification_months))
    month_pim = [0] * 12
    month_pim[0] = pia
    for month, amount in zip(modification_months, modification, strict=True):
        month_pim[month - 1] += amount
    month_devengado = split_cents(devengado, weights)
    headroom = split_cents(pim - devengado, weights)  # never spent: PIM - devengado
    result = []
    for month in range(12):
        dev = month_devengado[month]
        committed = dev + headroom[month] // 2
        certified = committed + headroom[month] // 4
        paid = int(dev * budget["girado_share_of_devengado"])
        result.append(
            (
                pia if month == 0 else 0,
                month_pim[month],
                certified,
                committed,
                dev,
                paid,
            )
        )
    return result


def write_mef(
    writer: DatasetWriter,
    budget: dict[str, Any],
    year: int,
    other_ratio: float = DEFAULT_OTHER_RATIO,
    seed: int = 93,
) -> None:
    """MEF's national file of the year (mef_national): PP 0093 rows amid others."""
    write_mef_national(writer, mef_rows(budget, year), year, other_ratio, seed)


def write_siaf(writer: DatasetWriter, physical: dict[str, Any], year: int) -> None:
    rows: list[list[str]] = []
    for product, (target, progress) in physical["products"].items():
        product_code, _ = mef_codes(f"{product}.1")
        rows.append(
            [
                str(year),
                "PRODUCTO",
                product_code,
                "",
                "Empresas",
                str(target),
                str(progress),
            ]
        )
        for activity, values in physical.items():
            if activity == "products" or not activity.startswith(f"{product}."):
                continue
            _, activity_code = mef_codes(activity)
            unit = "Acciones" if activity in ACTION_ACTIVITIES else "Empresas"
            target_text, progress_text = (
                (str(values[0]), str(values[1])) if values else ("", "")
            )
            rows.append(
                [
                    str(year),
                    "ACTIVIDAD",
                    product_code,
                    activity_code,
                    unit,
                    target_text,
                    progress_text,
                ]
            )
    lines = [",".join(row) for row in rows]
    writer.write(
        f"siaf_avance_fisico/{year}/avance_fisico_{year}.csv",
        contract("siaf_avance_fisico").header(),
        chunked(len(lines), lambda part: lines[part]),
    )


__all__ = ["write_mef", "write_siaf"]

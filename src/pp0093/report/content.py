"""The report's sections: our own Spanish sentences around the numbers.

Each section follows the published report's structure. A number is always a
Figure (formatting.py), so it prints in the report's style and carries its
citation. Where data is missing (no previous year, no target, no published
figure), the sentence says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from pp0093.report import charts, queries
from pp0093.report.figures import Figures, print_unit, status_label
from pp0093.report.formatting import Cite, Figure, code
from pp0093.report.tables import table

MISSING = '<span class="sin-dato">sin dato</span>'
EXTERNAL_SOURCE = (
    "Fuente: INEI (cifra externa, no proviene de los registros del programa)."
)

PROFILE_DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    # (profile_dimension, heading, metric of ind_report_metrics)
    ("size_class", "Tamaño empresarial", "size_class_pct"),
    ("sales_band", "Rango de ventas anuales (UIT)", "sales_band_pct"),
    ("report_sector", "Sector económico", "sector_pct"),
    ("workers_band", "Número de trabajadores", "workers_band_pct"),
    ("executing_unit", "Unidad ejecutora", "executing_unit_pct"),
    ("department", "Localización (departamento)", "department_pct"),
)
SERVICE_LINE_METRICS = {
    "training": "trained_firms",
    "dissemination": "dissemination_firms",
    "tech_transfer": "tech_transfer_firms",
    "market_access": "market_access_firms",
}
BREAKDOWN_METRICS = {
    "executing_unit": ("trained_by_unit_pct", "pct"),
    "training_topic": ("trained_topic_pct", "pct"),
    "dissemination_type": ("dissemination_type_pct", "pct"),
    "tech_transfer_service": ("tech_transfer_service_pct", "pct"),
    "market_access_line": ("market_access_line_firms", "count"),
}
BREAKDOWN_TITLES = {
    "executing_unit": "por unidad ejecutora",
    "training_topic": "por tema",
    "dissemination_type": "por tipo de difusión",
    "tech_transfer_service": "por servicio",
    "market_access_line": "por línea",
}


@dataclass
class Section:
    """One section of the report."""

    slug: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def show(figure: Figure | None) -> str:
    return MISSING if figure is None else figure.html()


def esc(text: object) -> str:
    return escape("" if text is None else str(text))


def label(text: object) -> str:
    """A name or category label: may contain digits ("De 5 a 10
    trabajadores") but is no figure, so the report test skips it."""
    return f'<span class="etq">{esc(text)}</span>'


@dataclass
class ReportBuilder:
    """Builds every section of one programme year's report."""

    db: queries.Database
    year: int
    image_dir: Path
    figures: Figures = field(init=False)
    years: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.figures = Figures.load(self.db, self.year)
        self.years = queries.program_years(self.db)

    @property
    def previous(self) -> int:
        return self.year - 1

    @property
    def has_previous(self) -> bool:
        return self.previous in self.years

    def metric(self, metric: str, dimension: str = "", **kwargs: Any) -> Figure | None:
        return self.figures.metric(metric, dimension, **kwargs)

    def note_contradictions(
        self, section: Section, metric: str, dimension: str, shown: Figure | None
    ) -> None:
        """When the published report states another value for the fact,
        say so beside the records' value."""
        for row in self.figures.contradicted(metric, dimension, self.year):
            published = self.figures.cited(
                row["published_value"],
                print_unit(row["unit"]),
                Cite(
                    "rpt_report_figures",
                    "published_value",
                    (("figure_id", row["figure_id"]),),
                ),
                decimals=int(row["decimals"]),
                figure_id=row["figure_id"],
                role="published",
            )
            section.notes.append(
                f"Los registros dan {show(shown)}; el informe publicado indica "
                f"{show(published)} en «{label(row['report_location'])}» "
                f"(figure_id {code(row['figure_id'])}). El texto publicado difiere "
                "de los registros."
            )

    # Sections, in the published report's order.

    def sections(self) -> list[Section]:
        return [
            self.economic_context(),
            self.population_served(),
            self.service_lines(),
            self.profile(),
            self.products(),
            self.indicators(),
            self.budget_annex(),
            self.data_quality_annex(),
            self.traceability_annex(),
        ]

    def economic_context(self) -> Section:
        section = Section("contexto", "Contexto económico")
        rows = queries.economic_context(self.db, [self.year, self.previous])
        if not rows:
            section.paragraphs.append(
                f"La base de datos no tiene cifras del contexto económico para "
                f"{code(self.year)} (rpt_economic_context, seed economic_context)."
            )
            return section
        cells = []
        for row in rows:
            figure = self.figures.cited(
                row["gdp_growth_pct"],
                "pct",
                Cite(
                    "rpt_economic_context",
                    "gdp_growth_pct",
                    (("year", row["year"]), ("sector_code", row["sector_code"])),
                ),
                decimals=1,
                figure_id=self.figures.figure_id(
                    "gdp_growth_pct", row["sector_code"], int(row["year"])
                ),
            )
            cells.append(
                [label(row["sector_label_es"]), code(row["year"]), show(figure)]
            )
        total = {int(r["year"]): r for r in rows if r["sector_code"] == "total"}
        if self.year in total:
            section.paragraphs.append(
                "Según las cuentas nacionales del INEI (cifras externas al programa), "
                f"el producto bruto interno varió {self._gdp(total[self.year])} "
                f"en {code(self.year)}"
                + (
                    f", frente a {self._gdp(total[self.previous])} "
                    f"en {code(self.previous)}."
                    if self.previous in total
                    else "."
                )
            )
        section.blocks.append(
            table(
                "Variación anual del PBI por actividad económica (%)",
                ["Actividad", "Año", "Var. %"],
                cells,
                source=EXTERNAL_SOURCE,
            )
        )
        return section

    def _gdp(self, row: queries.Row) -> str:
        return show(
            Figure(
                row["gdp_growth_pct"],
                "pct",
                Cite(
                    "rpt_economic_context",
                    "gdp_growth_pct",
                    (("year", row["year"]), ("sector_code", row["sector_code"])),
                ),
                decimals=1,
            )
        )

    def change_sentence(
        self, change: Figure | None, previous: Figure | None, what: str
    ) -> str:
        """'…, una variación de X respecto a <prev year> (Y).' or why not."""
        if not self.has_previous:
            return (
                f" La base de datos no tiene datos de {code(self.previous)}, por lo "
                f"que no se calcula la variación de {what}."
            )
        if change is None:
            return (
                f" No se pudo calcular la variación de {what} frente a "
                f"{code(self.previous)}."
            )
        return (
            f" La variación de {what} frente a {code(self.previous)} fue de "
            f"{show(change)} (valor de {code(self.previous)}: {show(previous)})."
        )

    def population_served(self) -> Section:
        section = Section("poblacion", "Población atendida")
        row = queries.population(self.db, self.year)
        if row is None:
            section.paragraphs.append(
                f"La base de datos no tiene empresas atendidas en {code(self.year)}."
            )
            return section
        served = self.metric("firms_served")
        section.paragraphs.append(
            f"En {code(self.year)} el {code('PP 0093')} atendió a {show(served)} "
            "empresas distintas."
            + self.change_sentence(
                self.metric("firms_served_change_pct", unit="pct"),
                self.metric("firms_served", year=self.previous),
                "las empresas atendidas (%)",
            )
        )
        self.note_contradictions(section, "firms_served", "", served)
        targeted = self.metric("targeted_pct", unit="pct")
        section.paragraphs.append(
            f"El {show(targeted)} de las empresas atendidas cumple los tres criterios "
            "de focalización (formalidad en SUNAT, antigüedad mínima en el registro "
            "y ventas anuales dentro del rango en UIT)."
            + self.change_sentence(
                self.metric("targeted_change_pp", unit="pp"),
                self.metric("targeted_pct", unit="pct", year=self.previous),
                "la proporción focalizada (puntos porcentuales)",
            )
        )
        criteria = [
            ("Formales (registradas en SUNAT)", "formal_firms", "formal_pct"),
            (
                "Con antigüedad mínima en el registro",
                "min_registry_years_firms",
                "min_registry_years_pct",
            ),
            (
                "Con ventas en el rango de focalización",
                "in_sales_range_firms",
                "in_sales_range_pct",
            ),
            ("Cumplen los tres criterios", "targeted_firms", "targeted_pct"),
        ]
        cells = []
        for label, firms_column, pct_column in criteria:
            cite_of = self._population_cite
            cells.append(
                [
                    label,
                    show(
                        self.figures.cited(
                            row[firms_column], "count", cite_of(firms_column)
                        )
                    ),
                    show(
                        self.figures.cited(row[pct_column], "pct", cite_of(pct_column))
                    ),
                ]
            )
        section.blocks.append(
            table(
                "Empresas atendidas según criterios de focalización, "
                f"{code(self.year)}",
                ["Criterio", "Empresas", "% de las atendidas"],
                cells,
            )
        )
        return section

    def _population_cite(self, column: str) -> Cite:
        return Cite("ind_population_served", column, (("program_year", self.year),))

    def service_lines(self) -> Section:
        section = Section("servicios", "Servicios de desarrollo productivo")
        lines = queries.service_lines(self.db, self.year)
        if not lines:
            section.paragraphs.append(
                f"No hay servicios registrados en {code(self.year)}."
            )
            return section
        breakdowns: dict[str, list[queries.Row]] = defaultdict(list)
        for row in queries.service_line_breakdowns(self.db, self.year):
            breakdowns[row["service_line"]].append(row)
        cells = []
        for line in lines:
            metric = SERVICE_LINE_METRICS.get(line["service_line"])
            firms = (self.metric(metric) if metric else None) or self.figures.cited(
                line["firms"], "count", self._line_cite(line, "firms")
            )
            share = self.figures.cited(
                line["share_of_firms_served_pct"],
                "pct",
                self._line_cite(line, "share_of_firms_served_pct"),
            )
            change = self.figures.cited(
                line["firms_change_pct"],
                "pct",
                self._line_cite(line, "firms_change_pct"),
            )
            cells.append(
                [
                    label(line["service_line_label_es"]),
                    show(firms),
                    show(share),
                    show(change),
                ]
            )
            section.paragraphs.append(self._line_sentence(line, firms, breakdowns))
        section.blocks.append(
            table(
                f"Empresas atendidas por línea de servicio, {code(self.year)}",
                [
                    "Línea de servicio",
                    "Empresas",
                    "% de las atendidas",
                    f"Var. % frente a {code(self.previous)}",
                ],
                cells,
            )
        )
        image = charts.service_lines(
            [row["service_line_label_es"] for row in lines],
            [float(row["firms"]) for row in lines],
            [
                None
                if row["previous_year_firms"] is None
                else float(row["previous_year_firms"])
                for row in lines
            ],
            (self.year, self.previous),
            self.image_dir / "lineas_de_servicio.png",
        )
        section.blocks.append(
            image_block(
                image,
                "Empresas atendidas por línea de servicio, año del informe y anterior",
            )
        )
        self.market_events(section)
        return section

    def _line_cite(self, line: queries.Row, column: str) -> Cite:
        return Cite(
            "ind_service_lines",
            column,
            (("service_line_year_id", line["service_line_year_id"]),),
        )

    def _line_sentence(
        self,
        line: queries.Row,
        firms: Figure | None,
        breakdowns: dict[str, list[queries.Row]],
    ) -> str:
        text = (
            f"<strong>{label(line['service_line_label_es'])}.</strong> "
            f"{show(firms)} empresas recibieron servicios de esta línea en "
            f"{code(self.year)}."
        )
        for breakdown, rows in group_by(breakdowns[line["service_line"]], "breakdown"):
            metric, unit = BREAKDOWN_METRICS.get(breakdown, ("", "pct"))
            parts = []
            for row in rows:
                figure = (
                    self.metric(metric, row["category_code"], unit=unit)
                    if metric
                    else None
                )
                if figure is None:
                    column = "firms" if unit == "count" else "share_of_line_pct"
                    figure = self.figures.cited(
                        row[column],
                        unit,
                        Cite(
                            "ind_service_line_breakdowns",
                            column,
                            (("breakdown_id", row["breakdown_id"]),),
                        ),
                    )
                parts.append(f"{label(row['category_label_es'])} ({show(figure)})")
            what = "empresas" if unit == "count" else "% de las empresas de la línea"
            text += (
                f" Distribución {BREAKDOWN_TITLES.get(breakdown, esc(breakdown))} "
                f"({what}; una empresa puede estar en varias categorías): "
                + "; ".join(parts)
                + "."
            )
        return text

    def market_events(self, section: Section) -> None:
        parts = []
        for metric, verb in (
            ("fair_firms", "vendieron en ferias"),
            ("business_round_firms", "participaron en ruedas de negocio"),
        ):
            for (name, dimension, year), _value in sorted(self.figures.metrics.items()):
                if name == metric and year == self.year:
                    parts.append(
                        f"{show(self.metric(metric, dimension))} empresas {verb} "
                        f"organizadas por {label(dimension)}"
                    )
        if parts:
            section.paragraphs.append(
                "<strong>Ferias y ruedas de negocio.</strong> " + "; ".join(parts) + "."
            )

    def profile(self) -> Section:
        section = Section("perfil", "Caracterización de las empresas beneficiarias")
        rows = queries.beneficiary_profile(self.db, self.year)
        by_dimension = dict(group_by(rows, "profile_dimension"))
        panels = []
        for dimension, heading, metric in PROFILE_DIMENSIONS:
            categories = by_dimension.get(dimension, [])
            if not categories:
                section.paragraphs.append(
                    f"<strong>{heading}.</strong> Sin datos para {code(self.year)}."
                )
                continue
            known = [row for row in categories if row["is_known_value"]]
            known.sort(
                key=lambda row: (
                    (-row["firms"])
                    if dimension in ("department", "executing_unit")
                    else (row["sort_order"] or 0)
                )
            )
            cells = []
            for row in categories if dimension != "department" else known:
                cells.append(self._profile_cells(row, metric))
            unknown = sum(
                row["firms"] for row in categories if not row["is_known_value"]
            )
            section.paragraphs.append(
                self._profile_sentence(heading, dimension, known, metric, unknown)
            )
            basis = (
                "sobre todas las empresas atendidas; una empresa atendida por varias "
                "unidades cuenta en cada una"
                if dimension == "executing_unit"
                else "sobre las empresas con dato conocido"
            )
            section.blocks.append(
                table(
                    f"{heading}, {code(self.year)} (% {basis})",
                    ["Categoría", "Empresas", "%"],
                    cells,
                )
            )
            top = known if dimension != "department" else known[:10]
            panels.append(
                (
                    heading
                    if dimension != "department"
                    else "Localización (10 departamentos con más empresas)",
                    [row["category_label_es"] for row in top],
                    [float(row["share_pct"] or 0) for row in top],
                )
            )
        if panels:
            image = charts.profile_shares(panels, self.image_dir / "perfil.png")
            section.blocks.insert(
                0,
                image_block(
                    image,
                    "Distribución porcentual de las empresas beneficiarias por "
                    "tamaño, ventas, sector, trabajadores, unidad ejecutora y región",
                ),
            )
        return section

    def _profile_cells(self, row: queries.Row, metric: str) -> list[str]:
        cite = (("profile_category_id", row["profile_category_id"]),)
        firms = self.figures.cited(
            row["firms"], "count", Cite("ind_beneficiary_profile", "firms", cite)
        )
        share = self.figures.cited(
            row["share_pct"],
            "pct",
            Cite("ind_beneficiary_profile", "share_pct", cite),
            figure_id=self.figures.figure_id(metric, row["category_code"], self.year),
        )
        return [label(row["category_label_es"]), show(firms), show(share)]

    def _profile_sentence(
        self,
        heading: str,
        dimension: str,
        known: list[queries.Row],
        metric: str,
        unknown: int,
    ) -> str:
        ranked = sorted(known, key=lambda row: -(row["share_pct"] or 0))
        top = ranked[:3]
        parts = [self._category_share(row, metric) for row in top]
        text = (
            f"<strong>{heading}.</strong> Las categorías con mayor participación son: "
            + "; ".join(parts)
            + "."
        )
        if dimension == "department" and len(ranked) > 3:
            bottom = ranked[-2:]
            text += (
                " Las de menor participación son: "
                + "; ".join(self._category_share(row, metric) for row in bottom)
                + "."
            )
        if dimension == "workers_band":
            text += self._band_sectors(top[0]["category_code"] if top else None)
        if unknown:
            text += (
                " Las empresas sin dato de esta característica se muestran aparte "
                "y no entran en los porcentajes."
            )
        return text

    def _category_share(self, row: queries.Row, metric: str) -> str:
        share = self.metric(metric, row["category_code"], unit="pct")
        return f"{label(row['category_label_es'])} ({show(share)})"

    def _millions(self, row: queries.Row, metric: str = "devengado") -> Figure | None:
        return self.metric(
            f"{metric}_pen_millions", row["budget_line_code"], unit="pen_millions"
        )

    def _band_sectors(self, band: str | None) -> str:
        if band is None:
            return ""
        parts = [
            (dimension.split("|", 1)[1], figure)
            for (metric, dimension, year) in sorted(self.figures.metrics)
            if metric == "sector_within_workers_band_pct"
            and year == self.year
            and dimension.startswith(f"{band}|")
            and (figure := self.metric(metric, dimension, unit="pct")) is not None
        ]
        parts.sort(key=lambda part: -float(part[1].value))
        if not parts:
            return ""
        return (
            " Dentro de la banda más frecuente, los sectores son: "
            + "; ".join(
                f"{label(sector)} ({show(figure)})" for sector, figure in parts[:3]
            )
            + "."
        )

    def products(self) -> Section:
        section = Section("productos", "Resultados por producto")
        lines = queries.products_activities(self.db, self.year)
        products = [row for row in lines if row["line_level"] == "producto"]
        if not products:
            section.paragraphs.append(
                f"No hay metas ni avance físico registrados para {code(self.year)}."
            )
            return section
        by_unit = group_by(
            queries.activity_progress_by_unit(self.db, self.year), "activity_code"
        )
        units = dict(by_unit)
        previous = {
            row["product_code"]: row
            for row in queries.products_activities(self.db, self.previous)
            if row["line_level"] == "producto"
        }
        for product in products:
            code_ = product["product_code"]
            activities = [
                row
                for row in lines
                if row["line_level"] == "actividad" and row["product_code"] == code_
            ]
            section.paragraphs.append(
                f'<h3 id="producto-{esc(code_)}">Producto {code(code_)}: '
                f"{label(product['budget_line_name_es'])}</h3>"
            )
            section.paragraphs.append(
                self._product_sentence(section, product, previous.get(code_))
            )
            for activity in activities:
                section.paragraphs.append(
                    self._activity_sentence(
                        section, activity, units.get(activity["activity_code"], [])
                    )
                )
            section.paragraphs.append(self._budget_sentence(product, activities))
        return section

    def _line_figure(
        self, row: queries.Row, column: str, metric: str, unit: str
    ) -> Figure | None:
        """A value of ind_products_activities, tied to its published figure."""
        return self.figures.cited(
            row[column],
            unit,
            Cite(
                "ind_products_activities",
                column,
                (("budget_line_year_id", row["budget_line_year_id"]),),
            ),
            figure_id=self.figures.figure_id(
                metric, row["budget_line_code"], int(row["program_year"])
            ),
        )

    def _target_figures(
        self, row: queries.Row, kind: str
    ) -> tuple[Figure | None, Figure | None]:
        """A product's or activity's meta física and its achievement %."""
        target = self._line_figure(row, "annual_target", f"{kind}_target", "count")
        achievement = self._line_figure(
            row, "achievement_pct", f"{kind}_achievement_pct", "pct"
        )
        return target, achievement

    def _product_sentence(
        self, section: Section, product: queries.Row, previous: queries.Row | None
    ) -> str:
        code_ = product["product_code"]
        firms = self._line_figure(product, "progress", "product_firms", "count")
        unit = esc((product["unit_of_measure"] or "").lower())
        text = (
            f"En {code(self.year)} el producto registró un avance físico de "
            f"{show(firms)} {unit}"
        )
        if product["annual_target"] is None:
            text += f"; no tiene meta física registrada para {code(self.year)}."
        else:
            target, achievement = self._target_figures(product, "product")
            text += (
                f", frente a una meta física de {show(target)} ({show(achievement)} "
                f"de la meta; calificación: {rating(product)})."
            )
        text += self.change_sentence(
            self._line_figure(
                product, "progress_change_pct", "product_firms_change_pct", "pct"
            ),
            self.figures.cited(
                product["previous_year_progress"],
                "count",
                Cite(
                    "ind_products_activities",
                    "previous_year_progress",
                    (("budget_line_year_id", product["budget_line_year_id"]),),
                ),
            ),
            "su avance físico (%)",
        )
        text += self._previous_achievement(product, previous)
        self.note_contradictions(section, "product_firms", code_, firms)
        return text

    def _previous_achievement(
        self, product: queries.Row, previous: queries.Row | None
    ) -> str:
        """The product's achievement of its previous-year target, from the
        records, else as the published report gives it, else nothing."""
        if previous is not None and previous["achievement_pct"] is not None:
            figure = self._line_figure(
                previous, "achievement_pct", "product_achievement_pct", "pct"
            )
            return (
                f" En {code(self.previous)} su logro fue de {show(figure)} de la meta."
            )
        published = self._published_only(
            "product_achievement_pct", product["product_code"], self.previous
        )
        if published is None:
            return ""
        return (
            f" Los registros no permiten calcular su logro de {code(self.previous)} "
            f"(no hay meta física de ese año); el informe publicado indica {published}."
        )

    def _activity_sentence(
        self, section: Section, activity: queries.Row, units: list[queries.Row]
    ) -> str:
        code_ = activity["activity_code"]
        progress = self._line_figure(activity, "progress", "activity_progress", "count")
        unit = esc((activity["unit_of_measure"] or "").lower())
        text = (
            f"Actividad {code(code_)} ({label(activity['budget_line_name_es'])}): "
            f"{show(progress)} {unit}"
        )
        if activity["annual_target"] is None:
            text += f"; sin meta física registrada para {code(self.year)}."
        else:
            target, achievement = self._target_figures(activity, "activity")
            text += (
                f" frente a una meta de {show(target)} ({show(achievement)}; "
                f"calificación: {rating(activity)})."
            )
        if len(units) > 1:
            parts = []
            for row in units:
                figure = self.figures.cited(
                    row["progress"],
                    "count",
                    Cite(
                        "ind_activity_progress_by_unit",
                        "progress",
                        (("activity_unit_year_id", row["activity_unit_year_id"]),),
                    ),
                    figure_id=self.figures.figure_id(
                        "activity_progress_by_unit",
                        f"{code_}|{row['executing_unit_code']}",
                        self.year,
                    ),
                )
                parts.append(f"{label(row['executing_unit_code'])}: {show(figure)}")
            overlap = (
                " (una empresa atendida por dos unidades cuenta en cada una)"
                if activity.get("progress_basis") == "firms"
                else ""
            )
            text += f" Por unidad ejecutora{overlap}: " + "; ".join(parts) + "."
        self.note_contradictions(section, "activity_progress", code_, progress)
        return text

    def _budget_sentence(
        self, product: queries.Row, activities: list[queries.Row]
    ) -> str:
        if product["pim"] is None:
            return f"El producto no tiene presupuesto registrado en {code(self.year)}."
        devengado = self._line_figure(product, "devengado", "devengado_pen", "pen")
        millions = self.metric(
            "devengado_pen_millions", product["budget_line_code"], unit="pen_millions"
        )
        execution = self._line_figure(product, "execution_pct", "execution_pct", "pct")
        pim = self._line_figure(product, "pim", "pim_pen", "pen")
        text = (
            f"<em>Ejecución presupuestal.</em> El devengado del producto fue de "
            f"{show(devengado)} ({show(millions)}), el {show(execution)} de su PIM "
            f"de {show(pim)}."
        )
        parts = []
        for activity in activities:
            if activity["pim"] is None:
                continue
            parts.append(
                f"actividad {code(activity['activity_code'])}: "
                f"{show(self._line_figure(activity, *EXECUTION))} "
                f"({show(self._millions(activity))} devengados de un PIM de "
                f"{show(self._millions(activity, 'pim'))})"
            )
        if parts:
            text += " Ejecución por actividad: " + "; ".join(parts) + "."
        return text

    def indicators(self) -> Section:
        section = Section("indicadores", "Indicadores de desempeño")
        rows = queries.performance_indicators(self.db, self.year)
        if not rows:
            section.paragraphs.append(
                f"No hay indicadores de desempeño registrados para {code(self.year)}."
            )
            return section
        cells = []
        for row in rows:
            value, target, gap = self._indicator_figures(row)
            cells.append(
                [
                    f"Producto {code(row['product_code'])}",
                    label(row["indicator_name_es"]),
                    show(value),
                    show(target),
                    show(gap),
                ]
            )
            section.paragraphs.append(self._indicator_sentence(row, value, target, gap))
        section.blocks.append(
            table(
                f"Indicadores de desempeño, valor y meta, {code(self.year)}",
                ["Producto", "Indicador", "Valor (%)", "Meta (%)", "Brecha (p.p.)"],
                cells,
                numeric_from=2,
            )
        )
        return section

    def _indicator_figures(
        self, row: queries.Row
    ) -> tuple[Figure | None, Figure | None, Figure | None]:
        key = (("indicator_year_id", row["indicator_year_id"]),)
        code_ = row["indicator_code"]
        found = []
        for column, metric, unit in (
            ("value_pct", "indicator_value", "pct"),
            ("target_pct", "indicator_target", "pct"),
            ("gap_pp", "indicator_gap_pp", "pp"),
        ):
            found.append(
                self.figures.cited(
                    row[column],
                    unit,
                    Cite("ind_performance_indicators", column, key),
                    figure_id=self.figures.figure_id(metric, code_, self.year),
                )
            )
        return found[0], found[1], found[2]

    def _indicator_sentence(
        self,
        row: queries.Row,
        value: Figure | None,
        target: Figure | None,
        gap: Figure | None,
    ) -> str:
        text = (
            f"<strong>{label(row['indicator_name_es'])}</strong> "
            f"(Producto {code(row['product_code'])}). "
        )
        if value is None:
            text += (
                f"Los registros del programa no permiten calcular su valor de "
                f"{code(self.year)}."
            )
            published = self._published_only("indicator_value", row["indicator_code"])
            if published:
                text += (
                    f" El informe publicado le atribuye {published} "
                    "(cifra no verificable)."
                )
        else:
            text += f"Valor en {code(self.year)}: {show(value)}."
        if target is None:
            text += f" No hay meta registrada para {code(self.year)}."
        elif value is not None:
            verdict = (
                "alcanza o supera" if row["is_target_met"] else "queda por debajo de"
            )
            text += (
                f" El valor {verdict} su meta de {show(target)} "
                f"(brecha de {show(gap)})."
            )
        else:
            text += f" Su meta es {show(target)}."
        if row.get("is_heading_misplaced"):
            text += (
                f" El informe publicado lo presenta bajo el Producto "
                f"{code(row['product_code_as_headed_in_report'])}."
            )
        return text

    def _published_only(
        self, metric: str, dimension: str, year: int | None = None
    ) -> str | None:
        """The published value of a figure the records cannot produce."""
        year = self.year if year is None else year
        for row in self.figures.published_for(metric, dimension, year):
            figure = self.figures.cited(
                row["published_value"],
                print_unit(row["unit"]),
                Cite(
                    "rpt_report_figures",
                    "published_value",
                    (("figure_id", row["figure_id"]),),
                ),
                decimals=int(row["decimals"]),
                figure_id=row["figure_id"],
                role="published",
            )
            return show(figure)
        return None

    def budget_annex(self) -> Section:
        section = Section(
            "anexo-presupuesto",
            "Anexo: ejecución de metas físicas y financieras por producto y actividad",
        )
        lines = queries.products_activities(self.db, self.year)
        if not lines:
            section.paragraphs.append(f"Sin datos de {code(self.year)}.")
            return section
        pia = queries.pia_by_line(self.db, self.year)
        cells = []
        for row in lines:
            cells.append(self._annex_row(row, pia))
        section.blocks.append(
            table(
                "Ejecución de metas físicas y financieras del "
                f"{code('PP 0093')}, {code(self.year)}",
                [
                    "Producto / actividad",
                    "Unidad de medida",
                    "Meta física anual",
                    "Avance",
                    "% anual",
                    "PIA (S/)",
                    "PIM (S/)",
                    "Devengado (S/)",
                    "% de avance",
                ],
                cells,
                numeric_from=2,
            )
        )
        section.paragraphs.append(
            "El PIA es la suma de las filas anuales del MEF (fct_budget_execution); "
            "PIM, "
            "devengado y avance vienen de ind_products_activities. El avance físico es "
            "el de los registros administrativos."
        )
        months = queries.monthly_budget(self.db, self.year)
        if months:
            section.blocks.append(
                image_block(
                    self._monthly_chart(months),
                    "Devengado mensual del programa y devengado acumulado "
                    "como % del PIM",
                )
            )
        return section

    def _annex_row(self, row: queries.Row, pia: dict[str, Any]) -> list[str]:
        level = row["line_level"]
        if level == "programa":
            name = "<strong>Total</strong>"
        else:
            prefix = "Producto" if level == "producto" else "Actividad"
            name = (
                f"{prefix} {code(row['budget_line_code'])}: "
                f"{label(row['budget_line_name_es'])}"
            )
            if level == "producto":
                name = f"<strong>{name}</strong>"
        line = row["budget_line_code"]
        pia_filters: tuple[tuple[str, object], ...] = (("program_year", self.year),)
        if level == "producto":
            pia_filters += (("product_code", line),)
        elif level == "actividad":
            pia_filters += (("activity_code", line),)
        pia_figure = self.figures.cited(
            pia.get(line),
            "soles",
            Cite("fct_budget_execution", "pia", pia_filters, agg="sum"),
            decimals=0,
        )
        physical = ["", "", "", ""]
        if level != "programa":
            kind = "product" if level == "producto" else "activity"
            progress = "product_firms" if level == "producto" else "activity_progress"
            target, achievement = self._target_figures(row, kind)
            physical = [
                label(row["unit_of_measure"]),
                show(target),
                show(self._line_figure(row, "progress", progress, "count")),
                show(achievement),
            ]
        return [
            name,
            *physical,
            show(pia_figure),
            show(self._annex_money(row, "pim", "pim_pen")),
            show(self._annex_money(row, "devengado", "devengado_pen")),
            show(self._line_figure(row, "execution_pct", "execution_pct", "pct")),
        ]

    def _annex_money(self, row: queries.Row, column: str, metric: str) -> Figure | None:
        return self.figures.cited(
            row[column],
            "soles",
            Cite(
                "ind_products_activities",
                column,
                (("budget_line_year_id", row["budget_line_year_id"]),),
            ),
            decimals=0,
            figure_id=self.figures.figure_id(
                metric, row["budget_line_code"], self.year
            ),
        )

    def _monthly_chart(self, months: list[queries.Row]) -> Path:
        cumulative_devengado = 0.0
        cumulative_pim = 0.0
        shares: list[float | None] = []
        for row in months:
            cumulative_devengado += float(row["devengado"] or 0)
            cumulative_pim += float(row["pim"] or 0)
            shares.append(
                100 * cumulative_devengado / cumulative_pim if cumulative_pim else None
            )
        return charts.monthly_budget(
            [int(row["month"]) for row in months],
            [float(row["devengado"] or 0) for row in months],
            shares,
            self.image_dir / "ejecucion_mensual.png",
        )

    def data_quality_annex(self) -> Section:
        section = Section("anexo-calidad", "Anexo: calidad de los datos")
        section.paragraphs.append(
            "Filas de los archivos de origen de esta construcción del almacén "
            "(todos los años cargados): las que pasaron a las tablas, las puestas en "
            "cuarentena por una regla de validación y los duplicados. Las filas en "
            "cuarentena se conservan con su motivo (rpt_data_quality)."
        )
        cells = []
        for row in queries.data_quality_files(self.db):
            filters = (("row_kind", "file"), ("feed", row["feed"]))
            cells.append(
                [label(row["feed"])]
                + [
                    show(
                        self.figures.cited(
                            row[column],
                            "count",
                            Cite("rpt_data_quality", column, filters, agg="sum"),
                        )
                    )
                    for column in (
                        "raw_rows",
                        "staged_rows",
                        "rejected_rows",
                        "duplicate_rows",
                    )
                ]
            )
        section.blocks.append(
            table(
                "Filas por fuente de datos",
                [
                    "Fuente",
                    "Filas recibidas",
                    "Cargadas",
                    "En cuarentena",
                    "Duplicadas",
                ],
                cells,
            )
        )
        rule_cells = []
        for row in queries.data_quality_rules(self.db):
            filters = (
                ("row_kind", "rule"),
                ("feed", row["feed"]),
                ("rule", row["rule"]),
            )
            rule_cells.append(
                [
                    label(row["feed"]),
                    label(row["rule"]),
                    label(row["rule_description"]),
                    show(
                        self.figures.cited(
                            row["rejected_rows"],
                            "count",
                            Cite(
                                "rpt_data_quality", "rejected_rows", filters, agg="sum"
                            ),
                        )
                    ),
                ]
            )
        if rule_cells:
            section.blocks.append(
                table(
                    "Filas en cuarentena por fuente y regla",
                    ["Fuente", "Regla", "Descripción", "Filas"],
                    rule_cells,
                    numeric_from=3,
                )
            )
        else:
            section.paragraphs.append("Ninguna fila fue puesta en cuarentena.")
        self._inconsistencies(section)
        return section

    def _inconsistencies(self, section: Section) -> None:
        edition = self.figures.edition()
        flagged = [
            row for row in edition if row["status"] not in {"match", "not_computable"}
        ]
        if not edition:
            section.paragraphs.append(
                "No hay cifras publicadas registradas para el informe "
                f"{code(self.year)}, "
                "por lo que no se contrastan."
            )
            return
        if not flagged:
            section.paragraphs.append(
                "Todas las cifras publicadas calculables coinciden con los registros."
            )
            return
        section.paragraphs.append(
            "Cifras del informe publicado que no coinciden con los registros o que el "
            "propio informe da con dos valores distintos; el valor de los registros es "
            "el que usa este informe."
        )
        cells = [self._published_row(row) for row in flagged]
        section.blocks.append(
            table(
                "Inconsistencias del informe publicado encontradas por el almacén",
                [
                    "figure_id",
                    "Ubicación en el informe",
                    "Publicado",
                    "Registros",
                    "Estado",
                ],
                cells,
                numeric_from=2,
            )
        )

    def _published_row(self, row: queries.Row) -> list[str]:
        key = (("figure_id", row["figure_id"]),)
        unit = print_unit(row["unit"])
        decimals = int(row["decimals"])
        published = self.figures.cited(
            row["published_value"],
            unit,
            Cite("rpt_report_figures", "published_value", key),
            decimals=decimals,
            figure_id=row["figure_id"],
            role="published",
        )
        records = self.figures.cited(
            row["computed_value"],
            unit,
            Cite("rpt_report_figures", "computed_value", key),
            decimals=decimals,
            figure_id=row["figure_id"],
        )
        return [
            code(row["figure_id"]),
            label(row["report_location"]),
            show(published),
            show(records),
            esc(status_label(row["status"])),
        ]

    def traceability_annex(self) -> Section:
        section = Section(
            "anexo-trazabilidad", "Anexo: cifras publicadas y trazabilidad"
        )
        edition = self.figures.edition()
        if not edition:
            section.paragraphs.append(
                "No hay cifras publicadas registradas para el informe "
                f"{code(self.year)}."
            )
            return section
        section.paragraphs.append(
            "Cada cifra de este informe lleva en el HTML su origen (modelo, columna y "
            "fila) y, cuando reproduce una cifra publicada, su figure_id, que se busca "
            "en rpt_report_figures y en el sitio de linaje. La tabla da todas las "
            "cifras "
            "del informe publicado con el valor de los registros; las cifras externas "
            "(no calculables con registros) muestran el valor publicado."
        )
        cells = [self._published_row(row) for row in edition]
        section.blocks.append(
            table(
                f"Cifras del informe publicado {code(self.year)} "
                "frente a los registros",
                [
                    "figure_id",
                    "Ubicación en el informe",
                    "Publicado",
                    "Registros",
                    "Estado",
                ],
                cells,
                numeric_from=2,
            )
        )
        return section


def rating(row: queries.Row) -> str:
    return esc(row["rating_label_es"] or "sin calificación")


EXECUTION = ("execution_pct", "execution_pct", "pct")


def group_by(
    rows: Iterable[queries.Row], key: str
) -> list[tuple[Any, list[queries.Row]]]:
    """Rows grouped by a column, in first-seen order."""
    groups: dict[Any, list[queries.Row]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return list(groups.items())


def image_block(path: Path, caption: str) -> str:
    return (
        f'<figure class="grafico"><img src="img/{esc(path.name)}" alt="{esc(caption)}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def decimal_or_none(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


Getter = Callable[[queries.Row], Any]

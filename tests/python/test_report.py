"""The evaluation report (`pp0093 report`) generated from the session build.

The 2024 report is generated once into a temporary directory from the test
suite's database (`dbt_build`). Its HTML is parsed: every number is a
`span.cifra` that names the mart, column and row it comes from, and each is
read back from the database and formatted again; no digit may appear outside
such a span, an identifier (`span.cod`: years, codes) or a label
(`span.etq`: names like "De 5 a 10 trabajadores"). Every published figure of
the 2024 report must appear with the records' value (or, for figures the
records cannot produce, the published one), and where the report contradicts
itself the text must say the published value differs. The PDF's first pages
are rendered with `pdftoppm` and must not be blank; the HTML is opened in
headless Chromium with every network request blocked and recorded.

Generation time is printed (`-s` shows it); the target (under 60 s at scale
1) is measured, not asserted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_docs_browser import (
    CHROMEDRIVER_CANDIDATES,
    CHROMIUM_CANDIDATES,
    find_executable,
    leaves_the_machine,
    requested_urls,
    running_in_ci,
    start_browser,
    wait_until,
)

from pp0093 import paths
from pp0093.dbt_runner import DbtSandbox
from pp0093.report import formatting, queries
from pp0093.report.render import MissingSystemLibrary, Outputs, generate

YEAR = 2024
OUTPUT_DIR = paths.PROJECT_ROOT / "test-output" / "report"
SKIPPED_CLASSES = {"cifra", "cod", "etq"}
# Elements whose text is not shown on the page.
HIDDEN_ELEMENTS = {"style", "script", "title", "head"}


@dataclass
class Cifra:
    attributes: dict[str, str]
    text: str = ""


@dataclass
class ParsedReport:
    cifras: list[Cifra] = field(default_factory=list)
    free_text: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


class ReportParser(HTMLParser):
    """Splits the page into cited numbers, identifiers/labels and free text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = ParsedReport()
        self.hidden = 0
        self.span_depth = 0  # > 0 inside a skipped span
        self.current: Cifra | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.report.ids.append(attributes["id"])
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        if tag != "span":
            return
        if self.span_depth:
            self.span_depth += 1
            return
        classes = set(attributes.get("class", "").split())
        if classes & SKIPPED_CLASSES:
            self.span_depth = 1
            if "cifra" in classes:
                self.current = Cifra(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_ELEMENTS:
            self.hidden -= 1
        if tag == "span" and self.span_depth:
            self.span_depth -= 1
            if self.span_depth == 0 and self.current is not None:
                self.report.cifras.append(self.current)
                self.current = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.current is not None:
            self.current.text += data
        elif not self.span_depth:
            self.report.free_text.append(data)


def parse(html: str) -> ParsedReport:
    parser = ReportParser()
    parser.feed(html)
    parser.close()
    return parser.report


@dataclass
class Generated:
    outputs: Outputs
    html: str
    parsed: ParsedReport
    seconds: float


@pytest.fixture(scope="module")
def generated(
    dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Generated:
    out_dir = tmp_path_factory.mktemp("report") / "report"
    started = time.monotonic()
    try:
        outputs = generate(dbt_build.db_path, YEAR, out_dir)
    except MissingSystemLibrary as missing:
        # Outside CI a machine without Pango still checks the HTML; the PDF
        # test then skips. .ci/run installs Pango, so CI never gets here.
        if running_in_ci():
            raise
        print(f"\nreport {YEAR}: no PDF ({missing})")
        outputs = generate(dbt_build.db_path, YEAR, out_dir, pdf=False)
    seconds = time.monotonic() - started
    print(
        f"\nreport {YEAR}: generated in {seconds:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in outputs.seconds.items())})"
    )
    html = outputs.html.read_text(encoding="utf-8")
    return Generated(outputs, html, parse(html), seconds)


@pytest.fixture(scope="module")
def database(dbt_build: DbtSandbox):
    db = queries.Database.open(dbt_build.db_path)
    yield db
    db.close()


def expected_text(value: object, cifra: Cifra) -> str:
    return formatting.with_unit(
        value, cifra.attributes["data-unit"], int(cifra.attributes["data-decimals"])
    )


def edition_figures(database: queries.Database) -> list[dict]:
    """Published figures of the 2024 report: the edition column's rows for
    2024 when the seed has one; otherwise the seed holds that report only."""
    rows, edition_column = queries.report_figures(database)
    # a figure the report does not print has nothing to show
    rows = [row for row in rows if row["status"] != "not_published"]
    if edition_column:
        return [row for row in rows if row[edition_column] == YEAR]
    assert max(int(row["program_year"]) for row in rows) == YEAR
    return rows


# The numbers.


@pytest.mark.slow
def test_the_report_has_numbers_and_every_one_is_cited(generated: Generated) -> None:
    assert len(generated.parsed.cifras) > 300
    stray = [
        text.strip() for text in generated.parsed.free_text if re.search(r"\d", text)
    ]
    assert stray == [], "numbers outside a cited span.cifra"


@pytest.mark.slow
def test_every_number_equals_the_mart_it_cites(
    generated: Generated, database: queries.Database
) -> None:
    wrong = []
    for cifra in generated.parsed.cifras:
        attributes = cifra.attributes
        value = queries.cited_value(
            database,
            attributes["data-mart"],
            attributes["data-column"],
            json.loads(attributes["data-filters"]),
            attributes.get("data-agg"),
        )
        if value is None or expected_text(value, cifra) != cifra.text:
            wrong.append(
                (
                    attributes["data-mart"],
                    attributes["data-filters"],
                    attributes["data-column"],
                    cifra.text,
                    value,
                )
            )
    assert wrong == []


@pytest.mark.slow
def test_every_published_figure_appears_with_the_records_value(
    generated: Generated, database: queries.Database
) -> None:
    by_records: dict[str, list[Cifra]] = {}
    by_published: dict[str, list[Cifra]] = {}
    for cifra in generated.parsed.cifras:
        if "data-figure" in cifra.attributes:
            by_records.setdefault(cifra.attributes["data-figure"], []).append(cifra)
        if "data-figure-published" in cifra.attributes:
            by_published.setdefault(
                cifra.attributes["data-figure-published"], []
            ).append(cifra)
    figures = edition_figures(database)
    assert len(figures) > 100
    problems = []
    for row in figures:
        figure_id = row["figure_id"]
        if row["status"] == "not_computable":
            shown = by_published.get(figure_id, [])
            expected = [expected_text(row["published_value"], c) for c in shown]
        else:
            shown = by_records.get(figure_id, [])
            expected = [expected_text(row["computed_value_rounded"], c) for c in shown]
        if not shown:
            problems.append((figure_id, "not in the report"))
        elif any(c.text != text for c, text in zip(shown, expected, strict=True)):
            problems.append((figure_id, [c.text for c in shown], expected))
    assert problems == []


@pytest.mark.slow
def test_the_records_value_of_each_published_figure_is_in_the_body(
    generated: Generated, database: queries.Database
) -> None:
    """Not only in the annex that lists them all: each figure the records
    produce is printed in its section."""
    body = generated.html[: generated.html.index('<section id="anexo-calidad"')]
    in_body = set(re.findall(r'data-figure="([^"]+)"', body))
    expected = [
        row["figure_id"]
        for row in edition_figures(database)
        if row["status"] != "not_computable"
        and row["is_supported_by_records"] is not False
        and not row["is_lower_bound"]
    ]
    assert [figure_id for figure_id in expected if figure_id not in in_body] == []


@pytest.mark.slow
def test_every_figure_has_an_anchor(
    generated: Generated, database: queries.Database
) -> None:
    ids = set(generated.parsed.ids)
    missing = [
        row["figure_id"]
        for row in edition_figures(database)
        if f"fig-{row['figure_id']}" not in ids
        and f"fig-{row['figure_id']}-publicada" not in ids
    ]
    assert missing == []
    anchors = [name for name in generated.parsed.ids if name.startswith("fig-")]
    assert len(set(anchors)) == len(anchors), "a figure's anchor is used twice"


@pytest.mark.slow
def test_a_contradicted_figure_gives_the_records_value_and_says_the_text_differs(
    generated: Generated, database: queries.Database
) -> None:
    contradicted = [
        row
        for row in edition_figures(database)
        if row["status"] == "report_inconsistent"
        and row["is_supported_by_records"] is False
    ]
    assert contradicted, "the 2024 report contradicts itself (product 4, activity 3.2)"
    notes = re.findall(r"<li>(.*?)</li>", generated.html, flags=re.DOTALL)
    for row in contradicted:
        marker = f'data-figure-published="{row["figure_id"]}"'
        note = next((note for note in notes if marker in note), None)
        assert note is not None, f"no note on {row['figure_id']}"
        assert "difiere" in note
        records = formatting.with_unit(
            row["computed_value_rounded"], "count", int(row["decimals"])
        )
        published = formatting.with_unit(
            row["published_value"], "count", int(row["decimals"])
        )
        text = re.sub(r"<[^>]+>", "", note)
        assert f"Los registros dan {records}" in text
        assert published in text


# Any year.


@pytest.mark.slow
def test_a_year_without_its_previous_year_says_so(
    dbt_build: DbtSandbox, database: queries.Database, tmp_path: Path
) -> None:
    first = queries.program_years(database)[0]
    outputs = generate(dbt_build.db_path, first, tmp_path / "report", pdf=False)
    parsed = parse(outputs.html.read_text(encoding="utf-8"))
    text = " ".join(" ".join(parsed.free_text).split())
    assert "no tiene datos de" in text
    assert len(parsed.cifras) > 100


@pytest.mark.slow
def test_a_year_without_data_is_a_clear_error(
    dbt_build: DbtSandbox, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="has no data for 1999; its programme years"):
        generate(dbt_build.db_path, 1999, tmp_path / "report", pdf=False)


# The PDF and the browser.


@pytest.mark.slow
def test_the_first_pdf_pages_are_not_blank(
    generated: Generated, tmp_path: Path
) -> None:
    from PIL import Image

    if generated.outputs.pdf is None:
        pytest.skip("no PDF: WeasyPrint found no Pango on this machine")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        message = "pdftoppm missing (Debian's poppler-utils)"
        if running_in_ci():
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    assert generated.outputs.pdf is not None
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "3",
            "-png",
            str(generated.outputs.pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 3
    for page in pages:
        with Image.open(page) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:200])  # pixels clearly not white
            assert dark > 0.01 * grey.width * grey.height, f"{page.name} is blank"


@pytest.fixture(scope="module")
def chromium_pair() -> tuple[str, str]:
    binary = find_executable(CHROMIUM_CANDIDATES)
    driver = find_executable(CHROMEDRIVER_CANDIDATES)
    if binary and driver:
        return binary, driver
    if running_in_ci():
        pytest.fail("no chromium/chromedriver; .ci/run installs them")
    pytest.skip("no chromium/chromedriver")


@pytest.mark.e2e
@pytest.mark.slow
def test_the_html_renders_offline_in_chromium(
    generated: Generated,
    chromium_pair: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from selenium.webdriver.common.by import By

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        browser = start_browser(
            *chromium_pair, tmp_path_factory.mktemp("report-chromium")
        )
    try:
        browser.get_log("performance")
        browser.get(generated.outputs.html.as_uri())
        wait_until(
            lambda: browser.execute_script(
                "return [...document.images]"
                ".every(i => i.complete && i.naturalWidth > 0)"
            )
        )
        images = browser.find_elements(By.TAG_NAME, "img")
        loaded = browser.execute_script(
            "return [...document.images].filter(i => i.naturalWidth > 0).length"
        )
        heading = browser.find_element(By.TAG_NAME, "h1").text
        browser.save_screenshot(str(OUTPUT_DIR / "informe-primera-pantalla.png"))
        urls = requested_urls(browser)
    finally:
        browser.quit()
    assert "Informe de evaluación" in heading
    assert len(images) >= 3 and loaded == len(images)
    assert urls, "no request was recorded at all: is logging on?"
    assert [url for url in urls if leaves_the_machine(url)] == []


# Formatting, without a database.


def test_numbers_print_in_the_reports_style() -> None:
    assert formatting.number(12791) == "12,791"
    assert formatting.number(Decimal("39739176.00")) == "39,739,176"
    assert formatting.with_unit(Decimal("70.799781"), "pct") == "70.8 %"
    assert formatting.with_unit(Decimal("-47.700045"), "pct") == "-47.7 %"
    assert formatting.with_unit(Decimal("47.902451"), "pp") == "47.9 p.p."
    assert formatting.with_unit(Decimal("2072340"), "pen") == "S/ 2,072,340"
    assert formatting.with_unit(Decimal("33.49"), "pen_millions") == "S/ 33.5 millones"


def test_rounding_is_half_away_from_zero_as_duckdb_rounds() -> None:
    assert formatting.number(Decimal("0.25"), 1) == "0.3"
    assert formatting.number(Decimal("-0.25"), 1) == "-0.3"
    assert formatting.number(2.675, 2) == "2.68"  # its repr, not its binary value
    assert formatting.number(Decimal("-0.04"), 1) == "0.0"


def test_a_cited_number_names_its_row() -> None:
    figure = formatting.Figure(
        Decimal("70.8"),
        "pct",
        formatting.Cite(
            "ind_report_metrics",
            "computed_value",
            (("program_year", 2024), ("metric", "targeted_pct")),
        ),
        figure_id="targeted_pct_2024",
    )
    parsed = parse(figure.html())
    assert [c.text for c in parsed.cifras] == ["70.8 %"]
    attributes = parsed.cifras[0].attributes
    assert json.loads(attributes["data-filters"]) == {
        "metric": "targeted_pct",
        "program_year": 2024,
    }
    assert attributes["data-figure"] == "targeted_pct_2024"
    assert parsed.ids == ["fig-targeted_pct_2024"]


def test_a_citation_may_not_name_another_table() -> None:
    with pytest.raises(ValueError, match="not a table the report reads"):
        queries.cited_value(None, "stg_sunat__padron", "ruc", {})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a plain identifier"):
        queries.identifier('x"; drop table y; --')


# The command.


@pytest.mark.slow
def test_the_command_writes_the_report(
    dbt_build: DbtSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pp0093 import cli

    out_dir = tmp_path / "report"
    argv = [
        "report",
        "--db",
        str(dbt_build.db_path),
        "--year",
        str(YEAR),
        "--out",
        str(out_dir),
        "--no-pdf",
    ]
    assert cli.main(argv) == 0
    assert (out_dir / f"informe_pp0093_{YEAR}.html").is_file()
    assert not list(out_dir.glob("*.pdf"))
    assert "generated in" in capsys.readouterr().out


def test_the_command_names_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pp0093 import cli

    missing = tmp_path / "none.duckdb"
    assert cli.main(["report", "--db", str(missing), "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert str(missing) in error and "make build" in error


@pytest.mark.slow
def test_the_lineage_exposure_lists_every_table_the_report_reads(
    dbt_build: DbtSandbox,
) -> None:
    manifest = json.loads((dbt_build.target_path / "manifest.json").read_text())
    exposure = next(
        node
        for node in manifest["exposures"].values()
        if node["name"] == "generated_evaluation_report"
    )
    listed = {unique_id.split(".")[-1] for unique_id in exposure["depends_on"]["nodes"]}
    assert listed == set(queries.MARTS)

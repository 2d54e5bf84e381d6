"""Render the report: Jinja2 writes the HTML, WeasyPrint the PDF from it.

Nothing is fetched from the network: the CSS is inlined, charts are local PNG
files, fonts are the system's, and WeasyPrint's URL fetcher refuses any URL
that is not a local file.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from pp0093.report import queries
from pp0093.report.content import ReportBuilder

TEMPLATES = Path(__file__).parent / "templates"
HTML_NAME = "informe_pp0093_{year}.html"
PDF_NAME = "informe_pp0093_{year}.pdf"
TITLE = "Informe de evaluación del PP {code} «Desarrollo Productivo de las Empresas»"


@dataclass
class Outputs:
    html: Path
    pdf: Path | None
    seconds: dict[str, float] = field(default_factory=dict)


ANCHOR = re.compile(r' id="(fig-[^"]+)"')


def first_anchors_only(html: str) -> str:
    """A figure printed twice (text and table) keeps its id the first time."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    return ANCHOR.sub(keep_first, html)


def render_html(builder: ReportBuilder, database: Path) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # sections are HTML built with escaped values
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("report.html.j2")
    return first_anchors_only(
        template.render(
            title=TITLE.format(code='<span class="cod">0093</span>'),
            title_text=TITLE.format(code="0093"),
            year=builder.year,
            sections=builder.sections(),
            css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
            database=database.name,
        )
    )


class MissingSystemLibrary(RuntimeError):
    """WeasyPrint cannot load Pango."""


def write_pdf(html_path: Path, pdf_path: Path) -> None:
    try:
        import weasyprint
    except OSError as error:  # cffi could not load libpango / libpangoft2
        raise MissingSystemLibrary(
            f"the PDF needs Pango ({error}); on Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 (or use --no-pdf)"
        ) from error

    from weasyprint.urls import URLFetcher

    # file: and data: URLs only; a missing image fails the PDF.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = weasyprint.HTML(filename=str(html_path), url_fetcher=fetcher)
    document.write_pdf(str(pdf_path))


def generate(
    database: Path, year: int | None, out_dir: Path, *, pdf: bool = True
) -> Outputs:
    """Write the HTML (and PDF) report of `year` (default: the latest year)
    into `out_dir`, replacing what a previous run left there."""
    started = time.monotonic()
    db = queries.Database.open(database)
    try:
        years = queries.program_years(db)
        if year is None:
            if not years:
                raise ValueError(f"{database} has no programme year")
            year = years[-1]
        if year not in years:
            raise ValueError(
                f"{database} has no data for {year}; its programme years are "
                f"{', '.join(map(str, years)) or 'none'}"
            )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        (out_dir / "img").mkdir(parents=True)
        builder = ReportBuilder(db, year, out_dir / "img")
        html = render_html(builder, database)
    finally:
        db.close()
    html_path = out_dir / HTML_NAME.format(year=year)
    html_path.write_text(html, encoding="utf-8")
    outputs = Outputs(html=html_path, pdf=None)
    outputs.seconds["html"] = time.monotonic() - started
    if pdf:
        outputs.pdf = out_dir / PDF_NAME.format(year=year)
        write_pdf(html_path, outputs.pdf)
    outputs.seconds["total"] = time.monotonic() - started
    return outputs

"""The static docs site renders offline in a real browser.

Builds the site the way `make docs` does (`dbt docs generate --static`, the
page copied to docs/index.html) from the session build, in a temporary
directory, and opens it from file:// in headless Chromium (Debian's chromium
and chromedriver, driven by selenium; nothing is downloaded at test time). The
test opens a mart's page, checks that its description renders, opens its
lineage graph and checks that the graph shows a chain from a raw source through
staging and intermediate models to `rpt_report_figures` (or, until that model
exists, to the furthest mart downstream of the opened one). Every request the
page made is recorded from Chrome's DevTools network events; any URL that is
not file:// (without a host), data:, blob: or about: fails the test, and such
requests are blocked as well so that none leaves the machine.

Screenshots and a summary land in test-output/docs-browser/. Without a
Chromium binary the test skips, except under CI (CI=true), where it fails:
`.ci/run` installs chromium and chromium-driver.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pp0093 import paths
from pp0093.dbt_runner import DbtSandbox

OUTPUT_DIR = paths.PROJECT_ROOT / "test-output" / "docs-browser"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER_CANDIDATES = ("chromedriver",)

OPENED_MART = "fct_beneficiaries_yearly"
REPORT_MODEL = "rpt_report_figures"

LOCAL_SCHEMES = {"file", "data", "blob", "about"}
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--window-size=1600,1000",
    # Belt and braces: any host name resolves to nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
PAGE_TIMEOUT_SECONDS = 60


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_executable(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


# The expected lineage, from the manifest.


def layer_of(node: dict) -> str:
    """source, seed, staging, intermediate, marts (or the model's folder)."""
    if node["resource_type"] in {"source", "seed"}:
        return node["resource_type"]
    fqn = node.get("fqn", [])
    return fqn[1] if len(fqn) > 2 else "models"


def lineage_nodes(manifest: dict) -> dict[str, dict]:
    nodes = {**manifest["nodes"], **manifest["sources"]}
    return {
        unique_id: node
        for unique_id, node in nodes.items()
        if node["resource_type"] in {"model", "source", "seed"}
    }


def model_id(manifest: dict, name: str) -> str | None:
    project = manifest["metadata"].get("project_name", "pp0093")
    unique_id = f"model.{project}.{name}"
    return unique_id if unique_id in manifest["nodes"] else None


def descendants(manifest: dict, start: str) -> dict[str, int]:
    """Models downstream of `start`, with the length of the longest path."""
    nodes = lineage_nodes(manifest)
    depth = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for child in manifest["child_map"].get(current, []):
            if child in nodes and depth.get(child, -1) < depth[current] + 1:
                depth[child] = depth[current] + 1
                queue.append(child)
    return depth


def opened_mart(manifest: dict) -> str:
    """The mart whose page the test opens: fct_beneficiaries_yearly if it
    exists, else the first mart by name."""
    preferred = model_id(manifest, OPENED_MART)
    if preferred:
        return preferred
    marts = sorted(
        unique_id
        for unique_id, node in lineage_nodes(manifest).items()
        if node["resource_type"] == "model" and layer_of(node) == "marts"
    )
    if not marts:
        pytest.fail("the docs site has no mart to open: no model under models/marts/")
    return marts[0]


def lineage_target(manifest: dict, mart: str) -> str:
    """rpt_report_figures once it exists; until then the mart furthest
    downstream of the opened one (the opened mart itself at worst)."""
    report = model_id(manifest, REPORT_MODEL)
    if report:
        return report
    nodes = lineage_nodes(manifest)
    downstream_marts = {
        unique_id: depth
        for unique_id, depth in descendants(manifest, mart).items()
        if layer_of(nodes[unique_id]) == "marts"
    }
    return max(sorted(downstream_marts), key=downstream_marts.__getitem__)


def chain_to(manifest: dict, target: str, through: str | None) -> list[str]:
    """A path source -> ... -> target in the DAG that passes through a staging
    model, an intermediate model and `through` (when given), or [] if none.
    Breadth-first search upwards over (node, layers seen so far) states."""
    nodes = lineage_nodes(manifest)
    needed = {"staging", "intermediate"} | ({through} if through else set())

    def marks(unique_id: str) -> frozenset[str]:
        layer = layer_of(nodes[unique_id])
        found = {layer} & {"staging", "intermediate"}
        return frozenset(found | ({unique_id} & {through}))

    start = (target, marks(target))
    previous: dict[tuple[str, frozenset[str]], tuple | None] = {start: None}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        unique_id, seen = state
        if nodes[unique_id]["resource_type"] == "source" and needed <= seen:
            path = []
            step: tuple | None = state
            while step is not None:
                path.append(step[0])
                step = previous[step]
            return path  # source first: the walk went upwards
        for parent in manifest["parent_map"].get(unique_id, []):
            if parent not in nodes:
                continue
            next_state = (parent, seen | marks(parent))
            if next_state not in previous:
                previous[next_state] = state
                queue.append(next_state)
    return []


# The site and the browser.


@pytest.fixture(scope="module")
def chromium() -> tuple[str, str]:
    binary = find_executable(CHROMIUM_CANDIDATES)
    driver = find_executable(CHROMEDRIVER_CANDIDATES)
    if binary and driver:
        return binary, driver
    message = (
        "no Chromium to run the docs browser test "
        f"(chromium: {binary or 'missing'}, chromedriver: {driver or 'missing'}); "
        "install Debian's `chromium` and `chromium-driver`"
    )
    if running_in_ci():
        pytest.fail(f"{message}. CI must not skip this test (.ci/run installs them)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def docs_site(dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/index.html built from the session build, as `make docs` lays it out."""
    static_index = dbt_build.generate_docs()
    site = tmp_path_factory.mktemp("site") / "docs"
    site.mkdir()
    shutil.copyfile(static_index, site / "index.html")
    return site / "index.html"


@pytest.fixture(scope="module")
def manifest(dbt_build: DbtSandbox, docs_site: Path) -> dict:
    return dbt_build.manifest()


@dataclass
class Visit:
    """What the browser saw; the tests below assert on it."""

    mart: str
    target: str
    graph_of: str
    expected_chain: list[str]
    overview_text: str = ""
    title: str = ""
    page_text: str = ""
    visible_nodes: list[str] = field(default_factory=list)
    nodes_off_screen: list[str] = field(default_factory=list)
    request_urls: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    screenshots: list[str] = field(default_factory=list)


def start_browser(binary: str, driver_path: str, profile_dir: Path):
    """Headless Chromium through the system chromedriver: the driver's path is
    given, so selenium-manager is not used (and SE_OFFLINE forbids it to
    download anything if it were)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=driver_path)
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(PAGE_TIMEOUT_SECONDS)
    # Refuse every network URL at the DevTools level too; the performance log
    # still records the attempt, which fails the test.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.setBlockedURLs",
        {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]},
    )
    return browser


def requested_urls(browser) -> list[str]:
    """URLs of every request and websocket the page opened (DevTools events)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


def leaves_the_machine(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return parsed.netloc not in {"", "localhost"}
    return parsed.scheme not in LOCAL_SCHEMES


def shot(browser, visit: Visit, name: str) -> None:
    path = OUTPUT_DIR / f"{len(visit.screenshots) + 1:02d}-{name}.png"
    browser.save_screenshot(str(path))
    visit.screenshots.append(str(path.relative_to(paths.PROJECT_ROOT)))


GRAPH_STATE_JS = """
const cy = window.graph;
if (!cy) { return null; }
const width = cy.width(), height = cy.height();
return cy.nodes().filter(n => n.visible()).map(n => {
    const box = n.renderedBoundingBox();
    const inside = box.x2 > 0 && box.y2 > 0 && box.x1 < width && box.y1 < height;
    return [n.id(), inside];
});
"""


def wait_until(condition, timeout: float = PAGE_TIMEOUT_SECONDS, poll: float = 0.2):
    """The first truthy value of `condition()`, or the last value on timeout."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(poll)
        value = condition()
    return value


def page_text(browser) -> str:
    """The page's visible text, whitespace collapsed."""
    return " ".join(browser.execute_script("return document.body.innerText").split())


def open_overview(browser, index: Path, phrase: str) -> str:
    """The site's home page (the `__overview__` doc block), once `phrase` of
    it shows; its text."""
    browser.get(f"{index.as_uri()}#!/overview")
    wait_until(lambda: phrase in page_text(browser))
    return page_text(browser)


def open_model_page(browser, index: Path, unique_id: str, name: str) -> bool:
    from selenium.webdriver.common.by import By

    browser.get(f"{index.as_uri()}#!/model/{unique_id}")

    def title_shows_name() -> bool:
        titles = browser.find_elements(By.CSS_SELECTOR, ".app-title h1 .break")
        return any(title.text.strip() == name for title in titles)

    return bool(wait_until(title_shows_name))


def graph_state(browser) -> list[list]:
    """[unique_id, is inside the viewport] of every node the graph shows."""
    return browser.execute_script(GRAPH_STATE_JS) or []


def wait_for_graph(browser, expected: set[str]) -> list[list]:
    """The graph's state once it shows every expected node (or on timeout)."""

    def shows_expected() -> list[list] | None:
        state = graph_state(browser)
        shown = {unique_id for unique_id, _ in state}
        return state if state and expected <= shown else None

    wait_until(shows_expected)
    time.sleep(1.0)  # let the layout animation settle before reading positions
    return graph_state(browser)


def open_lineage_graph(browser, unique_id: str) -> list[list]:
    """The launcher button: the model's graph in the sidebar, one hop each way."""
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, ".launcher-btn a").click()
    return wait_for_graph(browser, {unique_id})


def expand_lineage_graph(browser, chain: list[str]) -> list[list]:
    """The sidebar's expand button: the full lineage (`+model+`), full screen."""
    from selenium.webdriver.common.by import By

    browser.find_element(
        By.CSS_SELECTOR, '.launcher-actions a[ng-click="showExpanded()"]'
    ).click()
    return wait_for_graph(browser, set(chain))


@pytest.fixture(scope="module")
def visit(
    chromium: tuple[str, str],
    docs_site: Path,
    manifest: dict,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Visit]:
    mart = opened_mart(manifest)
    target = lineage_target(manifest, mart)
    graph_of = mart if target in descendants(manifest, mart) else target
    expected = chain_to(manifest, target, mart if graph_of == mart else None)
    result = Visit(mart=mart, target=target, graph_of=graph_of, expected_chain=expected)

    shutil.rmtree(OUTPUT_DIR, ignore_errors=True)
    OUTPUT_DIR.mkdir(parents=True)
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        browser = start_browser(*chromium, tmp_path_factory.mktemp("chromium-profile"))
    try:
        result.seconds["browser_start"] = time.monotonic() - started
        browser.get_log("performance")  # drop the start-up page's events
        result.overview_text = open_overview(
            browser, docs_site, overview_phrase(manifest)
        )
        result.seconds["overview"] = time.monotonic() - started
        shot(browser, result, "overview")
        name = manifest["nodes"][mart]["name"]
        if open_model_page(browser, docs_site, mart, name):
            result.title = name
        result.seconds["model_page"] = time.monotonic() - started
        result.page_text = page_text(browser)
        shot(browser, result, "model-page")
        if graph_of != mart:
            graph_name = manifest["nodes"][graph_of]["name"]
            open_model_page(browser, docs_site, graph_of, graph_name)
        open_lineage_graph(browser, graph_of)
        shot(browser, result, "lineage-sidebar")
        state = expand_lineage_graph(browser, expected)
        result.visible_nodes = sorted(unique_id for unique_id, _ in state)
        result.nodes_off_screen = sorted(
            unique_id for unique_id, inside in state if not inside
        )
        result.seconds["lineage_graph"] = time.monotonic() - started
        shot(browser, result, "lineage-graph")
        result.request_urls = requested_urls(browser)
    finally:
        browser.quit()
    result.seconds["total"] = time.monotonic() - started
    summary = {
        key: value
        for key, value in vars(result).items()
        if key not in {"page_text", "overview_text"}
    }
    summary["request_urls"] = sorted({url[:120] for url in result.request_urls})
    (OUTPUT_DIR / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    yield result


def overview_phrase(manifest: dict) -> str:
    """A phrase of the project's own `__overview__` doc block."""
    project = manifest["metadata"].get("project_name", "pp0093")
    overview = manifest["docs"].get(f"doc.{project}.__overview__")
    assert overview, "the project has no __overview__ doc block"
    return plain_phrase(overview["block_contents"])


def plain_phrase(markdown: str) -> str:
    """The first run of at least four plain words of a markdown text: what the
    rendered page must show verbatim, whatever the markup around it."""
    for segment in re.split(r"[`*_#>\[\]()|{}<:;,.!?\n]+", markdown):
        words = segment.split()
        if len(words) >= 4:
            return " ".join(words[:8])
    return " ".join(markdown.split()[:3])


@pytest.mark.e2e
@pytest.mark.slow
def test_the_overview_page_is_ours(visit: Visit, manifest: dict) -> None:
    assert overview_phrase(manifest) in visit.overview_text


@pytest.mark.e2e
@pytest.mark.slow
def test_the_mart_page_renders_with_its_description(
    visit: Visit, manifest: dict
) -> None:
    node = manifest["nodes"][visit.mart]
    assert visit.title == node["name"], "the model page did not open"
    phrase = plain_phrase(node["description"])
    assert phrase, f"{visit.mart} has no description to render"
    assert phrase in visit.page_text


@pytest.mark.e2e
@pytest.mark.slow
def test_the_lineage_graph_shows_the_chain_from_a_raw_source(visit: Visit) -> None:
    chain = visit.expected_chain
    assert chain, (
        f"the manifest has no path from a source through staging and "
        f"intermediate models to {visit.target}"
    )
    assert chain[0].startswith("source.")
    assert chain[-1] == visit.target
    missing = [unique_id for unique_id in chain if unique_id not in visit.visible_nodes]
    assert missing == [], f"graph of {visit.graph_of} does not show {missing}"
    off_screen = [
        unique_id for unique_id in chain if unique_id in visit.nodes_off_screen
    ]
    assert off_screen == []


@pytest.mark.e2e
@pytest.mark.slow
def test_the_lineage_reaches_the_report_once_it_exists(
    visit: Visit, manifest: dict
) -> None:
    if model_id(manifest, REPORT_MODEL):
        assert visit.target.endswith(f".{REPORT_MODEL}")


@pytest.mark.e2e
@pytest.mark.slow
def test_no_request_left_the_machine(visit: Visit) -> None:
    assert visit.request_urls, "no request was recorded at all: is logging on?"
    remote = [url for url in visit.request_urls if leaves_the_machine(url)]
    assert remote == []


@pytest.mark.e2e
@pytest.mark.slow
def test_screenshots_are_saved(visit: Visit) -> None:
    for screenshot in visit.screenshots:
        assert (paths.PROJECT_ROOT / screenshot).stat().st_size > 0


# The helpers, without a browser.


def test_only_local_urls_stay_on_the_machine() -> None:
    local = ["file:///tmp/docs/index.html", "data:image/png;base64,AA", "about:blank"]
    remote = [
        "https://fonts.googleapis.com/css",
        "http://127.0.0.1:8080/x",
        "//d1fc8wv8zag5ca.cloudfront.net/2.9.0/sp.js",
        "file://d1fc8wv8zag5ca.cloudfront.net/2.9.0/sp.js",
        "wss://example.org/socket",
    ]
    assert [url for url in local if leaves_the_machine(url)] == []
    assert [url for url in remote if leaves_the_machine(url)] == remote


def test_the_plain_phrase_skips_markup() -> None:
    text = "**One row** per firm and `program_year`: the firm's profile that year."
    assert plain_phrase(text) == "the firm's profile that year"


def node(resource_type: str, name: str, layer: str) -> dict:
    return {"resource_type": resource_type, "name": name, "fqn": ["p", layer, name]}


def test_the_chain_goes_through_staging_intermediate_and_the_mart() -> None:
    nodes = {
        "model.p.stg_a": node("model", "stg_a", "staging"),
        "model.p.int_a": node("model", "int_a", "intermediate"),
        "model.p.fct_a": node("model", "fct_a", "marts"),
        "model.p.rpt": node("model", "rpt", "marts"),
        "seed.p.lookup": node("seed", "lookup", "seeds"),
    }
    manifest = {
        "metadata": {"project_name": "p"},
        "nodes": nodes,
        "sources": {"source.p.raw.a": node("source", "a", "raw")},
        "parent_map": {
            "model.p.stg_a": ["source.p.raw.a"],
            "model.p.int_a": ["model.p.stg_a", "seed.p.lookup"],
            "model.p.fct_a": ["model.p.int_a"],
            # a shortcut that skips the mart: not the chain we want
            "model.p.rpt": ["model.p.fct_a", "model.p.stg_a"],
        },
        "child_map": {
            "source.p.raw.a": ["model.p.stg_a"],
            "model.p.stg_a": ["model.p.int_a", "model.p.rpt"],
            "model.p.int_a": ["model.p.fct_a"],
            "model.p.fct_a": ["model.p.rpt"],
        },
    }
    assert lineage_target(manifest, "model.p.fct_a") == "model.p.rpt"
    assert chain_to(manifest, "model.p.rpt", "model.p.fct_a") == [
        "source.p.raw.a",
        "model.p.stg_a",
        "model.p.int_a",
        "model.p.fct_a",
        "model.p.rpt",
    ]

"""The Superset dashboards work the way a user sees them.

The session build is published into a temporary dist/ (as `make build` does);
dashboards/serve.py sets up a Superset of its own (a temporary SUPERSET_HOME,
a generated secret key and admin password, a free port on 127.0.0.1), imports
the assets of dashboards/assets/ and serves them from .venv-superset (`make
superset-venv`, which `make test` depends on). Then:

- every chart's query runs through Superset's chart data API without error
  and returns rows; the headline number (firms served in the latest year) is
  the marts' own;
- each dashboard opens in headless Chromium (Debian's chromium and
  chromedriver): every chart renders, none shows an error panel, and no
  request leaves 127.0.0.1. Screenshots land in test-output/dashboards/.

Set-up and start-up times are printed and written to
test-output/dashboards/summary.json. Without .venv-superset or Chromium the
tests skip, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest
import requests
import yaml
from published import run_publish
from test_docs_browser import (
    CHROMEDRIVER_CANDIDATES,
    CHROMIUM_CANDIDATES,
    CHROMIUM_FLAGS,
    find_executable,
    running_in_ci,
)

from pp0093 import paths
from pp0093.dbt_runner import DbtSandbox

SUPERSET_PYTHON = paths.PROJECT_ROOT / ".venv-superset" / "bin" / "python"
SERVE = paths.PROJECT_ROOT / "dashboards" / "serve.py"
ASSETS = paths.PROJECT_ROOT / "dashboards" / "assets"
OUTPUT_DIR = paths.PROJECT_ROOT / "test-output" / "dashboards"
START_TIMEOUT_SECONDS = 600
RENDER_TIMEOUT_SECONDS = 120
HEADLINE_CHART = "headline_firms_served"
# Tall enough for a whole dashboard in one screenshot.
WINDOW_SIZE = (1600, 2000)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Chromium resolves no host name at all: only 127.0.0.1 answers.
BROWSER_FLAGS = (
    *(flag for flag in CHROMIUM_FLAGS if not flag.startswith("--host-resolver-rules")),
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def skip_or_fail(message: str) -> None:
    if running_in_ci():
        pytest.fail(f"{message}; CI must not skip the dashboard tests")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def assets(kind: str) -> dict[str, dict]:
    """The asset YAML files of one kind (charts, dashboards...), by uuid."""
    found = {}
    for path in sorted((ASSETS / kind).rglob("*.yaml")):
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[config["uuid"]] = {**config, "file": path.stem}
    return found


@dataclass
class Superset:
    url: str
    password: str
    log: Path
    seconds: dict[str, float] = field(default_factory=dict)


def wait_for_health(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Superset exited {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(f"{url}/health", timeout=5).text.strip() == "OK":
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    pytest.fail(
        f"Superset did not answer in {START_TIMEOUT_SECONDS} s:\n{log.read_text()}"
    )


@pytest.fixture(scope="module")
def published_db(
    dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    dist = tmp_path_factory.mktemp("dashboards-dist")
    completed = run_publish(dbt_build, dist)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return dist / "pp0093.duckdb"


@pytest.fixture(scope="module")
def superset(
    published_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Superset]:
    if not SUPERSET_PYTHON.is_file():
        skip_or_fail("no .venv-superset: run `make superset-venv`")
    home = tmp_path_factory.mktemp("superset-home")
    port = free_port()
    log = home / "serve.log"
    command = [
        str(SUPERSET_PYTHON),
        str(SERVE),
        "--home",
        str(home),
        "--database",
        str(published_db),
        "--port",
        str(port),
    ]
    started = time.monotonic()
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process, log)
        server = Superset(
            url=url,
            password=(home / "admin_password").read_text().strip(),
            log=log,
            seconds={"setup_and_start": round(time.monotonic() - started, 1)},
        )
        print(f"\nSuperset set up and started in {server.seconds['setup_and_start']} s")
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def api(superset: Superset) -> requests.Session:
    """An API session of the admin: JWT and CSRF token."""
    session = requests.Session()
    login = session.post(
        f"{superset.url}/api/v1/security/login",
        json={
            "username": "admin",
            "password": superset.password,
            "provider": "db",
            "refresh": False,
        },
        timeout=30,
    )
    login.raise_for_status()
    session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    csrf = session.get(f"{superset.url}/api/v1/security/csrf_token/", timeout=30)
    csrf.raise_for_status()
    session.headers["X-CSRFToken"] = csrf.json()["result"]
    session.headers["Referer"] = superset.url
    return session


def listing(api: requests.Session, superset: Superset, kind: str) -> list[dict]:
    response = api.get(
        f"{superset.url}/api/v1/{kind}/", params={"q": "(page_size:100)"}, timeout=30
    )
    response.raise_for_status()
    return response.json()["result"]


def chart_details(api: requests.Session, superset: Superset, chart_id: int) -> dict:
    response = api.get(f"{superset.url}/api/v1/chart/{chart_id}", timeout=30)
    response.raise_for_status()
    return response.json()["result"]


def chart_query(params: dict, datasource_id: int) -> dict:
    """The query context the chart's form data stands for (what Superset's
    front end builds): columns, metrics, order, limit, the custom SQL filters."""
    metrics = params.get("metrics") or (
        [params["metric"]] if params.get("metric") else []
    )
    if params.get("query_mode") == "raw":
        # Row-level: no metrics at all (None), so nothing is grouped.
        metrics = None
        columns = list(params["all_columns"])
        orderby = [json.loads(item) for item in params.get("order_by_cols", [])]
    else:
        axis = params.get("x_axis")
        columns = []
        if axis and params.get("time_grain_sqla"):
            columns.append(
                {
                    "columnType": "BASE_AXIS",
                    "expressionType": "SQL",
                    "label": axis,
                    "sqlExpression": axis,
                    "timeGrain": params["time_grain_sqla"],
                }
            )
        elif axis:
            columns.append(axis)
        columns += list(params.get("groupby", []))
        orderby = [[metrics[0], not params.get("order_desc", True)]] if columns else []
    where = " AND ".join(
        f"({item['sqlExpression']})"
        for item in params.get("adhoc_filters", [])
        if item.get("expressionType") == "SQL" and item.get("clause") == "WHERE"
    )
    return {
        "datasource": {"id": datasource_id, "type": "table"},
        "force": True,
        "queries": [
            {
                "columns": columns,
                "metrics": metrics,
                "orderby": orderby,
                "row_limit": params.get("row_limit", 1000),
                "filters": [],
                "extras": {"where": where, "having": ""},
            }
        ],
        "result_format": "json",
        "result_type": "full",
    }


@pytest.fixture(scope="module")
def chart_results(api: requests.Session, superset: Superset) -> dict[str, dict]:
    """Every imported chart's data, by chart uuid: HTTP status and body."""
    results = {}
    for chart in listing(api, superset, "chart"):
        details = chart_details(api, superset, chart["id"])
        params = json.loads(details["params"])
        datasource_id = int(params["datasource"].split("__")[0])
        response = api.post(
            f"{superset.url}/api/v1/chart/data",
            json=chart_query(params, datasource_id),
            timeout=120,
        )
        results[details["uuid"] if "uuid" in details else chart["uuid"]] = {
            "name": details["slice_name"],
            "status": response.status_code,
            "body": response.json(),
        }
    return results


@pytest.mark.e2e
@pytest.mark.slow
def test_every_asset_is_imported(api: requests.Session, superset: Superset) -> None:
    charts = {chart["slice_name"] for chart in listing(api, superset, "chart")}
    dashboards = {item["slug"] for item in listing(api, superset, "dashboard")}
    assert charts == {config["slice_name"] for config in assets("charts").values()}
    assert dashboards == {config["slug"] for config in assets("dashboards").values()}


@pytest.mark.e2e
@pytest.mark.slow
def test_every_chart_loads_through_the_api(chart_results: dict[str, dict]) -> None:
    assert set(chart_results) == set(assets("charts"))
    failures = {}
    for result in chart_results.values():
        queries = result["body"].get("result", [])
        errors = [query.get("error") for query in queries if query.get("error")]
        if result["status"] != 200 or errors or not queries:
            failures[result["name"]] = (result["status"], errors or result["body"])
        elif not any(query.get("rowcount", 0) > 0 for query in queries):
            failures[result["name"]] = "no rows"
    assert failures == {}


@pytest.mark.e2e
@pytest.mark.slow
def test_the_headline_number_is_the_marts(
    chart_results: dict[str, dict], published_db: Path
) -> None:
    headline_uuid = next(
        uuid
        for uuid, config in assets("charts").items()
        if config["file"] == HEADLINE_CHART
    )
    rows = chart_results[headline_uuid]["body"]["result"][0]["data"]
    shown = next(iter(rows[0].values()))
    with duckdb.connect(str(published_db), read_only=True) as connection:
        expected = connection.execute(
            "select count(distinct firm_id) from marts.fct_beneficiaries_yearly "
            "where program_year = (select max(program_year) "
            "from marts.fct_beneficiaries_yearly)"
        ).fetchall()[0][0]
    assert expected > 0
    assert shown == expected


# The dashboards in a real browser.


@dataclass
class DashboardView:
    slug: str
    title: str
    charts_expected: int
    charts_rendered: int = 0
    error_panels: list[str] = field(default_factory=list)
    screenshot: str = ""
    seconds: float = 0.0


# Per chart holder: rendered (a canvas, svg, table or big number) and the
# text of any error alert inside it.
CHART_STATE_JS = """
return Array.from(document.querySelectorAll('[data-test="chart-grid-component"]'))
  .map(holder => {
    const errors = Array.from(holder.querySelectorAll(
      '[data-test="error-alert"], .ant-alert-error, [role="alert"]'
    )).map(node => node.innerText.trim()).filter(Boolean);
    const loading = holder.querySelector('[data-test="loading-indicator"], .loading');
    const drawn = holder.querySelector(
      'canvas, svg, table, .superset-legacy-chart-big-number, .header-line'
    );
    return [Boolean(drawn) && !loading, errors];
  });
"""


@pytest.fixture(scope="module")
def chromium() -> tuple[str, str]:
    binary = find_executable(CHROMIUM_CANDIDATES)
    driver = find_executable(CHROMEDRIVER_CANDIDATES)
    if not (binary and driver):
        skip_or_fail(
            "no chromium and chromedriver (Debian's chromium, chromium-driver)"
        )
    return binary, driver


def start_browser(binary: str, driver_path: str, profile_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    browser = webdriver.Chrome(
        service=Service(executable_path=driver_path), options=options
    )
    browser.set_page_load_timeout(RENDER_TIMEOUT_SECONDS)
    return browser


def network_requests(browser) -> tuple[list[str], list[str]]:
    """URLs the page requested (DevTools events), split into those sent and
    those the browser refused before sending (content security policy)."""
    urls: dict[str, str] = {}
    refused: set[str] = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.webSocketCreated":
            urls[params["requestId"]] = params["url"]
        elif message["method"] == "Network.loadingFailed" and params.get(
            "blockedReason"
        ) in {"csp", "content-type"}:
            refused.add(params["requestId"])
    sent = [url for key, url in urls.items() if key not in refused]
    return sent, [urls[key] for key in refused if key in urls]


def leaves_the_machine(url: str) -> bool:
    parsed = urlparse(url)
    return (
        parsed.scheme in {"http", "https", "ws", "wss"}
        and parsed.hostname not in LOCAL_HOSTS
    )


LOGIN_ATTEMPTS = 3


def logged_in(browser, superset: Superset) -> bool:
    """Whether the browser's session is the admin's (GET /api/v1/me/)."""
    from selenium.webdriver.common.by import By

    browser.get(f"{superset.url}/api/v1/me/")
    text = browser.find_element(By.TAG_NAME, "body").text
    try:
        return json.loads(text)["result"]["username"] == "admin"
    except (ValueError, KeyError, TypeError):
        return False


def log_in(browser, superset: Superset) -> None:
    """Log in through the login form. The login page sends requests of its
    own while it loads; one answered after the form's can hand the browser a
    new anonymous session, so the session is checked, and the form sent
    again if it was lost."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, RENDER_TIMEOUT_SECONDS)
    for _ in range(LOGIN_ATTEMPTS):
        browser.get(f"{superset.url}/login/")
        username = wait.until(
            expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "#username"))
        )
        time.sleep(2)  # the page's own requests
        username.send_keys("admin")
        browser.find_element(By.CSS_SELECTOR, "#password").send_keys(superset.password)
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda page: "/login" not in page.current_url)
        time.sleep(2)
        if logged_in(browser, superset):
            return
    pytest.fail(f"could not log in to Superset in {LOGIN_ATTEMPTS} attempts")


def view_dashboard(browser, superset: Superset, config: dict) -> DashboardView:
    charts = [
        node
        for node in config["position"].values()
        if isinstance(node, dict) and node.get("type") == "CHART"
    ]
    view = DashboardView(
        slug=config["slug"],
        title=config["dashboard_title"],
        charts_expected=len(charts),
    )
    started = time.monotonic()
    browser.set_window_size(*WINDOW_SIZE)
    browser.get(f"{superset.url}/superset/dashboard/{config['slug']}/")
    deadline = started + RENDER_TIMEOUT_SECONDS
    state: list = []
    while time.monotonic() < deadline:
        state = browser.execute_script(CHART_STATE_JS) or []
        errors = [text for _, texts in state for text in texts]
        if errors or (len(state) == len(charts) and all(drawn for drawn, _ in state)):
            break
        time.sleep(0.5)
    time.sleep(1.5)  # let animations settle before the screenshot
    state = browser.execute_script(CHART_STATE_JS) or []
    view.charts_rendered = sum(1 for drawn, _ in state if drawn)
    view.error_panels = [text for _, texts in state for text in texts]
    if "/login" in browser.current_url:
        view.error_panels.append(f"sent to the login page: {browser.current_url}")
    view.seconds = round(time.monotonic() - started, 1)
    path = OUTPUT_DIR / f"{config['slug']}.png"
    browser.save_screenshot(str(path))
    view.screenshot = str(path.relative_to(paths.PROJECT_ROOT))
    return view


# What the browser saw: each dashboard, and the URLs it sent requests to.
Views = tuple[list[DashboardView], list[str]]


@pytest.fixture(scope="module")
def dashboard_views(
    chromium: tuple[str, str],
    superset: Superset,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Views]:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        browser = start_browser(*chromium, tmp_path_factory.mktemp("chromium-profile"))
    try:
        log_in(browser, superset)
        views = [
            view_dashboard(browser, superset, config)
            for config in assets("dashboards").values()
        ]
        sent, refused = network_requests(browser)
    finally:
        browser.quit()
    summary = {
        "superset_seconds": superset.seconds,
        "dashboards": [vars(view) for view in views],
        "hosts_requested": sorted({urlparse(url).netloc for url in sent}),
        "refused_by_content_security_policy": sorted(set(refused)),
    }
    (OUTPUT_DIR / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    yield views, sent


@pytest.mark.e2e
@pytest.mark.slow
def test_every_dashboard_renders_its_charts_without_errors(
    dashboard_views: Views,
) -> None:
    views, _ = dashboard_views
    assert {view.slug for view in views} == {
        config["slug"] for config in assets("dashboards").values()
    }
    for view in views:
        assert view.error_panels == [], f"{view.slug}: {view.error_panels}"
        assert view.charts_rendered == view.charts_expected, view
        assert (paths.PROJECT_ROOT / view.screenshot).stat().st_size > 0


@pytest.mark.e2e
@pytest.mark.slow
def test_no_dashboard_request_leaves_the_machine(dashboard_views: Views) -> None:
    _, urls = dashboard_views
    assert urls, "no request was recorded at all: is logging on?"
    assert [url for url in urls if leaves_the_machine(url)] == []


# Without Superset.


def test_only_requests_to_127_0_0_1_stay_on_the_machine() -> None:
    local = ["http://127.0.0.1:8088/api/v1/chart/data", "data:image/png;base64,AA"]
    remote = [
        "https://apachesuperset.gateway.scarf.sh/pixel/x",
        "http://10.0.0.1/",
        "wss://example.org/socket",
    ]
    assert [url for url in local + remote if leaves_the_machine(url)] == remote


def test_the_query_of_a_raw_table_keeps_columns_order_and_sql_filters() -> None:
    params = {
        "query_mode": "raw",
        "all_columns": ["program_year", "firms_served"],
        "order_by_cols": ['["program_year", true]'],
        "adhoc_filters": [
            {"clause": "WHERE", "expressionType": "SQL", "sqlExpression": "a = 1"},
            {"clause": "HAVING", "expressionType": "SQL", "sqlExpression": "b > 2"},
        ],
    }
    query = chart_query(params, 7)
    assert query["datasource"] == {"id": 7, "type": "table"}
    assert query["queries"][0]["columns"] == ["program_year", "firms_served"]
    assert query["queries"][0]["orderby"] == [["program_year", True]]
    assert query["queries"][0]["extras"]["where"] == "(a = 1)"


def test_every_chart_and_dashboard_asset_points_at_an_existing_asset() -> None:
    datasets = assets("datasets")
    charts = assets("charts")
    assert charts and datasets
    assert {config["dataset_uuid"] for config in charts.values()} <= set(datasets)
    databases = set(assets("databases"))
    assert {config["database_uuid"] for config in datasets.values()} <= databases
    for dashboard in assets("dashboards").values():
        placed = {
            node["meta"]["uuid"]
            for node in dashboard["position"].values()
            if isinstance(node, dict) and node.get("type") == "CHART"
        }
        assert placed and placed <= set(charts), dashboard["slug"]

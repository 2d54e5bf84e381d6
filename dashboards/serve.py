"""Set up a local Superset with the PP 0093 dashboards and serve it.

Runs with the Superset environment's Python (.venv-superset, `make
superset-venv`); `make dashboards` calls it. Steps, each timed:

1. SUPERSET_HOME (default .superset/): its secret key and the admin's
   password are generated on first use and kept there (mode 600);
2. `superset db upgrade`, the admin user, `superset init` (roles);
3. the assets under dashboards/assets/ (database, datasets, charts,
   dashboards: Superset's export format, as YAML) are zipped with the path of
   the published copy filled in, and imported (overwriting what was there);
4. unless --setup-only: print the URL and the login, and replace this process
   with `superset run` on 127.0.0.1.

The database connection opens the published copy (dist/pp0093.duckdb)
read-only, so a running Superset never blocks `make build`'s publish step.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
ASSETS_DIR = HERE / "assets"
CONFIG_PATH = HERE / "superset_config.py"
SUPERSET = Path(sys.executable).parent / "superset"
# The placeholder the database YAML carries instead of a machine's path.
DB_PLACEHOLDER = "{{ PP0093_PUBLISHED_DB }}"
BUNDLE_ROOT = "pp0093_dashboards"
ADMIN = "admin"
# What the last successful set-up in a SUPERSET_HOME was done with.
STAMP = "pp0093_setup.json"


class SetupError(RuntimeError):
    """A Superset command failed; the message has its output."""


def secret_file(home: Path, name: str, length: int) -> str:
    """The value kept in `home/name`, generated on first use."""
    path = home / name
    if not path.is_file():
        path.write_text(secrets.token_urlsafe(length) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SUPERSET_HOME": str(home),
            "SUPERSET_CONFIG_PATH": str(CONFIG_PATH),
            "SUPERSET_SECRET_KEY": secret_file(home, "secret_key", 48),
            "SUPERSET_LOAD_EXAMPLES": "no",
            "FLASK_APP": "superset.app:create_app()",
        }
    )
    return env


def superset(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(
        [str(SUPERSET), *args], env=env, capture_output=True, text=True, check=False
    )
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise SetupError(
            f"superset {' '.join(args)} exited {completed.returncode}:\n{output}"
        )
    return output


def bundle(assets: Path, database: Path, out: Path) -> int:
    """Zip the asset YAML files as Superset's import expects them, the
    published copy's absolute path in place of the placeholder; the number of
    files."""
    files = sorted(assets.rglob("*.yaml"))
    with zipfile.ZipFile(out, "w") as archive:
        for path in files:
            text = path.read_text(encoding="utf-8")
            text = text.replace(DB_PLACEHOLDER, str(database.resolve()))
            archive.writestr(f"{BUNDLE_ROOT}/{path.relative_to(assets)}", text)
    return len(files)


def timed(label: str, step, *args):
    started = time.monotonic()
    result = step(*args)
    print(f"superset: {label} ({time.monotonic() - started:.1f} s)", flush=True)
    return result


def create_admin(env: dict[str, str], password: str) -> None:
    """The admin user, with the home's password (reset if the user exists)."""
    output = superset(
        env,
        "fab",
        "create-admin",
        "--username",
        ADMIN,
        "--firstname",
        "Admin",
        "--lastname",
        "PP0093",
        "--email",
        "admin@localhost",
        "--password",
        password,
    )
    if "already exists" in output:
        superset(
            env, "fab", "reset-password", "--username", ADMIN, "--password", password
        )


def import_assets(env: dict[str, str], database: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / f"{BUNDLE_ROOT}.zip"
        count = bundle(ASSETS_DIR, database, archive)
        superset(env, "import-dashboards", "--path", str(archive), "--username", ADMIN)
    print(f"superset: {count} asset files from {ASSETS_DIR.relative_to(PROJECT_ROOT)}")


def setup_key(database: Path) -> dict[str, str]:
    """What a set-up depends on: Superset's pins, the configuration, the
    assets and the published copy's path. Equal keys: nothing to redo."""
    digest = hashlib.sha256()
    inputs = [PROJECT_ROOT / "constraints-superset.txt", CONFIG_PATH]
    for path in [*inputs, *sorted(ASSETS_DIR.rglob("*.yaml"))]:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return {"inputs_sha256": digest.hexdigest(), "database": str(database.resolve())}


def setup(home: Path, database: Path) -> tuple[dict[str, str], str]:
    """A ready Superset metadata database in `home`; its environment and the
    admin's password. A home set up from the same inputs is reused as it is."""
    if not database.is_file():
        raise SetupError(f"{database} does not exist: run `make build` first")
    home.mkdir(parents=True, exist_ok=True)
    env = environment(home)
    password = secret_file(home, "admin_password", 12)
    key = setup_key(database)
    stamp = home / STAMP
    metadata = home / "superset.db"
    if (
        metadata.is_file()
        and stamp.is_file()
        and json.loads(stamp.read_text(encoding="utf-8")) == key
    ):
        print(f"superset: {home} is set up with these assets already")
        return env, password
    stamp.unlink(missing_ok=True)
    timed("metadata database migrated", superset, env, "db", "upgrade")
    timed("admin user ready", create_admin, env, password)
    timed("roles and permissions (superset init)", superset, env, "init")
    timed("dashboards imported", import_assets, env, database)
    stamp.write_text(json.dumps(key, indent=2) + "\n", encoding="utf-8")
    return env, password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=PROJECT_ROOT / ".superset")
    parser.add_argument(
        "--database", type=Path, default=PROJECT_ROOT / "dist" / "pp0093.duckdb"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument(
        "--setup-only", action="store_true", help="prepare and import, do not serve"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        env, password = setup(args.home.resolve(), args.database)
    except SetupError as error:
        print(f"superset: {error}", file=sys.stderr)
        return 1
    print(f"superset: set up in {time.monotonic() - started:.1f} s", flush=True)
    if args.setup_only:
        return 0
    print(
        f"\nSuperset: http://{args.host}:{args.port}/dashboard/list/\n"
        f"login: {ADMIN} / {password}  (kept in {args.home / 'admin_password'})\n"
        "Ctrl-C stops it.\n",
        flush=True,
    )
    command = [
        str(SUPERSET),
        "run",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--with-threads",
    ]
    os.execve(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())

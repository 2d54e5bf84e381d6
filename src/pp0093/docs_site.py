"""`pp0093 docs`: the static docs site of the last build, and the DAG rules.

`dbt docs generate --static --no-compile` (the build has just compiled every
node and its manifest keeps the compiled SQL; compiling some 500 nodes again
took longer than the docs themselves), the one-file site copied to
dist/docs/index.html, then `pp0093 dag-rules --warn-only` on the same
manifest. `make docs` runs it alone; `pp0093 build` runs it as its last step,
in the process that ran `dbt build`.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from pp0093 import dag_rules, paths
from pp0093.dbt_runner import invoke_dbt
from pp0093.publish import default_target_dir

DOCS_ARGS = ("docs", "generate", "--static", "--no-compile")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dist-dir",
        type=Path,
        default=None,
        help="where docs/index.html goes (default: dist)",
    )


def run(args: argparse.Namespace) -> int:
    target_dir = default_target_dir()
    code = invoke_dbt(DOCS_ARGS)
    if code != 0:
        return code
    site = (args.dist_dir or paths.dist_dir()) / "docs" / "index.html"
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target_dir / "static_index.html", site)
    print(f"docs: {site}")
    return dag_rules.run(argparse.Namespace(target_path=target_dir, warn_only=True))

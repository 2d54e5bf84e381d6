"""The `pp0093` command line.

Subcommands are registered from a table of module paths. Each module exposes
`add_arguments(parser)` and `run(args) -> int`, and is imported only when its
subcommand is used, so a missing or broken module never breaks the others
(nor `pp0093 --help`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from pp0093 import __version__

# name -> (module path, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "build": (
        "pp0093.build",
        "check-raw, dbt build, publish, excel and docs in one process (make build)",
    ),
    "docs": (
        "pp0093.docs_site",
        "the static docs site (dist/docs/index.html) and the DAG rules",
    ),
    "generate": (
        "pp0093.generator.cli",
        "write the raw feeds (deterministic, calibrated demo data)",
    ),
    "check-raw": (
        "pp0093.preflight",
        "check every raw file against its feed contract (before dbt runs)",
    ),
    "publish": (
        "pp0093.publish",
        "copy the marts into the read-only database for BI tools",
    ),
    "report": (
        "pp0093.report.cli",
        "write the evaluation report of a programme year (HTML and PDF)",
    ),
    "excel": (
        "pp0093.excel_export",
        "write the indicator tables and report figures as Excel workbooks and CSV",
    ),
    "build-lock": (
        "pp0093.buildlock",
        "run a command that writes the warehouse while holding the build lock",
    ),
    "dag-rules": (
        "pp0093.dag_rules",
        "the dbt-project-evaluator rules (DAG, tests, docs, structure) on the manifest",
    ),
    "yearcheck": (
        "pp0093.yearcheck",
        "fail on a four-digit year literal in model, macro or test SQL",
    ),
}


def load_subcommand(module_path: str) -> ModuleType | None:
    """Import a subcommand's module, or None when it does not exist yet."""
    try:
        return importlib.import_module(module_path)
    except ModuleNotFoundError as error:
        # Only swallow the error when the subcommand's own module is missing;
        # a missing dependency inside it is a real bug and must surface.
        missing = error.name or ""
        if module_path == missing or module_path.startswith(missing + "."):
            return None
        raise


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser, with the arguments of the chosen subcommand only."""
    parser = argparse.ArgumentParser(
        prog="pp0093",
        description="Tools for the PP 0093 warehouse.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    for name, (module_path, help_text) in SUBCOMMANDS.items():
        subparser = subparsers.add_parser(name, help=help_text)
        subparser.set_defaults(module_path=module_path)
        if name == chosen:
            module = load_subcommand(module_path)
            if module is not None:
                module.add_arguments(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pp0093` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module = load_subcommand(args.module_path)
    if module is None:
        print(
            f"pp0093 {args.command}: not available yet "
            f"(module {args.module_path} is not installed)",
            file=sys.stderr,
        )
        return 2
    return int(module.run(args))


if __name__ == "__main__":
    sys.exit(main())

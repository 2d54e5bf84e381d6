"""Streaming file writer that counts rows and hashes bytes, and the manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pp0093.paths import MANIFEST_NAME


@dataclass
class WrittenFile:
    """What the manifest says of one file."""

    path: str
    rows: int
    bytes: int
    sha256: str
    dirt: dict[str, int] = field(default_factory=dict)


class DatasetWriter:
    """Writes the files of one data set under `root`, then its manifest.

    The feed folders it is given are emptied first, so that files of an earlier run
    (another year, another scale) never mix with this one's.
    """

    def __init__(self, root: Path, feed_folders: tuple[str, ...]) -> None:
        self.root = root
        self.files: list[WrittenFile] = []
        root.mkdir(parents=True, exist_ok=True)
        stale = root / MANIFEST_NAME
        if stale.exists():
            stale.unlink()  # an unfinished run must not look complete
        for folder in feed_folders:
            if (root / folder).is_dir():
                shutil.rmtree(root / folder)

    def write(
        self,
        relative: str,
        header: str,
        chunks: Iterable[list[str]],
        encoding: str = "utf-8",
        dirt: dict[str, int] | None = None,
    ) -> WrittenFile:
        """Write header + data lines (LF endings), streaming chunk by chunk."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        rows = 0
        size = 0
        with path.open("wb") as handle:
            for lines in _with_header(header, chunks):
                if not lines:
                    continue
                data = ("\n".join(lines) + "\n").encode(encoding)
                handle.write(data)
                digest.update(data)
                size += len(data)
                rows += len(lines)
        written = WrittenFile(relative, rows - 1, size, digest.hexdigest(), dirt or {})
        self.files.append(written)
        return written

    def write_manifest(self, arguments: dict[str, Any], extra: dict[str, Any]) -> Path:
        """The completeness marker: arguments, files, row counts and checksums."""
        manifest = {
            "generator": "pp0093 generate",
            "arguments": arguments,
            **extra,
            "files": [
                {
                    "path": f.path,
                    "rows": f.rows,
                    "bytes": f.bytes,
                    "sha256": f.sha256,
                    "dirt": f.dirt,
                }
                for f in sorted(self.files, key=lambda f: f.path)
            ],
        }
        path = self.root / MANIFEST_NAME
        path.write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return path


def _with_header(header: str, chunks: Iterable[list[str]]) -> Iterable[list[str]]:
    yield [header]
    yield from chunks

"""Named random streams: every purpose draws from its own generator.

A stream depends only on the seed, the stream's name and the year, never on the
order in which other streams were used, so adding a draw somewhere never changes
the data drawn elsewhere.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, name: str, year: int = 0) -> np.random.Generator:
    """The generator for one purpose (`name`) and programme year."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8")), year])

"""Deterministic, calibrated generator of the PP 0093 raw feeds (`pp0093 generate`).

See docs/feeds.md for the contracts the files follow and calibration.toml for the
figures the data is built to reproduce.
"""

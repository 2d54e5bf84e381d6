"""Superset's configuration for the PP 0093 dashboards (`make dashboards`).

A local, single-user Superset: its metadata in SQLite under SUPERSET_HOME,
no cache server, no Celery, nothing fetched from the internet. serve.py sets
the environment variables read here; the secret key is generated per
SUPERSET_HOME and never committed.
"""

import os
from pathlib import Path

SUPERSET_HOME = Path(os.environ["SUPERSET_HOME"])
SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = f"sqlite:///{SUPERSET_HOME / 'superset.db'}"

# What analysts see is Spanish.
BABEL_DEFAULT_LOCALE = "es"
LANGUAGES = {
    "es": {"flag": "es", "name": "Español"},
    "en": {"flag": "us", "name": "English"},
}

FEATURE_FLAGS = {
    # "Latest year" filters are written as `program_year = (select
    # max(program_year) from ...)`: the year comes from the data.
    "ALLOW_ADHOC_SUBQUERY": True,
}

# Local use on 127.0.0.1 only: no HTTPS headers, in-memory rate limits.
TALISMAN_ENABLED = False
RATELIMIT_STORAGE_URI = "memory://"
# Superset's default would be a sample database and a telemetry beacon.
SQLALCHEMY_EXAMPLES_URI = None
SCHEDULED_QUERIES = {}
STATS_LOGGER_ENABLED = False

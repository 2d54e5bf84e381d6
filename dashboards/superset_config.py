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

# In-memory rate limits: one local process.
RATELIMIT_STORAGE_URI = "memory://"
# Superset's default would be a sample database and a telemetry beacon.
SQLALCHEMY_EXAMPLES_URI = None
SCHEDULED_QUERIES = {}
STATS_LOGGER_ENABLED = False
# Nothing leaves the machine: Superset's front end is built with a telemetry
# pixel (apachesuperset.gateway.scarf.sh) in its menu, and its default
# content security policy allows it and map tiles. This one allows only the
# server itself, so the browser never sends those requests.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    # Served over plain HTTP on 127.0.0.1.
    "force_https": False,
    "session_cookie_secure": False,
}

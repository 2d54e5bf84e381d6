"""PP 0093 warehouse: the project's own Python code.

The dbt project lives at the repository root; this package holds what dbt does
not do itself: the raw-data generator, the publish step and the command line.
"""

__version__ = "0.1.0"

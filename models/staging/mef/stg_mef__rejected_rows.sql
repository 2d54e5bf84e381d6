{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows({'mef_gasto': 'base_mef__budget_execution'}) }}

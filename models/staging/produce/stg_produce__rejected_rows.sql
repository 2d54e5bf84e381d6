{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows(
    {'produce_direcciones': 'base_produce__directorate_services'}
) }}

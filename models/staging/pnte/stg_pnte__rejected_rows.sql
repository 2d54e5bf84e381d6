{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows({'pnte_tu_empresa': 'base_pnte__tu_empresa_services'}) }}

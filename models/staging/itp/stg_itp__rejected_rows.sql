{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows({'itp_cite': 'base_itp__cite_services'}) }}

{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows({'siaf_avance_fisico': 'base_siaf__physical_progress'}) }}

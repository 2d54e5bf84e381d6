{# Described in doc block stg_rejected_rows (_staging__docs.md). #}
{{ rejected_rows({
    'sunat_padron': 'base_sunat__padron',
    'sunat_perfil': 'base_sunat__firm_profiles',
}) }}

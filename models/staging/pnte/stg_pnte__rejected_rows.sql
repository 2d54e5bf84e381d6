{#
    Rejected rows of this source: every raw row that failed a validation
    rule in its base model (first failing rule, seed `rejection_rules`),
    with its file, row key and raw values. Exact duplicates are not here.
    Joining the rules seed for the description is a lookup, the one kind
    of join staging allows. Restricted: raw records carry RUCs and DNIs.
#}
{{ rejected_rows({'pnte_tu_empresa': 'base_pnte__tu_empresa_services'}) }}

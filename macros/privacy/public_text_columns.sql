{#
    Every text column taken from a raw file that reaches a public mart
    without being checked against a list of codes, by the base model that
    reads it: column -> the free_text_rules it goes through (none: all of
    them, for free text; codes only lose control characters and get a
    leading formula character quoted). The staging models apply them
    (macro public_text) and rpt_data_quality counts what they changed, both
    from this list: a new free-text column is added here. MEF's GENERICA
    name (fct_budget_execution_by_generica) is the name of a classifier
    code, so it goes through the code rules.
#}
{% macro public_text_columns() -%}
    {%- set code_rules = ['removed_control_character', 'quoted_formula_prefix'] -%}
    {{ return({
        'base_itp__cite_services': {
            'cite_name': none,
            'cite_code': code_rules,
        },
        'base_mef__budget_execution': {
            'generica_name': code_rules,
        },
        'base_pnte__tu_empresa_services': {
            'event_name': none,
        },
        'base_sunat__padron': {
            'taxpayer_status': code_rules,
            'domicile_condition': code_rules,
        },
    }) }}
{%- endmacro %}

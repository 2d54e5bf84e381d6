{#
    The rules of free_text_rules named in `rules`, in their order of
    application (all of them for none); an unknown name is an error.
#}
{% macro free_text_rules_named(rules=none) -%}
    {%- set all_rules = pp0093.free_text_rules() -%}
    {%- if rules is none -%}
        {{ return(all_rules) }}
    {%- endif -%}
    {%- set known = all_rules | map(attribute='rule') | list -%}
    {%- for name in rules if name not in known -%}
        {{ exceptions.raise_compiler_error(
            "unknown free-text rule '" ~ name ~ "'; known: " ~ known | join(', ')
        ) }}
    {%- endfor -%}
    {{ return(all_rules | selectattr('rule', 'in', rules) | list) }}
{%- endmacro %}

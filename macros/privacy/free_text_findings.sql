{#
    The rules of free_text_rules that change the value `expr`, as a list
    of rule names (empty when the text is clean): each rule is tested on
    the text as the rules before it left it, exactly as clean_free_text
    applies them (`rules`: the same subset as there). rpt_data_quality
    counts them.
#}
{% macro free_text_findings(expr, rules=none) -%}
    list_filter([
    {%- for rule in pp0093.free_text_rules_named(rules) %}
        case
            when regexp_matches(
                {{ pp0093.clean_free_text(expr, rules, upto=loop.index0) }},
                '{{ pp0093.free_text_rule_pattern(rule) }}'
            ) then '{{ rule.rule }}'
        end{{ ',' if not loop.last }}
    {%- endfor %}
    ], lambda rule_name: rule_name is not null)
{%- endmacro %}

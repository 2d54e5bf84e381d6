{#
    The regular expression that finds a rule of free_text_rules in a text:
    a bounded rule's pattern with a non-digit (or the text's edge) on each
    side, captured as groups 1 and 2 so a mask can put them back.
#}
{% macro free_text_rule_pattern(rule) -%}
    {%- if rule.bounded -%}
        {{ return('(^|[^0-9])' ~ rule.pattern ~ '([^0-9]|$)') }}
    {%- else -%}
        {{ return(rule.pattern) }}
    {%- endif -%}
{%- endmacro %}

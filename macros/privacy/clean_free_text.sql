{#
    A free-text value made safe to publish: the rules of free_text_rules
    applied in order (control characters removed, personal identifiers
    masked, a leading formula character quoted). Applied once, in the
    staging model where the text enters the warehouse, so every mart and
    every export (DuckDB, Parquet, CSV, Excel) inherits it. `rules` names
    the rules to apply (default: all; a code column takes only
    `removed_control_character` and `quoted_formula_prefix`); `upto` applies only the
    first n of them (free_text_findings uses it). Null stays null.
    Dispatched: the patterns are RE2 (DuckDB); another engine adds its own.
#}
{% macro clean_free_text(expr, rules=none, upto=none) -%}
    {{ return(adapter.dispatch('clean_free_text', 'pp0093')(
        expr, rules, upto
    )) }}
{%- endmacro %}

{% macro default__clean_free_text(expr, rules=none, upto=none) -%}
    {%- set chosen = pp0093.free_text_rules_named(rules) -%}
    {%- set cleaned = namespace(sql=expr) -%}
    {%- for rule in chosen[:(chosen | length if upto is none else upto)] -%}
        {%- set cleaned.sql = pp0093.free_text_rule_applied(rule, cleaned.sql) -%}
    {%- endfor -%}
    {{ cleaned.sql }}
{%- endmacro %}

{#
    True when a text value is, as a whole (after trimming), shaped like a
    personal identifier under Ley 29733: an 8-digit DNI or an 11-digit RUC
    beginning with 10 (which embeds its holder's DNI). Hashes and codes that
    merely contain digits do not match: the whole value must be the
    identifier.
#}
{% macro is_personal_identifier(expr) -%}
    {{ return(adapter.dispatch('is_personal_identifier', 'pp0093')(expr)) }}
{%- endmacro %}

{# DuckDB (the default). #}
{% macro default__is_personal_identifier(expr) -%}
    regexp_full_match(trim({{ expr }}), '[0-9]{8}|10[0-9]{9}')
{%- endmacro %}

{% macro postgres__is_personal_identifier(expr) -%}
    (trim({{ expr }}) ~ '^([0-9]{8}|10[0-9]{9})$')
{%- endmacro %}

{% macro trino__is_personal_identifier(expr) -%}
    regexp_like(trim({{ expr }}), '^([0-9]{8}|10[0-9]{9})$')
{%- endmacro %}

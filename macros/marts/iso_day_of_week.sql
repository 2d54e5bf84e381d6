{#
    ISO day of the week of a date: 1 = Monday ... 7 = Sunday.
#}
{% macro iso_day_of_week(expr) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'pp0093')(expr)) }}
{%- endmacro %}

{# DuckDB and PostgreSQL (the default). #}
{% macro default__iso_day_of_week(expr) -%}
    cast(extract(isodow from {{ expr }}) as integer)
{%- endmacro %}

{% macro trino__iso_day_of_week(expr) -%}
    day_of_week({{ expr }})
{%- endmacro %}

{% macro spark__iso_day_of_week(expr) -%}
    ((dayofweek({{ expr }}) + 5) % 7 + 1)
{%- endmacro %}

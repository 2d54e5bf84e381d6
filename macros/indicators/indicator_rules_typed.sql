{#
    The rows of seed indicator_rules with codes compared as text and marks
    as numbers, however the seed is typed (a select statement, to use as an
    import CTE's body).
#}
{% macro indicator_rules_typed() -%}
    select
        indicator_code,
        cast(activity_code as {{ dbt.type_string() }}) as activity_code,
        indicator_subject,
        unit_of_analysis,
        rule,
        cast(pass_mark_pct as {{ dbt.type_numeric() }}) as pass_mark_pct,
        population_filter
    from {{ ref('indicator_rules') }}
{%- endmacro %}

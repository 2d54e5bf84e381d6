{#
    1 January of a year given as an integer expression, portably (no
    make_date): the ISO text 'yyyy-01-01' cast to a date.
#}
{% macro first_day_of_year(year_expr) -%}
    cast(
        {{ dbt.concat([
            "cast(" ~ year_expr ~ " as " ~ dbt.type_string() ~ ")",
            "'-01-01'",
        ]) }} as date
    )
{%- endmacro %}

{#
    One branch of a report-metric unpivot (ind_report_metrics' long format):
    from `relation` (a CTE name), the rows of one metric with a value, each
    with its programme year, metric code, dimension value, value as the
    project's numeric type and the public mart it comes from.
#}
{% macro report_metric_rows(
    relation, metric, value, source_model, dimension="''", where=none
) -%}
    select
        program_year,
        {{ metric }} as metric,
        {{ dimension }} as dimension_value,
        cast({{ value }} as {{ dbt.type_numeric() }}) as computed_value,
        '{{ source_model }}' as source_model
    from {{ relation }}
    where
        ({{ value }}) is not null
        {% if where is not none %}and {{ where }}{% endif %}
{%- endmacro %}

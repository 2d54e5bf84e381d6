{#
    One branch of a report-metric unpivot (ind_report_metrics' long format):
    from `relation` (a CTE name), the rows of one metric with a value, each
    with its key, programme year, metric code, dimension value, value as
    the project's numeric type and the public mart it comes from. Rows
    whose metric expression gives no code are left out.
#}
{% macro report_metric_rows(
    relation, metric, value, source_model, dimension="''", where=none
) -%}
    select
        {{ composite_key(['program_year', metric, dimension]) }}
            as metric_value_id,
        program_year,
        {{ metric }} as metric,
        {{ dimension }} as dimension_value,
        cast({{ value }} as {{ dbt.type_numeric() }}) as computed_value,
        '{{ source_model }}' as source_model
    from {{ relation }}
    where
        ({{ value }}) is not null
        and ({{ metric }}) is not null
        {% if where is not none %}and {{ where }}{% endif %}
{%- endmacro %}

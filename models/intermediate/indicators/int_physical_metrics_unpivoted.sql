{#
    The report metrics of physical performance, in ind_report_metrics' long
    format (one row per programme year, metric and dimension value): each
    product's and activity's progress, target, achievement % and the
    change of product progress (int_physical_lines_rated, published in
    ind_products_activities), and each activity's progress per executing
    unit (ind_activity_progress_by_unit). Rows with no value are left out.
#}

{% set physical_levels = "line_level in ('producto', 'actividad')" %}

with

physical_lines as (

    select * from {{ ref('int_physical_lines_rated') }}

),

unit_progress as (

    select * from {{ ref('ind_activity_progress_by_unit') }}

),

final as (

    {% for value, product_metric, activity_metric in [
        ('progress', 'product_firms', 'activity_progress'),
        ('annual_target', 'product_target', 'activity_target'),
        (
            'achievement_pct',
            'product_achievement_pct',
            'activity_achievement_pct',
        ),
    ] %}
        {{ report_metric_rows(
            'physical_lines',
            "case line_level when 'producto' then '" ~ product_metric
                ~ "' when 'actividad' then '" ~ activity_metric ~ "' end",
            value,
            'ind_products_activities',
            dimension='budget_line_code',
            where=physical_levels,
        ) }}
        union all
    {% endfor %}
    {{ report_metric_rows(
        'physical_lines',
        "'product_firms_change_pct'",
        'progress_change_pct',
        'ind_products_activities',
        dimension='budget_line_code',
        where="line_level = 'producto'",
    ) }}
    union all
    {{ report_metric_rows(
        'unit_progress',
        "'activity_progress_by_unit'",
        'progress',
        'ind_activity_progress_by_unit',
        dimension=composite_key(
            ['activity_code', 'executing_unit_code'], '|'
        ),
    ) }}

)

select * from final

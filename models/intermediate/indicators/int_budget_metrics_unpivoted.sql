{#
    The report metrics of budget execution, in ind_report_metrics' long
    format (one row per programme year, metric and budget line): PIM,
    devengado (in soles and in millions) and execution % of every budget
    line (int_budget_lines_summed, published in ind_products_activities).
    Budget only: these figures depend on the MEF feed and the programme
    structure, not on the physical or population sources.
#}

with

budget_lines as (

    select * from {{ ref('int_budget_lines_summed') }}

),

final as (

    {% for metric, value in [
        ('pim_pen', 'pim'),
        ('devengado_pen', 'devengado'),
        ('execution_pct', 'execution_pct'),
        ('pim_pen_millions', 'pim / 1000000'),
        ('devengado_pen_millions', 'devengado / 1000000'),
    ] %}
        {{ report_metric_rows(
            'budget_lines',
            "'" ~ metric ~ "'",
            value,
            'ind_products_activities',
            dimension='budget_line_code',
        ) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final

{#
    Every metric of the report's vocabulary (seed figure_metrics) in long
    format: one row per programme year, metric and dimension value, with
    the value the warehouse computes and the indicator view it comes from.
    dimension_value follows the format of the metric's dimension_kind
    (seed figure_metrics docs, carried as dimension_kind: dim_code_labels
    labels the value with code_set = dimension_kind); it is empty ('') for
    programme-wide metrics. Values are unrounded; rpt_report_figures rounds
    them to the report's precision. Metrics that records cannot produce
    (GDP growth, indicator targets, CITE coverage) have no rows.
    Each area unpivots its own metrics (models int_*_metrics_unpivoted:
    beneficiaries, services, physical, budget, indicators), so a figure
    depends only on the sources of its area; this model unions them.
#}

with

unioned as (

    {{ union_models([
        'int_beneficiary_metrics_unpivoted',
        'int_service_metrics_unpivoted',
        'int_physical_metrics_unpivoted',
        'int_budget_metrics_unpivoted',
        'int_indicator_metrics_unpivoted',
    ]) }}

),

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

final as (

    select
        unioned.metric_value_id,
        unioned.program_year,
        unioned.metric,
        figure_metrics.dimension_kind,
        unioned.dimension_value,
        unioned.computed_value,
        unioned.source_model
    from unioned
    left join figure_metrics
        on unioned.metric = figure_metrics.metric

)

select * from final

{#
    The report's metric vocabulary (seed figure_metrics: unit, dimension
    kind, whether it is a change) with each metric's Spanish description
    (seed figure_metrics_es), for labelling the figures of
    rpt_report_figures.
#}

with

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

metrics_es as (

    select * from {{ ref('figure_metrics_es') }}

),

final as (

    select
        figure_metrics.metric,
        figure_metrics.dimension_kind,
        metrics_es.description_es
    from figure_metrics
    left join metrics_es
        on figure_metrics.metric = metrics_es.metric

)

select * from final

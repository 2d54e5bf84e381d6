{#
    Every metric of ind_report_metrics for a programme year beside the same
    metric and dimension value of the previous year, where both exist (the
    demo data's second year against its first): the difference (percentage
    points for shares) and the relative change in %. Metrics that are
    already changes (seed figure_metrics.is_change) are left out.
#}

with

metrics as (

    select * from {{ ref('ind_report_metrics') }}

),

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

level_metrics as (

    select
        metrics.*,
        figure_metrics.unit
    from metrics
    inner join figure_metrics
        on metrics.metric = figure_metrics.metric
    where not figure_metrics.is_change

),

paired as (

    select
        current_year.program_year,
        previous_year.program_year as previous_program_year,
        current_year.metric,
        current_year.dimension_kind,
        current_year.dimension_value,
        current_year.unit,
        current_year.computed_value as current_value,
        previous_year.computed_value as previous_value,
        current_year.source_model
    from level_metrics as current_year
    inner join level_metrics as previous_year
        on {{ previous_year_matches(
            'current_year', 'previous_year', ['metric', 'dimension_value']
        ) }}

),

final as (

    select
        {{ composite_key(['program_year', 'metric', 'dimension_value']) }}
            as year_over_year_id,
        program_year,
        previous_program_year,
        metric,
        dimension_kind,
        dimension_value,
        unit,
        current_value,
        previous_value,
        cast(
            current_value - previous_value as {{ dbt.type_numeric() }}
        ) as difference,
        case
            when unit in ('pct', 'pp')
                then
                    cast(
                        current_value - previous_value
                        as {{ dbt.type_numeric() }}
                    )
        end as change_pp,
        {{ safe_pct('current_value - previous_value', 'previous_value') }}
            as change_pct,
        source_model
    from paired

)

select * from final

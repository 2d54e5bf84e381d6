{#
    Every metric of the report's vocabulary (seed figure_metrics) in long
    format: one row per programme year, metric and dimension value, with
    the value the warehouse computes and the indicator view it comes from.
    dimension_value follows the format of the metric's dimension_kind
    (seed figure_metrics docs, carried as dimension_kind: dim_code_labels
    labels the value with code_set = dimension_kind); it is empty ('') for
    programme-wide metrics. Values are unrounded; rpt_report_figures rounds them to the
    report's precision. Metrics that records cannot produce (GDP growth,
    indicator targets, CITE coverage) have no rows.
#}

{% set numeric = dbt.type_numeric() %}

with

population as (

    select * from {{ ref('ind_population_served') }}

),

service_lines as (

    select * from {{ ref('ind_service_lines') }}

),

breakdowns as (

    select * from {{ ref('ind_service_line_breakdowns') }}

),

market_access_events as (

    select * from {{ ref('ind_market_access_events') }}

),

profile as (

    select * from {{ ref('ind_beneficiary_profile') }}

),

band_sectors as (

    select * from {{ ref('ind_sector_within_workers_band') }}

),

budget_lines as (

    select * from {{ ref('ind_products_activities') }}

),

unit_progress as (

    select * from {{ ref('ind_activity_progress_by_unit') }}

),

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

indicators as (

    select * from {{ ref('ind_performance_indicators') }}

),

population_metrics as (

    select
        program_year,
        'firms_served' as metric,
        '' as dimension_value,
        cast(firms_served as {{ numeric }}) as computed_value,
        'ind_population_served' as source_model
    from population
    union all
    select
        program_year,
        'firms_served_change_pct' as metric,
        '' as dimension_value,
        cast(firms_served_change_pct as {{ numeric }}) as computed_value,
        'ind_population_served' as source_model
    from population
    union all
    select
        program_year,
        'targeted_pct' as metric,
        '' as dimension_value,
        cast(targeted_pct as {{ numeric }}) as computed_value,
        'ind_population_served' as source_model
    from population
    union all
    select
        program_year,
        'targeted_change_pp' as metric,
        '' as dimension_value,
        cast(targeted_change_pp as {{ numeric }}) as computed_value,
        'ind_population_served' as source_model
    from population

),

service_line_metrics as (

    select
        program_year,
        case service_line
            when 'training' then 'trained_firms'
            when 'dissemination' then 'dissemination_firms'
            when 'tech_transfer' then 'tech_transfer_firms'
            when 'market_access' then 'market_access_firms'
        end as metric,
        '' as dimension_value,
        cast(firms as {{ numeric }}) as computed_value,
        'ind_service_lines' as source_model
    from service_lines

),

breakdown_metrics as (

    select
        program_year,
        case breakdown
            when 'executing_unit' then 'trained_by_unit_pct'
            when 'training_topic' then 'trained_topic_pct'
            when 'dissemination_type' then 'dissemination_type_pct'
            when 'tech_transfer_service' then 'tech_transfer_service_pct'
        end as metric,
        category_code as dimension_value,
        cast(share_of_line_pct as {{ numeric }}) as computed_value,
        'ind_service_line_breakdowns' as source_model
    from breakdowns
    where breakdown != 'market_access_line'
    union all
    select
        program_year,
        'market_access_line_firms' as metric,
        category_code as dimension_value,
        cast(firms as {{ numeric }}) as computed_value,
        'ind_service_line_breakdowns' as source_model
    from breakdowns
    where breakdown = 'market_access_line'

),

event_metrics as (

    select
        program_year,
        case promotion_channel
            when 'feria' then 'fair_firms'
            when 'rueda_negocios' then 'business_round_firms'
        end as metric,
        executing_unit_code as dimension_value,
        cast(firms as {{ numeric }}) as computed_value,
        'ind_market_access_events' as source_model
    from market_access_events

),

profile_metrics as (

    select
        program_year,
        case profile_dimension
            when 'size_class' then 'size_class_pct'
            when 'sales_band' then 'sales_band_pct'
            when 'report_sector' then 'sector_pct'
            when 'workers_band' then 'workers_band_pct'
            when 'department' then 'department_pct'
            when 'executing_unit' then 'executing_unit_pct'
        end as metric,
        category_code as dimension_value,
        cast(share_pct as {{ numeric }}) as computed_value,
        'ind_beneficiary_profile' as source_model
    from profile
    where share_pct is not null
    union all
    select
        program_year,
        'sector_within_workers_band_pct' as metric,
        {{ dbt.concat([
            "workers_band_code", "'|'", "report_sector_code",
        ]) }} as dimension_value,
        cast(share_of_band_pct as {{ numeric }}) as computed_value,
        'ind_sector_within_workers_band' as source_model
    from band_sectors

),

{# Physical metrics of products and activities, one union branch each. #}
physical_metrics as (

    select
        program_year,
        case line_level
            when 'producto' then 'product_firms'
            when 'actividad' then 'activity_progress'
        end as metric,
        budget_line_code as dimension_value,
        cast(progress as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where line_level in ('producto', 'actividad')
    union all
    select
        program_year,
        case line_level
            when 'producto' then 'product_target'
            when 'actividad' then 'activity_target'
        end as metric,
        budget_line_code as dimension_value,
        cast(annual_target as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where
        line_level in ('producto', 'actividad')
        and annual_target is not null
    union all
    select
        program_year,
        case line_level
            when 'producto' then 'product_achievement_pct'
            when 'actividad' then 'activity_achievement_pct'
        end as metric,
        budget_line_code as dimension_value,
        cast(achievement_pct as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where
        line_level in ('producto', 'actividad')
        and achievement_pct is not null
    union all
    select
        program_year,
        'product_firms_change_pct' as metric,
        budget_line_code as dimension_value,
        cast(progress_change_pct as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where line_level = 'producto' and progress_change_pct is not null
    union all
    select
        program_year,
        'activity_progress_by_unit' as metric,
        {{ dbt.concat([
            "activity_code", "'|'", "executing_unit_code",
        ]) }} as dimension_value,
        cast(progress as {{ numeric }}) as computed_value,
        'ind_activity_progress_by_unit' as source_model
    from unit_progress

),

{# Budget metrics of every budget line (activity, product, total). #}
budget_metrics as (

    select
        program_year,
        'pim_pen' as metric,
        budget_line_code as dimension_value,
        cast(pim as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where pim is not null
    union all
    select
        program_year,
        'devengado_pen' as metric,
        budget_line_code as dimension_value,
        cast(devengado as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where devengado is not null
    union all
    select
        program_year,
        'execution_pct' as metric,
        budget_line_code as dimension_value,
        cast(execution_pct as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where execution_pct is not null
    union all
    select
        program_year,
        'pim_pen_millions' as metric,
        budget_line_code as dimension_value,
        cast(pim / 1000000 as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where pim is not null
    union all
    select
        program_year,
        'devengado_pen_millions' as metric,
        budget_line_code as dimension_value,
        cast(devengado / 1000000 as {{ numeric }}) as computed_value,
        'ind_products_activities' as source_model
    from budget_lines
    where devengado is not null

),

indicator_metrics as (

    select
        program_year,
        'indicator_value' as metric,
        indicator_code as dimension_value,
        cast(value_pct as {{ numeric }}) as computed_value,
        'ind_performance_indicators' as source_model
    from indicators
    where value_pct is not null
    union all
    select
        program_year,
        'indicator_gap_pp' as metric,
        indicator_code as dimension_value,
        cast(gap_pp as {{ numeric }}) as computed_value,
        'ind_performance_indicators' as source_model
    from indicators
    where gap_pp is not null

),

unioned as (

    select * from population_metrics
    union all
    select * from service_line_metrics
    union all
    select * from breakdown_metrics
    union all
    select * from event_metrics
    union all
    select * from profile_metrics
    union all
    select * from physical_metrics
    union all
    select * from budget_metrics
    union all
    select * from indicator_metrics

),

final as (

    select
        {{ dbt.concat([
            "cast(unioned.program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "unioned.metric",
            "':'",
            "unioned.dimension_value",
        ]) }} as metric_value_id,
        unioned.program_year,
        unioned.metric,
        figure_metrics.dimension_kind,
        unioned.dimension_value,
        unioned.computed_value,
        unioned.source_model
    from unioned
    left join figure_metrics
        on unioned.metric = figure_metrics.metric
    where unioned.metric is not null and unioned.computed_value is not null

)

select * from final

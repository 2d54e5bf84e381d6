{#
    Every published figure agrees with its metric's definition in
    figure_metrics: same unit (a firms_or_actions metric takes firms or
    actions), same is_change flag, and a dimension_value that exists in the
    lookup its dimension_kind names ('none' means no dimension_value).
    Returns one row per figure that breaks a rule, with the reason.
#}

with figures as (

    select * from {{ ref('published_figures') }}

),

metrics as (

    select * from {{ ref('figure_metrics') }}

),

executing_units as (

    select executing_unit_code as code from {{ ref('executing_units') }}

),

activities as (

    select activity_code as code from {{ ref('program_activities') }}

),

report_sectors as (

    select report_sector_code as code from {{ ref('report_sectors') }}

),

worker_bands as (

    select workers_band_code as code from {{ ref('worker_bands') }}

),

valid_dimensions as (

    select
        'executing_unit' as dimension_kind,
        code as dimension_value
    from executing_units
    union all
    select
        'service_category' as dimension_kind,
        category_code as dimension_value
    from {{ ref('service_categories') }}
    union all
    select
        'size_class' as dimension_kind,
        size_class_code as dimension_value
    from {{ ref('firm_size_classes') }}
    union all
    select
        'sales_band' as dimension_kind,
        sales_band_code as dimension_value
    from {{ ref('sales_bands') }}
    union all
    select
        'report_sector' as dimension_kind,
        code as dimension_value
    from report_sectors
    union all
    select
        'workers_band' as dimension_kind,
        code as dimension_value
    from worker_bands
    union all
    select
        'workers_band|report_sector' as dimension_kind,
        worker_bands.code || '|' || report_sectors.code as dimension_value
    from worker_bands
    cross join report_sectors
    union all
    select
        'department' as dimension_kind,
        department_code as dimension_value
    from {{ ref('departments') }}
    union all
    select
        'product' as dimension_kind,
        product_code as dimension_value
    from {{ ref('program_products') }}
    union all
    select
        'activity' as dimension_kind,
        code as dimension_value
    from activities
    union all
    select
        'activity|executing_unit' as dimension_kind,
        activities.code || '|' || executing_units.code as dimension_value
    from activities
    cross join executing_units
    union all
    select
        'budget_line' as dimension_kind,
        product_code as dimension_value
    from {{ ref('program_products') }}
    union all
    select
        'budget_line' as dimension_kind,
        code as dimension_value
    from activities
    union all
    select
        'budget_line' as dimension_kind,
        'total' as dimension_value
    union all
    select
        'indicator' as dimension_kind,
        indicator_code as dimension_value
    from {{ ref('performance_indicators') }}
    union all
    select
        'economic_sector' as dimension_kind,
        sector_code as dimension_value
    from {{ ref('economic_context') }}

),

checked as (

    select
        figures.figure_id,
        figures.metric,
        figures.dimension_value,
        case
            when metrics.metric is null
                then 'unknown metric'
            when
                figures.unit <> metrics.unit
                and not (
                    metrics.unit = 'firms_or_actions'
                    and figures.unit in ('firms', 'actions')
                )
                then 'unit differs from the metric unit'
            when figures.is_change <> metrics.is_change
                then 'is_change differs from the metric'
            when
                metrics.dimension_kind = 'none'
                and figures.dimension_value is not null
                then 'dimension_value given for a metric without dimension'
            when
                metrics.dimension_kind <> 'none'
                and valid_dimensions.dimension_value is null
                then 'dimension_value not found in its lookup'
        end as failure_reason
    from figures
    left join metrics
        on figures.metric = metrics.metric
    left join valid_dimensions
        on
            metrics.dimension_kind = valid_dimensions.dimension_kind
            and figures.dimension_value = valid_dimensions.dimension_value

)

select *
from checked
where failure_reason is not null

{#
    One row per programme year with service records and per programme line
    (every activity of seed program_activities, every product of seed
    program_products): the physical progress counted from the records, zero
    where the line has none that year. An activity counts the distinct
    firms its records served (actions excluded) and the distinct actions
    recorded; a product counts the distinct firms across its activities
    that count toward it (program_activities.counts_toward_product).
    fct_physical_targets sets these beside the SIAF targets.
#}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

products as (

    select * from {{ ref('program_products') }}

),

program_years as (

    select distinct program_year from service_records

),

activity_counts as (

    select
        program_year,
        activity_code,
        count(distinct case when not is_action then firm_key end)
            as firms_count,
        count(distinct case when is_action then service_record_id end)
            as actions_count
    from service_records
    group by program_year, activity_code

),

product_counts as (

    select
        service_records.program_year,
        activities.product_code,
        count(distinct service_records.firm_key) as firms_count
    from service_records
    inner join activities
        on service_records.activity_code = activities.activity_code
    where
        activities.counts_toward_product
        and not service_records.is_action
    group by service_records.program_year, activities.product_code

),

activity_lines as (

    select
        'actividad' as line_level,
        program_years.program_year,
        activities.activity_code as line_code,
        coalesce(activity_counts.firms_count, 0) as firms_count,
        coalesce(activity_counts.actions_count, 0) as actions_count
    from program_years
    cross join activities
    left join activity_counts
        on
            program_years.program_year = activity_counts.program_year
            and activities.activity_code = activity_counts.activity_code

),

{# A product's progress is counted in firms only. #}
product_lines as (

    select
        'producto' as line_level,
        program_years.program_year,
        products.product_code as line_code,
        coalesce(product_counts.firms_count, 0) as firms_count,
        cast(null as bigint) as actions_count
    from program_years
    cross join products
    left join product_counts
        on
            program_years.program_year = product_counts.program_year
            and products.product_code = product_counts.product_code

),

lines as (

    select * from activity_lines
    union all
    select * from product_lines

),

final as (

    select
        {{ composite_key(['program_year', 'line_level', 'line_code']) }}
            as target_line_year_id,
        program_year,
        line_level,
        line_code,
        firms_count,
        actions_count
    from lines

)

select * from final

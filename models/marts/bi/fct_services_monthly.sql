{#
    For BI tools: the services delivered and their participants per calendar
    month, source system, executing unit, product and department of the
    service record (dim_dates' calendar of the delivery date). A
    pre-aggregated companion of fct_service_deliveries for monthly series
    (analyses/05), which at 100 times the programme's size grouped 11 million
    deliveries each time a dashboard was opened.
#}
with

deliveries as (

    select
        program_year,
        delivered_date,
        source_system,
        executing_unit_code,
        product_code,
        department_code,
        participants_count
    from {{ ref('fct_service_deliveries') }}

),

dates as (

    select
        date_day,
        calendar_year,
        calendar_month
    from {{ ref('dim_dates') }}

),

monthly as (

    select
        deliveries.program_year,
        dates.calendar_year,
        dates.calendar_month,
        deliveries.source_system,
        deliveries.executing_unit_code,
        deliveries.product_code,
        deliveries.department_code,
        count(*) as services_count,
        sum(deliveries.participants_count) as participants_count
    from deliveries
    inner join dates
        on deliveries.delivered_date = dates.date_day
    group by
        deliveries.program_year,
        dates.calendar_year,
        dates.calendar_month,
        deliveries.source_system,
        deliveries.executing_unit_code,
        deliveries.product_code,
        deliveries.department_code

)

select
    program_year,
    calendar_year,
    calendar_month,
    source_system,
    executing_unit_code,
    product_code,
    department_code,
    services_count,
    cast(participants_count as bigint) as participants_count
from monthly

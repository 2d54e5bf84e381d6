{#
    One row per calendar day of every year that has data: programme years of
    the service records, and fiscal years of the budget and physical-target
    feeds.
#}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

budget_rows as (

    select * from {{ ref('stg_mef__budget_execution') }}

),

target_rows as (

    select * from {{ ref('stg_siaf__physical_progress') }}

),

data_years as (

    select program_year as calendar_year from service_records
    union
    select fiscal_year as calendar_year from budget_rows
    union
    select fiscal_year as calendar_year from target_rows

),

day_numbers as (

    {{ dbt.generate_series(366) }}

),

days as (

    select
        cast(
            {{ dbt.dateadd(
                'day',
                'day_numbers.generated_number - 1',
                first_day_of_year('data_years.calendar_year'),
            ) }} as date
        ) as date_day,
        data_years.calendar_year
    from data_years
    cross join day_numbers
    where data_years.calendar_year is not null

),

final as (

    select
        date_day,
        cast(extract(year from date_day) as integer) as calendar_year,
        cast(extract(quarter from date_day) as integer) as calendar_quarter,
        cast(extract(month from date_day) as integer) as calendar_month,
        case cast(extract(month from date_day) as integer)
            when 1 then 'enero'
            when 2 then 'febrero'
            when 3 then 'marzo'
            when 4 then 'abril'
            when 5 then 'mayo'
            when 6 then 'junio'
            when 7 then 'julio'
            when 8 then 'agosto'
            when 9 then 'septiembre'
            when 10 then 'octubre'
            when 11 then 'noviembre'
            when 12 then 'diciembre'
        end as month_name_es,
        cast(
            {{ dbt.date_trunc('month', 'date_day') }} as date
        ) as first_day_of_month,
        cast(extract(day from date_day) as integer) as day_of_month,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ iso_day_of_week('date_day') }} in (6, 7) as is_weekend
    from days
    where cast(extract(year from date_day) as integer) = calendar_year

)

select * from final

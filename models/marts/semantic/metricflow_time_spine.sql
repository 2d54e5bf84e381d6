{#
    MetricFlow's time spine: one row per day of every year with data (the
    days of dim_dates). MetricFlow joins it for metrics that compare a year
    with the previous one (offset windows). Internal to the semantic layer:
    tagged restricted, so `pp0093 publish` leaves it out of the BI copy
    (dim_dates is the published calendar).
#}

with

dates as (

    select * from {{ ref('dim_dates') }}

),

final as (

    select date_day
    from dates

)

select * from final

{#
    One row per programme year and executing unit: the distinct firms the
    unit served that year (fct_service_deliveries, rows with a firm). A
    firm served by several units counts in each. One distinct count per
    year and unit over the deliveries, the only profile dimension that is
    not a column of the firm-year facts.
#}

with

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

final as (

    select
        {{ composite_key(['program_year', 'executing_unit_code']) }}
            as executing_unit_year_id,
        program_year,
        executing_unit_code,
        count(distinct firm_id) as firms
    from deliveries
    where firm_id is not null
    group by program_year, executing_unit_code

)

select * from final

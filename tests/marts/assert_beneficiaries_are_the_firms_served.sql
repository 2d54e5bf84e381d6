{#
    fct_beneficiaries_yearly holds exactly the firms that fct_service_deliveries
    shows served in each programme year: no firm-year lost or invented
    between the two marts. Returns the years where the counts differ.
#}

with

beneficiaries as (

    select
        program_year,
        count(*) as firms_count
    from {{ ref('fct_beneficiaries_yearly') }}
    group by program_year

),

served as (

    select
        program_year,
        count(distinct firm_id) as firms_count
    from {{ ref('fct_service_deliveries') }}
    where not is_action
    group by program_year

)

select
    beneficiaries.firms_count as beneficiaries_count,
    served.firms_count as served_count,
    coalesce(beneficiaries.program_year, served.program_year)
        as program_year
from beneficiaries
full outer join served
    on beneficiaries.program_year = served.program_year
where
    beneficiaries.firms_count is null
    or served.firms_count is null
    or beneficiaries.firms_count <> served.firms_count

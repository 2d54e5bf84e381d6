{#
    For BI tools: per programme year and executing unit, the firms it served
    and how many of them belong to the target population
    (analyses/02). Counted once here from fct_firm_services_yearly, so a
    dashboard reads a few rows instead of counting distinct firms among
    millions at 100 times the programme's size. Actions (no firm) are left
    out.
#}
with

firm_services as (

    select
        program_year,
        executing_unit_code,
        firm_number,
        is_targeted
    from {{ ref('fct_firm_services_yearly') }}
    where is_targeted is not null

)

select
    program_year,
    executing_unit_code,
    count(distinct firm_number) as firms_count,
    count(distinct case when is_targeted then firm_number end)
        as targeted_firms_count
from firm_services
group by program_year, executing_unit_code

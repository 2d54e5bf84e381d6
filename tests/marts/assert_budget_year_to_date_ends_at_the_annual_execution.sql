{#
    The last month's year-to-date execution_pct of each activity equals the
    year's devengado over the year's PIM (the annual execution rate the
    report gives), to 4 decimals.
#}

with

budget as (

    select * from {{ ref('fct_budget_execution') }}

),

annual as (

    select
        program_year,
        activity_code,
        max(month) as last_month,
        sum(devengado) * 100 / sum(pim) as annual_execution_pct
    from budget
    group by program_year, activity_code
    having sum(pim) > 0

)

select
    annual.program_year,
    annual.activity_code,
    annual.annual_execution_pct,
    budget.execution_pct
from annual
inner join budget
    on
        annual.program_year = budget.program_year
        and annual.activity_code = budget.activity_code
        and annual.last_month = budget.month
where abs(annual.annual_execution_pct - budget.execution_pct) > 0.0001

{#
    One row per activity, fiscal year and month of MEF's budget execution:
    int_budget_months_summed summed over MEF executing units and GENERICA.
    Amounts are MEF's own: PIA on January rows, PIM as the month's
    modifications (the annual PIM of an activity is the sum of its rows),
    certificado, comprometido, devengado and girado as the month's flows.
    execution_pct is year to date: devengado / PIM accumulated to the
    month, x 100, where that PIM > 0; the December row gives the year's
    execution.
#}

with

budget_months as (

    select * from {{ ref('int_budget_months_summed') }}

),

monthly as (

    select
        {{ composite_key([
            budget_month_key('fiscal_year', 'month'), 'activity_code',
        ]) }} as budget_execution_id,
        fiscal_year as program_year,
        month,
        period_date,
        product_code,
        activity_code,
        mef_product_code,
        mef_activity_code,
        count(distinct executing_unit_mef_key) as mef_executing_units_count,
        {{ budget_amount_sums() }}
    from budget_months
    group by all

),

year_to_date as (

    select
        *,
        sum(pim) over (
            partition by program_year, activity_code
            order by month
            rows between unbounded preceding and current row
        ) as pim_ytd,
        sum(devengado) over (
            partition by program_year, activity_code
            order by month
            rows between unbounded preceding and current row
        ) as devengado_ytd
    from monthly

),

final as (

    select
        *,
        {{ safe_pct('devengado_ytd', 'pim_ytd') }} as execution_pct
    from year_to_date

)

select * from final

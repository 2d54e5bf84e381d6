{#
    One row per activity, fiscal year and month of MEF's budget execution
    (amounts summed over MEF executing units). Amounts are MEF's own: PIA on
    January rows, PIM as the month's modifications (the annual PIM of an
    activity is the sum of its rows), certificado, comprometido, devengado
    and girado as the month's flows. execution_pct is year to date:
    devengado / PIM accumulated to the month, x 100, where that PIM > 0; the
    December row gives the year's execution.
#}

with

budget_rows as (

    select * from {{ ref('stg_mef__budget_execution') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

monthly as (

    select
        fiscal_year,
        month,
        mef_product_code,
        mef_activity_code,
        count(
            distinct {{ composite_key(
                ['pliego_code', 'executing_unit_mef_code'], '-'
            ) }}
        ) as mef_executing_units_count,
        {{ budget_amount_sums() }}
    from budget_rows
    group by fiscal_year, month, mef_product_code, mef_activity_code

),

mapped as (

    select
        monthly.*,
        activities.activity_code,
        activities.product_code
    from monthly
    inner join activities
        on
            monthly.mef_activity_code = activities.mef_activity_code
            and monthly.mef_product_code = activities.mef_product_code

),

year_to_date as (

    select
        *,
        sum(pim) over (
            partition by fiscal_year, activity_code
            order by month
            rows between unbounded preceding and current row
        ) as pim_ytd,
        sum(devengado) over (
            partition by fiscal_year, activity_code
            order by month
            rows between unbounded preceding and current row
        ) as devengado_ytd
    from mapped

),

final as (

    select
        {{ composite_key([
            budget_month_key('fiscal_year', 'month'), 'activity_code',
        ]) }} as budget_execution_id,
        fiscal_year as program_year,
        month,
        cast(
            {{ dbt.dateadd(
                'month', 'month - 1', first_day_of_year('fiscal_year')
            ) }} as date
        ) as period_date,
        product_code,
        activity_code,
        mef_product_code,
        mef_activity_code,
        mef_executing_units_count,
        pia,
        pim,
        certificado,
        comprometido,
        devengado,
        girado,
        pim_ytd,
        devengado_ytd,
        {{ safe_pct('devengado_ytd', 'pim_ytd') }} as execution_pct
    from year_to_date

)

select * from final

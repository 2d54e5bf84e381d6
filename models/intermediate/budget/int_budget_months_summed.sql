{#
    MEF's budget execution mapped to the programme's activities and summed
    once, for both budget marts: one row per fiscal year, month, activity,
    MEF executing unit and GENERICA. fct_budget_execution sums it over
    GENERICA (and counts the units); fct_budget_execution_by_generica sums
    it over the units. The GENERICA name is the latest one the code has in
    the whole file, taken before the activity filter.
#}

with

budget_rows as (

    select * from {{ ref('stg_mef__budget_execution') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

named as (

    select
        *,
        {{ composite_key(
            ['pliego_code', 'executing_unit_mef_code'], '-'
        ) }} as executing_unit_mef_key,
        {{ composite_key(
            ['transaction_type_code', 'generica_code'], '.'
        ) }} as generica_classifier,
        max(generica_name) over (
            partition by transaction_type_code, generica_code
        ) as latest_generica_name
    from budget_rows

),

final as (

    select
        {{ composite_key([
            budget_month_key('named.fiscal_year', 'named.month'),
            'activities.activity_code',
            'named.executing_unit_mef_key',
            'named.generica_classifier',
        ]) }} as budget_month_id,
        named.fiscal_year,
        named.month,
        cast(
            {{ dbt.dateadd(
                'month', 'named.month - 1',
                first_day_of_year('named.fiscal_year')
            ) }} as date
        ) as period_date,
        activities.product_code,
        activities.activity_code,
        named.mef_product_code,
        named.mef_activity_code,
        named.executing_unit_mef_key,
        named.generica_classifier,
        named.generica_code,
        named.latest_generica_name as generica_name,
        {{ budget_amount_sums() }}
    from named
    inner join activities
        on
            named.mef_activity_code = activities.mef_activity_code
            and named.mef_product_code = activities.mef_product_code
    group by all

)

select * from final

{#
    One row per activity, fiscal year, month and generic spending item
    (GENERICA of MEF's expense classifier, e.g. 2.3 bienes y servicios) of
    MEF's budget execution: int_budget_months_summed summed over executing
    units (metas, funding sources and the classifier's finer levels are
    summed there). Sums over GENERICA give fct_budget_execution's amounts
    (tested).
#}

with

budget_months as (

    select * from {{ ref('int_budget_months_summed') }}

),

final as (

    select
        {{ composite_key([
            budget_month_key('fiscal_year', 'month'),
            'activity_code',
            'generica_classifier',
        ]) }} as budget_generica_id,
        fiscal_year as program_year,
        month,
        period_date,
        product_code,
        activity_code,
        mef_product_code,
        mef_activity_code,
        generica_classifier,
        generica_code,
        generica_name,
        {{ budget_amount_sums() }}
    from budget_months
    group by all

)

select * from final

{#
    One row per activity, fiscal year, month and generic spending item
    (GENERICA of MEF's expense classifier, e.g. 2.3 bienes y servicios) of
    MEF's budget execution, summed over executing units, metas, funding
    sources and the classifier's finer levels: what the programme spends
    on, by product and activity. Sums over GENERICA give
    fct_budget_execution's amounts (tested). The GENERICA name is MEF's
    (the latest name a code has in the file).
#}

with

budget_rows as (

    select * from {{ ref('stg_mef__budget_execution') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

generica_names as (

    select
        transaction_type_code,
        generica_code,
        max(generica_name) as generica_name
    from budget_rows
    group by transaction_type_code, generica_code

),

monthly as (

    select
        fiscal_year,
        month,
        mef_product_code,
        mef_activity_code,
        transaction_type_code,
        generica_code,
        {{ budget_amount_sums() }}
    from budget_rows
    group by
        fiscal_year,
        month,
        mef_product_code,
        mef_activity_code,
        transaction_type_code,
        generica_code

),

final as (

    select
        {{ composite_key([
            budget_month_key('monthly.fiscal_year', 'monthly.month'),
            'activities.activity_code',
            composite_key(
                ['monthly.transaction_type_code', 'monthly.generica_code'], '.'
            ),
        ]) }} as budget_generica_id,
        monthly.fiscal_year as program_year,
        monthly.month,
        cast(
            {{ dbt.dateadd(
                'month', 'monthly.month - 1',
                first_day_of_year('monthly.fiscal_year')
            ) }} as date
        ) as period_date,
        activities.product_code,
        activities.activity_code,
        monthly.mef_product_code,
        monthly.mef_activity_code,
        {{ composite_key(
            ['monthly.transaction_type_code', 'monthly.generica_code'], '.'
        ) }} as generica_classifier,
        monthly.generica_code,
        generica_names.generica_name,
        monthly.pia,
        monthly.pim,
        monthly.certificado,
        monthly.comprometido,
        monthly.devengado,
        monthly.girado
    from monthly
    inner join activities
        on
            monthly.mef_activity_code = activities.mef_activity_code
            and monthly.mef_product_code = activities.mef_product_code
    inner join generica_names
        on
            monthly.transaction_type_code
            = generica_names.transaction_type_code
            and monthly.generica_code = generica_names.generica_code

)

select * from final

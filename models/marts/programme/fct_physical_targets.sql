{#
    One row per programme year and activity, and per programme year and
    product (column level): the SIAF target and reported progress, the
    progress computed from the service records, achievement % (reported
    progress / target) and its rating band (seed physical_rating_bands).
    Computed progress: distinct firms served, or actions recorded where the
    unit of measure is actions; a product's progress is the distinct firms
    across its activities that count toward the product
    (program_activities.counts_toward_product). Years without SIAF rows
    carry computed progress only.
#}

with

siaf_rows as (

    select * from {{ ref('stg_siaf__physical_progress') }}

),

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

products as (

    select * from {{ ref('dim_products') }}

),

rating_bands as (

    select * from {{ ref('physical_rating_bands') }}

),

program_years as (

    select program_year from service_records
    union
    select fiscal_year as program_year from siaf_rows

),

activity_progress as (

    select
        program_year,
        activity_code,
        count(distinct case when not is_action then firm_key end)
            as firms_count,
        count(distinct case when is_action then service_record_id end)
            as actions_count
    from service_records
    group by program_year, activity_code

),

product_progress as (

    select
        service_records.program_year,
        activities.product_code,
        count(distinct service_records.firm_key) as firms_count
    from service_records
    inner join activities
        on service_records.activity_code = activities.activity_code
    where
        activities.counts_toward_product
        and not service_records.is_action
    group by service_records.program_year, activities.product_code

),

siaf_activities as (

    select
        siaf_rows.fiscal_year as program_year,
        activities.activity_code,
        siaf_rows.unit_of_measure,
        siaf_rows.annual_target,
        siaf_rows.reported_progress
    from siaf_rows
    inner join activities
        on siaf_rows.mef_activity_code = activities.mef_activity_code
    where siaf_rows.level = 'actividad'

),

siaf_products as (

    select
        siaf_rows.fiscal_year as program_year,
        products.product_code,
        siaf_rows.unit_of_measure,
        siaf_rows.annual_target,
        siaf_rows.reported_progress
    from siaf_rows
    inner join products
        on siaf_rows.mef_product_code = products.mef_product_code
    where siaf_rows.level = 'producto'

),

activity_rows as (

    select
        'actividad' as level,  -- noqa: RF04
        program_years.program_year,
        activities.product_code,
        activities.activity_code,
        coalesce(siaf_activities.unit_of_measure, activities.unit_of_measure)
            as unit_of_measure,
        activities.progress_basis,
        siaf_activities.annual_target,
        siaf_activities.reported_progress,
        case
            when activities.progress_basis = 'actions'
                then coalesce(activity_progress.actions_count, 0)
            else coalesce(activity_progress.firms_count, 0)
        end as computed_progress,
        activities.sort_order
    from program_years
    cross join activities
    left join activity_progress
        on
            program_years.program_year = activity_progress.program_year
            and activities.activity_code = activity_progress.activity_code
    left join siaf_activities
        on
            program_years.program_year = siaf_activities.program_year
            and activities.activity_code = siaf_activities.activity_code

),

product_rows as (

    select
        'producto' as level,  -- noqa: RF04
        program_years.program_year,
        products.product_code,
        cast(null as {{ dbt.type_string() }}) as activity_code,
        coalesce(siaf_products.unit_of_measure, products.unit_of_measure)
            as unit_of_measure,
        'firms' as progress_basis,
        siaf_products.annual_target,
        siaf_products.reported_progress,
        coalesce(product_progress.firms_count, 0) as computed_progress,
        products.sort_order
    from program_years
    cross join products
    left join product_progress
        on
            program_years.program_year = product_progress.program_year
            and products.product_code = product_progress.product_code
    left join siaf_products
        on
            program_years.program_year = siaf_products.program_year
            and products.product_code = siaf_products.product_code

),

target_rows as (

    select * from activity_rows
    union all
    select * from product_rows

),

achievements as (

    select
        *,
        {{ safe_pct('reported_progress', 'annual_target') }}
            as achievement_pct,
        {{ safe_pct('computed_progress', 'annual_target') }}
            as computed_achievement_pct
    from target_rows

),

rated as (

    select
        achievements.*,
        rating_bands.rating_code,
        rating_bands.label_es as rating_label
    from achievements
    left join rating_bands
        on
            achievements.achievement_pct
            >= rating_bands.min_achievement_pct_inclusive
            and (
                rating_bands.max_achievement_pct_exclusive is null
                or achievements.achievement_pct
                < rating_bands.max_achievement_pct_exclusive
            )

),

final as (

    select
        {{ dbt.concat([
            "cast(program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "level",
            "':'",
            "coalesce(activity_code, product_code)",
        ]) }} as target_id,
        program_year,
        level,
        product_code,
        activity_code,
        unit_of_measure,
        progress_basis,
        annual_target,
        reported_progress,
        computed_progress,
        computed_progress - reported_progress as progress_difference,
        achievement_pct,
        computed_achievement_pct,
        rating_code,
        rating_label,
        sort_order
    from rated

)

select * from final

{#
    One row per firm and programme year: the firm's profile that year (SUNAT
    fiscal year = programme year - profile_lag_years), the three targeting
    criteria and whether all hold, and what the firm received that year.
#}

with

firm_years as (

    select * from {{ ref('int_firm_years_profiled') }}

),

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

{# Flags are "received at least one service of this kind this year". #}
services_received as (

    select
        firm_key,
        program_year,
        count(distinct service_delivery_key) as services_count,
        count(*) as service_records_count,
        count(distinct executing_unit_code) as executing_units_count,
        count(distinct activity_code) as activities_count,
        {{ dbt.bool_or('is_training') }} as has_training,
        {{ dbt.bool_or('is_dissemination') }} as has_dissemination,
        {{ dbt.bool_or('is_tech_transfer') }} as has_tech_transfer,
        {{ dbt.bool_or('is_market_access') }} as has_market_access,
        {{ dbt.bool_or("product_code = '1'") }} as has_product_1,
        {{ dbt.bool_or("product_code = '2'") }} as has_product_2,
        {{ dbt.bool_or("product_code = '3'") }} as has_product_3,
        {{ dbt.bool_or("product_code = '4'") }} as has_product_4
    from service_records
    where firm_key is not null
    group by firm_key, program_year

),

final as (

    select
        {{ dbt.concat([
            "cast(firm_years.program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "firm_years.firm_id",
        ]) }} as beneficiary_year_id,
        firm_years.program_year,
        firm_years.firm_id,
        firm_years.firm_type,
        firm_years.has_profile,
        firm_years.profile_fiscal_year,
        firm_years.size_class_code as size_class,
        firm_years.size_class_label,
        firm_years.sales_pen,
        firm_years.sales_uit,
        firm_years.sales_band_code as sales_band,
        firm_years.sales_band_label,
        firm_years.workers_count,
        firm_years.workers_band_code as workers_band,
        firm_years.workers_band_label,
        firm_years.ciiu_code,
        firm_years.ciiu_section_code,
        firm_years.sector_code as sector,
        firm_years.sector_label,
        firm_years.department_code,
        firm_years.department_name,
        firm_years.department_source,
        firm_years.is_formal,
        firm_years.has_min_registry_years,
        firm_years.is_in_sales_range,
        firm_years.is_targeted,
        firm_years.first_service_date,
        coalesce(services_received.services_count, 0) as services_count,
        coalesce(services_received.service_records_count, 0)
            as service_records_count,
        coalesce(services_received.executing_units_count, 0)
            as executing_units_count,
        coalesce(services_received.activities_count, 0) as activities_count,
        coalesce(services_received.has_training, false) as has_training,
        coalesce(services_received.has_dissemination, false)
            as has_dissemination,
        coalesce(services_received.has_tech_transfer, false)
            as has_tech_transfer,
        coalesce(services_received.has_market_access, false)
            as has_market_access,
        coalesce(services_received.has_product_1, false) as has_product_1,
        coalesce(services_received.has_product_2, false) as has_product_2,
        coalesce(services_received.has_product_3, false) as has_product_3,
        coalesce(services_received.has_product_4, false) as has_product_4
    from firm_years
    left join services_received
        on
            firm_years.firm_key = services_received.firm_key
            and firm_years.program_year = services_received.program_year

)

select * from final

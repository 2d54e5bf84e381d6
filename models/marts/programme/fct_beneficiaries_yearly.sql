{#
    One row per firm and programme year: the firm's profile that year (SUNAT
    fiscal year = programme year - profile_lag_years), the three targeting
    criteria and whether all hold, and what the firm received that year.
    Every figure is computed once upstream (int_firm_years_serviced,
    int_firm_years_profiled, int_firm_years_targeted); this mart selects
    and names the public columns, without the firm key.
#}

with

firm_years as (

    select * from {{ ref('int_firm_years_targeted') }}

),

final as (

    select
        {{ composite_key(['program_year', 'firm_id']) }}
            as beneficiary_year_id,
        program_year,
        firm_id,
        firm_type,
        has_profile,
        profile_fiscal_year,
        size_class_code as size_class,
        size_class_label,
        sales_pen,
        sales_uit,
        sales_band_code as sales_band,
        sales_band_label,
        workers_count,
        workers_band_code as workers_band,
        workers_band_label,
        ciiu_code,
        ciiu_section_code,
        sector_code as sector,
        sector_label,
        department_code,
        department_name,
        department_source,
        is_formal,
        has_min_registry_years,
        is_in_sales_range,
        is_targeted,
        first_service_date,
        services_count,
        service_records_count,
        executing_units_count,
        activities_count,
        has_training,
        has_dissemination,
        has_tech_transfer,
        has_market_access,
        has_product_1,
        has_product_2,
        has_product_3,
        has_product_4
    from firm_years

)

select * from final

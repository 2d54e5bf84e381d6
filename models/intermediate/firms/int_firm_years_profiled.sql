{#
    One row per firm and programme year in which the firm received at least
    one service: the SUNAT profile of fiscal year = programme year -
    profile_lag_years (seed program_parameters), its classifications, the
    department and the three targeting criteria of seed targeting_criteria.
    Holds RUCs and DNIs in clear: restricted.
#}

{% set unknown = var('unknown_category_code') %}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

firms as (

    select * from {{ ref('int_firms_resolved') }}

),

profiles as (

    select * from {{ ref('int_firm_profiles_classified') }}

),

program_parameters as (

    select * from {{ ref('program_parameters') }}

),

targeting_criteria as (

    select * from {{ ref('targeting_criteria') }}

),

departments as (

    select * from {{ ref('departments') }}

),

profile_lag as (

    select cast(value_numeric as integer) as profile_lag_years
    from program_parameters
    where parameter_code = 'profile_lag_years'

),

registry_rule as (

    select min_registry_years_inclusive as min_registry_years
    from targeting_criteria
    where criterion_code = 'has_min_registry_years'

),

sales_range_rule as (

    select
        min_sales_uit_inclusive as min_sales_uit,
        max_sales_uit_inclusive as max_sales_uit
    from targeting_criteria
    where criterion_code = 'is_in_sales_range'

),

rule_values as (

    select
        profile_lag.profile_lag_years,
        registry_rule.min_registry_years,
        sales_range_rule.min_sales_uit,
        sales_range_rule.max_sales_uit
    from profile_lag
    cross join registry_rule
    cross join sales_range_rule

),

firm_records as (

    select
        firm_key,
        program_year,
        delivered_date,
        service_record_id,
        ubigeo
    from service_records
    where firm_key is not null

),

{# The firm's earliest record of the year that carries a ubigeo: the
   fallback location of firms without a padrón ubigeo. #}
earliest_located_records as (

    select
        firm_key,
        program_year,
        ubigeo,
        row_number() over (
            partition by firm_key, program_year
            order by delivered_date, service_record_id
        ) as record_order
    from firm_records
    where ubigeo is not null

),

firm_years as (

    select
        firm_key,
        program_year,
        min(delivered_date) as first_service_date,
        count(*) as service_records_count
    from firm_records
    group by firm_key, program_year

),

profiled as (

    select
        firm_years.firm_key,
        firm_years.program_year,
        firms.firm_id,
        firms.firm_key_type,
        firms.firm_type,
        firms.ruc,
        firms.owner_dni,
        firms.is_formal,
        firm_years.first_service_date,
        firm_years.service_records_count,
        profiles.fiscal_year as profile_fiscal_year,
        profiles.ciiu_code,
        profiles.ciiu_section_code,
        profiles.sales_pen,
        profiles.uit_pen,
        profiles.sales_uit,
        profiles.workers_count,
        profiles.registration_date,
        rule_values.min_registry_years,
        rule_values.min_sales_uit,
        rule_values.max_sales_uit,
        profiles.fiscal_year is not null as has_profile,
        coalesce(profiles.sector_code, '{{ unknown }}') as sector_code,
        coalesce(profiles.sector_label, 'Sin información') as sector_label,
        coalesce(profiles.size_class_code, '{{ unknown }}')
            as size_class_code,
        coalesce(profiles.size_class_label, 'Sin información')
            as size_class_label,
        coalesce(profiles.sales_band_code, '{{ unknown }}')
            as sales_band_code,
        coalesce(profiles.sales_band_label, 'Sin información')
            as sales_band_label,
        coalesce(profiles.workers_band_code, '{{ unknown }}')
            as workers_band_code,
        coalesce(profiles.workers_band_label, 'Sin información')
            as workers_band_label,
        substr(firms.padron_ubigeo, 1, 2) as padron_department_code,
        substr(earliest_located_records.ubigeo, 1, 2)
            as record_department_code
    from firm_years
    inner join firms
        on firm_years.firm_key = firms.firm_key
    cross join rule_values
    left join profiles
        on
            firms.ruc = profiles.ruc
            and firm_years.program_year - rule_values.profile_lag_years
            = profiles.fiscal_year
    left join earliest_located_records
        on
            firm_years.firm_key = earliest_located_records.firm_key
            and firm_years.program_year = earliest_located_records.program_year
            and earliest_located_records.record_order = 1

),

{# Department: the padrón's (formal firms), else the earliest record's. #}
located as (

    select
        profiled.*,
        departments.department_code,
        departments.department_name,
        case
            when profiled.padron_department_code is not null then 'padron'
            when profiled.record_department_code is not null
                then 'service_record'
        end as department_source
    from profiled
    left join departments
        on
            coalesce(
                profiled.padron_department_code,
                profiled.record_department_code
            ) = departments.department_code

),

{# Registry years are counted to 1 January of the programme year
   (program_parameters.registry_years_as_of); sales bounds are inclusive
   and compared in soles with the UIT of the profile's fiscal year. #}
criteria as (

    select
        *,
        coalesce(
            {{ dbt.dateadd('year', 'min_registry_years', 'registration_date') }}
            <= {{ first_day_of_year('program_year') }},
            false
        ) as has_min_registry_years,
        coalesce(
            sales_pen >= min_sales_uit * uit_pen
            and sales_pen <= max_sales_uit * uit_pen,
            false
        ) as is_in_sales_range
    from located

),

final as (

    select
        firm_key,
        program_year,
        firm_id,
        firm_key_type,
        firm_type,
        ruc,
        owner_dni,
        first_service_date,
        service_records_count,
        has_profile,
        profile_fiscal_year,
        ciiu_code,
        ciiu_section_code,
        sector_code,
        sector_label,
        sales_pen,
        uit_pen,
        sales_uit,
        size_class_code,
        size_class_label,
        sales_band_code,
        sales_band_label,
        workers_count,
        workers_band_code,
        workers_band_label,
        registration_date,
        department_code,
        department_name,
        department_source,
        is_formal,
        has_min_registry_years,
        is_in_sales_range,
        is_formal
        and has_min_registry_years
        and is_in_sales_range as is_targeted
    from criteria

)

select * from final

{#
    One row per firm and programme year in which the firm received at least
    one service (int_firm_years_serviced, whose columns it carries): the
    firm (int_firms_resolved), the SUNAT profile of fiscal year = programme
    year - profile_lag_years (seed program_parameters) with its classes,
    and the department: the padrón's for a formal firm, else that of the
    firm's earliest located service record of the year.
    Holds RUCs in clear: restricted.
#}

{% set unknown = var('unknown_category_code') %}

with

firm_years as (

    select * from {{ ref('int_firm_years_serviced') }}

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

departments as (

    select * from {{ ref('departments') }}

),

profile_lag as (

    select cast(value_numeric as integer) as profile_lag_years
    from program_parameters
    where parameter_code = 'profile_lag_years'

),

final as (

    select
        firm_years.*,
        firms.firm_id,
        firms.firm_key_type,
        firms.firm_type,
        firms.ruc,
        firms.is_formal,
        profiles.fiscal_year is not null as has_profile,
        profiles.fiscal_year as profile_fiscal_year,
        profiles.ciiu_code,
        profiles.ciiu_section_code,
        coalesce(profiles.sector_code, '{{ unknown }}') as sector_code,
        coalesce(profiles.sector_label, 'Sin información') as sector_label,
        profiles.sales_pen,
        profiles.uit_pen,
        profiles.sales_uit,
        coalesce(profiles.size_class_code, '{{ unknown }}')
            as size_class_code,
        coalesce(profiles.size_class_label, 'Sin información')
            as size_class_label,
        coalesce(profiles.sales_band_code, '{{ unknown }}')
            as sales_band_code,
        coalesce(profiles.sales_band_label, 'Sin información')
            as sales_band_label,
        profiles.workers_count,
        coalesce(profiles.workers_band_code, '{{ unknown }}')
            as workers_band_code,
        coalesce(profiles.workers_band_label, 'Sin información')
            as workers_band_label,
        profiles.registration_date,
        departments.department_code,
        departments.department_name,
        case
            when firms.padron_ubigeo is not null then 'padron'
            when firm_years.record_department_code is not null
                then 'service_record'
        end as department_source
    from firm_years
    inner join firms
        on firm_years.firm_key = firms.firm_key
    cross join profile_lag
    left join profiles
        on
            firms.ruc = profiles.ruc
            and firm_years.program_year - profile_lag.profile_lag_years
            = profiles.fiscal_year
    left join departments
        on
            coalesce(
                substr(firms.padron_ubigeo, 1, 2),
                firm_years.record_department_code
            ) = departments.department_code

)

{# The upstream model's columns are carried with `*`: their list is written
   once, where they are computed, and in this model's YAML. #}
select * from final  -- noqa: AM04

{#
    One row per firm and programme year of int_firm_years_profiled (whose
    columns it carries), with the three targeting criteria of seed
    targeting_criteria and whether all three hold: formal; at least N years
    in the SUNAT registry, counted to 1 January of the programme year
    (program_parameters.registry_years_as_of); annual sales from the
    minimum to the maximum UIT, both inclusive, compared in soles with the
    UIT of the profile's fiscal year. Holds RUCs in clear: restricted.
#}

with

firm_years as (

    select * from {{ ref('int_firm_years_profiled') }}

),

targeting_criteria as (

    select * from {{ ref('targeting_criteria') }}

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

{# A firm without a profile (no registration date, no sales) meets
   neither profile criterion. #}
criteria as (

    select
        firm_years.*,
        coalesce(
            {{ dbt.dateadd(
                'year',
                'registry_rule.min_registry_years',
                'firm_years.registration_date',
            ) }}
            <= {{ first_day_of_year('firm_years.program_year') }},
            false
        ) as has_min_registry_years,
        coalesce(
            {{ in_band(
                'firm_years.sales_pen',
                'sales_range_rule.min_sales_uit',
                'sales_range_rule.max_sales_uit',
                scale='firm_years.uit_pen',
            ) }},
            false
        ) as is_in_sales_range
    from firm_years
    cross join registry_rule
    cross join sales_range_rule

),

final as (

    select
        *,
        is_formal
        and has_min_registry_years
        and is_in_sales_range as is_targeted
    from criteria

)

{# The upstream model's columns are carried with `*`: their list is written
   once, where they are computed, and in this model's YAML. #}
select * from final  -- noqa: AM04

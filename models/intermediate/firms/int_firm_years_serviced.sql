{#
    One row per firm and programme year in which the firm received at least
    one service: every firm-year fact that comes from the service records,
    computed here once. What the firm received (services delivered, source
    records, executing units, activities; a flag per service line and per
    product: at least one such service that year), its first service date,
    and the department of its earliest record of the year that carries a
    ubigeo (the fallback location of a firm without a padrón ubigeo).
    Keyed by the firm key (a RUC or DNI in clear): restricted.
#}

{# Flag column: the record-level condition it is the "any of" of. #}
{% set service_flags = {
    'has_training': 'is_training',
    'has_dissemination': 'is_dissemination',
    'has_tech_transfer': 'is_tech_transfer',
    'has_market_access': 'is_market_access',
    'has_product_1': "product_code = '1'",
    'has_product_2': "product_code = '2'",
    'has_product_3': "product_code = '3'",
    'has_product_4': "product_code = '4'",
} %}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

firm_records as (

    select * from service_records
    where firm_key is not null

),

{# A record without a service-code mapping has null flags: not a service
   of that kind. #}
firm_years as (

    select
        firm_key,
        program_year,
        {% for flag, condition in service_flags.items() %}
            coalesce({{ dbt.bool_or(condition) }}, false) as {{ flag }},
        {% endfor %}
        min(delivered_date) as first_service_date,
        count(distinct service_delivery_key) as services_count,
        count(*) as service_records_count,
        count(distinct executing_unit_code) as executing_units_count,
        count(distinct activity_code) as activities_count
    from firm_records
    group by firm_key, program_year

),

{# The firm's records of the year that carry a ubigeo, earliest first. #}
located_records as (

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

final as (

    select
        firm_years.firm_key,
        firm_years.program_year,
        firm_years.first_service_date,
        firm_years.services_count,
        firm_years.service_records_count,
        firm_years.executing_units_count,
        firm_years.activities_count,
        {% for flag in service_flags %}
            firm_years.{{ flag }},
        {% endfor %}
        substr(located_records.ubigeo, 1, 2) as record_department_code
    from firm_years
    left join located_records
        on
            firm_years.firm_key = located_records.firm_key
            and firm_years.program_year = located_records.program_year
            and located_records.record_order = 1

)

select * from final

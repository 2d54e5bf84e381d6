{#
    For BI tools: one row per programme year, firm, executing unit, product
    and department of the service record, with how many services the firm
    received there. The deliveries without a firm (actions) make one row per
    year, unit, product and department, their firm columns null.
    A pre-aggregated companion of fct_service_deliveries for the questions
    that count distinct firms (analyses/02 and 09): at 100 times the
    programme's size those scanned and joined 11 million deliveries on the
    64-character firm_id (over a second at p95); this table has about one row
    per firm and unit in a year, and `firm_number`, a 4-byte integer, to count
    distinct firms by.
#}
with

deliveries as (

    select
        program_year,
        firm_id,
        executing_unit_code,
        product_code,
        department_code
    from {{ ref('fct_service_deliveries') }}

),

{# The firms numbered in firm_id order: the same firms give the same numbers,
   but a build with other firms renumbers them (firm_id is the stable key). #}
firm_numbers as (

    select
        firm_id,
        cast(row_number() over (order by firm_id) as integer) as firm_number
    from {{ ref('dim_firms') }}

),

beneficiaries as (

    select
        program_year,
        firm_id,
        is_targeted
    from {{ ref('fct_beneficiaries_yearly') }}

),

firm_services as (

    select
        program_year,
        firm_id,
        executing_unit_code,
        product_code,
        department_code,
        count(*) as services_count
    from deliveries
    group by
        program_year,
        firm_id,
        executing_unit_code,
        product_code,
        department_code

)

select
    firm_services.program_year,
    firm_numbers.firm_number,
    firm_services.firm_id,
    firm_services.executing_unit_code,
    firm_services.product_code,
    firm_services.department_code,
    beneficiaries.is_targeted,
    firm_services.services_count
from firm_services
left join firm_numbers
    on firm_services.firm_id = firm_numbers.firm_id
left join beneficiaries
    on
        firm_services.program_year = beneficiaries.program_year
        and firm_services.firm_id = beneficiaries.firm_id

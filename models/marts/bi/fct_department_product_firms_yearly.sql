{#
    For BI tools: per programme year, department of the service record and
    product, the services delivered (actions included) and the distinct
    firms served (analyses/09). Counted once here from
    fct_firm_services_yearly, so a dashboard reads a few rows instead of
    counting distinct firms among millions at 100 times the programme's
    size.
#}
with

firm_services as (

    select
        program_year,
        department_code,
        product_code,
        firm_number,
        services_count
    from {{ ref('fct_firm_services_yearly') }}

),

counts as (

    select
        program_year,
        department_code,
        product_code,
        sum(services_count) as services_count,
        count(distinct firm_number) as firms_count
    from firm_services
    group by program_year, department_code, product_code

)

select
    program_year,
    department_code,
    product_code,
    firms_count,
    cast(services_count as bigint) as services_count
from counts

{#
    Every department has exactly one default region row (the row that takes
    its ubigeos not matched by a province code), so that placing a ubigeo in
    a region never drops or duplicates a firm.
#}

with departments as (

    select * from {{ ref('departments') }}

),

regions as (

    select * from {{ ref('regions') }}

),

defaults_per_department as (

    select
        departments.department_code,
        count(regions.region_code) as default_rows
    from departments
    left join regions
        on
            departments.department_code = regions.department_code
            and regions.is_department_default
    group by departments.department_code

)

select *
from defaults_per_department
where default_rows <> 1

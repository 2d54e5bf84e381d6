{# One row per department (INEI ubigeo, first two digits). #}

with

departments as (

    select * from {{ ref('departments') }}

),

final as (

    select
        department_code,
        department_name
    from departments

)

select * from final

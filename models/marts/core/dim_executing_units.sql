{#
    One row per executing unit of the programme (seed executing_units).
    Units whose full name the report does not give are named by their code.
#}

with

executing_units as (

    select * from {{ ref('executing_units') }}

),

final as (

    select
        executing_unit_code,
        is_name_known,
        parent_entity_code,
        sort_order,
        coalesce(full_name_es, executing_unit_code) as executing_unit_name_es
    from executing_units

)

select * from final

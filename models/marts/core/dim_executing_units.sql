{#
    One row per executing unit of the programme (seed executing_units).
    Units whose full name neither the report nor a cited public record gives
    (seed column is_name_known false) are named by their code, marked plainly
    as unconfirmed: the name is never guessed.
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
        coalesce(
            full_name_es,
            {{ dbt.concat([
                "executing_unit_code",
                "' (nombre no confirmado: el informe no lo indica)'",
            ]) }}
        ) as executing_unit_name_es
    from executing_units

)

select * from final

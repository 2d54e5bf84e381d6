{#
    One row per beneficiary firm, identified only by its pseudonymous
    firm_id: no RUC, DNI or name reaches this model.
#}

with

firms as (

    select * from {{ ref('int_firms_resolved') }}

),

final as (

    select
        firm_id,
        firm_type,
        is_formal,
        taxpayer_status,
        domicile_condition,
        first_program_year,
        last_program_year,
        first_service_date,
        case firm_type
            when 'persona_juridica' then 'Persona jurídica'
            when 'persona_natural' then 'Persona natural con negocio'
            when 'informal' then 'Informal (sin RUC)'
        end as firm_type_label,
        substr(padron_ubigeo, 1, 2) as padron_department_code
    from firms

)

select * from final

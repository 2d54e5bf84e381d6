{#
    One row per beneficiary firm across all years: the firm key (RUC, or the
    owner's DNI for an informal firm), its pseudonymous firm_id and what the
    SUNAT padrón says of it. The firm's RUC is the one its records carry
    (none for an informal firm), not a piece of the key.
    Holds RUCs and DNIs in clear: restricted.
#}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

padron as (

    select * from {{ ref('stg_sunat__padron') }}

),

{# Every record of a RUC-keyed firm carries that RUC; an informal firm's
   records carry none. #}
firm_keys as (

    select
        firm_key,
        min(firm_key_type) as firm_key_type,
        min(ruc) as ruc,
        min(program_year) as first_program_year,
        max(program_year) as last_program_year,
        min(delivered_date) as first_service_date
    from service_records
    where firm_key is not null
    group by firm_key

),

{# RUC prefixes (docs/feeds.md): 20 legal entity; 10, 15, 17 natural person
   with business. A firm without a RUC is informal. #}
resolved as (

    select
        firm_keys.firm_key,
        firm_keys.firm_key_type,
        {{ pseudonymize('firm_keys.firm_key') }} as firm_id,
        firm_keys.ruc,
        case
            when firm_keys.ruc is null then 'informal'
            when firm_keys.ruc like '20%' then 'persona_juridica'
            else 'persona_natural'
        end as firm_type,
        padron.ruc is not null as is_formal,
        padron.firm_name,
        padron.taxpayer_status,
        padron.domicile_condition,
        padron.ubigeo as padron_ubigeo,
        firm_keys.first_program_year,
        firm_keys.last_program_year,
        firm_keys.first_service_date
    from firm_keys
    left join padron
        on firm_keys.ruc = padron.ruc

)

select * from resolved

with

source as (
    select * from {{ ref('base_sunat__padron') }}
    where rejection_rule is null and not is_duplicate
),

renamed as (
    select
        -- ids
        ruc,
        -- strings
        firm_name,
        {{ public_text('base_sunat__padron', 'taxpayer_status') }}
            as taxpayer_status,
        {{ public_text('base_sunat__padron', 'domicile_condition') }}
            as domicile_condition,
        ubigeo,
        -- lineage
        source_file
    from source
)

select * from renamed

with

source as (
    {{ accepted_rows('base_sunat__padron') }}
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

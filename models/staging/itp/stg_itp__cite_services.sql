with

source as (
    {{ accepted_rows('base_itp__cite_services') }}
),

renamed as (
    select
        -- ids
        service_record_id,
        source_record_id,
        ruc,
        owner_dni,
        -- strings
        {{ public_text('base_itp__cite_services', 'cite_code') }}
            as cite_code,
        {{ public_text('base_itp__cite_services', 'cite_name') }}
            as cite_name,
        source_service_code,
        ubigeo,
        -- dates
        delivered_date,
        recorded_at,
        -- lineage
        source_file
    from source
)

select * from renamed

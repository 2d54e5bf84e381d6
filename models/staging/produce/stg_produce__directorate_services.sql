with

source as (
    {{ accepted_rows('base_produce__directorate_services') }}
),

renamed as (
    select
        -- ids
        service_record_id,
        source_record_id,
        ruc,
        owner_dni,
        participant_dni,
        -- strings
        executing_unit_code,
        source_service_code,
        ubigeo,
        -- numerics
        pre_score_raw,
        post_score_raw,
        -- booleans
        has_business_opportunity,
        -- dates
        delivered_date,
        recorded_at,
        -- lineage
        source_file
    from source
)

select * from renamed

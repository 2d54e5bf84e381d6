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
        taxpayer_status,
        domicile_condition,
        ubigeo,
        -- lineage
        source_file
    from source
)

select * from renamed

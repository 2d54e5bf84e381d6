with

source as (
    select * from {{ ref('base_siaf__physical_progress') }}
    where rejection_rule is null and not is_duplicate
),

renamed as (
    select
        -- ids
        fiscal_year,
        level,
        mef_product_code,
        mef_activity_code,
        -- strings
        unit_of_measure,
        -- numerics
        annual_target,
        reported_progress,
        -- lineage
        source_file
    from source
)

select * from renamed

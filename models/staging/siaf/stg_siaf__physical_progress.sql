with

source as (
    {{ accepted_rows('base_siaf__physical_progress') }}
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

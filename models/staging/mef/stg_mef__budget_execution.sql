with

source as (
    select * from {{ ref('base_mef__budget_execution') }}
    where rejection_rule is null and not is_duplicate
),

renamed as (
    select
        -- ids
        fiscal_year,
        month,
        executing_unit_mef_code,
        mef_activity_code,
        -- strings
        pliego_code,
        pliego_name,
        executing_unit_mef_name,
        program_code,
        mef_product_code,
        -- numerics
        pia,
        pim,
        certificado,
        comprometido,
        devengado,
        girado,
        -- lineage
        source_file
    from source
)

select * from renamed

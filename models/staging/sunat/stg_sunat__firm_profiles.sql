with

source as (
    select * from {{ ref('base_sunat__firm_profiles') }}
    where rejection_rule is null and not is_duplicate
),

renamed as (
    select
        -- ids
        ruc,
        fiscal_year,
        -- strings
        ciiu_code,
        -- numerics
        sales_pen,
        workers_count,
        -- dates
        registration_date,
        -- lineage
        source_file
    from source
)

select * from renamed

with

source as (
    {{ accepted_rows('base_sunat__firm_profiles') }}
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

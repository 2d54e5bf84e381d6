with

source as (
    {{ accepted_rows('base_mef__budget_execution') }}
),

renamed as (
    select
        -- ids
        fiscal_year,
        month,
        pliego_code,
        executing_unit_mef_code,
        sec_func,
        mef_activity_code,
        funding_source_code,
        rubro_code,
        resource_type_code,
        expense_category_code,
        transaction_type_code,
        generica_code,
        subgenerica_code,
        subgenerica_det_code,
        especifica_code,
        especifica_det_code,
        -- strings
        pliego_name,
        sec_ejec,
        executing_unit_mef_name,
        program_code,
        mef_product_code,
        meta_code,
        funding_source_name,
        {{ public_text('base_mef__budget_execution', 'generica_name') }}
            as generica_name,
        especifica_det_name,
        -- numerics
        pia,
        pim,
        certificado,
        comprometido,
        comprometido_monthly,
        devengado,
        girado,
        -- lineage
        source_file,
        source_row_number
    from source
)

select * from renamed

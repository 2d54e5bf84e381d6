{# One row per programme product (seed program_products). #}

with

products as (

    select * from {{ ref('program_products') }}

),

crosswalk as (

    select * from {{ ref('mef_activity_crosswalk') }}

),

mef_products as (

    select distinct
        product_code,
        cast(producto_proyecto as {{ dbt.type_string() }}) as mef_product_code,
        is_synthetic_code as is_mef_code_synthetic
    from crosswalk

),

final as (

    select
        products.product_code,
        products.product_name_es,
        products.responsible_unit,
        products.unit_of_measure,
        mef_products.mef_product_code,
        mef_products.is_mef_code_synthetic,
        products.sort_order
    from products
    left join mef_products
        on products.product_code = mef_products.product_code

)

select * from final

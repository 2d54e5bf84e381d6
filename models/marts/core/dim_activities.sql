{#
    One row per programme activity with its product, responsible units,
    unit of measure, whether its firms count toward the product's progress,
    and its MEF activity code.
#}

with

activities as (

    select * from {{ ref('program_activities') }}

),

products as (

    select * from {{ ref('program_products') }}

),

crosswalk as (

    select * from {{ ref('mef_activity_crosswalk') }}

),

final as (

    select
        activities.activity_code,
        activities.activity_name_es,
        activities.product_code,
        products.product_name_es,
        activities.responsible_units,
        products.responsible_unit as product_responsible_unit,
        activities.unit_of_measure,
        case
            when activities.unit_of_measure = 'Acciones' then 'actions'
            else 'firms'
        end as progress_basis,
        activities.counts_toward_product,
        cast(crosswalk.producto_proyecto as {{ dbt.type_string() }})
            as mef_product_code,
        cast(crosswalk.actividad_accion_obra as {{ dbt.type_string() }})
            as mef_activity_code,
        crosswalk.is_synthetic_code as is_mef_code_synthetic,
        activities.sort_order
    from activities
    left join products
        on activities.product_code = products.product_code
    left join crosswalk
        on activities.activity_code = crosswalk.activity_code

)

select * from final

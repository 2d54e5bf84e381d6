{#
    The programme's structure as code sets with Spanish labels, one row per
    code set and code: departments, products, activities, budget lines
    (each product, each activity under it, and the programme total) and
    performance indicators. Part of dim_code_labels.
#}

with

departments as (

    select * from {{ ref('departments') }}

),

products as (

    select * from {{ ref('program_products') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

indicators as (

    select * from {{ ref('performance_indicators') }}

),

{# A product sorts before its activities: product x 100 + activity. #}
budget_lines as (

    select
        product_code as code,
        product_name_es as label_es,
        sort_order * 100 as sort_order
    from products
    union all
    select
        activities.activity_code as code,
        activities.activity_name_es as label_es,
        products.sort_order * 100 + activities.sort_order as sort_order
    from activities
    inner join products
        on activities.product_code = products.product_code

),

final as (

    select
        'department' as code_set,
        department_code as code,
        department_name as label_es,
        cast(department_code as integer) as sort_order
    from departments
    union all
    select
        'product' as code_set,
        product_code as code,
        product_name_es as label_es,
        sort_order
    from products
    union all
    select
        'activity' as code_set,
        code,
        label_es,
        sort_order
    from budget_lines
    where code in (select activities.activity_code from activities)
    union all
    select
        'budget_line' as code_set,
        code,
        label_es,
        sort_order
    from budget_lines
    union all
    select
        'budget_line' as code_set,
        'total' as code,
        'Total del programa' as label_es,
        0 as sort_order
    union all
    select
        'indicator' as code_set,
        indicator_code as code,
        name_es as label_es,
        row_number() over (order by indicator_code) as sort_order
    from indicators

)

select * from final

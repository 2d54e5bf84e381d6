{#
    One row per budget line of the programme: each activity, each product
    and the programme total ('programa', 'total'), with its Spanish name.
    The line catalogue the physical and the financial lines share, so that
    neither has to read dim_activities or dim_products beside a fact that
    already does.
#}

with

activities as (

    select * from {{ ref('dim_activities') }}

),

products as (

    select * from {{ ref('dim_products') }}

),

final as (

    select
        'actividad' as line_level,
        activity_code as budget_line_code,
        activity_name_es as budget_line_name_es
    from activities
    union all
    select
        'producto' as line_level,
        product_code as budget_line_code,
        product_name_es as budget_line_name_es
    from products
    union all
    select
        'programa' as line_level,
        'total' as budget_line_code,
        'Total del programa' as budget_line_name_es

)

select
    {{ composite_key(['line_level', 'budget_line_code']) }}
        as budget_line_id,
    *
from final

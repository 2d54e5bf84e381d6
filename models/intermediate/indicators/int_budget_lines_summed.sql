{#
    Budget execution per programme year and budget line (each activity,
    each product, the programme total): PIM and devengado summed over the
    months of fct_budget_execution, and execution % = devengado / PIM.
    Budget only: no physical or population source feeds these figures.
#}

with

budget_execution as (

    select * from {{ ref('fct_budget_execution') }}

),

activity_budget as (

    select
        program_year,
        'actividad' as line_level,
        activity_code as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year, activity_code

),

product_budget as (

    select
        program_year,
        'producto' as line_level,
        product_code as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year, product_code

),

total_budget as (

    select
        program_year,
        'programa' as line_level,
        'total' as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year

),

line_budget as (

    select * from activity_budget
    union all
    select * from product_budget
    union all
    select * from total_budget

),

final as (

    select
        {{ composite_key(['program_year', 'line_level', 'budget_line_code']) }}
            as budget_line_year_id,
        line_budget.*,
        {{ safe_pct('devengado', 'pim') }} as execution_pct
    from line_budget

)

select * from final

-- Pregunta: en el último año del programa, ¿cuánto se devengó cada mes en
-- cada producto, frente a su PIM?
with

latest_year as (
    select max(program_year) as program_year
    from fct_budget_execution
)

select
    budget.product_code,
    products.product_name_es,
    budget.month,
    sum(budget.devengado) as devengado,
    sum(budget.pim) as pim
from fct_budget_execution as budget
inner join latest_year
    on budget.program_year = latest_year.program_year
left join dim_products as products
    on budget.product_code = products.product_code
group by budget.product_code, products.product_name_es, budget.month
order by budget.product_code, budget.month

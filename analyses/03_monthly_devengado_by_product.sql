-- Pregunta: en el último año del programa, ¿cuánto se devengó cada mes en
-- cada producto, frente a su PIM?
select
    budget.product_code,
    products.product_name_es,
    budget.month,
    sum(budget.devengado) as devengado,
    sum(budget.pim) as pim
from fct_budget_execution as budget
left join dim_products as products
    on budget.product_code = products.product_code
where budget.program_year = (select max(program_year) from fct_budget_execution)
group by budget.product_code, products.product_name_es, budget.month
order by budget.product_code, budget.month

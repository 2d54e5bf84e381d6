-- Monthly devengado and PIM execution by product.
select
    budget.product_code,
    products.product_name_es,
    budget.month,
    sum(budget.devengado) as devengado,
    sum(budget.pim) as pim
from marts.fct_budget_execution as budget
left join marts.dim_products as products
    on budget.product_code = products.product_code
where budget.program_year = 2024
group by budget.product_code, products.product_name_es, budget.month
order by budget.product_code, budget.month

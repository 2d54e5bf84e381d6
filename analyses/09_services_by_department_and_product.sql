-- Pregunta: en el último año del programa, ¿cuántos servicios y empresas
-- hubo en cada departamento y producto?
-- Lee fct_firm_services_yearly: suma services_count (las acciones sin
-- empresa incluidas) por departamento, producto y empresa (firm_number, un
-- entero), y cuenta las empresas de cada departamento y producto.
with

latest_year as (
    select max(program_year) as program_year
    from fct_firm_services_yearly
),

department_product_firms as (
    select
        firm_services.department_code,
        firm_services.product_code,
        firm_services.firm_number,
        sum(firm_services.services_count) as services_count
    from fct_firm_services_yearly as firm_services
    inner join latest_year
        on firm_services.program_year = latest_year.program_year
    group by
        firm_services.department_code,
        firm_services.product_code,
        firm_services.firm_number
)

select
    departments.department_name,
    firms.product_code,
    sum(firms.services_count) as services_count,
    count(firms.firm_number) as firms_count
from department_product_firms as firms
left join dim_departments as departments
    on firms.department_code = departments.department_code
group by departments.department_name, firms.product_code
order by departments.department_name, firms.product_code

-- Pregunta: en el último año del programa, ¿cuántos servicios y empresas
-- hubo en cada departamento y producto?
-- Lee fct_firm_services_yearly: suma services_count (las acciones sin
-- empresa incluidas) y cuenta empresas distintas por firm_number, un entero.
with

latest_year as (
    select max(program_year) as program_year
    from fct_firm_services_yearly
)

select
    departments.department_name,
    firm_services.product_code,
    sum(firm_services.services_count) as services_count,
    count(distinct firm_services.firm_number) as firms_count
from fct_firm_services_yearly as firm_services
inner join latest_year
    on firm_services.program_year = latest_year.program_year
left join dim_departments as departments
    on firm_services.department_code = departments.department_code
group by departments.department_name, firm_services.product_code
order by departments.department_name, firm_services.product_code

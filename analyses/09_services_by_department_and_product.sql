-- Pregunta: en el último año del programa, ¿cuántos servicios y empresas
-- hubo en cada departamento y producto?
with

latest_year as (
    select max(program_year) as program_year
    from fct_service_deliveries
)

select
    departments.department_name,
    deliveries.product_code,
    count(*) as services_count,
    count(distinct deliveries.firm_id) as firms_count
from fct_service_deliveries as deliveries
inner join latest_year
    on deliveries.program_year = latest_year.program_year
left join dim_departments as departments
    on deliveries.department_code = departments.department_code
group by departments.department_name, deliveries.product_code
order by departments.department_name, deliveries.product_code

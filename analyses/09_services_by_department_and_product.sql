-- Pregunta: en el último año del programa, ¿cuántos servicios y empresas
-- hubo en cada departamento y producto?
select
    departments.department_name,
    deliveries.product_code,
    count(*) as services_count,
    count(distinct deliveries.firm_id) as firms_count
from fct_service_deliveries as deliveries
left join dim_departments as departments
    on deliveries.department_code = departments.department_code
where
    deliveries.program_year
    = (select max(program_year) from fct_service_deliveries)
group by departments.department_name, deliveries.product_code
order by departments.department_name, deliveries.product_code

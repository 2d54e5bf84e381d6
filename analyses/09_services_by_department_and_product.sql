-- Pregunta: en el último año del programa, ¿cuántos servicios y empresas
-- hubo en cada departamento y producto?
-- Lee fct_department_product_firms_yearly, donde los servicios y las
-- empresas distintas de cada departamento, producto y año ya están
-- contados: un tablero lee unas pocas filas.
with

latest_year as (
    select max(program_year) as program_year
    from fct_department_product_firms_yearly
)

select
    departments.department_name,
    counts.product_code,
    sum(counts.services_count) as services_count,
    sum(counts.firms_count) as firms_count
from fct_department_product_firms_yearly as counts
inner join latest_year
    on counts.program_year = latest_year.program_year
left join dim_departments as departments
    on counts.department_code = departments.department_code
group by departments.department_name, counts.product_code
order by departments.department_name, counts.product_code

-- Services by department and product, with the department's name.
select
    departments.department_name,
    deliveries.product_code,
    count(*) as services_count,
    count(distinct deliveries.firm_id) as firms_count
from marts.fct_service_deliveries as deliveries
left join marts.dim_departments as departments
    on deliveries.department_code = departments.department_code
where deliveries.program_year = 2024
group by departments.department_name, deliveries.product_code
order by departments.department_name, deliveries.product_code

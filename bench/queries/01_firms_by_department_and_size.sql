-- Firms served in 2024 by department and size class.
select
    department_name,
    size_class_label,
    count(*) as firms_count
from marts.fct_beneficiaries_yearly
where program_year = 2024
group by department_name, size_class_label
order by department_name, size_class_label

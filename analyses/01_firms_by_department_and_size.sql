-- Pregunta: ¿cuántas empresas atendió el programa en su último año, por
-- departamento y tamaño de empresa?
select
    department_name,
    size_class_label,
    count(*) as firms_count
from fct_beneficiaries_yearly
where program_year = (select max(program_year) from fct_beneficiaries_yearly)
group by department_name, size_class_label
order by department_name, size_class_label

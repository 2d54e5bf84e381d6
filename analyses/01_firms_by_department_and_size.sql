-- Pregunta: ¿cuántas empresas atendió el programa en su último año, por
-- departamento y tamaño de empresa?
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    beneficiaries.department_name,
    beneficiaries.size_class_label,
    count(*) as firms_count
from fct_beneficiaries_yearly as beneficiaries
inner join latest_year
    on beneficiaries.program_year = latest_year.program_year
group by beneficiaries.department_name, beneficiaries.size_class_label
order by beneficiaries.department_name, beneficiaries.size_class_label

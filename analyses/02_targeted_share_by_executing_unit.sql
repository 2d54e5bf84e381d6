-- Pregunta: en el último año del programa, ¿qué porcentaje de las empresas
-- que atendió cada unidad ejecutora pertenece a la población objetivo?
-- Lee fct_firm_services_yearly (una fila por empresa, unidad, producto y
-- departamento en el año, ya con is_targeted) y cuenta empresas distintas
-- por firm_number, un entero: no recorre ni une los servicios uno por uno.
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    firm_services.executing_unit_code,
    count(distinct firm_services.firm_number) as firms_count,
    round(
        100.0 * count(distinct case
            when firm_services.is_targeted then firm_services.firm_number
        end) / nullif(count(distinct firm_services.firm_number), 0),
        1
    ) as targeted_pct
from fct_firm_services_yearly as firm_services
inner join latest_year
    on firm_services.program_year = latest_year.program_year
where firm_services.is_targeted is not null
group by firm_services.executing_unit_code
order by firm_services.executing_unit_code

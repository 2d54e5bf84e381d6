-- Pregunta: en el último año del programa, ¿qué porcentaje de las empresas
-- que atendió cada unidad ejecutora pertenece a la población objetivo?
-- Lee fct_firm_services_yearly (una fila por empresa, unidad, producto y
-- departamento en el año, ya con is_targeted): toma cada par unidad-empresa
-- una vez, por firm_number, un entero, y los cuenta; no recorre ni une los
-- servicios uno por uno.
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
),

unit_firms as (
    select distinct
        firm_services.executing_unit_code,
        firm_services.firm_number,
        firm_services.is_targeted
    from fct_firm_services_yearly as firm_services
    inner join latest_year
        on firm_services.program_year = latest_year.program_year
    where firm_services.is_targeted is not null
)

select
    executing_unit_code,
    count(*) as firms_count,
    round(
        100.0 * count(*) filter (where is_targeted) / nullif(count(*), 0), 1
    ) as targeted_pct
from unit_firms
group by executing_unit_code
order by executing_unit_code

-- Pregunta: en el último año del programa, ¿qué porcentaje de las empresas
-- que atendió cada unidad ejecutora pertenece a la población objetivo?
-- Lee fct_unit_firms_yearly, donde las empresas distintas de cada unidad y
-- año ya están contadas: un tablero lee unas pocas filas.
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    unit_firms.executing_unit_code,
    unit_firms.firms_count,
    round(
        100.0 * unit_firms.targeted_firms_count
        / nullif(unit_firms.firms_count, 0),
        1
    ) as targeted_pct
from fct_unit_firms_yearly as unit_firms
inner join latest_year
    on unit_firms.program_year = latest_year.program_year
order by unit_firms.executing_unit_code

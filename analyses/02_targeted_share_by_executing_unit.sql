-- Pregunta: en el último año del programa, ¿qué porcentaje de las empresas
-- que atendió cada unidad ejecutora pertenece a la población objetivo?
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    deliveries.executing_unit_code,
    count(distinct deliveries.firm_id) as firms_count,
    round(
        100.0 * count(distinct case
            when beneficiaries.is_targeted then deliveries.firm_id
        end) / nullif(count(distinct deliveries.firm_id), 0),
        1
    ) as targeted_pct
from fct_service_deliveries as deliveries
inner join latest_year
    on deliveries.program_year = latest_year.program_year
inner join fct_beneficiaries_yearly as beneficiaries
    on
        deliveries.firm_id = beneficiaries.firm_id
        and deliveries.program_year = beneficiaries.program_year
group by deliveries.executing_unit_code
order by deliveries.executing_unit_code

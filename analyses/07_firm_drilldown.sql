-- Pregunta: ¿qué servicios recibió una empresa atendida en el último año, y
-- cuándo? (el detalle que abre una herramienta de BI con un clic)
with

one_firm as (
    select firm_id
    from fct_beneficiaries_yearly
    where
        program_year
        = (select max(program_year) from fct_beneficiaries_yearly)
    order by firm_id
    limit 1
)

select
    deliveries.delivered_date,
    deliveries.executing_unit_code,
    deliveries.service_label_es,
    deliveries.participants_count
from fct_service_deliveries as deliveries
inner join one_firm
    on deliveries.firm_id = one_firm.firm_id
order by deliveries.delivered_date

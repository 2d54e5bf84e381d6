-- Pregunta: ¿qué servicios recibió una empresa atendida en el último año, y
-- cuándo? (el detalle que abre una herramienta de BI con un clic)
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
),

one_firm as (
    select beneficiaries.firm_id
    from fct_beneficiaries_yearly as beneficiaries
    inner join latest_year
        on beneficiaries.program_year = latest_year.program_year
    order by beneficiaries.firm_id
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

-- One firm's history: the drill-down a BI tool runs on a click.
with

one_firm as (
    select firm_id
    from marts.fct_beneficiaries_yearly
    where program_year = 2024
    order by firm_id
    limit 1
)

select
    deliveries.delivered_date,
    deliveries.executing_unit_code,
    deliveries.service_label_es,
    deliveries.participants_count
from marts.fct_service_deliveries as deliveries
inner join one_firm
    on deliveries.firm_id = one_firm.firm_id
order by deliveries.delivered_date

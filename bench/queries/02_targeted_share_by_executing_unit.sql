-- Share of served firms that are in the target population, by executing unit.
select
    deliveries.executing_unit_code,
    count(distinct deliveries.firm_id) as firms_count,
    round(
        100.0 * count(distinct case
            when beneficiaries.is_targeted then deliveries.firm_id
        end) / nullif(count(distinct deliveries.firm_id), 0),
        1
    ) as targeted_pct
from marts.fct_service_deliveries as deliveries
inner join marts.fct_beneficiaries_yearly as beneficiaries
    on
        deliveries.firm_id = beneficiaries.firm_id
        and deliveries.program_year = beneficiaries.program_year
where deliveries.program_year = 2024
group by deliveries.executing_unit_code
order by deliveries.executing_unit_code

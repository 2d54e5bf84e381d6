-- The 15 CIIU codes with the most firms served in 2024.
select
    ciiu_code,
    sector_label,
    count(*) as firms_count,
    sum(services_count) as services_count
from marts.fct_beneficiaries_yearly
where program_year = 2024 and ciiu_code is not null
group by ciiu_code, sector_label
order by firms_count desc, ciiu_code
limit 15

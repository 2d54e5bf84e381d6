-- Pregunta: ¿cuáles son los 15 códigos CIIU con más empresas atendidas en el
-- último año del programa, y cuántos servicios recibieron?
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    beneficiaries.ciiu_code,
    beneficiaries.sector_label,
    count(*) as firms_count,
    sum(beneficiaries.services_count) as services_count
from fct_beneficiaries_yearly as beneficiaries
inner join latest_year
    on beneficiaries.program_year = latest_year.program_year
where beneficiaries.ciiu_code is not null
group by beneficiaries.ciiu_code, beneficiaries.sector_label
order by firms_count desc, beneficiaries.ciiu_code asc
limit 15

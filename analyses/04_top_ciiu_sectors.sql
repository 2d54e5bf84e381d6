-- Pregunta: ¿cuáles son los 15 códigos CIIU con más empresas atendidas en el
-- último año del programa, y cuántos servicios recibieron?
select
    ciiu_code,
    sector_label,
    count(*) as firms_count,
    sum(services_count) as services_count
from fct_beneficiaries_yearly
where
    program_year = (select max(program_year) from fct_beneficiaries_yearly)
    and ciiu_code is not null
group by ciiu_code, sector_label
order by firms_count desc, ciiu_code
limit 15

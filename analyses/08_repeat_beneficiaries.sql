-- Pregunta: ¿cuántas empresas fueron atendidas en más de un año del
-- programa, por tipo de empresa?
select
    firms.firm_type_label,
    count(*) as firms_count
from dim_firms as firms
where firms.first_program_year < firms.last_program_year
group by firms.firm_type_label
order by firms.firm_type_label

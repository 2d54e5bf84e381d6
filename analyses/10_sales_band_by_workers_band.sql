-- Pregunta: entre las empresas atendidas en el último año con perfil SUNAT,
-- ¿cómo se cruzan el rango de ventas y el rango de trabajadores, y cuál es
-- la mediana de ventas de cada cruce?
with

latest_year as (
    select max(program_year) as program_year
    from fct_beneficiaries_yearly
)

select
    beneficiaries.sales_band_label,
    beneficiaries.workers_band_label,
    count(*) as firms_count,
    median(beneficiaries.sales_pen) as median_sales_pen
from fct_beneficiaries_yearly as beneficiaries
inner join latest_year
    on beneficiaries.program_year = latest_year.program_year
where beneficiaries.has_profile
group by beneficiaries.sales_band_label, beneficiaries.workers_band_label
order by beneficiaries.sales_band_label, beneficiaries.workers_band_label

-- Pregunta: entre las empresas atendidas en el último año con perfil SUNAT,
-- ¿cómo se cruzan el rango de ventas y el rango de trabajadores, y cuál es
-- la mediana de ventas de cada cruce?
select
    sales_band_label,
    workers_band_label,
    count(*) as firms_count,
    median(sales_pen) as median_sales_pen
from fct_beneficiaries_yearly
where
    program_year = (select max(program_year) from fct_beneficiaries_yearly)
    and has_profile
group by sales_band_label, workers_band_label
order by sales_band_label, workers_band_label

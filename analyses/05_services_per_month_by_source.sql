-- Pregunta: ¿cuántos servicios y participantes registró cada sistema de
-- origen por mes? (el gráfico de líneas de un tablero)
-- Lee fct_services_monthly, ya sumada por mes: un tablero no recorre los
-- servicios uno por uno cada vez que se abre.
select
    monthly.calendar_year,
    monthly.calendar_month,
    monthly.source_system,
    sum(monthly.services_count) as services_count,
    sum(monthly.participants_count) as participants_count
from fct_services_monthly as monthly
group by monthly.calendar_year, monthly.calendar_month, monthly.source_system
order by monthly.calendar_year, monthly.calendar_month, monthly.source_system

-- Pregunta: ¿cuántos servicios y participantes registró cada sistema de
-- origen por mes? (el gráfico de líneas de un tablero)
select
    dates.calendar_year,
    dates.calendar_month,
    deliveries.source_system,
    count(*) as services_count,
    sum(deliveries.participants_count) as participants_count
from fct_service_deliveries as deliveries
inner join dim_dates as dates
    on deliveries.delivered_date = dates.date_day
group by dates.calendar_year, dates.calendar_month, deliveries.source_system
order by dates.calendar_year, dates.calendar_month, deliveries.source_system

-- Pregunta: por año y tema de capacitación, ¿qué porcentaje de los
-- participantes evaluados aprobó y qué porcentaje mejoró su puntaje?
select
    program_year,
    training_topic,
    count(*) as evaluated_count,
    round(100.0 * avg(case when has_passed then 1 else 0 end), 1)
        as passed_pct,
    round(100.0 * avg(case when has_improved then 1 else 0 end), 1)
        as improved_pct
from fct_training_participations
where is_evaluated
group by program_year, training_topic
order by program_year, training_topic

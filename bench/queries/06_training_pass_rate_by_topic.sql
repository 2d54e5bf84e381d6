-- Pass and improvement rates of evaluated participants by training topic.
select
    program_year,
    training_topic,
    count(*) as evaluated_count,
    round(100.0 * avg(case when has_passed then 1 else 0 end), 1)
        as passed_pct,
    round(100.0 * avg(case when has_improved then 1 else 0 end), 1)
        as improved_pct
from marts.fct_training_participations
where is_evaluated
group by program_year, training_topic
order by program_year, training_topic

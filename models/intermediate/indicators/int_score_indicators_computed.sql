{#
    Numerator and denominator per programme year of the indicators whose
    rule reads test scores (seed indicator_rules; docs/feeds.md, "Rules
    the warehouse applies"), from fct_training_participations in the
    rule's activity and subject:
    - best_post_score_at_least_pass_mark (people): of the people evaluated
      (post-test score on record), those whose best post-test score of the
      year reaches the pass mark;
    - any_participant_improved (firms): of the firms with at least one
      participant evaluated before and after, those with at least one
      participant who scored higher after.
#}

with

rules as (

    {{ indicator_rules_typed() }}

),

participations as (

    select * from {{ ref('fct_training_participations') }}

),

rule_participations as (

    select
        rules.indicator_code,
        rules.rule,
        rules.pass_mark_pct,
        participations.program_year,
        participations.participant_id,
        participations.firm_id,
        participations.post_score_pct,
        participations.has_improved
    from participations
    inner join rules
        on
            participations.activity_code = rules.activity_code
            and participations.indicator_subject = rules.indicator_subject

),

person_scores as (

    select
        indicator_code,
        program_year,
        participant_id,
        max(pass_mark_pct) as pass_mark_pct,
        max(post_score_pct) as best_post_score_pct
    from rule_participations
    where
        rule = 'best_post_score_at_least_pass_mark'
        and post_score_pct is not null
    group by indicator_code, program_year, participant_id

),

firm_scores as (

    select
        indicator_code,
        program_year,
        firm_id,
        {{ dbt.bool_or('has_improved') }} as has_improved
    from rule_participations
    where
        rule = 'any_participant_improved'
        and has_improved is not null
    group by indicator_code, program_year, firm_id

),

results as (

    select
        indicator_code,
        program_year,
        sum(
            case when best_post_score_pct >= pass_mark_pct then 1 else 0 end
        ) as numerator,
        count(*) as denominator
    from person_scores
    group by indicator_code, program_year
    union all
    select
        indicator_code,
        program_year,
        sum(case when has_improved then 1 else 0 end) as numerator,
        count(*) as denominator
    from firm_scores
    group by indicator_code, program_year

),

final as (

    select
        {{ composite_key(['program_year', 'indicator_code']) }}
            as indicator_year_id,
        *
    from results

)

select * from final

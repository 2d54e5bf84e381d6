{#
    One row per programme year and performance indicator (seed
    performance_indicators): numerator, denominator, value, target, gap and
    whether the target was met. Values follow seed indicator_rules and
    docs/feeds.md ("Rules the warehouse applies"):
    - best_post_score_at_least_pass_mark (people): of the people evaluated
      (post-test score on record) in the rule's activity and subject, those
      whose best post-test score of the year reaches the pass mark;
    - any_participant_improved (firms): of the firms with at least one
      participant evaluated before and after in the rule's activity and
      subject, those with at least one participant who scored higher after;
    - any_business_opportunity (firms): of the MIPYME (size classes flagged
      is_mipyme; unknown size counts as MIPYME) at a trade fair or business
      round of the rule's activity,
      those with at least one business opportunity.
    Indicators not computable from records (CITE coverage: no population
    denominator is given) carry a null value and the reason. Targets come
    from seed performance_indicator_years (one row per indicator and year);
    a year without a row there has no target yet.
#}

with

indicators as (

    select * from {{ ref('performance_indicators') }}

),

indicator_targets as (

    select * from {{ ref('performance_indicator_years') }}

),

{# Codes compared as text and marks as numbers, however the seed is typed. #}
rules as (

    select
        indicator_code,
        cast(activity_code as {{ dbt.type_string() }}) as activity_code,
        indicator_subject,
        unit_of_analysis,
        rule,
        cast(pass_mark_pct as {{ dbt.type_numeric() }}) as pass_mark_pct,
        population_filter
    from {{ ref('indicator_rules') }}

),

participations as (

    select * from {{ ref('fct_training_participations') }}

),

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

size_classes as (

    select * from {{ ref('firm_size_classes') }}

),

program_years as (

    select distinct program_year from beneficiaries

),

person_scores as (

    select
        rules.indicator_code,
        participations.program_year,
        participations.participant_id,
        max(rules.pass_mark_pct) as pass_mark_pct,
        max(participations.post_score_pct) as best_post_score_pct
    from participations
    inner join rules
        on
            participations.activity_code = rules.activity_code
            and participations.indicator_subject = rules.indicator_subject
    where
        rules.rule = 'best_post_score_at_least_pass_mark'
        and participations.post_score_pct is not null
    group by
        rules.indicator_code,
        participations.program_year,
        participations.participant_id

),

person_results as (

    select
        indicator_code,
        program_year,
        sum(
            case when best_post_score_pct >= pass_mark_pct then 1 else 0 end
        ) as numerator,
        count(*) as denominator
    from person_scores
    group by indicator_code, program_year

),

firm_scores as (

    select
        rules.indicator_code,
        participations.program_year,
        participations.firm_id,
        {{ dbt.bool_or('participations.has_improved') }} as has_improved
    from participations
    inner join rules
        on
            participations.activity_code = rules.activity_code
            and participations.indicator_subject = rules.indicator_subject
    where
        rules.rule = 'any_participant_improved'
        and participations.has_improved is not null
    group by
        rules.indicator_code,
        participations.program_year,
        participations.firm_id

),

firm_results as (

    select
        indicator_code,
        program_year,
        sum(case when has_improved then 1 else 0 end) as numerator,
        count(*) as denominator
    from firm_scores
    group by indicator_code, program_year

),

{# MIPYME: the size classes flagged is_mipyme in firm_size_classes. #}
opportunity_firms as (

    select
        rules.indicator_code,
        deliveries.program_year,
        deliveries.firm_id,
        {{ dbt.bool_or(
            'coalesce(deliveries.has_business_opportunity, false)'
        ) }} as has_business_opportunity
    from deliveries
    inner join rules
        on deliveries.activity_code = rules.activity_code
    inner join beneficiaries
        on
            deliveries.firm_id = beneficiaries.firm_id
            and deliveries.program_year = beneficiaries.program_year
    left join size_classes
        on beneficiaries.size_class = size_classes.size_class_code
    where
        rules.rule = 'any_business_opportunity'
        and deliveries.promotion_channel is not null
        {# a firm of unknown size is counted as MIPYME (docs/feeds.md) #}
        and coalesce(size_classes.is_mipyme, true)
    group by
        rules.indicator_code,
        deliveries.program_year,
        deliveries.firm_id

),

opportunity_results as (

    select
        indicator_code,
        program_year,
        sum(case when has_business_opportunity then 1 else 0 end)
            as numerator,
        count(*) as denominator
    from opportunity_firms
    group by indicator_code, program_year

),

results as (

    select * from person_results
    union all
    select * from firm_results
    union all
    select * from opportunity_results

),

indicator_years as (

    select
        indicators.*,
        program_years.program_year,
        rules.rule,
        rules.activity_code as rule_activity_code,
        rules.population_filter,
        rules.pass_mark_pct
    from indicators
    cross join program_years
    left join rules
        on indicators.indicator_code = rules.indicator_code

),

valued as (

    select
        indicator_years.*,
        results.numerator,
        results.denominator,
        case
            when indicator_years.computable_from_records
                then {{ safe_pct('results.numerator', 'results.denominator') }}
        end as value_pct,
        cast(indicator_targets.target_pct as {{ dbt.type_numeric() }})
            as target_pct,
        coalesce(indicator_targets.is_new_in_year, false) as is_new_in_year
    from indicator_years
    left join results
        on
            indicator_years.indicator_code = results.indicator_code
            and indicator_years.program_year = results.program_year
    left join indicator_targets
        on
            indicator_years.indicator_code = indicator_targets.indicator_code
            and indicator_years.program_year = indicator_targets.program_year

),

final as (

    select
        {{ dbt.concat([
            "cast(program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "indicator_code",
        ]) }} as indicator_year_id,
        program_year,
        indicator_code,
        name_es as indicator_name_es,
        product_code,
        product_code_as_headed_in_report,
        is_heading_misplaced,
        unit_of_analysis,
        is_new_in_year,
        rule,
        rule_activity_code,
        population_filter,
        pass_mark_pct,
        computable_from_records as is_computable,
        case
            when not computable_from_records
                then
                    'no population denominator: the report does not give '
                    || 'the number of MIPYME in the scope of the indicator '
                    || 'and seeds/program_parameters holds no such parameter'
            when rule is null
                then 'no rule in seed indicator_rules'
        end as not_computable_reason,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator,
        value_pct,
        target_pct,
        cast(value_pct - target_pct as {{ dbt.type_numeric() }}) as gap_pp,
        case
            when value_pct is not null and target_pct is not null
                then value_pct >= target_pct
        end as is_target_met
    from valued

)

select * from final

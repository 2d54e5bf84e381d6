{#
    One row per programme year and performance indicator (seed
    performance_indicators): numerator, denominator, value, target, gap and
    whether the target was met. The indicator, its rule and its target per
    year come from int_indicator_years_listed; numerator and denominator
    from the model that applies the indicator's rule (seed indicator_rules;
    docs/feeds.md, "Rules the warehouse applies"):
    - int_score_indicators_computed: best_post_score_at_least_pass_mark
      (people) and any_participant_improved (firms);
    - int_opportunity_indicators_computed: any_business_opportunity (MIPYME
      firms at fairs and business rounds).
    Indicators not computable from records (CITE coverage: no population
    denominator is given) carry a null value and the reason.
#}

with

indicator_years as (

    select * from {{ ref('int_indicator_years_listed') }}

),

results as (

    {{ union_models([
        'int_score_indicators_computed',
        'int_opportunity_indicators_computed',
    ]) }}

),

valued as (

    select
        indicator_years.*,
        results.numerator,
        results.denominator,
        case
            when indicator_years.computable_from_records
                then {{ safe_pct('results.numerator', 'results.denominator') }}
        end as value_pct
    from indicator_years
    left join results
        on indicator_years.indicator_year_id = results.indicator_year_id

),

final as (

    select
        indicator_year_id,
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

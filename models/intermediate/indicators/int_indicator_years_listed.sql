{#
    One row per performance indicator (seed performance_indicators) and
    programme year (the years of fct_beneficiaries_yearly), with the
    indicator's rule (seed indicator_rules; null when it has none) and its
    target for the year (seed performance_indicator_years; a year without
    a row there has no target yet).
#}

with

indicators as (

    select * from {{ ref('performance_indicators') }}

),

indicator_targets as (

    select * from {{ ref('performance_indicator_years') }}

),

rules as (

    {{ indicator_rules_typed() }}

),

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

program_years as (

    select distinct program_year from beneficiaries

),

final as (

    select
        {{ composite_key([
            'program_years.program_year', 'indicators.indicator_code',
        ]) }} as indicator_year_id,
        indicators.indicator_code,
        indicators.product_code,
        indicators.product_code_as_headed_in_report,
        indicators.is_heading_misplaced,
        indicators.name_es,
        indicators.unit_of_analysis,
        indicators.computable_from_records,
        program_years.program_year,
        rules.rule,
        rules.activity_code as rule_activity_code,
        rules.population_filter,
        rules.pass_mark_pct,
        cast(indicator_targets.target_pct as {{ dbt.type_numeric() }})
            as target_pct,
        coalesce(indicator_targets.is_new_in_year, false) as is_new_in_year
    from indicators
    cross join program_years
    left join rules
        on indicators.indicator_code = rules.indicator_code
    left join indicator_targets
        on
            indicators.indicator_code = indicator_targets.indicator_code
            and program_years.program_year = indicator_targets.program_year

)

select * from final

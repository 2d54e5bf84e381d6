{#
    The report's "Indicadores de desempeño" section lists some indicators
    under another product's heading; seed performance_indicators records it
    (product_code, product_code_as_headed_in_report, is_heading_misplaced).
    This holds that known state: the flag says exactly whether the two
    codes differ, ind_performance_indicators carries the codes and the flag
    for every indicator in every programme year, and the records support
    the seed's product, not the heading: the activity whose records the
    indicator counts (seed indicator_rules) belongs to the indicator's
    product (seed program_activities). One row per indicator, year and
    problem.
#}

with

indicators as (

    select * from {{ ref('performance_indicators') }}

),

computed as (

    select * from {{ ref('ind_performance_indicators') }}

),

rules as (

    select * from {{ ref('indicator_rules') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

program_years as (

    select distinct program_year from computed

),

expected as (

    select
        indicators.*,
        program_years.program_year
    from indicators
    cross join program_years

),

carried as (

    select
        expected.indicator_code,
        expected.program_year,
        case
            when computed.indicator_code is null
                then 'not in ind_performance_indicators'
            {# the seed has no nulls: a null computed value differs #}
            when
                not coalesce(
                    computed.product_code = expected.product_code
                    and computed.product_code_as_headed_in_report
                    = expected.product_code_as_headed_in_report
                    and computed.is_heading_misplaced
                    = expected.is_heading_misplaced,
                    false
                )
                then 'product codes or flag differ from the seed'
        end as problem
    from expected
    left join computed
        on
            expected.indicator_code = computed.indicator_code
            and expected.program_year = computed.program_year

),

flagged as (

    select
        indicator_code,
        cast(null as {{ dbt.type_int() }}) as program_year,
        case
            when
                is_heading_misplaced
                != (product_code != product_code_as_headed_in_report)
                then 'is_heading_misplaced disagrees with the two codes'
        end as problem
    from indicators

),

supported as (

    select
        indicators.indicator_code,
        cast(null as {{ dbt.type_int() }}) as program_year,
        case
            when activities.activity_code is null
                then 'the rule''s activity is not in program_activities'
            when activities.product_code != indicators.product_code
                then
                    'the records counted belong to product '
                    || activities.product_code
                    || ', not the seed''s product'
        end as problem
    from indicators
    inner join rules
        on indicators.indicator_code = rules.indicator_code
    left join activities
        on rules.activity_code = activities.activity_code

),

problems as (

    select * from carried
    union all
    select * from flagged
    union all
    select * from supported

)

select * from problems
where problem is not null

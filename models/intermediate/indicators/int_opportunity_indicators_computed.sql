{#
    Numerator and denominator per programme year of the indicators with
    rule any_business_opportunity (seed indicator_rules; docs/feeds.md):
    of the MIPYME at a trade fair or business round of the rule's activity
    (fct_service_deliveries with a promotion channel), those with at least
    one business opportunity. MIPYME: the size classes flagged is_mipyme in
    seed firm_size_classes, by the firm's size that year
    (fct_beneficiaries_yearly); a firm of unknown size counts as MIPYME.
#}

with

rules as (

    {{ indicator_rules_typed() }}

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

final as (

    select
        {{ composite_key(['program_year', 'indicator_code']) }}
            as indicator_year_id,
        indicator_code,
        program_year,
        sum(case when has_business_opportunity then 1 else 0 end)
            as numerator,
        count(*) as denominator
    from opportunity_firms
    group by indicator_code, program_year

)

select * from final

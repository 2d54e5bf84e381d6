{#
    One row per programme year, promotion channel (trade fair, business
    round: seed service_code_map.promotion_channel) and executing unit that
    ran it: distinct firms that took part, and how many of them reported at
    least one business opportunity there. Source: fct_service_deliveries.
#}

with

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

promotion_deliveries as (

    select * from deliveries
    where
        promotion_channel is not null
        and firm_id is not null

),

firm_channels as (

    select
        program_year,
        promotion_channel,
        executing_unit_code,
        firm_id,
        min(service_label_es) as promotion_channel_label_es,
        {{ dbt.bool_or('coalesce(has_business_opportunity, false)') }}
            as has_business_opportunity
    from promotion_deliveries
    group by program_year, promotion_channel, executing_unit_code, firm_id

),

channel_counts as (

    select
        program_year,
        promotion_channel,
        executing_unit_code,
        min(promotion_channel_label_es) as promotion_channel_label_es,
        count(*) as firms,
        sum(case when has_business_opportunity then 1 else 0 end)
            as firms_with_business_opportunity
    from firm_channels
    group by program_year, promotion_channel, executing_unit_code

),

final as (

    select
        {{ composite_key([
            'channel_counts.program_year',
            'channel_counts.promotion_channel',
            'channel_counts.executing_unit_code',
        ]) }} as market_access_event_id,
        channel_counts.program_year,
        channel_counts.promotion_channel,
        channel_counts.promotion_channel_label_es,
        channel_counts.executing_unit_code,
        executing_units.executing_unit_name_es,
        cast(channel_counts.firms as bigint) as firms,
        cast(channel_counts.firms_with_business_opportunity as bigint)
            as firms_with_business_opportunity,
        {{ safe_pct(
            'channel_counts.firms_with_business_opportunity',
            'channel_counts.firms',
        ) }} as business_opportunity_pct
    from channel_counts
    left join executing_units
        on
            channel_counts.executing_unit_code
            = executing_units.executing_unit_code

)

select * from final

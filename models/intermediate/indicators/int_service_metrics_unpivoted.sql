{#
    The report metrics about services delivered, in ind_report_metrics'
    long format (one row per programme year, metric and dimension value):
    firms per service line (ind_service_lines), the shares of each line's
    breakdowns and the market-access lines' firms
    (ind_service_line_breakdowns), and the firms at fairs and business
    rounds per executing unit (ind_market_access_events). Rows with no
    value are left out.
#}

with

service_lines as (

    select * from {{ ref('ind_service_lines') }}

),

breakdowns as (

    select * from {{ ref('ind_service_line_breakdowns') }}

),

market_access_events as (

    select * from {{ ref('ind_market_access_events') }}

),

final as (

    {{ report_metric_rows(
        'service_lines',
        "case service_line
            when 'training' then 'trained_firms'
            when 'dissemination' then 'dissemination_firms'
            when 'tech_transfer' then 'tech_transfer_firms'
            when 'market_access' then 'market_access_firms'
        end",
        'firms',
        'ind_service_lines',
    ) }}
    union all
    {{ report_metric_rows(
        'breakdowns',
        "case breakdown
            when 'executing_unit' then 'trained_by_unit_pct'
            when 'training_topic' then 'trained_topic_pct'
            when 'dissemination_type' then 'dissemination_type_pct'
            when 'tech_transfer_service' then 'tech_transfer_service_pct'
        end",
        'share_of_line_pct',
        'ind_service_line_breakdowns',
        dimension='category_code',
        where="breakdown != 'market_access_line'",
    ) }}
    union all
    {{ report_metric_rows(
        'breakdowns',
        "'market_access_line_firms'",
        'firms',
        'ind_service_line_breakdowns',
        dimension='category_code',
        where="breakdown = 'market_access_line'",
    ) }}
    union all
    {{ report_metric_rows(
        'market_access_events',
        "case promotion_channel
            when 'feria' then 'fair_firms'
            when 'rueda_negocios' then 'business_round_firms'
        end",
        'firms',
        'ind_market_access_events',
        dimension='executing_unit_code',
    ) }}

)

select * from final

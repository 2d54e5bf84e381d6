{#
    The report metrics of the performance indicators, in
    ind_report_metrics' long format (one row per programme year, metric and
    indicator): each indicator's value and its gap to the target in
    percentage points (ind_performance_indicators). Rows with no value are
    left out.
#}

with

indicators as (

    select * from {{ ref('ind_performance_indicators') }}

),

final as (

    {{ report_metric_rows(
        'indicators',
        "'indicator_value'",
        'value_pct',
        'ind_performance_indicators',
        dimension='indicator_code',
    ) }}
    union all
    {{ report_metric_rows(
        'indicators',
        "'indicator_gap_pp'",
        'gap_pp',
        'ind_performance_indicators',
        dimension='indicator_code',
    ) }}

)

select * from final

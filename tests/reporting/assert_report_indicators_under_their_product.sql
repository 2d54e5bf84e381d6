{{ config(severity='warn') }}

{#
    DELIBERATE WARNING, not a failure: a known inconsistency of the 2024
    report. Its "Indicadores de desempeño" section lists some indicators
    under another product's heading (seed performance_indicators,
    is_heading_misplaced: e.g. the industrial-regulation indicators of
    product 3 under Producto 2). Returns each misplaced indicator with the
    product it belongs to and the heading the report puts it under, for the
    latest programme year.
#}

with

indicators as (

    select * from {{ ref('ind_performance_indicators') }}

),

latest_year as (

    select max(program_year) as program_year from indicators

)

select
    indicators.indicator_code,
    indicators.product_code,
    indicators.product_code_as_headed_in_report,
    indicators.value_pct
from indicators
inner join latest_year
    on indicators.program_year = latest_year.program_year
where indicators.is_heading_misplaced

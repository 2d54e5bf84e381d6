{{ config(severity='warn') }}

{#
    DELIBERATE WARNING, not a failure: a known inconsistency of the 2024
    report. Its Product 4 introduction credits the product with 1,821 firms
    (the number of actions of activity 4.2), while the annex gives 7,291
    firms. Returns both statements with the value the records give and the
    side they support; the warning stays while the report says both.
#}

select
    figure_id,
    report_location,
    published_value,
    computed_value,
    is_supported_by_records,
    status_reason
from {{ ref('rpt_report_figures') }}
where
    conflict_group = 'product_4_firms_text_vs_annex'
    and status = 'report_inconsistent'

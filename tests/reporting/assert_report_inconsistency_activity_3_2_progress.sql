{{ config(severity='warn') }}

{#
    DELIBERATE WARNING, not a failure: a known inconsistency of the 2024
    report. Its Producto 3 text credits activity 3.2 with 2,848 firms (the
    annex target), while the annex progress is 2,831 firms. Returns both
    statements with the value the records give and the side they support;
    the warning stays while the report says both.
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
    conflict_group = 'activity_3_2_progress_text_vs_annex'
    and status = 'report_inconsistent'

{#
    Every published figure that records can produce is reproduced: no row of
    rpt_report_figures has status `mismatch`. Returns the mismatching
    figures with both values, so the failure shows what differs.
    Off when var `compare_with_report` is false (dbt_project.yml): a data
    set that is not the programme's cannot reproduce the report.
#}

{{ config(enabled=(var('compare_with_report') | string | lower == 'true')) }}

select
    figure_id,
    metric,
    dimension_value,
    program_year,
    published_value,
    computed_value,
    computed_value_rounded,
    status_reason
from {{ ref('rpt_report_figures') }}
where status = 'mismatch'

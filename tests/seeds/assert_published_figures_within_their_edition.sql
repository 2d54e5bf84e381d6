{#
    A report edition prints figures of its own programme year or earlier
    ones (a change against the previous year): no published figure is about
    a year after the edition it comes from. Returns the figures that are.
#}

select
    figure_id,
    program_year,
    report_edition
from {{ ref('published_figures') }}
where program_year > report_edition

{#
    rpt_report_figures holds exactly the figures of seed published_figures
    besides its not_published rows (computed values of years whose report
    is not entered): none missing, none extra (the row counts reconcile
    both ways). Returns each figure_id found on one side only.
#}

with

figures as (

    select figure_id from {{ ref('published_figures') }}

),

reported as (

    select figure_id from {{ ref('rpt_report_figures') }}
    where status != 'not_published'

),

missing as (

    select
        figures.figure_id,
        'in published_figures, missing from rpt_report_figures'
            as failure_reason
    from figures
    left join reported
        on figures.figure_id = reported.figure_id
    where reported.figure_id is null

),

extra as (

    select
        reported.figure_id,
        'in rpt_report_figures, not in published_figures' as failure_reason
    from reported
    left join figures
        on reported.figure_id = figures.figure_id
    where figures.figure_id is null

)

select * from missing
union all
select * from extra

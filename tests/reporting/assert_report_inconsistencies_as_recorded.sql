{#
    Each known contradiction inside a report (the rows of seed
    published_figures sharing a conflict_group) stays as recorded: every
    side is in rpt_report_figures with status report_inconsistent and a
    reason, and the side the records support is the one the seed names
    (is_side_supported_by_records). Also checks the seed itself: a
    contradiction has at least two sides, each side says whether it is
    supported, and at most one side is. One row per figure (or conflict
    group) and problem; fails when the records come to support another
    side, or the report figures stop showing the contradiction.
    Off when var `compare_with_report` is false (dbt_project.yml): a data
    set that is not the programme's cannot reproduce the report.
#}

{{ config(enabled=(var('compare_with_report') | string | lower == 'true')) }}

with

figures as (

    select * from {{ ref('published_figures') }}
    where conflict_group is not null

),

reported as (

    select * from {{ ref('rpt_report_figures') }}
    where figure_id in (select figures.figure_id from figures)

),

conflict_groups as (

    select
        conflict_group,
        count(*) as side_count,
        count(is_side_supported_by_records) as recorded_side_count,
        sum(case when is_side_supported_by_records then 1 else 0 end)
            as supported_side_count
    from figures
    group by conflict_group

),

figure_problems as (

    select
        figures.figure_id,
        figures.conflict_group,
        case
            when reported.figure_id is null
                then 'not in rpt_report_figures'
            when reported.status != 'report_inconsistent'
                then 'status is ' || reported.status
            when reported.status_reason is null
                then 'no status_reason'
            {# both are set on a conflict's rows (group checks below) #}
            when
                not coalesce(
                    reported.is_supported_by_records
                    = figures.is_side_supported_by_records,
                    false
                )
                then
                    'the records do not support the side the seed '
                    || 'published_figures records'
        end as problem
    from figures
    left join reported
        on figures.figure_id = reported.figure_id

),

group_problems as (

    select
        cast(null as {{ dbt.type_string() }}) as figure_id,
        conflict_group,
        case
            when side_count < 2
                then 'a contradiction needs at least two statements'
            when recorded_side_count < side_count
                then 'is_side_supported_by_records empty on a side'
            when supported_side_count > 1
                then 'the records cannot support two contradicting sides'
        end as problem
    from conflict_groups

),

problems as (

    select * from figure_problems
    union all
    select * from group_problems

)

select * from problems
where problem is not null

{#
    Contradictions inside a report are marked, and only they are:
    - two exact figures (not bounds) of one report edition for the same
      metric, dimension and year must share a conflict_group (a later
      edition restating a figure is not a contradiction);
    - every conflict_group holds at least two rows of one metric, dimension
      and year, with different values.
    Returns the offending (metric, dimension, year) or conflict_group.
#}

with figures as (

    select * from {{ ref('published_figures') }}
    where not is_lower_bound

),

by_fact as (

    select
        report_edition,
        metric,
        dimension_value,
        program_year,
        count(*) as figure_count,
        count(distinct coalesce(conflict_group, figure_id)) as group_count
    from figures
    group by report_edition, metric, dimension_value, program_year

),

unmarked_duplicates as (

    select
        'unmarked duplicate: '
        || metric
        || ' '
        || coalesce(dimension_value, '') as failure_reason
    from by_fact
    where figure_count > 1 and group_count > 1

),

by_group as (

    select
        conflict_group,
        count(*) as figure_count,
        count(distinct published_value) as value_count,
        count(
            distinct metric || '|' || coalesce(dimension_value, '')
            || '|' || cast(program_year as varchar)
        ) as fact_count
    from figures
    where conflict_group is not null
    group by conflict_group

),

malformed_groups as (

    select 'malformed conflict group: ' || conflict_group as failure_reason
    from by_group
    where figure_count < 2 or value_count < 2 or fact_count <> 1

)

select * from unmarked_duplicates
union all
select * from malformed_groups

{#
    Physical performance per programme year and budget line: each activity
    and product of fct_physical_targets, and the programme total (all firms
    served, ind_population_served). Annual target (meta física), the
    progress computed from the service records and the progress SIAF
    reports, achievement % = computed progress / target and its rating
    (both rated once, in fct_physical_targets), and the change of progress
    against the previous year. Physical and population only: no budget
    source.
#}

with

physical_targets as (

    select * from {{ ref('fct_physical_targets') }}

),

population as (

    select * from {{ ref('ind_population_served') }}

),

physical_lines as (

    select
        program_year,
        level as line_level,
        coalesce(activity_code, product_code) as budget_line_code,
        product_code,
        activity_code,
        coalesce(activity_name_es, product_name_es) as budget_line_name_es,
        unit_of_measure,
        progress_basis,
        annual_target,
        computed_progress as progress,
        reported_progress,
        computed_achievement_pct as achievement_pct,
        computed_rating_code as rating_code,
        computed_rating_label as rating_label_es,
        sort_order
    from physical_targets

),

{# The total line has no target, so no achievement and no rating. #}
total_lines as (

    select
        program_year,
        'programa' as line_level,
        'total' as budget_line_code,
        cast(null as {{ dbt.type_string() }}) as product_code,
        cast(null as {{ dbt.type_string() }}) as activity_code,
        'Total del programa' as budget_line_name_es,
        'Empresas' as unit_of_measure,
        'firms' as progress_basis,
        cast(null as {{ dbt.type_numeric() }}) as annual_target,
        firms_served as progress,
        cast(null as {{ dbt.type_numeric() }}) as reported_progress,
        cast(null as {{ dbt.type_numeric() }}) as achievement_pct,
        cast(null as {{ dbt.type_string() }}) as rating_code,
        cast(null as {{ dbt.type_string() }}) as rating_label_es,
        cast(null as integer) as sort_order
    from population

),

lines as (

    select * from physical_lines
    union all
    select * from total_lines

),

compared as (

    select
        lines.*,
        previous_year.progress as previous_year_progress
    from lines
    left join lines as previous_year
        on {{ previous_year_matches(
            'lines', 'previous_year', ['line_level', 'budget_line_code']
        ) }}

),

final as (

    select
        {{ composite_key(['program_year', 'line_level', 'budget_line_code']) }}
            as budget_line_year_id,
        program_year,
        line_level,
        budget_line_code,
        product_code,
        activity_code,
        budget_line_name_es,
        unit_of_measure,
        progress_basis,
        cast(annual_target as {{ dbt.type_numeric() }}) as annual_target,
        cast(progress as bigint) as progress,
        cast(reported_progress as {{ dbt.type_numeric() }})
            as reported_progress,
        achievement_pct,
        rating_code,
        rating_label_es,
        cast(previous_year_progress as bigint) as previous_year_progress,
        {{ safe_pct(
            'progress - previous_year_progress', 'previous_year_progress'
        ) }} as progress_change_pct,
        sort_order
    from compared

)

select * from final

{#
    Physical performance per programme year and budget line: each activity
    and product of fct_physical_targets, and the programme total (all firms
    served, ind_population_served). Annual target (meta física), the
    progress computed from the service records and the progress SIAF
    reports, achievement % = computed progress / target and its rating
    (seed physical_rating_bands), and the change of progress against the
    previous year. Physical and population only: no budget source.
#}

with

physical_targets as (

    select * from {{ ref('fct_physical_targets') }}

),

population as (

    select * from {{ ref('ind_population_served') }}

),

line_names as (

    select * from {{ ref('int_budget_lines_named') }}

),

{#
    MERGE (issue 20): fct_physical_targets rates achievement once; when it
    carries the rating of computed progress / target, read it from there
    and drop this seed and the rated CTE below.
#}
rating_bands as (

    select * from {{ ref('physical_rating_bands') }}

),

physical_lines as (

    select
        program_year,
        level as line_level,
        coalesce(activity_code, product_code) as budget_line_code,
        product_code,
        activity_code,
        unit_of_measure,
        progress_basis,
        annual_target,
        computed_progress as progress,
        reported_progress,
        sort_order
    from physical_targets

),

total_lines as (

    select
        program_year,
        'programa' as line_level,
        'total' as budget_line_code,
        cast(null as {{ dbt.type_string() }}) as product_code,
        cast(null as {{ dbt.type_string() }}) as activity_code,
        'Empresas' as unit_of_measure,
        'firms' as progress_basis,
        cast(null as {{ dbt.type_numeric() }}) as annual_target,
        firms_served as progress,
        cast(null as {{ dbt.type_numeric() }}) as reported_progress,
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
        line_names.budget_line_name_es,
        previous_year.progress as previous_year_progress,
        {{ safe_pct('lines.progress', 'lines.annual_target') }}
            as achievement_pct
    from lines
    left join lines as previous_year
        on
            lines.line_level = previous_year.line_level
            and lines.budget_line_code = previous_year.budget_line_code
            and lines.program_year - 1 = previous_year.program_year
    left join line_names
        on
            lines.line_level = line_names.line_level
            and lines.budget_line_code = line_names.budget_line_code

),

rated as (

    select
        compared.*,
        rating_bands.rating_code,
        rating_bands.label_es as rating_label_es
    from compared
    left join rating_bands
        on
            compared.achievement_pct
            >= rating_bands.min_achievement_pct_inclusive
            and (
                rating_bands.max_achievement_pct_exclusive is null
                or compared.achievement_pct
                < rating_bands.max_achievement_pct_exclusive
            )

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
    from rated

)

select * from final

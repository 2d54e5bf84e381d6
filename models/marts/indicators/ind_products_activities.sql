{#
    Physical and financial performance side by side: one row per programme
    year and budget line (each activity, each product, and the programme
    total).
    - Physical (fct_physical_targets): the annual target (meta física),
      the progress computed from the service records (distinct firms, or
      actions for activities measured in Acciones; a product counts the
      distinct firms of its activities flagged counts_toward_product), the
      progress SIAF reports, achievement % = computed progress / target and
      its rating (seed physical_rating_bands), and the change of progress
      against the previous year.
    - Financial (fct_budget_execution, months summed): PIM, devengado and
      execution % = devengado / PIM.
    - cost_per_unit_pen = devengado / computed progress: soles per firm
      served (per action where the unit is actions). The total line's
      progress is all firms served by the programme.
    Years without SIAF or MEF rows carry computed progress only.
#}

with

physical_targets as (

    select * from {{ ref('fct_physical_targets') }}

),

budget_execution as (

    select * from {{ ref('fct_budget_execution') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

products as (

    select * from {{ ref('dim_products') }}

),

population as (

    select * from {{ ref('ind_population_served') }}

),

rating_bands as (

    select * from {{ ref('physical_rating_bands') }}

),

physical_lines as (

    select
        physical_targets.program_year,
        physical_targets.level as line_level,
        coalesce(
            physical_targets.activity_code, physical_targets.product_code
        ) as budget_line_code,
        physical_targets.product_code,
        physical_targets.activity_code,
        coalesce(activities.activity_name_es, products.product_name_es)
            as budget_line_name_es,
        physical_targets.unit_of_measure,
        physical_targets.progress_basis,
        physical_targets.annual_target,
        physical_targets.computed_progress as progress,
        physical_targets.reported_progress,
        physical_targets.sort_order
    from physical_targets
    left join activities
        on physical_targets.activity_code = activities.activity_code
    left join products
        on
            physical_targets.activity_code is null
            and physical_targets.product_code = products.product_code

),

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
        cast(null as integer) as sort_order
    from population

),

lines as (

    select * from physical_lines
    union all
    select * from total_lines

),

activity_budget as (

    select
        program_year,
        activity_code as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year, activity_code

),

product_budget as (

    select
        program_year,
        product_code as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year, product_code

),

total_budget as (

    select
        program_year,
        'total' as budget_line_code,
        sum(pim) as pim,
        sum(devengado) as devengado
    from budget_execution
    group by program_year

),

line_budget as (

    select
        'actividad' as line_level,
        activity_budget.*
    from activity_budget
    union all
    select
        'producto' as line_level,
        product_budget.*
    from product_budget
    union all
    select
        'programa' as line_level,
        total_budget.*
    from total_budget

),

combined as (

    select
        lines.*,
        previous_year.progress as previous_year_progress,
        line_budget.pim,
        line_budget.devengado,
        {{ safe_pct('lines.progress', 'lines.annual_target') }}
            as achievement_pct
    from lines
    left join lines as previous_year
        on
            lines.line_level = previous_year.line_level
            and lines.budget_line_code = previous_year.budget_line_code
            and lines.program_year - 1 = previous_year.program_year
    left join line_budget
        on
            lines.line_level = line_budget.line_level
            and lines.budget_line_code = line_budget.budget_line_code
            and lines.program_year = line_budget.program_year

),

rated as (

    select
        combined.*,
        rating_bands.rating_code,
        rating_bands.label_es as rating_label_es
    from combined
    left join rating_bands
        on
            combined.achievement_pct
            >= rating_bands.min_achievement_pct_inclusive
            and (
                rating_bands.max_achievement_pct_exclusive is null
                or combined.achievement_pct
                < rating_bands.max_achievement_pct_exclusive
            )

),

final as (

    select
        {{ dbt.concat([
            "cast(program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "line_level",
            "':'",
            "budget_line_code",
        ]) }} as budget_line_year_id,
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
        pim,
        devengado,
        {{ safe_pct('devengado', 'pim') }} as execution_pct,
        case
            when progress > 0
                then cast(devengado / progress as {{ dbt.type_numeric() }})
        end as cost_per_unit_pen,
        sort_order
    from rated

)

select * from final

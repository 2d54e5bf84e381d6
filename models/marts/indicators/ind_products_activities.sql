{#
    Physical and financial performance side by side: one row per programme
    year and budget line (each activity, each product, and the programme
    total). The two halves are built apart and only meet here:
    - physical (int_physical_lines_rated): annual target (meta física),
      computed and reported progress, achievement % = computed progress /
      target and its rating, the change of progress against the previous
      year;
    - financial (int_budget_lines_summed): PIM, devengado and execution %
      = devengado / PIM, months summed.
    cost_per_unit_pen = devengado / computed progress: soles per firm
    served (per action where the unit is actions). The total line's
    progress is all firms served by the programme.
    Years without SIAF or MEF rows carry computed progress only.
#}

with

physical_lines as (

    select * from {{ ref('int_physical_lines_rated') }}

),

budget_lines as (

    select * from {{ ref('int_budget_lines_summed') }}

),

final as (

    select
        physical_lines.budget_line_year_id,
        physical_lines.program_year,
        physical_lines.line_level,
        physical_lines.budget_line_code,
        physical_lines.product_code,
        physical_lines.activity_code,
        physical_lines.budget_line_name_es,
        physical_lines.unit_of_measure,
        physical_lines.progress_basis,
        physical_lines.annual_target,
        physical_lines.progress,
        physical_lines.reported_progress,
        physical_lines.achievement_pct,
        physical_lines.rating_code,
        physical_lines.rating_label_es,
        physical_lines.previous_year_progress,
        physical_lines.progress_change_pct,
        budget_lines.pim,
        budget_lines.devengado,
        budget_lines.execution_pct,
        case
            when physical_lines.progress > 0
                then cast(
                    budget_lines.devengado / physical_lines.progress
                    as {{ dbt.type_numeric() }}
                )
        end as cost_per_unit_pen,
        physical_lines.sort_order
    from physical_lines
    left join budget_lines
        on physical_lines.budget_line_year_id = budget_lines.budget_line_year_id

)

select * from final

{#
    One row per programme year and activity, and per programme year and
    product (column level): the SIAF target and reported progress, the
    progress counted from the service records (int_target_lines_counted),
    and achievement both ways (reported or computed progress / target),
    each rated here, the one place ratings are made (seed
    physical_rating_bands). Years without SIAF rows carry computed
    progress only.
#}

with

siaf_rows as (

    select * from {{ ref('stg_siaf__physical_progress') }}

),

line_counts as (

    select * from {{ ref('int_target_lines_counted') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

products as (

    select * from {{ ref('dim_products') }}

),

rating_bands as (

    select * from {{ ref('physical_rating_bands') }}

),

program_years as (

    select program_year from line_counts
    union
    select fiscal_year as program_year from siaf_rows

),

{# Every programme line: each activity and each product, with its MEF code
   (the key of its SIAF row) and what its progress counts. #}
programme_lines as (

    select
        'actividad' as line_level,
        activity_code as line_code,
        product_code,
        activity_code,
        product_name_es,
        activity_name_es,
        mef_activity_code as mef_line_code,
        unit_of_measure,
        progress_basis,
        sort_order
    from activities
    union all
    select
        'producto' as line_level,
        product_code as line_code,
        product_code,
        cast(null as {{ dbt.type_string() }}) as activity_code,
        product_name_es,
        cast(null as {{ dbt.type_string() }}) as activity_name_es,
        mef_product_code as mef_line_code,
        unit_of_measure,
        'firms' as progress_basis,
        sort_order
    from products

),

target_rows as (

    select
        program_years.program_year,
        programme_lines.line_level,
        programme_lines.product_code,
        programme_lines.activity_code,
        programme_lines.product_name_es,
        programme_lines.activity_name_es,
        programme_lines.progress_basis,
        siaf_rows.annual_target,
        siaf_rows.reported_progress,
        programme_lines.sort_order,
        coalesce(siaf_rows.unit_of_measure, programme_lines.unit_of_measure)
            as unit_of_measure,
        case
            when programme_lines.progress_basis = 'actions'
                then coalesce(line_counts.actions_count, 0)
            else coalesce(line_counts.firms_count, 0)
        end as computed_progress
    from program_years
    cross join programme_lines
    left join line_counts
        on
            program_years.program_year = line_counts.program_year
            and programme_lines.line_level = line_counts.line_level
            and programme_lines.line_code = line_counts.line_code
    left join siaf_rows
        on
            program_years.program_year = siaf_rows.fiscal_year
            and programme_lines.line_level = siaf_rows.level
            and programme_lines.mef_line_code = case siaf_rows.level
                when 'actividad' then siaf_rows.mef_activity_code
                when 'producto' then siaf_rows.mef_product_code
            end

),

achievements as (

    select
        *,
        {{ safe_pct('reported_progress', 'annual_target') }}
            as reported_achievement_pct,
        {{ safe_pct('computed_progress', 'annual_target') }}
            as computed_achievement_pct
    from target_rows

),

{# Bands: minimum inclusive, maximum exclusive (none on the top band). #}
rated as (

    select
        achievements.*,
        reported_bands.rating_code as reported_rating_code,
        reported_bands.label_es as reported_rating_label,
        computed_bands.rating_code as computed_rating_code,
        computed_bands.label_es as computed_rating_label
    from achievements
    left join rating_bands as reported_bands
        on {{ in_band(
            'achievements.reported_achievement_pct',
            'reported_bands.min_achievement_pct_inclusive',
            'reported_bands.max_achievement_pct_exclusive',
            upper_inclusive=false,
        ) }}
    left join rating_bands as computed_bands
        on {{ in_band(
            'achievements.computed_achievement_pct',
            'computed_bands.min_achievement_pct_inclusive',
            'computed_bands.max_achievement_pct_exclusive',
            upper_inclusive=false,
        ) }}

),

final as (

    select
        {{ composite_key([
            'program_year',
            'line_level',
            'coalesce(activity_code, product_code)',
        ]) }} as target_id,
        program_year,
        line_level as level,  -- noqa: RF04
        product_code,
        activity_code,
        unit_of_measure,
        progress_basis,
        annual_target,
        reported_progress,
        computed_progress,
        computed_progress - reported_progress as progress_difference,
        reported_achievement_pct,
        computed_achievement_pct,
        reported_rating_code,
        reported_rating_label,
        computed_rating_code,
        computed_rating_label,
        product_name_es,
        activity_name_es,
        sort_order
    from rated

)

select * from final

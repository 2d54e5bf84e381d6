{#
    The values the warehouse computes (ind_report_metrics) for a programme
    year whose own report edition is not in seed published_figures, and
    that no entered edition publishes either, shaped as figures with
    nothing to compare (status not_published): a new year's figures are
    there before its report is. Only metrics of the report's vocabulary
    (seed figure_metrics, which gives their unit).
#}

{% set numeric = dbt.type_numeric() %}
{% set string = dbt.type_string() %}

with

figures as (

    select * from {{ ref('published_figures') }}

),

metrics as (

    select * from {{ ref('ind_report_metrics') }}

),

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

{# Programme years whose own report edition has been entered. #}
published_years as (

    select distinct report_edition as program_year from figures

),

final as (

    select
        {{ composite_key([
            "'computed'",
            'metrics.program_year',
            'metrics.metric',
            'metrics.dimension_value',
        ]) }} as figure_id,
        cast(null as {{ string }}) as section,
        metrics.program_year,
        cast(null as {{ dbt.type_int() }}) as report_edition,
        metrics.metric,
        nullif(metrics.dimension_value, '') as dimension_value,
        cast(null as {{ string }}) as description,
        cast(null as {{ string }}) as report_location,
        figure_metrics.unit,
        cast(null as {{ dbt.type_int() }}) as decimals,
        figure_metrics.is_change,
        false as is_lower_bound,
        cast(null as {{ string }}) as conflict_group,
        {# null here (no figure joins), typed as the seed types it #}
        figures.published_value,
        cast(metrics.computed_value as {{ numeric }}) as computed_value,
        cast(null as {{ numeric }}) as computed_value_rounded,
        cast(null as {{ numeric }}) as difference,
        'not_published' as status,
        'no report edition for this programme year in seed '
        || 'published_figures yet: computed, not compared' as status_reason,
        cast(null as {{ dbt.type_boolean() }}) as is_supported_by_records,
        metrics.source_model
    from metrics
    inner join figure_metrics
        on metrics.metric = figure_metrics.metric
    left join published_years
        on metrics.program_year = published_years.program_year
    left join figures
        on
            metrics.metric = figures.metric
            and metrics.dimension_value
            = coalesce(figures.dimension_value, '')
            and metrics.program_year = figures.program_year
    where
        published_years.program_year is null
        and figures.figure_id is null

)

select * from final

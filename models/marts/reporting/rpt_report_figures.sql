{#
    Every published figure of the report (seed published_figures) beside
    the value the warehouse computes (ind_report_metrics, joined on metric,
    dimension value and programme year) and whether they agree:
    - match: the computed value, rounded to the figure's decimals, equals
      the published value (for a lower bound: the computed value exceeds
      it);
    - mismatch: it does not, or nothing was computed;
    - report_inconsistent: the report states two values for one fact (the
      figure has a conflict_group); is_supported_by_records tells which
      side the records support, and status_reason names it;
    - not_computable: records cannot produce the figure; the seed's
      not_computable_reason is carried as status_reason;
    - not_published: a value the warehouse computes for a programme year
      whose own report edition is not in published_figures (and that no
      entered edition publishes either): shown with nothing to compare, so
      a new year's figures are there before its report is.
    Next to the codes, in Spanish for analysts: the status label (seed
    report_figure_statuses), the category label (dim_code_labels, the code
    set being the metric's dimension_kind) and a description built from the
    metric's Spanish description (seed figure_metrics_es), the category
    label and the programme year.
#}

{% set numeric = dbt.type_numeric() %}
{# The report prints at most this many decimals (seed published_figures). #}
{% set max_decimals = 4 %}

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

metrics_es as (

    select * from {{ ref('figure_metrics_es') }}

),

statuses as (

    select * from {{ ref('report_figure_statuses') }}

),

code_labels as (

    select * from {{ ref('dim_code_labels') }}

),

{# Programme years whose own report edition has been entered. #}
published_years as (

    select distinct report_edition as program_year from figures

),

unpublished as (

    select
        metrics.*,
        figure_metrics.unit,
        figure_metrics.is_change,
        {# null here (no figure joins), typed as the seed types it #}
        figures.published_value
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

),

joined as (

    select
        figures.*,
        metrics.computed_value,
        metrics.source_model,
        {# round() needs a constant precision on some engines. #}
        case figures.decimals
            {% for places in range(max_decimals + 1) %}
                when {{ places }}
                    then
                        cast(
                            round(metrics.computed_value, {{ places }})
                            as {{ numeric }}
                        )
            {% endfor %}
        end as computed_value_rounded
    from figures
    left join metrics
        on
            figures.metric = metrics.metric
            and coalesce(figures.dimension_value, '')
            = metrics.dimension_value
            and figures.program_year = metrics.program_year

),

compared as (

    select
        *,
        case
            when computed_value is null then false
            when is_lower_bound then computed_value > published_value
            else computed_value_rounded = published_value
        end as is_equal
    from joined

),

conflicts as (

    select
        *,
        max(case when is_equal then figure_id end) over (
            partition by conflict_group
        ) as supported_figure_id
    from compared

),

classified as (

    select
        *,
        case
            when not_computable_reason is not null then 'not_computable'
            when conflict_group is not null then 'report_inconsistent'
            when is_equal then 'match'
            else 'mismatch'
        end as status
    from conflicts

),

compared_figures as (

    select
        figure_id,
        section,
        program_year,
        report_edition,
        metric,
        dimension_value,
        description,
        report_location,
        unit,
        decimals,
        is_change,
        is_lower_bound,
        conflict_group,
        published_value,
        cast(computed_value as {{ numeric }}) as computed_value,
        computed_value_rounded,
        cast(
            computed_value_rounded - published_value as {{ numeric }}
        ) as difference,
        status,
        case status
            when 'not_computable' then not_computable_reason
            when 'report_inconsistent'
                then {{ dbt.concat([
                    "'the report states two values for this fact "
                        ~ "(conflict group '",
                    "conflict_group",
                    "'); the records support '",
                    "coalesce(supported_figure_id, 'neither')",
                    "case when is_equal then ' (this figure)' "
                        ~ "else ', not this figure' end",
                ]) }}
            when 'match'
                then case
                    when is_lower_bound
                        then 'the computed value exceeds the stated bound'
                    else 'equal at the precision the report prints'
                end
            else case
                when computed_value is null
                    then 'nothing computed for this metric, value and year'
                else 'differs at the precision the report prints'
            end
        end as status_reason,
        case
            when status != 'not_computable' then is_equal
        end as is_supported_by_records,
        source_model
    from classified

),

unpublished_figures as (

    select
        {{ dbt.concat([
            "'computed:'",
            "cast(program_year as " ~ dbt.type_string() ~ ")",
            "':'",
            "metric",
            "':'",
            "dimension_value",
        ]) }} as figure_id,
        cast(null as {{ dbt.type_string() }}) as section,
        program_year,
        cast(null as {{ dbt.type_int() }}) as report_edition,
        metric,
        nullif(dimension_value, '') as dimension_value,
        cast(null as {{ dbt.type_string() }}) as description,
        cast(null as {{ dbt.type_string() }}) as report_location,
        unit,
        cast(null as {{ dbt.type_int() }}) as decimals,
        is_change,
        false as is_lower_bound,
        cast(null as {{ dbt.type_string() }}) as conflict_group,
        published_value,
        cast(computed_value as {{ numeric }}) as computed_value,
        cast(null as {{ numeric }}) as computed_value_rounded,
        cast(null as {{ numeric }}) as difference,
        'not_published' as status,
        'no report edition for this programme year in seed '
        || 'published_figures yet: computed, not compared' as status_reason,
        cast(null as {{ dbt.type_boolean() }}) as is_supported_by_records,
        source_model
    from unpublished

),

unioned as (

    select * from compared_figures
    union all
    select * from unpublished_figures

),

labelled as (

    select
        unioned.*,
        statuses.status_label_es,
        category_labels.label_es as dimension_label_es,
        {{ dbt.concat([
            "metrics_es.description_es",
            "coalesce(': ' || category_labels.label_es, '')",
            "' ('",
            "cast(unioned.program_year as " ~ dbt.type_string() ~ ")",
            "')'",
        ]) }} as description_es
    from unioned
    left join statuses
        on unioned.status = statuses.status
    left join figure_metrics
        on unioned.metric = figure_metrics.metric
    left join metrics_es
        on unioned.metric = metrics_es.metric
    left join code_labels as category_labels
        on
            figure_metrics.dimension_kind = category_labels.code_set
            and unioned.dimension_value = category_labels.code

),

final as (

    select
        figure_id,
        section,
        program_year,
        report_edition,
        metric,
        dimension_value,
        dimension_label_es,
        description,
        description_es,
        report_location,
        unit,
        decimals,
        is_change,
        is_lower_bound,
        conflict_group,
        published_value,
        computed_value,
        computed_value_rounded,
        difference,
        status,
        status_label_es,
        status_reason,
        is_supported_by_records,
        source_model
    from labelled

)

select * from final

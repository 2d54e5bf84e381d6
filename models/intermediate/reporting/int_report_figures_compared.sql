{#
    Every published figure of the report (seed published_figures) beside
    the value the warehouse computes (ind_report_metrics, joined on metric,
    dimension value and programme year), with its status:
    - match: the computed value, rounded to the figure's decimals (half
      away from zero), equals the published value (for a lower bound: the
      computed value exceeds it);
    - mismatch: it does not, or nothing was computed;
    - report_inconsistent: the report states two values for one fact (the
      figure has a conflict_group); is_supported_by_records tells which
      side the records support, and status_reason names it;
    - not_computable: records cannot produce the figure; the seed's
      not_computable_reason is carried as status_reason.
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

joined as (

    select
        figures.*,
        metrics.computed_value,
        metrics.source_model,
        {{ round_to_places(
            'metrics.computed_value', 'figures.decimals', max_decimals
        ) }} as computed_value_rounded
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

classified as (

    select
        *,
        max(case when is_equal then figure_id end) over (
            partition by conflict_group
        ) as supported_figure_id,
        case
            when not_computable_reason is not null then 'not_computable'
            when conflict_group is not null then 'report_inconsistent'
            when is_equal then 'match'
            else 'mismatch'
        end as status
    from compared

),

final as (

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

)

select * from final

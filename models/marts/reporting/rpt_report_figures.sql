{#
    Every published figure of the report beside the value the warehouse
    computes and whether they agree (int_report_figures_compared: status
    match, mismatch, report_inconsistent or not_computable), and every
    value computed for a programme year whose report edition is not
    entered yet (int_report_metrics_unpublished: status not_published).
    Next to the codes, in Spanish for analysts: the status label (seed
    report_figure_statuses), the category label (dim_code_labels, the code
    set being the metric's dimension_kind) and a description built from the
    metric's Spanish description (int_figure_metrics_described), the
    category label and the programme year.
#}

with

unioned as (

    {{ union_models([
        'int_report_figures_compared', 'int_report_metrics_unpublished',
    ]) }}

),

metrics_described as (

    select * from {{ ref('int_figure_metrics_described') }}

),

statuses as (

    select * from {{ ref('report_figure_statuses') }}

),

code_labels as (

    select * from {{ ref('dim_code_labels') }}

),

final as (

    select
        unioned.figure_id,
        unioned.section,
        unioned.program_year,
        unioned.report_edition,
        unioned.metric,
        unioned.dimension_value,
        category_labels.label_es as dimension_label_es,
        unioned.description,
        {{ dbt.concat([
            "metrics_described.description_es",
            "coalesce(': ' || category_labels.label_es, '')",
            "' ('",
            "cast(unioned.program_year as " ~ dbt.type_string() ~ ")",
            "')'",
        ]) }} as description_es,
        unioned.report_location,
        unioned.unit,
        unioned.decimals,
        unioned.is_change,
        unioned.is_lower_bound,
        unioned.conflict_group,
        unioned.published_value,
        unioned.computed_value,
        unioned.computed_value_rounded,
        unioned.difference,
        unioned.status,
        statuses.status_label_es,
        unioned.status_reason,
        unioned.is_supported_by_records,
        unioned.source_model
    from unioned
    left join statuses
        on unioned.status = statuses.status
    left join metrics_described
        on unioned.metric = metrics_described.metric
    left join code_labels as category_labels
        on
            metrics_described.dimension_kind = category_labels.code_set
            and unioned.dimension_value = category_labels.code

)

select * from final

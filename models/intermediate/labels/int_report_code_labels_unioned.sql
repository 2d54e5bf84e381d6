{#
    The report's and the warehouse's own code sets with their Spanish
    labels, one row per code set and code: the codes without a lookup of
    their own (seed code_labels), the service categories (each under its
    group and again as service_category), the report-figure statuses and
    the report's metrics. Part of dim_code_labels.
#}

with

code_labels as (

    select * from {{ ref('code_labels') }}

),

service_categories as (

    select * from {{ ref('service_categories') }}

),

statuses as (

    select * from {{ ref('report_figure_statuses') }}

),

metrics as (

    select * from {{ ref('figure_metrics_es') }}

),

{# A service category is labelled in its group's set and again in the set
   of all service categories. #}
service_category_sets as (

    select distinct category_group as code_set
    from service_categories
    union all
    select 'service_category' as code_set

),

final as (

    select
        code_set,
        code,
        label_es,
        sort_order
    from code_labels
    union all
    select
        service_category_sets.code_set,
        service_categories.category_code as code,
        service_categories.label_es,
        service_categories.sort_order
    from service_categories
    inner join service_category_sets
        on service_category_sets.code_set in (
            service_categories.category_group, 'service_category'
        )
    union all
    select
        'report_figure_status' as code_set,
        status as code,
        status_label_es as label_es,
        sort_order
    from statuses
    union all
    select
        'metric' as code_set,
        metric as code,
        label_es,
        row_number() over (order by metric) as sort_order
    from metrics

)

select * from final

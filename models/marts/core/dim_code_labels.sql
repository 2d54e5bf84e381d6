{#
    One row per code of every code set a public mart uses, with its Spanish
    label: the codes without a lookup of their own (seed code_labels), the
    service categories, the report-figure statuses, the report's metrics,
    and the categories of every dimension kind of seed figure_metrics (so
    that `dimension_value` can be labelled: executing units, departments,
    products, activities, budget lines, size classes, bands, sectors,
    indicators, economic sectors) and the CIIU sections. A composite kind ('<kind>|<kind>') gets
    every pair of its two kinds' codes, labelled '<label> / <label>'.
    Join on code_set and code.
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

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

departments as (

    select * from {{ ref('departments') }}

),

products as (

    select * from {{ ref('program_products') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

size_classes as (

    select * from {{ ref('firm_size_classes') }}

),

sales_bands as (

    select * from {{ ref('sales_bands') }}

),

worker_bands as (

    select * from {{ ref('worker_bands') }}

),

report_sectors as (

    select * from {{ ref('report_sectors') }}

),

indicators as (

    select * from {{ ref('performance_indicators') }}

),

economic_context as (

    select * from {{ ref('economic_context') }}

),

ciiu_sections as (

    select * from {{ ref('ciiu_sections') }}

),

budget_lines as (

    select
        product_code as code,
        product_name_es as label_es,
        sort_order * 100 as sort_order
    from products
    union all
    select
        activities.activity_code as code,
        activities.activity_name_es as label_es,
        products.sort_order * 100 + activities.sort_order as sort_order
    from activities
    inner join products
        on activities.product_code = products.product_code

),

simple_sets as (

    select
        code_set,
        code,
        label_es,
        sort_order
    from code_labels
    union all
    select
        category_group as code_set,
        category_code as code,
        label_es,
        sort_order
    from service_categories
    union all
    select
        'service_category' as code_set,
        category_code as code,
        label_es,
        sort_order
    from service_categories
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
        metrics.metric as code,
        metrics.label_es,
        row_number() over (order by metrics.metric) as sort_order
    from metrics
    union all
    select
        'executing_unit' as code_set,
        executing_unit_code as code,
        executing_unit_name_es as label_es,
        sort_order
    from executing_units
    union all
    select
        'department' as code_set,
        department_code as code,
        department_name as label_es,
        cast(department_code as integer) as sort_order
    from departments
    union all
    select
        'product' as code_set,
        product_code as code,
        product_name_es as label_es,
        sort_order
    from products
    union all
    select
        'activity' as code_set,
        code,
        label_es,
        sort_order
    from budget_lines
    where code in (select activities.activity_code from activities)
    union all
    select
        'budget_line' as code_set,
        code,
        label_es,
        sort_order
    from budget_lines
    union all
    select
        'budget_line' as code_set,
        'total' as code,
        'Total del programa' as label_es,
        0 as sort_order
    union all
    select
        'size_class' as code_set,
        size_class_code as code,
        label_es,
        sort_order
    from size_classes
    union all
    select
        'sales_band' as code_set,
        sales_band_code as code,
        label_es,
        sort_order
    from sales_bands
    union all
    select
        'workers_band' as code_set,
        workers_band_code as code,
        label_es,
        sort_order
    from worker_bands
    union all
    select
        'report_sector' as code_set,
        report_sector_code as code,
        label_es,
        sort_order
    from report_sectors
    union all
    select
        'indicator' as code_set,
        indicator_code as code,
        name_es as label_es,
        row_number() over (order by indicator_code) as sort_order
    from indicators
    union all
    select
        'ciiu_section' as code_set,
        section_code as code,
        section_name_es as label_es,
        row_number() over (order by section_code) as sort_order
    from ciiu_sections
    union all
    select distinct
        'economic_sector' as code_set,
        sector_code as code,
        sector_label_es as label_es,
        null as sort_order
    from economic_context

),

composite_kinds as (

    select distinct
        dimension_kind,
        split_part(dimension_kind, '|', 1) as first_kind,
        split_part(dimension_kind, '|', 2) as second_kind
    from figure_metrics
    where dimension_kind like '%|%'

),

composite_sets as (

    select
        composite_kinds.dimension_kind as code_set,
        {{ dbt.concat(["first_set.code", "'|'", "second_set.code"]) }} as code,
        {{ dbt.concat(["first_set.label_es", "' / '", "second_set.label_es"]) }}
            as label_es,
        first_set.sort_order * 1000 + second_set.sort_order as sort_order
    from composite_kinds
    inner join simple_sets as first_set
        on composite_kinds.first_kind = first_set.code_set
    inner join simple_sets as second_set
        on composite_kinds.second_kind = second_set.code_set

),

unioned as (

    select * from simple_sets
    union all
    select * from composite_sets

),

final as (

    select
        {{ dbt.concat(["code_set", "':'", "code"]) }} as code_label_id,
        code_set,
        code,
        label_es,
        cast(sort_order as integer) as sort_order
    from unioned

)

select * from final

{#
    The categories firms are profiled by, as code sets with Spanish labels,
    one row per code set and code: size classes, sales bands, workers
    bands, report sectors, CIIU sections and the economic sectors of seed
    economic_context. Part of dim_code_labels.
#}

with

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

ciiu_sections as (

    select * from {{ ref('ciiu_sections') }}

),

economic_context as (

    select * from {{ ref('economic_context') }}

),

final as (

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

)

select * from final

{#
    Every known category of every profile dimension of
    ind_beneficiary_profile, with its Spanish label and display order: size
    classes, sales bands, report sectors and workers bands (their seeds),
    departments (dim_departments) and executing units
    (dim_executing_units). A new dimension adds its lookup here.
#}

with

size_classes as (

    select * from {{ ref('firm_size_classes') }}

),

sales_bands as (

    select * from {{ ref('sales_bands') }}

),

report_sectors as (

    select * from {{ ref('report_sectors') }}

),

worker_bands as (

    select * from {{ ref('worker_bands') }}

),

departments as (

    select * from {{ ref('dim_departments') }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

unioned as (

    select
        'size_class' as profile_dimension,
        size_class_code as category_code,
        label_es as category_label_es,
        sort_order
    from size_classes
    union all
    select
        'sales_band' as profile_dimension,
        sales_band_code as category_code,
        label_es as category_label_es,
        sort_order
    from sales_bands
    union all
    select
        'report_sector' as profile_dimension,
        report_sector_code as category_code,
        label_es as category_label_es,
        sort_order
    from report_sectors
    union all
    select
        'workers_band' as profile_dimension,
        workers_band_code as category_code,
        label_es as category_label_es,
        sort_order
    from worker_bands
    union all
    select
        'department' as profile_dimension,
        department_code as category_code,
        department_name as category_label_es,
        cast(department_code as integer) as sort_order
    from departments
    union all
    select
        'executing_unit' as profile_dimension,
        executing_unit_code as category_code,
        executing_unit_name_es as category_label_es,
        sort_order
    from executing_units

),

final as (

    select
        {{ composite_key(['profile_dimension', 'category_code']) }}
            as profile_category_id,
        *
    from unioned

)

select * from final

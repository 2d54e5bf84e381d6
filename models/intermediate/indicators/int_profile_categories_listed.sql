{#
    Every known category of every profile dimension of
    ind_beneficiary_profile, with its Spanish label and display order: the
    code sets of the same names in dim_code_labels, the one place the
    warehouse labels codes (size classes, sales bands, report sectors,
    workers bands, departments, executing units). A new dimension adds its
    code set to dim_code_labels and its name here.
#}

with

code_labels as (

    select * from {{ ref('dim_code_labels') }}

),

final as (

    select
        {{ composite_key(['code_set', 'code']) }} as profile_category_id,
        code_set as profile_dimension,
        code as category_code,
        label_es as category_label_es,
        sort_order
    from code_labels
    where code_set in (
        'size_class', 'sales_band', 'report_sector', 'workers_band',
        'department', 'executing_unit'
    )

)

select * from final

{#
    One row per programme year, profile dimension and category: how many
    firms served fall in it and their share. Dimensions: size_class,
    sales_band, report_sector, workers_band, department (from
    fct_beneficiaries_yearly) and executing_unit (fct_service_deliveries).
    Denominators (docs/feeds.md): profile shares are over the firms with a
    known value of that dimension (a category found in its lookup seed);
    firms with an unknown value get a row of their own with a null share.
    Executing-unit shares are over all firms served, and a firm attended by
    several units counts in each, so they need not add up to 100.
#}

{% set unknown = var('unknown_category_code') %}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

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

{# Every known category of every dimension, with its label and order. #}
categories as (

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

firm_values as (

    select
        program_year,
        firm_id,
        'size_class' as profile_dimension,
        size_class as category_code
    from beneficiaries
    union all
    select
        program_year,
        firm_id,
        'sales_band' as profile_dimension,
        sales_band as category_code
    from beneficiaries
    union all
    select
        program_year,
        firm_id,
        'report_sector' as profile_dimension,
        sector as category_code
    from beneficiaries
    union all
    select
        program_year,
        firm_id,
        'workers_band' as profile_dimension,
        workers_band as category_code
    from beneficiaries
    union all
    select
        program_year,
        firm_id,
        'department' as profile_dimension,
        department_code as category_code
    from beneficiaries

),

unit_values as (

    select distinct
        program_year,
        firm_id,
        'executing_unit' as profile_dimension,
        executing_unit_code as category_code
    from deliveries
    where firm_id is not null

),

all_values as (

    select * from firm_values
    union all
    select * from unit_values

),

classified as (

    select
        all_values.program_year,
        all_values.firm_id,
        all_values.profile_dimension,
        categories.sort_order,
        coalesce(
            categories.category_code, all_values.category_code,
            '{{ unknown }}'
        ) as category_code,
        coalesce(categories.category_label_es, 'Sin información')
            as category_label_es,
        categories.category_code is not null as is_known_value
    from all_values
    left join categories
        on
            all_values.profile_dimension = categories.profile_dimension
            and all_values.category_code = categories.category_code

),

firms_served as (

    select
        program_year,
        count(*) as firms_served
    from beneficiaries
    group by program_year

),

known_value_firms as (

    select
        program_year,
        profile_dimension,
        count(distinct firm_id) as firms_with_known_value
    from classified
    where is_known_value
    group by program_year, profile_dimension

),

category_counts as (

    select
        program_year,
        profile_dimension,
        category_code,
        is_known_value,
        min(category_label_es) as category_label_es,
        min(sort_order) as sort_order,
        count(distinct firm_id) as firms
    from classified
    group by program_year, profile_dimension, category_code, is_known_value

),

final as (

    select
        {{ dbt.concat([
            "cast(category_counts.program_year as "
                ~ dbt.type_string() ~ ")",
            "':'",
            "category_counts.profile_dimension",
            "':'",
            "category_counts.category_code",
        ]) }} as profile_category_id,
        category_counts.program_year,
        category_counts.profile_dimension,
        category_counts.category_code,
        category_counts.category_label_es,
        category_counts.sort_order,
        category_counts.is_known_value,
        cast(category_counts.firms as bigint) as firms,
        case
            when category_counts.profile_dimension = 'executing_unit'
                then 'all_firms_served'
            else 'firms_with_known_value'
        end as denominator_basis,
        cast(
            case
                when category_counts.profile_dimension = 'executing_unit'
                    then firms_served.firms_served
                else known_value_firms.firms_with_known_value
            end as bigint
        ) as denominator_firms,
        case
            when category_counts.profile_dimension = 'executing_unit'
                then {{ safe_pct(
                    'category_counts.firms', 'firms_served.firms_served'
                ) }}
            when category_counts.is_known_value
                then {{ safe_pct(
                    'category_counts.firms',
                    'known_value_firms.firms_with_known_value',
                ) }}
        end as share_pct
    from category_counts
    inner join firms_served
        on category_counts.program_year = firms_served.program_year
    left join known_value_firms
        on
            category_counts.program_year = known_value_firms.program_year
            and category_counts.profile_dimension
            = known_value_firms.profile_dimension

)

select * from final

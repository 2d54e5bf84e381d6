{#
    One row per programme year, profile dimension and category: how many
    firms served fall in it and their share. Dimensions: size_class,
    sales_band, report_sector, workers_band, department (from
    fct_beneficiaries_yearly, one value per firm and year) and
    executing_unit (int_executing_unit_firms_counted, from the deliveries).
    Categories, labels and order: int_profile_categories_listed.
    Denominators (docs/feeds.md): profile shares are over the firms with a
    known value of that dimension (a category found in its lookup seed);
    firms with an unknown value get a row of their own with a null share.
    Executing-unit shares are over all firms served, and a firm attended by
    several units counts in each, so they need not add up to 100.
#}

{% set unknown = var('unknown_category_code') %}
{# profile dimension: its column in fct_beneficiaries_yearly #}
{% set firm_year_columns = {
    'size_class': 'size_class',
    'sales_band': 'sales_band',
    'report_sector': 'sector',
    'workers_band': 'workers_band',
    'department': 'department_code',
} %}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

unit_firms as (

    select * from {{ ref('int_executing_unit_firms_counted') }}

),

categories as (

    select * from {{ ref('int_profile_categories_listed') }}

),

{# A firm has one value per dimension and year: counting rows counts firms. #}
value_counts as (

    {% for dimension, column in firm_year_columns.items() %}
        select
            program_year,
            '{{ dimension }}' as profile_dimension,
            {{ column }} as category_code,
            count(*) as firms
        from beneficiaries
        group by program_year, {{ column }}
        union all
    {% endfor %}
    select
        program_year,
        'executing_unit' as profile_dimension,
        executing_unit_code as category_code,
        firms
    from unit_firms

),

classified as (

    select
        value_counts.program_year,
        value_counts.profile_dimension,
        categories.sort_order,
        coalesce(
            categories.category_code, value_counts.category_code,
            '{{ unknown }}'
        ) as category_code,
        coalesce(categories.category_label_es, 'Sin información')
            as category_label_es,
        categories.category_code is not null as is_known_value,
        value_counts.firms
    from value_counts
    left join categories
        on
            value_counts.profile_dimension = categories.profile_dimension
            and value_counts.category_code = categories.category_code

),

firms_served as (

    select
        program_year,
        count(*) as firms_served
    from beneficiaries
    group by program_year

),

category_counts as (

    select
        program_year,
        profile_dimension,
        category_code,
        is_known_value,
        min(category_label_es) as category_label_es,
        min(sort_order) as sort_order,
        sum(firms) as firms
    from classified
    group by program_year, profile_dimension, category_code, is_known_value

),

denominators as (

    select
        category_counts.*,
        case
            when category_counts.profile_dimension = 'executing_unit'
                then 'all_firms_served'
            else 'firms_with_known_value'
        end as denominator_basis,
        case
            when category_counts.profile_dimension = 'executing_unit'
                then firms_served.firms_served
            else sum(
                case
                    when category_counts.is_known_value
                        then category_counts.firms
                end
            ) over (
                partition by
                    category_counts.program_year,
                    category_counts.profile_dimension
            )
        end as denominator_firms
    from category_counts
    inner join firms_served
        on category_counts.program_year = firms_served.program_year

),

final as (

    select
        {{ composite_key([
            'program_year', 'profile_dimension', 'category_code',
        ]) }} as profile_category_id,
        program_year,
        profile_dimension,
        category_code,
        category_label_es,
        sort_order,
        is_known_value,
        cast(firms as bigint) as firms,
        denominator_basis,
        cast(denominator_firms as bigint) as denominator_firms,
        case
            when denominator_basis = 'all_firms_served' or is_known_value
                then {{ safe_pct('firms', 'denominator_firms') }}
        end as share_pct
    from denominators

)

select * from final

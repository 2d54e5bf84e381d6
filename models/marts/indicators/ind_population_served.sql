{#
    One row per programme year: firms served, the change against the
    previous year, and the share of firms meeting each targeting criterion
    and all three, with their change in percentage points. Every share is
    over all firms served that year (an informal firm fails every
    criterion). The previous-year columns are null for the first year.
#}

{#- The flag of each targeting criterion in fct_beneficiaries_yearly; its
    columns here are named without the flag's is_/has_ prefix
    (is_formal: formal_firms, formal_pct, formal_change_pp). -#}
{%- set criterion_flags = [
    'is_formal', 'has_min_registry_years', 'is_in_sales_range', 'is_targeted'
] %}
{%- set criteria = {} %}
{%- for flag in criterion_flags %}
    {%- do criteria.update({flag.split('_', 1)[1]: flag}) %}
{%- endfor %}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

yearly_shares as (

    select
        program_year,
        {% for criterion, flag in criteria.items() %}
            {% set firms = 'sum(case when ' ~ flag ~ ' then 1 else 0 end)' %}
            {{ firms }} as {{ criterion }}_firms,
            {{ safe_pct(firms, 'count(*)') }} as {{ criterion }}_pct,
        {% endfor %}
        count(*) as firms_served
    from beneficiaries
    group by program_year

),

compared as (

    select
        current_year.*,
        {% for criterion in criteria %}
            previous_year.{{ criterion }}_pct
                as previous_year_{{ criterion }}_pct,
        {% endfor %}
        previous_year.firms_served as previous_year_firms_served
    from yearly_shares as current_year
    left join yearly_shares as previous_year
        on {{ previous_year_matches('current_year', 'previous_year') }}

),

final as (

    select
        program_year,
        cast(firms_served as bigint) as firms_served,
        cast(previous_year_firms_served as bigint)
            as previous_year_firms_served,
        {{ safe_pct(
            'firms_served - previous_year_firms_served',
            'previous_year_firms_served',
        ) }} as firms_served_change_pct,
        {% for criterion in criteria %}
            cast({{ criterion }}_firms as bigint) as {{ criterion }}_firms,
            {{ criterion }}_pct,
        {% endfor %}
        previous_year_targeted_pct,
        {% for criterion in criteria %}
            cast(
                {{ criterion }}_pct - previous_year_{{ criterion }}_pct
                as {{ dbt.type_numeric() }}
            ) as {{ criterion }}_change_pp
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from compared

)

select * from final

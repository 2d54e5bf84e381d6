{#
    One row per programme year: firms served, the change against the
    previous year, and the share of firms meeting each targeting criterion
    and all three, with their change in percentage points. Every share is
    over all firms served that year (an informal firm fails every
    criterion). The previous-year columns are null for the first year.
#}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

yearly_counts as (

    select
        program_year,
        count(*) as firms_served,
        sum(case when is_formal then 1 else 0 end) as formal_firms,
        sum(case when has_min_registry_years then 1 else 0 end)
            as min_registry_years_firms,
        sum(case when is_in_sales_range then 1 else 0 end)
            as in_sales_range_firms,
        sum(case when is_targeted then 1 else 0 end) as targeted_firms
    from beneficiaries
    group by program_year

),

yearly_shares as (

    select
        program_year,
        firms_served,
        formal_firms,
        min_registry_years_firms,
        in_sales_range_firms,
        targeted_firms,
        {{ safe_pct('formal_firms', 'firms_served') }} as formal_pct,
        {{ safe_pct('min_registry_years_firms', 'firms_served') }}
            as min_registry_years_pct,
        {{ safe_pct('in_sales_range_firms', 'firms_served') }}
            as in_sales_range_pct,
        {{ safe_pct('targeted_firms', 'firms_served') }} as targeted_pct
    from yearly_counts

),

compared as (

    select
        current_year.*,
        previous_year.firms_served as previous_year_firms_served,
        previous_year.formal_pct as previous_year_formal_pct,
        previous_year.min_registry_years_pct
            as previous_year_min_registry_years_pct,
        previous_year.in_sales_range_pct
            as previous_year_in_sales_range_pct,
        previous_year.targeted_pct as previous_year_targeted_pct
    from yearly_shares as current_year
    left join yearly_shares as previous_year
        on current_year.program_year - 1 = previous_year.program_year

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
        cast(formal_firms as bigint) as formal_firms,
        formal_pct,
        cast(min_registry_years_firms as bigint) as min_registry_years_firms,
        min_registry_years_pct,
        cast(in_sales_range_firms as bigint) as in_sales_range_firms,
        in_sales_range_pct,
        cast(targeted_firms as bigint) as targeted_firms,
        targeted_pct,
        previous_year_targeted_pct,
        cast(
            formal_pct - previous_year_formal_pct
            as {{ dbt.type_numeric() }}
        ) as formal_change_pp,
        cast(
            min_registry_years_pct - previous_year_min_registry_years_pct
            as {{ dbt.type_numeric() }}
        ) as min_registry_years_change_pp,
        cast(
            in_sales_range_pct - previous_year_in_sales_range_pct
            as {{ dbt.type_numeric() }}
        ) as in_sales_range_change_pp,
        cast(
            targeted_pct - previous_year_targeted_pct
            as {{ dbt.type_numeric() }}
        ) as targeted_change_pp
    from compared

)

select * from final

{#
    The report metrics about who was served, in ind_report_metrics' long
    format (one row per programme year, metric and dimension value): firms
    served and targeting (ind_population_served), the profile shares
    (ind_beneficiary_profile) and the sector mix inside each workers band
    (ind_sector_within_workers_band). Rows with no value are left out.
#}

with

population as (

    select * from {{ ref('ind_population_served') }}

),

profile as (

    select * from {{ ref('ind_beneficiary_profile') }}

),

band_sectors as (

    select * from {{ ref('ind_sector_within_workers_band') }}

),

final as (

    {% for column in [
        'firms_served',
        'firms_served_change_pct',
        'targeted_pct',
        'targeted_change_pp',
    ] %}
        {{ report_metric_rows(
            'population', "'" ~ column ~ "'", column, 'ind_population_served'
        ) }}
        union all
    {% endfor %}
    {{ report_metric_rows(
        'profile',
        "case profile_dimension
            when 'size_class' then 'size_class_pct'
            when 'sales_band' then 'sales_band_pct'
            when 'report_sector' then 'sector_pct'
            when 'workers_band' then 'workers_band_pct'
            when 'department' then 'department_pct'
            when 'executing_unit' then 'executing_unit_pct'
        end",
        'share_pct',
        'ind_beneficiary_profile',
        dimension='category_code',
    ) }}
    union all
    {{ report_metric_rows(
        'band_sectors',
        "'sector_within_workers_band_pct'",
        'share_of_band_pct',
        'ind_sector_within_workers_band',
        dimension=composite_key(
            ['workers_band_code', 'report_sector_code'], '|'
        ),
    ) }}

)

select * from final

{#
    One row per programme year, workers band and report sector: the sector
    mix inside each workers band (e.g. which sectors the firms with fewer
    than five workers belong to). Numerator: firms served in the band and
    the sector; denominator: firms served in the band with a known sector.
    Only firms whose workers band and sector are both known (found in seeds
    worker_bands and report_sectors) are counted. Source:
    fct_beneficiaries_yearly.
#}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

worker_bands as (

    select * from {{ ref('worker_bands') }}

),

report_sectors as (

    select * from {{ ref('report_sectors') }}

),

known_firms as (

    select
        beneficiaries.program_year,
        beneficiaries.firm_id,
        worker_bands.workers_band_code,
        worker_bands.label_es as workers_band_label_es,
        worker_bands.sort_order as workers_band_sort_order,
        report_sectors.report_sector_code,
        report_sectors.label_es as report_sector_label_es,
        report_sectors.sort_order as report_sector_sort_order
    from beneficiaries
    inner join worker_bands
        on beneficiaries.workers_band = worker_bands.workers_band_code
    inner join report_sectors
        on beneficiaries.sector = report_sectors.report_sector_code

),

cell_counts as (

    select
        program_year,
        workers_band_code,
        report_sector_code,
        cast(count(*) as bigint) as firms,
        min(workers_band_label_es) as workers_band_label_es,
        min(workers_band_sort_order) as workers_band_sort_order,
        min(report_sector_label_es) as report_sector_label_es,
        min(report_sector_sort_order) as report_sector_sort_order
    from known_firms
    group by program_year, workers_band_code, report_sector_code

),

{# Every known firm falls in one cell, so a band's firms are the sum of
   its cells. #}
banded as (

    select
        *,
        cast(
            sum(firms) over (partition by program_year, workers_band_code)
            as bigint
        ) as band_firms
    from cell_counts

),

final as (

    select
        {{ composite_key([
            'program_year',
            composite_key(['workers_band_code', 'report_sector_code'], '|'),
        ]) }} as band_sector_id,
        program_year,
        workers_band_code,
        workers_band_label_es,
        workers_band_sort_order,
        report_sector_code,
        report_sector_label_es,
        report_sector_sort_order,
        firms,
        band_firms,
        {{ safe_pct('firms', 'band_firms') }} as share_of_band_pct
    from banded

)

select * from final

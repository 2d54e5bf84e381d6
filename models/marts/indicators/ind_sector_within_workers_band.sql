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

band_totals as (

    select
        program_year,
        workers_band_code,
        count(*) as band_firms
    from known_firms
    group by program_year, workers_band_code

),

cell_counts as (

    select
        program_year,
        workers_band_code,
        report_sector_code,
        min(workers_band_label_es) as workers_band_label_es,
        min(workers_band_sort_order) as workers_band_sort_order,
        min(report_sector_label_es) as report_sector_label_es,
        min(report_sector_sort_order) as report_sector_sort_order,
        count(*) as firms
    from known_firms
    group by program_year, workers_band_code, report_sector_code

),

final as (

    select
        {{ composite_key([
            'cell_counts.program_year',
            composite_key([
                'cell_counts.workers_band_code',
                'cell_counts.report_sector_code',
            ], '|'),
        ]) }} as band_sector_id,
        cell_counts.program_year,
        cell_counts.workers_band_code,
        cell_counts.workers_band_label_es,
        cell_counts.workers_band_sort_order,
        cell_counts.report_sector_code,
        cell_counts.report_sector_label_es,
        cell_counts.report_sector_sort_order,
        cast(cell_counts.firms as bigint) as firms,
        cast(band_totals.band_firms as bigint) as band_firms,
        {{ safe_pct('cell_counts.firms', 'band_totals.band_firms') }}
            as share_of_band_pct
    from cell_counts
    inner join band_totals
        on
            cell_counts.program_year = band_totals.program_year
            and cell_counts.workers_band_code = band_totals.workers_band_code

)

select * from final

{#
    One row per RUC and fiscal year of the SUNAT profile, classified by the
    rules in seeds: sales in UIT of that fiscal year, size class and sales
    band (lower bound exclusive, upper inclusive), workers band (both bounds
    inclusive) and the report's sector from the CIIU Rev.4 class. Bounds are
    compared in soles (bound x UIT) so that a firm exactly on a bound is
    classified without rounding. Zero or missing sales, or no UIT for the
    fiscal year: size class and sales band `sin información` (var
    unknown_category_code).
#}

{% set unknown = var('unknown_category_code') %}

with

profiles as (

    select * from {{ ref('stg_sunat__firm_profiles') }}

),

uit_values as (

    select * from {{ ref('uit_values') }}

),

firm_size_classes as (

    select * from {{ ref('firm_size_classes') }}

),

sales_bands as (

    select * from {{ ref('sales_bands') }}

),

worker_bands as (

    select * from {{ ref('worker_bands') }}

),

ciiu_sections as (

    select * from {{ ref('int_ciiu_sections_mapped') }}

),

with_uit as (

    select
        profiles.ruc,
        profiles.fiscal_year,
        profiles.ciiu_code,
        profiles.sales_pen,
        profiles.workers_count,
        profiles.registration_date,
        uit_values.uit_pen,
        substr(profiles.ciiu_code, 1, 2) as ciiu_division,
        coalesce(
            profiles.sales_pen > 0 and uit_values.uit_pen is not null, false
        ) as has_sales_in_uit
    from profiles
    left join uit_values
        on profiles.fiscal_year = uit_values.year

),

size_classified as (

    select
        with_uit.*,
        firm_size_classes.size_class_code,
        firm_size_classes.label_es as size_class_label
    from with_uit
    left join firm_size_classes
        on
            with_uit.has_sales_in_uit
            and {{ in_band(
                'with_uit.sales_pen',
                'firm_size_classes.lower_uit_exclusive',
                'firm_size_classes.upper_uit_inclusive',
                lower_inclusive=false,
                scale='with_uit.uit_pen',
            ) }}

),

sales_banded as (

    select
        size_classified.*,
        sales_bands.sales_band_code,
        sales_bands.label_es as sales_band_label
    from size_classified
    left join sales_bands
        on
            size_classified.has_sales_in_uit
            and {{ in_band(
                'size_classified.sales_pen',
                'sales_bands.lower_uit_exclusive',
                'sales_bands.upper_uit_inclusive',
                lower_inclusive=false,
                scale='size_classified.uit_pen',
            ) }}

),

workers_banded as (

    select
        sales_banded.*,
        worker_bands.workers_band_code,
        worker_bands.label_es as workers_band_label
    from sales_banded
    left join worker_bands
        on {{ in_band(
            'sales_banded.workers_count',
            'worker_bands.min_workers_inclusive',
            'worker_bands.max_workers_inclusive',
        ) }}

),

{# CIIU class (4 digits) -> division (first 2) -> section -> sector. #}
sector_classified as (

    select
        workers_banded.*,
        ciiu_sections.section_code as ciiu_section_code,
        ciiu_sections.report_sector_code as sector_code,
        ciiu_sections.report_sector_label as sector_label
    from workers_banded
    left join ciiu_sections
        on {{ in_band(
            'workers_banded.ciiu_division',
            'ciiu_sections.division_from',
            'ciiu_sections.division_to',
        ) }}

),

final as (

    select
        ruc,
        fiscal_year,
        ciiu_code,
        ciiu_division,
        ciiu_section_code,
        coalesce(sector_code, '{{ unknown }}') as sector_code,
        coalesce(sector_label, 'Sin información') as sector_label,
        sales_pen,
        uit_pen,
        case
            when has_sales_in_uit
                then cast(sales_pen / uit_pen as {{ dbt.type_numeric() }})
        end as sales_uit,
        coalesce(size_class_code, '{{ unknown }}') as size_class_code,
        coalesce(size_class_label, 'Sin información') as size_class_label,
        coalesce(sales_band_code, '{{ unknown }}') as sales_band_code,
        coalesce(sales_band_label, 'Sin información') as sales_band_label,
        workers_count,
        coalesce(workers_band_code, '{{ unknown }}') as workers_band_code,
        coalesce(workers_band_label, 'Sin información') as workers_band_label,
        registration_date
    from sector_classified

)

select * from final

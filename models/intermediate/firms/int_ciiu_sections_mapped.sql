{#
    One row per CIIU Rev.4 section (seed ciiu_sections): the range of
    2-digit divisions it spans and the report's sector it belongs to (seed
    report_sectors), with the sector's Spanish label. The lookup that
    places a firm's CIIU class in a sector.
#}

with

ciiu_sections as (

    select * from {{ ref('ciiu_sections') }}

),

report_sectors as (

    select * from {{ ref('report_sectors') }}

),

final as (

    select
        ciiu_sections.section_code,
        ciiu_sections.division_from,
        ciiu_sections.division_to,
        report_sectors.report_sector_code,
        report_sectors.label_es as report_sector_label
    from ciiu_sections
    left join report_sectors
        on ciiu_sections.report_sector_code = report_sectors.report_sector_code

)

select * from final

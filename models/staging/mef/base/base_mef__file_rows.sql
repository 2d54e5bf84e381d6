{#
    One row per file of MEF's national budget file, from one narrow scan
    (the file name and PROGRAMA_PPTO only): its rows, the rows that are not
    the programme's (macro is_programme_row), which staging ignores, and
    its first ordinality in the scan, from which base_mef__budget_execution
    numbers the programme's rows within their file without a second scan.
    `ignored_rows` is the `ignored` term of the feed's reconciliation (raw =
    staged + rejected + duplicates + ignored). A table: the national file
    is scanned here once, and the reconciliation, its tests and
    rpt_data_quality read these few rows.
#}
with

source as (
    select
        filename,
        programa_ppto,
        ordinality
    from {{ source('mef', 'mef_gasto') }} with ordinality
),

files as (
    select
        filename,
        regexp_extract(
            filename, 'mef_gasto/[^/]+(/[^/]+)?$'
        ) as source_file,
        min(ordinality) as first_ordinality,
        count(*) as raw_rows,
        count(*) filter (
            where not coalesce({{ is_programme_row('programa_ppto') }}, false)
        ) as ignored_rows
    from source
    group by filename
)

select * from files

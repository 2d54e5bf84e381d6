{#
    The rows of MEF's national budget file that are not the programme's
    (macro is_programme_row), counted per file: the `ignored` term of the
    feed's reconciliation (raw = staged + rejected + duplicates + ignored).
    A narrow scan (the file name and PROGRAMA_PPTO only). A file with no
    other programme's rows has no row here.
#}
with

source as (
    select
        filename,
        programa_ppto
    from {{ source('mef', 'mef_gasto') }}
),

ignored as (
    select
        regexp_extract(
            filename, 'mef_gasto/[^/]+(/[^/]+)?$'
        ) as source_file,
        count(*) as ignored_rows
    from source
    where not coalesce({{ is_programme_row('programa_ppto') }}, false)
    group by 1
)

select * from ignored

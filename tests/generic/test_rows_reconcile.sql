{#
    Nothing lost: for every raw file of a feed, the rows read from the file
    equal the rows staged (`model`) + the rows rejected (`rejected`, rows of
    this feed that were not kept: a kept row's nulled fields are listed
    there too, and it is counted as staged) + the exact duplicates set aside (`validated`, the base model
    with `is_duplicate`). Fails with one row per file that does not add up
    (or that appears on one side only), + the rows ignored on purpose
    (`ignored`, optional: a model of `source_file` and `ignored_rows`, e.g.
    the other programmes' rows of MEF's national file).
    Arguments: raw (the source), feed (the feed folder, = source_system in
    the rejects model), rejected (the source's rejects model), validated
    (the base model), ignored (optional). The model tested must have
    `source_file`.
#}
{% test rows_reconcile(
    model, raw, feed, rejected, validated, ignored=none, workbooks=false,
    raw_counts=none
) %}

with

raw_rows as (
    {%- if raw_counts %}
    select
        source_file,
        sum(raw_rows) as raw_rows
    from {{ raw_counts }}
    group by source_file
    {%- else %}
    select
        regexp_extract(
            filename, '{{ feed }}/[^/]+(/[^/]+)?$'
        ) as source_file,
        count(*) as raw_rows
    from ({{ raw_row_files(raw, feed, workbooks) }}) as raw_file_rows
    group by 1
    {%- endif %}
),

staged_rows as (
    select
        source_file,
        count(*) as staged_rows
    from {{ model }}
    group by source_file
),

rejected_rows as (
    select
        source_file,
        count(*) as rejected_rows
    from {{ rejected }}
    where source_system = '{{ feed }}' and not is_row_kept
    group by source_file
),

duplicate_rows as (
    select
        source_file,
        count(*) as duplicate_rows
    from {{ validated }}
    where is_duplicate
    group by source_file
),

ignored_rows as (
    {%- if ignored %}
    select
        source_file,
        sum(ignored_rows) as ignored_rows
    from {{ ignored }}
    group by source_file
    {%- else %}
    select
        source_file,
        0 as ignored_rows
    from raw_rows
    where false
    {%- endif %}
),

files as (
    select source_file from raw_rows
    union
    select source_file from staged_rows
    union
    select source_file from rejected_rows
    union
    select source_file from duplicate_rows
    union
    select source_file from ignored_rows
),

reconciled as (
    select
        files.source_file,
        coalesce(raw_rows.raw_rows, 0) as raw_rows,
        coalesce(staged_rows.staged_rows, 0) as staged_rows,
        coalesce(rejected_rows.rejected_rows, 0) as rejected_rows,
        coalesce(duplicate_rows.duplicate_rows, 0) as duplicate_rows,
        coalesce(ignored_rows.ignored_rows, 0) as ignored_rows
    from files
    left join raw_rows on files.source_file = raw_rows.source_file
    left join staged_rows on files.source_file = staged_rows.source_file
    left join rejected_rows on files.source_file = rejected_rows.source_file
    left join duplicate_rows
        on files.source_file = duplicate_rows.source_file
    left join ignored_rows on files.source_file = ignored_rows.source_file
)

select *
from reconciled
where
    raw_rows
    <> staged_rows + rejected_rows + duplicate_rows + ignored_rows

{% endtest %}

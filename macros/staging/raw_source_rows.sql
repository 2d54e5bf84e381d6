{#
    Selects every row of a raw file source (a dbt-duckdb external location
    read with all_varchar and filename = true) with three columns added:
    `source_file` (the path below the raw data directory, from the feed
    folder `feed` on), `source_row_number` (1 = first data row of its file)
    and `raw_record` (the whole raw row as JSON text, keyed by the file's
    header names). The row number comes from the scan order WITH
    ORDINALITY, which DuckDB assigns in file order (a unit test's fixture
    rows are numbered in the order given).
    `workbooks` (optional): the feed may also arrive as Excel workbooks
    beside its CSVs (macro workbook_rows): their rows are added, numbered
    by their Excel row, with the sheet in `source_file`
    (`<file>.xlsx[<sheet>]`); a feed with no CSV left is read from its
    workbooks alone.
    `file_starts` (optional): a relation of `filename` and
    `first_ordinality` already computed from the same scan (MEF's national
    file: base_mef__file_rows), so the file is not scanned a second time.
    `columns` (optional): the raw columns to read (the others are still
    tokenised but never turned into values, and are left out of
    `raw_record`): MEF's national file has 63 columns, staging uses 32.
    `keep_rows` (optional): a SQL condition on the raw columns; only rows
    that meet it are returned, numbered as in the whole file (MEF's
    national file: the programme's rows among every pliego's). Applied
    after numbering and before the JSON record is built, so the rows left
    out cost only their scan.
    Dispatched: another engine needs its own way to number a file's rows.
#}
{% macro raw_source_rows(
    source_name, table_name, feed, keep_rows=none, workbooks=false,
    file_starts=none, columns=none
) -%}
    {{ return(adapter.dispatch('raw_source_rows', 'pp0093')(
        source_name, table_name, feed, keep_rows, workbooks, file_starts,
        columns
    )) }}
{%- endmacro %}

{% macro duckdb__raw_source_rows(
    source_name, table_name, feed, keep_rows=none, workbooks=false,
    file_starts=none, columns=none
) -%}
    {%- set relation = source(source_name, table_name) -%}
    {#- A file scan (read_csv(...)) numbers its rows WITH ORDINALITY, one
        count across the files in order, so a row's number in its file is
        its ordinality less its file's first, plus one. That first comes
        from a second, narrow scan: numbering with row_number() over the
        file sorted every wide row (at 100 times the programme's size, the
        costliest step of the largest base model). A unit test's fixture
        rows stand in for the source as a plain relation, where ordinality
        is not allowed: those are numbered in order of appearance. -#}
    {%- set is_file_scan = '(' in (relation | string) -%}
    {%- set read_csv = not (is_file_scan and workbooks)
        or raw_csv_files_exist(relation) -%}
    select
        * exclude (filename, ordinality, file_row_number),
        regexp_extract(
            filename, '{{ feed }}/[^/]+(/[^/]+)?$'
        ) as source_file,
        file_row_number as source_row_number,
        cast(
            to_json(struct_pack(
                *columns(* exclude (filename, ordinality, file_row_number))
            ))
            as varchar
        ) as raw_record
    from (
    {%- if is_file_scan and not read_csv %}
        {{ empty_csv_rows(source_name, table_name) }}
    {%- elif is_file_scan %}
        select
            raw_file.*,
            raw_file.ordinality - file_starts.first_ordinality + 1
                as file_row_number
        {#- The ordinality scan is wrapped: DuckDB 2.0 cannot expand
            raw_file.* of `... with ordinality as raw_file` in a join. #}
        from (
            select
                {%- if columns %}
                {%- for column in columns %}
                "{{ column }}",
                {%- endfor %}
                filename,
                ordinality
                {%- else %}
                *
                {%- endif %}
            from {{ relation }} with ordinality
        ) as raw_file
        inner join (
            {%- if file_starts %}
            select
                filename,
                first_ordinality
            from {{ file_starts }}
            {%- else %}
            select
                filename,
                min(ordinality) as first_ordinality
            from {{ relation }} with ordinality
            group by filename
            {%- endif %}
        ) as file_starts
            on raw_file.filename = file_starts.filename
    {%- else %}
        select
            *,
            row_number() over (
                partition by filename order by ordinality
            ) as file_row_number
        from (
            select
                *,
                row_number() over () as ordinality
            from {{ relation }}
        ) as fixture_rows
    {%- endif %}
    {%- if is_file_scan and workbooks %}
        union all by name
        {{ workbook_rows(relation, feed) }}
    {%- endif %}
    ) as numbered_rows
    {%- if keep_rows %}
    where {{ keep_rows }}
    {%- endif %}
{%- endmacro %}

{% macro default__raw_source_rows(
    source_name, table_name, feed, keep_rows=none, workbooks=false,
    file_starts=none, columns=none
) -%}
    {{ exceptions.raise_compiler_error(
        "raw_source_rows has no implementation for adapter '"
        ~ adapter.type() ~ "': load the raw files into tables and add "
        ~ adapter.type() ~ "__raw_source_rows"
    ) }}
{%- endmacro %}

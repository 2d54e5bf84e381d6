{#
    Selects every row of a raw file source (a dbt-duckdb external location
    read with all_varchar and filename = true) with three columns added:
    `source_file` (the path below the raw data directory, from the feed
    folder `feed` on), `source_row_number` (1 = first data row of its file)
    and `raw_record` (the whole raw row as JSON text, keyed by the file's
    header names). The row number comes from the scan order WITH
    ORDINALITY, which DuckDB assigns in file order (a unit test's fixture
    rows are numbered in the order given).
    Dispatched: another engine needs its own way to number a file's rows.
#}
{% macro raw_source_rows(source_name, table_name, feed) -%}
    {{ return(adapter.dispatch('raw_source_rows', 'pp0093')(
        source_name, table_name, feed
    )) }}
{%- endmacro %}

{% macro duckdb__raw_source_rows(source_name, table_name, feed) -%}
    {%- set relation = source(source_name, table_name) -%}
    {#- A file scan (read_csv(...)) numbers its rows WITH ORDINALITY; a
        unit test's fixture rows stand in for the source as a plain
        relation, where ordinality is not allowed: number those in order
        of appearance. -#}
    {%- set is_file_scan = '(' in (relation | string) -%}
    select
        * exclude (filename, ordinality),
        regexp_extract(
            filename, '{{ feed }}/[^/]+(/[^/]+)?$'
        ) as source_file,
        row_number() over (
            partition by filename order by ordinality
        ) as source_row_number,
        cast(
            to_json(struct_pack(*columns(* exclude (filename, ordinality))))
            as varchar
        ) as raw_record
    {%- if is_file_scan %}
    from {{ relation }} with ordinality as raw_file
    {%- else %}
    from (
        select
            *,
            row_number() over () as ordinality
        from {{ relation }}
    ) as raw_file
    {%- endif %}
{%- endmacro %}

{% macro default__raw_source_rows(source_name, table_name, feed) -%}
    {{ exceptions.raise_compiler_error(
        "raw_source_rows has no implementation for adapter '"
        ~ adapter.type() ~ "': load the raw files into tables and add "
        ~ adapter.type() ~ "__raw_source_rows"
    ) }}
{%- endmacro %}

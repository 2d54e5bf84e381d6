{#
    Workbook deliveries (.xlsx) of a feed whose CSV source is read in place
    (docs/feeds.md): the rows of every workbook beside the CSVs, read when
    the query runs by the function pp0093_workbook_<feed> that the project's
    dbt-duckdb plugin registers (src/pp0093/dbt_plugin.py). Columns: the
    feed's columns (text, as in the CSV), `filename` (the workbook's path
    with the sheet in brackets) and `file_row_number` (the Excel row). A
    glob with no match gives no rows. Nothing is cached: a corrected or
    removed workbook is read as it is at the next build.
#}
{% macro workbook_rows(relation, feed) -%}
    select unnest(pp0093_workbook_{{ feed }}(workbooks.file), recursive := true)
    from glob('{{ raw_file_glob(relation, '.xlsx') }}') as workbooks
{%- endmacro %}

{#
    The file glob of a read_csv(...) source relation, with its extension
    replaced by `extension` when given (e.g. '.xlsx').
#}
{% macro raw_file_glob(relation, extension=none) -%}
    {%- set found = modules.re.search(
        "read_csv\\(\\s*'([^']+)'", relation | string
    ) -%}
    {%- if not found and execute -%}
        {{ exceptions.raise_compiler_error(
            "raw_file_glob: not a read_csv source: " ~ relation
        ) }}
    {%- endif -%}
    {#- At parse time a test's relation is a placeholder. -#}
    {%- set glob = found.group(1) if found else 'parsing' -%}
    {%- if extension -%}
        {%- set glob = modules.re.sub('[.][A-Za-z0-9]+$', extension, glob) -%}
    {%- endif -%}
    {{ glob }}
{%- endmacro %}

{#
    True when a source's CSV glob matches a file. A feed delivered only as
    workbooks has no CSV, and read_csv fails on a glob without a match, so
    raw_source_rows reads the CSVs only when there are some. Checked when
    the model is compiled for a run (at parse time, true).
#}
{% macro raw_csv_files_exist(relation) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set result = run_query(
        "select count(*) from glob('" ~ raw_file_glob(relation) ~ "')"
    ) -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#
    No rows, with the columns of a CSV source scan (the source's columns as
    its YAML lists them, all text, and `ordinality`): stands in for the CSV
    scan of a feed delivered only as workbooks.
#}
{% macro empty_csv_rows(source_name, table_name) -%}
    {%- set node = graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name)
        | first -%}
    select
        {%- for column in node.columns if column != 'filename' %}
        cast(null as varchar) as "{{ column }}",
        {%- endfor %}
        cast(null as varchar) as filename,
        cast(null as bigint) as ordinality,
        cast(null as bigint) as file_row_number
    where false
{%- endmacro %}

{#
    `filename` of every raw row of a feed (CSV rows and, with workbooks,
    workbook rows): what rows_reconcile counts as read.
#}
{% macro raw_row_files(relation, feed, workbooks=false) -%}
    {%- set read_csv = not workbooks or raw_csv_files_exist(relation) -%}
    {%- if read_csv %}
    select filename from {{ relation }}
    {%- endif %}
    {%- if workbooks %}
    {%- if read_csv %}
    union all
    {%- endif %}
    select filename from ({{ workbook_rows(relation, feed) }}) as workbook_rows
    {%- endif %}
{%- endmacro %}

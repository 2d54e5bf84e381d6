{#
    Model-level not-null test, default deny: every column of the built
    relation must be free of nulls except those listed in `nullable`. The
    columns are read from the database when the test runs, so a column added
    later is covered without anyone adding a test for it. One scan of the
    relation counts the nulls of every checked column; the test returns one
    row per column holding nulls (column_name, null_rows).

    Compiler errors, naming the model: a `nullable` entry that is not a column
    of the relation (a typo, or a column since renamed or dropped: the list
    must say exactly what it allows), and a relation with no columns (not
    built, or not there). Names are compared case-insensitively, as DuckDB
    does. Not for use with a `where` config: the columns are read from the
    relation itself.
#}
{% test no_nulls(model, nullable=none) %}

{%- set nullable = [] if nullable is none else nullable -%}
{%- if nullable is string or nullable is mapping -%}
    {{ exceptions.raise_compiler_error(
        "no_nulls on " ~ model ~ ": `nullable` must be a list of column"
        ~ " names, got " ~ nullable
    ) }}
{%- endif -%}

{%- set checked = [] -%}
{%- if execute -%}
    {%- if model.identifier is not defined -%}
        {{ exceptions.raise_compiler_error(
            "no_nulls on " ~ model ~ ": the test reads the columns of a"
            ~ " relation and does not take a `where` config"
        ) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(model) -%}
    {%- if columns | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "no_nulls on " ~ model.identifier ~ ": " ~ model
            ~ " has no columns (is it built?)"
        ) }}
    {%- endif -%}
    {%- set column_names = columns | map(attribute="name") | list -%}
    {%- set lower_column_names = column_names | map("lower") | list -%}
    {%- set allowed = nullable | map("lower") | list -%}
    {%- set unknown = [] -%}
    {%- for name in nullable if name | lower not in lower_column_names -%}
        {%- do unknown.append(name) -%}
    {%- endfor -%}
    {%- if unknown -%}
        {{ exceptions.raise_compiler_error(
            "no_nulls on " ~ model.identifier ~ ": `nullable` lists "
            ~ unknown | join(", ") ~ ", not a column of " ~ model
            ~ " (its columns: " ~ column_names | join(", ") ~ ")"
        ) }}
    {%- endif -%}
    {%- for column in columns if column.name | lower not in allowed -%}
        {%- do checked.append(column.name) -%}
    {%- endfor -%}
{%- endif -%}

{%- if checked %}

with null_counts as (

    select
        {%- for name in checked %}
        sum(case when {{ adapter.quote(name) }} is null then 1 else 0 end)
            as null_rows_{{ loop.index }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

checked_columns as (
{% for name in checked %}
    select
        {{ loop.index }} as column_position,
        '{{ name | replace("'", "''") }}' as column_name
    {%- if not loop.last %}
    union all
    {%- endif %}
{%- endfor %}

),

{# The one row of counts, spread to one row per column: null_counts is
   read once, so the relation is scanned once. #}
per_column as (

    select
        checked_columns.column_name,
        case checked_columns.column_position
            {%- for name in checked %}
            when {{ loop.index }} then null_counts.null_rows_{{ loop.index }}
            {%- endfor %}
        end as null_rows
    from checked_columns
    cross join null_counts

)

select
    column_name,
    null_rows
from per_column
where null_rows > 0

{%- else %}

{#- Parsing (no columns known yet), or every column is nullable. #}
select
    cast(null as {{ dbt.type_string() }}) as column_name,
    cast(null as {{ dbt.type_bigint() }}) as null_rows
where 1 = 0

{%- endif %}

{% endtest %}

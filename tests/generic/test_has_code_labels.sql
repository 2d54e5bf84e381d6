{#
    Every code in each listed column has a Spanish label in
    dim_code_labels. One test node checks all of a model's coded columns.

    `columns` maps a column to its code set (a string), or to
    {code_set_column: c} when each row names its own code set in column c
    (e.g. dimension_kind for dimension_value). Null and empty codes need no
    label. Returns one row per column and code without a label:
    column_name, code_set, code. A malformed `columns` stops the test with
    a compiler error naming the model and the column.
#}
{% test has_code_labels(model, columns) %}

{%- set problems = [] %}
{%- set set_expressions = {} %}
{%- if columns is not mapping or columns | length == 0 %}
    {%- do problems.append(
        "`columns` must map each column to its code set, got " ~ columns
    ) %}
{%- else %}
    {%- for column_name, code_set in columns.items() %}
        {%- if code_set is mapping and code_set | length == 1
            and code_set.get("code_set_column") %}
            {%- do set_expressions.update(
                {column_name: code_set["code_set_column"]}
            ) %}
        {%- elif code_set is string and code_set %}
            {%- do set_expressions.update({column_name: "'" ~ code_set ~ "'"}) %}
        {%- else %}
            {%- do problems.append(
                "column " ~ column_name ~ " needs a code set or"
                ~ " {code_set_column: ...}, got " ~ code_set
            ) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

{%- if problems %}
    {{- raise_argument_problems("has_code_labels", model, problems) }}
{%- else %}

with

used as (
{%- for column_name, set_expression in set_expressions.items() %}

    select distinct
        '{{ column_name }}' as column_name,
        cast({{ set_expression }} as {{ dbt.type_string() }}) as code_set,
        cast({{ column_name }} as {{ dbt.type_string() }}) as code
    from {{ model }}
    where
        {{ column_name }} is not null
        and cast({{ column_name }} as {{ dbt.type_string() }}) != ''
    {{ "union all" if not loop.last }}
{%- endfor %}

),

labels as (

    select * from {{ ref('dim_code_labels') }}

)

select
    used.column_name,
    used.code_set,
    used.code
from used
left join labels
    on
        used.code_set = labels.code_set
        and used.code = labels.code
where labels.code is null
{%- endif %}

{% endtest %}

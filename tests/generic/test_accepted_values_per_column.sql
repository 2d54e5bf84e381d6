{#
    Model-level accepted values: every non-null value of each column named
    in `columns` is one of that column's values. One test node checks all
    of a model's coded columns (a column-level accepted_values test per
    column cost dbt a node each: #19).

    `columns` maps a column to its list of values, quoted as strings, or to
    {values: [...], quote: false} for numbers. Null passes, as in dbt's own
    accepted_values. Returns one row per column and value outside its list:
    column_name, value (as text), rows. A malformed `columns` stops the test
    with a compiler error naming the model and the column.
#}
{% test accepted_values_per_column(model, columns) %}

{%- set problems = [] %}
{%- if columns is not mapping or columns | length == 0 %}
    {%- do problems.append(
        "`columns` must map each column to its accepted values, got "
        ~ columns
    ) %}
{%- else %}
    {%- for column_name, spec in columns.items() %}
        {%- set values = spec.get("values") if spec is mapping else spec %}
        {%- if not is_non_empty_list(values) %}
            {%- do problems.append(
                "column " ~ column_name ~ " needs a non-empty list of"
                ~ " values, got " ~ spec
            ) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

{%- if problems %}
    {{- raise_argument_problems("accepted_values_per_column", model, problems) }}
{%- else %}
{%- for column_name, spec in columns.items() %}
{%- set values = spec["values"] if spec is mapping else spec %}
{%- set quote = spec.get("quote", true) if spec is mapping else true %}

select
    '{{ column_name }}' as column_name,
    cast({{ column_name }} as {{ dbt.type_string() }}) as value,
    count(*) as rows
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (
        {%- for value in values %}
        {{ "'" ~ (value | string | replace("'", "''")) ~ "'" if quote else value }}
        {{- "," if not loop.last }}
        {%- endfor %}
    )
group by {{ column_name }}
{{ "union all" if not loop.last }}
{%- endfor %}
{%- endif %}

{% endtest %}

{#
    Model-level referential integrity: every non-null value of each listed
    column is found in its parent's key. One test node checks all of a
    model's foreign keys (a column-level relationships test per column
    cost dbt a node each: #19).

    `relationships` is a list of {column, to, field}, `to` a ref() or
    source(); an entry may add `where`, a condition on the model's rows
    that limits that one check (e.g. only rule rows carry a rule code).
    Returns one row per column and value missing from its parent:
    column_name, value (as text), rows. A malformed entry stops the test
    with a compiler error naming the model and the entry.
#}
{% test relationships_per_column(model, relationships) %}

{%- set problems = [] %}
{%- if not is_non_empty_list(relationships) %}
    {%- do problems.append(
        "`relationships` must be a list of {column, to, field}, got "
        ~ relationships
    ) %}
{%- else %}
    {%- for relationship in relationships %}
        {%- set missing = [] %}
        {%- for key in ["column", "to", "field"] if relationship is not mapping
            or relationship.get(key) is none %}
            {%- do missing.append(key) %}
        {%- endfor %}
        {%- if missing %}
            {%- do problems.append(
                "entry " ~ loop.index ~ " lacks " ~ missing | join(", ")
                ~ " (" ~ relationship ~ ")"
            ) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

{%- if problems %}
    {{- raise_argument_problems("relationships_per_column", model, problems) }}
{%- else %}
{%- for relationship in relationships %}
{%- set column_name = relationship["column"] %}

select
    '{{ column_name }}' as column_name,
    cast(child.{{ column_name }} as {{ dbt.type_string() }}) as value,
    count(*) as rows
from {{ model }} as child
where
    child.{{ column_name }} is not null
    {%- if relationship.get("where") %}
    and ({{ relationship["where"] }})
    {%- endif %}
    and not exists (
        select 1
        from {{ relationship["to"] }} as parent
        where parent.{{ relationship["field"] }} = child.{{ column_name }}
    )
group by child.{{ column_name }}
{{ "union all" if not loop.last }}
{%- endfor %}
{%- endif %}

{% endtest %}

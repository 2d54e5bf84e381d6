{#
    Model-level privacy test (Ley 29733): fails once per text column of the model
    holding any value that is as a whole an 8-digit DNI or an
    11-digit RUC beginning with 10 (macro is_personal_identifier). Columns
    are read from the built relation, so a column added later is covered
    without editing the test. `exclude_columns` lists columns to skip.
#}
{% test no_personal_identifiers(model, exclude_columns=[]) %}

{%- set text_columns = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if column.is_string()
            and column.name | lower not in exclude_columns | map('lower') -%}
            {%- do text_columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}

{% if text_columns %}
with

offending_values as (

    {% for column_name in text_columns %}
    select '{{ column_name }}' as column_name
    from {{ model }}
    where {{ pp0093.is_personal_identifier(adapter.quote(column_name)) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

{# The values themselves are not selected: a failing test must not print
   the identifiers it found. #}
select
    column_name,
    count(*) as offending_values_count
from offending_values
group by column_name
{% else %}
select
    cast(null as {{ dbt.type_string() }}) as column_name,
    0 as offending_values_count
where 1 = 0
{% endif %}

{% endtest %}

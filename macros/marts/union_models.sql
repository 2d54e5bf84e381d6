{#
    `select * from` each model named, joined by `union all`: the import CTE
    of a model that stacks several models of one shape (the same columns in
    the same order), so that each one is named once. The refs stay in the
    import CTE, as STYLE.md asks, and dbt sees every one as a parent.
#}
{% macro union_models(model_names) -%}
    {%- for model_name in model_names %}
    select * from {{ ref(model_name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

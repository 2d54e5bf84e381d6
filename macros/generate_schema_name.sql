{#
    Use a model's custom schema exactly as configured ('staging', 'marts'...)
    instead of dbt's default '<target schema>_<custom schema>', so analysts
    and BI tools see the same schema names in every environment. Models
    without a custom schema go to the target's schema (main).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}

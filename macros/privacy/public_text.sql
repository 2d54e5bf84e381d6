{#
    The column `column` of the base model `base_model`, cleaned by the
    rules public_text_columns lists for it (macro clean_free_text). Used
    by the staging models, where raw text enters the warehouse.
#}
{% macro public_text(base_model, column) -%}
    {%- set columns = pp0093.public_text_columns().get(base_model, {}) -%}
    {%- if column not in columns -%}
        {{ exceptions.raise_compiler_error(
            "public_text: " ~ base_model ~ "." ~ column
            ~ " is not listed in macro public_text_columns"
        ) }}
    {%- endif -%}
    {{ pp0093.clean_free_text(column, columns[column]) }}
{%- endmacro %}

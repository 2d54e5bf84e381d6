{#
    True when `column` is a well-formed DNI: exactly 8 digits (RENIEC
    numbers carry no check digit in the number itself). Null when `column`
    is null. Portable SQL: the digit test uses translate(), no regex.
#}
{% macro is_valid_dni(column) -%}
    (
        {{ dbt.length(column) }} = 8
        and translate({{ column }}, '0123456789', '') = ''
    )
{%- endmacro %}

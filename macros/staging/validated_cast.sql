{#
    The typed value of a checked text column, cast only on rows that passed
    every check (`rejection_rule` is null): a rejected row may hold text
    that is not a number, and its typed column stays null. Used in the
    final select of a base model, after rejection_columns.
#}
{% macro validated_cast(text_column, data_type) -%}
    case
        when rejection_rule is null
            then cast({{ text_column }} as {{ data_type }})
    end
{%- endmacro %}

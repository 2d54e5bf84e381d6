{#
    `value` rounded to `places` decimals, where `places` is a column (0 to
    max_places): round() needs a constant precision on some engines, so
    this is a case over the possible places, each cast to the project's
    numeric type. Null when places is null or out of range.
#}
{% macro round_to_places(value, places, max_places) -%}
    case {{ places }}
        {% for constant in range(max_places + 1) %}
            when {{ constant }}
                then cast(
                    round({{ value }}, {{ constant }})
                    as {{ dbt.type_numeric() }}
                )
        {% endfor %}
    end
{%- endmacro %}

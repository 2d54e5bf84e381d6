{#
    numerator / denominator x 100 as a fixed-point number (the project's
    numeric type), null unless the denominator is positive. Fixed point, not
    float: DuckDB's FLOAT is single precision.
#}
{% macro safe_pct(numerator, denominator) -%}
    case
        when {{ denominator }} > 0
            then cast(
                cast({{ numerator }} as {{ dbt.type_numeric() }}) * 100
                / {{ denominator }}
                as {{ dbt.type_numeric() }}
            )
    end
{%- endmacro %}

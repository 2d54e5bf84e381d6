{#
    True when `column` is a well-formed RUC: 11 digits, a prefix SUNAT
    issues (10, 15, 17, 20) and a correct mod-11 check digit (weights
    5,4,3,2,7,6,5,4,3,2 on the first ten digits; check = 11 - sum mod 11,
    where 10 -> 0 and 11 -> 1, i.e. (11 - sum mod 11) mod 10).
    Null when `column` is null.

    Portable SQL, no regular expressions and no cast that could fail: a
    digit's value is its position in '0123456789' minus one (dbt.position),
    and the digits-only test strips the digits with translate().
#}
{% macro is_valid_ruc(column) -%}
    {%- set weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] -%}
    {%- set digit = [] -%}
    {%- for position in range(1, 12) -%}
        {%- do digit.append(
            "(" ~ dbt.position(
                "substr(" ~ column ~ ", " ~ position ~ ", 1)",
                "'0123456789'"
            ) ~ " - 1)"
        ) -%}
    {%- endfor -%}
    (
        {{ dbt.length(column) }} = 11
        and translate({{ column }}, '0123456789', '') = ''
        and substr({{ column }}, 1, 2) in ('10', '15', '17', '20')
        and {{ digit[10] }} = mod(
            11 - mod(
                {%- for weight in weights %}
                {{ weight }} * {{ digit[loop.index0] }}
                {{- ' +' if not loop.last }}
                {%- endfor %},
                11
            ),
            10
        )
    )
{%- endmacro %}

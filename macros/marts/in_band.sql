{#
    The join condition of a range band: `value` lies between the band's
    lower and upper bound columns. A null bound is open (no lower or no
    upper limit); each bound is inclusive or exclusive as its seed column
    says. `scale` multiplies both bounds (a band in UIT compared with an
    amount in soles: bound x UIT), so a value exactly on a bound is
    classified without rounding. A null value is in no band.
#}
{% macro in_band(
    value,
    lower_bound,
    upper_bound,
    lower_inclusive=true,
    upper_inclusive=true,
    scale=none
) -%}
    {%- set factor = (' * ' ~ scale) if scale is not none else '' -%}
    (
        {{ lower_bound }} is null
        or {{ value }} {{ '>=' if lower_inclusive else '>' }}
        {{ lower_bound }}{{ factor }}
    )
    and (
        {{ upper_bound }} is null
        or {{ value }} {{ '<=' if upper_inclusive else '<' }}
        {{ upper_bound }}{{ factor }}
    )
{%- endmacro %}

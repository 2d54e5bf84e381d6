{#
    A test score on a 0..scale_max scale expressed on the 0-100 scale the
    indicators use: vigesimal scores (0-20) are multiplied by 5, scores
    already out of 100 are unchanged. scale_max is the source's own scale,
    a property of its file format (docs/feeds.md), not a threshold.
#}
{% macro score_to_pct(expr, scale_max) -%}
    cast(
        {{ expr }} * 100 / {{ scale_max }} as {{ dbt.type_numeric() }}
    )
{%- endmacro %}

{#
    Fails on every non-null value outside the range. Either bound may be
    omitted (none); each bound is inclusive unless told otherwise. Narrow the
    rows checked with the test's `where` config.
#}
{% test value_in_range(
    model,
    column_name,
    min_value=none,
    max_value=none,
    min_inclusive=true,
    max_inclusive=true
) %}

select *
from {{ model }}
where
    {{ column_name }} is not null
    and (
        false
        {%- if min_value is not none %}
        or {{ column_name }} {{ '<' if min_inclusive else '<=' }} {{ min_value }}
        {%- endif %}
        {%- if max_value is not none %}
        or {{ column_name }} {{ '>' if max_inclusive else '>=' }} {{ max_value }}
        {%- endif %}
    )

{% endtest %}

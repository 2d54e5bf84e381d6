{#
    Every non-null value of each listed column lies in 0..100 (both
    inclusive): shares and rates on the project's 0-100 scale. One test
    node checks all of a model's percentage columns. Not for ratios that
    may exceed 100 by design (physical achievement); use value_in_range for
    those. Returns one row per column and value outside the range:
    column_name, pct_value. A `columns` that is not a list of names stops
    the test with a compiler error naming the model.
#}
{% test percentages_between_0_and_100(model, columns) %}

{%- if not is_non_empty_list(columns) %}
    {{- raise_argument_problems(
        "percentages_between_0_and_100",
        model,
        ["`columns` must be a list of column names, got " ~ columns],
    ) }}
{%- else %}
{%- for column_name in columns %}

select
    '{{ column_name }}' as column_name,
    {{ column_name }} as pct_value
from {{ model }}
where
    {{ column_name }} is not null
    and ({{ column_name }} < 0 or {{ column_name }} > 100)
{{ "union all" if not loop.last }}
{%- endfor %}
{%- endif %}

{% endtest %}

{#
    Fails once per group (`group_by_columns`, none: the whole model) whose
    shares (the tested column, 0-100 scale) do not add up to 100 within
    `tolerance` points: the parts of a distribution must make the whole.
    With shares rounded to d decimals over k categories, a tolerance of
    k x 0.5 x 10^-d points absorbs the rounding.
#}
{% test shares_sum_to_100(model, column_name, group_by_columns=[], tolerance=0.1) %}

select
    {% for group_column in group_by_columns %}
    {{ group_column }},
    {% endfor %}
    sum({{ column_name }}) as total_pct
from {{ model }}
{% if group_by_columns %}
group by {{ group_by_columns | join(', ') }}
{% endif %}
having
    sum({{ column_name }}) is null
    or abs(sum({{ column_name }}) - 100) > {{ tolerance }}

{% endtest %}

{#
    Fails once per group where the sum of the tested column differs from
    the sum of `compare_column` in model `compare_model` by more than
    `tolerance` (same unit, e.g. soles): two models that must tell the same
    amount. Groups are matched position by position between
    `group_by_columns` and `compare_group_by_columns` (defaults to the same
    names); a group present on one side only fails unless its amount is
    within the tolerance of zero. `compare_filter` narrows the compared
    model's rows.
#}
{% test amounts_reconcile(
    model,
    column_name,
    compare_model,
    compare_column,
    group_by_columns=[],
    compare_group_by_columns=none,
    compare_filter=none,
    tolerance=0
) %}

{%- set compare_groups = compare_group_by_columns
    if compare_group_by_columns is not none else group_by_columns -%}

with

tested_sums as (

    select
        {% for group_column in group_by_columns %}
        {{ group_column }} as group_{{ loop.index }},
        {% endfor %}
        sum({{ column_name }}) as amount
    from {{ model }}
    {% if group_by_columns %}
    group by {{ group_by_columns | join(', ') }}
    {% endif %}

),

compared_sums as (

    select
        {% for group_column in compare_groups %}
        {{ group_column }} as group_{{ loop.index }},
        {% endfor %}
        sum({{ compare_column }}) as compare_amount
    from {{ compare_model }}
    {% if compare_filter is not none %}where {{ compare_filter }}{% endif %}
    {% if compare_groups %}
    group by {{ compare_groups | join(', ') }}
    {% endif %}

),

joined as (

    select
        {% for group_column in group_by_columns %}
        coalesce(
            tested_sums.group_{{ loop.index }},
            compared_sums.group_{{ loop.index }}
        ) as group_{{ loop.index }},
        {% endfor %}
        coalesce(tested_sums.amount, 0) as amount,
        coalesce(compared_sums.compare_amount, 0) as compare_amount
    from tested_sums
    full outer join compared_sums
        on
        {% for group_column in group_by_columns %}
            {{ dbt.equals(
                'tested_sums.group_' ~ loop.index,
                'compared_sums.group_' ~ loop.index,
            ) }}
            {% if not loop.last %}and{% endif %}
        {% else %}
            1 = 1
        {% endfor %}

)

select *
from joined
where abs(amount - compare_amount) > {{ tolerance }}

{% endtest %}

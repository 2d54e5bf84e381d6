{#
    Fails on every row whose value is not strictly greater than the value of
    the row before it, rows being ordered by `order_by`. Nulls are left to
    `not_null`.
#}
{% test strictly_increasing(model, column_name, order_by) %}

with ordered as (

    select
        {{ order_by }} as sort_key,
        {{ column_name }} as current_value,
        lag({{ column_name }}) over (
            order by {{ order_by }}
        ) as previous_value
    from {{ model }}

),

not_increasing as (

    select *
    from ordered
    where
        previous_value is not null
        and current_value <= previous_value

)

select * from not_increasing

{% endtest %}

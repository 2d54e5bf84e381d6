{#
    Fails on every row whose amount in soles (the tested column) lies
    outside a range given in UIT, converted with the UIT of the row's own
    year (`year_column`, looked up in `uit_model`, seed uit_values by
    default). Both bounds are inclusive and either may be omitted. The
    bounds are literals (`min_uit`, `max_uit`) or read from a model
    (`bounds_model`, `min_uit_column`, `max_uit_column`, `bounds_filter`
    to pick its row), so a rule kept in a seed is tested from the seed. A
    row whose year has no UIT fails too. Narrow the rows with `where`.
#}
{% test pen_within_uit_range(
    model,
    column_name,
    year_column,
    min_uit=none,
    max_uit=none,
    bounds_model=none,
    min_uit_column=none,
    max_uit_column=none,
    bounds_filter=none,
    uit_model=none
) %}

with

checked as (

    select
        {{ column_name }} as amount_pen,
        {{ year_column }} as uit_year
    from {{ model }}
    where {{ column_name }} is not null

),

uit_values as (

    select
        year as uit_year,
        uit_pen
    from {{ uit_model if uit_model is not none else ref('uit_values') }}

),

bounds as (

    {% if bounds_model is not none %}
    select
        {{ min_uit_column if min_uit_column is not none else 'null' }}
            as min_uit,
        {{ max_uit_column if max_uit_column is not none else 'null' }}
            as max_uit
    from {{ bounds_model }}
    {% if bounds_filter is not none %}where {{ bounds_filter }}{% endif %}
    {% else %}
    select
        {{ min_uit if min_uit is not none else 'null' }} as min_uit,
        {{ max_uit if max_uit is not none else 'null' }} as max_uit
    {% endif %}

),

compared as (

    select
        checked.amount_pen,
        checked.uit_year,
        uit_values.uit_pen,
        bounds.min_uit,
        bounds.max_uit
    from checked
    left join uit_values
        on checked.uit_year = uit_values.uit_year
    cross join bounds

)

select *
from compared
where
    uit_pen is null
    or (min_uit is not null and amount_pen < min_uit * uit_pen)
    or (max_uit is not null and amount_pen > max_uit * uit_pen)

{% endtest %}

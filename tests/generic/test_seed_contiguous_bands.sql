{#
    Checks that a set of bands, ordered by `order_by`, tiles the number line
    without gaps or overlaps:
    - every band after the first starts where the previous one ends: its
      lower bound equals the previous upper bound plus `step` (step 0 for
      "lower exclusive, upper inclusive" bounds on a continuous measure such
      as sales in UIT; step 1 for inclusive integer bounds such as workers);
    - only the first band may lack a lower bound;
    - only the last band lacks an upper bound, and it must lack one;
    - no band is empty (upper bound + step > lower bound).
    Returns one row per offending band.
#}
{% test contiguous_bands(model, lower_column, upper_column, order_by, step=0) %}

with ordered as (

    select
        {{ order_by }} as sort_key,
        {{ lower_column }} as lower_bound,
        {{ upper_column }} as upper_bound,
        lag({{ upper_column }}) over (
            order by {{ order_by }}
        ) as previous_upper_bound,
        row_number() over (order by {{ order_by }}) as band_position,
        count(*) over () as band_count
    from {{ model }}

),

offending as (

    select *
    from ordered
    where
        (
            band_position > 1
            and (
                lower_bound is null
                or previous_upper_bound is null
                or lower_bound <> previous_upper_bound + {{ step }}
            )
        )
        or (band_position < band_count and upper_bound is null)
        or (band_position = band_count and upper_bound is not null)
        or (upper_bound + {{ step }} <= lower_bound)

)

select * from offending

{% endtest %}

{#
    Fails on every non-null value outside 0..100 (both inclusive): a share
    or rate on the project's 0-100 scale. Not for ratios that may exceed
    100 by design (physical achievement); use value_in_range for those.
#}
{% test percentage_between_0_and_100(model, column_name) %}

select {{ column_name }} as pct_value
from {{ model }}
where
    {{ column_name }} is not null
    and ({{ column_name }} < 0 or {{ column_name }} > 100)

{% endtest %}

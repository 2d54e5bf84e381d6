{#
    Fails on every non-null value that is not a valid RUC (macro
    is_valid_ruc: 11 digits, prefix 10/15/17/20, mod-11 check digit).
    Use it on every staged RUC column.
#}
{% test valid_ruc(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and not {{ is_valid_ruc(column_name) }}

{% endtest %}

{#
    Fails on every non-null value whose character length differs from
    `length`: keeps zero-padded codes (department '01', CIIU division '05')
    from losing their leading zeros.
#}
{% test fixed_length(model, column_name, length) %}

select *
from {{ model }}
where
    {{ column_name }} is not null
    and {{ dbt.length(column_name) }} <> {{ length }}

{% endtest %}

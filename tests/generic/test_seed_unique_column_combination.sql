{#
    Fails once per combination of `columns` that occurs on more than one
    row: the model-level unique test for a composite key.
#}
{% test unique_column_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as row_count
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}

{#
    Every code in the column has a Spanish label in dim_code_labels: the
    rows returned are the codes without one. The code set is `code_set`,
    or the value of the column `code_set_column` on each row (e.g.
    dimension_kind for dimension_value). Null and empty codes need no label.
#}

{% test has_code_label(model, column_name, code_set=none, code_set_column=none) %}

{# Raised when the test runs (not at parse time), naming the column. #}
{% if execute and (code_set is none) == (code_set_column is none) %}
    {{ exceptions.raise_compiler_error(
        "has_code_label on " ~ column_name
        ~ ": give exactly one of code_set and code_set_column"
    ) }}
{% endif %}
{% set set_expression = code_set_column if code_set is none
    else "'" ~ code_set ~ "'" %}
{% set set_expression = set_expression or "''" %}

with

used as (

    select distinct
        cast({{ set_expression }} as {{ dbt.type_string() }}) as code_set,
        cast({{ column_name }} as {{ dbt.type_string() }}) as code
    from {{ model }}
    where
        {{ column_name }} is not null
        and cast({{ column_name }} as {{ dbt.type_string() }}) != ''

),

labels as (

    select * from {{ ref('dim_code_labels') }}

)

select
    used.code_set,
    used.code
from used
left join labels
    on
        used.code_set = labels.code_set
        and used.code = labels.code
where labels.code is null

{% endtest %}

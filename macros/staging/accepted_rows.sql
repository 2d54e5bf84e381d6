{#
    The rows of a base model that staging keeps: every row that passed all
    its checks and is the kept version of its record (`rejection_rule` is
    null, so neither rejected nor `superseded`) and is not an exact
    duplicate (`is_duplicate` false). The import CTE (`source`) of each
    stg_ model: what is left out is in stg_<source>__rejected_rows or
    counted as a duplicate by the reconciliation.
#}
{% macro accepted_rows(base_model) -%}
    select * from {{ ref(base_model) }}
    where rejection_rule is null and not is_duplicate
{%- endmacro %}

{#
    The final `rejection_rule` and `rejected_value` of a base model: the
    first failing check's rule and value (from rejection_columns) or, for a
    row that passed but is an older version of a resubmitted record
    (version_rank > 1, from rank_resubmissions), the rule `superseded` with
    `superseded_value` (the SQL expression of the record's key, as text).
#}
{% macro final_rejection_columns(superseded_value) -%}
    coalesce(
        rejection_rule,
        case when version_rank > 1 then 'superseded' end
    ) as rejection_rule,
    coalesce(
        rejected_value,
        case when version_rank > 1 then {{ superseded_value }} end
    ) as rejected_value
{%- endmacro %}

{#
    The `version_rank` column of a base model: among the rows that passed
    every check and are not exact duplicates, the versions of one record
    (same `key`) numbered newest first (1 = the version kept; the others
    become `superseded` in final_rejection_columns). Newest means first by
    `order_by` (e.g. ['recorded_at desc']), then the later file and the
    later row. Null on rejected and duplicate rows.
    Needs columns rejection_rule, is_duplicate, source_file and
    source_row_number (after flag_exact_duplicates).
#}
{% macro rank_resubmissions(key, order_by=[]) -%}
    {%- set is_kept = 'rejection_rule is null and not is_duplicate' -%}
    case
        when {{ is_kept }}
            then row_number() over (
                partition by
                    {%- for column in key %}
                    {{ column }},
                    {%- endfor %}
                    {{ is_kept }}
                order by
                    {%- for term in order_by %}
                    {{ term }},
                    {%- endfor %}
                    source_file desc,
                    source_row_number desc
            )
    end as version_rank
{%- endmacro %}

{#
    The select of a base model's `fields_checked` CTE: every column of
    `relation`, with each optional column of `checks` set to null where one
    of its checks fails (nulled_fields), and the column `field_issues` that
    records why (field_issues). The checks are the feed's own (seed
    `field_roles`, role `optional`) and stay written in the model.
#}
{% macro optional_fields_checked(relation, checks) -%}
    select
        * replace ({{ nulled_fields(checks) }}),
        {{ field_issues(checks) }}
    from {{ relation }}
{%- endmacro %}

{#
    The select of a base model's `versions_ranked` CTE, the same rule for
    every feed: the validated rows of `relation` with `is_duplicate`
    (flag_exact_duplicates: the whole raw record seen before) and then
    `version_rank` (rank_resubmissions: the versions of one record `key`,
    newest first by `order_by`, then file and row). The final select of
    the model turns a version_rank above 1 into `superseded`
    (final_rejection_columns).
#}
{% macro duplicates_and_versions_flagged(relation, key, order_by=[]) -%}
    with

    duplicates_flagged as (
        select
            *,
            {{ flag_exact_duplicates() }}
        from {{ relation }}
    )

    select
        *,
        {{ rank_resubmissions(key=key, order_by=order_by) }}
    from duplicates_flagged
{%- endmacro %}

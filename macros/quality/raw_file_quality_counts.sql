{#
    The counting part of rpt_data_quality for a group of feeds: the body of
    a model (import CTEs to final) that reads each base model of the group
    once (every raw row, with its rejection_rule, is_duplicate and
    field_issues) and returns one row per file, per file and rejection
    rule, per file, rule and nulled field, and per file and free-text rule
    (masked values), without descriptions, each with its row key
    (data_quality_row_id). file_rows_model: the model
    counting the rows of the group's raw files the base models leave out
    (ignored_rows), if any. `rule` is the rejects models' column name
    (hence the noqa for sqlfluff's keyword rule).
#}
{% macro raw_file_quality_counts(base_models, file_rows_model=none) -%}
{%- set text_columns = public_text_columns() -%}
{%- set text_models = base_models | select('in', text_columns) | list -%}
with

base_rows as (
    {% for base_model in base_models %}
        select
            source_file,
            rejection_rule,
            is_duplicate,
            field_issues
        from {{ ref(base_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

ignored_rows as (
    {% if file_rows_model is not none %}
        select
            source_file,
            ignored_rows
        from {{ ref(file_rows_model) }}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as bigint) as ignored_rows
        where false
    {% endif %}
),

nulled_fields as (
    select
        source_file,
        issue['rule'] as rejection_rule,
        issue['field_name'] as field_name
    from (
        select
            source_file,
            unnest(field_issues) as issue
        from base_rows
        where rejection_rule is null and not is_duplicate
    ) as field_issues
    where issue is not null
),

{# One scan per cleaned column: the rules that changed each value. #}
text_findings as (
    {% for base_model in text_models %}
        {% set outer_loop = loop %}
        {% for column, rules in text_columns[base_model].items() %}
            select
                source_file,
                unnest({{ free_text_findings(column, rules) }})
                    as rule  -- noqa: RF04
            from {{ ref(base_model) }}
            where rejection_rule is null and not is_duplicate
            {% if not (outer_loop.last and loop.last) %}union all{% endif %}
        {% endfor %}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as {{ dbt.type_string() }}) as rule  -- noqa: RF04
        where false
    {% endfor %}
),

rows_classified as (
    select
        source_file,
        rejection_rule,
        is_duplicate,
        rejection_rule is null and not is_duplicate as is_staged,
        rejection_rule is not null and not is_duplicate as is_rejected
    from base_rows
),

kept_by_file as (
    select
        source_file,
        count(*) as kept_rows,
        count(case when is_staged then 1 end) as staged_rows,
        count(case when is_rejected then 1 end) as rejected_rows,
        count(case when is_duplicate then 1 end) as duplicate_rows
    from rows_classified
    group by source_file
),

file_rows as (
    select
        'file' as row_kind,
        coalesce(
            kept_by_file.source_file, ignored_rows.source_file
        ) as source_file,
        cast(null as varchar) as rule,  -- noqa: RF04
        cast(null as varchar) as field_name,
        coalesce(kept_by_file.kept_rows, 0)
        + coalesce(ignored_rows.ignored_rows, 0) as raw_rows,
        coalesce(kept_by_file.staged_rows, 0) as staged_rows,
        coalesce(kept_by_file.rejected_rows, 0) as rejected_rows,
        coalesce(kept_by_file.duplicate_rows, 0) as duplicate_rows,
        coalesce(ignored_rows.ignored_rows, 0) as ignored_rows,
        cast(null as bigint) as nulled_values,
        cast(null as bigint) as masked_values
    from kept_by_file
    full outer join ignored_rows
        on kept_by_file.source_file = ignored_rows.source_file
),

rule_rows as (
    select
        'rule' as row_kind,
        source_file,
        rejection_rule as rule,  -- noqa: RF04
        cast(null as varchar) as field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        count(*) as rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        cast(null as bigint) as nulled_values,
        cast(null as bigint) as masked_values
    from rows_classified
    where is_rejected
    group by source_file, rejection_rule
),

field_rows as (
    select
        'field' as row_kind,
        source_file,
        rejection_rule as rule,  -- noqa: RF04
        field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        cast(0 as bigint) as rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        count(*) as nulled_values,
        cast(null as bigint) as masked_values
    from nulled_fields
    group by source_file, rejection_rule, field_name
),

masked_rows as (
    select
        'masked' as row_kind,
        source_file,
        rule,  -- noqa: RF04
        cast(null as varchar) as field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        cast(0 as bigint) as rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        cast(null as bigint) as nulled_values,
        count(*) as masked_values
    from text_findings
    group by source_file, rule
),

unioned as (
    select * from file_rows
    union all
    select * from rule_rows
    union all
    select * from field_rows
    union all
    select * from masked_rows
),

final as (
    select
        {{ dbt.concat([
            composite_key(['source_file', "coalesce(rule, '(file)')"], '|'),
            "coalesce('|' || field_name, '')",
        ]) }} as data_quality_row_id,
        *
    from unioned
)

select * from final
{%- endmacro %}

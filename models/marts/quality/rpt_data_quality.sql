{#
    Data quality of the last build, without personal data: counts and
    rules only, never a raw value. Four kinds of rows (`row_kind`):
      'file'  one per raw file: raw rows = staged + rejected + duplicates
              + ignored (rows of other programmes in MEF's national file,
              counted by base_mef__file_rows)
      'rule'  one per raw file and rejection rule: the rows that rule
              quarantined
      'field' one per raw file, rule and optional field: the values of
              that field set to null in kept rows (the rows are staged)
      'masked' one per raw file and free-text rule (macro free_text_rules):
              the values of rows that reached the marts which that rule
              masked or cleaned (`masked_values`)
    Each feed group is counted by its own model (int_registry_,
    int_service_ and int_execution_files_counted, all with macro
    raw_file_quality_counts), from the base models, which hold every raw
    row with its `rejection_rule` and `is_duplicate`: one scan of every raw
    file. This model adds the rules' Spanish descriptions. A new feed adds
    its base model to its group's model. `rule` is the rejects models'
    column name (hence the noqa for sqlfluff's keyword rule).
#}

with

registry_files as (
    select * from {{ ref('int_registry_files_counted') }}
),

service_files as (
    select * from {{ ref('int_service_files_counted') }}
),

execution_files as (
    select * from {{ ref('int_execution_files_counted') }}
),

rejection_rules as (
    select
        rule,
        description_es
    from {{ ref('rejection_rules') }}
),

free_text_rules as (
    {% for rule in free_text_rules() %}
        select
            '{{ rule.rule }}' as rule,  -- noqa: RF04
            '{{ rule.description_es | replace("'", "''") }}' as description_es
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

counted as (
    select * from registry_files
    union all
    select * from service_files
    union all
    select * from execution_files
),

{# Masked values count only for the free-text rules the macro names. #}
described as (
    select
        counted.*,
        case
            when counted.row_kind = 'masked'
                then free_text_rules.description_es
            else rejection_rules.description_es
        end as rule_description
    from counted
    left join rejection_rules
        on
            counted.row_kind in ('rule', 'field')
            and counted.rule = rejection_rules.rule
    left join free_text_rules
        on
            counted.row_kind = 'masked'
            and counted.rule = free_text_rules.rule
    where counted.row_kind != 'masked' or free_text_rules.rule is not null
),

final as (
    select
        data_quality_row_id,
        row_kind,
        {{ dbt.split_part('source_file', "'/'", 1) }} as feed,
        source_file,
        rule,
        rule_description,
        field_name,
        cast(raw_rows as bigint) as raw_rows,
        cast(staged_rows as bigint) as staged_rows,
        cast(rejected_rows as bigint) as rejected_rows,
        cast(duplicate_rows as bigint) as duplicate_rows,
        cast(ignored_rows as bigint) as ignored_rows,
        cast(nulled_values as bigint) as nulled_values,
        cast(masked_values as bigint) as masked_values
    from described
)

select * from final

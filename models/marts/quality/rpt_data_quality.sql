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
    Counted from the base models, which hold every raw row with its
    `rejection_rule` and `is_duplicate`: the stg_* models keep the rows
    with neither, stg_<source>__rejected_rows those with a rule and not a
    duplicate (the same filters as here). Reading the base models once each
    keeps this model to one scan of every raw file.
    The masked rows test the base models' text as it was delivered, with
    the rules the staging models apply to it (macro public_text_columns).
    A new feed adds its base model to the list below. `rule` is the rejects
    models' column name (hence the noqa for sqlfluff's keyword rule).
#}
{%- set base_models = [
    'base_sunat__padron',
    'base_sunat__firm_profiles',
    'base_itp__cite_services',
    'base_produce__directorate_services',
    'base_pnte__tu_empresa_services',
    'base_mef__budget_execution',
    'base_siaf__physical_progress',
] -%}

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
    select
        source_file,
        ignored_rows
    from {{ ref('base_mef__file_rows') }}
),

field_issues as (
    select
        source_file,
        unnest(field_issues) as issue
    from base_rows
    where rejection_rule is null and not is_duplicate
),

nulled_fields as (
    select
        source_file,
        issue['rule'] as rejection_rule,
        issue['field_name'] as field_name
    from field_issues
    where issue is not null
),

{# One scan per cleaned column: the rules that changed each value. #}

text_findings as (
    {% for base_model, columns in public_text_columns().items() %}
        {% set outer_loop = loop %}
        {% for column, rules in columns.items() %}
            select
                source_file,
                unnest({{ free_text_findings(column, rules) }})
                    as rule  -- noqa: RF04
            from {{ ref(base_model) }}
            where rejection_rule is null and not is_duplicate
            {% if not (outer_loop.last and loop.last) %}union all{% endif %}
        {% endfor %}
    {% endfor %}
),

free_text_rules as (
    {% for rule in free_text_rules() %}
        select
            '{{ rule.rule }}' as rule,  -- noqa: RF04
            '{{ rule.description_es | replace("'", "''") }}' as description_es
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

rejection_rules as (
    select
        rule,
        description_es
    from {{ ref('rejection_rules') }}
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

counts_by_file as (
    select
        coalesce(
            kept_by_file.source_file, ignored_rows.source_file
        ) as source_file,
        coalesce(kept_by_file.staged_rows, 0) as staged_rows,
        coalesce(kept_by_file.rejected_rows, 0) as rejected_rows,
        coalesce(kept_by_file.duplicate_rows, 0) as duplicate_rows,
        coalesce(ignored_rows.ignored_rows, 0) as ignored_rows,
        coalesce(kept_by_file.kept_rows, 0)
        + coalesce(ignored_rows.ignored_rows, 0) as raw_rows
    from kept_by_file
    full outer join ignored_rows
        on kept_by_file.source_file = ignored_rows.source_file
),

rejected_rows_by_rule as (
    select
        source_file,
        rejection_rule,
        count(*) as rejected_rows
    from rows_classified
    where is_rejected
    group by source_file, rejection_rule
),

file_rows as (
    select
        'file' as row_kind,
        source_file,
        cast(null as varchar) as rule,  -- noqa: RF04
        cast(null as varchar) as rule_description,
        cast(null as varchar) as field_name,
        raw_rows,
        staged_rows,
        rejected_rows,
        duplicate_rows,
        ignored_rows,
        cast(null as bigint) as nulled_values,
        cast(null as bigint) as masked_values
    from counts_by_file
),

rule_rows as (
    select
        'rule' as row_kind,
        rejected_rows_by_rule.source_file,
        rejected_rows_by_rule.rejection_rule as rule,  -- noqa: RF04
        rejection_rules.description_es as rule_description,
        cast(null as varchar) as field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        rejected_rows_by_rule.rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        cast(null as bigint) as nulled_values,
        cast(null as bigint) as masked_values
    from rejected_rows_by_rule
    left join rejection_rules
        on rejected_rows_by_rule.rejection_rule = rejection_rules.rule
),

nulled_by_field as (
    select
        source_file,
        rejection_rule,
        field_name,
        count(*) as nulled_values
    from nulled_fields
    group by source_file, rejection_rule, field_name
),

field_rows as (
    select
        'field' as row_kind,
        nulled_by_field.source_file,
        nulled_by_field.rejection_rule as rule,  -- noqa: RF04
        rejection_rules.description_es as rule_description,
        nulled_by_field.field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        0 as rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        nulled_by_field.nulled_values,
        cast(null as bigint) as masked_values
    from nulled_by_field
    left join rejection_rules
        on nulled_by_field.rejection_rule = rejection_rules.rule
),

masked_rows as (
    select
        'masked' as row_kind,
        text_findings.source_file,
        text_findings.rule,  -- noqa: RF04
        free_text_rules.description_es as rule_description,
        cast(null as varchar) as field_name,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        cast(0 as bigint) as rejected_rows,
        cast(null as bigint) as duplicate_rows,
        cast(null as bigint) as ignored_rows,
        cast(null as bigint) as nulled_values,
        count(*) as masked_values
    from text_findings
    inner join free_text_rules
        on text_findings.rule = free_text_rules.rule
    group by
        text_findings.source_file,
        text_findings.rule,
        free_text_rules.description_es
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
            'source_file', "'|'", "coalesce(rule, '(file)')",
            "coalesce('|' || field_name, '')"
        ]) }} as data_quality_row_id,
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
    from unioned
)

select * from final

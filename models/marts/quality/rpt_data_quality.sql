{#
    Data quality of the last build, without personal data: counts and
    rules only, never a raw value. Two kinds of rows (`row_kind`):
      'file'  one per raw file: raw rows = staged + rejected + duplicates
      'rule'  one per raw file and rejection rule: the rows that rule
              quarantined (in stg_<source>__rejected_rows)
    The feeds are listed once below; a new feed adds its base, staging and
    rejects models there. `rule` is the rejects models' column name (hence
    the noqa for sqlfluff's keyword rule).
#}
{%- set feeds = [
    ('base_sunat__padron', 'stg_sunat__padron'),
    ('base_sunat__firm_profiles', 'stg_sunat__firm_profiles'),
    ('base_itp__cite_services', 'stg_itp__cite_services'),
    ('base_produce__directorate_services',
        'stg_produce__directorate_services'),
    ('base_pnte__tu_empresa_services', 'stg_pnte__tu_empresa_services'),
    ('base_mef__budget_execution', 'stg_mef__budget_execution'),
    ('base_siaf__physical_progress', 'stg_siaf__physical_progress'),
] -%}
{%- set rejects = [
    'stg_sunat__rejected_rows',
    'stg_itp__rejected_rows',
    'stg_produce__rejected_rows',
    'stg_pnte__rejected_rows',
    'stg_mef__rejected_rows',
    'stg_siaf__rejected_rows',
] -%}

with

base_rows as (
    {% for base_model, staged_model in feeds %}
        select
            source_file,
            is_duplicate
        from {{ ref(base_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

staged_rows as (
    {% for base_model, staged_model in feeds %}
        select source_file from {{ ref(staged_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

rejected_rows as (
    {% for rejects_model in rejects %}
        select
            source_file,
            rule
        from {{ ref(rejects_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

rejection_rules as (
    select
        rule,
        description_es
    from {{ ref('rejection_rules') }}
),

raw_rows_by_file as (
    select
        source_file,
        count(*) as raw_rows,
        count(case when is_duplicate then 1 end) as duplicate_rows
    from base_rows
    group by source_file
),

staged_rows_by_file as (
    select
        source_file,
        count(*) as staged_rows
    from staged_rows
    group by source_file
),

rejected_rows_by_rule as (
    select
        source_file,
        rule,
        count(*) as rejected_rows
    from rejected_rows
    group by source_file, rule
),

rejected_rows_by_file as (
    select
        source_file,
        sum(rejected_rows) as rejected_rows
    from rejected_rows_by_rule
    group by source_file
),

file_rows as (
    select
        'file' as row_kind,
        raw_rows_by_file.source_file,
        cast(null as varchar) as rule,  -- noqa: RF04
        cast(null as varchar) as rule_description,
        raw_rows_by_file.raw_rows,
        coalesce(staged_rows_by_file.staged_rows, 0) as staged_rows,
        coalesce(rejected_rows_by_file.rejected_rows, 0) as rejected_rows,
        raw_rows_by_file.duplicate_rows
    from raw_rows_by_file
    left join staged_rows_by_file
        on raw_rows_by_file.source_file = staged_rows_by_file.source_file
    left join rejected_rows_by_file
        on raw_rows_by_file.source_file = rejected_rows_by_file.source_file
),

rule_rows as (
    select
        'rule' as row_kind,
        rejected_rows_by_rule.source_file,
        rejected_rows_by_rule.rule,
        rejection_rules.description_es as rule_description,
        cast(null as bigint) as raw_rows,
        cast(null as bigint) as staged_rows,
        rejected_rows_by_rule.rejected_rows,
        cast(null as bigint) as duplicate_rows
    from rejected_rows_by_rule
    left join rejection_rules
        on rejected_rows_by_rule.rule = rejection_rules.rule
),

unioned as (
    select * from file_rows
    union all
    select * from rule_rows
),

final as (
    select
        {{ dbt.concat([
            'source_file', "'|'", "coalesce(rule, '(file)')"
        ]) }} as data_quality_row_id,
        row_kind,
        {{ dbt.split_part('source_file', "'/'", 1) }} as feed,
        source_file,
        rule,
        rule_description,
        cast(raw_rows as bigint) as raw_rows,
        cast(staged_rows as bigint) as staged_rows,
        cast(rejected_rows as bigint) as rejected_rows,
        cast(duplicate_rows as bigint) as duplicate_rows
    from unioned
)

select * from final

{#
    The whole select of a source's `stg_<source>__rejected_rows` model:
    every row of its base model(s) that failed a validation rule (exact
    duplicates left out), with the source system, file, row key
    ('row <n>'), rule, the rule's description from seed `rejection_rules`
    (a lookup, the one join staging allows), the raw value that broke it
    and the whole raw record (`is_row_kept` false); and, field by field,
    every optional field of a KEPT row that was set to null because its
    value broke a rule (`field_issues` of the base model: `field_name` is
    the raw column, `is_row_kept` true; the row itself is staged).
    `base_models` maps each source system code (as `source_system` shows
    it) to the base model that validates it; several are unioned.
#}
{% macro rejected_rows(base_models) -%}
with
{% for source_system, base_model in base_models.items() %}
{{ base_model }}_rejected as (
    select
        '{{ source_system }}' as source_system,
        source_file,
        rejection_rule,
        rejected_value,
        raw_record,
        'row ' || cast(source_row_number as varchar) as source_row_key,
        cast(null as varchar) as field_name,
        false as is_row_kept
    from {{ ref(base_model) }}
    where rejection_rule is not null and not is_duplicate
),

{{ base_model }}_field_issues as (
    select
        source_file,
        raw_record,
        'row ' || cast(source_row_number as varchar) as source_row_key,
        unnest(field_issues) as issue
    from {{ ref(base_model) }}
    where rejection_rule is null and not is_duplicate
),

{{ base_model }}_nulled_fields as (
    select
        '{{ source_system }}' as source_system,
        source_file,
        issue['rule'] as rejection_rule,
        issue['raw_value'] as rejected_value,
        raw_record,
        source_row_key,
        issue['field_name'] as field_name,
        true as is_row_kept
    from {{ base_model }}_field_issues
    where issue is not null
),
{% endfor %}
rejection_rules as (
    select
        rule,
        description_en
    from {{ ref('rejection_rules') }}
),

unioned as (
    {%- for base_model in base_models.values() %}
    select * from {{ base_model }}_rejected
    union all
    select * from {{ base_model }}_nulled_fields
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        unioned.source_system,
        unioned.source_file,
        unioned.source_row_key,
        unioned.rejection_rule as rule,  -- noqa: RF04
        rejection_rules.description_en as rule_description,
        unioned.rejected_value as raw_value,
        unioned.raw_record,
        unioned.field_name,
        unioned.is_row_kept
    from unioned
    left join rejection_rules
        on unioned.rejection_rule = rejection_rules.rule
)

select * from final
{%- endmacro %}

{#
    Rejected rows of this source: every raw row that failed a validation
    rule in its base model (first failing rule, seed `rejection_rules`),
    with its file, row key and raw values. Exact duplicates are not here.
    Joining the rules seed for the description is a lookup, the one kind
    of join staging allows. Restricted: raw records carry RUCs and DNIs.
#}
with

physical_progress_rejected as (
    select
        'siaf_avance_fisico' as source_system,
        source_file,
        rejection_rule,
        rejected_value,
        raw_record,
        'row ' || cast(source_row_number as varchar) as source_row_key
    from {{ ref('base_siaf__physical_progress') }}
    where rejection_rule is not null and not is_duplicate
),

rejection_rules as (
    select
        rule,
        description_en
    from {{ ref('rejection_rules') }}
),

final as (
    select
        physical_progress_rejected.source_system,
        physical_progress_rejected.source_file,
        physical_progress_rejected.source_row_key,
        physical_progress_rejected.rejection_rule as rule,  -- noqa: RF04
        rejection_rules.description_en as rule_description,
        physical_progress_rejected.rejected_value as raw_value,
        physical_progress_rejected.raw_record
    from physical_progress_rejected
    left join rejection_rules
        on physical_progress_rejected.rejection_rule = rejection_rules.rule
)

select * from final

{#
    Rejected rows of this source: every raw row that failed a validation
    rule in its base model (first failing rule, seed `rejection_rules`),
    with its file, row key and raw values. Exact duplicates are not here.
    Joining the rules seed for the description is a lookup, the one kind
    of join staging allows. Restricted: raw records carry RUCs and DNIs.
#}
with

padron_rejected as (
    select
        'sunat_padron' as source_system,
        source_file,
        rejection_rule,
        rejected_value,
        raw_record,
        'row ' || cast(source_row_number as varchar) as source_row_key
    from {{ ref('base_sunat__padron') }}
    where rejection_rule is not null and not is_duplicate
),

firm_profiles_rejected as (
    select
        'sunat_perfil' as source_system,
        source_file,
        rejection_rule,
        rejected_value,
        raw_record,
        'row ' || cast(source_row_number as varchar) as source_row_key
    from {{ ref('base_sunat__firm_profiles') }}
    where rejection_rule is not null and not is_duplicate
),

rejection_rules as (
    select
        rule,
        description_en
    from {{ ref('rejection_rules') }}
),

unioned as (
    select * from padron_rejected
    union all
    select * from firm_profiles_rejected
),

final as (
    select
        unioned.source_system,
        unioned.source_file,
        unioned.source_row_key,
        unioned.rejection_rule as rule,  -- noqa: RF04
        rejection_rules.description_en as rule_description,
        unioned.rejected_value as raw_value,
        unioned.raw_record
    from unioned
    left join rejection_rules
        on unioned.rejection_rule = rejection_rules.rule
)

select * from final

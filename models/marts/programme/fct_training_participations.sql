{#
    One row per person attending a training or technical-assistance event
    (participant-level records of the directorates and Tu Empresa), with
    scores on the 0-100 scale. participant_id is a keyed hash of the DNI.
    has_passed uses the pass mark of the indicator rule (seed
    indicator_rules) for the record's indicator subject; it is null when no
    rule with a pass mark applies or the person was not evaluated.
#}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

firms as (

    select * from {{ ref('int_firms_resolved') }}

),

indicator_rules as (

    select * from {{ ref('indicator_rules') }}

),

pass_marks as (

    select
        indicator_subject,
        cast(max(pass_mark_pct) as {{ dbt.type_numeric() }}) as pass_mark_pct
    from indicator_rules
    where
        indicator_subject is not null
        and pass_mark_pct is not null
    group by indicator_subject

),

participations as (

    select * from service_records
    where participant_dni is not null

),

final as (

    select
        participations.service_record_id as participation_id,
        {{ pseudonymize('participations.service_delivery_key') }}
            as service_delivery_id,
        {{ pseudonymize('participations.participant_dni') }}
            as participant_id,
        firms.firm_id,
        participations.program_year,
        participations.delivered_date,
        participations.product_code,
        participations.activity_code,
        participations.executing_unit_code,
        participations.source_system,
        participations.service_type,
        participations.training_topic,
        participations.indicator_subject,
        participations.modality,
        participations.pre_score_pct,
        participations.post_score_pct,
        participations.post_score_pct is not null as is_evaluated,
        pass_marks.pass_mark_pct,
        case
            when
                participations.post_score_pct is not null
                and pass_marks.pass_mark_pct is not null
                then participations.post_score_pct >= pass_marks.pass_mark_pct
        end as has_passed,
        case
            when
                participations.pre_score_pct is not null
                and participations.post_score_pct is not null
                then
                    participations.post_score_pct
                    > participations.pre_score_pct
        end as has_improved
    from participations
    left join firms
        on participations.firm_key = firms.firm_key
    left join pass_marks
        on participations.indicator_subject = pass_marks.indicator_subject

)

select * from final

{#
    One row per service delivered. A service delivered is one source record
    (a CITE service, a dissemination, a business round, a supplier-programme
    place, a fair, an action), except where the source records participants
    (training and technical assistance of the directorates and Tu Empresa):
    there it is one firm at one event (source, executing unit, service code,
    event name and date), however many of the firm's people attended.
    Actions (activities 3.3 and 4.2) have no firm: firm_id is null.
    A plain table, rebuilt whole on every build: a corrected resubmission,
    a late record or a removed raw file changes it exactly as a build from
    nothing would. (It was incremental until the benchmark showed the
    incremental build of one new month cost 0.93 of a full build at scale
    100, bench/results.md, while it kept stale corrections and lost late
    records; see the model's description.)
#}

{# What makes one delivery: the grouping columns, selected and grouped on. #}
{% set delivery_columns = [
    'service_delivery_key',
    'program_year',
    'firm_key',
    'source_system',
    'executing_unit_code',
    'cite_code',
    'cite_name',
    'source_service_code',
    'product_code',
    'activity_code',
    'service_type',
    'service_label_es',
    'event_name',
    'delivered_date',
    'is_action',
    'is_training',
    'training_topic',
    'indicator_subject',
    'is_dissemination',
    'dissemination_type',
    'is_tech_transfer',
    'is_market_access',
    'market_access_line',
    'promotion_channel',
] %}

with

service_records as (

    select * from {{ ref('int_service_records_unioned') }}

),

firms as (

    select * from {{ ref('int_firms_resolved') }}

),

deliveries as (

    select
        {{ delivery_columns | join(',\n        ') }},
        min(source_record_id) as first_source_record_id,
        min(ubigeo) as ubigeo,
        min(modality) as modality,
        {{ dbt.bool_or('coalesce(has_business_opportunity, false)') }}
            as has_business_opportunity,
        count(*) as source_records_count
    from service_records
    group by
        {{ delivery_columns | join(',\n        ') }}

),

{# Distinct people per delivery, counted from distinct (delivery, person)
   pairs rather than with count(distinct) beside the delivery columns: the
   engine would group all 24 columns once per distinct count and join the
   results back (at 100 times the programme's size that was most of this
   model's time). #}
delivery_participants as (

    select
        service_delivery_key,
        participant_dni,
        {{ dbt.bool_or('post_score_pct is not null') }} as is_evaluated
    from service_records
    where participant_dni is not null
    group by
        service_delivery_key,
        participant_dni

),

participant_counts as (

    select
        service_delivery_key,
        count(*) as participants_count,
        count(case when is_evaluated then 1 end)
            as evaluated_participants_count
    from delivery_participants
    group by service_delivery_key

),

final as (

    select
        {{ pseudonymize('deliveries.service_delivery_key') }}
            as service_delivery_id,
        deliveries.program_year,
        firms.firm_id,
        deliveries.product_code,
        deliveries.activity_code,
        deliveries.executing_unit_code,
        deliveries.source_system,
        deliveries.first_source_record_id,
        deliveries.cite_code,
        deliveries.cite_name,
        deliveries.source_service_code,
        deliveries.service_type,
        deliveries.service_label_es,
        deliveries.event_name,
        deliveries.modality,
        deliveries.delivered_date,
        substr(deliveries.ubigeo, 1, 2) as department_code,
        deliveries.is_action,
        deliveries.is_training,
        deliveries.training_topic,
        deliveries.indicator_subject,
        deliveries.is_dissemination,
        deliveries.dissemination_type,
        deliveries.is_tech_transfer,
        deliveries.is_market_access,
        deliveries.market_access_line,
        deliveries.promotion_channel,
        case
            when deliveries.is_market_access
                then deliveries.has_business_opportunity
        end as has_business_opportunity,
        deliveries.source_records_count,
        coalesce(participant_counts.participants_count, 0)
            as participants_count,
        coalesce(participant_counts.evaluated_participants_count, 0)
            as evaluated_participants_count
    from deliveries
    left join participant_counts
        on
            deliveries.service_delivery_key
            = participant_counts.service_delivery_key
    left join firms
        on deliveries.firm_key = firms.firm_key

)

select * from final

{#
    The three service feeds (ITP's CITE network, PRODUCE's directorates and
    Tu Empresa) in one shape, one row per staged source record, with the
    programme structure and service-line flags of its service code
    (int_service_codes_mapped) and test scores on the 0-100 scale. Holds RUCs and DNIs in clear: restricted.
#}

with

cite_services as (

    select * from {{ ref('stg_itp__cite_services') }}

),

directorate_services as (

    select * from {{ ref('stg_produce__directorate_services') }}

),

tu_empresa_services as (

    select * from {{ ref('stg_pnte__tu_empresa_services') }}

),

service_codes as (

    select * from {{ ref('int_service_codes_mapped') }}

),

{# The CITE feed carries no executing unit: every row is ITP's. #}
cite_records as (

    select
        service_record_id,
        source_record_id,
        'itp_cite' as source_system,
        'ITP' as executing_unit_code,
        cite_code,
        cite_name,
        source_service_code,
        cast(null as {{ dbt.type_string() }}) as event_name,
        cast(null as {{ dbt.type_string() }}) as modality,
        ruc,
        owner_dni,
        cast(null as {{ dbt.type_string() }}) as participant_dni,
        ubigeo,
        cast(null as {{ dbt.type_numeric() }}) as pre_score_raw,
        cast(null as {{ dbt.type_numeric() }}) as post_score_raw,
        cast(null as {{ dbt.type_numeric() }}) as pre_score_pct,
        cast(null as {{ dbt.type_numeric() }}) as post_score_pct,
        cast(null as {{ dbt.type_boolean() }}) as has_business_opportunity,
        delivered_date,
        recorded_at,
        source_file
    from cite_services

),

{# The two per-participant feeds share one shape and differ only here:
   the directorates carry their executing unit and score on the vigesimal
   scale (0-20); Tu Empresa is a single executing unit, names its events
   and modality, and scores out of 100. #}
{%- set participant_feeds = {
    'directorate': {
        'source_system': "'produce_direcciones'",
        'executing_unit_code': 'executing_unit_code',
        'event_name': 'null',
        'modality': 'null',
        'score_scale_max': 20,
    },
    'tu_empresa': {
        'source_system': "'pnte_tu_empresa'",
        'executing_unit_code': "'PNTE'",
        'event_name': 'event_name',
        'modality': 'modality',
        'score_scale_max': 100,
    },
} %}

{% for feed, columns in participant_feeds.items() %}
    {{ feed }}_records as (

        select
            service_record_id,
            source_record_id,
            {{ columns.source_system }} as source_system,
            {{ columns.executing_unit_code }} as executing_unit_code,
            cast(null as {{ dbt.type_string() }}) as cite_code,
            cast(null as {{ dbt.type_string() }}) as cite_name,
            source_service_code,
            cast({{ columns.event_name }} as {{ dbt.type_string() }})
                as event_name,
            cast({{ columns.modality }} as {{ dbt.type_string() }})
                as modality,
            ruc,
            owner_dni,
            participant_dni,
            ubigeo,
            cast(pre_score_raw as {{ dbt.type_numeric() }}) as pre_score_raw,
            cast(post_score_raw as {{ dbt.type_numeric() }}) as post_score_raw,
            {{ score_to_pct('pre_score_raw', columns.score_scale_max) }}
                as pre_score_pct,
            {{ score_to_pct('post_score_raw', columns.score_scale_max) }}
                as post_score_pct,
            has_business_opportunity,
            delivered_date,
            recorded_at,
            source_file
        from {{ feed }}_services

    ),
{% endfor %}

unioned as (

    select * from cite_records
    union all
    select * from directorate_records
    union all
    select * from tu_empresa_records

),

{# Firm key: the RUC when the record has one (staging keeps valid RUCs
   only), else the owner's DNI (an informal firm). #}
firm_keyed as (

    select
        *,
        cast(extract(year from delivered_date) as integer) as program_year,
        coalesce(ruc, owner_dni) as firm_key,
        case
            when ruc is not null then 'ruc'
            when owner_dni is not null then 'dni'
        end as firm_key_type
    from unioned

),

{# A service delivered: one record, except where records are per
   participant (training and technical assistance of the directorates and
   Tu Empresa): there one firm at one event (same source, unit, service,
   event name and date) is one service, however many of its people came. #}
delivery_keyed as (

    select
        *,
        case
            when participant_dni is not null
                then {{ composite_key([
                    'source_system',
                    'executing_unit_code',
                    'source_service_code',
                    "coalesce(event_name, '')",
                    'delivered_date',
                    'firm_key',
                ], '|') }}
            else service_record_id
        end as service_delivery_key
    from firm_keyed

),

{# The code's place in the programme and its service lines. #}
mapped as (

    select
        delivery_keyed.*,
        service_codes.activity_code,
        service_codes.product_code,
        service_codes.service_type,
        service_codes.service_label_es,
        service_codes.is_action,
        service_codes.is_training,
        service_codes.training_topic,
        service_codes.indicator_subject,
        service_codes.is_dissemination,
        service_codes.dissemination_type,
        service_codes.is_tech_transfer,
        service_codes.is_market_access,
        service_codes.market_access_line,
        service_codes.promotion_channel
    from delivery_keyed
    left join service_codes
        on
            delivery_keyed.source_system = service_codes.source_system
            and delivery_keyed.source_service_code = service_codes.source_code

)

select * from mapped

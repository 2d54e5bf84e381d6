{#
    Programa Nacional Tu Empresa records: cast, clean and validate. One row
    per raw row. The lookup of seed `service_code_map` (linea) is the one
    join staging allows: it validates codes (`unknown_code`) and adds no
    column downstream. Scores are integers 0-100 (CAP rows). ubigeo,
    modalidad, the scores and concreto_negocio are optional (seed
    field_roles): a bad value is nulled and recorded in `field_issues`. A record id
    resubmitted with changes keeps the row with the latest creado_en;
    earlier versions are `superseded`. Rows come from the CSVs and from
    Excel workbooks delivered instead (`.xlsx`; macro workbook_rows).
#}
with

source as (
    {{ raw_source_rows(
        'pnte', 'pnte_tu_empresa', 'pnte_tu_empresa', workbooks=true
    ) }}
),

service_codes as (
    select source_code from {{ ref('service_code_map') }}
    where source_system = 'pnte_tu_empresa'
),

departments as (
    select department_code from {{ ref('departments') }}
),

cleaned as (
    select
        source.source_file,
        source.source_row_number,
        source.raw_record,
        source.ruc as raw_ruc,
        source.dni_conductor as raw_owner_dni,
        source.dni_participante as raw_participant_dni,
        source.ubigeo as raw_ubigeo,
        source.linea as raw_service_code,
        source.nombre_evento as raw_event_name,
        source.modalidad as raw_modality,
        source.puntaje_inicial as raw_pre_score,
        source.puntaje_final as raw_post_score,
        source.concreto_negocio as raw_business_opportunity,
        source.fecha as raw_delivered_date,
        source.creado_en as raw_recorded_at,
        {{ file_year('source.source_file') }} as file_year,
        upper(nullif(trim(source.id_registro), '')) as source_record_id,
        upper(nullif(trim(source.linea), '')) as source_service_code,
        nullif(trim(source.nombre_evento), '') as event_name,
        upper(nullif(trim(source.modalidad), '')) as modality,
        nullif(trim(source.ruc), '') as ruc,
        nullif(trim(source.dni_conductor), '') as owner_dni,
        nullif(trim(source.dni_participante), '') as participant_dni,
        nullif(trim(source.ubigeo), '') as ubigeo,
        nullif(trim(source.puntaje_inicial), '') as pre_score_text,
        nullif(trim(source.puntaje_final), '') as post_score_text,
        upper(
            nullif(trim(source.concreto_negocio), '')
        ) as business_opportunity_text,
        nullif(trim(source.fecha), '') as delivered_date_text,
        nullif(trim(source.creado_en), '') as recorded_at_text,
        {{ parse_date("nullif(trim(source.fecha), '')", '%Y%m%d') }}
            as delivered_date,
        {{ parse_timestamp("nullif(trim(source.creado_en), '')",
            '%Y-%m-%dT%H:%M:%S') }} as recorded_at
    from source
),

{# Optional fields (seed field_roles): a bad one is nulled, not the row. #}
{%- set optional_checks = [
    ubigeo_check('ubigeo', 'cleaned.'),
    {'field': 'modalidad', 'column': 'modality', 'rule': 'unknown_code',
     'when': "cleaned.modality not in ('VIRTUAL', 'PRESENCIAL')",
     'value': 'cleaned.raw_modality'},
]
    + score_checks('puntaje_inicial', 'pre_score_text', 'cleaned.raw_pre_score',
        '-?[0-9]+', 'integer', 100, 'cleaned.')
    + score_checks('puntaje_final', 'post_score_text', 'cleaned.raw_post_score',
        '-?[0-9]+', 'integer', 100, 'cleaned.')
    + [yes_no_check('concreto_negocio', 'business_opportunity_text',
        'cleaned.raw_business_opportunity', 'cleaned.')] %}

fields_checked as (
    {{ optional_fields_checked('cleaned', optional_checks) }}
),

validated as (
    select
        cleaned.*,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'cleaned.source_record_id is null'
                     ' or cleaned.source_service_code is null'
                     ' or cleaned.event_name is null'
                     ' or cleaned.delivered_date_text is null'
                     ' or cleaned.recorded_at_text is null'
                     ' or (cleaned.ruc is null'
                     ' and cleaned.owner_dni is null)',
             'value': 'cleaned.raw_record'},
            {'rule': 'value_too_long',
             'when': 'length(cleaned.event_name) > 200',
             'value': 'cleaned.raw_event_name'},
        ]
        + service_record_checks(
            'cleaned.', dni_columns=['owner_dni', 'participant_dni']
        )
        + [
            {'rule': 'unknown_code',
             'when': 'service_codes.source_code is null',
             'value': 'cleaned.raw_service_code'},
        ]) }}
    from fields_checked as cleaned
    left join service_codes
        on cleaned.source_service_code = service_codes.source_code
),

versions_ranked as (
    {{ duplicates_and_versions_flagged(
        'validated',
        key=['source_record_id'],
        order_by=['recorded_at desc']
    ) }}
)

select
    source_file,
    source_row_number,
    raw_record,
    'pnte_tu_empresa:' || source_record_id as service_record_id,
    source_record_id,
    source_service_code,
    event_name,
    modality,
    delivered_date,
    ruc,
    owner_dni,
    participant_dni,
    ubigeo,
    {{ validated_cast('pre_score_text', 'integer') }} as pre_score_raw,
    {{ validated_cast('post_score_text', 'integer') }} as post_score_raw,
    {{ parse_yes_no('business_opportunity_text') }}
        as has_business_opportunity,
    recorded_at,
    field_issues,
    is_duplicate,
    {{ final_rejection_columns(superseded_value='source_record_id') }}
from versions_ranked

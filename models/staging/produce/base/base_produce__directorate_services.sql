{#
    PRODUCE directorates' service records: cast, clean and validate, one row
    per raw row. Service code `COD_ACTIVIDAD|TIPO_INTERVENCION|TEMA`, parts
    trimmed and upper-cased. Seeds `service_code_map` (action rows need no
    beneficiary) and `executing_units` (UNIDAD) only validate codes
    (`unknown_code`). Scores are vigesimal (0-20, one decimal at most).
    UBIGEO, the scores and OPORTUNIDAD_NEGOCIO are optional (seed
    field_roles): a bad value is nulled and recorded in `field_issues`. A
    record id resubmitted with changes keeps its latest FEC_REG; earlier
    versions are `superseded`. Rows come from the CSVs and from Excel
    workbooks delivered instead (`.xlsx`, a sheet a month; workbook_rows).
#}
with

source as (
    {{ raw_source_rows(
        'produce', 'produce_direcciones', 'produce_direcciones',
        workbooks=true
    ) }}
),

service_codes as (
    select
        source_code,
        is_action
    from {{ ref('service_code_map') }}
    where source_system = 'produce_direcciones'
),

executing_units as (
    select executing_unit_code from {{ ref('executing_units') }}
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
        source.unidad as raw_executing_unit_code,
        source.tema as raw_topic,
        source.nota_pre as raw_pre_score,
        source.nota_post as raw_post_score,
        source.oportunidad_negocio as raw_business_opportunity,
        source.fecha as raw_delivered_date,
        source.fec_reg as raw_recorded_at,
        {{ file_year('source.source_file') }} as file_year,
        upper(nullif(trim(source.cod_registro), '')) as source_record_id,
        upper(nullif(trim(source.unidad), '')) as executing_unit_code,
        upper(nullif(trim(source.cod_actividad), '')) as activity_part,
        upper(nullif(trim(source.tipo_intervencion), '')) as type_part,
        upper(nullif(trim(source.tema), '')) as topic_part,
        nullif(trim(source.ruc), '') as ruc,
        nullif(trim(source.dni_conductor), '') as owner_dni,
        nullif(trim(source.dni_participante), '') as participant_dni,
        nullif(trim(source.ubigeo), '') as ubigeo,
        nullif(trim(source.nota_pre), '') as pre_score_text,
        nullif(trim(source.nota_post), '') as post_score_text,
        upper(
            nullif(trim(source.oportunidad_negocio), '')
        ) as business_opportunity_text,
        nullif(trim(source.fecha), '') as delivered_date_text,
        nullif(trim(source.fec_reg), '') as recorded_at_text,
        {{ parse_date("nullif(trim(source.fecha), '')", '%d/%m/%Y') }}
            as delivered_date,
        {{ parse_timestamp("nullif(trim(source.fec_reg), '')",
            '%d/%m/%Y %H:%M') }} as recorded_at
    from source
),

coded as (
    select
        *,
        activity_part || '|' || type_part || '|' || topic_part
            as source_service_code
    from cleaned
),

{# Optional fields (seed field_roles): a bad one is nulled, not the row. #}
{%- set optional_checks = [ubigeo_check('UBIGEO', 'coded.')]
    + score_checks('NOTA_PRE', 'pre_score_text', 'coded.raw_pre_score',
        '-?[0-9]+([.][0-9])?', 'decimal(6, 1)', 20, 'coded.')
    + score_checks('NOTA_POST', 'post_score_text', 'coded.raw_post_score',
        '-?[0-9]+([.][0-9])?', 'decimal(6, 1)', 20, 'coded.')
    + [yes_no_check('OPORTUNIDAD_NEGOCIO', 'business_opportunity_text',
        'coded.raw_business_opportunity', 'coded.')] %}

fields_checked as (
    {{ optional_fields_checked('coded', optional_checks) }}
),

validated as (
    select
        coded.*,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'coded.source_record_id is null'
                     ' or coded.executing_unit_code is null'
                     ' or coded.activity_part is null'
                     ' or coded.type_part is null'
                     ' or coded.topic_part is null'
                     ' or coded.delivered_date_text is null'
                     ' or coded.recorded_at_text is null',
             'value': 'coded.raw_record'},
            {'rule': 'missing_required',
             'when': 'coded.ruc is null and coded.owner_dni is null'
                     ' and not coalesce(service_codes.is_action, false)',
             'value': 'coded.raw_record'},
            {'rule': 'value_too_long',
             'when': 'length(coded.topic_part) > 100',
             'value': 'coded.raw_topic'},
        ]
        + service_record_checks(
            'coded.', dni_columns=['owner_dni', 'participant_dni']
        )
        + [
            {'rule': 'unknown_code',
             'when': 'executing_units.executing_unit_code is null',
             'value': 'coded.raw_executing_unit_code'},
            {'rule': 'unknown_code',
             'when': 'service_codes.source_code is null',
             'value': 'coded.source_service_code'},
        ]) }}
    from fields_checked as coded
    left join service_codes
        on coded.source_service_code = service_codes.source_code
    left join executing_units
        on coded.executing_unit_code = executing_units.executing_unit_code
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
    'produce_direcciones:' || source_record_id as service_record_id,
    source_record_id,
    executing_unit_code,
    source_service_code,
    delivered_date,
    ruc,
    owner_dni,
    participant_dni,
    ubigeo,
    {{ validated_cast('pre_score_text', 'decimal(4, 1)') }} as pre_score_raw,
    {{ validated_cast('post_score_text', 'decimal(4, 1)') }} as post_score_raw,
    {{ parse_yes_no('business_opportunity_text') }}
        as has_business_opportunity,
    recorded_at,
    field_issues,
    is_duplicate,
    {{ final_rejection_columns(superseded_value='source_record_id') }}
from versions_ranked

{#
    ITP CITE services: cast, clean and validate. One row per raw row.
    The lookup of seed `service_code_map` is the one join staging allows: it
    validates COD_SERVICIO (`unknown_code`) and tells action rows (no
    beneficiary required) from service rows; it adds no column downstream.
    A record id resubmitted with changes keeps the row with the latest
    FECHA_REGISTRO; earlier versions are `superseded`.
    NOMBRE_CITE and UBIGEO are optional (seed field_roles): a bad value is
    nulled and recorded in `field_issues`, the row is kept.
#}
with

source as (
    {{ raw_source_rows('itp', 'itp_cite', 'itp_cite') }}
),

service_codes as (
    select
        source_code,
        is_action
    from {{ ref('service_code_map') }}
    where source_system = 'itp_cite'
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
        source.ubigeo as raw_ubigeo,
        source.nombre_cite as raw_cite_name,
        source.cod_servicio as raw_service_code,
        source.fecha_atencion as raw_delivered_date,
        source.fecha_registro as raw_recorded_at,
        {{ file_year('source.source_file') }} as file_year,
        upper(nullif(trim(source.id_atencion), '')) as source_record_id,
        'itp_cite:'
        || upper(nullif(trim(source.id_atencion), '')) as service_record_id,
        upper(nullif(trim(source.cod_cite), '')) as cite_code,
        nullif(trim(source.nombre_cite), '') as cite_name,
        upper(nullif(trim(source.cod_servicio), '')) as source_service_code,
        nullif(trim(source.ruc), '') as ruc,
        nullif(trim(source.dni_conductor), '') as owner_dni,
        nullif(trim(source.ubigeo), '') as ubigeo,
        nullif(trim(source.fecha_atencion), '') as delivered_date_text,
        nullif(trim(source.fecha_registro), '') as recorded_at_text,
        {{ parse_date("nullif(trim(source.fecha_atencion), '')",
            '%Y-%m-%d') }} as delivered_date,
        {{ parse_timestamp("nullif(trim(source.fecha_registro), '')",
            '%Y-%m-%d %H:%M:%S') }} as recorded_at
    from source
),

{# Optional fields (seed field_roles): a bad one is nulled, not the row. #}
{%- set optional_checks = [
    {'field': 'NOMBRE_CITE', 'column': 'cite_name', 'rule': 'value_too_long',
     'when': 'length(cleaned.cite_name) > 200',
     'value': 'cleaned.raw_cite_name'},
    ubigeo_check('UBIGEO', 'cleaned.'),
] %}

fields_checked as (
    {{ optional_fields_checked('cleaned', optional_checks) }}
),

validated as (
    select
        cleaned.*,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'cleaned.source_record_id is null'
                     ' or cleaned.cite_code is null'
                     ' or cleaned.source_service_code is null'
                     ' or cleaned.delivered_date_text is null'
                     ' or cleaned.recorded_at_text is null',
             'value': 'cleaned.raw_record'},
            {'rule': 'missing_required',
             'when': 'cleaned.ruc is null and cleaned.owner_dni is null'
                     ' and not coalesce(service_codes.is_action, false)',
             'value': 'cleaned.raw_record'},
        ]
        + service_record_checks('cleaned.', dni_columns=['owner_dni'])
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
    service_record_id,
    source_record_id,
    cite_code,
    cite_name,
    source_service_code,
    ruc,
    owner_dni,
    ubigeo,
    delivered_date,
    recorded_at,
    field_issues,
    is_duplicate,
    {{ final_rejection_columns(superseded_value='source_record_id') }}
from versions_ranked

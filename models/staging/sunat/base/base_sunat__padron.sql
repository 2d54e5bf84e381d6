{#
    Padrón reducido del RUC: cast, clean and validate. One row per raw row.
    SUNAT writes `-` for an unknown value: it becomes null here. The
    department lookup (seed `departments`) is the one join staging allows:
    it validates ubigeo codes and adds no column.
    A RUC listed twice with different data keeps its last line (the file
    has no timestamp; a later line is a later entry); earlier lines are
    `superseded`. A bad UBIGEO (optional, seed field_roles) is nulled and
    recorded in `field_issues`; the firm stays registered.
#}
with

source as (
    {{ raw_source_rows('sunat', 'sunat_padron', 'sunat_padron') }}
),

departments as (
    select department_code from {{ ref('departments') }}
),

cleaned as (
    select
        source_file,
        source_row_number,
        raw_record,
        ruc as raw_ruc,
        ubigeo as raw_ubigeo,
        "NOMBRE O RAZÓN SOCIAL" as raw_firm_name,
        nullif(nullif(trim(ruc), ''), '-') as ruc,
        nullif(
            nullif(trim("NOMBRE O RAZÓN SOCIAL"), ''), '-'
        ) as firm_name,
        upper(
            nullif(nullif(trim("ESTADO DEL CONTRIBUYENTE"), ''), '-')
        ) as taxpayer_status,
        upper(
            nullif(nullif(trim("CONDICIÓN DE DOMICILIO"), ''), '-')
        ) as domicile_condition,
        nullif(nullif(trim(ubigeo), ''), '-') as ubigeo
    from source
),

{# Optional fields (seed field_roles): a bad one is nulled, not the row. #}
{%- set optional_checks = [
    ubigeo_check('UBIGEO'),
] %}

fields_checked as (
    {{ optional_fields_checked('cleaned', optional_checks) }}
),

validated as (
    select
        fields_checked.*,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'ruc is null or firm_name is null'
                     ' or taxpayer_status is null'
                     ' or domicile_condition is null',
             'value': 'raw_record'},
            {'rule': 'value_too_long',
             'when': 'length(firm_name) > 250',
             'value': 'raw_firm_name'},
            {'rule': 'invalid_ruc',
             'when': 'not ' ~ is_valid_ruc('ruc'),
             'value': 'raw_ruc'},
        ]) }}
    from fields_checked
),

versions_ranked as (
    {{ duplicates_and_versions_flagged('validated', key=['ruc']) }}
)

select
    source_file,
    source_row_number,
    raw_record,
    ruc,
    firm_name,
    taxpayer_status,
    domicile_condition,
    ubigeo,
    field_issues,
    is_duplicate,
    {{ final_rejection_columns(superseded_value='ruc') }}
from versions_ranked

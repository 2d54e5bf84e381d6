{#
    SUNAT firm profiles (RUC x fiscal year): cast, clean and validate. One
    row per raw row. `periodo` must be the fiscal year of the file's folder.
    Optional fields: ciiu_rev4, ventas_anuales and nro_trabajadores may be
    empty (null: not declared); a bad value in one of them is nulled and
    recorded in `field_issues` (seed field_roles), the row is kept. The file has no timestamp, so a RUC and
    fiscal year listed twice with different data keeps its last line
    (later file, later row); earlier lines are `superseded`.
#}
with

source as (
    {{ raw_source_rows('sunat', 'sunat_perfil', 'sunat_perfil') }}
),

cleaned as (
    select
        source_file,
        source_row_number,
        raw_record,
        ruc as raw_ruc,
        periodo as raw_fiscal_year,
        ciiu_rev4 as raw_ciiu_code,
        ventas_anuales as raw_sales_pen,
        nro_trabajadores as raw_workers_count,
        fecha_inscripcion as raw_registration_date,
        {{ file_year('source_file') }} as file_year,
        nullif(trim(ruc), '') as ruc,
        nullif(trim(periodo), '') as fiscal_year_text,
        nullif(trim(ciiu_rev4), '') as ciiu_code,
        nullif(trim(ventas_anuales), '') as sales_text,
        nullif(trim(nro_trabajadores), '') as workers_text,
        nullif(trim(fecha_inscripcion), '') as registration_date_text,
        {{ parse_date("nullif(trim(fecha_inscripcion), '')", '%d/%m/%Y') }}
            as registration_date
    from source
),

{# Optional fields (seed field_roles): a bad one is nulled, not the row. #}
{%- set optional_checks = [
    {'field': 'ciiu_rev4', 'column': 'ciiu_code', 'rule': 'invalid_ciiu',
     'when': "not regexp_full_match(ciiu_code, '[0-9]{4}')",
     'value': 'raw_ciiu_code'},
]
    + non_negative_number_checks('ventas_anuales', 'sales_text',
        'raw_sales_pen', '-?[0-9]+([.][0-9]{1,2})?')
    + non_negative_number_checks('nro_trabajadores', 'workers_text',
        'raw_workers_count', '-?[0-9]+') %}

fields_checked as (
    {{ optional_fields_checked('cleaned', optional_checks) }}
),

validated as (
    select
        *,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'ruc is null or fiscal_year_text is null'
                     ' or registration_date_text is null',
             'value': 'raw_record'},
            {'rule': 'invalid_ruc',
             'when': 'not ' ~ is_valid_ruc('ruc'),
             'value': 'raw_ruc'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match(fiscal_year_text, '[0-9]{4}')",
             'value': 'raw_fiscal_year'},
            {'rule': 'invalid_date',
             'when': 'registration_date is null',
             'value': 'raw_registration_date'},
            {'rule': 'date_out_of_range',
             'when': 'fiscal_year_text <> cast(file_year as varchar)',
             'value': 'raw_fiscal_year'},
            {'rule': 'date_out_of_range',
             'when': 'registration_date > ' ~ staging_run_date(),
             'value': 'raw_registration_date'},
        ]) }}
    from fields_checked
),

versions_ranked as (
    {{ duplicates_and_versions_flagged(
        'validated', key=['ruc', 'fiscal_year_text']
    ) }}
)

select
    source_file,
    source_row_number,
    raw_record,
    ruc,
    {{ validated_cast('fiscal_year_text', 'integer') }} as fiscal_year,
    ciiu_code,
    {{ validated_cast('sales_text', 'decimal(18, 2)') }} as sales_pen,
    {{ validated_cast('workers_text', 'integer') }} as workers_count,
    registration_date,
    field_issues,
    is_duplicate,
    {{ final_rejection_columns(
        superseded_value="ruc || ' ' || fiscal_year_text"
    ) }}
from versions_ranked

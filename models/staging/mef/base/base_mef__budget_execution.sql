{#
    MEF open data (gasto), PP 0093 rows: cast, clean and validate. One row
    per raw row. The lookup of seed `mef_activity_crosswalk` is the one
    join staging allows: it validates the (product, activity) pair
    (`unknown_code`) and adds no column downstream.
    Amounts: decimals with `.` and at most 2 decimals. PIM rows after
    January carry modifications, which may be negative, so the
    `negative_amount` rule does not apply to MONTO_PIM; every other amount
    must be >= 0. ANO_EJE must be the year of the file's folder and MES_EJE
    a month 1-12. An executing unit code is unique only within its pliego
    (ITP and PRODUCE both have an EJECUTORA 001), so the row key is (year,
    month, pliego, executing unit, activity); a key listed twice with
    different amounts keeps its last line, earlier ones are `superseded`.
#}
{%- set amounts = {
    'pia': 'monto_pia',
    'pim': 'monto_pim',
    'certificado': 'monto_certificado',
    'comprometido': 'monto_comprometido_anual',
    'devengado': 'monto_devengado',
    'girado': 'monto_girado',
} %}
with

source as (
    {{ raw_source_rows('mef', 'mef_gasto', 'mef_gasto') }}
),

activity_codes as (
    select
        producto_proyecto,
        actividad_accion_obra
    from {{ ref('mef_activity_crosswalk') }}
),

cleaned as (
    select
        source.source_file,
        source.source_row_number,
        source.raw_record,
        source.ano_eje as raw_fiscal_year,
        source.mes_eje as raw_month,
        source.producto_proyecto as raw_mef_product_code,
        source.actividad_accion_obra as raw_mef_activity_code,
        source.monto_pia as raw_pia,
        source.monto_pim as raw_pim,
        source.monto_certificado as raw_certificado,
        source.monto_comprometido_anual as raw_comprometido,
        source.monto_devengado as raw_devengado,
        source.monto_girado as raw_girado,
        {{ file_year('source.source_file') }} as file_year,
        nullif(trim(source.ano_eje), '') as fiscal_year_text,
        nullif(trim(source.mes_eje), '') as month_text,
        nullif(trim(source.pliego), '') as pliego_code,
        nullif(trim(source.pliego_nombre), '') as pliego_name,
        nullif(trim(source.ejecutora), '') as executing_unit_mef_code,
        nullif(
            trim(source.ejecutora_nombre), ''
        ) as executing_unit_mef_name,
        nullif(trim(source.programa_ppto), '') as program_code,
        nullif(trim(source.producto_proyecto), '') as mef_product_code,
        nullif(
            trim(source.actividad_accion_obra), ''
        ) as mef_activity_code,
        nullif(trim(source.monto_pia), '') as pia_text,
        nullif(trim(source.monto_pim), '') as pim_text,
        nullif(trim(source.monto_certificado), '') as certificado_text,
        nullif(trim(source.monto_comprometido_anual), '') as comprometido_text,
        nullif(trim(source.monto_devengado), '') as devengado_text,
        nullif(trim(source.monto_girado), '') as girado_text
    from source
),

validated as (
    select
        cleaned.*,
        {%- set checks = [
            {'rule': 'missing_required',
             'when': 'cleaned.fiscal_year_text is null'
                     ' or cleaned.month_text is null'
                     ' or cleaned.executing_unit_mef_code is null'
                     ' or cleaned.program_code is null'
                     ' or cleaned.mef_product_code is null'
                     ' or cleaned.mef_activity_code is null',
             'value': 'cleaned.raw_record'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match("
                     "cleaned.fiscal_year_text, '[0-9]{4}')",
             'value': 'cleaned.raw_fiscal_year'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match("
                     "cleaned.month_text, '[0-9]{1,2}')",
             'value': 'cleaned.raw_month'},
        ] %}
        {%- for column in amounts %}
            {%- do checks.append(
                {'rule': 'not_a_number',
                 'when': "not regexp_full_match(cleaned." ~ column
                         ~ "_text, '-?[0-9]+([.][0-9]{1,2})?')",
                 'value': 'cleaned.raw_' ~ column}
            ) %}
        {%- endfor %}
        {%- for column in amounts if column != 'pim' %}
            {%- do checks.append(
                {'rule': 'negative_amount',
                 'when': 'cleaned.' ~ column ~ "_text like '-%'",
                 'value': 'cleaned.raw_' ~ column}
            ) %}
        {%- endfor %}
        {%- do checks.extend([
            {'rule': 'invalid_date',
             'when': 'cast(cleaned.month_text as integer)'
                     ' not between 1 and 12',
             'value': 'cleaned.raw_month'},
            {'rule': 'date_out_of_range',
             'when': 'cleaned.fiscal_year_text'
                     ' <> cast(cleaned.file_year as varchar)',
             'value': 'cleaned.raw_fiscal_year'},
            {'rule': 'unknown_code',
             'when': 'activity_codes.actividad_accion_obra is null',
             'value': "cleaned.raw_mef_product_code || ' | '"
                      " || cleaned.raw_mef_activity_code"},
        ]) %}
        {{ rejection_columns(checks) }}
    from cleaned
    left join activity_codes
        on
            cleaned.mef_product_code = activity_codes.producto_proyecto
            and cleaned.mef_activity_code
            = activity_codes.actividad_accion_obra
),

duplicates_flagged as (
    select
        *,
        {{ flag_exact_duplicates() }}
    from validated
),

versions_ranked as (
    select
        *,
        {{ rank_resubmissions(
            key=[
                'fiscal_year_text',
                'month_text',
                'pliego_code',
                'executing_unit_mef_code',
                'mef_activity_code',
            ]
        ) }}
    from duplicates_flagged
)

select
    source_file,
    source_row_number,
    raw_record,
    {# casts only rows that passed every check: the others may hold text #}
    case
        when rejection_rule is null then cast(fiscal_year_text as integer)
    end as fiscal_year,
    case
        when rejection_rule is null then cast(month_text as integer)
    end as month,  -- noqa: RF04
    pliego_code,
    pliego_name,
    executing_unit_mef_code,
    executing_unit_mef_name,
    program_code,
    mef_product_code,
    mef_activity_code,
    case
        when rejection_rule is null
            then cast(pia_text as decimal(18, 2))
    end as pia,
    case
        when rejection_rule is null
            then cast(pim_text as decimal(18, 2))
    end as pim,
    case
        when rejection_rule is null
            then cast(certificado_text as decimal(18, 2))
    end as certificado,
    case
        when rejection_rule is null
            then cast(comprometido_text as decimal(18, 2))
    end as comprometido,
    case
        when rejection_rule is null
            then cast(devengado_text as decimal(18, 2))
    end as devengado,
    case
        when rejection_rule is null
            then cast(girado_text as decimal(18, 2))
    end as girado,
    {# every validated field is identifying (seed field_roles) #}
    {{ field_issues([]) }},
    is_duplicate,
    {{ final_rejection_columns(
        superseded_value="fiscal_year_text || '-' || month_text || ' '"
            " || pliego_code || ' ' || executing_unit_mef_code || ' '"
            " || mef_activity_code"
    ) }}
from versions_ranked

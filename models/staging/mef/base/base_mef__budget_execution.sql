{#
    MEF's national budget file, the programme's rows (PROGRAMA_PPTO of seed
    program_parameters, macro is_programme_row; the other rows are left out
    after the scan and counted in base_mef__file_rows): cast, clean and
    validate, one row per raw row at MEF's grain (month x spending chain).
    Seed `mef_activity_crosswalk` validates the (product, activity) pair
    (`unknown_code`: quarantined, never dropped). Amounts have `.` decimals,
    at most 2, and are >= 0 except MONTO_PIM (modifications). ANO_EJE is the
    folder's year, MES_EJE 1-12. A chain key (month, pliego, unit, SEC_FUNC,
    activity, funding, classifier to ESPECIFICA_DET) listed twice keeps its
    last line; earlier ones are `superseded`.
#}
{%- set amounts = {
    'pia': 'monto_pia',
    'pim': 'monto_pim',
    'certificado': 'monto_certificado',
    'comprometido': 'monto_comprometido_anual',
    'comprometido_monthly': 'monto_comprometido',
    'devengado': 'monto_devengado',
    'girado': 'monto_girado',
} %}
{%- set texts = {
    'pliego_code': 'pliego',
    'pliego_name': 'pliego_nombre',
    'sec_ejec': 'sec_ejec',
    'executing_unit_mef_code': 'ejecutora',
    'executing_unit_mef_name': 'ejecutora_nombre',
    'sec_func': 'sec_func',
    'program_code': 'programa_ppto',
    'mef_product_code': 'producto_proyecto',
    'mef_activity_code': 'actividad_accion_obra',
    'meta_code': 'meta',
    'funding_source_code': 'fuente_financiamiento',
    'funding_source_name': 'fuente_financiamiento_nombre',
    'rubro_code': 'rubro',
    'resource_type_code': 'tipo_recurso',
    'expense_category_code': 'categoria_gasto',
    'transaction_type_code': 'tipo_transaccion',
    'generica_code': 'generica',
    'generica_name': 'generica_nombre',
    'subgenerica_code': 'subgenerica',
    'subgenerica_det_code': 'subgenerica_det',
    'especifica_code': 'especifica',
    'especifica_det_code': 'especifica_det',
    'especifica_det_name': 'especifica_det_nombre',
} %}
{%- set chain_key = [
    'fiscal_year_text', 'month_text', 'pliego_code',
    'executing_unit_mef_code', 'sec_func', 'mef_activity_code',
    'funding_source_code', 'rubro_code', 'resource_type_code',
    'expense_category_code', 'transaction_type_code', 'generica_code',
    'subgenerica_code', 'subgenerica_det_code', 'especifica_code',
    'especifica_det_code',
] %}
{#- Only the columns used here are read (32 of 63): `raw_record` holds
    them, and the row's file and number locate the whole line. #}
{%- set read_columns = ['ANO_EJE', 'MES_EJE']
    + (texts.values() | map('upper') | list)
    + (amounts.values() | map('upper') | list) %}
with

source as (
    {{ raw_source_rows(
        'mef', 'mef_gasto', 'mef_gasto',
        keep_rows=is_programme_row('programa_ppto'),
        file_starts=ref('base_mef__file_rows'),
        columns=read_columns
    ) }}
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
        {% for column, raw in amounts.items() %}
            source.{{ raw }} as raw_{{ column }},
        {% endfor %}
        {{ file_year('source.source_file') }} as file_year,
        nullif(trim(source.ano_eje), '') as fiscal_year_text,
        nullif(trim(source.mes_eje), '') as month_text,
        {% for column, raw in texts.items() %}
            nullif(trim(source.{{ raw }}), '') as {{ column }},
        {% endfor %}
        {% for column, raw in amounts.items() %}
            nullif(trim(source.{{ raw }}), '') as {{ column }}_text
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from source
),

validated as (
    select
        cleaned.*,
        {%- set checks = [
            {'rule': 'missing_required',
             'when': 'cleaned.fiscal_year_text is null'
                     ' or cleaned.month_text is null'
                     ' or cleaned.pliego_code is null'
                     ' or cleaned.executing_unit_mef_code is null'
                     ' or cleaned.program_code is null'
                     ' or cleaned.mef_product_code is null'
                     ' or cleaned.mef_activity_code is null'
                     ' or cleaned.transaction_type_code is null'
                     ' or cleaned.generica_code is null',
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

versions_ranked as (
    {{ duplicates_and_versions_flagged('validated', key=chain_key) }}
)

select
    source_file,
    source_row_number,
    raw_record,
    {{ validated_cast('fiscal_year_text', 'integer') }} as fiscal_year,
    {{ validated_cast('month_text', 'integer') }} as month,  -- noqa: RF04
    {% for column in texts %}
        {{ column }},
    {% endfor %}
    {% for column in amounts %}
        {{ validated_cast(column ~ '_text', 'decimal(18, 2)') }}
            as {{ column }},
    {% endfor %}
    {# every validated field is identifying (seed field_roles); the
       optional ones (names, finer classifier codes) are carried as text #}
    {{ field_issues([]) }},
    is_duplicate,
    {{ final_rejection_columns(
        superseded_value="concat_ws(' ', " ~ (chain_key | join(', ')) ~ ")"
    ) }}
from versions_ranked

{#
    SIAF physical progress (annual targets and reported progress): cast,
    clean and validate. One row per raw row. NIVEL is `PRODUCTO` or
    `ACTIVIDAD`; product rows leave ACTIVIDAD_ACCION_OBRA empty. The lookup
    of seed `mef_activity_crosswalk` is the one join staging allows: it
    validates the codes (`unknown_code`) and adds no column downstream.
    Target and progress may be empty (activity 2.1 has no target): null.
    A (year, level, product, activity) listed twice with different values
    keeps its last line; earlier ones are `superseded`.
#}
with

source as (
    {{ raw_source_rows('siaf', 'siaf_avance_fisico', 'siaf_avance_fisico') }}
),

products as (
    select distinct producto_proyecto
    from {{ ref('mef_activity_crosswalk') }}
),

activities as (
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
        source.nivel as raw_level,
        source.producto_proyecto as raw_mef_product_code,
        source.actividad_accion_obra as raw_mef_activity_code,
        source.meta_fisica_anual as raw_annual_target,
        source.avance_fisico_anual as raw_reported_progress,
        {{ file_year('source.source_file') }} as file_year,
        nullif(trim(source.ano_eje), '') as fiscal_year_text,
        lower(nullif(trim(source.nivel), '')) as level,  -- noqa: RF04
        nullif(trim(source.producto_proyecto), '') as mef_product_code,
        nullif(
            trim(source.actividad_accion_obra), ''
        ) as mef_activity_code,
        nullif(trim(source.unidad_medida), '') as unit_of_measure,
        nullif(trim(source.meta_fisica_anual), '') as annual_target_text,
        nullif(
            trim(source.avance_fisico_anual), ''
        ) as reported_progress_text
    from source
),

validated as (
    select
        cleaned.*,
        {{ rejection_columns([
            {'rule': 'missing_required',
             'when': 'cleaned.fiscal_year_text is null'
                     ' or cleaned.level is null'
                     ' or cleaned.mef_product_code is null'
                     " or (cleaned.level = 'actividad'"
                     ' and cleaned.mef_activity_code is null)',
             'value': 'cleaned.raw_record'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match("
                     "cleaned.fiscal_year_text, '[0-9]{4}')",
             'value': 'cleaned.raw_fiscal_year'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match(cleaned.annual_target_text,"
                     " '-?[0-9]+([.][0-9]{1,2})?')",
             'value': 'cleaned.raw_annual_target'},
            {'rule': 'not_a_number',
             'when': "not regexp_full_match(cleaned.reported_progress_text,"
                     " '-?[0-9]+([.][0-9]{1,2})?')",
             'value': 'cleaned.raw_reported_progress'},
            {'rule': 'negative_amount',
             'when': "cleaned.annual_target_text like '-%'",
             'value': 'cleaned.raw_annual_target'},
            {'rule': 'negative_amount',
             'when': "cleaned.reported_progress_text like '-%'",
             'value': 'cleaned.raw_reported_progress'},
            {'rule': 'date_out_of_range',
             'when': 'cleaned.fiscal_year_text'
                     ' <> cast(cleaned.file_year as varchar)',
             'value': 'cleaned.raw_fiscal_year'},
            {'rule': 'unknown_code',
             'when': "cleaned.level not in ('producto', 'actividad')",
             'value': 'cleaned.raw_level'},
            {'rule': 'unknown_code',
             'when': "cleaned.level = 'producto'"
                     ' and (products.producto_proyecto is null'
                     ' or cleaned.mef_activity_code is not null)',
             'value': "cleaned.raw_mef_product_code || ' | '"
                      " || coalesce(cleaned.raw_mef_activity_code, '')"},
            {'rule': 'unknown_code',
             'when': "cleaned.level = 'actividad'"
                     ' and activities.actividad_accion_obra is null',
             'value': "cleaned.raw_mef_product_code || ' | '"
                      " || cleaned.raw_mef_activity_code"},
        ]) }}
    from cleaned
    left join products
        on cleaned.mef_product_code = products.producto_proyecto
    left join activities
        on
            cleaned.mef_product_code = activities.producto_proyecto
            and cleaned.mef_activity_code = activities.actividad_accion_obra
),

versions_ranked as (
    {{ duplicates_and_versions_flagged(
        'validated',
        key=[
            'fiscal_year_text',
            'level',
            'mef_product_code',
            'mef_activity_code',
        ]
    ) }}
)

select
    source_file,
    source_row_number,
    raw_record,
    {{ validated_cast('fiscal_year_text', 'integer') }} as fiscal_year,
    level,
    mef_product_code,
    mef_activity_code,
    unit_of_measure,
    {{ validated_cast('annual_target_text', 'decimal(18, 2)') }}
        as annual_target,
    {{ validated_cast('reported_progress_text', 'decimal(18, 2)') }}
        as reported_progress,
    {# every validated field is identifying (seed field_roles) #}
    {{ field_issues([]) }},
    is_duplicate,
    {{ final_rejection_columns(
        superseded_value="fiscal_year_text || ' ' || level || ' '"
            " || mef_product_code || ' '"
            " || coalesce(mef_activity_code, '')"
    ) }}
from versions_ranked

{#
    True on a row of MEF's national budget file that belongs to the
    programme (seed program_parameters, `mef_programa_ppto`): its
    PROGRAMA_PPTO code compared as a number, without leading zeros or
    spaces, so `0093`, `093` and `93` are the same programme. Other
    programmes' rows are ignored by staging and counted per file
    (base_mef__file_rows). An empty code is not the programme's.
#}
{% macro is_programme_row(programa_column) -%}
    ltrim(trim({{ programa_column }}), '0') = (
        select ltrim(trim(value_text), '0')
        from {{ ref('program_parameters') }}
        where parameter_code = 'mef_programa_ppto'
    )
{%- endmacro %}

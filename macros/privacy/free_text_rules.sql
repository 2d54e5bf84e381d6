{#
    The rules every free-text value that reaches a public mart goes
    through, in the order they apply (macro clean_free_text); each hit is
    counted in rpt_data_quality (macro free_text_findings). Regular
    expressions are RE2 (DuckDB). A `mask` rule replaces each match with its
    mask; `bounded` rules match digit runs only as a whole (not inside a
    longer run of digits). docs/privacy.md lists them with examples.
      removed_control_character
                         C0/C1 control characters (NUL, tab, CR, LF...),
                         zero-width and bidirectional-override characters:
                         line breaks and tabs become a space, the others
                         are removed, then the text is trimmed
      masked_email       an e-mail address
      masked_phone       a Peruvian phone number: a 9-digit mobile starting
                         with 9 (groups of 3 may be split by space, dot or
                         dash), a landline with its area code ("(01)
                         234-5678", "(074) 23-4567", "01 2345678"), or any
                         number after +51
      masked_natural_person_ruc
                         an 11-digit RUC of a natural person (prefix 10,
                         which embeds a DNI, 15 or 17)
      masked_dni         an 8-digit run, or 8 digits written 12.345.678 /
                         12 345 678
      quoted_formula_prefix
                         text beginning with = + - @ (or their full-width
                         forms), which a spreadsheet runs as a formula:
                         prefixed with an apostrophe
    The masks are Spanish: analysts read them.
#}
{% macro free_text_rules() -%}
    {%- set digit_gap = '[ .-]?' -%}
    {{ return([
        {'rule': 'removed_control_character', 'kind': 'strip_controls',
         'description_es': 'Caracteres de control (NUL, tabulación, salto de'
                           ' línea...) quitados del texto',
         'pattern': '[\\x00-\\x1f\\x7f-\\x9f\\x{200b}-\\x{200f}'
                    '\\x{2028}-\\x{202e}\\x{2060}-\\x{2069}\\x{feff}]',
         'spaces': '[\\t\\n\\r\\x0b\\x0c\\x{2028}\\x{2029}]'},
        {'rule': 'masked_email', 'kind': 'mask', 'bounded': false,
         'description_es': 'Correo electrónico enmascarado en texto libre',
         'pattern': '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*'
                    '\\.[A-Za-z]{2,}',
         'mask': '[correo]'},
        {'rule': 'masked_phone', 'kind': 'mask', 'bounded': true,
         'description_es': 'Número de teléfono enmascarado en texto libre',
         'pattern': '(?:\\+51' ~ digit_gap ~ '[0-9](?:' ~ digit_gap
                    ~ '[0-9]){6,8}'
                    ~ '|9[0-9]{2}(?:' ~ digit_gap ~ '[0-9]{3}){2}'
                    ~ '|(?:\\(0?[1-8][0-9]?\\)' ~ digit_gap
                    ~ '|0[1-8][0-9]?[ .-])[0-9]{2,3}' ~ digit_gap
                    ~ '[0-9]{3,4})',
         'mask': '[teléfono]'},
        {'rule': 'masked_natural_person_ruc', 'kind': 'mask', 'bounded': true,
         'description_es': 'RUC de persona natural (10, 15, 17) enmascarado'
                           ' en texto libre',
         'pattern': '(?:10|15|17)[0-9]{9}',
         'mask': '[RUC]'},
        {'rule': 'masked_dni', 'kind': 'mask', 'bounded': true,
         'description_es': 'DNI (8 dígitos) enmascarado en texto libre',
         'pattern': '(?:[0-9]{8}|[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}'
                    '|[0-9]{2} [0-9]{3} [0-9]{3})',
         'mask': '[DNI]'},
        {'rule': 'quoted_formula_prefix', 'kind': 'quote_formula',
         'description_es': 'Texto que empieza con = + - @ (fórmula de hoja de'
                           ' cálculo) precedido de un apóstrofo',
         'pattern': '^[=+@\\x{ff1d}\\x{ff0b}\\x{ff20}\\x{ff0d}-]'},
    ]) }}
{%- endmacro %}

{#
    The optional-field check of a number written as text: `not_a_number`
    when the cleaned column does not fully match the source's number
    pattern. The first check of score_checks and non_negative_number_checks
    (the later ones may then cast the value). `prefix` is the relation the
    cleaned column is read from (e.g. 'cleaned.').
#}
{% macro not_a_number_check(
    field, column, raw_value, number_pattern, prefix=''
) -%}
    {{ return({
        'field': field, 'column': column, 'rule': 'not_a_number',
        'when': "not regexp_full_match(" ~ prefix ~ column ~ ", '"
                ~ number_pattern ~ "')",
        'value': raw_value,
    }) }}
{%- endmacro %}

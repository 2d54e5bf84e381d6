{#
    The two optional-field checks of a number that may not be negative (an
    amount or a count), in order: text that is not a number in the
    source's format (`not_a_number`), then a negative one
    (`negative_amount`). `prefix` is the relation the cleaned column is
    read from (e.g. 'cleaned.').
#}
{% macro non_negative_number_checks(
    field, column, raw_value, number_pattern, prefix=''
) -%}
    {%- set value = prefix ~ column -%}
    {{ return([
        {'field': field, 'column': column, 'rule': 'not_a_number',
         'when': "not regexp_full_match(" ~ value ~ ", '"
                 ~ number_pattern ~ "')",
         'value': raw_value},
        {'field': field, 'column': column, 'rule': 'negative_amount',
         'when': value ~ " like '-%'",
         'value': raw_value},
    ]) }}
{%- endmacro %}

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
    {{ return([
        not_a_number_check(field, column, raw_value, number_pattern, prefix),
        {'field': field, 'column': column, 'rule': 'negative_amount',
         'when': prefix ~ column ~ " like '-%'",
         'value': raw_value},
    ]) }}
{%- endmacro %}

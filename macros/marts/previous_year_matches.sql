{#
    The join condition that pairs a row with the same line's row of the
    previous programme year: equal on each key column, and the previous
    alias's program_year one less than the current alias's. Used by every
    mart that compares a year with the one before, so that "previous year"
    means one thing (the calendar year before, not the last year present).
#}
{% macro previous_year_matches(current, previous, keys=[]) -%}
    {%- for key in keys %}
    {{ current }}.{{ key }} = {{ previous }}.{{ key }}
    and
    {%- endfor %}
    {{ current }}.program_year - 1 = {{ previous }}.program_year
{%- endmacro %}

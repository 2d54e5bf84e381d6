{#
    The `is_duplicate` column of a base model: true on every raw row whose
    whole record (`raw_record`) already appeared earlier, in file and row
    order (`source_file`, `source_row_number`); the first copy stays false.
    Written in the select list of the base model's `duplicates_flagged`
    CTE, after validation.
#}
{% macro flag_exact_duplicates() -%}
    row_number() over (
        partition by raw_record
        order by source_file, source_row_number
    ) > 1 as is_duplicate
{%- endmacro %}

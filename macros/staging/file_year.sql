{#
    The year of the folder a raw file sits in (`<feed>/<yyyy>/<file>`), as
    an integer, from the `source_file` column given: the year a file's
    dates and fiscal years must match (`date_out_of_range`).
#}
{% macro file_year(source_file) -%}
    cast(
        regexp_extract({{ source_file }}, '/([0-9]{4})/', 1) as integer
    )
{%- endmacro %}

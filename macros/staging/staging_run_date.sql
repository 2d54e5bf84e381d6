{#
    The date a row is checked against for `date_out_of_range` (no date may
    lie after it): var `run_date` ('yyyy-mm-dd') when given, so that tests
    and rebuilds of historical data are reproducible, else the current date.
#}
{% macro staging_run_date() -%}
    {%- set run_date = var('run_date', none) -%}
    {%- if run_date -%}
        cast('{{ run_date }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}

{#
    Parses the text `column` as a date written exactly in the strptime
    `format` of its source (e.g. '%d/%m/%Y'). Returns null when the value
    is not in that format or is not a calendar date (31/02/2024), so the
    caller can flag the row with the `invalid_date` rule; never raises.
    Dispatched: add `<adapter>__parse_date` to run on another engine.
#}
{% macro parse_date(column, format) -%}
    {{ return(adapter.dispatch('parse_date', 'pp0093')(column, format)) }}
{%- endmacro %}

{% macro duckdb__parse_date(column, format) -%}
    case
        when regexp_full_match(
            {{ column }}, '{{ strptime_format_regex(format) }}'
        )
            then cast(try_strptime({{ column }}, '{{ format }}') as date)
    end
{%- endmacro %}

{% macro default__parse_date(column, format) -%}
    {{ exceptions.raise_compiler_error(
        "parse_date has no implementation for adapter '" ~ adapter.type()
        ~ "': add a macro " ~ adapter.type() ~ "__parse_date(column, format)"
        ~ " returning null for values not in the format"
    ) }}
{%- endmacro %}

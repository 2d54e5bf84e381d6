{#
    Parses the text `column` as a timestamp written exactly in the strptime
    `format` of its source (e.g. '%Y-%m-%d %H:%M:%S'). Returns null when
    the value is not in that format or not a real instant; never raises.
    Dispatched like parse_date.
#}
{% macro parse_timestamp(column, format) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'pp0093')(column, format)) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(column, format) -%}
    case
        when regexp_full_match(
            {{ column }}, '{{ strptime_format_regex(format) }}'
        )
            then cast(try_strptime({{ column }}, '{{ format }}') as timestamp)
    end
{%- endmacro %}

{% macro default__parse_timestamp(column, format) -%}
    {{ exceptions.raise_compiler_error(
        "parse_timestamp has no implementation for adapter '"
        ~ adapter.type() ~ "': add a macro " ~ adapter.type()
        ~ "__parse_timestamp(column, format)"
    ) }}
{%- endmacro %}

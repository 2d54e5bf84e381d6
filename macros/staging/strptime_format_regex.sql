{#
    The regular expression a value must fully match to be written in the
    strptime `format` exactly: each of %Y (4 digits) and %m %d %H %M %S
    (2 digits each, zero-padded) becomes a fixed-width digit class and
    every other character is matched literally. Used by the parse_date and
    parse_timestamp implementations so that '2024-3-5' or ' 2024-03-05' is
    not silently accepted by a lenient strptime.
#}
{% macro strptime_format_regex(format) -%}
    {%- set widths = {'Y': 4, 'm': 2, 'd': 2, 'H': 2, 'M': 2, 'S': 2} -%}
    {%- set parts = [] -%}
    {%- set state = namespace(is_directive=false) -%}
    {%- for char in format -%}
        {%- if state.is_directive -%}
            {%- if char not in widths -%}
                {{ exceptions.raise_compiler_error(
                    "strptime_format_regex: unsupported directive %" ~ char
                    ~ " in format '" ~ format ~ "'"
                ) }}
            {%- endif -%}
            {%- do parts.append('[0-9]{' ~ widths[char] ~ '}') -%}
            {%- set state.is_directive = false -%}
        {%- elif char == '%' -%}
            {%- set state.is_directive = true -%}
        {%- elif char in '.^$*+?()[]{}|\\' -%}
            {%- do parts.append('\\' ~ char) -%}
        {%- else -%}
            {%- do parts.append(char) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- parts | join('') -}}
{%- endmacro %}

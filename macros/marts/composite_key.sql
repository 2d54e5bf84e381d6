{#
    A text key built from several parts: each part cast to text, the parts
    joined by `separator` (':' by default). Parts are SQL expressions; a key
    with two separators nests one call in another, e.g.
    composite_key(['program_year', composite_key(['a', 'b'], '|')]).
    Null in any part gives a null key, as concatenation does, so the key's
    not-null check (no_nulls or a contract constraint) still catches a
    missing part.
#}
{% macro composite_key(parts, separator=':') -%}
    {%- set quoted_separator = "'" ~ separator | replace("'", "''") ~ "'" -%}
    {%- set pieces = [] -%}
    {%- for part in parts -%}
        {%- if not loop.first -%}
            {%- do pieces.append(quoted_separator) -%}
        {%- endif -%}
        {%- do pieces.append(
            "cast(" ~ part ~ " as " ~ dbt.type_string() ~ ")"
        ) -%}
    {%- endfor -%}
    {{ dbt.concat(pieces) }}
{%- endmacro %}

{#
    SQL that applies one rule of free_text_rules to the text `expr` (see
    that macro for the kinds). A bounded mask is applied twice: a match
    consumes the character after it, so of two identifiers one character
    apart the second is only found on the second pass.
#}
{% macro free_text_rule_applied(rule, expr) -%}
    {%- if rule.kind == 'strip_controls' -%}
        trim(regexp_replace(
            regexp_replace({{ expr }}, '{{ rule.spaces }}', ' ', 'g'),
            '{{ rule.pattern }}', '', 'g'
        ))
    {%- elif rule.kind == 'mask' and rule.bounded -%}
        {%- set bounded = pp0093.free_text_rule_pattern(rule) -%}
        {%- set once = "regexp_replace(" ~ expr ~ ", '" ~ bounded ~ "', '\\1"
            ~ rule.mask ~ "\\2', 'g')" -%}
        regexp_replace({{ once }}, '{{ bounded }}', '\1{{ rule.mask }}\2', 'g')
    {%- elif rule.kind == 'mask' -%}
        regexp_replace({{ expr }}, '{{ rule.pattern }}', '{{ rule.mask }}', 'g')
    {%- elif rule.kind == 'quote_formula' -%}
        regexp_replace({{ expr }}, '^({{ rule.pattern[1:] }})', '''\1')
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "free_text_rule_applied: unknown kind " ~ rule.kind) }}
    {%- endif -%}
{%- endmacro %}

{#
    Renders two columns from an ordered list of validation checks, so that
    the first failing check wins:
      rejection_rule  the `rule` of the first check whose `when` is true
                      (null when every check passes)
      rejected_value  that check's `value` (the raw text that broke it)
    `checks` is a list of dicts {rule, when, value}, written in the order of
    seed `rejection_rules.check_order`. `when` must be true only on failure
    (write null-safe conditions: a null `when` counts as passing).
#}
{% macro rejection_columns(checks) -%}
    case
        {%- for check in checks %}
        when {{ check.when }} then '{{ check.rule }}'
        {%- endfor %}
    end as rejection_rule,
    case
        {%- for check in checks %}
        when {{ check.when }} then cast({{ check.value }} as varchar)
        {%- endfor %}
    end as rejected_value
{%- endmacro %}

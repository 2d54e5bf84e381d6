{#
    Helpers of the model-level generic tests (tests/generic/*_per_column,
    has_code_labels, percentages_between_0_and_100) for checking their own
    arguments.
#}

{# True when `value` is a list (or tuple) with at least one item: not a
   string, not a mapping. #}
{% macro is_non_empty_list(value) %}
    {{ return(
        value is not none
        and value is not string
        and value is not mapping
        and value is iterable
        and value | length > 0
    ) }}
{% endmacro %}

{# Stops a generic test whose arguments are malformed, naming the test, the
   model and every problem found. Raised when the test runs, not while dbt
   parses, so one malformed test fails alone instead of stopping the whole
   project's parse. #}
{% macro raise_argument_problems(test_name, model, problems) %}
    {%- if problems and execute -%}
        {{ exceptions.raise_compiler_error(
            test_name ~ " on " ~ model.identifier ~ ": " ~ problems | join("; ")
        ) }}
    {%- endif -%}
{% endmacro %}

{#
    Yes/no flags of the service feeds (PRODUCE's OPORTUNIDAD_NEGOCIO, Tu
    Empresa's concreto_negocio; docs/feeds.md). The spellings a feed may
    send, each with the boolean it means, are listed once, here; the text
    is compared trimmed and upper-cased.
    yes_no_spellings(): the dict spelling -> boolean.
    yes_no_check(field, column, raw_value, prefix): the optional-field
      check of a flag (rule `unknown_code` for any other spelling), for
      nulled_fields and field_issues (optional_field_checks.sql); `prefix`
      is the relation the column is read from (e.g. 'cleaned.').
    parse_yes_no(column): true or false; null when the text is null or not
      one of the spellings.
#}
{% macro yes_no_spellings() -%}
    {{ return({'S': true, 'SI': true, 'N': false, 'NO': false}) }}
{%- endmacro %}

{% macro yes_no_sql_list(meaning=none) -%}
    {%- set spellings = [] -%}
    {%- for spelling, value in yes_no_spellings().items()
        if meaning is none or value == meaning -%}
        {%- do spellings.append("'" ~ spelling ~ "'") -%}
    {%- endfor -%}
    ({{ spellings | join(', ') }})
{%- endmacro %}

{% macro yes_no_check(field, column, raw_value, prefix='') -%}
    {{ return({
        'field': field,
        'column': column,
        'rule': 'unknown_code',
        'when': prefix ~ column ~ ' not in ' ~ yes_no_sql_list(),
        'value': raw_value,
    }) }}
{%- endmacro %}

{% macro parse_yes_no(column) -%}
    case
        when {{ column }} in {{ yes_no_sql_list(true) }} then true
        when {{ column }} in {{ yes_no_sql_list(false) }} then false
    end
{%- endmacro %}

{#
    Validation of OPTIONAL fields: a bad value in a field that does not
    decide who, what or when (seed `field_roles`, role `optional`) never
    rejects the row. The field is set to null and the issue is recorded.
    `checks` is a list of dicts {field, column, rule, when, value}:
      field   the raw file's column name (as in seed `field_roles`)
      column  the cleaned column that is set to null
      rule    the rule of seed `rejection_rules` the value breaks
      when    SQL condition, true only when the value is bad (null-safe)
      value   SQL of the raw text that broke it
    Several checks on one column are tried in order; the first failing one
    is recorded (as in rejection_columns, so a later check may assume the
    earlier ones passed, e.g. cast only what is a number).

    nulled_fields(checks): the `replace` list of a `select * replace (...)`,
    each checked column set to null when one of its checks fails.
    field_issues(checks): the column `field_issues`, a list with one struct
    {field_name, rule, raw_value} per checked column (null when it passed),
    read by the rejects models and rpt_data_quality; with no checks (a feed
    whose every validated field is identifying), an empty list.
#}
{% macro optional_field_columns(checks) -%}
    {%- set columns = [] -%}
    {%- for check in checks if check.column not in columns -%}
        {%- do columns.append(check.column) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{% macro nulled_fields(checks) -%}
    {%- for column in optional_field_columns(checks) %}
        case
            {%- for check in checks if check.column == column %}
            when {{ check.when }} then null
            {%- endfor %}
            else {{ column }}
        end as {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro field_issues(checks) -%}
    {%- if not checks -%}
    cast([] as struct(
        field_name varchar, rule varchar, raw_value varchar
    )[]) as field_issues
    {%- else -%}
    list_value(
        {%- for column in optional_field_columns(checks) %}
        case
            {%- for check in checks if check.column == column %}
            when {{ check.when }}
                then struct_pack(
                    field_name := '{{ check.field }}',
                    rule := '{{ check.rule }}',
                    raw_value := cast({{ check.value }} as varchar)
                )
            {%- endfor %}
        end{{ ',' if not loop.last }}
        {%- endfor %}
    ) as field_issues
    {%- endif -%}
{%- endmacro %}

{#
    The optional-field check of a ubigeo (every feed has one): 6 digits
    whose first two are a department of seed `departments` (the base model
    selects them in a CTE named `departments`). `prefix` is the relation
    the columns `ubigeo` and `raw_ubigeo` are read from (e.g. 'cleaned.').
#}
{% macro ubigeo_check(field, prefix='') -%}
    {{ return({
        'field': field,
        'column': 'ubigeo',
        'rule': 'invalid_ubigeo',
        'when': "not regexp_full_match(" ~ prefix ~ "ubigeo, '[0-9]{6}')"
                ~ ' or substr(' ~ prefix ~ 'ubigeo, 1, 2) not in'
                ~ ' (select department_code from departments)',
        'value': prefix ~ 'raw_ubigeo',
    }) }}
{%- endmacro %}

{#
    The two optional-field checks of a test score, in order: text that is
    not a number in the source's format (`not_a_number`), then a number
    outside the source's scale 0..maximum (`score_out_of_range`; cast only
    once the first check passed). `prefix` is the relation the cleaned
    column is read from (e.g. 'cleaned.').
#}
{% macro score_checks(
    field, column, raw_value, number_pattern, number_type, maximum, prefix=''
) -%}
    {%- set value = prefix ~ column -%}
    {{ return([
        not_a_number_check(field, column, raw_value, number_pattern, prefix),
        {'field': field, 'column': column, 'rule': 'score_out_of_range',
         'when': 'cast(' ~ value ~ ' as ' ~ number_type ~ ')'
                 ~ ' not between 0 and ' ~ maximum,
         'value': raw_value},
    ]) }}
{%- endmacro %}

{#
    The six MEF amounts of a budget mart, summed: `sum(pia) as pia, ...`
    (PIA, PIM, certificado, comprometido, devengado, girado), for the
    select list of a group by over stg_mef__budget_execution.
#}
{% macro budget_amount_sums() -%}
    {%- for amount in [
        'pia', 'pim', 'certificado', 'comprometido', 'devengado', 'girado'
    ] %}
    sum({{ amount }}) as {{ amount }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#
    `<year>-<month, 2 digits>` as text: the leading part of a budget mart's
    key, from the year and month expressions given.
#}
{% macro budget_month_key(year_expr, month_expr) -%}
    {{ dbt.concat([
        "cast(" ~ year_expr ~ " as " ~ dbt.type_string() ~ ")",
        "'-'",
        dbt.right(
            dbt.concat([
                "'0'", "cast(" ~ month_expr ~ " as " ~ dbt.type_string() ~ ")"
            ]),
            2,
        ),
    ]) }}
{%- endmacro %}

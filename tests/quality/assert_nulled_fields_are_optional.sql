{#
    A kept row's field may be set to null only when seed `field_roles`
    calls it optional: a field that decides who, what, when or how much
    must reject the row instead. Fails with one row per nulled field (by
    feed, field and rule) that the seed does not list as optional.
#}
{%- set rejects_models = [
    'stg_sunat__rejected_rows',
    'stg_itp__rejected_rows',
    'stg_produce__rejected_rows',
    'stg_pnte__rejected_rows',
    'stg_mef__rejected_rows',
    'stg_siaf__rejected_rows',
] -%}

with

nulled_fields as (
    {% for rejects_model in rejects_models %}
        select
            source_system,
            field_name,
            rule
        from {{ ref(rejects_model) }}
        where is_row_kept
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

field_roles as (
    select
        source_system,
        field_name,
        role
    from {{ ref('field_roles') }}
)

select
    nulled_fields.source_system,
    nulled_fields.field_name,
    nulled_fields.rule,
    field_roles.role,
    count(*) as nulled_values
from nulled_fields
left join field_roles
    on
        nulled_fields.source_system = field_roles.source_system
        and nulled_fields.field_name = field_roles.field_name
where field_roles.role is distinct from 'optional'
group by
    nulled_fields.source_system,
    nulled_fields.field_name,
    nulled_fields.rule,
    field_roles.role

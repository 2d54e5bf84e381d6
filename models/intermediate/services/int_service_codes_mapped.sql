{#
    One row per service code of a source system (seed service_code_map),
    with the product of its activity (seed program_activities): where in
    the programme structure, and in which service lines, a service record
    with that code counts.
#}

with

service_code_map as (

    select * from {{ ref('service_code_map') }}

),

program_activities as (

    select * from {{ ref('program_activities') }}

),

final as (

    select
        service_code_map.source_system,
        service_code_map.source_code,
        cast(
            service_code_map.activity_code as {{ dbt.type_string() }}
        ) as activity_code,
        program_activities.product_code,
        service_code_map.service_type,
        service_code_map.service_label_es,
        service_code_map.is_action,
        service_code_map.is_training,
        service_code_map.training_topic,
        service_code_map.indicator_subject,
        service_code_map.is_dissemination,
        service_code_map.dissemination_type,
        service_code_map.is_tech_transfer,
        service_code_map.is_market_access,
        service_code_map.market_access_line,
        service_code_map.promotion_channel
    from service_code_map
    left join program_activities
        on
            cast(
                service_code_map.activity_code as {{ dbt.type_string() }}
            ) = program_activities.activity_code

)

select * from final

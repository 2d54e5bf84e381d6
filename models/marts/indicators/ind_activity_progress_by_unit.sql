{#
    One row per programme year, activity and executing unit: the part of the
    activity's physical progress each unit delivered, in the activity's
    unit of measure (distinct firms, or actions for activities measured in
    Acciones, per dim_activities.progress_basis). A firm served by two
    units of one activity counts for each, so units may add up to more
    than the activity's distinct firms. Source: fct_service_deliveries.
#}

with

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

activities as (

    select * from {{ ref('dim_activities') }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

unit_counts as (

    select
        program_year,
        activity_code,
        executing_unit_code,
        count(
            distinct case when not is_action then firm_id end
        ) as firms,
        count(
            distinct case when is_action then service_delivery_id end
        ) as actions
    from deliveries
    group by program_year, activity_code, executing_unit_code

),

final as (

    select
        {{ composite_key([
            'unit_counts.program_year',
            composite_key([
                'unit_counts.activity_code', 'unit_counts.executing_unit_code',
            ], '|'),
        ]) }} as activity_unit_year_id,
        unit_counts.program_year,
        activities.product_code,
        unit_counts.activity_code,
        unit_counts.executing_unit_code,
        executing_units.executing_unit_name_es,
        activities.unit_of_measure,
        activities.progress_basis,
        cast(unit_counts.firms as bigint) as firms,
        cast(unit_counts.actions as bigint) as actions,
        cast(
            case
                when activities.progress_basis = 'actions'
                    then unit_counts.actions
                else unit_counts.firms
            end as bigint
        ) as progress
    from unit_counts
    inner join activities
        on unit_counts.activity_code = activities.activity_code
    left join executing_units
        on
            unit_counts.executing_unit_code
            = executing_units.executing_unit_code

)

select * from final

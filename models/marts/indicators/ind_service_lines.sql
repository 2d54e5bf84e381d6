{#
    One row per programme year and service line (training, dissemination,
    technology transfer, market access): distinct firms that received at
    least one service of the line, their share of all firms served, and the
    change against the previous year. A firm counts once per line, however
    many services it received; lines overlap (a firm may be in several).
    The line's firms: int_service_line_firms_counted (the line flags of
    the firm-year facts, from seed service_code_map). Actions (no firm)
    are excluded.
#}

with

line_counts as (

    select * from {{ ref('int_service_line_firms_counted') }}

),

population as (

    select * from {{ ref('ind_population_served') }}

),

compared as (

    select
        current_year.program_year,
        current_year.service_line,
        current_year.firms,
        previous_year.firms as previous_year_firms
    from line_counts as current_year
    left join line_counts as previous_year
        on {{ previous_year_matches(
            'current_year', 'previous_year', ['service_line']
        ) }}

),

final as (

    select
        {{ composite_key(['compared.program_year', 'compared.service_line']) }}
            as service_line_year_id,
        compared.program_year,
        compared.service_line,
        case compared.service_line
            when 'training' then 'Capacitación'
            when 'dissemination' then 'Difusión'
            when 'tech_transfer' then 'Transferencia tecnológica e innovación'
            when 'market_access' then 'Articulación de mercados'
        end as service_line_label_es,
        cast(compared.firms as bigint) as firms,
        population.firms_served,
        {{ safe_pct('compared.firms', 'population.firms_served') }}
            as share_of_firms_served_pct,
        cast(compared.previous_year_firms as bigint) as previous_year_firms,
        {{ safe_pct(
            'compared.firms - compared.previous_year_firms',
            'compared.previous_year_firms',
        ) }} as firms_change_pct
    from compared
    left join population
        on compared.program_year = population.program_year

)

select * from final

{#
    The economic context the evaluation report quotes: real GDP growth by
    year and sector (INEI), from seed `economic_context`. External figures,
    not computed from the programme's records; the report reads them here
    so that every table it cites is a mart.
#}

with

economic_context as (

    select * from {{ ref('economic_context') }}

),

final as (

    select
        {{ composite_key(['year', 'sector_code']) }} as gdp_growth_id,
        year,
        sector_code,
        sector_label_es,
        gdp_growth_pct,
        source
    from economic_context

)

select * from final

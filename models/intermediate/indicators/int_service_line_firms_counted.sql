{#
    One row per programme year and service line (training, dissemination,
    technology transfer, market access) with at least one firm: the firms
    that received a service of the line that year, counted once per firm
    and year from the line flags of fct_beneficiaries_yearly (has_training
    ...; seed service_code_map through the service records). Actions have
    no firm and count in no line. The denominator of the line breakdowns
    and the numerator of the service lines' shares.
#}

with

beneficiaries as (

    select * from {{ ref('fct_beneficiaries_yearly') }}

),

line_firms as (

    {% for service_line in [
        'training', 'dissemination', 'tech_transfer', 'market_access',
    ] %}
        select
            program_year,
            '{{ service_line }}' as service_line,
            count(*) as firms
        from beneficiaries
        where has_{{ service_line }}
        group by program_year
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        {{ composite_key(['program_year', 'service_line']) }}
            as service_line_year_id,
        program_year,
        service_line,
        firms
    from line_firms

)

select * from final

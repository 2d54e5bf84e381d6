{#
    A service line, or a category of it, cannot reach more firms than the
    line, and a line cannot reach more firms than the programme served.
    Returns the offending rows of ind_service_lines and
    ind_service_line_breakdowns.
#}

with

service_lines as (

    select * from {{ ref('ind_service_lines') }}

),

breakdowns as (

    select * from {{ ref('ind_service_line_breakdowns') }}

),

lines_over_total as (

    select
        service_line_year_id as row_id,
        'line firms exceed firms served' as failure_reason
    from service_lines
    where firms > firms_served

),

categories_over_line as (

    select
        breakdowns.breakdown_id as row_id,
        'category firms exceed the line firms' as failure_reason
    from breakdowns
    inner join service_lines
        on
            breakdowns.program_year = service_lines.program_year
            and breakdowns.service_line = service_lines.service_line
    where
        breakdowns.firms > breakdowns.line_firms
        or breakdowns.line_firms != service_lines.firms

)

select * from lines_over_total
union all
select * from categories_over_line

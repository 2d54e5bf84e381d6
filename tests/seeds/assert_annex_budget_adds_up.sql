{#
    The annex's budget lines add up: each product's PIM and devengado equal
    the sum of its activities', and the TOTAL row equals the sum of the
    products, in every report edition and programme year the seed holds. All
    amounts are read from published_figures; the product of an activity
    comes from program_activities. Returns one row per line that does not
    add up.
#}

with figures as (

    select * from {{ ref('published_figures') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

budget_lines as (

    select
        report_edition,
        program_year,
        metric,
        dimension_value as line_code,
        published_value as amount_pen
    from figures
    where metric in ('pim_pen', 'devengado_pen')

),

activity_sums as (

    select
        budget_lines.report_edition,
        budget_lines.program_year,
        budget_lines.metric,
        activities.product_code as line_code,
        sum(budget_lines.amount_pen) as summed_pen
    from budget_lines
    inner join activities
        on budget_lines.line_code = activities.activity_code
    group by
        budget_lines.report_edition,
        budget_lines.program_year,
        budget_lines.metric,
        activities.product_code

),

product_sums as (

    select
        budget_lines.report_edition,
        budget_lines.program_year,
        budget_lines.metric,
        'total' as line_code,
        sum(budget_lines.amount_pen) as summed_pen
    from budget_lines
    inner join {{ ref('program_products') }} as products
        on budget_lines.line_code = products.product_code
    group by
        budget_lines.report_edition,
        budget_lines.program_year,
        budget_lines.metric

),

expected as (

    select * from activity_sums
    union all
    select * from product_sums

),

compared as (

    select
        expected.report_edition,
        expected.program_year,
        expected.metric,
        expected.line_code,
        expected.summed_pen,
        budget_lines.amount_pen as published_pen
    from expected
    left join budget_lines
        on
            expected.report_edition = budget_lines.report_edition
            and expected.program_year = budget_lines.program_year
            and expected.metric = budget_lines.metric
            and expected.line_code = budget_lines.line_code

)

select *
from compared
where published_pen is null or published_pen <> summed_pen

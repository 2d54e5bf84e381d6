{#
    Each product's published physical target equals the sum of the targets
    of its activities flagged counts_toward_product: evidence that the flag
    says which activities make a product's physical progress, in every
    report edition and programme year the seed holds targets for. Returns
    the products where it does not hold.
#}

with figures as (

    select * from {{ ref('published_figures') }}

),

activities as (

    select * from {{ ref('program_activities') }}

),

product_targets as (

    select
        report_edition,
        program_year,
        dimension_value as product_code,
        published_value as product_target
    from figures
    where metric = 'product_target' and not_computable_reason is null

),

counting_activity_targets as (

    select
        figures.report_edition,
        figures.program_year,
        activities.product_code,
        sum(figures.published_value) as summed_target
    from figures
    inner join activities
        on figures.dimension_value = activities.activity_code
    where
        figures.metric = 'activity_target'
        and activities.counts_toward_product
    group by
        figures.report_edition,
        figures.program_year,
        activities.product_code

)

select
    product_targets.report_edition,
    product_targets.program_year,
    product_targets.product_code,
    product_targets.product_target,
    counting_activity_targets.summed_target
from product_targets
left join counting_activity_targets
    on
        product_targets.report_edition = counting_activity_targets.report_edition
        and product_targets.program_year = counting_activity_targets.program_year
        and product_targets.product_code = counting_activity_targets.product_code
where
    counting_activity_targets.summed_target is null
    or counting_activity_targets.summed_target <> product_targets.product_target

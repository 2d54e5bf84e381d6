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
    products.report_edition,
    products.program_year,
    products.product_code,
    products.product_target,
    activities_summed.summed_target
from product_targets as products
left join counting_activity_targets as activities_summed
    on
        products.report_edition = activities_summed.report_edition
        and products.program_year = activities_summed.program_year
        and products.product_code = activities_summed.product_code
where
    activities_summed.summed_target is null
    or activities_summed.summed_target <> products.product_target

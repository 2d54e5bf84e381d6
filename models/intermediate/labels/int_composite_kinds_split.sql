{#
    One row per composite dimension kind of seed figure_metrics
    ('<kind>|<kind>', a figure broken down by two categories at once) with
    its two kinds: dim_code_labels labels such a kind's codes with every
    pair of its two kinds' codes.
#}

with

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

final as (

    select distinct
        dimension_kind,
        split_part(dimension_kind, '|', 1) as first_kind,
        split_part(dimension_kind, '|', 2) as second_kind
    from figure_metrics
    where dimension_kind like '%|%'

)

select * from final

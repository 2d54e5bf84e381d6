{#
    Each sales band lies entirely inside the size class it names, so a
    firm's size class can be read from its sales band. An empty bound means
    open (no lower / no upper limit).
#}

with bands as (

    select * from {{ ref('sales_bands') }}

),

classes as (

    select * from {{ ref('firm_size_classes') }}

)

select
    bands.sales_band_code,
    bands.size_class_code
from bands
inner join classes
    on bands.size_class_code = classes.size_class_code
where
    (
        classes.lower_uit_exclusive is not null
        and (
            bands.lower_uit_exclusive is null
            or bands.lower_uit_exclusive < classes.lower_uit_exclusive
        )
    )
    or (
        classes.upper_uit_inclusive is not null
        and (
            bands.upper_uit_inclusive is null
            or bands.upper_uit_inclusive > classes.upper_uit_inclusive
        )
    )

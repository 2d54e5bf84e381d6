{#
    Firms meeting all three targeting criteria cannot outnumber the firms
    meeting any one of them, and no count exceeds the firms served. Returns
    the programme years where ind_population_served breaks this.
#}

select
    program_year,
    firms_served,
    formal_firms,
    min_registry_years_firms,
    in_sales_range_firms,
    targeted_firms
from {{ ref('ind_population_served') }}
where
    targeted_firms > formal_firms
    or targeted_firms > min_registry_years_firms
    or targeted_firms > in_sales_range_firms
    or formal_firms > firms_served
    or min_registry_years_firms > firms_served
    or in_sales_range_firms > firms_served

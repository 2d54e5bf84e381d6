{#
    Two rules of seed program_parameters are stated as text, and the SQL of
    int_firm_years_targeted / int_firm_profiles_classified implements one
    reading of each: registry years counted to 1 January of the programme
    year, and sales converted with the UIT of the profile's fiscal year. If
    the seed is changed to another reading, this test fails so that the
    models are changed with it.
#}

select
    parameter_code,
    value_text
from {{ ref('program_parameters') }}
where
    (
        parameter_code = 'registry_years_as_of'
        and coalesce(value_text, '') <> 'programme_year_january_1'
    )
    or (
        parameter_code = 'sales_uit_year_basis'
        and coalesce(value_text, '') <> 'profile_fiscal_year'
    )

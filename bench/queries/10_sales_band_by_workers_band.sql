-- Cross-tab of sales band by workers band for firms with a profile.
select
    sales_band_label,
    workers_band_label,
    count(*) as firms_count,
    median(sales_pen) as median_sales_pen
from marts.fct_beneficiaries_yearly
where program_year = 2024 and has_profile
group by sales_band_label, workers_band_label
order by sales_band_label, workers_band_label

{#
    Data quality counts of the SUNAT feeds (padrón and firm profiles), per
    raw file: rows staged, rejected, duplicated and ignored, rows per
    rejection rule, nulled optional fields and masked free-text values
    (macro raw_file_quality_counts). rpt_data_quality describes and unions
    every feed group.
#}

{{ raw_file_quality_counts([
    'base_sunat__padron',
    'base_sunat__firm_profiles',
]) }}

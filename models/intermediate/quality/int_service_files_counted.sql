{#
    Data quality counts of the service feeds (ITP's CITE services, the
    directorates' services, PNTE's Tu Empresa services), per raw file: rows
    staged, rejected, duplicated and ignored, rows per rejection rule,
    nulled optional fields and masked free-text values (macro
    raw_file_quality_counts). rpt_data_quality describes and unions every
    feed group.
#}

{{ raw_file_quality_counts([
    'base_itp__cite_services',
    'base_produce__directorate_services',
    'base_pnte__tu_empresa_services',
]) }}

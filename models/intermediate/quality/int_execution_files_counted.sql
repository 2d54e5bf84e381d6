{#
    Data quality counts of the execution feeds (MEF's budget execution and
    SIAF's physical progress), per raw file: rows staged, rejected,
    duplicated and ignored (MEF's national file carries every programme:
    the rows of others are counted by base_mef__file_rows), rows per
    rejection rule, nulled optional fields and masked free-text values
    (macro raw_file_quality_counts). rpt_data_quality describes and unions
    every feed group.
#}

{{ raw_file_quality_counts(
    ['base_mef__budget_execution', 'base_siaf__physical_progress'],
    file_rows_model='base_mef__file_rows',
) }}

{#
    The checks every service-record feed runs on who and when, in the
    order of seed `rejection_rules.check_order`, as check dicts for
    rejection_columns: the RUC (`invalid_ruc`), each DNI (`invalid_dni`),
    delivered_date and recorded_at written as dates (`invalid_date`),
    delivered_date in the year of the file's folder and not after the run
    date, recorded_at not after the run date (`date_out_of_range`).
    `prefix` is the relation the columns are read from (e.g. 'cleaned.'):
    ruc, each DNI column, delivered_date, recorded_at, file_year, and the
    raw text of each as `raw_<column>`.
#}
{% macro service_record_checks(prefix, dni_columns=['owner_dni']) -%}
    {%- set checks = [
        {'rule': 'invalid_ruc',
         'when': 'not ' ~ is_valid_ruc(prefix ~ 'ruc'),
         'value': prefix ~ 'raw_ruc'},
    ] -%}
    {%- for column in dni_columns -%}
        {%- do checks.append(
            {'rule': 'invalid_dni',
             'when': 'not ' ~ is_valid_dni(prefix ~ column),
             'value': prefix ~ 'raw_' ~ column}
        ) -%}
    {%- endfor -%}
    {%- do checks.extend([
        {'rule': 'invalid_date',
         'when': prefix ~ 'delivered_date is null',
         'value': prefix ~ 'raw_delivered_date'},
        {'rule': 'invalid_date',
         'when': prefix ~ 'recorded_at is null',
         'value': prefix ~ 'raw_recorded_at'},
        {'rule': 'date_out_of_range',
         'when': 'extract(year from ' ~ prefix ~ 'delivered_date)'
                 ~ ' <> ' ~ prefix ~ 'file_year'
                 ~ ' or ' ~ prefix ~ 'delivered_date > ' ~ staging_run_date(),
         'value': prefix ~ 'raw_delivered_date'},
        {'rule': 'date_out_of_range',
         'when': 'cast(' ~ prefix ~ 'recorded_at as date) > '
                 ~ staging_run_date(),
         'value': prefix ~ 'raw_recorded_at'},
    ]) -%}
    {{ return(checks) }}
{%- endmacro %}

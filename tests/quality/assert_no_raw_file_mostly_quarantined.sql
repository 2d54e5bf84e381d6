{#
    A raw file whose rows are mostly quarantined is a broken delivery (a
    locale number format, another year's file, a new layout), not a file
    with a few bad rows: its figures would be hollow. Fails, and so stops
    `pp0093 publish`, with one row per raw file whose share of rows
    rejected by rules of severity `error` (seed `rejection_rules`;
    superseded versions and duplicates do not count) is above its feed's
    `max_rejected_share` (seed `quarantine_thresholds`), naming the file and
    the rule that rejected most of its rows. The share is of the rows the
    warehouse reads: raw rows less `ignored_rows` (the other programmes'
    rows of MEF's national file, which would otherwise hide a PP 0093
    delivery rejected whole). The failing rows are stored
    (dbt prints where: `select * from "dbt_test__audit"...`).
#}
{{ config(store_failures=true) }}

with

quality as (
    select * from {{ ref('rpt_data_quality') }}
),

error_rules as (
    select rule from {{ ref('rejection_rules') }}
    where severity = 'error'
),

thresholds as (
    select
        source_system,
        max_rejected_share
    from {{ ref('quarantine_thresholds') }}
),

files as (
    select
        feed,
        source_file,
        raw_rows - ignored_rows as read_rows
    from quality
    where row_kind = 'file'
),

rejected_by_rule as (
    select
        quality.source_file,
        quality.rule,
        quality.rejected_rows,
        row_number() over (
            partition by quality.source_file
            order by quality.rejected_rows desc, quality.rule asc
        ) as rule_rank
    from quality
    inner join error_rules on quality.rule = error_rules.rule
    where quality.row_kind = 'rule'
),

rejected_by_file as (
    select
        source_file,
        sum(rejected_rows) as rejected_rows,
        max(case when rule_rank = 1 then rule end) as main_rule,
        max(case when rule_rank = 1 then rejected_rows end) as main_rule_rows
    from rejected_by_rule
    group by source_file
)

select
    files.source_file,
    rejected_by_file.main_rule,
    rejected_by_file.main_rule_rows,
    rejected_by_file.rejected_rows,
    files.read_rows,
    thresholds.max_rejected_share,
    round(rejected_by_file.rejected_rows / files.read_rows, 4)
        as rejected_share
from files
inner join rejected_by_file
    on files.source_file = rejected_by_file.source_file
inner join thresholds
    on files.feed = thresholds.source_system
where
    rejected_by_file.rejected_rows
    > thresholds.max_rejected_share * files.read_rows

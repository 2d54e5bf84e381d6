{#
    One row per code of every code set a public mart uses, with its Spanish
    label: the report's and the warehouse's own sets
    (int_report_code_labels_unioned), the programme's structure
    (int_programme_code_labels_unioned), the categories firms are profiled
    by (int_firm_code_labels_unioned) and the executing units
    (dim_executing_units), which together cover every dimension kind of
    seed figure_metrics, so that `dimension_value` can be labelled. A
    composite kind ('<kind>|<kind>', int_composite_kinds_split) gets every
    pair of its two kinds' codes, labelled '<label> / <label>'. Join on
    code_set and code.
#}

with

labelled_sets as (

    {{ union_models([
        'int_report_code_labels_unioned',
        'int_programme_code_labels_unioned',
        'int_firm_code_labels_unioned',
    ]) }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

composite_kinds as (

    select * from {{ ref('int_composite_kinds_split') }}

),

simple_sets as (

    select * from labelled_sets
    union all
    select
        'executing_unit' as code_set,
        executing_unit_code as code,
        executing_unit_name_es as label_es,
        sort_order
    from executing_units

),

composite_sets as (

    select
        composite_kinds.dimension_kind as code_set,
        {{ composite_key(['first_set.code', 'second_set.code'], '|') }}
            as code,
        {{ dbt.concat(["first_set.label_es", "' / '", "second_set.label_es"]) }}
            as label_es,
        first_set.sort_order * 1000 + second_set.sort_order as sort_order
    from composite_kinds
    inner join simple_sets as first_set
        on composite_kinds.first_kind = first_set.code_set
    inner join simple_sets as second_set
        on composite_kinds.second_kind = second_set.code_set

),

unioned as (

    select * from simple_sets
    union all
    select * from composite_sets

),

final as (

    select
        {{ composite_key(['code_set', 'code']) }} as code_label_id,
        code_set,
        code,
        label_es,
        cast(sort_order as integer) as sort_order
    from unioned

)

select * from final

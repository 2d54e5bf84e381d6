{#
    One row per programme year, service line and category of a breakdown:
    the distinct firms of the line that received a service of the category
    and their share of the line's firms. A firm may fall in several
    categories of one breakdown, so shares need not add up to 100.
    Breakdowns:
    - training by executing_unit (the unit that trained the firm) and by
      training_topic;
    - dissemination by dissemination_type;
    - tech_transfer by tech_transfer_service (the CITE service type);
    - market_access by market_access_line.
    Categories and labels: seeds service_code_map and service_categories,
    dim_executing_units. Actions (no firm) are excluded.
    A line's firms (the denominator) come from
    int_service_line_firms_counted: the firm-years flagged with the line,
    counted once per firm and year rather than again over every delivery.
#}

with

deliveries as (

    select * from {{ ref('fct_service_deliveries') }}

),

line_totals as (

    select * from {{ ref('int_service_line_firms_counted') }}

),

executing_units as (

    select * from {{ ref('dim_executing_units') }}

),

service_categories as (

    select * from {{ ref('service_categories') }}

),

firm_deliveries as (

    select * from deliveries
    where not is_action and firm_id is not null

),

{# service line, breakdown, and the delivery column holding its category #}
categorised as (

    {% for service_line, breakdown, column in [
        ('training', 'executing_unit', 'executing_unit_code'),
        ('training', 'training_topic', 'training_topic'),
        ('dissemination', 'dissemination_type', 'dissemination_type'),
        ('tech_transfer', 'tech_transfer_service', 'service_type'),
        ('market_access', 'market_access_line', 'market_access_line'),
    ] %}
        select
            program_year,
            '{{ service_line }}' as service_line,
            '{{ breakdown }}' as breakdown,
            {{ column }} as category_code,
            firm_id
        from firm_deliveries
        where is_{{ service_line }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

category_counts as (

    select
        program_year,
        service_line,
        breakdown,
        category_code,
        count(distinct firm_id) as firms
    from categorised
    where category_code is not null
    group by program_year, service_line, breakdown, category_code

),

service_labels as (

    select
        service_type,
        min(service_label_es) as service_label_es
    from firm_deliveries
    group by service_type

),

final as (

    select
        {{ composite_key([
            'category_counts.program_year',
            'category_counts.service_line',
            'category_counts.breakdown',
            'category_counts.category_code',
        ]) }} as breakdown_id,
        category_counts.program_year,
        category_counts.service_line,
        category_counts.breakdown,
        category_counts.category_code,
        coalesce(
            service_categories.label_es,
            executing_units.executing_unit_name_es,
            service_labels.service_label_es
        ) as category_label_es,
        cast(category_counts.firms as bigint) as firms,
        cast(line_totals.firms as bigint) as line_firms,
        {{ safe_pct('category_counts.firms', 'line_totals.firms') }}
            as share_of_line_pct
    from category_counts
    inner join line_totals
        on
            category_counts.program_year = line_totals.program_year
            and category_counts.service_line = line_totals.service_line
    left join service_categories
        on
            category_counts.breakdown != 'executing_unit'
            and category_counts.category_code
            = service_categories.category_code
    left join executing_units
        on
            category_counts.breakdown = 'executing_unit'
            and category_counts.category_code
            = executing_units.executing_unit_code
    left join service_labels
        on category_counts.category_code = service_labels.service_type

)

select * from final

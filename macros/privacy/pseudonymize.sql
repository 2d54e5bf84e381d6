{#
    Keyed, stable pseudonym of an identifier (RUC, DNI, record key):
    sha256(<key> || ':' || <value>) as 64 lowercase hex characters. The key
    comes from the environment variable PP0093_PSEUDONYM_KEY; without it the
    documented development key is used (see _privacy__macros.yml). The same
    value keeps the same pseudonym across builds and years as long as the key
    does not change. A null value gives a null pseudonym.
#}
{% macro pseudonymize(expr) -%}
    {{ return(adapter.dispatch('pseudonymize', 'pp0093')(expr)) }}
{%- endmacro %}

{% macro pseudonym_key_literal() -%}
    {%- set key = env_var(
        'PP0093_PSEUDONYM_KEY', 'pp0093-development-key-not-secret'
    ) -%}
    '{{ dbt.escape_single_quotes(key) }}'
{%- endmacro %}

{% macro pseudonym_input(expr) -%}
    {{ dbt.concat([
        pp0093.pseudonym_key_literal(),
        "':'",
        "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")",
    ]) }}
{%- endmacro %}

{# DuckDB (the default): sha256() takes text and returns lowercase hex. #}
{% macro default__pseudonymize(expr) -%}
    sha256({{ pp0093.pseudonym_input(expr) }})
{%- endmacro %}

{% macro postgres__pseudonymize(expr) -%}
    encode(sha256(convert_to({{ pp0093.pseudonym_input(expr) }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro trino__pseudonymize(expr) -%}
    lower(to_hex(sha256(to_utf8({{ pp0093.pseudonym_input(expr) }}))))
{%- endmacro %}

{% macro spark__pseudonymize(expr) -%}
    sha2({{ pp0093.pseudonym_input(expr) }}, 256)
{%- endmacro %}

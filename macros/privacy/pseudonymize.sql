{#
    Keyed, stable pseudonym of an identifier (RUC, DNI, record key):
    HMAC-SHA256 of the value under the pseudonym key, as 64 lowercase hex
    characters; null for a null value. The key never appears in SQL: the
    engine gets it outside any model, at connection time (DuckDB: the
    project's dbt-duckdb plugin, src/pp0093/duckdb_plugin.py, registers the
    function `pp0093_pseudonymize`). The same value keeps its pseudonym
    across builds and years while the key does not change. docs/privacy.md:
    key custody and rotation.
#}
{% macro pseudonymize(expr) -%}
    {{ return(adapter.dispatch('pseudonymize', 'pp0093')(expr)) }}
{%- endmacro %}

{# DuckDB: the function the plugin registers on every connection. A view
   would call it at query time, on connections that lack it (BI tools,
   publish) or hold another key: pseudonyms are computed in tables only. #}
{% macro duckdb__pseudonymize(expr) -%}
    {%- if model is defined and model.get('config', {}).get('materialized')
        == 'view' -%}
        {{ exceptions.raise_compiler_error(
            "pseudonymize in view " ~ model.name ~ ": pseudonyms are computed "
            ~ "in tables only (the key is on dbt's connections, not the "
            ~ "readers')"
        ) }}
    {%- endif -%}
    pp0093_pseudonymize(cast({{ expr }} as {{ dbt.type_string() }}))
{%- endmacro %}

{# PostgreSQL: pgcrypto's hmac(), the key from a session setting the
   connection sets (e.g. the role's `pp0093.pseudonym_key` or the client's
   `options=-c pp0093.pseudonym_key=...`), never from the SQL text. #}
{% macro postgres__pseudonymize(expr) -%}
    encode(
        hmac(
            convert_to(cast({{ expr }} as {{ dbt.type_string() }}), 'UTF8'),
            convert_to(current_setting('pp0093.pseudonym_key'), 'UTF8'),
            'sha256'
        ),
        'hex'
    )
{%- endmacro %}

{# Any other engine: register a keyed-hash function on its connections
   first (as the DuckDB plugin does), then add <adapter>__pseudonymize. #}
{% macro default__pseudonymize(expr) -%}
    {{ exceptions.raise_compiler_error(
        "pseudonymize has no implementation for adapter '" ~ adapter.type()
        ~ "': register an HMAC-SHA256 function holding the pseudonym key on "
        ~ "its connections and add " ~ adapter.type() ~ "__pseudonymize "
        ~ "(docs/privacy.md)"
    ) }}
{%- endmacro %}

{#
    Which pseudonym key this build used, without the key: its public
    fingerprint and whether it is the public development key. The
    functions are registered on the connection by the project's dbt-duckdb
    plugin (src/pp0093/duckdb_plugin.py). `pp0093 publish` reads this
    model: it refuses the development key unless the build is of the
    generator's demo data set (docs/privacy.md).
#}
select
    'HMAC-SHA256' as hash_function,
    pp0093_pseudonym_key_id() as pseudonym_key_id,
    pp0093_is_development_key() as is_development_key

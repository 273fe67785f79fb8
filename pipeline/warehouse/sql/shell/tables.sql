-- `.tables` at the SQL prompt: what a query can name, with how to call the macros.
SELECT 'table' AS kind, table_name AS name FROM duckdb_tables() WHERE NOT internal
UNION ALL
SELECT 'view', view_name FROM duckdb_views() WHERE NOT internal
UNION ALL
SELECT replace(function_type, '_', ' '), function_name || '(' || array_to_string(parameters, ', ') || ')'
FROM duckdb_functions()
WHERE NOT internal AND function_type IN ('macro', 'table_macro')
ORDER BY list_position(['table', 'view', 'table macro', 'macro'], kind), name

-- Every block has a role from the contract, every document a kind from the contract. The macros
-- is_role and is_kind are made from pipeline/stages/roles.py (pipeline/warehouse/macros.py).
SELECT path, 'invalid role: ' || role AS problem
FROM blocks
WHERE NOT is_role(role)
UNION ALL
SELECT path, 'invalid kind: ' || kind AS problem
FROM documents
WHERE NOT is_kind(kind);

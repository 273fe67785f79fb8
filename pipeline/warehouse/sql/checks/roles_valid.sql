-- Every block has a role from the contract, every document a kind from the contract.
SELECT path, 'invalid role: ' || role AS problem
FROM blocks
WHERE role NOT IN ('title', 'meta', 'heading', 'body', 'comment', 'boilerplate')
UNION ALL
SELECT path, 'invalid kind: ' || kind AS problem
FROM documents
WHERE kind NOT IN ('article', 'comments', 'article_with_comments', 'empty');

-- The documents `pipeline export` writes, with the columns of their records: every document still
-- in the input with an article or reader comments (every kind but `empty`) that meets the user's
-- --where condition ($where: TRUE without one), which may name any column of `documents`.
SELECT doc_id, path, url, kind, title, authors, published, outlet, language
FROM documents
WHERE gone_at IS NULL AND kind <> 'empty' AND ($where)

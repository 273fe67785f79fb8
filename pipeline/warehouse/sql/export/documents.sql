-- The exported documents' metadata. This and the two queries below are read side by side,
-- each sorted by (path, doc_id), and merged into records one document at a time: the joins and
-- aggregations behind `articles` would hold the whole corpus in memory, the sorts spill to disk.
WITH selected AS ($selected)
SELECT * FROM selected
ORDER BY path, doc_id

-- The exported documents' article lines in page order, joined into `body` with blank lines between
-- them and their words added up into `n_words`, as the `articles` view does (views.sql).
WITH selected AS ($selected)
SELECT b.path, b.doc_id, b.text, len(string_split_regex(trim(b.text), '\s+')) AS n_words
FROM blocks AS b
SEMI JOIN selected AS d ON d.doc_id = b.doc_id AND d.path = b.path
WHERE is_article_role(b.role)
ORDER BY b.path, b.doc_id, b.seq

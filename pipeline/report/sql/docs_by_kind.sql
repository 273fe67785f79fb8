-- Documents per kind (article, article_with_comments, comments, empty), most documents first.
SELECT kind, count(*) AS documents
FROM documents
WHERE gone_at IS NULL
GROUP BY kind
ORDER BY documents DESC, kind;

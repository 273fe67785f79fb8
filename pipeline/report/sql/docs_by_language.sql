-- Documents per language (ISO 639-1; NULL: not identified), most documents first, NULL last.
SELECT language, count(*) AS documents
FROM documents
WHERE gone_at IS NULL
GROUP BY language
ORDER BY language IS NULL, documents DESC, language;

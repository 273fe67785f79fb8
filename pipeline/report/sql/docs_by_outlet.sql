-- Documents per outlet (NULL: outlet unknown), largest first and the unknown ones last.
SELECT outlet, count(*) AS documents
FROM documents
WHERE gone_at IS NULL
GROUP BY outlet
ORDER BY outlet IS NULL, documents DESC, outlet;

-- The boilerplate lines found on the most documents (see the boilerplate_lines view), shown by an
-- example of their original wording.
SELECT example, n_documents, share, n_occurrences
FROM boilerplate_lines
ORDER BY n_documents DESC, n_occurrences DESC, line
LIMIT 15;

-- The exported documents' reader comments in page order.
WITH selected AS ($selected)
SELECT c.path, c.doc_id, c.seq, c.author, c.posted, c.posted_at, c.depth, c.parent_seq, c.text
FROM comments AS c
SEMI JOIN selected AS d ON d.doc_id = c.doc_id AND d.path = c.path
ORDER BY c.path, c.doc_id, c.seq

// Make a completed load the current dataset (one statement: readers see old or new, never a mix).
// :param tag => 'load-2'
MERGE (m:CoordgraphMeta {id: 'current'})
SET m.tag = $tag, m.switched_at = timestamp()
RETURN m.tag AS tag

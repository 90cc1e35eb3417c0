// Delete one batch of the nodes (and their relationships) of a load that is not current.
// Run repeatedly until it returns 0.
// :param tag => 'load-1'
MATCH (n)
WHERE n.dataset = $tag
WITH n LIMIT 5000
DETACH DELETE n
RETURN count(*) AS deleted

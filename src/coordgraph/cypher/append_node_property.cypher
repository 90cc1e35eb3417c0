// Write one piece of a long property of one node (a text or list too long for one Bolt
// message to FalkorDB once encoded). __LABEL__ is a node kind and __KEY__ a field name of
// coordgraph's schema, never input data. The first piece sets, the others append.
// :param tag => 'load-1'
// :param id => 'alb-grc-2006'
// :param first => true
// :param value => 'first part of a long note'
MATCH (n:__LABEL__ {id: $id, dataset: $tag})
SET n.__KEY__ = CASE WHEN $first THEN $value ELSE n.__KEY__ + $value END
RETURN count(n) AS written

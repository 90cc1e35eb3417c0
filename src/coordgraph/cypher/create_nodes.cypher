// Create one batch of nodes of one label in a load's own new tag, which holds nothing
// yet (so nothing is looked up: many times faster than MERGE at a million routes).
// __LABEL__ is a node kind from coordgraph's fixed list; every value is a parameter.
// :param tag => 'load-1'
// :param rows => [{id: 'r1', props: {seq: 0, stops: ['ALB', 'GRC'], victims: ['girls']}}]
UNWIND $rows AS row
CREATE (n:__LABEL__)
SET n = row.props
SET n.id = row.id, n.dataset = $tag
RETURN count(n) AS written

// Create one batch of relationships in a load's own new tag (see create_nodes.cypher).
// __FROM__, __TO__ and __TYPE__ come from coordgraph's fixed lists.
// :param tag => 'load-1'
// :param rows => [{src: 'ALB', dst: 'alb-grc-2006', key: 'PARTY_TO', props: {}}]
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.src, dataset: $tag})
MATCH (b:__TO__ {id: row.dst, dataset: $tag})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
SET r.key = row.key, r.dataset = $tag
RETURN count(r) AS written

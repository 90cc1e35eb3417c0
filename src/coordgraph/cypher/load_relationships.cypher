// Load one batch of relationships of one type between two labels. __FROM__, __TO__ and
// __TYPE__ come from coordgraph's fixed lists; `key` tells apart parallel relationships
// (e.g. two routes over the same pair of places). Properties are replaced, not merged.
// :param tag => 'load-1'
// :param rows => [{src: 'ALB', dst: 'alb-grc-2006', key: 'PARTY_TO', props: {}}]
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.src, dataset: $tag})
MATCH (b:__TO__ {id: row.dst, dataset: $tag})
MERGE (a)-[r:__TYPE__ {key: row.key, dataset: $tag}]->(b)
SET r = row.props
SET r.key = row.key, r.dataset = $tag
RETURN count(r) AS written

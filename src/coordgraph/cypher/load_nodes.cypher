// Load one batch of nodes of one label. __LABEL__ is replaced by a node kind from
// coordgraph's fixed list (Country, Agreement, ...); every value is a parameter.
// A record's properties are replaced, not merged: a property removed from the dataset
// is removed from the server too.
// :param tag => 'load-1'
// :param rows => [{id: 'GRC', props: {label: 'Greece', iso3: 'GRC'}}]
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id, dataset: $tag})
SET n = row.props
SET n.id = row.id, n.dataset = $tag
RETURN count(n) AS written

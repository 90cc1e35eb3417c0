// Every route of the current dataset, one row each (stops as a list, `seq` its position
// in the table), for coordgraph to rebuild its route table.
// :param tag => 'load-1'
MATCH (n:Route)
WHERE n.dataset = $tag
RETURN properties(n) AS props

// The supporters and opponents of a state: who SUPPORTS or REJECTS it or its officials
// params: {"state": "SYR"}
// Browser: :param state => 'SYR'
MATCH (s:State {id: $state})
MATCH p = (x)-[r:SUPPORTS|REJECTS]->(t)
WHERE t = s OR (t)-[:AFFILIATED_WITH]->(s)
RETURN p

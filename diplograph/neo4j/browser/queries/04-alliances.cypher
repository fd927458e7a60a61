// The alliance picture: meetings, support and rejection between pairs of states,
// each official's assertions counted for the state it is affiliated with
// params: {"since": "2016-01-01", "until": "2018-12-31"}
// Browser: :param since => '2016-01-01'   then   :param until => '2018-12-31'
MATCH (x)-[r:MET_WITH|SUPPORTS|REJECTS]->(y)
WHERE r.date >= date($since) AND r.date <= date($until)
CALL (x) { MATCH (x)-[:AFFILIATED_WITH]->(s:State) RETURN DISTINCT s AS sx UNION MATCH (x:State) RETURN x AS sx }
CALL (y) { MATCH (y)-[:AFFILIATED_WITH]->(s:State) RETURN DISTINCT s AS sy UNION MATCH (y:State) RETURN y AS sy }
WITH sx, sy, r
WHERE sx <> sy
WITH sx, sy, type(r) AS kind, count(DISTINCT r) AS n
RETURN sx.name AS state, sy.name AS other,
       sum(CASE kind WHEN 'MET_WITH' THEN n ELSE 0 END) AS meetings,
       sum(CASE kind WHEN 'SUPPORTS' THEN n ELSE 0 END) AS supports,
       sum(CASE kind WHEN 'REJECTS' THEN n ELSE 0 END) AS rejects,
       sum(CASE kind WHEN 'SUPPORTS' THEN n WHEN 'REJECTS' THEN -n ELSE 0 END) AS stance
ORDER BY meetings + supports + rejects DESC, state, other

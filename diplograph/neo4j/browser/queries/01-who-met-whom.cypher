// Who met whom in a period (every MET_WITH, with the article that says so)
// params: {"since": "2017-10-01", "until": "2017-10-31"}
// Browser: :param since => '2017-10-01'   then   :param until => '2017-10-31'
MATCH p = (a)-[m:MET_WITH]->(b)
WHERE m.date >= date($since) AND m.date <= date($until)
RETURN p
ORDER BY m.date

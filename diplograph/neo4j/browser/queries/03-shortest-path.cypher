// The shortest paths between two officials through meetings, support and rejection
// params: {"from": "person:adnan-mahmoud", "to": "person:sedat-onal"}
// Browser: :param from => 'person:adnan-mahmoud'   then   :param to => 'person:sedat-onal'
MATCH p = ALL SHORTEST (a:Official {id: $from})-[:MET_WITH|SUPPORTS|REJECTS]-{1,6}(b:Official {id: $to})
RETURN p

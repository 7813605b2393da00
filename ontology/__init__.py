"""Package data (installed as ``kg.ontology``): the OWL ontology ``kg.ttl`` and named SPARQL queries ``queries/*.rq``."""

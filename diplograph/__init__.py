"""diplograph: a knowledge graph of diplomatic news."""

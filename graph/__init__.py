"""The domain: model, identity, the store interface, its backends and the queries.

``graph`` imports neither Flask nor anything from ``loaders`` or ``api``.
"""

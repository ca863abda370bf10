"""Tools for testing code built on symflux, and symflux's own tests: hypothesis strategies
for random models (:mod:`~symflux.testing.strategies`) and the comparisons every closed
form goes through (:mod:`~symflux.testing.assertions`). They need the ``test`` extra
(hypothesis); nothing in symflux imports them.
"""

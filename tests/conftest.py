"""Shared fixtures and hypothesis settings for the symflux test suite."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40,
    derandomize=True,
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

"""Shared test configuration: a deterministic hypothesis profile that does not time out on a busy machine."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "coursekit", deadline=None, derandomize=True, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("coursekit")

import pytest


@pytest.fixture
def site(live_server, django_db_serialized_rollback, tree):
    """The test tree served by a live server, put back after each journey."""
    return live_server

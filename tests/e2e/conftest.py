import pytest


@pytest.fixture
def site(tree_server, committed_db):
    """The test tree served by the session's live server."""
    return tree_server


@pytest.fixture
def tree(committed_tree):
    """In a browser journey the tree is read outside a test transaction, as the server reads it."""
    return committed_tree

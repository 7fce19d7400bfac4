import io

import pytest
from django.core.management import call_command


@pytest.fixture
def site(live_server, transactional_db):
    """The demo site served by a live server; transactional tests start from an empty
    database after the first one, so each loads the demo content itself."""
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server

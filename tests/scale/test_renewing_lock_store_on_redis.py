"""The tests of bot.rasa_integration.lock_store (tests/test_renewing_lock_store.py,
run there against the fakeredis of `python -m bot run`) against a real Redis,
as production runs it."""

import pytest

from scale_servers import install_debian_packages, redis_server
from test_renewing_lock_store import (  # noqa: F401 - collected here with this module's Redis
    test_a_lock_renewed_while_its_message_is_handled_is_given_back,
    test_a_message_keeps_its_lock_for_longer_than_the_lifetime,
    test_a_released_lock_leaves_nothing_in_redis,
    test_giving_a_lock_back_leaves_the_ticket_of_the_message_behind_it, test_a_ticket_is_renewed_only_while_it_is_valid,
    test_the_lock_of_an_instance_that_died_runs_out,
    test_two_instances_issuing_at_once_never_get_the_same_ticket)


@pytest.fixture(scope="module")
def redis_port():
    install_debian_packages()
    with redis_server() as port:
        yield port

"""ASSISTANT_CLOCK fixes the time the action server reads opening hours from (make eval)."""

from datetime import datetime

from actions import knowledge_access


def test_the_action_servers_now_is_the_fixed_local_time_when_set(monkeypatch, kb):
    knowledge_access.fixed_local_time.cache_clear()
    monkeypatch.setenv("ASSISTANT_CLOCK", "2026-11-23T10:00")
    try:
        now = knowledge_access.local_now(kb)
    finally:
        knowledge_access.fixed_local_time.cache_clear()
    assert now.replace(tzinfo=None) == datetime(2026, 11, 23, 10, 0)
    assert now.utcoffset().total_seconds() == 3600  # Oslo in November


def test_the_action_servers_now_follows_the_machine_by_default(monkeypatch, kb):
    knowledge_access.fixed_local_time.cache_clear()
    monkeypatch.delenv("ASSISTANT_CLOCK", raising=False)
    before = datetime.now().astimezone()
    try:
        now = knowledge_access.local_now(kb)
    finally:
        knowledge_access.fixed_local_time.cache_clear()
    assert before <= now <= datetime.now().astimezone()

"""Recently read sessions are kept within a budget of events, least recently used out first."""

from rasa.shared.core.events import ActionExecuted

from bot.rasa_integration.recent_sessions import RecentSessions, StoredSession


def _session(events: int) -> StoredSession:
    return StoredSession(1, events, None, [ActionExecuted("action_listen")] * events)


def test_keeps_the_most_recently_used_sessions_within_the_budget():
    recent = RecentSessions(max_events=10)
    recent.put("a", _session(4))
    recent.put("b", _session(4))
    recent.put("a", recent.take("a"))  # used again: now the most recent
    recent.put("c", _session(4))
    assert recent.take("b") is None  # the least recently used went out
    assert recent.events == 8 and len(recent) == 2
    assert len(recent.take("a").events) == 4 and len(recent.take("c").events) == 4
    assert recent.events == 0 and len(recent) == 0


def test_a_session_larger_than_the_budget_is_not_kept_and_pushes_nothing_out():
    recent = RecentSessions(max_events=10)
    recent.put("a", _session(6))
    recent.put("huge", _session(11))
    assert recent.take("huge") is None
    assert recent.take("a") is not None


def test_a_session_put_again_is_counted_once():
    recent = RecentSessions(max_events=10)
    session = _session(3)
    recent.put("a", session)
    session.extend(5, [ActionExecuted("action_listen")] * 2)
    recent.put("a", session)
    assert recent.events == 5 and len(recent) == 1

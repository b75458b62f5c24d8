from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.rasa_component import AcuteDangerClassifier


def classified(text: str, intent: str = "greet") -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9}])
    component = AcuteDangerClassifier(AcuteDangerClassifier.get_default_config())
    return component.process([message])[0]


def test_rule_layer_overrides_the_classifier():
    message = classified("hun vil ta livet sitt", intent="nlu_fallback")
    assert message.get(INTENT) == {"name": "acute_danger", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["acute_danger", "nlu_fallback"]
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("danger_type", "suicide")]


def test_harmless_message_keeps_its_intent():
    message = classified("slå sammen klassene")
    assert message.get(INTENT)["name"] == "greet"
    assert not message.get(ENTITIES)


def test_message_without_text_is_left_alone():
    message = Message(data={})
    component = AcuteDangerClassifier(AcuteDangerClassifier.get_default_config())
    assert component.process([message])[0].get(INTENT) is None

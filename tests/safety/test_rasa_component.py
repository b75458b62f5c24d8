from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_integration.components.acute_danger import AcuteDangerClassifier


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


def ranked(text: str, ranking):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    component = AcuteDangerClassifier(AcuteDangerClassifier.get_default_config())
    return component.process([message])[0]


def test_doubtful_classifier_alarm_gives_way_to_the_next_intent():
    message = ranked("han ble sparket fra jobben", [("acute_danger", 0.69), ("out_of_scope", 0.2),
                                                        ("worry_about_child", 0.05)])
    assert message.get(INTENT)["name"] == "nlu_fallback"
    message = ranked("han ble sparket fra jobben", [("acute_danger", 0.55), ("ask_duties", 0.4)])
    assert message.get(INTENT) == {"name": "ask_duties", "confidence": 0.4}


def test_sure_classifier_alarm_stands_without_rule_match():
    message = ranked("det er noe veldig galt hjemme hos dem", [("acute_danger", 0.85),
                                                                  ("worry_about_child", 0.1)])
    assert message.get(INTENT)["name"] == "acute_danger"


def test_loading_the_model_builds_the_lemmatizer_before_the_first_message():
    # The first message to a new Rasa process waited ≈ 0.13 s for spaCy (bench p99 with one conversation).
    from bot.safety import acute

    acute._default_lemmatizer.cache_clear()
    AcuteDangerClassifier.load(AcuteDangerClassifier.get_default_config(), None, None, None)
    assert acute._default_lemmatizer.cache_info().currsize == 1

"""The contract between the Python code and the Rasa domain (domain/*.yml).

Python names intents, slots, actions, forms, entities and responses only through
bot/dialogue/names.py. These tests check every one of those names against the merged
domain, the action classes against the domain's custom actions both ways, that no
string in bot/ or actions/ spells a domain name by hand, and that every name is used, so a
rename on one side only fails.
"""

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml
from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.core.domain import Domain
from rasa_sdk import Action

import actions
from bot.dialogue import names
from bot.dialogue.answers.compose import TOPIC_BUTTONS
from bot.platform.settings import PROJECT_ROOT

NAMES_MODULE = Path(names.__file__).resolve()
GROUPS = (names.Intent, names.Entity, names.Slot, names.Form, names.Action, names.Response)
SCANNED = ("bot", "actions")
# A button payload: "/intent" or "/intent{...}".
PAYLOAD = re.compile(r"^/(\w+)")
# Strings that equal a domain name and still belong where they are, with the reason.
ALLOWED: Dict[str, str] = {}


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain"))


def constants(group: type) -> Dict[str, str]:
    return {key: value for key, value in vars(group).items() if key.isupper()}


def known_in(domain: Domain) -> Dict[type, Set[str]]:
    """The domain's names for each group of bot.dialogue.names, Rasa's defaults included."""
    return {
        names.Intent: set(domain.intents),
        names.Entity: set(domain.entities),
        names.Slot: {slot.name for slot in domain.slots},
        names.Form: set(domain.form_names),
        names.Action: set(domain.action_names_or_texts) - set(domain.form_names),
        names.Response: set(domain.responses),
    }


def missing_names(domain: Domain) -> List[str]:
    """``Group.CONSTANT = value`` for each name the domain does not have."""
    return [f"{group.__name__}.{key} = {value!r}"
            for group, known in known_in(domain).items()
            for key, value in constants(group).items() if value not in known]


def test_every_name_is_in_the_domain(domain):
    assert missing_names(domain) == []


def test_an_intent_renamed_in_the_domain_only_is_caught(domain):
    renamed = [name if name != names.Intent.WORRY_ABOUT_CHILD else "worried_about_child"
               for name in domain.intents if name not in DEFAULT_INTENTS]
    changed = Domain.from_dict({**domain.as_dict(), "intents": renamed})
    assert missing_names(changed) == ["Intent.WORRY_ABOUT_CHILD = 'worry_about_child'"]


def test_the_names_module_has_each_group_and_no_duplicates():
    for group in GROUPS:
        values = list(constants(group).values())
        assert values and len(values) == len(set(values)), group.__name__


def action_classes() -> Dict[str, type]:
    """Every rasa-sdk Action defined in actions/, by the name it tells Rasa."""
    found = {}
    for module_info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and cls is not Action and cls.__module__ == module.__name__:
                found[cls().name()] = cls
    return found


def custom_actions(domain: Domain) -> Set[str]:
    return {name for name in domain.user_actions if name not in domain.responses}


def test_each_action_class_is_in_the_domain(domain):
    assert set(action_classes()) - custom_actions(domain) == set()


def test_each_custom_action_in_the_domain_has_a_class(domain):
    assert custom_actions(domain) - set(action_classes()) == set()


def domain_names(domain: Domain) -> Set[str]:
    return set().union(*known_in(domain).values())


def hand_written(domain: Domain) -> List[str]:
    """``path:line: 'text'`` for each string outside names.py that is a domain name or a
    payload naming an intent."""
    known, intents = domain_names(domain), set(domain.intents)
    found = []
    for folder in SCANNED:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            if path.resolve() == NAMES_MODULE:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                    continue
                payload = PAYLOAD.match(node.value)
                if (node.value in known or (payload and payload.group(1) in intents)) \
                        and node.value not in ALLOWED:
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {node.value!r}")
    return sorted(found)


def test_no_domain_name_is_written_outside_the_names_module(domain):
    assert hand_written(domain) == []


def names_used() -> Set[str]:
    """``Group.CONSTANT`` for each use of bot.dialogue.names in bot/ and actions/, through
    whatever local name the module imported the group as (``Action as ActionName``)."""
    used = set()
    for folder in SCANNED:
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            groups = {alias.asname or alias.name: alias.name for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom) and node.module == names.__name__
                      for alias in node.names}
            used |= {f"{groups[node.value.id]}.{node.attr}" for node in ast.walk(tree)
                     if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                     and node.value.id in groups}
    return used


def test_every_name_is_used():
    declared = {f"{group.__name__}.{key}" for group in GROUPS for key in constants(group)}
    assert declared - names_used() == set()


def test_the_scan_finds_a_hand_written_name(domain, tmp_path, monkeypatch):
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "module.py").write_text(
        'BUTTON = ("Meldeplikt", "/ask_rule")\nSLOT = "user_role"\n', encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PROJECT_ROOT", tmp_path)
    assert hand_written(domain) == ["bot/module.py:1: '/ask_rule'", "bot/module.py:2: 'user_role'"]


def test_topic_buttons_in_the_domain_are_the_ones_python_shows():
    """The domain writes the topic buttons once (a YAML anchor in base.yml); every response
    that shows one of them shows exactly the same three as bot.dialogue.answers.compose."""
    python_side = [{"title": b.title, "payload": b.payload} for b in TOPIC_BUTTONS]
    topics = {(b["title"], b["payload"]) for b in python_side}
    shown = {}
    for path in sorted((PROJECT_ROOT / "domain").glob("*.yml")):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        for name, variants in responses.items():
            for variant in variants:
                buttons = variant.get("buttons") or []
                if any((b["title"], b["payload"]) in topics for b in buttons):
                    shown[name] = buttons
    assert set(shown) == {"utter_greet", "utter_help", "utter_restart", "utter_back"}
    assert all(buttons == python_side for buttons in shown.values())
    assert (PROJECT_ROOT / "domain" / "base.yml").read_text(encoding="utf-8").count(
        "payload: /worry_about_child") == 1

"""Shared fixtures. Building the spaCy pipeline is slow, so build it once."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


@pytest.fixture(scope="session")
def norwegian_nlp():
    from bot.language.norwegian import build_norwegian_nlp

    return build_norwegian_nlp()

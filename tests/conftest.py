"""Shared fixtures. Building the spaCy pipeline is slow, so build it once."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


@pytest.fixture(scope="session")
def norwegian_nlp():
    from bot.language.norwegian import build_norwegian_nlp

    return build_norwegian_nlp()


@pytest.fixture(scope="session")
def trained_model():
    """The model `make test` trains first; a test that needs it fails without it."""
    from bot.platform.settings import PROJECT_ROOT

    model = PROJECT_ROOT / "models" / "assistent.tar.gz"
    if not model.exists():
        pytest.fail("Ingen trent modell i models/assistent.tar.gz: kjør make train (make test gjør det).")
    return model

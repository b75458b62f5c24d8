"""Only the web server may send messages to Rasa's REST channel (Rasa
was reached over the network with no authentication)."""

from pathlib import Path

import pytest
import yaml

from bot.rasa_integration.rest_channel import ResendableRestInput
from bot.platform.settings import PROJECT_ROOT

SECRET = "delt-hemmelighet-123"


@pytest.mark.parametrize("authorization, allowed", [
    (f"Bearer {SECRET}", True),
    (None, False),
    ("", False),
    (SECRET, False),
    (f"Bearer {SECRET}x", False),
    ("Bearer ", False),
])
def test_only_the_shared_secret_is_let_through(authorization, allowed):
    channel = ResendableRestInput.from_credentials({"shared_secret": SECRET})
    assert channel.is_authorized(authorization) is allowed


@pytest.mark.parametrize("credentials", [None, {}, {"shared_secret": ""}])
def test_the_channel_does_not_start_without_a_secret(credentials):
    with pytest.raises(ValueError, match="shared_secret"):
        ResendableRestInput.from_credentials(credentials)


@pytest.mark.parametrize("path", ["credentials.yml", "deploy/credentials.production.yml"])
def test_both_credentials_files_read_the_secret_from_the_environment(path):
    channels = yaml.safe_load(Path(PROJECT_ROOT / path).read_text(encoding="utf-8"))
    assert channels == {"bot.rasa_integration.rest_channel.ResendableRestInput": {
        "shared_secret": "${RASA_SHARED_SECRET}"}}

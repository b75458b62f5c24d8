"""Runtime settings, read from environment variables with safe local defaults."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"


def _int_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} må være et portnummer, fikk «{raw}».") from None
    if not 0 < value < 65536:
        raise SystemExit(f"{name} må være mellom 1 og 65535, fikk {value}.")
    return value


@dataclass(frozen=True)
class Settings:
    rasa_port: int
    action_port: int
    web_port: int
    database_url: str
    model_path: Path
    knowledge_dir: Path

    @property
    def rasa_url(self) -> str:
        return f"http://{LOOPBACK}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{LOOPBACK}:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://{LOOPBACK}:{self.web_port}"

    @classmethod
    def from_env(cls) -> "Settings":
        default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'assistent.db'}"
        return cls(
            rasa_port=_int_from_env("RASA_PORT", 5005),
            action_port=_int_from_env("ACTION_PORT", 5055),
            web_port=_int_from_env("WEB_PORT", 8080),
            database_url=os.environ.get("DATABASE_URL", "").strip() or default_db,
            model_path=Path(
                os.environ.get("MODEL_PATH", PROJECT_ROOT / "models" / "assistent.tar.gz")
            ),
            knowledge_dir=Path(os.environ.get("KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge")),
        )

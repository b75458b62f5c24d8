"""Runtime settings, read from environment variables with safe local defaults."""

import ipaddress
import os
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Optional, Tuple

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
# Redis's own port is left free for a Redis already running on the machine.
LOCAL_REDIS_PORT = 6380
REAL_REDIS_PORT = 6379
# A REDIS_HOST that is this machine: its port is one of the ports here.
THIS_MACHINE = (LOOPBACK, "localhost", "::1")
MAX_PORT = 65535


def _int_from_env(name: str, default: int, minimum: int = 1, maximum: Optional[int] = None) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} må være et heltall, fikk «{raw}».") from None
    if value < minimum or (maximum is not None and value > maximum):
        limits = f"mellom {minimum} og {maximum}" if maximum is not None else f"minst {minimum}"
        raise SystemExit(f"{name} må være {limits}, fikk {value}.")
    return value


def _seconds_from_env(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):  # also refuses nan
        raise SystemExit(f"{name} må være et positivt antall sekunder, fikk «{raw}».")
    return value


def _port_from_env(name: str, default: int) -> int:
    return _int_from_env(name, default, minimum=1, maximum=MAX_PORT)


def _bool_from_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "ja", "yes", "on"):
        return True
    if raw in ("0", "false", "nei", "no", "off"):
        return False
    raise SystemExit(f"{name} må være true eller false, fikk «{raw}».")


def _local_time_from_env(name: str) -> Optional[datetime]:
    """A local date and time such as ``2026-11-23T10:00`` (no time zone: the municipality's)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not None:
        raise SystemExit(f"{name} må være en lokal dato og tid som 2026-11-23T10:00, fikk «{raw}».")
    return value


def _origins_from_env(name: str) -> Tuple[str, ...]:
    """Comma-separated origins such as ``https://intranett.kommune.no``."""
    raw = os.environ.get(name, "")
    return tuple(origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip())


def _urls_from_env(name: str) -> Tuple[str, ...]:
    """Comma-separated base URLs such as ``http://rasa-1:5005,http://rasa-2:5005``."""
    urls = tuple(url.strip().rstrip("/") for url in os.environ.get(name, "").split(",")
                 if url.strip())
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise SystemExit(f"{name} må være en kommaseparert liste med http(s)-adresser, "
                             f"fikk «{url}».")
    return urls


def _networks_from_env(name: str) -> Tuple[str, ...]:
    """Comma-separated addresses or networks such as ``10.0.0.5,10.0.1.0/24``."""
    networks = tuple(item.strip() for item in os.environ.get(name, "").split(",") if item.strip())
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise SystemExit(f"{name} må være en kommaseparert liste med IP-adresser eller "
                             f"nettverk, fikk «{network}».") from None
    return networks


@dataclass(frozen=True)
class Settings:
    rasa_port: int
    action_port: int
    web_port: int
    database_url: str
    model_path: Path
    knowledge_dir: Path
    # Web server (bot/web). Defaults keep older callers of the constructor working.
    web_host: str = LOOPBACK
    cors_origins: Tuple[str, ...] = ()
    message_max_chars: int = 1000
    # Per conversation (sender id).
    rate_limit_per_minute: int = 40
    rate_limit_burst: int = 20
    # Per client address: a ceiling for a school or town hall behind one NAT address.
    address_rate_limit_per_minute: int = 1200
    address_rate_limit_burst: int = 400
    # Proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
    trusted_proxies: Tuple[str, ...] = ()
    # Used only until the knowledge base is loaded; then its own flag decides.
    demo_mode: bool = True
    municipality_name: str = "Kommunen"
    # Conversations older than this are deleted (python -m bot purge, and daily).
    retention_days: int = 30
    # Several Rasa instances behind the web server (RASA_URLS); empty: rasa_url.
    rasa_urls: Tuple[str, ...] = ()
    # How many Rasa processes `python -m bot run` starts, on RASA_PORT and the ports
    # after it. Rasa uses one core per process; two use both cores of a small server.
    rasa_processes: int = 1
    # An edit in knowledge/ should be live within a second: how often the supervisor looks
    # at the files (a few stat calls), and how old the action server's knowledge of the
    # stored version may get before a request asks the database again (one tiny query).
    knowledge_poll_seconds: float = 0.2
    knowledge_check_seconds: float = 0.25
    # Written by `python -m bot run` (bot/servers/supervisor.py): which services are down.
    supervisor_status_file: Optional[Path] = None
    # Sent to Rasa's REST channel with every message (bot/rasa_integration/rest_channel.py).
    rasa_shared_secret: str = ""
    # The action server as the web server's /healthz reaches it; empty: 127.0.0.1:action_port.
    action_server_url: str = ""
    # The Redis holding the Rasa processes' conversation locks (endpoints.yml). No host:
    # `python -m bot run` starts its own on 127.0.0.1 (bot/servers/lock_server.py).
    redis_host: str = ""
    redis_port: int = LOCAL_REDIS_PORT
    # The action server's local time, when it must not follow the wall clock: opening hours
    # then read the same at any hour (the dev-set evaluation, an editor checking hours).
    fixed_local_time: Optional[datetime] = None

    @property
    def rasa_url(self) -> str:
        return f"http://{LOOPBACK}:{self.rasa_port}"

    @property
    def rasa_instances(self) -> Tuple[str, ...]:
        return self.rasa_urls or (self.rasa_url,)

    @property
    def started_rasa_ports(self) -> Tuple[int, ...]:
        """The ports of the Rasa processes `python -m bot run` starts."""
        return tuple(self.rasa_port + number for number in range(self.rasa_processes))

    def refuse_overlapping_ports(self) -> None:
        """Stops `python -m bot run` before it starts anything when two of its services would
        share a port: the Rasa processes (RASA_PORT and the ports after it), ACTION_PORT,
        WEB_PORT, and REDIS_PORT when the lock store runs on this machine."""
        rasa = self.started_rasa_ports
        if self.rasa_processes == 1:
            rasa_name = f"RASA_PORT={self.rasa_port}"
        else:
            rasa_name = (f"Rasa-prosessene (RASA_PORT={self.rasa_port} og RASA_PROCESSES={self.rasa_processes} "
                         f"gir portene {rasa[0]}–{rasa[-1]})")
        if rasa[-1] > MAX_PORT:
            raise SystemExit(f"{rasa_name}: den høyeste porten er {MAX_PORT}. Velg en lavere RASA_PORT.")
        services = [(rasa_name, rasa), (f"ACTION_PORT={self.action_port}", (self.action_port,)),
                    (f"WEB_PORT={self.web_port}", (self.web_port,))]
        if not self.redis_host or self.redis_host in THIS_MACHINE:
            services.append((f"REDIS_PORT={self.redis_port}", (self.redis_port,)))
        clashes = [f"• {first} og {second} bruker begge port {min(set(first_ports) & set(second_ports))}."
                   for (first, first_ports), (second, second_ports) in combinations(services, 2)
                   if set(first_ports) & set(second_ports)]
        if clashes:
            raise SystemExit("\n".join(["To tjenester kan ikke bruke samme port:", *clashes,
                                        "Velg porter som ikke overlapper."]))

    @property
    def action_url(self) -> str:
        return self.action_server_url or f"http://{LOOPBACK}:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://{LOOPBACK}:{self.web_port}"

    @classmethod
    def from_env(cls) -> "Settings":
        default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'assistent.db'}"
        redis_host = os.environ.get("REDIS_HOST", "").strip()
        return cls(
            rasa_port=_port_from_env("RASA_PORT", 5005),
            action_port=_port_from_env("ACTION_PORT", 5055),
            web_port=_port_from_env("WEB_PORT", 8080),
            database_url=os.environ.get("DATABASE_URL", "").strip() or default_db,
            model_path=Path(
                os.environ.get("MODEL_PATH", PROJECT_ROOT / "models" / "assistent.tar.gz")
            ),
            knowledge_dir=Path(os.environ.get("KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge")),
            web_host=os.environ.get("WEB_HOST", "").strip() or LOOPBACK,
            cors_origins=_origins_from_env("WEB_CORS_ORIGINS"),
            message_max_chars=_int_from_env("WEB_MESSAGE_MAX_CHARS", 1000),
            rate_limit_per_minute=_int_from_env("WEB_RATE_LIMIT_PER_MINUTE", 40),
            rate_limit_burst=_int_from_env("WEB_RATE_LIMIT_BURST", 20),
            address_rate_limit_per_minute=_int_from_env("WEB_ADDRESS_RATE_LIMIT_PER_MINUTE",
                                                        cls.address_rate_limit_per_minute),
            address_rate_limit_burst=_int_from_env("WEB_ADDRESS_RATE_LIMIT_BURST",
                                                   cls.address_rate_limit_burst),
            trusted_proxies=_networks_from_env("WEB_TRUSTED_PROXIES"),
            demo_mode=_bool_from_env("DEMO_MODE", True),
            municipality_name=os.environ.get("MUNICIPALITY_NAME", "").strip() or "Kommunen",
            retention_days=_int_from_env("RETENTION_DAYS", 30),
            rasa_urls=_urls_from_env("RASA_URLS"),
            rasa_processes=_int_from_env("RASA_PROCESSES", min(2, os.cpu_count() or 1),
                                         maximum=8),
            knowledge_poll_seconds=_seconds_from_env("KNOWLEDGE_POLL_SECONDS",
                                                     cls.knowledge_poll_seconds),
            knowledge_check_seconds=_seconds_from_env("KNOWLEDGE_CHECK_SECONDS",
                                                      cls.knowledge_check_seconds),
            supervisor_status_file=(Path(os.environ["SUPERVISOR_STATUS_FILE"])
                                    if os.environ.get("SUPERVISOR_STATUS_FILE") else None),
            rasa_shared_secret=os.environ.get("RASA_SHARED_SECRET", "").strip(),
            action_server_url=next(iter(_urls_from_env("ACTION_SERVER_URL")), ""),
            redis_host=redis_host,
            redis_port=_port_from_env("REDIS_PORT",
                                      REAL_REDIS_PORT if redis_host else LOCAL_REDIS_PORT),
            fixed_local_time=_local_time_from_env("ASSISTANT_CLOCK"),
        )

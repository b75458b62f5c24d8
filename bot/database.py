"""Small helpers shared by every part that opens the database."""

from pathlib import Path

SQLITE_FILE_PREFIX = "sqlite:///"
SQLITE_IN_MEMORY = "sqlite:///:memory:"


def ensure_sqlite_folder(database_url: str) -> None:
    """SQLite creates the file but not its folder (the default is var/assistent.db)."""
    if database_url.startswith(SQLITE_FILE_PREFIX) and database_url != SQLITE_IN_MEMORY:
        Path(database_url[len(SQLITE_FILE_PREFIX):]).parent.mkdir(parents=True, exist_ok=True)

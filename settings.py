"""Settings of one GridSteward process, validated once at start-up and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent
EXAMPLE_DIRECTORY = PROJECT_ROOT / "examples" / "directory.yaml"
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "gridsteward.sqlite3"

# Crash-test hooks: the process exits hard at this point, as a power cut would.
FAILPOINTS = frozenset({"mid-migration", "after-inbound", "before-send", "after-send"})


class Settings(BaseSettings):
    """Everything a process needs to know; read from GRIDSTEWARD_* variables and the CLI."""

    model_config = SettingsConfigDict(env_prefix="GRIDSTEWARD_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE}",
        validation_alias=AliasChoices("DATABASE_URL", "GRIDSTEWARD_DATABASE_URL"),
    )
    directory: Path = EXAMPLE_DIRECTORY
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    log_level: str = "INFO"
    failpoint: str | None = None
    # How long a sender holds a chat without renewing it; after a crash its posts wait this long.
    outbox_lease_seconds: float = Field(default=30.0, ge=1.0)
    # How often the reminder and digest sweeps wake; what is due is read from the database.
    sweep_seconds: float = Field(default=30.0, ge=1.0)
    # The local chat lets whoever reaches it speak as anyone: loopback only, unless this is set.
    expose_local_chat: bool = False
    # Host names (comma-separated) the web server also answers to, on any port: this machine's
    # LAN name when the chat is exposed, or the name a proxy in front of it uses.
    allowed_hosts: str = ""

    def allowed_host_names(self) -> frozenset[str]:
        return frozenset(name.strip() for name in self.allowed_hosts.split(",") if name.strip())

    @field_validator("failpoint")
    @classmethod
    def _known_failpoint(cls, value: str | None) -> str | None:
        if value and value not in FAILPOINTS:
            raise ValueError(f"unknown failpoint {value!r}; known: {sorted(FAILPOINTS)}")
        return value or None

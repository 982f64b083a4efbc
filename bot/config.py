"""Configuration: every environment variable the program reads, validated in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from digests.fetch import FetchPolicy


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


CsvList = Annotated[list[str], NoDecode]


class Settings(BaseSettings):
    """GeoDigest's settings, read from the environment (and a `.env` file when present)."""

    # An empty variable (`DISCORD_GUILD_ID=` as in .env.example) means "not set", not "invalid".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # storage
    db: Path = Field(Path("geodigest.db"), validation_alias="GEODIGEST_DB")
    retention_days: int = Field(0, ge=0, validation_alias="GEODIGEST_RETENTION_DAYS")
    # unset: WARNING for the console (it talks to a person), INFO for Slack and Discord (services)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = Field(
        None, validation_alias="GEODIGEST_LOG_LEVEL"
    )
    # a file the log lines are appended to instead of standard error
    log_file: Path | None = Field(None, validation_alias="GEODIGEST_LOG_FILE")
    log_format: Literal["text", "json"] = Field("text", validation_alias="GEODIGEST_LOG_FORMAT")
    demo: Literal["auto", "always", "never"] = Field("auto", validation_alias="GEODIGEST_DEMO")

    # ingestion
    feeds: CsvList = Field(default_factory=list, validation_alias="GEODIGEST_FEEDS")
    feed_interval_minutes: int = Field(
        30, ge=1, le=7 * 24 * 60, validation_alias="GEODIGEST_FEED_INTERVAL_MINUTES"
    )
    fetch_timeout: float = Field(15.0, gt=0, le=300, validation_alias="GEODIGEST_FETCH_TIMEOUT")
    max_bytes: int = Field(5_000_000, ge=10_000, validation_alias="GEODIGEST_MAX_BYTES")
    # fetch safety: loopback/private addresses are refused unless this is set (tests, intranets)
    allow_private_urls: bool = Field(False, validation_alias="GEODIGEST_ALLOW_PRIVATE_URLS")
    fetch_ports: CsvList = Field(default_factory=lambda: ["80", "443"],
                                 validation_alias="GEODIGEST_FETCH_PORTS")
    feed_max_items: int = Field(100, ge=1, le=10_000, validation_alias="GEODIGEST_FEED_MAX_ITEMS")
    feed_max_bytes: int = Field(50_000_000, ge=10_000, validation_alias="GEODIGEST_FEED_MAX_BYTES")
    # feed health: failed polls in a row before the admin channel is told (and where it is told)
    feed_alert_after: int = Field(3, ge=1, le=1000, validation_alias="GEODIGEST_FEED_ALERT_AFTER")
    admin_channel: str | None = Field(None, validation_alias="GEODIGEST_ADMIN_CHANNEL")

    # digests and schedules
    digest_cron: str | None = Field(None, validation_alias="DIGEST_CRON")
    digest_timezone: str = Field("UTC", validation_alias="DIGEST_TIMEZONE")
    digest_channels: CsvList = Field(default_factory=list, validation_alias="DIGEST_CHANNELS")
    digest_topics: CsvList = Field(default_factory=list, validation_alias="DIGEST_TOPICS")
    schedules: str | None = Field(None, validation_alias="GEODIGEST_SCHEDULES")
    digest_threads: bool = Field(False, validation_alias="DIGEST_THREADS")
    thread_channels: CsvList = Field(default_factory=list, validation_alias="GEODIGEST_THREAD_CHANNELS")
    horizon_weeks: int = Field(4, ge=1, le=104, validation_alias="DIGEST_HORIZON_WEEKS")
    # a digest that cannot be posted is retried this many times, backing off from 2 s
    delivery_attempts: int = Field(4, ge=1, le=10, validation_alias="DIGEST_DELIVERY_ATTEMPTS")
    grace_minutes: int = Field(60, ge=0, le=7 * 24 * 60, validation_alias="DIGEST_GRACE_MINUTES")

    # watches and channel settings
    # a channel gets at most one watch alert per this many minutes (a busy hour is one message)
    watch_alert_minutes: int = Field(60, ge=0, le=24 * 60, validation_alias="GEODIGEST_WATCH_ALERT_MINUTES")
    # how often new articles are matched against the watches
    watch_check_seconds: int = Field(60, ge=5, le=3600, validation_alias="GEODIGEST_WATCH_CHECK_SECONDS")
    # who may change a channel's watches and settings on Slack (Discord: Manage Channels)
    channel_commands: Literal["admins", "everyone"] = Field(
        "admins", validation_alias="GEODIGEST_CHANNEL_COMMANDS"
    )

    # Discord
    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    discord_guild_id: int | None = Field(None, validation_alias="DISCORD_GUILD_ID")
    discord_api_base_url: str | None = Field(None, validation_alias="DISCORD_API_BASE_URL")
    discord_gateway_url: str | None = Field(None, validation_alias="DISCORD_GATEWAY_URL")

    # Slack
    slack_bot_token: SecretStr | None = Field(None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, validation_alias="SLACK_SIGNING_SECRET")
    slack_mode: Literal["socket", "http"] = Field("socket", validation_alias="SLACK_MODE")
    slack_port: int = Field(3000, ge=1, le=65535, validation_alias="SLACK_PORT")
    slack_api_base_url: str | None = Field(None, validation_alias="SLACK_API_BASE_URL")
    slack_admin_users: CsvList = Field(default_factory=list, validation_alias="SLACK_ADMIN_USERS")

    _csv = field_validator("feeds", "digest_channels", "digest_topics", "slack_admin_users", "fetch_ports",
                           "thread_channels", mode="before")(_split_csv)

    @field_validator("admin_channel")
    @classmethod
    def _admin_channel(cls, value: str | None) -> str | None:
        """A channel as schedules name them (slack:C0123, discord:123..., console:NAME)."""
        if value is None or not value.strip():
            return None
        return _target(value, "GEODIGEST_ADMIN_CHANNEL")

    @field_validator("thread_channels")
    @classmethod
    def _thread_channels(cls, value: list[str]) -> list[str]:
        return [_target(v, "GEODIGEST_THREAD_CHANNELS") for v in value]

    @field_validator("fetch_ports")
    @classmethod
    def _ports(cls, value: list[str]) -> list[str]:
        for port in value:
            if not port.isdigit() or not 1 <= int(port) <= 65535:
                raise ValueError(f"{port!r} is not a port number (e.g. 80,443,8080)")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        """`debug` and `Debug` mean DEBUG."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", "demo", "slack_mode", "channel_commands", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        """`HTTP` and `Http` mean http."""
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("digest_topics")
    @classmethod
    def _known_topics(cls, value: list[str]) -> list[str]:
        """Topics as slugs; an unknown one is refused with the known ones listed."""
        return [topic_or_error(t) for t in value]

    @field_validator("feeds")
    @classmethod
    def _feed_urls(cls, value: list[str]) -> list[str]:
        """Each feed an http(s) URL with a host."""
        for url in value:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{url!r} is not an http(s) URL (e.g. https://example.org/feed.xml)")
        return value


def _target(text: str, variable: str) -> str:
    """A channel written as schedules write it, or ValueError (pydantic names the variable)."""
    from bot.schedules import parse_target

    try:
        return str(parse_target(text, variable))
    except ConfigError as err:
        raise ValueError(str(err).removeprefix(f"{variable}: ")) from None


def fetch_policy(settings: Settings) -> FetchPolicy:
    """What article and feed fetches may reach and read, from the settings (one per process)."""
    from digests.fetch import FetchPolicy

    return FetchPolicy(
        timeout=settings.fetch_timeout, max_bytes=settings.max_bytes,
        allow_private=settings.allow_private_urls, ports=frozenset(int(p) for p in settings.fetch_ports),
        feed_max_items=settings.feed_max_items, feed_max_bytes=settings.feed_max_bytes,
    )


def topic_or_error(name: str) -> str:
    """A topic's slug, or ValueError listing the known topics."""
    from digests.topics import TOPICS, topic_slug

    slug = topic_slug(name)
    if slug is None:
        raise ValueError(f"unknown topic {name!r} (known: {', '.join(TOPICS)})")
    return slug


def country_or_error(name: str) -> str:
    """A country's ISO code, or ValueError with examples of what is known."""
    from digests.topics import country_code

    code = country_code(name)
    if code is None:
        raise ValueError(f"unknown country {name!r} (use a name or ISO code, e.g. KR, Japan, Türkiye)")
    return code


class ConfigError(Exception):
    """A setting is missing or wrong; the message names the variable."""


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings, turning pydantic's report into one line per bad variable."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        lines = []
        for problem in err.errors():
            var = str(problem["loc"][0]) if problem["loc"] else "?"
            message = str(problem["msg"]).removeprefix("Value error, ")
            lines.append(f"{var}: {message}")  # the alias, i.e. the variable's name
        raise ConfigError("invalid configuration: " + "; ".join(lines)) from None
    from bot.schedules import schedules_from_settings

    schedules_from_settings(settings)  # raises ConfigError naming the variable
    return settings

"""Watch lists in TOML (policywatch.toml): what to check, when, and whom to tell.

Every value is checked when the file is read (types, ranges, URLs, schedules, notification URLs, ignore
patterns), and each problem is one ConfigError naming the file, the watch and the key. `add`, `remove`
and the web app edit the file in place with tomlkit, so the operator's comments and layout stay."""
from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from ...errors import ConfigError, DiffError, FetchError, InputError
from ...snapshots.addresses import check_url
from ...snapshots.scope import check_selector
from ...text.ignore import check_pattern
from ..files import write_atomically
from .filters import MODES
from .schedule import period
from .watchlist import Config, Settings, Watch

if TYPE_CHECKING:  # tomlkit loads for edits only: reading a watch list (every `check`) needs tomllib alone
    import tomlkit

MAX_CONFIG_BYTES = 1024 * 1024
# (low, high) of every number a config may hold; a value outside is refused, never clamped in silence.
RANGES: dict[str, tuple[float, float]] = {
    "delay": (0, 3600), "per_host": (1, 64), "timeout": (0.5, 3600), "failures_before_alert": (1, 1000),
    "jitter": (0, 86400), "revisit_budget": (1, 1_000_000), "max_documents": (1, 100_000),
    "stalled_after": (2, 3600), "retry_backoff": (0, 86400), "give_up_after": (0, 8760),
    "max_images": (0, 100), "image_bytes": (1024, 20 * 1024 * 1024), "image_timeout": (0.5, 3600),
}  # the image settings' ranges hold for `snapshot`'s options too


def default_path() -> Path:
    env = os.environ.get("POLICYWATCH_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir("policywatch")) / "policywatch.toml"


# ---------------------------------------------------------------- checking values

def _number(key: str, value: Any, where: str) -> None:
    low, high = RANGES[key]
    if (isinstance(value, float) and not math.isfinite(value)) or not low <= value <= high:
        raise ConfigError(f"{where}: {key} must be between {low:g} and {high:g}, not {value!r}")


def check_target(url: str, where: str) -> None:
    """A notification URL Apprise knows (its scheme, and the URL's shape)."""
    import apprise

    if not isinstance(url, str) or not apprise.Apprise().add(url):
        from ..outbox.secrets import masked

        shown = masked(url) if isinstance(url, str) else repr(url)
        raise ConfigError(f"{where}: notification URL {shown!r} is not one Apprise understands (unknown scheme "
                          f"or a malformed URL)")


def check_fetching(settings: Settings, where: str) -> None:
    """allow_private (true, false, or networks and host names) and user_agent (printable ASCII: it is sent
    as an HTTP header, where other characters fail every request)."""
    from ...snapshots.addresses import Allowance

    allow = settings.allow_private
    if not isinstance(allow, bool):
        if not isinstance(allow, list):
            raise ConfigError(f"{where}: allow_private should be true, false or a list of networks and host "
                              f"names, not {type(allow).__name__}")
        try:
            Allowance(allow)
        except ValueError as error:
            raise ConfigError(f"{where}: allow_private: {error}") from None
    if not all(" " <= c <= "~" for c in settings.user_agent):
        raise ConfigError(f"{where}: user_agent must be printable ASCII on one line, not {settings.user_agent!r}")


# Characters a name may not hold: controls, format characters (bidi overrides such as U+202E, zero-width
# spaces and joiners, U+FEFF), line and paragraph separators, surrogates, private use and unassigned.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_name(name: str, where: str) -> str:
    """A watch's name in NFC (one spelling for what looks the same), refused when it holds a character that
    hides or reorders text: a name reaches every HTML, Atom, Markdown and email output."""
    name = unicodedata.normalize("NFC", name)
    bad = next((c for c in name if unicodedata.category(c) in _HIDDEN), None)
    if bad is not None:
        raise ConfigError(f"{where}: the watch name holds U+{ord(bad):04X} ({unicodedata.name(bad, 'a control')}), "
                          "a character that hides or reorders text")
    if not name.strip() or len(name) > 200:
        raise ConfigError(f"{where}: a watch needs a name of 1 to 200 printable characters")
    return name


def validate_watch(watch: Watch, where: str, check_targets: bool = True) -> None:
    from .kinds import KINDS

    watch.name = clean_name(watch.name, where)
    try:
        check_url(watch.url)
    except FetchError as error:
        raise ConfigError(f"{where}: url {watch.url!r}: {error.reason}") from None
    if watch.kind not in KINDS:
        raise ConfigError(f"{where}: kind {watch.kind!r} is not one of {', '.join(sorted(KINDS))}")
    _number("jitter", watch.jitter, where)
    try:
        period(watch.schedule)  # what trigger_for refuses, without loading APScheduler for `every N`
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None
    for host in watch.follow_hosts:
        if not re.fullmatch(r"(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", host):
            raise ConfigError(f"{where}: follow_hosts: {host!r} is not a host name (or *.name)")
    _headers("headers", watch.headers, where)
    for key in ("select", "exclude"):
        if getattr(watch, key):
            try:
                check_selector(getattr(watch, key))
            except InputError as error:
                raise ConfigError(f"{where}: {key}: {error}") from None
    if watch.match not in MODES:
        raise ConfigError(f"{where}: match must be one of {', '.join(MODES)}, not {watch.match!r}")
    for pattern in watch.keywords:
        try:
            check_pattern(pattern)
        except DiffError as error:
            raise ConfigError(f"{where}: keywords: {error}".replace("ignore pattern", "pattern")) from None
    for pattern in watch.ignore:
        try:
            check_pattern(pattern)
        except DiffError as error:
            raise ConfigError(f"{where}: {error}") from None
    if check_targets:
        for target in watch.notify:
            check_target(target, where)


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}")
_FIXED = {"host", "content-length", "transfer-encoding", "connection", "if-none-match", "if-modified-since"}


def _headers(key: str, value: Any, where: str) -> None:
    """Request headers a watch adds: names HTTP allows, one-line values, none the fetcher sets itself."""
    if not isinstance(value, dict) or len(value) > 20:
        raise ConfigError(f"{where}: {key} should be a table of at most 20 Header-Name = \"value\"")
    for name, text in value.items():
        if not _TOKEN.fullmatch(name) or name.lower() in _FIXED:
            raise ConfigError(f"{where}: {key}: {name!r} is not a header a watch may set")
        if not isinstance(text, str) or len(text) > 1000 or any(ord(c) < 32 or ord(c) == 127 for c in text):
            raise ConfigError(f"{where}: {key}: {name} should be one line of text (at most 1000 characters)")


def _typed(cls: type, data: Any, where: str) -> Any:
    """A dataclass from a TOML table, every key known and of its declared type."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: should be a table")
    declared = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(declared))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(declared))})")
    for key, value in data.items():
        expected = str(declared[key].type)
        ok: Any = {"str": str, "int": int, "float": (int, float), "bool": bool, "list[str]": list}.get(expected)
        if ok and (not isinstance(value, ok) or (ok in (int, (int, float)) and isinstance(value, bool))):
            raise ConfigError(f"{where}: {key} should be {expected}, not {type(value).__name__}")
        if expected == "list[str]" and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key} should be a list of strings")
        if expected == "dict[str, str]":
            _headers(key, value, where)
        elif expected.startswith("dict") and not (isinstance(value, dict) and all(
                isinstance(v, list) and all(isinstance(u, str) for u in v) for v in value.values())):
            raise ConfigError(f"{where}: {key} should be a table of tag = [\"apprise-url\", ...]")
        if key in RANGES:
            _number(key, value, where)
    missing = [name for name in ("name", "url") if name in declared and name not in data]
    if missing:
        raise ConfigError(f"{where}: missing required key {missing[0]!r}")
    return cls(**data)


def typed_watch(data: Any, where: str) -> Watch:
    """A watch from a table someone sent (the JSON API): every key known and of its declared type."""
    return _typed(Watch, data, where)  # type: ignore[no-any-return]


def parse(path: Path, data: dict[str, Any]) -> Config:
    unknown = sorted(set(data) - {"settings", "watch"})
    if unknown:
        raise ConfigError(f"{path}: unknown section {unknown[0]!r} (known: settings, watch)")
    settings = _typed(Settings, data.get("settings", {}), f"{path} [settings]")
    check_fetching(settings, f"{path} [settings]")
    for target in [*settings.notify, *(t for ts in settings.tag_notify.values() for t in ts)]:
        check_target(target, f"{path} [settings]")
    raw = data.get("watch", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: 'watch' must be an array of tables ([[watch]])")
    watches = []
    for n, item in enumerate(raw, 1):
        watch = _typed(Watch, item, f"{path} watch #{n}")
        validate_watch(watch, f"{path} watch #{n} ({watch.name})")
        watches.append(watch)
    names = [w.name for w in watches]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise ConfigError(f"{path}: two watches are named {duplicate!r}")
    return Config(path, settings, watches)


def _read(path: Path) -> str:
    try:
        if not path.is_file():
            raise ConfigError(f"{path}: not a file")
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: over {MAX_CONFIG_BYTES // 1024} KiB; not a watch list")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None


def load(path: Path | str | None = None, missing_ok: bool = True) -> Config:
    """Parse and validate; every problem is one ConfigError naming the file and the key."""
    path = Path(path) if path else default_path()
    if not path.exists():
        if missing_ok:
            return Config(path)
        raise ConfigError(f"{path}: no such config file (write one with `policywatch init`)")
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML ({exc})") from None
    except (RecursionError, MemoryError):
        raise ConfigError(f"{path}: nested too deeply to be a watch list") from None
    return parse(path, data)


# ---------------------------------------------------------------- editing in place

def _document(path: Path) -> tomlkit.TOMLDocument:
    import tomlkit

    return tomlkit.parse(_read(path)) if path.exists() else tomlkit.document()


def _write(path: Path, document: tomlkit.TOMLDocument) -> None:
    """Atomically, after checking the result parses: a failed edit leaves the file as it was."""
    text = document.as_string()
    parse(path, tomllib.loads(text))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror})") from None


def _table(watch: Watch) -> Any:
    import tomlkit

    table = tomlkit.table()
    defaults = Watch("", "")
    for item in fields(Watch):
        value = getattr(watch, item.name)
        if item.name in ("name", "url") or value != getattr(defaults, item.name):
            table[item.name] = value
    return table


def add_watch(path: Path, watch: Watch) -> None:
    import tomlkit

    document = _document(path)
    existing = document.get("watch")
    if existing is not None and any(unicodedata.normalize("NFC", str(item.get("name"))) == watch.name
                                    for item in existing):
        raise ConfigError(f"{path}: a watch named {watch.name!r} exists already")
    if existing is None or (not isinstance(existing, tomlkit.items.AoT) and not existing):
        if existing is not None:  # `watch = []`: an empty inline array becomes an array of tables
            del document["watch"]
        document.append("watch", tomlkit.aot())
    document["watch"].append(_table(watch))
    _write(path, document)


def replace_watch(path: Path, name: str, watch: Watch) -> None:
    """Edit one watch in place (the web app's form): its keys change, the comments around it stay."""
    document = _document(path)
    for item in document.get("watch", []):
        if str(item.get("name")) == name:
            new = _table(watch)
            for key in list(item.keys()):
                if key not in new:
                    del item[key]
            for key, value in new.items():
                item[key] = value
            _write(path, document)
            return
    raise ConfigError(f"{path}: no watch named {name!r}")


def remove_watch(path: Path, name: str) -> None:
    document = _document(path)
    watches = document.get("watch", [])
    for index, item in enumerate(watches):
        if str(item.get("name")) == name:
            del watches[index]
            _write(path, document)
            return
    raise ConfigError(f"{path}: no watch named {name!r}")

"""Fetching, cleaning and storing snapshots of published pages."""
from .clean import CLEANER_VERSION, clean, clean_html, clean_text
from .document import Attachment, Document
from .errors import FetchError, InputError, PolicywatchError, StoreError
from .normal import normal_form, text_hash

__all__ = ["CLEANER_VERSION", "clean", "clean_html", "clean_text", "Attachment", "Document", "FetchError",
           "InputError", "PolicywatchError", "StoreError", "normal_form", "text_hash"]
from .fetch import FetchPolicy, Fetcher, Response
from .snapshot import document_from, snapshot
from .store import Outcome, Store, Version

__all__ += ["FetchPolicy", "Fetcher", "Response", "document_from", "snapshot", "Outcome", "Store", "Version"]

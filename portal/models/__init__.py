"""The portal's models: the floor every app builds on.

- ``base``: ``PortalPage`` (every page type), ``SiteRootPage`` (the network home and each
  municipality home), ``NetworkListingPage``;
- ``network``: GZM's network home;
- ``legal``: the pages the law asks of every site;
- ``settings``: per-site contact data and the network's analytics setting;
- ``taxonomy``: the statutory task areas shared by every municipality.
"""

from .base import RICH_TEXT_FEATURES, NetworkListingPage, PortalPage, SiteRootPage
from .legal import (
    AccessibilityStatementPage,
    EasyReadPage,
    InaccessibleContent,
    PrivacyNoticePage,
    SignLanguagePage,
)
from .network import NetworkHomePage
from .settings import AnalyticsSettings, SiteContactSettings
from .taxonomy import TaskArea

__all__ = [
    "RICH_TEXT_FEATURES",
    "AccessibilityStatementPage",
    "AnalyticsSettings",
    "EasyReadPage",
    "InaccessibleContent",
    "NetworkHomePage",
    "NetworkListingPage",
    "PortalPage",
    "PrivacyNoticePage",
    "SignLanguagePage",
    "SiteContactSettings",
    "SiteRootPage",
    "TaskArea",
]
